"""The SQLite store (question log, feedback, admin actions, stats) and the per-user limiter."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.telegram.rate_limit import RateLimiter
from bot.telegram.store import BotStore

REPO = Path(__file__).resolve().parent.parent


def _log(store: BotStore, question: str, latency: float, abstained: bool = False) -> int:
    return store.log_question(
        question=question,
        answer="" if abstained else "پاسخ",
        source=None if abstained else "سند.txt",
        abstained=abstained,
        truncated=False,
        latency_ms=latency,
        user_id=7,
        chat_id=7,
        chat_type="private",
    )


def test_database_is_in_wal_mode_and_writes_are_committed_at_once(tmp_path: Path) -> None:
    store = BotStore(tmp_path / "db.sqlite3")
    question_id = _log(store, "کتابخانه کی باز است؟", 12.0)
    # Another connection sees the row while the store is still open: it was committed.
    other = sqlite3.connect(tmp_path / "db.sqlite3")
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert other.execute("SELECT question FROM questions").fetchall() == [("کتابخانه کی باز است؟",)]
    other.close()
    assert store.question(question_id).question == "کتابخانه کی باز است؟"
    assert store.question(question_id + 1) is None
    store.close()


def test_nothing_is_lost_when_the_process_is_killed(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    script = (
        "import os, signal, sys\n"
        "from bot.telegram.store import BotStore\n"
        "store = BotStore(sys.argv[1])\n"
        "qid = store.log_question(question='پرسش', answer='', source=None, abstained=True,"
        " truncated=False, latency_ms=5.0, user_id=1, chat_id=1, chat_type='private')\n"
        "store.record_feedback(qid, 1, -1)\n"
        "store.log_admin_action(user_id=1, action='reload', detail='', allowed=True, ok=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(database)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        check=False,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()
    store = BotStore(database)
    stats = store.stats()
    assert (stats.questions, stats.abstained, stats.unhelpful) == (1, 1, 1)
    assert [a.action for a in store.admin_actions()] == ["reload"]
    store.close()


def test_feedback_is_one_vote_per_user_and_unknown_questions_are_rejected(
    tmp_path: Path,
) -> None:
    store = BotStore(tmp_path / "db.sqlite3")
    question_id = _log(store, "پرسش", 1.0)
    assert store.record_feedback(question_id, user_id=1, value=1)
    assert store.record_feedback(question_id, user_id=1, value=-1)  # changes their mind
    assert store.record_feedback(question_id, user_id=2, value=1)
    assert not store.record_feedback(question_id + 99, user_id=1, value=1)
    with pytest.raises(ValueError):
        store.record_feedback(question_id, user_id=3, value=5)
    stats = store.stats()
    assert (stats.helpful, stats.unhelpful) == (1, 1)
    store.close()


def test_stats_count_answers_abstentions_and_the_median_latency(tmp_path: Path) -> None:
    store = BotStore(tmp_path / "db.sqlite3")
    assert store.stats().median_latency_ms is None
    for latency, abstained in ((40.0, False), (10.0, True), (30.0, False), (1000.0, False)):
        _log(store, "پرسش", latency, abstained)
    stats = store.stats()
    assert (stats.questions, stats.answered, stats.abstained) == (4, 3, 1)
    assert stats.median_latency_ms == 35.0  # even count: mean of the middle two
    _log(store, "پرسش", 20.0)
    assert store.stats().median_latency_ms == 30.0
    store.close()


def test_admin_actions_keep_refused_attempts(tmp_path: Path) -> None:
    store = BotStore(tmp_path / "db.sqlite3")
    store.log_admin_action(user_id=5, action="reload", detail="chat 5", allowed=False, ok=False)
    store.log_admin_action(user_id=1, action="upload", detail="a.txt", allowed=True, ok=True)
    store.close()
    reopened = BotStore(tmp_path / "db.sqlite3")
    actions = reopened.admin_actions()
    assert [(a.user_id, a.action, a.allowed, a.ok) for a in actions] == [
        (5, "reload", False, False),
        (1, "upload", True, True),
    ]
    reopened.close()


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_allows_n_per_window_per_user() -> None:
    clock = FakeClock()
    limiter = RateLimiter(3, window=60, clock=clock)
    assert [limiter.acquire(1) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.acquire(1) == pytest.approx(60.0)
    assert limiter.acquire(2) == 0.0  # another user has their own budget
    clock.now += 30
    assert limiter.acquire(1) == pytest.approx(30.0)  # refusals don't count
    clock.now += 30
    assert limiter.acquire(1) == 0.0


def test_rate_limiter_zero_means_unlimited() -> None:
    limiter = RateLimiter(0)
    assert all(limiter.acquire(1) == 0.0 for _ in range(1000))
