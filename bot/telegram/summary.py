"""/summary [document]: an extractive summary of one report; with several documents and none
named, the bot asks which one with a button per document."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot import persian_messages as fa
from bot.answering.service import EmptyCorpusError
from bot.answering.types import DocumentError
from bot.telegram.deps import BotDeps, get_deps
from bot.telegram.handlers import is_group, rate_limited_message, send_html
from bot.telegram.rendering import render_answer, token

# Telegram allows 100 buttons; a long corpus is better named than scrolled.
MAX_BUTTONS = 30
CALLBACK_PREFIX = "sum:"


def choose_keyboard(names: list[str]) -> InlineKeyboardMarkup:
    """One button per document, its callback naming the document by token."""
    rows = [
        [InlineKeyboardButton(name, callback_data=CALLBACK_PREFIX + token(name))]
        for name in names[:MAX_BUTTONS]
    ]
    return InlineKeyboardMarkup(rows)


async def _send_summary(deps: BotDeps, message: Message, name: str | None, quote: bool) -> None:
    """Summarizes `name` (or the only document) in reply to `message`."""
    try:
        answer = await asyncio.to_thread(deps.service.summary, name)
    except EmptyCorpusError:
        await message.reply_html(fa.NO_DOCUMENTS_YET, do_quote=quote)
        return
    except DocumentError:
        names = [d.name for d in deps.service.documents()]
        await message.reply_html(
            fa.SUMMARY_CHOOSE, do_quote=quote, reply_markup=choose_keyboard(names)
        )
        return
    await send_html(message, render_answer(answer), quote=quote)


async def summary_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/summary [document]: the summary, or buttons to choose the document."""
    deps = get_deps(context)
    message = update.effective_message
    user = update.effective_user
    quote = is_group(message)
    wait = deps.limiter.acquire(user.id if user else message.chat_id)
    if wait:
        await message.reply_html(rate_limited_message(deps, wait), do_quote=quote)
        return
    name = " ".join(context.args or []).strip() or None
    names = [d.name for d in deps.service.documents()]
    if name is None and len(names) > 1:
        await message.reply_html(
            fa.SUMMARY_CHOOSE, do_quote=quote, reply_markup=choose_keyboard(names)
        )
        return
    await _send_summary(deps, message, name, quote)


async def summary_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A document button under «کدام سند را خلاصه کنم؟»."""
    deps = get_deps(context)
    query = update.callback_query
    chosen = query.data.removeprefix(CALLBACK_PREFIX)
    names = [d.name for d in deps.service.documents()]
    name = next((n for n in names if token(n) == chosen), None)
    if name is None:
        await query.answer(fa.DOCUMENT_GONE)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await _send_summary(deps, query.message, name, quote=True)
