"""What the answer extractor chooses (`ExtractedAnswer`) and the hand-tuned weights it can
score with instead of the learned ranker (`ExtractorWeights`, `pasokh eval --scorer hand`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.answering.language import PERSIAN


@dataclass(frozen=True)
class ExtractorWeights:
    """Weights of the sentence score; fitted on the development data (see README)."""

    dense: float = 1.0
    coverage: float = 0.4
    passage: float = 0.1
    answer_type: float = 0.02


@dataclass(frozen=True)
class ExtractedAnswer:
    """The chosen answer: its sentences as a span of one document.

    Attributes:
        doc_id: Document of the answer.
        start: Start of the answer's first sentence in the document text.
        end: End of its last sentence.
        chunk_id: The retrieved chunk shown as the answer's passage: it holds the
            best-matching sentence, or the named sentence when that is given alone.
        coverage: Question coverage of the best-matching sentence, which confidence uses; the
            answer may be that sentence's neighbour when it names whom the question asks for.
        dense: Dense similarity of the best-matching sentence.
        sentence_id: The best-matching sentence.
        kind: What the question asks for, if its wording tells (`question_type`).
        language: The question's language (`language.question_language`).
        verification: The verifier's features (`features.VERIFY_FEATURES`); None with the
            hand-tuned scorer.
        missing_terms: The question's terms that no document holds (Persian questions).
        decisive_missing: Of those, the words of a place or an asked-for attribute, and
            «زمان» when an event's time is asked and the answer gives none, when the documents
            are a handful of reports: then pasokh declines (`decisive_words.py`).
        typed: Whether the answer's sentences hold what the question asks for.
    """

    doc_id: int
    start: int
    end: int
    chunk_id: int
    coverage: float
    dense: float
    sentence_id: int = -1
    kind: str | None = None
    language: str = PERSIAN
    verification: np.ndarray | None = None
    missing_terms: tuple[str, ...] = ()
    decisive_missing: tuple[str, ...] = ()
    typed: bool = False
