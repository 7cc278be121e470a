"""Reaching the Bot API before polling starts: retries with back-off, then a clear failure."""

from __future__ import annotations

import asyncio
import logging
import time

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError

logger = logging.getLogger(__name__)

FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 30.0


class BotApiUnavailableError(RuntimeError):
    """The Bot API stayed unreachable for the whole start-up budget."""


async def wait_for_bot_api(bot: Bot, api_url: str, budget_seconds: float) -> None:
    """Asks the Bot API who the bot is until it answers, backing off between tries.

    Args:
        bot: The application's bot (left shut down, so `run_polling` starts it afresh).
        api_url: The server, for messages (never the token).
        budget_seconds: How long to keep trying before giving up.

    Raises:
        InvalidToken: The token was refused (hopeless at once).
        BotApiUnavailableError: The server was unreachable for `budget_seconds`.
    """
    deadline = time.monotonic() + budget_seconds
    delay = FIRST_DELAY_SECONDS
    attempt = 0
    while True:
        attempt += 1
        try:
            await bot.initialize()
        except InvalidToken:
            raise  # hopeless at once; `pasokh run` says so in one line
        except (NetworkError, TelegramError) as exc:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BotApiUnavailableError(
                    f"could not reach the Telegram Bot API at {api_url} after {attempt} tries"
                    f" over {budget_seconds:g} s ({type(exc).__name__}: {exc}); check the"
                    " network or PASOKH_TELEGRAM_API_URL, or raise PASOKH_STARTUP_RETRY_SECONDS"
                ) from None
            wait = min(delay, left)
            logger.warning(
                "Bot API at %s unreachable (try %d: %s: %s); retrying in %.0f s",
                api_url,
                attempt,
                type(exc).__name__,
                exc,
                wait,
            )
            await asyncio.sleep(wait)
            delay = min(delay * 2, MAX_DELAY_SECONDS)
        else:
            await bot.shutdown()
            if attempt > 1:
                logger.warning("Bot API at %s reachable after %d tries", api_url, attempt)
            return
