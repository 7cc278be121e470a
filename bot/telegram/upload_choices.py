"""Uploads never replace a document silently, and different files never share a name.

An upload whose (cleaned) name is already in the corpus is held while the admin chooses with
inline buttons: replace (the previous version is kept in `corpus/.versions/`, which the corpus
loader skips like every dot-folder), keep both (the new one gets a `-2`, `-3`… suffix) or cancel.
When name cleaning alone made two different file names equal (`report!.txt` and `report.txt`,
`..txt` and a ZWNJ-only name), the new file gets a short suffix from its original name instead.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path, PurePath

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot import persian_messages as fa
from bot.telegram.rendering import escape

logger = logging.getLogger(__name__)

PENDING_KEY = "pasokh.pending_uploads"
CALLBACK_PATTERN = r"^up:[0-9a-f]{8}:(replace|both|cancel)$"
VERSIONS_DIR = ".versions"
MAX_PENDING = 20


@dataclass(frozen=True)
class PendingUpload:
    """An upload waiting for the admin's choice."""

    name: str
    text: str
    user_id: int


def _stem_of(name: str) -> str:
    return PurePath(name).stem


def choose_name(corpus_dir: Path, original: str, cleaned: str) -> tuple[str, bool]:
    """The corpus name for an upload, and whether the admin must be asked first.

    Args:
        corpus_dir: The corpus folder.
        original: The file name the admin sent.
        cleaned: Its safe corpus name (see `admin.corpus_name`).

    Returns:
        (`cleaned`, True) when that document exists and the upload carries the same name;
        a suffixed free name and False when only name cleaning made them equal; else
        (`cleaned`, False).
    """
    if not (corpus_dir / cleaned).exists():
        return cleaned, False
    original_stem = _stem_of(PurePath(original.replace("\\", "/")).name)
    if original_stem == _stem_of(cleaned):
        return cleaned, True
    tag = hashlib.sha1(original.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    tagged = f"{_stem_of(cleaned)}-{tag}{PurePath(cleaned).suffix}"
    # The same original name again is the same document again: ask.
    return tagged, (corpus_dir / tagged).exists()


def free_name(corpus_dir: Path, name: str) -> str:
    """`name`, or `name` with the first free `-2`, `-3`… before its suffix."""
    if not (corpus_dir / name).exists():
        return name
    stem, suffix = _stem_of(name), PurePath(name).suffix
    for number in itertools.count(2):
        candidate = f"{stem}-{number}{suffix}"
        if not (corpus_dir / candidate).exists():
            return candidate
    raise AssertionError("unreachable")


def keep_previous_version(corpus_dir: Path, name: str) -> Path:
    """Copies the current `name` into `corpus/.versions/` with a timestamp; returns the copy."""
    versions = corpus_dir / VERSIONS_DIR
    versions.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = versions / free_name(versions, f"{_stem_of(name)}.{stamp}{PurePath(name).suffix}")
    shutil.copy2(corpus_dir / name, target)
    return target


async def ask_about_same_name(
    context: ContextTypes.DEFAULT_TYPE, status: Message, pending: PendingUpload
) -> None:
    """Holds the upload and asks the admin, on `status`, what to do with it."""
    held: dict[str, PendingUpload] = context.bot_data.setdefault(PENDING_KEY, {})
    while len(held) >= MAX_PENDING:
        held.pop(next(iter(held)))
    token = secrets.token_hex(4)
    held[token] = pending
    keyboard = InlineKeyboardMarkup(
        [[
            InlineKeyboardButton(fa.BUTTON_REPLACE, callback_data=f"up:{token}:replace"),
            InlineKeyboardButton(fa.BUTTON_KEEP_BOTH, callback_data=f"up:{token}:both"),
            InlineKeyboardButton(fa.BUTTON_CANCEL, callback_data=f"up:{token}:cancel"),
        ]]
    )  # fmt: skip
    await status.edit_text(
        fa.UPLOAD_SAME_NAME.format(name=escape(pending.name)), reply_markup=keyboard
    )


async def upload_choice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The admin's button under a same-name question: replace, keep both or cancel."""
    from bot.telegram.admin import require_admin
    from bot.telegram.uploads import add_to_corpus

    query = update.callback_query
    if not await require_admin(update, context, "upload"):
        await query.answer()
        return
    _, token, choice = query.data.split(":")
    pending = context.bot_data.get(PENDING_KEY, {}).pop(token, None)
    await query.answer()
    status = query.message
    if pending is None or not isinstance(status, Message):
        if isinstance(status, Message):
            await status.edit_text(fa.UPLOAD_CHOICE_GONE)
        return
    corpus_dir = context.bot_data["pasokh"].settings.corpus_dir
    if choice == "cancel":
        await status.edit_text(fa.UPLOAD_CANCELLED.format(name=escape(pending.name)))
        return
    name, done = pending.name, None
    if choice == "both":
        name = free_name(corpus_dir, pending.name)
    elif (corpus_dir / name).exists():
        version = keep_previous_version(corpus_dir, name)
        logger.info("Kept the previous %s as %s", name, version)
        done = fa.UPLOAD_REPLACED.format(
            name=escape(name), version=escape(version.relative_to(corpus_dir).as_posix())
        )
    await add_to_corpus(context, status, pending.user_id, name, pending.text, done=done)
