"""Grouped k-fold CV of the ranker as answering uses it: is the gold answer in the shown span?

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/fit_cv_span.py [--folds 5] [--seeds 10 11]

`scripts/fit_cv.py` scores the ranker's top sentence. Answering shows that sentence with a
neighbour when it helps (`answer_span.answer_sentences`, which reads the ranker's scores of
the neighbours too), so a ranker can lose top sentences and still show the answer. This runs
the same folds (by train passage, `fit_cv.fold_of_passages`) through `extractor.extract` with
each fold's ranker and counts a held-out plain Persian question right when the extracted text
holds a gold answer (`answer_key`): the fit's "train answer@1 before declines", out of fold.
Only train is read; dev never. Slower than `fit_cv.py` (it needs the corpus and index).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answering.features import VERIFY_FEATURES  # noqa: E402
from bot.answering.language import LANGUAGES  # noqa: E402
from bot.answering.scorer import AnswerScorer, LinearModel  # noqa: E402
from scripts.fit_candidates import (  # noqa: E402
    add_data_arguments,
    prepare,
    with_fixed_hash_seed,
)
from scripts.fit_cv import (  # noqa: E402
    Fitter,
    columns_of,
    fit_pairwise,
    fold_of_passages,
    print_variants,
)
from scripts.fit_linear import fit_listwise  # noqa: E402


@dataclass(frozen=True)
class ColumnRanker:
    """A ranker over derived columns (`fit_cv.columns_of`), scoring raw candidate features."""

    model: LinearModel
    columns: Callable[[np.ndarray], np.ndarray]

    def score(self, x: np.ndarray) -> np.ndarray:
        """Scores rows of `SENTENCE_FEATURES`."""
        return self.model.score(self.columns(x))


def span_cross_validate(
    prepared,
    fit: Fitter,
    l2: float,
    folds: int,
    seed: int,
    columns: Callable[[np.ndarray], np.ndarray],
) -> np.ndarray:
    """Out-of-fold answer@1 (gold in the extracted text) of the plain Persian questions, per
    fold."""
    from bot.evaluation import answer_key

    rows = [r for r in prepared.collected if r[0].answerable and not r[0].corpus]
    fold = fold_of_passages([r[0].own_doc for r in rows], folds, seed)
    extractor, data, normalizer = prepared.extractor, prepared.data, prepared.normalizer
    size = len(VERIFY_FEATURES)
    placeholder = LinearModel(np.zeros(size), np.ones(size), np.zeros(size))
    scores = np.zeros(folds)
    for k in range(folds):
        train = [(columns(r[7]), r[8]) for r in rows if fold[r[0].own_doc] != k and r[8].any()]
        ranker = ColumnRanker(fit(train, l2), columns)
        extractor.scorer = AnswerScorer(
            ranker,
            dict.fromkeys(LANGUAGES, placeholder),
            dict.fromkeys(LANGUAGES, 0.5),
            prepared.model,
        )
        hits = []
        for item, normalized, terms, words, vector, ranked, corpus, _, _, golds in rows:
            if fold[item.own_doc] != k or item.group != "fa":
                continue
            in_corpus = corpus[0]
            got = extractor.extract(
                normalized, terms, vector, ranked, in_corpus=in_corpus, question_words=words
            )
            text = data.documents[got.doc_id]["text"][got.start : got.end]
            hits.append(any(g in answer_key(text, normalizer) for g in golds))
        scores[k] = np.mean(hits)
    return scores


def main() -> int:
    with_fixed_hash_seed()
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    add_data_arguments(parser)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, nargs="+", default=[10, 11], help="fold seeds")
    args = parser.parse_args()
    args.small_corpora = 0
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    prepared = prepare(args)
    variants = [
        *((f"listwise l2={l2:g}", fit_listwise, l2, columns_of()) for l2 in (1, 0.1, 10)),
        ("pairwise l2=10", fit_pairwise, 10.0, columns_of()),
        (
            "+ coverage×top_passage",
            fit_listwise,
            1.0,
            columns_of(products=(("coverage", "top_passage"),)),
        ),
    ]
    print_variants(
        variants,
        args.seeds,
        lambda fit, l2, seed, columns: span_cross_validate(
            prepared, fit, l2, args.folds, seed, columns
        ),
        width=28,
        delta_mark="Δ ",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
