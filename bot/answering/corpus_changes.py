"""Adding and removing corpus documents, putting the corpus back when the re-index fails."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from bot.answering.types import DocumentError, IndexReport


def add_document(
    corpus_dir: Path, filename: str, text: str, reload: Callable[[], IndexReport]
) -> IndexReport:
    """Saves `text` into the corpus as a document and re-indexes with `reload`.

    Args:
        corpus_dir: The corpus folder.
        filename: A safe file name (no folders); `.txt` is added unless it ends in .txt/.md.
        text: The document's text.
        reload: Re-indexes the corpus (`AnsweringService.reload`).

    Raises:
        DocumentError: The name or text is unusable; the corpus is left as it was.
    """
    name = Path(filename).name
    if not name or name != filename or name.startswith("."):
        raise DocumentError(f"unsafe document name {filename!r}", "نام پرونده معتبر نیست.")
    if not name.lower().endswith((".txt", ".md")):  # the text is saved as plain text
        name += ".txt"
    if not text.strip():
        raise DocumentError("empty document", "متن این پرونده خالی است.")
    path = corpus_dir / name
    previous = path.read_bytes() if path.exists() else None
    tmp = path.with_name(f".{name}.uploading")
    corpus_dir.mkdir(parents=True, exist_ok=True)
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk leaves no half-written file behind
        raise
    try:
        return reload()
    except BaseException:
        restore(path, previous)
        raise


def remove_document(
    corpus_dir: Path, name: str, known: set[str], reload: Callable[[], IndexReport]
) -> IndexReport:
    """Deletes a document (one of the `known` indexed names) and re-indexes with `reload`.

    Raises:
        DocumentError: No such document.
    """
    path = corpus_dir / name
    if name not in known or not path.is_file():
        raise DocumentError(f"no document {name!r}", "چنین سندی در مجموعه نیست.")
    previous = path.read_bytes()
    path.unlink()
    try:
        return reload()
    except BaseException:
        restore(path, previous)
        raise


def restore(path: Path, previous: bytes | None) -> None:
    """Puts a corpus file back as it was before a failed change."""
    if previous is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(previous)
