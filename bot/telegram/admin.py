"""Admin commands: /reload, /docs, /remove, /stats (uploads: `bot/telegram/uploads.py`).

Admins are the Telegram user ids in `settings.admins`, nobody else: anonymous group admins
(who post as the group) are refused too. Every attempt, allowed or not, is logged and stored.
Index changes run in a worker thread while the old index keeps answering, and are serialized
by `BotDeps.index_lock` so their reports don't interleave.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from pathlib import PurePath
from typing import TypeVar

from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import persian_messages as fa
from bot.answering.types import DocumentError, IndexReport
from bot.telegram.deps import BotDeps, get_deps
from bot.telegram.handlers import is_group, send_html
from bot.telegram.html_split import split_html
from bot.telegram.rendering import (
    escape,
    render_document_list,
    render_index_report,
    render_stats,
)
from embeddings.progress import ProgressEvent, reporting_to

logger = logging.getLogger(__name__)
T = TypeVar("T")

# A change that takes longer than this says how far it got, edited in every few seconds.
PROGRESS_AFTER_SECONDS = 5.0
PROGRESS_EVERY_SECONDS = 3.0


async def require_admin(update: Update, context: ContextTypes.DEFAULT_TYPE, action: str) -> bool:
    """True for an admin; otherwise logs the attempt and replies with a polite refusal."""
    deps = get_deps(context)
    message = update.effective_message
    user = update.effective_user
    allowed = user is not None and user.id in deps.settings.admins and message.sender_chat is None
    if allowed and is_group(message):
        # Document lists, statistics and reports are for the admin, not every group member.
        logger.info("Admin %s asked for %s in group %s; pointed to the private chat",
                    user.id, action, message.chat_id)  # fmt: skip
        await message.reply_html(fa.ADMIN_PRIVATE_ONLY, do_quote=True)
        return False
    if allowed:
        return True
    user_id = user.id if user else None
    logger.warning("Refused %s by non-admin user %s in chat %s", action, user_id, message.chat_id)
    await asyncio.to_thread(
        deps.store.log_admin_action,
        user_id=user_id,
        action=action,
        detail=f"chat {message.chat_id}",
        allowed=False,
        ok=False,
    )
    await message.reply_html(fa.NOT_ADMIN, do_quote=is_group(message))
    return False


async def _finish(status: Message, markup: str) -> None:
    """Replaces a "working on it" message with the result (overflow goes in new messages)."""
    first, *rest = split_html(markup)
    await status.edit_text(first)
    for part in rest:
        await status.reply_html(part)


def _reporting(callback: Callable[[ProgressEvent], None], change: Callable[[], T]) -> T:
    """Runs `change` (in a worker thread) with its progress sent to `callback`."""
    with reporting_to(callback):
        return change()


async def _show_progress(status: Message, latest: list[ProgressEvent], headline: str) -> None:
    """Once a change has run `PROGRESS_AFTER_SECONDS`, edits `status` to say how far it got."""
    await asyncio.sleep(PROGRESS_AFTER_SECONDS)
    shown = ""
    while True:
        if latest:
            text = f"{headline}\n\n{fa.progress_line(latest[-1])}"
            if text != shown:
                with contextlib.suppress(TelegramError):  # progress is best effort
                    await status.edit_text(text)
                shown = text
        await asyncio.sleep(PROGRESS_EVERY_SECONDS)


async def _stop(task: asyncio.Task) -> None:
    """Cancels the progress task and waits, so its last edit can't land after the result."""
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _change_index(
    deps: BotDeps,
    status: Message,
    *,
    user_id: int,
    action: str,
    detail: str,
    change: Callable[[], IndexReport],
    done: str,
    failed: Callable[[str], str],
) -> None:
    """Runs one index change in a worker thread and reports its outcome on `status`.

    Args:
        deps: Shared bot objects.
        status: The message to edit with the outcome.
        user_id: The admin, for the log.
        action: "reload", "upload" or "remove", for the log.
        detail: What was acted on, for the log.
        change: The blocking service call.
        done: HTML headline for success.
        failed: Builds the HTML for failure from the escaped Persian reason.
    """
    if deps.index_lock.locked():
        await status.edit_text(fa.INDEX_BUSY)
    async with deps.index_lock:
        latest: list[ProgressEvent] = []
        shown = asyncio.create_task(_show_progress(status, latest, status.text_html))
        try:
            report = await asyncio.to_thread(_reporting, latest.append, change)
        except Exception as exc:
            # The service leaves the corpus and the serving index as they were.
            if isinstance(exc, DocumentError):
                logger.info("%s of %r refused: %s", action, detail, exc)
                reason = exc.persian_message
            elif isinstance(exc, OSError):
                logger.warning("%s of %r failed: %s", action, detail, exc)
                reason = fa.DISK_FULL_REASON
            else:
                logger.exception("%s of %r failed", action, detail)
                reason = fa.OPERATION_FAILED_REASON
            await asyncio.to_thread(
                deps.store.log_admin_action,
                user_id=user_id,
                action=action,
                detail=f"{detail}: {type(exc).__name__}: {exc}"[:500],
                allowed=True,
                ok=False,
            )
            await _stop(shown)
            await _finish(status, failed(escape(reason)))
            return
        finally:
            shown.cancel()
        await _stop(shown)
        deps.examples = None  # the corpus changed: recompute which examples it answers
    logger.info("%s of %r done: %s", action, detail, report.to_dict())
    await asyncio.to_thread(
        deps.store.log_admin_action,
        user_id=user_id,
        action=action,
        detail=f"{detail}: +{len(report.added)} ~{len(report.changed)} -{len(report.removed)}",
        allowed=True,
        ok=True,
    )
    await _finish(status, done + "\n\n" + render_index_report(report))


async def reload_corpus(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload: rebuilds the index from corpus/ in the background and reports what changed."""
    if not await require_admin(update, context, "reload"):
        return
    deps = get_deps(context)
    message = update.effective_message
    status = await message.reply_html(fa.RELOAD_STARTED, do_quote=is_group(message))
    await _change_index(
        deps,
        status,
        user_id=update.effective_user.id,
        action="reload",
        detail=str(deps.settings.corpus_dir),
        change=deps.service.reload,
        done=fa.RELOAD_DONE,
        failed=lambda reason: fa.RELOAD_FAILED.format(reason=reason),
    )


async def remove_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/remove <name>: deletes a document from the corpus and re-indexes."""
    if not await require_admin(update, context, "remove"):
        return
    deps = get_deps(context)
    message = update.effective_message
    wanted = " ".join(context.args or []).strip()
    if not wanted:
        await message.reply_html(fa.REMOVE_USAGE, do_quote=is_group(message))
        return
    names = [doc.name for doc in await asyncio.to_thread(deps.service.documents)]
    name = _match_document(wanted, names)
    if name is None:
        await message.reply_html(
            fa.REMOVE_NOT_FOUND.format(name=escape(wanted)), do_quote=is_group(message)
        )
        return
    status = await message.reply_html(fa.RELOAD_STARTED, do_quote=is_group(message))
    await _change_index(
        deps,
        status,
        user_id=update.effective_user.id,
        action="remove",
        detail=name,
        change=lambda: deps.service.remove_document(name),
        done=fa.REMOVE_DONE.format(name=escape(name)),
        failed=lambda reason: fa.REMOVE_FAILED.format(name=escape(name), reason=reason),
    )


def _match_document(wanted: str, names: list[str]) -> str | None:
    """The document called `wanted`: exact, else case-insensitive, else by a unique stem."""
    if wanted in names:
        return wanted
    folded = [n for n in names if n.casefold() == wanted.casefold()]
    if len(folded) == 1:
        return folded[0]
    stems = [n for n in names if PurePath(n).stem.casefold() == wanted.casefold()]
    return stems[0] if len(stems) == 1 else None


async def _admin_report(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    action: str,
    fetch: Callable[[BotDeps], Callable[[], T]],
    render: Callable[[T], str],
) -> None:
    """Admin-only read: fetches in a worker thread, renders, replies (threaded in groups)."""
    if not await require_admin(update, context, action):
        return
    value = await asyncio.to_thread(fetch(get_deps(context)))
    message = update.effective_message
    await send_html(message, render(value), quote=is_group(message))


async def list_documents(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/docs: the documents in the index, with their sizes."""
    await _admin_report(
        update, context, "docs", lambda deps: deps.service.documents, render_document_list
    )


async def show_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats: questions answered, abstentions, feedback and median latency."""
    await _admin_report(
        update,
        context,
        "stats",
        lambda deps: deps.store.stats,
        lambda stats: fa.STATS_UNAVAILABLE if stats is None else render_stats(stats),
    )
