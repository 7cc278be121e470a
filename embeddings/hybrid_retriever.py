"""Ranked passages: dense (FAISS) and lexical (BM25) scores fused by a convex combination.

Reciprocal-rank fusion throws away how far ahead the leader is; on the ParsiNLU development
set it did worse than dense retrieval alone. Min-max-normalizing each signal over the
candidate set and mixing them linearly keeps those margins (Bruch et al., 2023, "An Analysis
of Fusion Functions for Hybrid Retrieval"). `python -m benchmarks.fusion_study` measures
dense, BM25, RRF and convex mixes on the development sets.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from embeddings.index_store import IndexData

DEFAULT_DENSE_WEIGHT = 0.7
DEFAULT_CANDIDATES = 50


@dataclass(frozen=True)
class RankedChunk:
    """One retrieved chunk with its scores.

    Attributes:
        chunk_id: Position in `IndexData.chunks`.
        score: Fused score in [0, 1].
        dense: Cosine similarity of question and chunk.
        lexical: BM25 score.
    """

    chunk_id: int
    score: float
    dense: float
    lexical: float


def _min_max(values: np.ndarray) -> np.ndarray:
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-9:
        return np.ones_like(values) if high > 0 else np.zeros_like(values)
    return (values - low) / (high - low)


class HybridRetriever:
    """Searches one `IndexData`; immutable, so it can be swapped atomically on reload."""

    def __init__(
        self,
        data: IndexData,
        dense_weight: float = DEFAULT_DENSE_WEIGHT,
        candidates: int = DEFAULT_CANDIDATES,
    ) -> None:
        """Builds the BM25 index over the chunks' lexical terms.

        Args:
            data: The loaded or freshly built index.
            dense_weight: Weight of the dense signal; 1 − this goes to BM25.
            candidates: How many chunks each signal nominates before fusion.
        """
        import bm25s

        # bm25s sets its own logger to DEBUG on import; its chatter is not ours to print.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self.data = data
        self.dense_weight = dense_weight
        self.candidates = candidates
        self._bm25 = bm25s.BM25()
        if data.chunks:
            self._bm25.index(data.chunk_terms, show_progress=False)
        self._vocabulary = set(self._bm25.vocab_dict or ())

    def lexical_scores(self, terms: list[str]) -> np.ndarray:
        """BM25 score of every chunk for the question's terms."""
        known = [t for t in terms if t in self._vocabulary]
        if not known:
            return np.zeros(len(self.data.chunks), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def search(self, terms: list[str], query_vector: np.ndarray, k: int = 5) -> list[RankedChunk]:
        """The `k` best chunks for a question.

        Args:
            terms: The question's lexical terms (`PersianTextNormalizer.lexical_tokens`).
            query_vector: The question's normalized embedding.
            k: How many chunks to return.
        """
        n = len(self.data.chunks)
        if n == 0:
            return []
        want = min(n, max(k, self.candidates))
        query = np.ascontiguousarray(query_vector.reshape(1, -1), dtype=np.float32)
        _, dense_ids = self.data.faiss_index.search(query, want)
        lexical = self.lexical_scores(terms)
        lexical_ids = np.argpartition(-lexical, want - 1)[:want] if want < n else np.arange(n)
        ids = np.unique(np.concatenate([dense_ids[0][dense_ids[0] >= 0], lexical_ids]))
        return self.fuse(ids, query[0], lexical, k)

    def fuse(
        self, ids: np.ndarray, query_vector: np.ndarray, lexical: np.ndarray, k: int
    ) -> list[RankedChunk]:
        """The `k` best of the chunks `ids`, by dense and BM25 scores min-max normalized over
        those chunks and mixed by `dense_weight`; ties go to the lower id.

        Args:
            ids: Candidate chunk ids.
            query_vector: The question's normalized embedding.
            lexical: BM25 score of every chunk (`lexical_scores`).
            k: How many chunks to return.
        """
        dense = self.data.chunk_vectors[ids] @ query_vector.astype(np.float32, copy=False)
        fused = self.dense_weight * _min_max(dense) + (1 - self.dense_weight) * _min_max(
            lexical[ids]
        )
        order = np.lexsort((ids, -fused))[:k]
        return [
            RankedChunk(int(ids[i]), float(fused[i]), float(dense[i]), float(lexical[ids[i]]))
            for i in order
        ]
