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
