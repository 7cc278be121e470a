"""Features of candidate answer sentences and of the chosen answer, for the learned scorer.

Two feature vectors, both named (the weights file records the names and the loader refuses a
file whose names differ):
- per candidate sentence, what the ranker scores: dense similarity to the question and its
  passage, IDF-weighted coverage, answer-type evidence, position, length, neighbours, ranks;
- per question, what the verifier turns into "this answers the question": how well the chosen
  sentence matches, whether the asked-for type is there, and whether the question's terms
  occur in the documents at all.

Cross-lingual (Latin-script) questions share no words with the documents, so every lexical
feature is zero for them and the decision is calibrated separately (see `scorer.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from bot.answering.word_presence import WordPresence
from embeddings.hybrid_retriever import RankedChunk

SENTENCE_FEATURES = (
    "dense",
    "dense_gap",
    "dense_rank",
    "passage_dense",
    "passage_score",
    "passage_rank",
    "coverage",
    "coverage_gap",
    "coverage_rank",
    "type_match",
    "lead_sentence",
    "position",
    "log_length",
    "heading",
    "neighbour_dense",
    "neighbour_coverage",
    "neighbour_type_match",
    "type_match_number",
    "type_match_time",
    "type_match_person",
    "type_match_place",
    "type_match_reason",
    "type_match_list",
    "novelty",
    "pair_coverage",
    "top_passage",
    "passage_dense_gap",
)

# Kinds grouped as the per-kind type features see them.
_KIND_COLUMNS = {
    "amount": "type_match_number",
    "number": "type_match_number",
    "time": "type_match_time",
    "person": "type_match_person",
    "person_name": "type_match_person",
    "place": "type_match_place",
    "reason": "type_match_reason",
    "list": "type_match_list",
}

VERIFY_FEATURES = (
    "dense",
    "dense_lift",
    "dense_margin",
    "score_margin",
    "span_coverage",
    "best_coverage",
    "missing_terms",
    "missing_in_large",
    "corpus_size",
    "missing_count",
    "missing_verbs",
    "span_missing_max",
    "rare_term_present",
    "type_asked",
    "type_missing",
    "unit_missing",
)

# Kinds whose presence in a sentence can be checked (a reason or a list can't, reliably).
CHECKABLE_KINDS = frozenset({"amount", "number", "time", "person", "person_name", "place"})


@dataclass(frozen=True)
class Candidates:
    """The sentences of the top passages with the raw signals the features are made from.

    Attributes:
        ids: Sentence ids, in ascending order.
        dense: Cosine similarity of each sentence with the question.
        coverage: IDF-weighted share of the question's terms in each sentence (0 when the
            question is not Persian).
        typed: Whether each sentence holds what the question asks for.
        hits: The best-scoring retrieved chunk that holds each sentence.
        passage_rank: Rank (0 = best) of that chunk among the retrieved ones.
    """

    ids: np.ndarray
    dense: np.ndarray
    coverage: np.ndarray
    typed: np.ndarray
    hits: list[RankedChunk]
    passage_rank: np.ndarray


def _inverse_rank(values: np.ndarray) -> np.ndarray:
    """1 / (1 + rank) of each value, rank 0 for the largest; ties keep sentence order."""
    order = np.argsort(-values, kind="stable")
    ranks = np.empty(len(values), dtype=np.float64)
    ranks[order] = np.arange(len(values))
    return 1.0 / (1.0 + ranks)


def sentence_features(
    candidates: Candidates,
    positions: np.ndarray,
    doc_sizes: np.ndarray,
    lengths: np.ndarray,
    headings: np.ndarray,
    same_doc_left: np.ndarray,
    same_doc_right: np.ndarray,
    kind: str | None,
    novelty: np.ndarray,
    pair_coverage: np.ndarray,
) -> np.ndarray:
    """The ranker's feature matrix, one row per candidate, columns as `SENTENCE_FEATURES`.

    Args:
        candidates: The candidate sentences and their raw signals.
        positions: Index of each sentence within its document.
        doc_sizes: Number of sentences of each sentence's document.
        lengths: Characters of each sentence.
        headings: Whether each sentence lacks closing punctuation (a heading or title).
        same_doc_left: Whether the previous candidate is the sentence just before, same doc.
        same_doc_right: Whether the next candidate is the sentence just after, same doc.
        kind: What the question asks for (the per-kind type columns).
        novelty: Share of each sentence's terms that the question does not hold.
        pair_coverage: Coverage of each sentence together with its better-covering neighbour.
    """
    dense = candidates.dense.astype(np.float64)
    cov = candidates.coverage.astype(np.float64)
    typed = candidates.typed.astype(np.float64)

    def neighbour_max(values: np.ndarray) -> np.ndarray:
        left = np.where(same_doc_left, np.roll(values, 1), -np.inf)
        right = np.where(same_doc_right, np.roll(values, -1), -np.inf)
        best = np.maximum(left, right)
        return np.where(np.isfinite(best), best, 0.0)

    columns = {
        "dense": dense,
        "dense_gap": dense - dense.max(),
        "dense_rank": _inverse_rank(dense),
        "passage_dense": np.array([h.dense for h in candidates.hits], dtype=np.float64),
        "passage_score": np.array([h.score for h in candidates.hits], dtype=np.float64),
        "passage_rank": 1.0 / (1.0 + candidates.passage_rank.astype(np.float64)),
        "coverage": cov,
        "coverage_gap": cov - cov.max(),
        "coverage_rank": _inverse_rank(cov) * (cov.max() > 0),
        "type_match": typed,
        "lead_sentence": (positions == 0).astype(np.float64),
        "position": positions / np.maximum(1, doc_sizes - 1),
        "log_length": np.log1p(lengths.astype(np.float64)),
        "heading": headings.astype(np.float64),
        "neighbour_dense": neighbour_max(dense),
        "neighbour_coverage": neighbour_max(cov),
        "neighbour_type_match": neighbour_max(typed),
        "novelty": novelty.astype(np.float64),
        "pair_coverage": pair_coverage.astype(np.float64),
        "top_passage": (candidates.passage_rank == 0).astype(np.float64),
    }
    passage_dense = columns["passage_dense"]
    columns["passage_dense_gap"] = passage_dense - passage_dense.max()
    for column in set(_KIND_COLUMNS.values()):
        columns[column] = typed if _KIND_COLUMNS.get(kind) == column else np.zeros_like(typed)
    return np.stack([columns[name] for name in SENTENCE_FEATURES], axis=1)


def verify_features(
    candidates: Candidates,
    scores: np.ndarray,
    top: int,
    span_terms: set[str],
    span_typed: bool,
    kind: str | None,
    words: list,
    presence: WordPresence,
    lexical: bool,
    background: float = 0.0,
    sentences: int = 1000,
    unit_missing: bool = False,
) -> np.ndarray:
    """The verifier's feature vector for the chosen answer, as `VERIFY_FEATURES`.

    Args:
        candidates: The candidate sentences.
        scores: The ranker's score of each candidate.
        top: Index (into `candidates`) of the best sentence.
        span_terms: Lexical terms of the answer's sentences (best one and its neighbour).
        span_typed: Whether the answer's sentences hold what the question asks for.
        kind: What the question asks for (`question_type`), if its wording tells.
        words: The question's words (`QuestionWord`: terms, verb or not).
        presence: Which of those words the documents hold (`word_presence`).
        lexical: False for cross-lingual questions: lexical features are then zero.
        background: Mean cosine of the question with the documents' sentences: how similar
            any text is to it (high for every sentence when the question is off topic).
        sentences: How many sentences the documents have: a word missing from one short
            report says less than a word missing from a thousand passages.
        unit_missing: The question counts something («چند کیلومتر», «چند تا خبرنگار») and
            no number in the answer carries it: apart from `type_missing`, as on train it
            almost never happens to a right answer (8 of 908 right answers, 611 of 4,722
            unanswerable questions: `scripts/fit_answer_scorer.py`).
    """
    others_dense = np.delete(candidates.dense, top)
    others_score = np.delete(scores, top)
    dense_margin = candidates.dense[top] - (others_dense.max() if len(others_dense) else 0.0)
    score_margin = scores[top] - (others_score.max() if len(others_score) else scores[top])
    span_coverage = best_coverage = missing = missing_verbs = rare_present = 0.0
    missing_count = span_missing_max = 0.0
    if lexical and words:
        in_span = [i for i in presence.weights if span_terms.intersection(words[i].terms)]
        span_coverage = presence.share(in_span)
        best_coverage = float(candidates.coverage.max())
        missing = presence.share(presence.missing)
        missing_verbs = presence.share(presence.missing_verbs)
        missing_count = min(len(presence.missing), 3) / 3
        absent = [presence.weights[i] for i in presence.weights if i not in in_span]
        heaviest = max(presence.weights.values(), default=0.0)
        span_missing_max = max(absent, default=0.0) / heaviest if heaviest else 0.0
        held = [i for i in presence.weights if i not in presence.missing + presence.missing_verbs]
        if held:
            rarest = max(held, key=lambda i: (presence.weights[i], -i))
            rare_present = float(rarest in in_span)
    asked = kind in CHECKABLE_KINDS
    size = corpus_size(sentences)
    values = {
        "dense": float(candidates.dense[top]),
        "dense_lift": float(candidates.dense[top] - background),
        "dense_margin": float(dense_margin),
        "score_margin": float(min(score_margin, 10.0)),
        "span_coverage": span_coverage,
        "best_coverage": best_coverage,
        "missing_terms": missing,
        "missing_in_large": missing * size,
        "corpus_size": size,
        "missing_count": missing_count,
        "missing_verbs": missing_verbs,
        "span_missing_max": span_missing_max,
        "rare_term_present": rare_present,
        "type_asked": float(asked),
        "type_missing": float(asked and not span_typed),
        "unit_missing": float(unit_missing),
    }
    return np.array([values[name] for name in VERIFY_FEATURES], dtype=np.float64)


def corpus_size(sentences: int) -> float:
    """0 for a report of ~30 sentences, 1 for ~3,000 (log scale, clipped)."""
    return min(1.0, max(0.0, math.log10(max(sentences, 1) / 30) / 2))


def logistic(x: float) -> float:
    """The logistic function, safe for large |x|."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)
