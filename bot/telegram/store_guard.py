"""The bot's store with failures contained: a full or read-only disk never costs an answer.

`GuardedStore` wraps `BotStore`. Each call that fails with a storage error (SQLite's "database
or disk is full", "unable to open database file", an OSError) is logged in English, returns a
neutral value (no id, no row, no stats) and is reported to the admins in Persian, at most once
per `ALERT_INTERVAL_SECONDS`. When the database can't even be opened at start the bot runs
without it (degraded: nothing is logged, /stats says so) instead of refusing to start.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from bot import persian_messages as fa
from bot.telegram.store import AdminAction, BotStats, BotStore, LoggedQuestion

logger = logging.getLogger(__name__)
T = TypeVar("T")

STORAGE_ERRORS = (sqlite3.Error, OSError)
ALERT_INTERVAL_SECONDS = 600.0


class GuardedStore:
    """Same calls as `BotStore`; storage failures become neutral results and an admin alert."""

    def __init__(self, path: Path) -> None:
        """Opens the database at `path`, or notes that the bot runs without one."""
        self.path = Path(path)
        self._store: BotStore | None = None
        self._alert: Callable[[str], None] | None = None
        self._last_alert = float("-inf")
        self._unreported: str | None = None
        try:
            self._store = BotStore(self.path)
        except STORAGE_ERRORS as exc:
            self._failed("open", exc)

    @property
    def available(self) -> bool:
        """False when the database could not be opened (nothing is being logged)."""
        return self._store is not None

    def attach(self, bot: Any, loop: asyncio.AbstractEventLoop, admins: Iterable[int]) -> None:
        """Sends future storage alerts to `admins` through `bot` (and any already pending)."""
        admin_ids = sorted(admins)

        async def send(text: str) -> None:
            for admin_id in admin_ids:
                try:
                    await bot.send_message(admin_id, text)
                except Exception as exc:  # an alert must never become an error of its own
                    logger.warning("Could not alert admin %s: %s", admin_id, exc)

        def alert(text: str) -> None:
            asyncio.run_coroutine_threadsafe(send(text), loop)

        self._alert = alert
        if self._unreported is not None:
            self._send_alert(self._unreported)

    def _failed(self, what: str, exc: BaseException) -> None:
        logger.warning("Bot database %s failed (%s: %s); carrying on without it",
                       what, type(exc).__name__, exc)  # fmt: skip
        disk_full = "full" in str(exc).lower() or getattr(exc, "errno", None) == 28
        reason = fa.STORAGE_DISK_FULL if disk_full else fa.STORAGE_UNAVAILABLE
        self._send_alert(fa.STORAGE_ALERT.format(reason=reason))

    def _send_alert(self, text: str) -> None:
        now = time.monotonic()
        if self._alert is None:
            self._unreported = text  # sent once the bot is connected
            return
        if now - self._last_alert < ALERT_INTERVAL_SECONDS:
            return
        self._last_alert, self._unreported = now, None
        self._alert(text)

    def _call(self, what: str, default: T, call: Callable[[BotStore], T]) -> T:
        if self._store is None:
            return default
        try:
            return call(self._store)
        except STORAGE_ERRORS as exc:
            self._failed(what, exc)
            return default

    def log_question(self, **row: Any) -> int | None:
        """The logged question's id, or None when it could not be stored."""
        return self._call("log_question", None, lambda s: s.log_question(**row))

    def question(self, question_id: int) -> LoggedQuestion | None:
        """One logged question, or None (unknown id or no database)."""
        return self._call("question", None, lambda s: s.question(question_id))

    def record_feedback(self, question_id: int, user_id: int, value: int) -> bool:
        """Stores feedback; False when the question is unknown or storing failed."""
        return self._call(
            "record_feedback", False, lambda s: s.record_feedback(question_id, user_id, value)
        )

    def log_admin_action(self, **row: Any) -> None:
        """Records an admin action if the database can."""
        self._call("log_admin_action", None, lambda s: s.log_admin_action(**row))

    def admin_actions(self) -> list[AdminAction]:
        """All admin actions, oldest first ([] without a database)."""
        return self._call("admin_actions", [], lambda s: s.admin_actions())

    def stats(self) -> BotStats | None:
        """The /stats figures, or None when they can't be read."""
        return self._call("stats", None, lambda s: s.stats())

    def close(self) -> None:
        """Closes the database, if open."""
        self._call("close", None, lambda s: s.close())
