"""What the Telegram handlers share: settings, the answering service, the store, the limiter."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from telegram.ext import ContextTypes

from bot.answering.followup import FollowupResolver
from bot.answering.service import AnsweringService
from bot.settings import Settings
from bot.telegram.conversations import ConversationStore
from bot.telegram.rate_limit import RateLimiter
from bot.telegram.store_guard import GuardedStore

DEPS_KEY = "pasokh"


@dataclass
class BotDeps:
    """One per Application, kept in `application.bot_data[DEPS_KEY]`.

    Attributes:
        settings: Configuration.
        service: The answering service (blocking; call it through `asyncio.to_thread`).
        store: Question log, feedback and admin actions (failures contained).
        limiter: Per-user question limit.
        index_lock: Serializes reloads, uploads and removals so reports don't interleave.
        examples: Example questions the current corpus answers (None until computed).
        conversations: Each user's last exchange and the bot's answers, for follow-ups.
        resolver: Rewrites follow-up questions with their context.
    """

    settings: Settings
    service: AnsweringService
    store: GuardedStore
    limiter: RateLimiter
    index_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    examples: list[str] | None = None
    conversations: ConversationStore = field(default_factory=lambda: ConversationStore(600))
    resolver: FollowupResolver | None = None

    def __post_init__(self) -> None:
        """The follow-up resolver reads the service's index."""
        if self.resolver is None:
            self.resolver = FollowupResolver(self.service)


def get_deps(context: ContextTypes.DEFAULT_TYPE) -> BotDeps:
    """The BotDeps of the application handling this update."""
    return context.bot_data[DEPS_KEY]
