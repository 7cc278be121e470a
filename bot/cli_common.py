"""What the `pasokh` commands share: opening and loading the service, printing an answer.

The commands call `cli_common.open_service` through this module, so a test can substitute
the service (e.g. one with the fake encoder) for every command at once.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.answering.types import IndexReport
from bot.settings import Settings

EMPTY_QUESTION = "پرسش خالی است؛ لطفاً پرسشی بنویسید."
EMPTY_CORPUS = "هیچ سند خوانایی در پوشهٔ اسناد نیست: {folder}"
CORPUS_CHANGED = (
    "note: the documents changed since the index was built; answering from the existing index"
    " (run `pasokh index` to update it)"
)


def open_service(settings: Settings, scorer: str | None = None):
    """The answering service of these settings (nothing loads until `load_service`)."""
    from bot.answering.service import AnsweringService

    return AnsweringService(settings, scorer=scorer)


def workspace_for(settings: Settings, label: str, key: str) -> Path:
    """`data/eval/<label>-<hash of key>`: where one eval's corpus copy and index live."""
    import hashlib

    digest = hashlib.sha1(key.encode()).hexdigest()[:10]
    return settings.data_dir / "eval" / f"{label}-{digest}"


def corpus_index_path(settings: Settings, corpus: Path) -> Path:
    """The index of a corpus folder given with `--corpus` (and no `--index`): its own, so
    `pasokh ask --corpus DIR` answers from DIR, and neither it nor an eval rebuilds the
    product's index."""
    return workspace_for(settings, f"corpus-{corpus.name}", str(corpus.resolve())) / "index"


def load_service(
    service, *, write: bool = True, always_list_skipped: bool = False
) -> IndexReport | None:
    """Loads the index; None, after a message, if it can't.

    Writers (`index`, `eval`) build what changed, under the index folder's lock. Readers
    (`ask`, `chat`; `write=False`) answer from the newest complete index on disk and only note
    when the corpus has changed since; they build only when there is no usable index.
    Skipped files are listed by the call that built the index (once per change, not on every
    `ask`), or always with `always_list_skipped` (`pasokh index`).
    """
    from bot.answering.scorer import ScorerWeightsError
    from bot.answering.service import EmptyCorpusError
    from embeddings.progress import StderrProgress, reporting_to

    try:
        with reporting_to(StderrProgress(interval=service.settings.progress_seconds)):
            report = service.load(write=write)
    except EmptyCorpusError:
        print(EMPTY_CORPUS.format(folder=service.settings.corpus_dir), file=sys.stderr)
        return None
    except OSError as exc:
        print(f"error: could not write the index in {service.settings.index_dir}: {exc}",
              file=sys.stderr)  # fmt: skip
        return None
    except ScorerWeightsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    if getattr(service, "corpus_changed", False):
        print(CORPUS_CHANGED, file=sys.stderr)
    if report.rebuilt or always_list_skipped:
        for name, why in report.skipped.items():
            print(f"warning: skipped {name}: {why}", file=sys.stderr)
    return report


def print_answer(answer, as_json: bool, passages: int = 1) -> None:
    """Prints an answer as one JSON line, or as plain text with `passages` sources."""
    from bot.plain_rendering import render_answer_plain

    if as_json:
        print(json.dumps(answer.to_json_dict(), ensure_ascii=False), flush=True)
    else:
        print(render_answer_plain(answer, passages=passages), flush=True)
