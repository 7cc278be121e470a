"""Where the bot keeps conversations: each user's last exchange per chat, and its answers.

In memory only, and bounded: an exchange is a follow-up's context for `ttl_seconds` (the
`PASOKH_CONTEXT_MINUTES` setting), at most `max_entries` are kept, the oldest going first. A
reply to one of the bot's answers finds that answer's exchange for a day, whoever replies.
Context is keyed by (chat, user), so one person's follow-up never picks up another's question
and nothing carries from one chat to another. All calls run on the event loop; no locks.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from bot.answering.conversation import Exchange

MAX_ENTRIES = 10_000
REPLY_TTL_SECONDS = 24 * 3600


class _ExpiringMap:
    """A dict whose entries expire after `ttl` seconds, holding at most `limit` of them."""

    def __init__(self, ttl: float, limit: int, clock: Callable[[], float]) -> None:
        self.ttl, self.limit, self.clock = ttl, limit, clock
        self._items: OrderedDict[Hashable, tuple[float, Exchange]] = OrderedDict()

    def get(self, key: Hashable) -> Exchange | None:
        item = self._items.get(key)
        if item is None:
            return None
        if self.clock() - item[0] > self.ttl:
            del self._items[key]
            return None
        return item[1]

    def put(self, key: Hashable, exchange: Exchange) -> None:
        self._items[key] = (self.clock(), exchange)
        self._items.move_to_end(key)
        while len(self._items) > self.limit:
            self._items.popitem(last=False)

    def pop(self, key: Hashable) -> None:
        self._items.pop(key, None)

    def __len__(self) -> int:
        return len(self._items)


class ConversationStore:
    """The exchanges follow-ups may refer back to."""

    def __init__(
        self,
        ttl_seconds: float,
        max_entries: int = MAX_ENTRIES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Keeps recent exchanges `ttl_seconds` (0: only explicit replies have context)."""
        self.recent = _ExpiringMap(ttl_seconds, max_entries, clock)
        self.answers = _ExpiringMap(REPLY_TTL_SECONDS, max_entries, clock)

    def previous(
        self, chat_id: int, user_id: int | None, replied_to: int | None = None
    ) -> Exchange | None:
        """The context of a question: the answer it replies to, else the user's last exchange."""
        if replied_to is not None:
            exchange = self.answers.get((chat_id, replied_to))
            if exchange is not None:
                return exchange
        if user_id is None or self.recent.ttl <= 0:
            return None
        return self.recent.get((chat_id, user_id))

    def remember(self, chat_id: int, user_id: int | None, exchange: Exchange) -> None:
        """Keeps an answered exchange as the user's context in this chat.

        Called before the answer is sent, so a quick next question already finds it.
        """
        if user_id is not None:
            self.recent.put((chat_id, user_id), exchange)

    def remember_answer(self, chat_id: int, answer_message_id: int, exchange: Exchange) -> None:
        """Keeps an exchange under the bot's answer message, for replies to it."""
        self.answers.put((chat_id, answer_message_id), exchange)

    def forget(self, chat_id: int, user_id: int | None) -> None:
        """/new: the user's next question in this chat starts a new conversation."""
        if user_id is not None:
            self.recent.pop((chat_id, user_id))
