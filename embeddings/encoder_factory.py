"""Which encoder serves: the ONNX copy (default) or sentence-transformers (`PASOKH_BACKEND`).

Both give the same identity to the same model, so an index built by one is searched by the
other: their vectors agree to cosine ≥ 0.999 (`tests/test_onnx_encoder.py`).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import uuid
from pathlib import Path

from embeddings.encoder import BUNDLED_PREFIX, Encoder, set_thread_environment
from embeddings.model_files import file_problems, record_files

logger = logging.getLogger(__name__)

BACKENDS = ("onnx", "sentence-transformers")
COPY_MARKER = "pasokh-onnx-copy.json"
# 2: the int8 question graph keeps the first layer's up-projection fp32 (onnx_export.py).
_COPY_FORMAT = 2


def load_encoder(
    model_name: str,
    cache_dir: Path,
    backend: str = "onnx",
    threads: int = 2,
    query_threads: int = 1,
    int8_queries: bool = True,
) -> Encoder:
    """The encoder for `model_name` on `backend`; torch is imported only for the ST backend.

    Args:
        model_name: `bundled:<key>` or a sentence-transformers model name or path.
        cache_dir: Where models and ONNX copies are materialized.
        backend: "onnx" or "sentence-transformers".
        threads: CPU threads for documents (and FAISS).
        query_threads: CPU threads for a question.
        int8_queries: Embed questions with the int8 copy of the model.

    Raises:
        ValueError: Unknown backend or bundled key.
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; valid: {', '.join(BACKENDS)}")
    if backend == "onnx":
        set_thread_environment(threads)
        import faiss

        faiss.omp_set_num_threads(max(1, threads))
        encoder = _onnx_encoder(model_name, Path(cache_dir), threads, query_threads, int8_queries)
        if encoder is not None:
            return encoder
    from embeddings.encoder import SentenceTransformerEncoder

    return SentenceTransformerEncoder(
        model_name, cache_dir, threads, int8_queries=int8_queries, query_threads=query_threads
    )


def _onnx_encoder(
    model_name: str, cache_dir: Path, threads: int, query_threads: int, int8_queries: bool
) -> Encoder | None:
    """The ONNX encoder, or None for a model the ONNX copy can't reproduce."""
    from embeddings.onnx_encoder import OnnxEncoder, OnnxModelFileError
    from embeddings.onnx_export import OnnxExportError

    if model_name.startswith(BUNDLED_PREFIX):
        from embeddings.bundled_model import (
            BUNDLED_MODELS,
            bundled_key,
            materialize_bundled_model,
            recorded_files,
        )

        key = bundled_key(model_name)
        identity = f"{model_name}@{BUNDLED_MODELS[key].sha256[:16]}"

        def rebuild() -> tuple[Path, dict[str, dict]]:
            # Hashing every file finds the one that failed, so the folder is rebuilt.
            files = tuple(recorded_files(materialize_bundled_model(cache_dir, key)))
            folder = materialize_bundled_model(cache_dir, key, verify=files)
            return folder, recorded_files(folder)

        folder = materialize_bundled_model(cache_dir, key)
        files = recorded_files(folder)
    else:
        identity = model_name
        try:
            folder, files = onnx_copy_of(model_name, cache_dir)
        except OnnxExportError as exc:
            logger.warning("no ONNX copy of %s (%s); using sentence-transformers", model_name, exc)
            return None

        def rebuild() -> tuple[Path, dict[str, dict]]:
            return onnx_copy_of(model_name, cache_dir, verify=True)

    arguments = {"threads": threads, "query_threads": query_threads, "int8_queries": int8_queries}
    try:
        return OnnxEncoder(folder, identity, files, rebuild=rebuild, **arguments)
    except (OSError, OnnxModelFileError) as exc:
        logger.warning("%s; re-materializing %s", exc, model_name)
        folder, files = rebuild()
        return OnnxEncoder(folder, identity, files, rebuild=rebuild, **arguments)


def _copy_folder(model_name: str, cache_dir: Path) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_name).strip("._")[-80:] or "model"
    return cache_dir / "onnx-copies" / slug


def onnx_copy_of(
    model_name: str, cache_dir: Path, verify: bool = False
) -> tuple[Path, dict[str, dict]]:
    """The ONNX copy of a configured sentence-transformers model, made once (with torch).

    Args:
        model_name: A sentence-transformers name or path.
        cache_dir: The model cache folder.
        verify: Hash every file, and rebuild the copy if one differs from its record.

    Returns:
        The copy's folder (`tokenizer.json`, `onnx/`) and its files' record.

    Raises:
        OnnxExportError: The model is not Transformer, Pooling (mean or cls)[, Normalize].
    """
    final = _copy_folder(model_name, cache_dir)
    try:
        marker = json.loads((final / COPY_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        marker = {}
    files = marker.get("files") or {}
    if marker.get("model") == model_name and marker.get("format") == _COPY_FORMAT:
        problems = file_problems(final, files, tuple(files) if verify else ())
        if not problems:
            return final, files
        logger.warning("ONNX copy %s fails its check (%s); rebuilding it", final, problems[0])
    return _write_copy(model_name, final)


def _write_copy(model_name: str, final: Path) -> tuple[Path, dict[str, dict]]:
    """Exports the copy beside `final` and renames it into place, marker inside."""
    from sentence_transformers import SentenceTransformer

    from embeddings.onnx_export import export_onnx_copy

    logger.info("making the ONNX copy of %s in %s", model_name, final)
    tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        model = SentenceTransformer(model_name, device="cpu").eval()
        tmp.mkdir(parents=True)
        model.tokenizer.save_pretrained(str(tmp))  # tokenizer.json, as serving reads it
        export_onnx_copy(model, tmp)
        files = record_files(tmp)
        marker = {"model": model_name, "format": _COPY_FORMAT, "files": files}
        (tmp / COPY_MARKER).write_text(json.dumps(marker, indent=1), encoding="utf-8")
        if final.exists():
            trash = final.with_name(f".{final.name}.old-{uuid.uuid4().hex[:8]}")
            final.rename(trash)
            shutil.rmtree(trash, ignore_errors=True)
        tmp.rename(final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final, files
