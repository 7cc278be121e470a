"""Splitting Telegram HTML into messages under the 4096-character limit without breaking tags."""

from __future__ import annotations

import html
import re

MESSAGE_LIMIT = 4096
_TOKEN = re.compile(r"<[^<>]*>|[^<]+|<")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?>")
# The units text is cut into: an entity is one unit, so it is never split.
_ATOM = re.compile(r"&[#a-zA-Z0-9]+;|.", re.DOTALL)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def visible_text(markup: str) -> str:
    """The text a user sees: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^<>]*>", "", markup))


def split_html(markup: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Splits Telegram HTML into messages of at most `limit` UTF-16 units each.

    Tags open at a split are closed at the end of one part and reopened at the start of the
    next, entities are never cut, and text is cut at a line break or space when one is near.
    Lengths count the markup too, so each part is within Telegram's limit however it parses.

    Raises:
        ValueError: `limit` is too small for the nesting of tags in `markup`.
    """
    parts: list[str] = []
    stack: list[tuple[str, str]] = []  # (name, opening tag as written)
    current: list[str] = []
    size = 0

    def closing() -> str:
        return "".join(f"</{name}>" for name, _ in reversed(stack))

    def flush() -> None:
        nonlocal current, size
        text = "".join(current) + closing()
        if visible_text(text).strip():
            parts.append(text)
        current = [tag for _, tag in stack]
        size = sum(utf16_len(tag) for tag in current)
        if size + utf16_len(closing()) >= limit:
            raise ValueError(f"limit {limit} is too small for tags nested this deep")

    for token in _TOKEN.findall(markup):
        tag = _TAG.fullmatch(token)
        if tag is not None:
            name = tag.group(2).lower()
            if tag.group(1):
                if stack and stack[-1][0] == name:
                    stack.pop()
            else:
                closer = utf16_len(f"</{name}>")
                if size + utf16_len(token) + closer + utf16_len(closing()) > limit:
                    flush()
                stack.append((name, token))
            current.append(token)
            size += utf16_len(token)
            continue
        atoms = _ATOM.findall(token)
        while atoms:
            room = limit - size - utf16_len(closing())
            cut = _cut_point(atoms, room)
            if cut == 0 and size == sum(utf16_len(tag) for _, tag in stack):
                raise ValueError(f"limit {limit} is too small for this text and its tags")
            piece = "".join(atoms[:cut])
            current.append(piece)
            size += utf16_len(piece)
            atoms = atoms[cut:]
            if atoms:
                flush()
    flush()
    return parts


def _cut_point(atoms: list[str], room: int) -> int:
    """How many atoms fit in `room` UTF-16 units, cutting after a break when one is near."""
    fit = 0
    used = 0
    for atom in atoms:
        used += utf16_len(atom)
        if used > room:
            break
        fit += 1
    if fit == len(atoms):
        return fit
    for separator in ("\n", " ", "\u200c"):
        for index in range(fit - 1, fit * 2 // 3 - 1, -1):
            # A break in the last third of the room reads better than a cut mid-word.
            if atoms[index] == separator:
                return index + 1
    return fit
