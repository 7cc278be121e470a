"""One writer at a time on the index folder; readers never write.

Writers are separate processes (`tests/index_writer.py`), one slowed, as the audit ran them;
readers are `pasokh ask` in-process with the fast encoder.
"""

from __future__ import annotations

import contextlib
import errno
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot import cli, cli_common
from bot.answering.service import AnsweringService
from embeddings.index_store import POINTER
from tests.conftest import MEETING_REPORT
from tests.fake_encoder import HashingEncoder
from tests.telegram_harness import GARDEN

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def pasokh(monkeypatch, corpus_dir, tmp_path, capsys):
    """Runs `pasokh ARGS` in-process on a tmp corpus; returns (status, stdout, stderr)."""
    monkeypatch.setenv("PASOKH_CORPUS_DIR", str(corpus_dir))
    monkeypatch.setenv("PASOKH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(
        cli_common, "open_service", lambda s: AnsweringService(s, encoder=HashingEncoder())
    )

    def invoke(*args: str):
        status = cli.main(list(args))
        out = capsys.readouterr()
        return status, out.out, out.err

    return invoke


MEETING_QUESTION = "جلسه ستاد توسعه تجارت چه روزی برگزار شد؟"


def _writer(corpus: Path, index: Path, slow: float) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.index_writer", str(corpus), str(index), str(slow)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _pointer_ok(index: Path) -> bool:
    """CURRENT is absent, or names a generation folder with its manifest."""
    pointer = index / POINTER
    try:
        name = pointer.read_text().strip()
    except FileNotFoundError:
        return True
    return (index / name / "manifest.json").is_file()


def _a_writer_waits_for_the_lock() -> bool:
    """True when some process is blocked on an flock (Linux /proc/locks marks waiters "->")."""
    return any(
        "->" in line and "FLOCK" in line for line in Path("/proc/locks").read_text().splitlines()
    )


def test_two_writers_one_slowed_never_lose_the_index(tmp_path: Path) -> None:
    corpora = [tmp_path / "slow", tmp_path / "fast"]
    for corpus in corpora:
        corpus.mkdir()
        shutil.copy(MEETING_REPORT, corpus / MEETING_REPORT.name)
    (corpora[1] / "garden.txt").write_text(GARDEN, encoding="utf-8")
    index, hold = tmp_path / "index", tmp_path / "go-on"
    slow = _writer(corpora[0], index, str(hold))
    deadline = time.monotonic() + 120
    while not any(index.glob(".tmp-*")) and slow.poll() is None:
        assert time.monotonic() < deadline, "the slow writer never started saving"
        time.sleep(0.01)
    fast = _writer(corpora[1], index, "-")  # runs while the slow one is held mid-save
    bad_pointer_seen = 0
    while slow.poll() is None or fast.poll() is None:
        # Let the slow writer go on once the fast one has finished or is waiting for it.
        if not hold.exists() and (fast.poll() is not None or _a_writer_waits_for_the_lock()):
            hold.touch()
        assert time.monotonic() < deadline + 120, "the writers never finished"
        bad_pointer_seen += not _pointer_ok(index)
        time.sleep(0.005)
    for writer in (slow, fast):
        out, err = writer.communicate()
        assert writer.returncode == 0, err[-2000:]
        assert "Traceback" not in err
    assert bad_pointer_seen == 0 and _pointer_ok(index)
    generations = sorted(p.name for p in index.glob("gen-*"))
    # The fast writer waited for the lock, then saved its own corpus last.
    assert generations == [(index / POINTER).read_text().strip()] == [out.strip()]


def _snapshot(index: Path) -> dict[str, float]:
    return {p.relative_to(index).as_posix(): p.stat().st_mtime for p in index.rglob("*")}


def test_ask_answers_from_the_index_on_disk_when_the_corpus_changed(
    pasokh,
    corpus_dir: Path,
    tmp_path: Path,
) -> None:
    assert pasokh("index")[0] == 0
    index = tmp_path / "data" / "index"
    before = _snapshot(index)
    (corpus_dir / "garden.txt").write_text(GARDEN, encoding="utf-8")
    status, out, err = pasokh("ask", "--json", MEETING_QUESTION)
    assert status == 0 and '"answer"' in out
    assert "documents changed" in err and "pasokh index" in err
    assert _snapshot(index) == before  # a reader wrote nothing


def test_ask_on_a_read_only_data_folder_answers_from_the_older_index(
    pasokh,
    corpus_dir: Path,
    monkeypatch,
) -> None:
    assert pasokh("index")[0] == 0
    (corpus_dir / "garden.txt").write_text(GARDEN, encoding="utf-8")

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("bot.answering.index_loading.save_index", read_only)
    monkeypatch.setattr("bot.answering.index_loading.index_write_lock", read_only)
    status, out, err = pasokh("ask", MEETING_QUESTION)
    assert status == 0 and out.strip() and "Traceback" not in err


def test_ask_builds_under_the_lock_only_when_there_is_no_index(
    pasokh,
    tmp_path: Path,
    monkeypatch,
) -> None:
    import bot.answering.index_loading as index_loading

    taken = []
    real_lock = index_loading.index_write_lock

    @contextlib.contextmanager
    def counting_lock(index_dir):
        taken.append(index_dir)
        with real_lock(index_dir):
            yield

    monkeypatch.setattr(index_loading, "index_write_lock", counting_lock)
    assert pasokh("ask", MEETING_QUESTION)[0] == 0
    assert len(taken) == 1 and (tmp_path / "data" / "index" / POINTER).is_file()
    assert pasokh("ask", MEETING_QUESTION)[0] == 0
    assert len(taken) == 1  # the second reader found the index and wrote nothing


def test_current_replaced_by_a_folder_is_not_a_traceback(
    pasokh,
    tmp_path: Path,
) -> None:
    assert pasokh("index")[0] == 0
    index = tmp_path / "data" / "index"
    pointer = index / POINTER
    pointer.unlink()
    pointer.mkdir()
    (pointer / "junk").write_text("x")
    status, out, err = pasokh("ask", MEETING_QUESTION)
    assert status == 0 and out.strip() and "Traceback" not in err
    for generation in index.glob("gen-*"):
        shutil.rmtree(generation)  # nothing to fall back on: the reader rebuilds
    status, out, err = pasokh("ask", MEETING_QUESTION)
    assert status == 0 and out.strip() and pointer.is_file()
