"""Grouped k-fold cross-validation of the answer-sentence ranker on ParsiNLU train.

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/fit_cv.py [--folds 5] [--seeds 10 11]

Reads only what `scripts/fit_candidates.py` prepares (train, its English twins); never dev.
Questions are split by their train passage, so all questions of a passage sit in one fold
(a passage's questions share sentences: a split by question lets a fold learn the very
sentence it is tested on). Every fold fits the ranker as the fit does (on the answerable
Persian and English questions of the other folds that have a positive candidate) and scores
the held-out plain Persian questions: CV answer@1 is the share of them whose top-ranked
candidate holds a gold answer (`answer_key`), before declines; a question whose candidates
hold no answer counts as a miss. Printed per variant as mean ± standard deviation over folds,
for each fold seed. Deterministic: fixed seeds, full-batch L-BFGS, PYTHONHASHSEED=0.

The candidates' features are collected once and cached under `data/fit/` (keyed by the fit's
question-vector cache and the feature names), so comparing variants takes seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answering.features import SENTENCE_FEATURES  # noqa: E402
from bot.answering.scorer import LinearModel  # noqa: E402
from scripts.fit_candidates import (  # noqa: E402
    add_data_arguments,
    with_fixed_hash_seed,
)
from scripts.fit_linear import fit_listwise, standardizer  # noqa: E402

Group = tuple[np.ndarray, np.ndarray]
Fitter = Callable[[list[Group], float], LinearModel]


@dataclass(frozen=True)
class Question:
    """One question asked of all of train: its passage, whether it is plain Persian, its
    candidates' features and which candidates hold a gold answer."""

    passage: int
    plain: bool
    x: np.ndarray
    y: np.ndarray


def fold_of_passages(passages: list[int], folds: int, seed: int) -> dict[int, int]:
    """Fold of each passage: the sorted distinct passages shuffled with `seed`, dealt in turn."""
    order = sorted(set(passages))
    random.Random(seed).shuffle(order)
    return {p: i % folds for i, p in enumerate(order)}


def fit_pairwise(groups: list[Group], l2: float) -> LinearModel:
    """RankNet linear ranker: mean logistic loss over (positive, negative) pairs per question."""
    from scipy.optimize import minimize

    mean, scale = standardizer(np.concatenate([x for x, _ in groups]))
    diffs = []
    for x, y in groups:
        z = (x - mean) / scale
        positive, negative = z[y.astype(bool)], z[~y.astype(bool)]
        if len(positive) and len(negative):
            pairs = (positive[:, None, :] - negative[None, :, :]).reshape(-1, z.shape[1])
            diffs.append((pairs, 1.0 / len(pairs)))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 * l2 * w @ w, l2 * w
        for pairs, weight in diffs:
            margin = pairs @ w
            total += weight * float(np.sum(np.logaddexp(0.0, -margin)))
            grad = grad - weight * (pairs.T @ (1.0 / (1.0 + np.exp(margin))))
        return float(total), grad

    result = minimize(loss, np.zeros(len(mean)), jac=True, method="L-BFGS-B")
    return LinearModel(mean, scale, result.x)


def cross_validate(
    questions: list[Question],
    fit: Fitter,
    l2: float,
    folds: int,
    seed: int,
    columns: Callable[[np.ndarray], np.ndarray] = lambda x: x,
) -> np.ndarray:
    """CV answer@1 of the plain Persian questions, one value per fold.

    Args:
        questions: Every answerable question asked of all of train.
        fit: Fits a ranker on (features, labels) groups with an L2 strength.
        l2: That strength.
        folds: How many folds; the questions of one passage share a fold.
        seed: Shuffles the passages before they are dealt to folds.
        columns: Turns a candidate feature matrix into the one the variant ranks with.
    """
    fold = fold_of_passages([q.passage for q in questions], folds, seed)
    scores = np.zeros(folds)
    for k in range(folds):
        train = [(columns(q.x), q.y) for q in questions if fold[q.passage] != k and q.y.any()]
        model = fit(train, l2)
        held = [q for q in questions if fold[q.passage] == k and q.plain]
        hits = [bool(q.y[int(np.argmax(model.score(columns(q.x))))]) for q in held]
        scores[k] = np.mean(hits) if hits else 0.0
    return scores


def collect_questions(args: argparse.Namespace) -> list[Question]:
    """The answerable questions asked of all of train, their features and labels (cached)."""
    import scripts.fit_candidates as fit_script

    names = "|".join(SENTENCE_FEATURES + EXTRA)
    train_hash = hashlib.sha256(args.train.read_bytes()).hexdigest()[:12]
    vector_caches = sorted(p.name for p in args.work.glob("query-vectors-*.npz"))
    key = hashlib.sha1(f"{names}|{train_hash}|{vector_caches}".encode()).hexdigest()[:12]
    cache = args.work / f"cv-candidates-{key}.npz"
    if not cache.exists():
        args.small_corpora = 0  # the ranker learns from questions asked of all of train only
        prepared = fit_script.prepare(args)
        rows = [
            (
                row[0].own_doc,
                row[0].group == "fa",
                np.hstack([row[7], extra_columns(prepared, row)]),
                row[8],
            )
            for row in prepared.collected
            if row[0].answerable and not row[0].corpus
        ]
        sizes = np.array([len(r[2]) for r in rows])
        np.savez(
            cache,
            passage=np.array([r[0] for r in rows]),
            plain=np.array([r[1] for r in rows]),
            sizes=sizes,
            x=np.concatenate([r[2] for r in rows]),
            y=np.concatenate([r[3] for r in rows]),
        )
    with np.load(cache) as stored:
        bounds = np.concatenate([[0], np.cumsum(stored["sizes"])])
        return [
            Question(int(p), bool(f), stored["x"][a:b], stored["y"][a:b].astype(bool))
            for p, f, a, b in zip(
                stored["passage"], stored["plain"], bounds[:-1], bounds[1:], strict=True
            )
        ]


EXTRA = (
    "prev_coverage",
    "prev_dense",
    "prev_is_best_coverage",
    "prev_is_best_dense",
    "next_coverage",
    "rare_term",
    "coverage_idf2",
    "has_digit",
)


def extra_columns(prepared, row) -> np.ndarray:
    """Candidate features not (yet) in `SENTENCE_FEATURES`, one row per candidate."""
    from bot.answering.question_types import question_type

    item, normalized, terms, _, vector, ranked = row[:6]
    extractor, data = prepared.extractor, prepared.data
    lexical = [] if item.language != "fa" else terms
    found = extractor.candidates(question_type(normalized), lexical, vector, ranked, 5)
    ids = found.ids.tolist()
    docs = extractor._docs
    wanted = set(lexical)
    rarest = max(sorted(wanted), key=extractor.idf) if wanted else None
    weight = {t: extractor.idf(t) ** 2 for t in sorted(wanted)}
    total = sum(weight.values())
    best_cov = ids[int(np.argmax(found.coverage))] if ids else -1
    best_dense = ids[int(np.argmax(found.dense))] if ids else -1
    out = np.zeros((len(ids), len(EXTRA)))
    for i, sid in enumerate(ids):
        terms_of = set(data.sentences[sid]["terms"])
        prev = sid - 1 if sid > 0 and docs[sid - 1] == docs[sid] else None
        nxt = sid + 1 if sid + 1 < len(docs) and docs[sid + 1] == docs[sid] else None
        if prev is not None:
            out[i, 0] = extractor.coverage(lexical, data.sentences[prev]["terms"])
            out[i, 1] = float(data.sentence_vectors[prev] @ vector.astype(np.float32))
            out[i, 2] = float(prev == best_cov and found.coverage.max() > 0)
            out[i, 3] = float(prev == best_dense)
        if nxt is not None:
            out[i, 4] = extractor.coverage(lexical, data.sentences[nxt]["terms"])
        out[i, 5] = float(rarest is not None and rarest in terms_of)
        out[i, 6] = sum(weight[t] for t in sorted(wanted & terms_of)) / total if total else 0.0
        out[i, 7] = float(bool(re.search(r"\d", extractor.sentence_text(sid))))
    return out


ALL = SENTENCE_FEATURES + EXTRA


def columns_of(
    extra: tuple[str, ...] = (), products: tuple[tuple[str, str], ...] = ()
) -> Callable[[np.ndarray], np.ndarray]:
    """A `columns` function: `SENTENCE_FEATURES`, the named extra columns and the products of
    the named pairs (any of `ALL`)."""
    keep = list(range(len(SENTENCE_FEATURES))) + [ALL.index(e) for e in extra]
    pairs = [(ALL.index(a), ALL.index(b)) for a, b in products]

    def columns(x: np.ndarray) -> np.ndarray:
        return np.hstack([x[:, keep], *(x[:, [a]] * x[:, [b]] for a, b in pairs)])

    return columns


def main() -> int:
    with_fixed_hash_seed()
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    add_data_arguments(parser)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, nargs="+", default=[10, 11], help="fold seeds")
    parser.add_argument("--extra", nargs="*", default=None, help="extra columns to try")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    for noisy in ("bm25s", "sentence_transformers", "transformers", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    questions = collect_questions(args)
    plain = sum(q.plain for q in questions)
    print(f"{plain} plain Persian questions, {len(questions)} answerable in all")
    base = columns_of()
    variants: list[tuple[str, Fitter, float, Callable[[np.ndarray], np.ndarray]]] = [
        *((f"listwise l2={l2:g}", fit_listwise, l2, base) for l2 in (1, 0.1, 10, 100)),
        *((f"pairwise l2={l2:g}", fit_pairwise, l2, base) for l2 in (0.1, 1, 10)),
        *(
            (f"+ {a}×{b}", fit_listwise, 1.0, columns_of(products=((a, b),)))
            for a, b in (
                ("dense", "type_match"),
                ("coverage", "passage_rank"),
                ("coverage", "type_match"),
                ("coverage", "top_passage"),
                ("dense", "passage_rank"),
            )
        ),
        *((f"+ {e}", fit_listwise, 1.0, columns_of((e,))) for e in args.extra or EXTRA),
    ]
    print(
        f"{'variant':40s} "
        + "   ".join(f"seed {s}: mean ± sd (Δ vs first ± sd)" for s in args.seeds)
    )
    print_variants(
        variants,
        args.seeds,
        lambda fit, l2, seed, columns: cross_validate(
            questions, fit, l2, args.folds, seed, columns
        ),
        width=40,
    )
    return 0


def print_variants(
    variants: list[tuple[str, Fitter, float, Callable[[np.ndarray], np.ndarray]]],
    seeds: list[int],
    score: Callable[[Fitter, float, int, Callable[[np.ndarray], np.ndarray]], np.ndarray],
    width: int,
    delta_mark: str = "",
) -> None:
    """One line a variant: per fold seed, the mean ± sd of its fold scores and of their
    fold-by-fold difference to the first variant's."""
    reference: dict[int, np.ndarray] = {}
    for name, fit, l2, columns in variants:
        cells = []
        for seed in seeds:
            scores = score(fit, l2, seed, columns)
            delta = scores - reference.setdefault(seed, scores)
            cells.append(
                f"{scores.mean():.3f} ± {scores.std():.3f} "
                f"({delta_mark}{delta.mean():+.3f} ± {delta.std():.3f})"
            )
        print(f"{name:{width}s} " + "   ".join(cells), flush=True)


if __name__ == "__main__":
    sys.exit(main())
