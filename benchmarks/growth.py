"""Growth: indexing, memory and search latency at about 1, 100, 1,000 and 10,000 documents.

Each size is a fresh corpus (see `benchmarks.corpora`) indexed by the product's `load()`
with vectors from `ComposingEncoder`, then asked the benchmark's questions. At each size the
same chunk vectors are also searched exactly and with HNSW (`benchmarks.ann`), giving the
search time of each and HNSW's recall@10 against exact search on the real question vectors.
"""

from __future__ import annotations

import gc
import logging
import time

from benchmarks.ann import compare
from benchmarks.corpora import ComposingEncoder, sentence_pool, write_corpus
from benchmarks.questions import MEETING_CORPUS, QuestionSet
from benchmarks.stats import load_average, summarize
from benchmarks.timed import TimedEncoder, instrument, timed_ask
from benchmarks.workspace import Workspace, build_index
from embeddings.index_builder import DEFAULT_APPROXIMATE_FROM

logger = logging.getLogger(__name__)

SEED = 20240604
WARMUP = 5


def measure_size(
    workspace: Workspace, encoder: ComposingEncoder, pool: list[str], n_docs: int, texts: list
) -> dict:
    """Builds, asks and searches one corpus size; everything is released afterwards."""
    folder = write_corpus(workspace.root / f"growth-{n_docs}", pool, n_docs, SEED, _first())
    settings = workspace.settings.with_overrides(
        corpus_dir=folder, index_path=workspace.root / f"growth-{n_docs}-index"
    )
    fallback_before = encoder.fallback_texts
    service, indexing = build_index(TimedEncoder(encoder), settings, workspace.normalizer)
    indexing["fallback_texts_embedded_by_model"] = encoder.fallback_texts - fallback_before
    probe = instrument(service)
    data = service._searcher.data
    for text in texts[:WARMUP]:
        timed_ask(probe, text)
    stages: dict[str, list[float]] = {s: [] for s in ("total", "search", "answer", "other")}
    bm25_ms: list[float] = []
    for text in texts:
        _, split = timed_ask(probe, text)
        for stage in stages:
            stages[stage].append(split[stage])
        terms = service.normalizer.lexical_tokens(text)
        started = time.perf_counter()
        service._searcher.retriever.lexical_scores(terms)
        bm25_ms.append((time.perf_counter() - started) * 1000)
    queries = encoder.encode([service.normalizer.normalize(t) for t in texts], "query")
    index_arrays = data.chunk_vectors.nbytes + data.sentence_vectors.nbytes
    result = {
        "documents": len(data.documents),
        "chunks": len(data.chunks),
        "sentences": len(data.sentences),
        "default_index_type": data.manifest.get("index_type"),
        "indexing": indexing,
        "ask_ms_without_model": {s: summarize(v) for s, v in stages.items()},
        "bm25_scores_ms": summarize(bm25_ms, 3),
        "vector_arrays_mb": round(index_arrays / 2**20, 2),
        "faiss": compare(data.chunk_vectors, queries),
    }
    del probe, service, data
    gc.collect()
    return result


def _first():
    return next(iter(sorted(MEETING_CORPUS.glob("*.txt"))), None)


def measure_growth(workspace: Workspace, questions: QuestionSet, sizes: list[int]) -> dict:
    """The growth section over `sizes` (documents), smallest first.

    Args:
        workspace: Loaded real-model services (their sentences and vectors are reused).
        questions: Questions already asked once (so their real vectors are known).
        sizes: Corpus sizes in documents.
    """
    services = [workspace.service(c) for c in ("parsinlu", "meeting")]
    pool, known = sentence_pool([s._searcher.data for s in services], workspace.normalizer)
    encoder = ComposingEncoder(workspace.encoder.inner, known, workspace.encoder.query_vectors)
    texts = [q.text for q in questions.questions]
    load_before = load_average()
    rows = []
    for n_docs in sorted(sizes):
        logger.info("growth: %d documents", n_docs)
        rows.append(measure_size(workspace, encoder, pool, n_docs, texts))
    chunks_per_doc = rows[-1]["chunks"] / max(1, rows[-1]["documents"]) if rows else 0.0
    return {
        "what": "fresh corpus per size (the meeting report + documents recombined from "
        f"{len(pool)} real sentences, seed {SEED}), indexed by AnsweringService.load(); "
        "vectors from ComposingEncoder: real sentence and question vectors looked up, chunk "
        "vector = normalized mean of its sentences' real vectors; so ask times exclude the "
        "model (add the encode median of question_latency) and indexing times exclude "
        "embedding",
        "questions_per_size": len(texts),
        "threads": workspace.settings.threads,
        "approximate_from_chunks": DEFAULT_APPROXIMATE_FROM,
        "documents_at_switch_estimate": round(DEFAULT_APPROXIMATE_FROM / chunks_per_doc)
        if chunks_per_doc
        else None,
        "sizes": rows,
        "load_average_before": load_before,
        "load_average_after": load_average(),
    }
