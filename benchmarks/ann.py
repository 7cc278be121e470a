"""Exact versus approximate nearest neighbours on the same vectors and real question vectors.

Flat (exact FAISS), a NumPy matrix product (exact, BLAS), and HNSW with the product's
parameters at several `efSearch` values. Recall@10 is given two ways: by ids (the share of
flat's top-10 ids that HNSW returns) and tie-aware (an HNSW hit counts when its score is at
least flat's 10th score: recombined corpora hold near-duplicate chunks, whose order among
equal scores is arbitrary).
"""

from __future__ import annotations

import time

import numpy as np

from benchmarks.stats import summarize, timed
from embeddings.hybrid_retriever import DEFAULT_CANDIDATES
from embeddings.index_store import build_faiss_index

RECALL_AT = 10
EF_SEARCH = (128, 256, 512)  # the product's own value (read off its index) is added


def search_all(
    index: object, queries: np.ndarray, k: int
) -> tuple[list[float], np.ndarray, np.ndarray]:
    """Per-query times (one query per call, as `ask` does), result ids and scores."""
    times, ids, scores = [], [], []
    for row in queries:
        started = time.perf_counter()
        found_scores, found = index.search(row.reshape(1, -1), k)
        times.append((time.perf_counter() - started) * 1000)
        ids.append(found[0])
        scores.append(found_scores[0])
    return times, np.vstack(ids), np.vstack(scores)


def _numpy_exact_ms(vectors: np.ndarray, queries: np.ndarray, k: int) -> list[float]:
    times = []
    for row in queries:
        started = time.perf_counter()
        scores = vectors @ row
        np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.argsort(-scores)
        times.append((time.perf_counter() - started) * 1000)
    return times


def recall_by_ids(approximate: np.ndarray, exact: np.ndarray, k: int) -> float:
    """Mean share of the exact top-k ids found in the approximate top-k."""
    hits = [len(set(a[:k]) & set(e[:k])) / k for a, e in zip(approximate, exact, strict=True)]
    return round(float(np.mean(hits)), 4)


def recall_tie_aware(approx_scores: np.ndarray, exact_scores: np.ndarray, k: int) -> float:
    """Mean share of the approximate top-k scoring at least the exact k-th score."""
    floor = exact_scores[:, k - 1 : k] - 1e-6
    hits = np.minimum((approx_scores[:, :k] >= floor).sum(axis=1), k) / k
    return round(float(hits.mean()), 4)


def compare(vectors: np.ndarray, queries: np.ndarray) -> dict:
    """Flat, NumPy and HNSW search on the same vectors and questions.

    Args:
        vectors: Unit chunk vectors, float32.
        queries: Unit question vectors, float32.
    """
    import faiss

    queries = np.ascontiguousarray(queries, dtype=np.float32)
    with timed() as flat_clock:
        flat = build_faiss_index(vectors, "flat")
    with timed() as hnsw_clock:
        hnsw = build_faiss_index(vectors, "hnsw")
    # The headline figures are at the efSearch the product builds its index with.
    product_ef = int(hnsw.hnsw.efSearch)
    k = min(DEFAULT_CANDIDATES, len(vectors))
    at = min(RECALL_AT, len(vectors))
    flat_ms, flat_ids, flat_scores = search_all(flat, queries, k)
    sweep = {}
    for ef in sorted({*EF_SEARCH, product_ef}):
        hnsw.hnsw.efSearch = ef
        ms, ids, scores = search_all(hnsw, queries, k)
        sweep[ef] = {
            "search_ms": summarize(ms, 3),
            "recall_at_10_by_ids": recall_by_ids(ids, flat_ids, at),
            "recall_at_10_tie_aware": recall_tie_aware(scores, flat_scores, at),
        }
    default = sweep[product_ef]
    return {
        "k": k,
        "queries": len(queries),
        "flat_search_ms": summarize(flat_ms, 3),
        "numpy_exact_ms": summarize(_numpy_exact_ms(vectors, queries, k), 3),
        "hnsw_search_ms": default["search_ms"],
        "hnsw_recall_at_10_vs_flat": default["recall_at_10_by_ids"],
        "hnsw_recall_at_10_tie_aware": default["recall_at_10_tie_aware"],
        "ef_search_sweep": sweep,
        "flat_build_s": round(flat_clock["s"], 3),
        "hnsw_build_s": round(hnsw_clock["s"], 3),
        "flat_mb": round(len(faiss.serialize_index(flat)) / 2**20, 2),
        "hnsw_mb": round(len(faiss.serialize_index(hnsw)) / 2**20, 2),
        "hnsw_params": {
            "M": int(hnsw.hnsw.nb_neighbors(1)),
            "efConstruction": int(hnsw.hnsw.efConstruction),
            "efSearch": product_ef,
        },
    }
