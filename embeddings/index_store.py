"""The index on disk: versioned manifest, atomic generations, and refusal of anything mismatched.

Layout under the index folder:

    CURRENT                  name of the live generation (replaced last, atomically)
    gen-<time>-<id>/         one complete, immutable index
        manifest.json        format version, model, dim, normalizer, chunking, hashes of files
        records.json         documents, chunks and sentences (spans, lexical terms)
        chunk_vectors.npy    normalized chunk embeddings
        sentence_vectors.npy normalized sentence embeddings
        chunks.faiss         FAISS inner-product index over chunk_vectors

A generation is written under a temporary name, renamed into place, and only then named in
CURRENT, so a crash at any point leaves the previous index intact.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from embeddings.structure.model import STRUCTURE_VERSION

logger = logging.getLogger(__name__)

# 2: documents carry their structure (people, attributions, decisions; embeddings.structure)
FORMAT_VERSION = 2
POINTER = "CURRENT"
_DATA_FILES = ("records.json", "chunk_vectors.npy", "sentence_vectors.npy", "chunks.faiss")


class IndexMismatchError(RuntimeError):
    """The index on disk can't be used as is (missing, stale, mismatched or corrupt)."""


@dataclass
class IndexData:
    """Everything a searcher needs, in memory.

    Attributes:
        manifest: The manifest (see `expected_manifest`), plus per-document ranges.
        documents: [{"name", "sha256", "title", "text", "structure"}] in index order;
            "structure" is `DocumentStructure.to_dict()` over the document's own sentences.
        chunks: [{"doc", "start", "end", "sentences": [first, stop]}] (sentence id range).
        sentences: [{"doc", "start", "end", "terms": [...]}].
        chunk_terms: BM25 terms per chunk (derived from its sentences' terms).
        chunk_vectors: float32 [n_chunks, dim], rows of unit length.
        sentence_vectors: float32 [n_sentences, dim].
        faiss_index: Inner-product FAISS index over chunk_vectors.
    """

    manifest: dict
    documents: list[dict]
    chunks: list[dict]
    sentences: list[dict]
    chunk_vectors: np.ndarray
    sentence_vectors: np.ndarray
    faiss_index: object = None
    chunk_terms: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.chunk_terms:
            self.chunk_terms = [
                [t for s in range(*c["sentences"]) for t in self.sentences[s]["terms"]]
                for c in self.chunks
            ]


def expected_manifest(
    model: str, dim: int, normalizer: dict, chunking: dict, index_type: str
) -> dict:
    """The settings part of a manifest: an index is only loaded when all of it matches."""
    return {
        "format_version": FORMAT_VERSION,
        "model": model,
        "dim": dim,
        "normalizer": normalizer,
        "chunking": chunking,
        "index_type": index_type,
        "structure_version": STRUCTURE_VERSION,
    }


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_faiss_index(vectors: np.ndarray, index_type: str) -> object:
    """Flat (exact) or HNSW (approximate) inner-product index over unit vectors."""
    import faiss

    dim = vectors.shape[1]
    if index_type == "flat":
        index = faiss.IndexFlatIP(dim)
    elif index_type == "hnsw":
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        # efSearch 512: recall@10 0.995 of flat at 50k chunks for ~2 ms (benchmarks/report.md)
        index.hnsw.efSearch = 512
    else:
        raise ValueError(f"unknown index type {index_type!r}; valid: 'flat', 'hnsw'")
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def save_index(index_dir: Path, data: IndexData) -> Path:
    """Writes `data` as a new generation and makes it current, atomically.

    Returns:
        The generation folder.
    """
    import faiss

    index_dir.mkdir(parents=True, exist_ok=True)
    token = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
    tmp = index_dir / f".tmp-{token}"
    tmp.mkdir()
    try:
        records = {"documents": data.documents, "chunks": data.chunks, "sentences": data.sentences}
        (tmp / "records.json").write_text(json.dumps(records, ensure_ascii=False), "utf-8")
        np.save(tmp / "chunk_vectors.npy", data.chunk_vectors)
        np.save(tmp / "sentence_vectors.npy", data.sentence_vectors)
        faiss.write_index(data.faiss_index, str(tmp / "chunks.faiss"))
        manifest = dict(data.manifest)
        manifest["files"] = {name: sha256_file(tmp / name) for name in _DATA_FILES}
        manifest["created"] = time.strftime("%Y-%m-%dT%H:%M:%S")
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        for name in (*_DATA_FILES, "manifest.json"):
            with (tmp / name).open("rb") as handle:
                os.fsync(handle.fileno())
        generation = index_dir / f"gen-{token}"
        os.replace(tmp, generation)
        pointer_tmp = index_dir / f".{POINTER}.{token}"
        pointer_tmp.write_text(generation.name)
        if (index_dir / POINTER).is_dir():  # not a pointer at all; nothing in it is ours
            shutil.rmtree(index_dir / POINTER)
        os.replace(pointer_tmp, index_dir / POINTER)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    data.manifest = manifest
    _remove_old_generations(index_dir, keep=generation.name)
    return generation


def _remove_old_generations(index_dir: Path, keep: str) -> None:
    # Only writers call this, one at a time (embeddings/index_lock.py), so no other process
    # is filling a .tmp- folder or about to name a generation in CURRENT.
    for path in index_dir.iterdir():
        if path.is_dir() and path.name != keep and path.name.startswith(("gen-", ".tmp-")):
            shutil.rmtree(path, ignore_errors=True)
        elif path.is_file() and path.name.startswith(f".{POINTER}."):
            path.unlink(missing_ok=True)  # a pointer a killed writer never renamed


def _candidate_generations(index_dir: Path) -> list[Path]:
    """The generation CURRENT names, then the others newest first (if CURRENT is unusable)."""
    named = None
    pointer = index_dir / POINTER
    if pointer.is_file():
        with contextlib.suppress(OSError, UnicodeDecodeError):
            named = pointer.read_text().strip() or None
    others = sorted(
        (p for p in index_dir.glob("gen-*") if p.is_dir() and p.name != named),
        key=lambda p: p.name,
        reverse=True,
    )
    if named is not None and "/" not in named and named not in (".", ".."):
        return [index_dir / named, *others]
    if others:
        logger.warning("%s is missing or unreadable; trying the newest generation", pointer)
    return others


def load_index(index_dir: Path, expected: dict) -> IndexData:
    """Loads the current generation if it matches `expected` and its files are intact.

    When CURRENT is missing or unreadable (say, replaced by a folder), the newest complete
    generation on disk is used instead.

    Raises:
        IndexMismatchError: Missing, from another version/model/setting, or corrupt. The
            caller rebuilds; nothing here ever returns a half-valid index.
    """
    candidates = _candidate_generations(index_dir) if index_dir.is_dir() else []
    if not candidates:
        raise IndexMismatchError(f"no index at {index_dir}")
    first_error = None
    for generation in candidates:
        try:
            return _load_generation(generation, expected)
        except IndexMismatchError as exc:
            first_error = first_error or exc
    raise first_error


def _load_generation(generation: Path, expected: dict) -> IndexData:
    """One generation folder, checked against `expected` and its manifest's hashes."""
    import faiss

    try:
        manifest = json.loads((generation / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexMismatchError(f"unreadable manifest in {generation}: {exc}") from exc
    for key, value in expected.items():
        if manifest.get(key) != value:
            raise IndexMismatchError(
                f"index {key} is {manifest.get(key)!r}, expected {value!r}; rebuilding"
            )
    for name in _DATA_FILES:
        path = generation / name
        if not path.is_file() or sha256_file(path) != manifest.get("files", {}).get(name):
            raise IndexMismatchError(f"index file {name} is missing or corrupt")
    try:
        records = json.loads((generation / "records.json").read_text("utf-8"))
        data = IndexData(
            manifest=manifest,
            documents=records["documents"],
            chunks=records["chunks"],
            sentences=records["sentences"],
            chunk_vectors=np.load(generation / "chunk_vectors.npy"),
            sentence_vectors=np.load(generation / "sentence_vectors.npy"),
            faiss_index=faiss.read_index(str(generation / "chunks.faiss")),
        )
    except Exception as exc:  # any decoding failure means the files can't be trusted
        raise IndexMismatchError(f"index in {generation} could not be read: {exc}") from exc
    if data.faiss_index.ntotal != len(data.chunks) or len(data.chunk_vectors) != len(data.chunks):
        raise IndexMismatchError("index sizes disagree with its records")
    return data
