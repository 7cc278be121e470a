"""Reading the corpus: files (.txt, .md, .docx, .pdf) → documents, hard-wrapped lines joined."""

from __future__ import annotations

import hashlib
import itertools
import logging
import re
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.answering.types import DocumentError
from embeddings.progress import READING, report
from embeddings.readers import SUPPORTED_SUFFIXES, extract_text

logger = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = SUPPORTED_SUFFIXES
_SENTENCE_END = re.compile(r"[.!?؟…]['\"»)\]]*$")
_BLOCK_START = re.compile(r"^(#{1,6}\s|[-*•]\s|\d+[.)]\s|[۰-۹]+[.)]\s|>)")
_LIST_ITEM = re.compile(r"^([-*•]\s|\d+[.)]\s|[۰-۹]+[.)]\s)")


@dataclass(frozen=True)
class Document:
    """One corpus document.

    Attributes:
        name: File name relative to the corpus folder (the answer's source).
        text: Text with hard-wrapped lines joined; paragraphs separated by a blank line.
        sha256: Hash of the file's bytes, to skip re-embedding unchanged documents.
    """

    name: str
    text: str
    sha256: str

    @property
    def heading(self) -> str:
        """The leading heading-like paragraphs (a kicker and a headline), or ""."""
        heads: list[str] = []
        for paragraph in self.text.split("\n\n")[:2]:
            line = paragraph.strip().lstrip("#").strip()
            if not line or len(line) > 120 or line.endswith((".", "؟", "?", "!")):
                break
            heads.append(line)
        return " ".join(heads)

    @property
    def title(self) -> str:
        """The heading, else the file name: what to call the document when listing it."""
        return self.heading or Path(self.name).stem.replace("-", " ").replace("_", " ")


def _wrapped_item(line: str, short: float) -> bool:
    """A list item cut by the wrap: as long as the wrapped lines, no sentence end."""
    return (
        _LIST_ITEM.match(line) is not None
        and len(line) >= short
        and _SENTENCE_END.search(line) is None
    )


def repair_hard_wraps(text: str) -> str:
    """Joins lines that a fixed-width wrap broke mid-sentence.

    A line break ends a paragraph only where the line ends a sentence (., ؟, !, …), where
    the line is much shorter than the document's wrapped lines (a heading), or where the next
    line starts a heading or list item; a heading line stands alone, a list item runs on to
    its wrapped lines. A blank line ends a paragraph too, except in files that put one after
    (nearly) every line, as some hard-wrapped exports do.

    Args:
        text: Raw document text.

    Returns:
        Paragraphs separated by "\\n\\n", each on one line with single spaces.
    """
    raw_lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    lines: list[str] = []
    blank_after: list[bool] = []
    for line in raw_lines:
        if line:
            lines.append(line)
            blank_after.append(False)
        elif blank_after:
            blank_after[-1] = True
    if not lines:
        return ""
    # Blank lines mark paragraphs, unless the file puts one after (nearly) every line.
    blanks_mean_paragraphs = sum(blank_after[:-1]) < 0.8 * max(1, len(lines) - 1)
    lengths = sorted(len(line) for line in lines)
    wrap_width = lengths[int(0.75 * (len(lengths) - 1))] if len(lengths) >= 4 else 0
    short = 0.6 * wrap_width if len(lengths) >= 4 else statistics.mean(lengths) + 1
    paragraphs: list[list[str]] = [[lines[0]]]
    for i, (prev, line) in enumerate(itertools.pairwise(lines)):
        ends_paragraph = (
            _SENTENCE_END.search(prev) is not None
            or len(prev) < short
            or (blanks_mean_paragraphs and blank_after[i])
            or _BLOCK_START.match(line) is not None
            # a heading stands alone; a list item wrapped at full width runs on
            or (_BLOCK_START.match(prev) is not None and not _wrapped_item(prev, short))
        )
        if ends_paragraph:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return "\n\n".join(" ".join(p) for p in paragraphs)


def load_corpus(
    corpus_dir: Path, known_texts: Mapping[str, str] | None = None
) -> tuple[list[Document], dict[str, str]]:
    """Reads every supported document under `corpus_dir` (.txt, .md, .docx, .pdf).

    Files are read by `embeddings.readers.extract_text`, the reader that Telegram uploads go
    through, with the same guards. Unreadable files are skipped, so one bad file never stops
    the rest from being indexed; the caller reports them (once, not here too).

    Args:
        corpus_dir: Folder of documents (searched recursively; hidden files are ignored).
        known_texts: {sha256 of a file's bytes: its document text} from the index, so
            unchanged .pdf/.docx files are not extracted again on every start.

    Returns:
        The documents sorted by name, and {file name: why it was skipped}.
    """
    documents: list[Document] = []
    skipped: dict[str, str] = {}
    known_texts = known_texts or {}
    files = corpus_files(corpus_dir)
    for done, (path, name) in enumerate(files, start=1):
        report(READING, done, len(files), "files")
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            skipped[name] = f"unsupported file type (supported: {', '.join(DOCUMENT_SUFFIXES)})"
            logger.debug("Skipping %s: %s", name, skipped[name])
            continue
        data = path.read_bytes()
        sha256 = hashlib.sha256(data).hexdigest()
        text = known_texts.get(sha256)
        if text is None:
            try:
                text = repair_hard_wraps(extract_text(name, data))
            except DocumentError as exc:
                skipped[name] = str(exc)
                logger.debug("Skipping %s: %s", name, exc)
                continue
        documents.append(Document(name, text, sha256))
    return documents, skipped


def corpus_files(corpus_dir: Path) -> list[tuple[Path, str]]:
    """(path, name relative to the folder) of every visible file under `corpus_dir`, sorted."""
    if not corpus_dir.is_dir():
        return []
    found = []
    for path in sorted(p for p in corpus_dir.rglob("*") if p.is_file()):
        name = path.relative_to(corpus_dir).as_posix()
        if not any(part.startswith(".") for part in Path(name).parts):
            found.append((path, name))
    return found
