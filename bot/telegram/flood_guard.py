"""Rate limit on everything a user sends, not only questions: stickers, files, commands, buttons.

Runs before every other handler (group -1). A user over the limit is ignored quietly until the
window moves on, so 300 stickers cost 300 cheap checks instead of 300 replies that would queue
ahead of everyone else's answers. The question limit (with its Persian notice) stays lower, so a
user asking too fast still reads why.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from bot.telegram.rate_limit import RateLimiter

logger = logging.getLogger(__name__)

LIMITER_KEY = "pasokh.flood_guard"
# Messages allowed per minute, as a multiple of the question limit.
MESSAGES_PER_QUESTION = 2


def install_flood_guard(application: Application, questions_per_minute: int) -> None:
    """Adds the all-updates limit in front of the other handlers."""
    application.bot_data[LIMITER_KEY] = RateLimiter(questions_per_minute * MESSAGES_PER_QUESTION)
    application.add_handler(TypeHandler(Update, limit_updates), group=-1)


async def limit_updates(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stops further handling of messages and button presses from a user over the limit."""
    user = update.effective_user
    # Inline queries arrive on every keystroke and have their own limit in callbacks.py.
    if user is None or update.inline_query is not None:
        return
    limiter: RateLimiter = context.bot_data[LIMITER_KEY]
    if not limiter.acquire(user.id):
        return
    logger.info("Ignoring an update from user %s: over the message limit", user.id)
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):  # stops the client's spinner
            await update.callback_query.answer()
    raise ApplicationHandlerStop
