"""Adding documents by upload: checked, read in a limited child process, named, indexed.

An admin's file in a private chat is checked before download (type, size), read by
`bot.upload_sandbox` (before the index lock, so a costly file never holds up reloads), given a
safe corpus name that never silently replaces a document (`upload_choices`), and indexed
through `admin._change_index`. In a group an admin's file gets a note to use the private chat.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import PurePath

from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import persian_messages as fa
from bot.answering.types import DocumentError
from bot.document_upload import MAX_UPLOAD_BYTES, SUPPORTED_SUFFIXES, safe_document_name
from bot.telegram.admin import _change_index, _finish, require_admin
from bot.telegram.deps import get_deps
from bot.telegram.html_split import visible_text
from bot.telegram.rendering import escape
from bot.telegram.upload_choices import PendingUpload, ask_about_same_name, choose_name
from bot.upload_sandbox import extract_text_isolated

logger = logging.getLogger(__name__)

DOWNLOAD_TIMEOUT_SECONDS = 120
# For files sent without a name (some clients do), the type Telegram reports picks the reader.
_MIME_SUFFIXES = {
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


def _too_large(size: int) -> str:
    return fa.UPLOAD_TOO_LARGE.format(
        size=fa.fa_number(size / 1024 / 1024, decimals=1),
        limit=fa.fa_number(MAX_UPLOAD_BYTES // 1024 // 1024),
    )


def corpus_name(filename: str) -> str:
    """The corpus file name for an upload: safe, and .txt unless it was Markdown."""
    safe = PurePath(safe_document_name(filename))
    return safe.name if safe.suffix in (".txt", ".md") else f"{safe.stem}.txt"


async def upload_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A document sent by an admin: checked, read, added to the corpus and indexed."""
    if not await require_admin(update, context, "upload"):
        return
    deps = get_deps(context)
    message = update.effective_message
    document = message.document
    filename = document.file_name or "document" + _MIME_SUFFIXES.get(document.mime_type or "", "")
    refusal = None
    if PurePath(filename).suffix.lower() not in SUPPORTED_SUFFIXES:
        refusal = fa.UPLOAD_NOT_SUPPORTED
    elif document.file_size and document.file_size > MAX_UPLOAD_BYTES:
        # Checked before downloading: the Bot API won't serve bigger files anyway.
        refusal = _too_large(document.file_size)
    if refusal is not None:
        await asyncio.to_thread(
            deps.store.log_admin_action,
            user_id=update.effective_user.id,
            action="upload",
            detail=f"{filename}: refused before download",
            allowed=True,
            ok=False,
        )
        await message.reply_html(refusal)
        return
    name = corpus_name(filename)
    user_id = update.effective_user.id
    status = await message.reply_html(fa.UPLOAD_RECEIVED.format(name=escape(name)))
    try:
        file = await document.get_file()
        data = bytes(await file.download_as_bytearray(read_timeout=DOWNLOAD_TIMEOUT_SECONDS))
        if len(data) > MAX_UPLOAD_BYTES:
            raise DocumentError(f"{len(data)} bytes", visible_text(_too_large(len(data))))
        # In a limited child process, and before the index lock: a hostile file costs one
        # worker for a bounded time, never the bot or the other admins' changes.
        text = await extract_text_isolated(filename, data)
    except (TelegramError, DocumentError) as exc:
        if isinstance(exc, TelegramError):
            logger.warning("Downloading upload %r failed: %s", name, exc)
            reason = fa.DOWNLOAD_FAILED
        else:
            logger.info("upload of %r refused: %s", name, exc)
            reason = exc.persian_message
        await asyncio.to_thread(
            deps.store.log_admin_action,
            user_id=user_id,
            action="upload",
            detail=f"{name}: {type(exc).__name__}: {exc}"[:500],
            allowed=True,
            ok=False,
        )
        await _finish(status, fa.UPLOAD_REFUSED.format(name=escape(name), reason=escape(reason)))
        return
    name, ask = choose_name(deps.settings.corpus_dir, filename, name)
    if ask:
        await ask_about_same_name(context, status, PendingUpload(name, text, user_id))
        return
    await add_to_corpus(context, status, user_id, name, text)


async def add_to_corpus(
    context: ContextTypes.DEFAULT_TYPE,
    status: Message,
    user_id: int,
    name: str,
    text: str,
    done: str | None = None,
) -> None:
    """Writes an upload's text as corpus document `name`, re-indexes and reports on `status`."""
    deps = get_deps(context)
    await _change_index(
        deps,
        status,
        user_id=user_id,
        action="upload",
        detail=name,
        change=lambda: deps.service.add_document(name, text),
        done=done or fa.UPLOAD_DONE.format(name=escape(name)),
        failed=lambda reason: fa.UPLOAD_REFUSED.format(name=escape(name), reason=reason),
    )


async def group_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file sent in a group: an admin is pointed to the private chat; others are ignored."""
    user = update.effective_user
    message = update.effective_message
    if user is not None and user.id in get_deps(context).settings.admins:
        await message.reply_html(fa.ADMIN_PRIVATE_ONLY, do_quote=True)
