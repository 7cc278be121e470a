"""Which fusion of dense and BM25 retrieval finds the passage: dense, BM25, RRF, convex mixes.

Run: `python -m benchmarks.fusion_study [--out FILE]`. Uses the default model and the same
indexes `pasokh eval` builds (ParsiNLU dev passages; the meeting report), and scores
passage@1/@3 exactly as `pasokh eval` does (a gold answer inside the passage).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from bot.answering.service import AnsweringService
from bot.evaluation import answer_key, read_eval_file, write_passage_corpus
from bot.settings import Settings
from embeddings.hybrid_retriever import _min_max

REPO = Path(__file__).resolve().parents[1]
SETS = {
    "parsinlu": REPO.parent / "shared" / "data" / "parsinlu_rc_dev.jsonl",
    "meeting": REPO / "tests" / "data" / "meeting_report_questions.jsonl",
}
WEIGHTS = (0.3, 0.5, 0.6, 0.7, 0.8, 0.9)
RRF_K = 60


def _service(name: str, path: Path, data_dir: Path) -> tuple[AnsweringService, list]:
    items, passages = read_eval_file(path)
    corpus = REPO / "corpus"
    if passages:
        corpus = write_passage_corpus(passages, data_dir / name / "corpus")
    settings = Settings.from_env(env_file=None).with_overrides(
        corpus_dir=corpus, index_path=data_dir / name / "index", data_dir=REPO / "data"
    )
    service = AnsweringService(settings)
    service.load()
    return service, [item for item in items if item.answers]


def _rankings(service: AnsweringService, question: str) -> dict[str, np.ndarray]:
    """Chunk orderings, best first, for each fusion method."""
    searcher = service._searcher
    normalized = service.normalizer.normalize(question)
    terms = service.normalizer.tokens_of_normalized(normalized)
    vector = service._question_vector(normalized)
    dense = searcher.data.chunk_vectors @ vector
    lexical = searcher.retriever.lexical_scores(terms)
    ids = np.arange(len(dense))
    orders = {
        "dense": np.lexsort((ids, -dense)),
        "bm25": np.lexsort((ids, -lexical)),
    }
    ranks_dense = np.empty_like(ids)
    ranks_dense[orders["dense"]] = ids
    ranks_bm25 = np.empty_like(ids)
    ranks_bm25[orders["bm25"]] = ids
    rrf = 1 / (RRF_K + ranks_dense + 1) + 1 / (RRF_K + ranks_bm25 + 1)
    orders["rrf"] = np.lexsort((ids, -rrf))
    for weight in WEIGHTS:
        fused = weight * _min_max(dense) + (1 - weight) * _min_max(lexical)
        orders[f"convex {weight:.1f}"] = np.lexsort((ids, -fused))
    return orders


def study(data_dir: Path) -> dict:
    """passage@1 and passage@3 of every method on every set."""
    results: dict = {}
    for name, path in SETS.items():
        if not path.exists():
            continue
        service, items = _service(name, path, data_dir)
        data = service._searcher.data
        keys = [
            answer_key(data.documents[c["doc"]]["text"][c["start"] : c["end"]], service.normalizer)
            for c in data.chunks
        ]
        hits: dict[str, list[int]] = {}
        for item in items:
            golds = [answer_key(g, service.normalizer) for g in item.answers]
            for method, order in _rankings(service, item.question).items():
                top = [any(g and g in keys[c] for g in golds) for c in order[:3]]
                row = hits.setdefault(method, [0, 0])
                row[0] += top[0]
                row[1] += any(top)
        results[name] = {
            method: {"passage_at_1": p1 / len(items), "passage_at_3": p3 / len(items)}
            for method, (p1, p3) in hits.items()
        } | {"questions": len(items)}
    return results


def main() -> None:
    """Prints a markdown table and writes JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "fusion.json")
    parser.add_argument("--work", type=Path, default=REPO / "data" / "eval-fusion")
    args = parser.parse_args()
    results = study(args.work)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1))
    for name, table in results.items():
        print(f"\n{name} ({table['questions']} answerable questions)\n")
        print("| method | passage@1 | passage@3 |\n|---|---|---|")
        for method, figures in table.items():
            if method != "questions":
                p1, p3 = figures["passage_at_1"], figures["passage_at_3"]
                print(f"| {method} | {p1:.3f} | {p3:.3f} |")


if __name__ == "__main__":
    main()
