"""The bot's memory across restarts: question log, feedback and admin actions in SQLite.

The database runs in WAL mode and every write is its own committed transaction, so a killed
process loses nothing it had already reported as done. Calls block briefly; the bot makes them
through `asyncio.to_thread`.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY,
    asked_at REAL NOT NULL,
    user_id INTEGER,
    chat_id INTEGER,
    chat_type TEXT,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    source TEXT,
    abstained INTEGER NOT NULL,
    truncated INTEGER NOT NULL,
    latency_ms REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    question_id INTEGER NOT NULL REFERENCES questions(id),
    user_id INTEGER NOT NULL,
    value INTEGER NOT NULL CHECK (value IN (-1, 1)),
    given_at REAL NOT NULL,
    PRIMARY KEY (question_id, user_id)
);
CREATE TABLE IF NOT EXISTS admin_actions (
    id INTEGER PRIMARY KEY,
    acted_at REAL NOT NULL,
    user_id INTEGER,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    allowed INTEGER NOT NULL,
    ok INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS questions_latency ON questions(latency_ms);
"""


@dataclass(frozen=True)
class LoggedQuestion:
    """One row of the question log."""

    id: int
    question: str
    user_id: int | None
    chat_id: int | None
    abstained: bool
    latency_ms: float


@dataclass(frozen=True)
class BotStats:
    """What /stats shows."""

    questions: int
    answered: int
    abstained: int
    helpful: int
    unhelpful: int
    median_latency_ms: float | None


@dataclass(frozen=True)
class AdminAction:
    """One row of the admin-action log."""

    user_id: int | None
    action: str
    detail: str
    allowed: bool
    ok: bool


class BotStore:
    """SQLite-backed log; safe to call from several threads."""

    def __init__(self, path: Path) -> None:
        """Opens (creating if needed) the database at `path`."""
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit (isolation_level=None): each statement is committed when it returns.
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL loses nothing when the process dies (only on power loss), at far less fsync.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Closes the connection."""
        with self._lock:
            self._db.close()

    def log_question(
        self,
        *,
        question: str,
        answer: str,
        source: str | None,
        abstained: bool,
        truncated: bool,
        latency_ms: float,
        user_id: int | None,
        chat_id: int | None,
        chat_type: str | None,
    ) -> int:
        """Records an answered (or abstained) question; returns its id."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO questions (asked_at, user_id, chat_id, chat_type, question, answer,"
                " source, abstained, truncated, latency_ms) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    time.time(),
                    user_id,
                    chat_id,
                    chat_type,
                    question,
                    answer,
                    source,
                    int(abstained),
                    int(truncated),
                    float(latency_ms),
                ),
            )
            return int(cursor.lastrowid)

    def question(self, question_id: int) -> LoggedQuestion | None:
        """One logged question, or None if there is no such id."""
        with self._lock:
            row = self._db.execute(
                "SELECT id, question, user_id, chat_id, abstained, latency_ms FROM questions"
                " WHERE id = ?",
                (question_id,),
            ).fetchone()
        if row is None:
            return None
        return LoggedQuestion(row[0], row[1], row[2], row[3], bool(row[4]), row[5])

    def record_feedback(self, question_id: int, user_id: int, value: int) -> bool:
        """Stores a user's 👍 (1) or 👎 (-1); a later press replaces the earlier one.

        Returns:
            False when the question id is unknown.
        """
        if value not in (-1, 1):
            raise ValueError(f"feedback must be 1 or -1, got {value!r}")
        with self._lock:
            if not self._db.execute(
                "SELECT 1 FROM questions WHERE id = ?", (question_id,)
            ).fetchone():
                return False
            self._db.execute(
                "INSERT INTO feedback (question_id, user_id, value, given_at) VALUES (?,?,?,?)"
                " ON CONFLICT (question_id, user_id) DO UPDATE"
                " SET value = excluded.value, given_at = excluded.given_at",
                (question_id, user_id, value, time.time()),
            )
            return True

    def log_admin_action(
        self, *, user_id: int | None, action: str, detail: str = "", allowed: bool, ok: bool
    ) -> None:
        """Records an admin command or upload, including refused attempts by non-admins."""
        with self._lock:
            self._db.execute(
                "INSERT INTO admin_actions (acted_at, user_id, action, detail, allowed, ok)"
                " VALUES (?,?,?,?,?,?)",
                (time.time(), user_id, action, detail, int(allowed), int(ok)),
            )

    def admin_actions(self) -> list[AdminAction]:
        """All admin actions, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT user_id, action, detail, allowed, ok FROM admin_actions ORDER BY id"
            ).fetchall()
        return [AdminAction(r[0], r[1], r[2], bool(r[3]), bool(r[4])) for r in rows]

    def stats(self) -> BotStats:
        """Counts of questions, abstentions and feedback, and the median latency."""
        with self._lock:
            questions, abstained = self._db.execute(
                "SELECT COUNT(*), COALESCE(SUM(abstained), 0) FROM questions"
            ).fetchone()
            helpful, unhelpful = self._db.execute(
                "SELECT COALESCE(SUM(value = 1), 0), COALESCE(SUM(value = -1), 0) FROM feedback"
            ).fetchone()
            median = None
            if questions:
                # The middle one or two rows, read through the latency index.
                rows = self._db.execute(
                    "SELECT latency_ms FROM questions ORDER BY latency_ms LIMIT ? OFFSET ?",
                    (2 - questions % 2, (questions - 1) // 2),
                ).fetchall()
                median = sum(r[0] for r in rows) / len(rows)
        return BotStats(
            questions=questions,
            answered=questions - abstained,
            abstained=abstained,
            helpful=helpful,
            unhelpful=unhelpful,
            median_latency_ms=median,
        )
