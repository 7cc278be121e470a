"""Text → vectors: the encoder protocol and its sentence-transformers implementation."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

import numpy as np

from embeddings.model_choice import BUNDLED_PREFIX

logger = logging.getLogger(__name__)

TextKind = Literal["query", "document"]


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into L2-normalized float32 vectors.

    Attributes:
        identity: What the index manifest records, so an index built by another model (or
            other weights) is never searched with this one.
        dim: Vector dimension.
    """

    identity: str
    dim: int

    def encode(self, texts: Sequence[str], kind: TextKind) -> np.ndarray:
        """Returns an array of shape (len(texts), dim), rows of unit length."""
        ...


def set_thread_environment(threads: int) -> None:
    """Thread variables for OpenMP/BLAS; they only bind if set before torch is imported.

    OpenMP's default wait policy spins idle threads; when other processes share the two
    cores a question then takes ~1 s instead of ~40 ms (benchmarks/README.md), so threads
    sleep instead (PASSIVE) unless the environment says otherwise.
    """
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(var, str(threads))
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def set_thread_count(threads: int) -> None:
    """Pins torch, FAISS and OpenMP to `threads` threads.

    On two shared cores the libraries' defaults oversubscribe and latency doubles.
    """
    threads = max(1, int(threads))
    set_thread_environment(threads)
    import faiss
    import torch

    torch.set_num_threads(threads)
    faiss.omp_set_num_threads(threads)


class SentenceTransformerEncoder:
    """Encodes with a sentence-transformers model, using its `query`/`document` prompts."""

    def __init__(
        self,
        model_name: str,
        cache_dir: Path,
        threads: int = 2,
        int8_queries: bool = True,
        query_threads: int = 1,
    ) -> None:
        """Loads the model; the bundled one is materialized into `cache_dir` first.

        Args:
            model_name: `bundled:multilingual-e5-small` or a sentence-transformers name/path.
            cache_dir: Folder for materialized models.
            threads: CPU threads for embedding documents (batches of long passages).
            query_threads: CPU threads for embedding a question. A ~15-token question gains
                nothing from a second thread on an idle machine and loses ~50% when another
                process holds the other core (`benchmarks/README.md`).
            int8_queries: Embed questions with an int8 copy of the model
                (`embeddings/query_quantization.py`); documents always use the fp32 model.
        """
        set_thread_count(threads)
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # A progress bar on every load is noise in a CLI and in the bot's logs.
        transformers_logging.disable_progress_bar()

        if model_name.startswith(BUNDLED_PREFIX):
            from embeddings.bundled_model import (
                BUNDLED_MODELS,
                bundled_key,
                materialize_bundled_model,
                recorded_files,
            )

            key = bundled_key(model_name)
            path = materialize_bundled_model(Path(cache_dir), key)
            # Hash what torch reads (~0.3 s); the ONNX files are checked by their reader.
            read = tuple(n for n in recorded_files(path) if not n.startswith("onnx/"))
            path = materialize_bundled_model(Path(cache_dir), key, verify=read)
            self.identity = f"{model_name}@{BUNDLED_MODELS[key].sha256[:16]}"
            self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        else:
            self.identity = model_name
            self._model = SentenceTransformer(model_name, device="cpu")
        self._model.eval()
        dimension = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dimension())
        self._has_prompts = {"query", "document"} <= set(self._model.prompts)
        self._torch = torch
        self._threads = {"query": max(1, query_threads), "document": max(1, threads)}
        self._query_model = self._model
        if int8_queries:
            from embeddings.query_quantization import int8_query_copy

            try:
                self._query_model = int8_query_copy(self._model)
            except Exception:  # an architecture torch cannot quantize: fp32 still answers
                logger.warning("int8 question encoder unavailable; using fp32", exc_info=True)

    def encode(self, texts: Sequence[str], kind: TextKind) -> np.ndarray:
        """Returns normalized float32 embeddings of `texts` (prompted as `kind`)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        prompt_name = kind if self._has_prompts else None
        model = self._query_model if kind == "query" else self._model
        # Process-wide: a question asked during a rebuild may run a batch with its count,
        # which slows that batch a little and changes no result.
        if self._torch.get_num_threads() != self._threads[kind]:
            self._torch.set_num_threads(self._threads[kind])
        vectors = model.encode(
            list(texts),
            prompt_name=prompt_name,
            batch_size=32,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
