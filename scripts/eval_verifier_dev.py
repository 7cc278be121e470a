"""The verifier's development set, each report asked alone, as the product is used.

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/eval_verifier_dev.py [--weights FILE]

Reads `scripts/data/verifier_dev.jsonl` (see `verifier_dev.md`: written to choose among
verifier variants, never to fit them) and prints, per kind of question, how many were answered
right and how many declined; off-topic English questions are asked of the first report.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    from bot.answering.scorer import DEFAULT_WEIGHTS_PATH
    from bot.answering.service import AnsweringService
    from bot.evaluation import answer_key
    from bot.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS_PATH)
    parser.add_argument("--data", type=Path, default=ROOT / "scripts/data/verifier_dev.jsonl")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line]
    by_report: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_report[row["report"]].append(row)
    off_topic = by_report.pop("", [])
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    with tempfile.TemporaryDirectory() as work:
        for number, (report, items) in enumerate(sorted(by_report.items())):
            corpus = Path(work) / f"corpus-{number}"
            corpus.mkdir()
            shutil.copy(ROOT / "tests/data/reports" / report, corpus / report)
            settings = Settings.from_env().with_overrides(
                corpus_dir=corpus, index_path=Path(work) / f"index-{number}"
            )
            service = AnsweringService(settings, scorer_path=args.weights)
            service.load()
            for row in items + (off_topic if number == 0 else []):
                answer = service.ask(row["question"], k=3)
                key = answer_key(answer.text, service.normalizer)
                golds = [answer_key(g, service.normalizer) for g in row["answers"]]
                hit = any(g and g in key for g in golds)
                right = (not answer.abstained and hit) if golds else answer.abstained
                counts = tally[row["kind"]]
                counts[0] += right
                counts[1] += answer.abstained
                counts[2] += 1
    for kind, (right, declined, total) in sorted(tally.items()):
        print(f"{kind:18s} right {right:3d} / {total:3d}   declined {declined:3d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
