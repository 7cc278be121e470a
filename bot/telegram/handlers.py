"""Handlers for messages: questions in private chats and groups, /start, /help, and errors.

Every call into the answering service or the store goes through `asyncio.to_thread`, so a slow
question (or a reload) never blocks the event loop and other chats keep being answered.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time

from telegram import (
    Message,
    MessageEntity,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.constants import ChatAction, ChatType
from telegram.error import NetworkError, TelegramError
from telegram.ext import ContextTypes

from bot import persian_messages as fa
from bot.answering.conversation import ask_in_context
from bot.answering.service import EmptyCorpusError, EmptyQuestionError
from bot.telegram.deps import BotDeps, get_deps
from bot.telegram.html_split import split_html
from bot.telegram.rendering import (
    answer_keyboard,
    escape,
    render_answer,
    render_document_list,
)

logger = logging.getLogger(__name__)

START_DOCUMENTS_SHOWN = 10
EXAMPLES_SHOWN = 3


async def send_html(
    message: Message, markup: str, *, quote: bool = False, reply_markup: object = None
) -> list[Message]:
    """Replies with `markup` split into messages; the first is threaded, the last has buttons.

    Returns every message sent, in order: a reply to any part of a long answer is a reply to
    that answer.
    """
    parts = split_html(markup)
    sent = []
    for number, part in enumerate(parts):
        sent.append(
            await message.reply_html(
                part,
                do_quote=quote and number == 0,
                reply_markup=reply_markup if number == len(parts) - 1 else None,
            )
        )
    return sent


def is_group(message: Message) -> bool:
    """True in groups and supergroups, where replies are threaded to the question."""
    return message.chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


async def answer_question(
    update: Update, context: ContextTypes.DEFAULT_TYPE, question: str
) -> None:
    """Answers `question` in reply to the update's message (every way of asking ends here)."""
    deps = get_deps(context)
    message = update.effective_message
    user = update.effective_user
    quote = is_group(message)
    if not question.strip():
        await message.reply_html(fa.ASK_USAGE, do_quote=quote)
        return
    wait = deps.limiter.acquire(user.id if user else message.chat_id)
    if wait:
        logger.info("Rate limit hit by user %s", user.id if user else None)
        await message.reply_html(rate_limited_message(deps, wait), do_quote=quote)
        return
    with contextlib.suppress(TelegramError):
        await message.reply_chat_action(ChatAction.TYPING)
    started = time.perf_counter()
    previous = deps.conversations.previous(
        message.chat_id, user.id if user else None, _replied_answer_id(message, context.bot.id)
    )
    try:
        answer, exchange = await asyncio.to_thread(
            ask_in_context, deps.service, deps.resolver, question, previous
        )
    except EmptyQuestionError:
        await message.reply_html(fa.ASK_USAGE, do_quote=quote)
        return
    except EmptyCorpusError:
        await message.reply_html(fa.NO_DOCUMENTS_YET, do_quote=quote)
        return
    # Wall time as the user waits it, including any queueing for a worker thread.
    latency_ms = (time.perf_counter() - started) * 1000
    question_id = await asyncio.to_thread(
        deps.store.log_question,
        question=answer.question,
        answer=answer.text,
        source=answer.source,
        abstained=answer.abstained,
        truncated=answer.truncated,
        latency_ms=latency_ms,
        user_id=user.id if user else None,
        chat_id=message.chat_id,
        chat_type=message.chat.type,
    )
    logger.info("Question %s: abstained=%s, %.0f ms", question_id, answer.abstained, latency_ms)
    deps.conversations.remember(message.chat_id, user.id if user else None, exchange)
    limit = deps.settings.max_question_chars if answer.truncated else None
    more = len(answer.passages) > (0 if answer.abstained else 1)
    sent = await send_html(
        message,
        render_answer(answer, truncated_limit=limit),
        quote=quote,
        # Without a stored question (a full disk) the answer goes out without its buttons.
        reply_markup=None
        if question_id is None
        else answer_keyboard(
            question_id,
            more=more,
            new_question=answer.resolved_question is not None,
            choices=answer.choices,
        ),
    )
    for part in sent:
        deps.conversations.remember_answer(message.chat_id, part.message_id, exchange)


def _replied_answer_id(message: Message, bot_id: int) -> int | None:
    """The id of the bot's message this one replies to, if it replies to the bot."""
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or replied.from_user.id != bot_id:
        return None
    return replied.message_id


async def new_conversation(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/new: the user's next question in this chat is read on its own."""
    message = update.effective_message
    user = update.effective_user
    get_deps(context).conversations.forget(message.chat_id, user.id if user else None)
    await message.reply_html(fa.CONTEXT_CLEARED, do_quote=is_group(message))


def rate_limited_message(deps: BotDeps, wait: float) -> str:
    """The Persian "too many questions" message, with the seconds left to wait."""
    return fa.RATE_LIMITED.format(
        limit=fa.fa_number(deps.settings.questions_per_minute),
        seconds=fa.fa_number(math.ceil(wait)),
    )


def _from_our_inline_result(message: Message, bot_id: int) -> bool:
    # A message a user sent through our inline mode is an answer, not a question.
    return message.via_bot is not None and message.via_bot.id == bot_id


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question."""
    message = update.effective_message
    if _from_our_inline_result(message, context.bot.id):
        return
    await answer_question(update, context, message.text)


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask question (also /ask@BotName); a bare /ask in reply to a message asks that message."""
    message = update.effective_message
    question = " ".join(context.args or [])
    replied = message.reply_to_message
    if not question and replied is not None and replied.text:
        question = replied.text
    await answer_question(update, context, question)


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups, answers a mention of the bot or a reply to it; other chatter is ignored."""
    message = update.effective_message
    bot = context.bot
    if _from_our_inline_result(message, bot.id):
        return
    question = _without_mention(message, bot.username, bot.id)
    replied = message.reply_to_message
    if question is not None:
        if not question.strip() and replied is not None and replied.text:
            question = replied.text
    elif replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
        question = message.text
    else:
        return
    await answer_question(update, context, question)


def _without_mention(message: Message, username: str, bot_id: int) -> str | None:
    """The message text with mentions of the bot removed, or None if it doesn't mention it."""
    entities = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    ours = [
        entity
        for entity, text in entities.items()
        if (entity.type == MessageEntity.MENTION and text.lower() == f"@{username}".lower())
        or (entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id)
    ]
    if not ours:
        return None
    # Entity offsets count UTF-16 code units.
    encoded = message.text.encode("utf-16-le")
    for entity in sorted(ours, key=lambda e: e.offset, reverse=True):
        encoded = (
            encoded[: entity.offset * 2] + b" \x00" + encoded[(entity.offset + entity.length) * 2 :]
        )
    return " ".join(encoded.decode("utf-16-le").split())


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: greets, lists the documents and offers example questions as buttons."""
    deps = get_deps(context)
    message = update.effective_message
    if is_group(message):
        await message.reply_html(fa.START_GROUP, do_quote=True)
        return
    documents = await asyncio.to_thread(deps.service.documents)
    examples = await example_questions(deps)
    parts = [
        fa.START_GREETING,
        render_document_list(documents, limit=START_DOCUMENTS_SHOWN, detailed=False)
        if documents
        else fa.START_NO_DOCUMENTS,
        fa.START_EXAMPLES if examples else fa.START_ASK,
    ]
    keyboard = None
    if examples:
        # Reply-keyboard buttons send their text, so an example arrives as an ordinary question.
        keyboard = ReplyKeyboardMarkup(
            [[question] for question in examples], resize_keyboard=True, one_time_keyboard=True
        )
    await send_html(message, "\n\n".join(parts), reply_markup=keyboard)


async def example_questions(deps: BotDeps) -> list[str]:
    """Example questions that the current corpus answers (computed once per index)."""
    if deps.examples is None:
        answered = []
        for question in fa.EXAMPLE_QUESTIONS:
            answer = await asyncio.to_thread(deps.service.ask, question)
            if not answer.abstained:
                answered.append(question)
        deps.examples = answered[:EXAMPLES_SHOWN]
    return deps.examples


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: explains private chats, groups, inline mode and the admin commands."""
    deps = get_deps(context)
    text = fa.HELP.format(mention=escape(f"@{context.bot.username}"))
    if deps.settings.questions_per_minute > 0:
        text += "\n\n" + fa.HELP_LIMITS.format(
            per_minute=fa.fa_number(deps.settings.questions_per_minute),
            max_chars=fa.fa_number(deps.settings.max_question_chars),
        )
    await send_html(update.effective_message, text, quote=is_group(update.effective_message))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command the bot doesn't have, in a private chat."""
    await update.effective_message.reply_html(fa.UNKNOWN_COMMAND)


async def text_only(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice… in a private chat: asks for text."""
    await update.effective_message.reply_html(fa.TEXT_ONLY)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Logs the exception and apologises to the user in Persian, without any details."""
    if update is None and isinstance(context.error, NetworkError):
        # Polling lost the Bot API; python-telegram-bot retries with back-off (up to 30 s).
        logger.warning(
            "Polling the Bot API failed (%s: %s); retrying with back-off",
            type(context.error).__name__,
            context.error,
        )
        return
    logger.error("Error while handling an update", exc_info=context.error)
    if not isinstance(update, Update):
        return
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):  # it may have been answered already
            await update.callback_query.answer()
    message = update.effective_message
    if message is not None and message.chat.type != ChatType.CHANNEL:
        with contextlib.suppress(TelegramError):
            await message.reply_html(fa.ERROR, do_quote=is_group(message))
