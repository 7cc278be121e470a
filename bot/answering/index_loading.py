"""Reading the index on disk and building (then saving) a new one for the answering service.

Plain functions over the service's parts (index folder, encoder, normalizer, chunking): the
service keeps the locking and the swap, these find or make the `IndexData` it swaps in.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from embeddings.chunker import ChunkingSettings
from embeddings.encoder import Encoder
from embeddings.index_builder import build_index_data
from embeddings.index_lock import index_write_lock
from embeddings.index_store import (
    IndexData,
    IndexMismatchError,
    expected_manifest,
    load_index,
    save_index,
)
from embeddings.readers import READER_VERSION
from embeddings.text_normalizer import PersianTextNormalizer

logger = logging.getLogger(__name__)


def build_and_save(
    index_dir: Path,
    encoder: Encoder,
    normalizer: PersianTextNormalizer,
    chunking: ChunkingSettings,
    documents: list,
    previous: IndexData | None,
    current: dict,
    skipped: dict[str, str],
    must_save: bool,
) -> tuple[IndexData, tuple[list[str], ...], int]:
    """Builds (reusing `previous`'s vectors) and saves under the writer lock."""
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(index_write_lock(index_dir))
        except OSError as exc:
            if must_save:
                raise
            logger.warning("Can't lock %s (%s); serving from memory", index_dir, exc)
        # Another writer may have saved this very corpus while we waited for the lock.
        on_disk = load_from_disk(index_dir, chunking, encoder, normalizer)
        if (
            on_disk is not None
            and on_disk.manifest.get("documents") == current
            and on_disk.manifest.get("skipped", {}) == skipped
        ):
            return on_disk, ([], [], [], sorted(current)), 0
        data, stats = build_index_data(
            documents, encoder, normalizer, chunking, previous or on_disk
        )
        # what the build met, so skipped files are reported by it and not on every start
        data.manifest["skipped"] = skipped
        data.manifest["reader_version"] = READER_VERSION
        try:
            save_index(index_dir, data)
        except OSError as exc:
            if must_save:
                raise
            logger.warning("Could not save the index (%s); serving it from memory", exc)
        lists = (stats.added, stats.changed, stats.removed, stats.unchanged)
        return data, lists, stats.embedded_chunks


def load_from_disk(
    index_dir: Path,
    chunking: ChunkingSettings,
    encoder: Encoder,
    normalizer: PersianTextNormalizer,
) -> IndexData | None:
    """The index on disk if it was built with this model and settings (either type)."""
    expected = expected_manifest(
        encoder.identity, encoder.dim, normalizer.settings, chunking.to_dict(), ""
    )
    del expected["index_type"]  # flat or HNSW: both answer the same questions
    try:
        return load_index(index_dir, expected)
    except IndexMismatchError as exc:
        logger.info("Not using the index on disk: %s", exc)
        return None


def known_texts(previous: IndexData | None) -> dict[str, str]:
    """{file sha256: document text} of an index read by today's readers, to skip re-reading."""
    if previous is None or previous.manifest.get("reader_version") != READER_VERSION:
        return {}
    return {d["sha256"]: d["text"] for d in previous.documents}
