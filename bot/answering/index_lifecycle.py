"""The index's life in a service: load it, rebuild it when the corpus changes, add and remove
documents, always swapping a complete new searcher in one assignment.

`IndexLifecycle` is the half of `AnsweringService` that writes; the answering half
(`service.py`) provides the encoder, the normalizer, the scorer and `_searcher_for`.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING

from bot.answering import corpus_changes
from bot.answering.index_loading import build_and_save, known_texts, load_from_disk
from bot.answering.types import DocumentInfo, IndexReport
from embeddings.documents import DOCUMENT_SUFFIXES, corpus_files, load_corpus

if TYPE_CHECKING:
    from bot.answering.answer_assembly import Searcher
    from bot.settings import Settings
    from embeddings.chunker import ChunkingSettings
    from embeddings.encoder import Encoder
    from embeddings.index_store import IndexData
    from embeddings.text_normalizer import PersianTextNormalizer

logger = logging.getLogger(__name__)


class EmptyCorpusError(RuntimeError):
    """The corpus folder holds no readable document."""


class IndexLifecycle:
    """Loading, rebuilding and editing the corpus's index; one writer at a time."""

    settings: Settings
    chunking: ChunkingSettings
    encoder: Encoder
    normalizer: PersianTextNormalizer
    corpus_changed: bool
    _searcher: Searcher | None
    _reload_lock: threading.Lock

    def _ensure_scorer(self) -> None:
        raise NotImplementedError

    def _searcher_for(self, data: IndexData) -> Searcher:
        raise NotImplementedError

    def load(self, *, write: bool = True, must_save: bool = True) -> IndexReport:
        """Loads the model and the index, building or refreshing the index if needed.

        Args:
            write: False for readers (`pasokh ask`, `chat`): answer from the newest complete
                index on disk even when the corpus has changed since (`corpus_changed` says
                so), and build only when there is no usable index at all.
            must_save: False when serving from memory is fine if the index can't be saved
                (the bot starting on a full or read-only data folder).
        """
        if not write:
            report = self._load_for_reading()
            if report is not None:
                return report
            must_save = False
        return self.reload(prefer_disk=True, must_save=must_save)

    def _load_for_reading(self) -> IndexReport | None:
        """Serves the index on disk as it is; None when there is none usable."""
        with self._reload_lock:
            started = time.perf_counter()
            self._ensure_scorer()
            data = load_from_disk(
                self.settings.index_dir, self.chunking, self.encoder, self.normalizer
            )
            if data is None:
                return None
            documents, skipped = load_corpus(self.settings.corpus_dir, known_texts(data))
            current = {d.name: d.sha256 for d in documents}
            self.corpus_changed = data.manifest.get("documents") != current
            if self.corpus_changed:
                logger.warning(
                    "The corpus changed since the index of %s was built; answering from that"
                    " index (run `pasokh index` to update it)",
                    data.manifest.get("created", "?"),
                )
            self._searcher = self._searcher_for(data)
            names = sorted(d["name"] for d in data.documents)
            return IndexReport(
                [], [], [], names,
                skipped=skipped,
                documents=len(data.documents),
                chunks=len(data.chunks),
                embedded_chunks=0,
                seconds=round(time.perf_counter() - started, 3),
            )  # fmt: skip

    def reload(self, prefer_disk: bool = False, must_save: bool = True) -> IndexReport:
        """Re-reads the corpus and swaps in a fresh index; the old one serves meanwhile.

        Building and saving happen under the index folder's writer lock, so two processes
        never write it at once; a writer that waited reuses the index the other one saved.

        Args:
            prefer_disk: Use the index on disk when it matches the corpus and settings.
            must_save: When False, an index that can't be saved (full or read-only disk)
                still serves from memory; when True the OSError is raised.

        Raises:
            EmptyCorpusError: No readable document; the current index keeps serving.
            OSError: The index could not be saved (with `must_save`); the old one serves.
        """
        with self._reload_lock:
            started = time.perf_counter()
            self.corpus_changed = False
            self._ensure_scorer()
            corpus_dir = self.settings.corpus_dir
            if not any(p.suffix.lower() in DOCUMENT_SUFFIXES for p, _ in corpus_files(corpus_dir)):
                # checked before the model loads: nothing to index means nothing to wait for
                raise EmptyCorpusError(f"no {'/'.join(DOCUMENT_SUFFIXES)} document in {corpus_dir}")
            encoder, normalizer = self.encoder, self.normalizer
            previous = self._searcher.data if self._searcher else None
            if previous is None or prefer_disk:
                previous = (
                    load_from_disk(self.settings.index_dir, self.chunking, encoder, normalizer)
                    or previous
                )
            documents, skipped = load_corpus(corpus_dir, known_texts(previous))
            if not documents:
                raise EmptyCorpusError(f"no readable document in {corpus_dir}")
            current = {d.name: d.sha256 for d in documents}
            # Both sources of `previous` match this model and these settings (checked on
            # load, or built here), so only the documents (and the skipped files) can differ.
            if (
                previous is not None
                and previous.manifest.get("documents") == current
                and previous.manifest.get("skipped", {}) == skipped
            ):
                data = previous
                names = sorted(current)
                report_lists: tuple[list[str], ...] = ([], [], [], names)
                embedded = 0
            else:
                data, report_lists, embedded = build_and_save(
                    self.settings.index_dir,
                    encoder,
                    normalizer,
                    self.chunking,
                    documents,
                    previous,
                    current,
                    skipped,
                    must_save,
                )
            if self._searcher is None or self._searcher.data is not data:
                # the swap: one assignment (an unchanged index keeps its BM25 and IDF tables)
                self._searcher = self._searcher_for(data)
            report = IndexReport(
                *report_lists,
                skipped=skipped,
                documents=len(data.documents),
                chunks=len(data.chunks),
                embedded_chunks=embedded,
                seconds=round(time.perf_counter() - started, 3),
                rebuilt=data is not previous,
            )
            logger.info("Index ready: %s", report.to_dict())
            return report

    def documents(self) -> list[DocumentInfo]:
        """The documents currently indexed."""
        if self._searcher is None:
            return []
        data = self._searcher.data
        counts = [0] * len(data.documents)
        for chunk in data.chunks:
            counts[chunk["doc"]] += 1
        return [
            DocumentInfo(d["name"], len(d["text"]), counts[i]) for i, d in enumerate(data.documents)
        ]

    def add_document(self, filename: str, text: str) -> IndexReport:
        """Saves `text` into the corpus as a document and re-indexes.

        Args:
            filename: A safe file name (no folders); `.txt` is added unless it ends in .txt/.md.
            text: The document's text.

        Raises:
            DocumentError: The name or text is unusable; the corpus is left as it was.
        """
        return corpus_changes.add_document(self.settings.corpus_dir, filename, text, self.reload)

    def remove_document(self, name: str) -> IndexReport:
        """Deletes a document from the corpus and re-indexes.

        Raises:
            DocumentError: No such document.
        """
        known = {d.name for d in self.documents()}
        return corpus_changes.remove_document(self.settings.corpus_dir, name, known, self.reload)
