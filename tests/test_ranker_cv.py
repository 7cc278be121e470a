"""The ranker's grouped cross-validation (scripts/fit_cv.py) on small made-up candidate sets."""

from __future__ import annotations

import numpy as np

from bot.answering.features import SENTENCE_FEATURES
from scripts.fit_cv import (
    EXTRA,
    Question,
    columns_of,
    cross_validate,
    fit_pairwise,
    fold_of_passages,
)
from scripts.fit_linear import fit_listwise

WIDTH = len(SENTENCE_FEATURES) + len(EXTRA)
DENSE = SENTENCE_FEATURES.index("dense")
COVERAGE = SENTENCE_FEATURES.index("coverage")


def _questions(passages: int, per_passage: int, signal: int, seed: int = 0) -> list[Question]:
    """Questions of 6 candidates each; the positive is the candidate highest in column
    `signal`, every other column noise."""
    rnd = np.random.default_rng(seed)
    out = []
    for p in range(passages):
        for _ in range(per_passage):
            x = rnd.normal(size=(6, WIDTH))
            y = np.zeros(6, dtype=bool)
            y[int(np.argmax(x[:, signal]))] = True
            out.append(Question(p, True, x, y))
    return out


def test_a_passages_questions_share_one_fold_and_folds_are_even_and_seeded():
    passages = [p for p in range(23) for _ in range(p % 4 + 1)]
    fold = fold_of_passages(passages, 5, seed=10)
    assert set(fold) == set(passages)
    sizes = np.bincount(list(fold.values()), minlength=5)
    assert sizes.max() - sizes.min() <= 1
    assert fold == fold_of_passages(list(reversed(passages)), 5, seed=10)
    assert fold != fold_of_passages(passages, 5, seed=11)


def test_cv_finds_the_column_that_tells_and_not_a_noise_column():
    questions = _questions(100, 3, signal=DENSE)
    told = cross_validate(questions, fit_listwise, 1.0, 5, seed=10, columns=columns_of())
    assert told.shape == (5,)
    assert told.mean() > 0.85
    # Without the telling column the ranker guesses among 6 candidates.
    others = [i for i in range(len(SENTENCE_FEATURES)) if i != DENSE]
    blind = cross_validate(questions, fit_listwise, 1.0, 5, 10, columns=lambda x: x[:, others])
    assert blind.mean() < 0.35


def test_an_extra_column_helps_only_when_the_variant_includes_it():
    questions = _questions(100, 3, signal=len(SENTENCE_FEATURES) + EXTRA.index("prev_coverage"))
    without = cross_validate(questions, fit_listwise, 1.0, 5, 10, columns_of())
    with_it = cross_validate(questions, fit_listwise, 1.0, 5, 10, columns_of(("prev_coverage",)))
    assert with_it.mean() > 0.85 > 0.35 > without.mean()


def test_a_question_without_a_positive_candidate_counts_as_a_miss():
    questions = _questions(100, 2, signal=COVERAGE)
    full = cross_validate(questions, fit_listwise, 1.0, 4, seed=3, columns=columns_of())
    # Half the questions (one of each passage's two) lose their positive: the other half
    # still trains the same way, and the hopeless half scores 0.
    hopeless = [Question(q.passage, q.plain, q.x, np.zeros_like(q.y)) for q in questions[::2]]
    mixed = hopeless + questions[1::2]
    scores = cross_validate(mixed, fit_listwise, 1.0, 4, seed=3, columns=columns_of())
    assert full.mean() > 0.85
    assert 0.35 < scores.mean() <= 0.5


def test_products_append_the_named_pairs():
    x = np.arange(2 * WIDTH, dtype=float).reshape(2, WIDTH)
    got = columns_of(("has_digit",), (("dense", "type_match"),))(x)
    assert got.shape == (2, len(SENTENCE_FEATURES) + 2)
    digit = len(SENTENCE_FEATURES) + EXTRA.index("has_digit")
    assert np.array_equal(got[:, -2], x[:, digit])
    assert np.array_equal(got[:, -1], x[:, DENSE] * x[:, SENTENCE_FEATURES.index("type_match")])


def test_pairwise_ranker_learns_the_telling_column():
    questions = _questions(30, 2, signal=COVERAGE, seed=4)
    model = fit_pairwise([(q.x, q.y) for q in questions], 1.0)
    assert int(np.argmax(np.abs(model.weights))) == COVERAGE
    assert model.weights[COVERAGE] > 0
