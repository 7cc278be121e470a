"""Choosing the sentence(s) that answer a question from the top passages.

Each sentence of the best passages is scored, by default by the learned ranker of
`scorer.py` over the features of `features.py` (dense similarity of the sentence and its
passage, IDF-weighted coverage, answer-type evidence, position, length, neighbours, ranks).
The hand-tuned mix it replaced (dense + 0.4 coverage + 0.1 passage + a type bonus) is kept as
`ExtractorWeights` for comparison (`pasokh eval --scorer hand`).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from bot.answering.answer_span import CLOSES_SENTENCE, answer_sentences
from bot.answering.decisive_words import decisive_missing, untimed
from bot.answering.extracted import ExtractedAnswer, ExtractorWeights
from bot.answering.features import (
    Candidates,
    sentence_features,
    verify_features,
)
from bot.answering.language import PERSIAN, question_language
from bot.answering.question_types import (
    counted_units,
    holds_count_of,
    question_type,
    type_matches,
)
from bot.answering.scorer import AnswerScorer, is_small
from bot.answering.word_presence import word_presence
from embeddings.hybrid_retriever import RankedChunk
from embeddings.index_store import IndexData
from embeddings.text_normalizer import QuestionWord

__all__ = ["AnswerExtractor", "ExtractedAnswer", "ExtractorWeights"]


BACKGROUND_SENTENCES = 4096


def _one_word_a_term(terms: list[str]) -> list[QuestionWord]:
    """Words for callers that have only terms: each term its own (non-verb) word."""
    return [QuestionWord(t, (t,), False) for t in dict.fromkeys(terms)]


class AnswerExtractor:
    """Scores sentences of retrieved passages against a question."""

    def __init__(
        self,
        data: IndexData,
        scorer: AnswerScorer | None = None,
        weights: ExtractorWeights | None = None,
    ) -> None:
        """Precomputes term sentence frequencies (IDF) and each sentence's place in its document.

        Args:
            data: The index.
            scorer: The learned scorer; None scores with the hand-tuned `weights`.
            weights: Weights of the hand-tuned score.
        """
        self.data = data
        self.scorer = scorer
        self.weights = weights or ExtractorWeights()
        df: dict[str, int] = {}
        for sentence in data.sentences:
            for term in set(sentence["terms"]):
                df[term] = df.get(term, 0) + 1
        self._df = df
        self._n = max(1, len(data.sentences))
        docs = np.array([s["doc"] for s in data.sentences], dtype=np.int64)
        first = {}
        for sid, doc in enumerate(docs.tolist()):
            first.setdefault(doc, sid)
        self._position = np.arange(len(docs)) - np.array([first[d] for d in docs.tolist()])
        sizes = np.bincount(docs, minlength=len(data.documents)) if len(docs) else docs
        self._doc_size = sizes[docs] if len(docs) else docs
        self._docs = docs
        # An even sample of the sentences: how similar "any text here" is to a question.
        stride = max(1, len(docs) // BACKGROUND_SENTENCES)
        self._background = data.sentence_vectors[::stride]

    def background(self, vector: np.ndarray) -> float:
        """Mean cosine of a question with (a sample of) the documents' sentences.

        A question about something else, in English above all, can still reach a high cosine
        with its best sentence, because every sentence is fairly close to it; the lift of the
        best sentence over this mean tells them apart (the verifier's `dense_lift`).
        """
        if not len(self._background):
            return 0.0
        return float(np.mean(self._background @ vector.astype(np.float32)))

    def in_corpus(self, term: str) -> bool:
        """True when some sentence of the documents holds the term."""
        return term in self._df

    def idf(self, term: str) -> float:
        """Smoothed inverse sentence frequency (unseen terms weigh the most)."""
        return math.log(1 + (self._n + 1) / (self._df.get(term, 0) + 0.5))

    def coverage(self, question_terms: list[str], sentence_terms: list[str]) -> float:
        """IDF-weighted share of the question's terms present in the sentence."""
        wanted = set(question_terms)
        if not wanted:
            return 0.0
        present = wanted & set(sentence_terms)
        # fsum is exact whatever the order, and sets iterate in per-process hash order.
        total = math.fsum(self.idf(t) for t in wanted)
        return math.fsum(self.idf(t) for t in present) / total if total else 0.0

    def sentence_text(self, sentence_id: int) -> str:
        """The sentence as it reads in its document."""
        s = self.data.sentences[sentence_id]
        return self.data.documents[s["doc"]]["text"][s["start"] : s["end"]]

    def candidates(
        self, kind: str | None, terms: list[str], vector: np.ndarray, ranked, top_passages: int
    ) -> Candidates:
        """The sentences of the top passages with their dense, coverage and type signals."""
        best: dict[int, tuple[RankedChunk, int]] = {}
        for rank, hit in enumerate(ranked[:top_passages]):
            first, stop = self.data.chunks[hit.chunk_id]["sentences"]
            for sid in range(first, stop):
                if sid not in best or hit.score > best[sid][0].score:
                    best[sid] = (hit, rank)
        ids = np.array(sorted(best), dtype=np.int64)
        dense = self.data.sentence_vectors[ids] @ vector.astype(np.float32)
        coverage = np.array(
            [self.coverage(terms, self.data.sentences[s]["terms"]) for s in ids.tolist()]
        )
        typed = np.array([type_matches(kind, self.sentence_text(s)) for s in ids.tolist()])
        return Candidates(
            ids=ids,
            dense=dense.astype(np.float64),
            coverage=coverage.reshape(len(ids)),
            typed=typed.reshape(len(ids)).astype(bool),
            hits=[best[s][0] for s in ids.tolist()],
            passage_rank=np.array([best[s][1] for s in ids.tolist()], dtype=np.int64),
        )

    def features(self, candidates: Candidates, terms: list[str], kind: str | None) -> np.ndarray:
        """The ranker's feature matrix of the candidates (`features.SENTENCE_FEATURES`)."""
        ids = candidates.ids
        asked = set(terms)
        own = [set(self.data.sentences[s]["terms"]) for s in ids.tolist()]
        novelty = np.array([len(t - asked) / max(1, len(t)) for t in own])
        pair = candidates.coverage.copy()
        for i, sid in enumerate(ids.tolist()):
            for n in (sid - 1, sid + 1):
                if 0 <= n < len(self._docs) and self._docs[n] == self._docs[sid]:
                    union = own[i] | set(self.data.sentences[n]["terms"])
                    pair[i] = max(pair[i], self.coverage(terms, list(union)))
        docs = self._docs[ids]
        adjacent = (np.diff(ids) == 1) & (np.diff(docs) == 0)
        left = np.concatenate([[False], adjacent])
        right = np.concatenate([adjacent, [False]])
        texts = [self.sentence_text(s) for s in ids.tolist()]
        return sentence_features(
            candidates,
            positions=self._position[ids],
            doc_sizes=self._doc_size[ids],
            lengths=np.array([len(t) for t in texts]),
            headings=np.array([not CLOSES_SENTENCE.search(t) for t in texts]),
            same_doc_left=left,
            same_doc_right=right,
            kind=kind,
            novelty=novelty,
            pair_coverage=pair,
        )

    def _counting(
        self, found: Candidates, values: np.ndarray, top_index: int, unit: tuple[str, ...]
    ) -> int:
        """The best-ranked candidate that counts `unit` («۷ رأی» for «چند رأی»), when the top
        one does not and it holds the question's terms at least as well; else the top one.

        Asked «حیدری‌فرد چند رأی آورد؟», the short sentence about him outranks the long one
        that gives his votes; the count of the unit asked for decides between them.
        """
        ids = found.ids.tolist()
        if holds_count_of(unit, self.sentence_text(ids[top_index])):
            return top_index
        counting = [
            i
            for i in range(len(ids))
            if found.coverage[i] >= found.coverage[top_index]
            and holds_count_of(unit, self.sentence_text(ids[i]))
        ]
        return max(counting, key=lambda i: (values[i], -ids[i])) if counting else top_index

    def extract(
        self,
        question: str,
        question_terms: list[str],
        question_vector: np.ndarray,
        ranked: list[RankedChunk],
        top_passages: int = 5,
        in_corpus: Callable[[str], bool] | None = None,
        question_words: list[QuestionWord] | None = None,
        idf: Callable[[str], float] | None = None,
        background: float | None = None,
        sentences: int | None = None,
    ) -> ExtractedAnswer | None:
        """The best sentence (with a neighbour when it helps) among the top passages.

        Args:
            question: The normalized question.
            question_terms: Its lexical terms.
            question_vector: Its embedding.
            ranked: Retrieved chunks, best first.
            top_passages: How many of them to take sentences from.
            in_corpus: Whether a term occurs in the documents (default: `self.in_corpus`;
                the fit script leaves a question's own passage out).
            question_words: Its words with their terms (default: each term a word).
            idf: Term weights of the verifier's features (default: `self.idf`; the fit script
                weighs by the small training corpus a question is asked of).
            background: Mean cosine of the question with the documents' sentences (default:
                `self.background`; the fit script computes it over each training corpus).
            sentences: Sentences of the documents (default: this index's; the fit script
                gives each training corpus's).
        """
        if not ranked:
            return None
        language = question_language(question)
        lexical = language == PERSIAN
        terms = question_terms if lexical else []
        kind = question_type(question)
        found = self.candidates(kind, terms, question_vector, ranked, top_passages)
        if self.scorer is None:
            w = self.weights
            passage = np.array([h.score for h in found.hits])
            values = (
                w.dense * found.dense
                + w.coverage * found.coverage
                + w.passage * passage
                + w.answer_type * found.typed
            )
        else:
            values = self.scorer.rank(self.features(found, terms, kind))
        ids = found.ids.tolist()
        scores = dict(zip(ids, values.tolist(), strict=True))
        top_index = max(range(len(ids)), key=lambda i: (values[i], -ids[i]))
        unit = (counted_units(question) or None) if kind in ("number", "amount") else None
        if unit is not None:
            top_index = self._counting(found, values, top_index, unit)
        top = ids[top_index]
        first, last = answer_sentences(self.data.sentences, self.sentence_text, top, scores, kind)
        shown = top if first <= top <= last else first
        span = range(first, last + 1)
        span_terms = {t for s in span for t in self.data.sentences[s]["terms"]}
        texts = [self.sentence_text(s) for s in span]
        counted = [unit is None or holds_count_of(unit, text) for text in texts]
        typed = any(type_matches(kind, t) and c for t, c in zip(texts, counted, strict=True))
        uncounted = unit is not None and not any(counted)
        in_corpus = in_corpus or self.in_corpus
        idf = idf or self.idf
        words = question_words if question_words is not None else _one_word_a_term(terms)
        words = words if lexical else []
        presence = word_presence(words, idf, in_corpus)
        verification = None
        if self.scorer is not None:
            verification = verify_features(
                found,
                values,
                top_index,
                span_terms,
                typed,
                kind,
                words,
                presence,
                lexical,
                self.background(question_vector) if background is None else background,
                len(self.data.sentences) if sentences is None else sentences,
                uncounted,
            )
        missing = tuple(t for i in presence.missing for t in words[i].terms)
        count = len(self.data.sentences) if sentences is None else sentences
        small = is_small(count)
        decisive = []
        if small:
            when = untimed(question, texts)
            decisive = decisive_missing(question, words, presence.missing, span_terms) + when
            typed = typed and not when  # a number is no date: the note says the time is missing
        return ExtractedAnswer(
            doc_id=self.data.sentences[top]["doc"],
            start=self.data.sentences[first]["start"],
            end=self.data.sentences[last]["end"],
            chunk_id=found.hits[ids.index(shown)].chunk_id,
            coverage=float(found.coverage[top_index]),
            dense=float(found.dense[top_index]),
            sentence_id=top,
            kind=kind,
            language=language,
            verification=verification,
            missing_terms=missing,
            decisive_missing=tuple(decisive),
            typed=typed,
        )
