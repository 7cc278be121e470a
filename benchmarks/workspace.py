"""The benchmark's corpora, encoder and services, built fresh so indexing is measured too."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.questions import MEETING_CORPUS, QuestionSet
from benchmarks.stats import peak_rss_mb, reset_peak_rss, rss_mb, timed
from benchmarks.timed import Probe, TimedEncoder, instrument
from bot.answering.service import AnsweringService
from bot.evaluation import write_passage_corpus
from bot.settings import Settings
from embeddings.encoder import BUNDLED_PREFIX, Encoder
from embeddings.text_normalizer import PersianTextNormalizer

logger = logging.getLogger(__name__)

EncoderFactory = Callable[[Settings], Encoder]


@dataclass
class Workspace:
    """Everything later sections share.

    Attributes:
        root: Scratch folder (corpora, indexes, model cache).
        settings: Settings of the ParsiNLU service (others differ in corpus and index).
        encoder: The timed encoder all services share.
        normalizer: The hazm normalizer all services share (built once: ~2 s each).
        probes: Instrumented services by corpus name ("parsinlu", "meeting").
        figures: Model load and indexing figures for the report.
    """

    root: Path
    settings: Settings
    encoder: TimedEncoder
    normalizer: PersianTextNormalizer
    probes: dict[str, Probe] = field(default_factory=dict)
    figures: dict = field(default_factory=dict)

    def service(self, corpus: str) -> AnsweringService:
        """The service answering from `corpus`."""
        return self.probes[corpus].service

    def corpus_settings(self, corpus: str) -> Settings:
        """Settings of the service for `corpus`."""
        return self.service(corpus).settings


def make_encoder(settings: Settings, factory: EncoderFactory | None = None) -> Encoder:
    """The configured encoder (the real default model unless a factory is given)."""
    if factory is not None:
        return factory(settings)
    from embeddings.encoder import SentenceTransformerEncoder

    return SentenceTransformerEncoder(
        settings.embedding_model,
        settings.model_cache_dir,
        settings.threads,
        int8_queries=settings.int8_queries,
        query_threads=settings.query_threads,
    )


def _folder_mb(path: Path) -> float:
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return round(size / 2**20, 2)


def build_index(
    probe_encoder: TimedEncoder, settings: Settings, normalizer: PersianTextNormalizer
) -> tuple[AnsweringService, dict]:
    """Builds one corpus's index from scratch with `load()`, measuring time and memory.

    Args:
        probe_encoder: The encoder, timed.
        settings: Corpus and index folders.
        normalizer: A built normalizer, given to the service (as if it had built its own).

    Returns:
        The loaded service and its indexing figures.
    """
    service = AnsweringService(settings, encoder=probe_encoder)
    service._normalizer = normalizer  # the service's lazy slot; saves ~2 s per service
    embed_s, embed_n = probe_encoder.document_seconds, probe_encoder.document_texts
    reset_ok = reset_peak_rss()
    before = rss_mb()
    with timed() as clock:
        report = service.load()
    data = service._searcher.data
    embedded_s = probe_encoder.document_seconds - embed_s
    embedded_n = probe_encoder.document_texts - embed_n
    figures = {
        "documents": report.documents,
        "chunks": report.chunks,
        "sentences": len(data.sentences),
        "texts_embedded": embedded_n,
        "seconds": round(clock["s"], 2),
        "embedding_seconds": round(embedded_s, 2),
        "other_seconds": round(clock["s"] - embedded_s, 2),
        "chunks_per_second": round(report.chunks / clock["s"], 2),
        "texts_embedded_per_second": round(embedded_n / embedded_s, 2) if embedded_s else None,
        "rss_before_mb": before,
        "rss_after_mb": rss_mb(),
        "peak_rss_mb": peak_rss_mb(),
        "peak_increase_mb": round(peak_rss_mb() - before, 1),
        "held_increase_mb": round(rss_mb() - before, 1),
        "peak_is_since_reset": reset_ok,
        "index_on_disk_mb": _folder_mb(settings.index_dir),
        "index_type": data.manifest.get("index_type"),
    }
    return service, figures


def build_workspace(
    root: Path,
    questions: QuestionSet,
    model: str,
    threads: int,
    encoder_factory: EncoderFactory | None = None,
    normalizer: PersianTextNormalizer | None = None,
) -> Workspace:
    """Writes the ParsiNLU passages as a corpus, loads the model, and indexes both corpora.

    Args:
        root: Empty scratch folder.
        questions: Supplies the ParsiNLU passages.
        model: Embedding model setting (`bundled:multilingual-e5-small` by default).
        threads: torch/FAISS threads (`Settings.threads`).
        encoder_factory: Builds the encoder instead of the configured model (smoke test).
        normalizer: A normalizer to share (default: built here, and its build timed).
    """
    data_dir = root / "data"
    parsinlu_corpus = write_passage_corpus(questions.parsinlu_passages, root / "parsinlu-corpus")
    base = Settings(corpus_dir=parsinlu_corpus, data_dir=data_dir, embedding_model=model)
    base = base.with_overrides(threads=threads, index_path=root / "parsinlu-index")
    figures: dict = {"threads": threads, "model": model}
    if encoder_factory is None and model.startswith(BUNDLED_PREFIX):
        from embeddings.bundled_model import materialize_bundled_model

        with timed() as clock:
            materialize_bundled_model(base.model_cache_dir, model[len(BUNDLED_PREFIX) :])
        figures["materialize_in_process_seconds"] = round(clock["s"], 2)
    reset_peak_rss()
    with timed() as clock:
        encoder = TimedEncoder(make_encoder(base, encoder_factory))
    figures["encoder_load_seconds"] = round(clock["s"], 2)
    figures["encoder_identity"] = encoder.identity
    figures["rss_after_model_load_mb"] = rss_mb()
    if normalizer is None:
        with timed() as clock:
            normalizer = PersianTextNormalizer()
        figures["normalizer_build_seconds"] = round(clock["s"], 2)
    workspace = Workspace(root, base, encoder, normalizer, figures=figures)
    corpora = {
        "parsinlu": base,
        "meeting": base.with_overrides(
            corpus_dir=MEETING_CORPUS, index_path=root / "meeting-index"
        ),
    }
    figures["indexing"] = {}
    for name, settings in corpora.items():
        logger.info("indexing the %s corpus", name)
        service, index_figures = build_index(encoder, settings, normalizer)
        figures["indexing"][name] = index_figures
        workspace.probes[name] = instrument(service)
    return workspace
