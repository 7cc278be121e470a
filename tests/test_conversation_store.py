"""The Telegram conversation store: keyed by (chat, user), expiring, bounded."""

from __future__ import annotations

import pytest

from bot.answering.conversation import Exchange
from bot.settings import Settings
from bot.telegram.conversations import ConversationStore


def exchange(question: str) -> Exchange:
    return Exchange(question=question, searched=question, answer="")


def test_context_is_per_chat_and_user_and_replies_carry_theirs() -> None:
    store = ConversationStore(ttl_seconds=600)
    first, second = exchange("استاندار چه گفت؟"), exchange("جلسه کی برگزار شد؟")
    store.remember(-100, 1, first)
    store.remember_answer(-100, 50, first)
    store.remember(-100, 2, second)
    assert store.previous(-100, 1) is first and store.previous(-100, 2) is second
    assert store.previous(-200, 1) is None and store.previous(-100, 3) is None
    # a reply to an answer finds that answer's exchange, whoever replies
    assert store.previous(-100, 2, replied_to=50) is first
    assert store.previous(-100, 3, replied_to=50) is first
    assert store.previous(-200, 3, replied_to=50) is None  # message ids are per chat
    store.forget(-100, 1)
    assert store.previous(-100, 1) is None and store.previous(-100, 2) is second


def test_context_expires_and_the_store_is_bounded() -> None:
    now = [0.0]
    store = ConversationStore(ttl_seconds=600, max_entries=3, clock=lambda: now[0])
    store.remember(1, 1, exchange("یک؟"))
    now[0] = 599
    assert store.previous(1, 1) is not None
    now[0] = 601
    assert store.previous(1, 1) is None
    for user in range(10):
        store.remember(1, user, exchange(f"پرسش {user}؟"))
        store.remember_answer(1, user, exchange(f"پرسش {user}؟"))
    assert len(store.recent) == 3 and len(store.answers) == 3
    assert store.previous(1, 0) is None and store.previous(1, 9) is not None


def test_zero_minutes_leaves_only_replies() -> None:
    store = ConversationStore(ttl_seconds=0)
    store.remember(1, 1, exchange("یک؟"))
    store.remember_answer(1, 7, exchange("یک؟"))
    assert store.previous(1, 1) is None and store.previous(1, 1, replied_to=7) is not None


def test_context_minutes_come_from_the_environment() -> None:
    assert Settings.from_env({}, env_file=None).context_minutes == 10
    assert Settings.from_env({"PASOKH_CONTEXT_MINUTES": "3"}, env_file=None).context_minutes == 3
    assert Settings.from_env({"PASOKH_CONTEXT_MINUTES": "-1"}, env_file=None).context_minutes == 0
    with pytest.raises(ValueError, match="PASOKH_CONTEXT_MINUTES"):
        Settings.from_env({"PASOKH_CONTEXT_MINUTES": "ده"}, env_file=None)
