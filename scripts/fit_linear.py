"""The linear models the answer scorer is made of, fitted by full-batch L-BFGS.

A listwise ranker (softmax over one question's candidates) and an L2-regularized logistic
regression, both on standardized features; deterministic for the same inputs.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answering.scorer import LinearModel  # noqa: E402


def standardizer(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Means and scales (1 for constant columns) of the feature columns."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    return mean, np.where(scale > 1e-9, scale, 1.0)


def fit_listwise(groups: list[tuple[np.ndarray, np.ndarray]], l2: float) -> LinearModel:
    """Softmax-over-candidates linear ranker: maximizes the probability of the positives."""
    from scipy.optimize import minimize

    mean, scale = standardizer(np.concatenate([x for x, _ in groups]))
    data = [((x - mean) / scale, y.astype(bool)) for x, y in groups]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 * l2 * w @ w, l2 * w
        for z, positive in data:
            s = z @ w
            p_all = np.exp(s - s.max())
            p_all /= p_all.sum()
            s_pos = s[positive]
            p_pos = np.exp(s_pos - s_pos.max())
            p_pos /= p_pos.sum()
            total += (np.log(np.exp(s - s.max()).sum()) + s.max()) - (
                np.log(np.exp(s_pos - s_pos.max()).sum()) + s_pos.max()
            )
            grad = grad + p_all @ z - p_pos @ z[positive]
        return float(total), grad

    result = minimize(loss, np.zeros(z_dim(data)), jac=True, method="L-BFGS-B")
    return LinearModel(mean, scale, result.x)


def z_dim(data) -> int:
    return data[0][0].shape[1]


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float) -> LinearModel:
    """L2-regularized logistic regression on standardized features."""
    from scipy.optimize import minimize

    mean, scale = standardizer(x)
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = z @ w
        p = 1.0 / (1.0 + np.exp(-s))
        penalty = w.copy()
        penalty[-1] = 0.0
        value = np.sum(np.logaddexp(0.0, s) - y * s) + 0.5 * l2 * penalty @ penalty
        return float(value), z.T @ (p - y) + l2 * penalty

    w = minimize(loss, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B").x
    return LinearModel(mean, scale, w[:-1], bias=float(w[-1]))


def cross_validated_top1(groups, l2: float, folds: int, seed: int) -> float:
    """Share of questions whose best-scored candidate is positive, by k-fold on train."""
    order = list(range(len(groups)))
    random.Random(seed).shuffle(order)
    hits = 0
    for fold in range(folds):
        held = set(order[fold::folds])
        model = fit_listwise([g for i, g in enumerate(groups) if i not in held], l2)
        for i in held:
            x, y = groups[i]
            hits += bool(y[int(np.argmax(model.score(x)))])
    return hits / len(groups)
