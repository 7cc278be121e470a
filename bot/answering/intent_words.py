"""Pieces of the Persian patterns that read what a question asks of a report: spaces, the
question's end («چیست / چیه / چه بود …»), «درباره», «چه گفت», and the gatherings and talks a
report tells of. Shared by `intents` and `statement_intents`."""

from __future__ import annotations

import re

SP = r"[\s\u200c]+"
GAP = r"[\s\u200c]*"
ASKS = r"(?:چیست|چیه|چه" + SP + r"بود|چی" + SP + r"بود|چه" + SP + r"است|کیست|را" + SP + r"بگو|بود)"
ABOUT = r"(?:درباره(?:ٔ|ی)?|در" + SP + r"مورد|در" + SP + r"خصوص|در" + SP + r"باره|راجع" + SP + r"به)"
WHAT = r"(?:چه|چی|چه" + SP + r"چیزی|چه" + SP + r"چیزهایی|چه" + SP + r"مطالبی|چه" + SP + r"نکاتی)"
SAID = (
    r"(?:را"
    + SP
    + r")?(?:گفت(?:ه(?:"
    + SP
    + r"است)?|ند)?|می"
    + GAP
    + r"گوید|اظهار"
    + SP
    + r"(?:داشت|کرد)|بیان"
    + SP
    + r"(?:کرد|داشت)|مطرح"
    + SP
    + r"کرد|عنوان"
    + SP
    + r"کرد)"
)


# What a report tells of: a gathering, or a talk given at one («خطبه‌ها», «مصاحبه»).
EVENT = (
    r"(?:جلسه|نشست|خبر|گزارش|همایش|مراسم|دیدار|مجمع|کنفرانس|خطبه|سخنرانی|مصاحبه|نطق|"
    r"گفت" + GAP + r"و" + GAP + r"گو)"
)


def rx(pattern: str) -> re.Pattern[str]:
    """A compiled pattern (the templates are plain strings until then)."""
    return re.compile(pattern)
