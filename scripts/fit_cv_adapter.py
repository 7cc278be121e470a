"""Does a learned question adapter help the ranker? Grouped CV on ParsiNLU train (not shipped).

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/fit_cv_adapter.py [--variants diag:0.003 full:0.003]

The adapter rescores a candidate sentence s for a question q as s·(q ⊙ (1 + w)) ("diag", 384
weights) or s·(q + Aq) ("full", a 384×384 matrix), trained listwise (softmax over one
question's candidates, scale 30, L2 on w or A) on the training folds to put the sentences that
hold a gold answer first. Its score is added to `SENTENCE_FEATURES` as one more column; the
ranker learns that column out of fold on its own training folds (an inner 5-fold split), so it
does not trust a score fitted on the very questions it learns from. Folds by train passage, as
`fit_cv.py`. Needs torch (installed with sentence-transformers). Result (2026-12-07, seed 10):
README, *Answer selection and declining*.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.fit_candidates import add_data_arguments, with_fixed_hash_seed  # noqa: E402
from scripts.fit_cv import fold_of_passages  # noqa: E402
from scripts.fit_linear import fit_listwise  # noqa: E402

Question = dict  # passage, plain, x (features), y (labels), q (vector), s (candidate vectors)


def collect(args: argparse.Namespace) -> list[Question]:
    """The answerable questions asked of all of train with their candidates' vectors."""
    import scripts.fit_candidates as fit_script
    from bot.answering.question_types import question_type

    args.small_corpora = 0
    prepared = fit_script.prepare(args)
    out = []
    for row in prepared.collected:
        item, normalized, terms, _, vector, ranked = row[:6]
        if not item.answerable or item.corpus:
            continue
        lexical = terms if item.language == "fa" else []
        found = prepared.extractor.candidates(question_type(normalized), lexical, vector, ranked, 5)
        out.append(
            {
                "passage": item.own_doc,
                "plain": item.group == "fa",
                "x": row[7],
                "y": row[8].astype(bool),
                "q": vector.astype(np.float32),
                "s": prepared.data.sentence_vectors[found.ids].astype(np.float32),
            }
        )
    return out


def train_adapter(questions: list[Question], kind: str, l2: float) -> Callable:
    """A fitted adapter: question → its candidates' adapted scores."""
    import torch

    torch.manual_seed(0)
    groups = [g for g in questions if g["y"].any()]
    dim, width = groups[0]["q"].shape[0], max(len(g["y"]) for g in groups)
    q = torch.from_numpy(np.stack([g["q"] for g in groups]))
    s, y = torch.zeros(len(groups), width, dim), torch.zeros(len(groups), width)
    mask = torch.zeros(len(groups), width, dtype=torch.bool)
    for i, g in enumerate(groups):
        n = len(g["y"])
        s[i, :n], mask[i, :n] = torch.from_numpy(g["s"]), True
        y[i, :n] = torch.from_numpy(g["y"].astype(np.float32))
    y = y / y.sum(1, keepdim=True)
    weights = torch.zeros(dim if kind == "diag" else (dim, dim), requires_grad=True)

    def adapted(queries):
        return queries * (1 + weights) if kind == "diag" else queries + queries @ weights.T

    optimizer = torch.optim.LBFGS([weights], max_iter=100, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        scores = torch.einsum("bmd,bd->bm", s, adapted(q)).masked_fill(~mask, -1e4)
        loss = -(torch.log_softmax(30 * scores, 1) * y).sum() / len(groups)
        loss = loss + l2 * (weights**2).sum()
        loss.backward()
        return loss

    optimizer.step(closure)

    def score(g: Question) -> np.ndarray:
        with torch.no_grad():
            return (torch.from_numpy(g["s"]) @ adapted(torch.from_numpy(g["q"]))).numpy()

    return score


def cross_validate(questions: list[Question], seed: int, adapter=None) -> np.ndarray:
    """Top-sentence answer@1 of the plain Persian questions per fold, with or without it."""
    fold = fold_of_passages([q["passage"] for q in questions], 5, seed)
    scores = np.zeros(5)
    for k in range(5):
        train = [q for q in questions if fold[q["passage"]] != k]
        held = [q for q in questions if fold[q["passage"]] == k and q["plain"]]
        columns: dict[int, np.ndarray] = {}
        if adapter is not None:
            final = train_adapter(train, *adapter)
            inner = fold_of_passages([q["passage"] for q in train], 5, seed + 100)
            for j in range(5):
                part = train_adapter([q for q in train if inner[q["passage"]] != j], *adapter)
                columns |= {id(q): part(q) for q in train if inner[q["passage"]] == j}
            columns |= {id(q): final(q) for q in held}

        def x(q: Question, columns=columns) -> np.ndarray:
            return np.hstack([q["x"], columns[id(q)][:, None]]) if columns else q["x"]

        model = fit_listwise([(x(q), q["y"]) for q in train if q["y"].any()], 1.0)
        scores[k] = np.mean([q["y"][int(np.argmax(model.score(x(q))))] for q in held])
    return scores


def main() -> int:
    with_fixed_hash_seed()
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    add_data_arguments(parser)
    parser.add_argument("--seeds", type=int, nargs="+", default=[10], help="fold seeds")
    parser.add_argument("--variants", nargs="*", default=["diag:0.003", "full:0.003"])
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    import torch

    torch.set_num_threads(2)
    questions = collect(args)
    for seed in args.seeds:
        base = cross_validate(questions, seed)
        plain = [q for q in questions if q["plain"]]
        cosine = np.mean([q["y"][int(np.argmax(q["s"] @ q["q"]))] for q in plain])
        print(f"seed {seed}: ranker {base.mean():.3f}, raw cosine alone {cosine:.3f}")
        for variant in args.variants:
            kind, l2 = variant.split(":")
            with_it = cross_validate(questions, seed, (kind, float(l2)))
            delta = with_it - base
            print(
                f"seed {seed}: + {variant} adapter {with_it.mean():.3f} "
                f"(Δ {delta.mean():+.3f} ± {delta.std():.3f})",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
