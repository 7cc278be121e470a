"""Shared fixtures: the real meeting report, a tmp corpus, and the fast hashing encoder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
MEETING_REPORT = REPO / "corpus" / "east-azerbaijan-karabakh-trade-meeting.txt"


def real_model_service(corpus: Path, data_dir: Path, backend: str | None = None):
    """An answering service with the default model (materialized once into the repo's
    `data/models`) over a fresh index of `corpus`; `backend` overrides the serving one."""
    from bot.answering.service import AnsweringService
    from bot.settings import Settings
    from embeddings.encoder_factory import load_encoder

    settings = Settings(corpus_dir=corpus, data_dir=data_dir)
    encoder = load_encoder(
        settings.embedding_model,
        REPO / "data" / "models",
        backend or settings.backend,
        settings.threads,
        int8_queries=settings.int8_queries,
        query_threads=settings.query_threads,
    )
    service = AnsweringService(settings, encoder=encoder)
    service.load()
    return service


def services_per_report(tmp_path_factory, reports) -> dict:
    """One `real_model_service` per report, each over a corpus of that report alone."""
    import shutil

    found = {}
    for report in reports:
        corpus = tmp_path_factory.mktemp(report.stem)
        shutil.copy(report, corpus)
        found[report] = real_model_service(corpus, tmp_path_factory.mktemp(f"{report.stem}-d"))
    return found


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A corpus folder holding a copy of the meeting report."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(MEETING_REPORT, folder / MEETING_REPORT.name)
    return folder


@pytest.fixture(scope="session")
def normalizer():
    """One hazm-backed normalizer for the whole session (it takes ~2 s to build)."""
    from embeddings.text_normalizer import PersianTextNormalizer

    return PersianTextNormalizer()


@pytest.fixture
async def bots(tmp_path: Path, normalizer):
    """Starts bots against a fresh fake Bot API server and corpus (the Telegram tests)."""
    from tests.telegram_harness import BotLauncher

    async with BotLauncher(tmp_path, normalizer) as launcher:
        yield launcher
