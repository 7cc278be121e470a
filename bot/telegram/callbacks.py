"""Handlers for updates that aren't messages: answer buttons and inline-mode queries."""

from __future__ import annotations

import asyncio
import contextlib
import time

from telegram import CallbackQuery, InlineQueryResultsButton, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot import persian_messages as fa
from bot.answering.followup import Resolution
from bot.answering.service import EmptyCorpusError, EmptyQuestionError
from bot.telegram.deps import BotDeps, get_deps
from bot.telegram.handlers import rate_limited_message, send_html
from bot.telegram.html_split import split_html, visible_text
from bot.telegram.rendering import (
    inline_results,
    keyboard_after,
    render_answer,
    render_passages,
    token,
)

MORE_SOURCES_K = 5
INLINE_K = 5
INLINE_MIN_CHARS = 3
# Short, so that answers from a freshly reloaded index show up in inline mode quickly.
INLINE_CACHE_SECONDS = 10


async def feedback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """👍 / 👎 under an answer: stored per user; the pressed button is ticked in private chats."""
    deps = get_deps(context)
    query = update.callback_query
    _, question_id, value = query.data.split(":")
    stored = await asyncio.to_thread(
        deps.store.record_feedback, int(question_id), query.from_user.id, int(value)
    )
    await query.answer(fa.FEEDBACK_THANKS if stored else fa.QUESTION_GONE)
    message = query.message
    if stored and isinstance(message, Message) and message.chat.type == ChatType.PRIVATE:
        # In groups several people vote on one message, so a tick would mislead.
        with contextlib.suppress(BadRequest):  # "message is not modified" on a repeated press
            await query.edit_message_reply_markup(
                keyboard_after(message.reply_markup, chosen=query.data)
            )


async def _over_rate_limit(deps: BotDeps, query: CallbackQuery) -> bool:
    """Answers the button with how long to wait when its presser is over the rate limit."""
    wait = deps.limiter.acquire(query.from_user.id)
    if wait:
        await query.answer(visible_text(rate_limited_message(deps, wait)), show_alert=True)
    return bool(wait)


async def more_sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """«منابع بیشتر»: sends further passages for the logged question."""
    deps = get_deps(context)
    query = update.callback_query
    logged = await asyncio.to_thread(deps.store.question, int(query.data.split(":")[1]))
    if logged is None:
        await query.answer(fa.QUESTION_GONE)
        return
    if await _over_rate_limit(deps, query):
        return
    await query.answer()
    message = query.message
    # under an answer to a follow-up, more sources for what was searched, not «چرا؟»
    exchange = _exchange_under(deps, message)
    question = exchange.searched if exchange is not None else logged.question
    answer = await asyncio.to_thread(deps.service.ask, question, MORE_SOURCES_K)
    passages = answer.passages if answer.abstained else answer.passages[1:]
    text = render_passages(question, passages, nearest=answer.abstained)
    if isinstance(message, Message):
        await send_html(message, text, quote=True)
        with contextlib.suppress(BadRequest):
            await query.edit_message_reply_markup(
                keyboard_after(message.reply_markup, drop=query.data)
            )
    elif message is not None:
        for part in split_html(text):
            await context.bot.send_message(message.chat.id, part)


def _exchange_under(deps: BotDeps, message: object):
    """The conversation exchange a button's answer belongs to, if it was filed as one."""
    if not isinstance(message, Message):
        return None
    return deps.conversations.answers.get((message.chat.id, message.message_id))


async def report_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A report button under «… کدام گزارش»: the logged question, asked of that report."""
    deps = get_deps(context)
    query = update.callback_query
    _, question_id, chosen = query.data.split(":")
    logged = await asyncio.to_thread(deps.store.question, int(question_id))
    names = [d.name for d in deps.service.documents()]
    name = next((n for n in names if token(n) == chosen), None)
    if logged is None or name is None:
        await query.answer(fa.QUESTION_GONE if logged is None else fa.DOCUMENT_GONE)
        return
    if await _over_rate_limit(deps, query):
        return
    await query.answer()
    message = query.message
    # «کدام گزارش؟» under a follow-up: ask of the report what was searched, not «اولی چه بود؟»
    asked = _exchange_under(deps, message)
    searched = asked.searched if asked is not None else logged.question
    answer = await asyncio.to_thread(deps.service.ask, searched, document=name)
    if not isinstance(message, Message):
        return
    # The chosen report's answer is an exchange like any other: a reply to it, or the
    # presser's next question here, follows it up.
    resolution = Resolution(searched, rewritten=asked is not None and searched != asked.question)
    exchange = await asyncio.to_thread(
        deps.resolver.exchange,
        asked.question if asked is not None else logged.question,
        resolution,
        answer,
        asked,
        time.monotonic(),
    )
    deps.conversations.remember(message.chat.id, query.from_user.id, exchange)
    sent = await send_html(message, render_answer(answer), quote=True)
    for part in sent:
        deps.conversations.remember_answer(message.chat.id, part.message_id, exchange)


async def new_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """«پرسش تازه» under an answer: the presser's next question here is read on its own."""
    query = update.callback_query
    message = query.message
    if message is not None:
        get_deps(context).conversations.forget(message.chat.id, query.from_user.id)
    await query.answer(fa.CONTEXT_CLEARED)
    if isinstance(message, Message) and message.chat.type == ChatType.PRIVATE:
        with contextlib.suppress(BadRequest):
            await query.edit_message_reply_markup(
                keyboard_after(message.reply_markup, drop=query.data)
            )


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """@BotName question in any chat: offers the answer and nearby passages as results."""
    deps = get_deps(context)
    query = update.inline_query
    question = " ".join(query.query.split())
    if len(question) < INLINE_MIN_CHARS:
        await query.answer([], cache_time=INLINE_CACHE_SECONDS)
        return
    if deps.limiter.acquire(query.from_user.id):
        button = InlineQueryResultsButton(text=fa.INLINE_RATE_LIMITED, start_parameter="limit")
        await query.answer([], cache_time=0, is_personal=True, button=button)
        return
    try:
        answer = await asyncio.to_thread(deps.service.ask, question, INLINE_K)
    except (EmptyQuestionError, EmptyCorpusError):
        await query.answer([], cache_time=INLINE_CACHE_SECONDS)
        return
    await query.answer(inline_results(answer), cache_time=INLINE_CACHE_SECONDS)
