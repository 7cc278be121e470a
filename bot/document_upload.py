"""Uploaded files: safe names for them in the corpus, and the upload size limit.

Reading an upload's text is `extract_text` in `embeddings.readers`, the same reader (and guards)
that reads the corpus folder; it is re-exported here for the upload path.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

from embeddings.readers import SUPPORTED_SUFFIXES, extract_text

__all__ = ["MAX_UPLOAD_BYTES", "SUPPORTED_SUFFIXES", "extract_text", "safe_document_name"]

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_NAME_CHARS = 80


def safe_document_name(filename: str) -> str:
    """A file name that is safe inside the corpus folder and keeps Persian letters.

    Directories, control characters and punctuation other than `-`, `_` and `.` are dropped,
    spaces become `-`, leading dots go (no hidden files, no `..`), and the stem is shortened.
    The suffix is kept, lower-cased.
    """
    base = unicodedata.normalize("NFC", re.split(r"[/\\]", filename)[-1])
    path = PurePath(base)
    suffix = path.suffix.lower() if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", path.suffix) else ""
    stem = base[: len(base) - len(path.suffix)] if suffix else base
    cleaned = []
    for char in stem:
        category = unicodedata.category(char)
        if char.isspace():
            cleaned.append("-")
        elif category[0] in "LN" or category == "Mn" or char in "-_.\u200c":
            cleaned.append(char)
    stem = re.sub(r"-{2,}", "-", "".join(cleaned)).strip("-_.\u200c ")
    stem = stem[:MAX_NAME_CHARS].rstrip("-_.\u200c ")
    return (stem or "document") + suffix
