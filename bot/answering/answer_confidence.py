"""Deciding whether to answer, and the note a decline carries.

The learned scorer (`scorer.py`) decides by a calibrated probability. With the hand-tuned
scorer (`pasokh eval --scorer hand`), confidence = mean cosine of the question with the best
passage and with the answer sentence, plus a little for the question's content words the
sentence holds, and below ABSTAIN_BELOW pasokh declines. The learned scorer still uses that
confidence to tell an on-topic decline (which gets a note of what is nearby) from an
off-topic one.
"""

from __future__ import annotations

from bot.answering.decline_note import decline_note
from bot.answering.extractor import AnswerExtractor, ExtractedAnswer
from bot.answering.scorer import AnswerScorer
from bot.answering.text_clipping import clip_to_limit
from embeddings.hybrid_retriever import RankedChunk
from embeddings.text_normalizer import PersianTextNormalizer

CONFIDENCE_COVERAGE_WEIGHT = 0.05
ABSTAIN_BELOW = 0.825


def confidence(ranked: list[RankedChunk], extracted: ExtractedAnswer) -> float:
    """How sure pasokh is that the answer sentence answers the question."""
    return (
        0.5 * (ranked[0].dense + extracted.dense) + CONFIDENCE_COVERAGE_WEIGHT * extracted.coverage
    )


def answer_probability(scorer: AnswerScorer | None, extracted: ExtractedAnswer) -> float | None:
    """The learned verifier's probability that the answer answers; None for "hand"."""
    if scorer is None or extracted.verification is None:
        return None
    return scorer.probability(extracted.verification, extracted.language)


def is_confident(
    scorer: AnswerScorer | None, ranked: list[RankedChunk], extracted: ExtractedAnswer
) -> bool:
    """Whether to answer: the learned verifier's decision, or confidence ≥ ABSTAIN_BELOW;
    never when the question names a place or asks for an attribute that a handful of
    reports never mention, or asks when an event happens and the answer gives no time
    (`decisive_words.py`)."""
    if extracted.decisive_missing:
        return False
    probability = answer_probability(scorer, extracted)
    if probability is None or scorer is None:
        return confidence(ranked, extracted) >= ABSTAIN_BELOW
    return scorer.answers(extracted.verification, extracted.language)


def note_for(
    scorer: AnswerScorer | None,
    normalizer: PersianTextNormalizer,
    extractor: AnswerExtractor,
    question: str,
    extracted: ExtractedAnswer | None,
) -> str:
    """What the documents say near a declined on-topic question ("" when off topic)."""
    if extracted is None or scorer is None or extracted.verification is None:
        return ""
    if not scorer.on_topic(extracted.verification, extracted.language):
        return ""  # off topic: nothing nearby is worth showing
    nearest = extractor.sentence_text(extracted.sentence_id)
    start, end = clip_to_limit(nearest, 0, len(nearest), [], normalizer)
    return decline_note(
        question,
        extracted.missing_terms,
        extracted.kind,
        extracted.typed,
        nearest[start:end].strip(),
        normalizer,
    )
