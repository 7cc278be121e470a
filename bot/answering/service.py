"""The answering service: one object that the CLI and the Telegram bot share.

It owns the encoder, the index and the answer extractor (loading and rebuilding the index is
`index_lifecycle.py`; putting an answer together, `answer_assembly.py`). `ask` is thread-safe
and may run concurrently with `reload`: a reload builds a complete new searcher and swaps it in
one assignment, so questions are answered from the old index until the new one is ready, and a
reload that fails leaves the old one serving.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path

import numpy as np

from bot.answering.answer_assembly import Searcher, declined_answer, sentence_answer
from bot.answering.answer_confidence import (
    answer_probability,
    confidence,
    is_confident,
    note_for,
)
from bot.answering.corpus_terms import CorpusTerms
from bot.answering.extractor import AnswerExtractor, ExtractedAnswer
from bot.answering.index_lifecycle import EmptyCorpusError, IndexLifecycle
from bot.answering.intents import detect_intent
from bot.answering.scorer import DEFAULT_WEIGHTS_PATH, AnswerScorer, load_answer_scorer
from bot.answering.structured import StructuredAnswerer
from bot.answering.types import Answer, DocumentError
from bot.settings import Settings
from embeddings.chunker import ChunkingSettings
from embeddings.encoder import Encoder
from embeddings.hybrid_retriever import HybridRetriever, RankedChunk
from embeddings.index_store import IndexData
from embeddings.structure import DocumentStructure
from embeddings.text_normalizer import PersianTextNormalizer

# EmptyCorpusError is raised by the service's loading methods; callers import it from here.
__all__ = ["AnsweringService", "EmptyCorpusError", "EmptyQuestionError", "clip_question"]

logger = logging.getLogger(__name__)

QUESTION_CACHE_SIZE = 1024


class EmptyQuestionError(ValueError):
    """The question has no words."""


class AnsweringService(IndexLifecycle):
    """Answers Persian questions from the documents in `settings.corpus_dir`."""

    def __init__(
        self,
        settings: Settings,
        encoder: Encoder | None = None,
        chunking: ChunkingSettings | None = None,
        normalizer: PersianTextNormalizer | None = None,
        scorer: str | None = None,
        scorer_path: Path = DEFAULT_WEIGHTS_PATH,
    ) -> None:
        """Keeps the settings; nothing heavy happens until `load()`.

        Args:
            settings: Where the corpus and data live, which model, how many threads.
            encoder: An encoder to use instead of the configured model (tests).
            chunking: Chunking settings (default: `ChunkingSettings()`).
            normalizer: A normalizer to share (building one loads hazm, ~2 s).
            scorer: "learned" (the fitted weights file) or "hand" (the old hand-tuned mix);
                default: `settings.scorer`.
            scorer_path: The learned scorer's weights file.
        """
        scorer = scorer or settings.scorer
        if scorer not in ("learned", "hand"):
            raise ValueError(f"unknown scorer {scorer!r}")
        self.scorer_name = scorer
        self.scorer_path = scorer_path
        self._scorer: AnswerScorer | None = None
        self.settings = settings
        self.chunking = chunking or ChunkingSettings()
        self._encoder = encoder
        self._normalizer = normalizer
        self._searcher: Searcher | None = None
        self._reload_lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._terms: CorpusTerms | None = None
        # True when a reader serves an index built before the corpus last changed.
        self.corpus_changed = False

    @property
    def encoder(self) -> Encoder:
        """The embedding model, loaded on first use."""
        if self._encoder is None:
            from embeddings.encoder_factory import load_encoder

            self.normalizer  # noqa: B018  (hazm builds in its thread while the model loads)

            self._encoder = load_encoder(
                self.settings.embedding_model,
                self.settings.model_cache_dir,
                self.settings.backend,
                self.settings.threads,
                int8_queries=self.settings.int8_queries,
                query_threads=self.settings.query_threads,
            )
        return self._encoder

    def warm_in_background(self) -> None:
        """Builds, in a daemon thread, what the first follow-up would otherwise wait ~1 s for
        (the normalizer's word list); a long-running process calls it once it has loaded."""

        def build() -> None:
            try:
                self.normalizer.dictionary  # noqa: B018 (a cached property: reading builds it)
            except Exception as exc:
                # The first question that needs the list reports it, with its traceback.
                logger.warning("Could not build the word list ahead of questions: %s", exc)

        threading.Thread(target=build, name="word-list", daemon=True).start()

    @property
    def normalizer(self) -> PersianTextNormalizer:
        """The hazm-based normalizer, built once."""
        if self._normalizer is None:
            self._normalizer = PersianTextNormalizer()
        return self._normalizer

    def _searcher_for(self, data: IndexData) -> Searcher:
        """A searcher over `data`: retriever, the scorer's extractor, the documents' structures."""
        extractor = AnswerExtractor(data, self._scorer)
        return Searcher(data, HybridRetriever(data), extractor, StructuredAnswerer(data))

    def _ensure_scorer(self) -> None:
        """Loads the learned scorer once; a missing or stale weights file stops start-up."""
        if self.scorer_name == "learned" and self._scorer is None:
            self._scorer = load_answer_scorer(self.scorer_path)
            self._scorer_model_check()

    def _scorer_model_check(self) -> None:
        """Logs when the weights were fitted with another embedding model than this one."""
        identity = getattr(self.encoder, "identity", None)
        if self._scorer is not None and identity and identity != self._scorer.model:
            logger.warning(
                "Answer scorer was fitted with %r, answering with %r: refit "
                "(scripts/fit_answer_scorer.py) if answers get worse",
                self._scorer.model,
                identity,
            )

    def corpus_terms(self) -> CorpusTerms | None:
        """Term statistics of the index now serving (built on first use after each reload)."""
        searcher = self._searcher
        if searcher is None:
            return None
        terms = self._terms
        if terms is None or terms.data is not searcher.data:
            terms = self._terms = CorpusTerms(searcher.data)
        return terms

    def _question_vector(self, normalized: str) -> np.ndarray:
        with self._cache_lock:
            cached = self._cache.get(normalized)
            if cached is not None:
                self._cache.move_to_end(normalized)
                return cached
        vector = self.encoder.encode([normalized], "query")[0]
        with self._cache_lock:
            self._cache[normalized] = vector
            while len(self._cache) > QUESTION_CACHE_SIZE:
                self._cache.popitem(last=False)
        return vector

    def ask(self, question: str, k: int = 3, document: str | None = None) -> Answer:
        """Answers one question; blocking, thread-safe. `document` names the report a
        question about "the report" means, when the user chose one of several.

        Raises:
            EmptyQuestionError: The question has no words.
        """
        started = time.perf_counter()
        searcher = self._searcher
        if searcher is None:
            self.load()
            searcher = self._searcher
        question, truncated = clip_question(question, self.settings.max_question_chars)
        normalized = self.normalizer.normalize(question)
        if not any(ch.isalnum() for ch in normalized):
            raise EmptyQuestionError("the question is empty")
        words = self.normalizer.question_words(normalized, searcher.extractor.in_corpus)
        terms = [t for word in words for t in word.terms]
        vector = self._question_vector(normalized)
        ranked = searcher.retriever.search(terms, vector, k=max(k, 5))
        # Step 1: questions about the report as a whole (who, what they said, headline,
        # summary, decisions) are answered from the document's structure.
        intent = detect_intent(normalized)
        if intent is not None:
            structured = searcher.structured.answer(
                intent,
                question,
                ranked,
                vector,
                self.normalizer.lexical_tokens,
                only=searcher.structured.doc_id(document) if document else None,
                words_of=lambda text: self.normalizer.question_words(
                    self.normalizer.normalize(text)
                ),
                vector_of=lambda text: self._question_vector(self.normalizer.normalize(text)),
            )
            if structured is not None:
                latency = round((time.perf_counter() - started) * 1000, 2)
                return replace(structured, truncated=truncated, latency_ms=latency)
        # Step 2: every other question is answered by the best sentence(s).
        extracted = searcher.extractor.extract(
            normalized, terms, vector, ranked, question_words=words
        )
        if extracted is None or not self._confident(ranked, extracted):
            note = note_for(self._scorer, self.normalizer, searcher.extractor, question, extracted)
            answer = declined_answer(searcher, question, truncated, ranked, k, note)
        else:
            answer = sentence_answer(
                searcher, self.normalizer, question, truncated, ranked, extracted, terms, k
            )
        return replace(answer, latency_ms=round((time.perf_counter() - started) * 1000, 2))

    confidence = staticmethod(confidence)

    def answer_probability(self, extracted: ExtractedAnswer) -> float | None:
        """The learned verifier's probability that the answer answers; None for "hand"."""
        return answer_probability(self._scorer, extracted)

    def _confident(self, ranked: list[RankedChunk], extracted: ExtractedAnswer) -> bool:
        return is_confident(self._scorer, ranked, extracted)

    def structure(self, name: str) -> DocumentStructure | None:
        """The structure of an indexed document (people, who said what, decisions), by name."""
        searcher = self._searcher
        doc = searcher.structured.doc_id(name) if searcher else None
        return None if doc is None else searcher.structured.structures[doc]

    def summary(self, name: str | None = None) -> Answer:
        """The summary of a document; with no name, of the only document.

        Raises:
            DocumentError: No such document, or several and none named.
        """
        if self._searcher is None:
            self.load()
        structured = self._searcher.structured
        names = [d["name"] for d in self._searcher.data.documents]
        if name is None and len(names) == 1:
            name = names[0]
        doc = structured.doc_id(name) if name else None
        if doc is None:
            if name is None:
                raise DocumentError("several documents, none named", "کدام سند را خلاصه کنم؟")
            raise DocumentError(f"no document {name!r}", "چنین سندی در مجموعه نیست.")
        answer = structured.summary(doc, fa_summary_question(name), [])
        if answer is None:
            raise DocumentError(f"document {name!r} has no text", "این سند متنی ندارد.")
        return answer


def fa_summary_question(name: str) -> str:
    """The question a summary answers, as logged and shown («خلاصه …»)."""
    return f"خلاصه {name}"


def clip_question(question: str, limit: int) -> tuple[str, bool]:
    """Strips the question and cuts it to `limit` characters at a word boundary."""
    question = " ".join(question.split())
    if len(question) <= limit:
        return question, False
    cut = question.rfind(" ", 0, limit)
    return question[: cut if cut > limit // 2 else limit], True
