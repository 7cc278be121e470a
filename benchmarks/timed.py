"""Timing hooks around the real `AnsweringService.ask` path, without editing the product.

`TimedEncoder` wraps any encoder; `instrument` swaps the service's searcher for one whose
retriever and extractor are timed proxies (the searcher is an immutable dataclass, so this is
the same one-assignment swap `reload` does). `ask` still runs unchanged: the split is
encode (the model), search (`HybridRetriever.search`: FAISS + BM25 + fusion), answer
(`AnswerExtractor.extract`), and other (normalization, lexical terms, passages, clipping).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.answering.types import Answer
from embeddings.encoder import Encoder, TextKind


class TimedEncoder:
    """An encoder that records how long each call took and keeps the question vectors.

    Attributes:
        identity: The wrapped encoder's identity (the index manifest sees no difference).
        dim: Vector dimension.
        inner: The wrapped encoder; may be swapped between calls (levers do).
        last_ms: Duration of the latest `encode` call.
        calls: Number of `encode` calls.
        document_seconds: Total time spent embedding documents (indexing).
        document_texts: Number of document texts embedded.
        query_vectors: Normalized question text → vector, for every question embedded.
    """

    def __init__(self, inner: Encoder) -> None:
        """Wraps `inner`."""
        self.inner = inner
        self.identity = inner.identity
        self.dim = inner.dim
        self.last_ms = 0.0
        self.calls = 0
        self.document_seconds = 0.0
        self.document_texts = 0
        self.query_vectors: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str], kind: TextKind) -> np.ndarray:
        """Encodes with the wrapped encoder and records the time."""
        started = time.perf_counter()
        vectors = self.inner.encode(texts, kind)
        elapsed = time.perf_counter() - started
        self.last_ms = elapsed * 1000
        self.calls += 1
        if kind == "document":
            self.document_seconds += elapsed
            self.document_texts += len(texts)
        else:
            for text, vector in zip(texts, vectors, strict=True):
                self.query_vectors[text] = vector
        return vectors


class TimedMethod:
    """Proxy that delegates everything to `inner` and times calls of one method."""

    def __init__(self, inner: Any, method: str) -> None:
        """Wraps `inner`, timing `inner.<method>(...)`."""
        self._inner = inner
        self._method = method
        self.last_ms = 0.0

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if name != self._method:
            return attribute

        def timed_call(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return attribute(*args, **kwargs)
            finally:
                self.last_ms = (time.perf_counter() - started) * 1000

        return timed_call


@dataclass
class Probe:
    """The timed pieces of one instrumented service."""

    service: Any
    encoder: TimedEncoder
    retriever: TimedMethod
    extractor: TimedMethod


def instrument(service: Any) -> Probe:
    """Times a loaded service's search and answer selection; its encoder must be timed.

    Args:
        service: A loaded `AnsweringService` built with `encoder=TimedEncoder(...)`.

    Raises:
        TypeError: The service's encoder is not a `TimedEncoder`.
    """
    encoder = service.encoder
    if not isinstance(encoder, TimedEncoder):
        raise TypeError("build the service with encoder=TimedEncoder(...)")
    searcher = service._searcher
    retriever = TimedMethod(searcher.retriever, "search")
    extractor = TimedMethod(searcher.extractor, "extract")
    service._searcher = dataclasses.replace(searcher, retriever=retriever, extractor=extractor)
    return Probe(service, encoder, retriever, extractor)


def clear_question_cache(service: Any) -> None:
    """Empties the service's LRU of question vectors, so the next ask runs the model."""
    with service._cache_lock:
        service._cache.clear()


def timed_ask(probe: Probe, question: str, cold: bool = True, k: int = 3) -> tuple[Answer, dict]:
    """Asks one question through the real `ask` and splits its wall time.

    Args:
        probe: The instrumented service.
        question: The question as a user types it.
        cold: Clear the question-vector cache first, so the model runs.
        k: Passages to return (the CLI's default is 3).

    Returns:
        The answer and {"total", "encode", "search", "answer", "other"} in milliseconds
        ("encode" is 0 when the cache answered).
    """
    if cold:
        clear_question_cache(probe.service)
    calls = probe.encoder.calls
    probe.retriever.last_ms = probe.extractor.last_ms = 0.0
    started = time.perf_counter()
    answer = probe.service.ask(question, k=k)
    total = (time.perf_counter() - started) * 1000
    encode = probe.encoder.last_ms if probe.encoder.calls > calls else 0.0
    split = {
        "total": total,
        "encode": encode,
        "search": probe.retriever.last_ms,
        "answer": probe.extractor.last_ms,
    }
    split["other"] = max(0.0, total - split["encode"] - split["search"] - split["answer"])
    return answer, split


def time_calls(function: Callable[[], Any], repeat: int) -> list[float]:
    """Milliseconds of `repeat` calls of `function`."""
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        out.append((time.perf_counter() - started) * 1000)
    return out
