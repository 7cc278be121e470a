"""The learned answer scorer: a sentence ranker and a calibrated answer-or-decline verifier.

Both are linear models over the named features of `features.py`, fitted on ParsiNLU train
only by `scripts/fit_answer_scorer.py`, which writes `answer_scorer.json` next to this module.
The file records its format version, the feature names, the embedding model it was fitted
with and the hash of its training data. A missing file, another format version or other
feature names stop start-up with a clear error: answering with weights that don't fit the
features would be silently wrong. Another embedding model only logs a warning (vectors of a
re-exported model shift slightly; refit with the script when they shift a lot).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.answering.features import SENTENCE_FEATURES, VERIFY_FEATURES, corpus_size, logistic
from bot.answering.language import LANGUAGES

logger = logging.getLogger(__name__)

FORMAT_VERSION = 2
_DENSE = VERIFY_FEATURES.index("dense")
_SIZE = VERIFY_FEATURES.index("corpus_size")
_UNIT_MISSING = VERIFY_FEATURES.index("unit_missing")
# Below this `corpus_size` (about 300 sentences) the documents are "a handful of reports".
SMALL_CORPUS = 0.5
DEFAULT_WEIGHTS_PATH = Path(__file__).with_name("answer_scorer.json")


def is_small(sentences: int) -> bool:
    """Whether documents of this many sentences are "a handful of reports" (`SMALL_CORPUS`)."""
    return corpus_size(sentences) < SMALL_CORPUS


def count_missing(features: np.ndarray) -> np.ndarray:
    """Whether the question counts something the answer holds no number of (`unit_missing`),
    per row of verifier features (or for one vector): declined whatever the probability."""
    return features[..., _UNIT_MISSING] > 0


class ScorerWeightsError(RuntimeError):
    """The weights file is missing, unreadable or does not fit this code."""


@dataclass(frozen=True)
class LinearModel:
    """Standardized linear model: w · (x − mean) / scale + bias."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float = 0.0

    def score(self, x: np.ndarray) -> np.ndarray:
        """Scores rows (or one vector) of features."""
        return ((x - self.mean) / self.scale) @ self.weights + self.bias

    def to_dict(self) -> dict:
        """JSON form."""
        return {
            "mean": [round(float(v), 8) for v in self.mean],
            "scale": [round(float(v), 8) for v in self.scale],
            "weights": [round(float(v), 8) for v in self.weights],
            "bias": round(float(self.bias), 8),
        }

    @classmethod
    def from_dict(cls, raw: dict, size: int) -> LinearModel:
        """Reads the JSON form; raises ValueError when a vector has the wrong length."""
        arrays = [np.asarray(raw[key], dtype=np.float64) for key in ("mean", "scale", "weights")]
        if any(a.shape != (size,) for a in arrays) or not np.all(arrays[1] > 0):
            raise ValueError(f"expected {size} means, positive scales and weights")
        return cls(*arrays, bias=float(raw.get("bias", 0.0)))


@dataclass(frozen=True)
class AnswerScorer:
    """Ranks candidate sentences and says how likely the chosen answer answers the question."""

    ranker: LinearModel
    verifiers: dict[str, LinearModel]
    thresholds: dict[str, float]
    model: str
    gates: dict[str, float] | None = None
    small_thresholds: dict[str, float] | None = None

    def rank(self, features: np.ndarray) -> np.ndarray:
        """Scores of candidate sentences (rows of `SENTENCE_FEATURES`); higher is better."""
        return self.ranker.score(features)

    def probability(self, features: np.ndarray, language: str) -> float:
        """Calibrated probability that the chosen answer answers the question."""
        return logistic(float(self.verifiers[language].score(features)))

    def on_topic(self, features: np.ndarray, language: str) -> bool:
        """Whether the best sentence and its passage are close enough to the question at all.

        The gate is the cosine of the question with the chosen sentence (not its passage: a
        long passage scores lower than a short one), thresholded per language on train: below
        it, the question is about something else.
        """
        if not self.gates:
            return True
        return bool(features[_DENSE] >= self.gates[language])

    def threshold(self, features: np.ndarray, language: str) -> float:
        """This language's threshold for documents of this size (`corpus_size` feature).

        Two thresholds fitted on train: one where a handful of documents are asked, one for
        hundreds of passages (`scripts/fit_answer_scorer.py`).
        """
        if self.small_thresholds and features[_SIZE] < SMALL_CORPUS:
            return self.small_thresholds[language]
        return self.thresholds[language]

    def answers(self, features: np.ndarray, language: str) -> bool:
        """On topic, the count asked for is in the answer, and the verifier's probability
        clears this language's threshold.

        «چند ساعت / چند کیلومتر / چند تا شرکت» answered by a sentence where no number carries
        the unit is a wrong answer nearly always: on ParsiNLU train 6 of 910 right answers
        lack it (a count in other words, «۲-۳ بار» for «چند وعده»), and 612 of 4,722
        unanswerable questions. The linear verifier weighs it too little to decline alone,
        because on train other evidence already declines most of those 612.
        """
        if count_missing(features):
            return False
        return self.on_topic(features, language) and (
            self.probability(features, language) >= self.threshold(features, language)
        )


def load_answer_scorer(path: Path = DEFAULT_WEIGHTS_PATH, model: str | None = None) -> AnswerScorer:
    """Reads and checks a weights file.

    Args:
        path: The JSON file written by `scripts/fit_answer_scorer.py`.
        model: Identity of the embedding model in use; a different one is logged.

    Raises:
        ScorerWeightsError: Missing, not JSON, another format version or other features.
    """
    refit = "rebuild it with: python scripts/fit_answer_scorer.py"
    try:
        raw = json.loads(path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise ScorerWeightsError(f"answer scorer weights not found at {path}; {refit}") from exc
    except (OSError, ValueError) as exc:
        raise ScorerWeightsError(f"cannot read answer scorer weights {path}: {exc}") from exc
    if not isinstance(raw, dict) or raw.get("format_version") != FORMAT_VERSION:
        found = raw.get("format_version") if isinstance(raw, dict) else None
        raise ScorerWeightsError(
            f"{path} has format version {found!r}, this code reads {FORMAT_VERSION}; {refit}"
        )
    try:
        ranker_raw, verifier_raw = raw["ranker"], raw["verifier"]
        for what, got, want in (
            ("ranker", ranker_raw["features"], SENTENCE_FEATURES),
            ("verifier", verifier_raw["features"], VERIFY_FEATURES),
        ):
            if tuple(got) != want:
                raise ScorerWeightsError(
                    f"{path}: {what} features {list(got)} differ from the code's {list(want)}; "
                    f"{refit}"
                )
        ranker = LinearModel.from_dict(ranker_raw, len(SENTENCE_FEATURES))
        verifiers = {
            lang: LinearModel.from_dict(verifier_raw[lang], len(VERIFY_FEATURES))
            for lang in LANGUAGES
        }
        thresholds = {lang: float(verifier_raw[lang]["threshold"]) for lang in LANGUAGES}
        small = {lang: float(verifier_raw[lang]["threshold_small"]) for lang in LANGUAGES}
        gates = {lang: float(verifier_raw[lang]["gate"]) for lang in LANGUAGES}
    except (KeyError, TypeError, ValueError) as exc:
        raise ScorerWeightsError(f"{path} is malformed ({exc!r}); {refit}") from exc
    fitted_with = str(raw.get("model", ""))
    if model is not None and fitted_with != model:
        logger.warning(
            "Answer scorer was fitted with model %r, answering with %r; refit if quality drops",
            fitted_with,
            model,
        )
    return AnswerScorer(ranker, verifiers, thresholds, fitted_with, gates, small)
