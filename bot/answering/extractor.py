"""Choosing the sentence(s) that answer a question from the top passages.

Each sentence of the best passages is scored by a linear mix of: its own dense similarity to
the question, how much of the question's (IDF-weighted) content it covers, the fused score
of its passage, and whether it holds the kind of thing the question asks for (a number for
«چند», a time for «کی / چه زمانی», a person for «چه کسی», …).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from bot.answering.person_names import names_person
from bot.answering.text_clipping import MAX_ANSWER_CHARS
from embeddings.hybrid_retriever import RankedChunk
from embeddings.index_store import IndexData

_DIGITS = r"[0-9۰-۹]"
_NUMBER_WORDS = (
    r"یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|یازده|دوازده|بیست|سی|چهل|پنجاه|شصت|هفتاد|هشتاد|نود|"
    r"صد|هزار|میلیون|میلیارد|درصد|نیم|دهها|صدها|هزاران"
)
_MONTHS = (
    r"فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|ژانویه|فوریه|مارس|"
    r"آوریل|مه|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر|محرم|صفر|رمضان|شوال"
)
_TIME_WORDS = (
    r"شنبه|یکشنبه|دوشنبه|سه‌شنبه|چهارشنبه|پنجشنبه|پنج‌شنبه|جمعه|امروز|دیروز|فردا|ظهر|صبح|"
    r"عصر|شب|ساعت|سال|سالهای|سال‌های|قرن|سده|دهه|ماه|روز|هفته|زمان|هنگام|دوران|دوره|"
    r"میلادی|شمسی|قمری|خورشیدی|پیش|پس|بعد|قبل|" + _MONTHS
)
_PERSON_WORDS = (
    r"دکتر|آقای|خانم|مهندس|استاد|رئیس|وزیر|استاندار|معاون|نماینده|مدیر|دبیر|فرمانده|پادشاه|"
    r"شاه|امام|رهبر|نویسنده|شاعر|دانشمند|بنیانگذار|موسس|مؤسس|مخترع|کاشف|سلطان|خلیفه|پیامبر"
)
_PLACE_WORDS = (
    r"استان|شهر|کشور|منطقه|روستا|قاره|جزیره|دریا|کوه|رود|رودخانه|پایتخت|شمال|جنوب|شرق|غرب|"
    r"مرکز|نزدیکی|واقع|در"
)
_REASON_WORDS = r"زیرا|چون|چراکه|دلیل|علت|سبب|خاطر|بنابراین|نتیجه|باعث|موجب|تا|برای"
_WORD_EDGE = r"(?<![\w\u200c])(?:{})(?![\w\u200c])"
_CLOSES_SENTENCE = re.compile(r"[.!?؟…:]['\"»)\]]*\s*$")


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(_WORD_EDGE.format(pattern))


# (question cue, what an answering sentence tends to contain), checked in order.
_QUESTION_TYPES: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    (
        "number",
        _words(r"چند|چندم|چندمین|چقدر|چه\s+تعداد|چه\s+میزان|چه\s+مقدار|تعداد|میزان"),
        re.compile(rf"{_DIGITS}|" + _WORD_EDGE.format(_NUMBER_WORDS)),
    ),
    (
        "time",
        _words(
            r"چه\s+زمانی|چه\s+وقت|کی|چه\s+سالی|چه\s+روزی|چه\s+تاریخی|چه\s+ماهی|چه\s+قرنی|"
            r"چه\s+سال|چه\s+روز|چه\s+ساعتی|چه\s+دوره‌ای|چه\s+دوره\s+ای|تاریخ"
        ),
        re.compile(rf"{_DIGITS}|" + _WORD_EDGE.format(_TIME_WORDS)),
    ),
    # «نام معاون …» wants a name; «چه کسی» is also answered by a role («به ریاست استاندار»).
    (
        "person_name",
        re.compile(
            rf"(?<![\w\u200c])(?:نام|اسم)\s+(?:{_PERSON_WORDS})(?![\w\u200c])|"
            rf"(?<![\w\u200c])(?:{_PERSON_WORDS})(?![\w\u200c]).*"
            r"(?:چه\s+نامی?\s+دارد|چه\s+اسمی\s+دارد|نامش\s+چیست|اسمش\s+چیست)"
        ),
        _words(_PERSON_WORDS),
    ),
    (
        "person",
        _words(r"چه\s+کسی|چه\s+کسانی|کیست|کیستند|چه\s+شخصی|چه\s+فردی|نام\s+\S+\s+چیست"),
        _words(_PERSON_WORDS),
    ),
    (
        "place",
        _words(r"کجا|کجاست|کدام\s+شهر|کدام\s+کشور|کدام\s+استان|کدام\s+منطقه|چه\s+شهری|چه\s+کشوری"),
        _words(_PLACE_WORDS),
    ),
    ("reason", _words(r"چرا|چه\s+دلیلی|چه\s+علتی|علت|دلیل|برای\s+چه"), _words(_REASON_WORDS)),
    (
        "list",
        re.compile(
            r"(?:چه|کدام)\s+\S+?(?:\u200c?هایی|\u200c?ها|انی)(?![\w\u200c])|"
            r"چه\s+(?:عواملی|انواعی|مواردی|مواد(?:ی)?)|کدامند"
        ),
        re.compile(r"(?:[^،,]+[،,]){2}|عبارت(?:ند)?\s+از|شامل|از\s+جمله|مانند"),
    ),
)


_ANSWER_EVIDENCE = {name: evidence for name, _, evidence in _QUESTION_TYPES}


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
    """

    doc_id: int
    start: int
    end: int
    chunk_id: int
    coverage: float
    dense: float


def question_type(question: str) -> str | None:
    """The kind of answer a (normalized) question asks for, if its wording tells."""
    for name, cue, _ in _QUESTION_TYPES:
        if cue.search(question):
            return name
    return None


def _type_matches(kind: str | None, sentence: str) -> bool:
    """True when the sentence holds the kind of thing the question asks for."""
    if kind in ("person", "person_name") and names_person(sentence):
        return True
    evidence = _ANSWER_EVIDENCE.get(kind)
    return evidence is not None and evidence.search(sentence) is not None


class AnswerExtractor:
    """Scores sentences of retrieved passages against a question."""

    def __init__(self, data: IndexData, weights: ExtractorWeights | None = None) -> None:
        """Precomputes term document frequencies over sentences for IDF weights."""
        self.data = data
        self.weights = weights or ExtractorWeights()
        df: dict[str, int] = {}
        for sentence in data.sentences:
            for term in set(sentence["terms"]):
                df[term] = df.get(term, 0) + 1
        self._df = df
        self._n = max(1, len(data.sentences))

    def idf(self, term: str) -> float:
        """Smoothed inverse sentence frequency (unseen terms weigh the most)."""
        return math.log(1 + (self._n + 1) / (self._df.get(term, 0) + 0.5))

    def coverage(self, question_terms: list[str], sentence_terms: list[str]) -> float:
        """IDF-weighted share of the question's terms present in the sentence."""
        wanted = set(question_terms)
        if not wanted:
            return 0.0
        present = wanted & set(sentence_terms)
        total = sum(self.idf(t) for t in wanted)
        return sum(self.idf(t) for t in present) / total if total else 0.0

    def sentence_text(self, sentence_id: int) -> str:
        """The sentence as it reads in its document."""
        s = self.data.sentences[sentence_id]
        return self.data.documents[s["doc"]]["text"][s["start"] : s["end"]]

    def _with_neighbour(self, top: int, scores: dict[int, float]) -> tuple[int, int]:
        """Adds the better-scoring adjacent sentence when both fit in one answer.

        The sentence that matches the question best often names the topic while its
        neighbour holds the fact (a name, a reason, a list); on the development set adding
        the neighbour found the answer far more often than the best sentence alone.
        """
        own = self.data.sentences[top]
        options = []
        for neighbour in (top - 1, top + 1):
            if neighbour not in scores:
                continue
            other = self.data.sentences[neighbour]
            span = max(own["end"], other["end"]) - min(own["start"], other["start"])
            # A heading (no closing punctuation) beside the answer adds nothing to it.
            is_heading = not _CLOSES_SENTENCE.search(self.sentence_text(neighbour))
            if other["doc"] == own["doc"] and span <= MAX_ANSWER_CHARS and not is_heading:
                options.append((scores[neighbour], -neighbour, neighbour))
        if not options:
            return top, top
        neighbour = max(options)[2]
        return min(top, neighbour), max(top, neighbour)

    def _named_neighbour(self, top: int, scores: dict[int, float]) -> int | None:
        """The adjacent sentence that names someone, when `top` itself names no one.

        News reports introduce a speaker by role in one sentence and by name in the next
        («معاون … گفت: …» then «علی جهانگیری … اظهار داشت …»): asked for the name, the
        role sentence matches the question best but the neighbour holds the answer.
        """
        if names_person(self.sentence_text(top)):
            return None
        doc = self.data.sentences[top]["doc"]
        named = [
            n
            for n in (top - 1, top + 1)
            if n in scores
            and self.data.sentences[n]["doc"] == doc
            and names_person(self.sentence_text(n))
        ]
        return max(named, key=lambda n: (scores[n], -n)) if named else None

    def _answer_sentences(
        self, top: int, scores: dict[int, float], kind: str | None
    ) -> tuple[int, int]:
        """First and last sentence of the answer around the best sentence `top`."""
        named = self._named_neighbour(top, scores) if kind == "person_name" else None
        if named is None:
            return self._with_neighbour(top, scores)
        first, last = min(top, named), max(top, named)
        sentences = self.data.sentences
        if sentences[last]["end"] - sentences[first]["start"] <= MAX_ANSWER_CHARS:
            return first, last
        # Both do not fit: the name is what was asked; the passage shown gives the context.
        return named, named

    def extract(
        self,
        question: str,
        question_terms: list[str],
        question_vector: np.ndarray,
        ranked: list[RankedChunk],
        top_passages: int = 5,
    ) -> ExtractedAnswer | None:
        """The best sentence (with a neighbour when it helps) among the top passages."""
        if not ranked:
            return None
        w = self.weights
        kind = question_type(question)
        best_chunk: dict[int, RankedChunk] = {}
        for hit in ranked[:top_passages]:
            first, stop = self.data.chunks[hit.chunk_id]["sentences"]
            for sid in range(first, stop):
                if sid not in best_chunk or hit.score > best_chunk[sid].score:
                    best_chunk[sid] = hit
        ids = np.fromiter(best_chunk, dtype=np.int64)
        dense = self.data.sentence_vectors[ids] @ question_vector.astype(np.float32)
        scores: dict[int, float] = {}
        coverages: dict[int, float] = {}
        similarity = dict(zip(ids.tolist(), dense.tolist(), strict=True))
        for sid, d in similarity.items():
            cov = self.coverage(question_terms, self.data.sentences[sid]["terms"])
            typed = _type_matches(kind, self.sentence_text(sid))
            coverages[sid] = cov
            scores[sid] = (
                w.dense * d
                + w.coverage * cov
                + w.passage * best_chunk[sid].score
                + w.answer_type * typed
            )
        top = max(scores, key=lambda sid: (scores[sid], -sid))
        first, last = self._answer_sentences(top, scores, kind)
        shown = top if first <= top <= last else first
        return ExtractedAnswer(
            doc_id=self.data.sentences[top]["doc"],
            start=self.data.sentences[first]["start"],
            end=self.data.sentences[last]["end"],
            chunk_id=best_chunk[shown].chunk_id,
            coverage=coverages[top],
            dense=similarity[top],
        )
