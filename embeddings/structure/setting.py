"""Where and when a report's gathering was held, and who attended, read from its lead.

A lead says it in a few fixed shapes: the time as a day word with its part of day and date
(«صبح دیروز (سه‌شنبه)», «عصر پنجشنبه ۲۴ آبان», «ظهر امروز (شنبه)»), the place as a «در …»
phrase that is not a time, a topic or a clause («در سالن جلسات استانداری», «در ساری»), or
a manner of meeting («به صورت ویدئوکنفرانس»), the guests as a «با حضور …» phrase. Each phrase
runs until the chair, the guests, the topic, the place or the verb of holding.
"""

from __future__ import annotations

import re

from embeddings.structure import lexicon as lx

_SP = lx.SP


def _words(text: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(text.split())


_WEEKDAYS = r"(?:(?:یک|دو|سه|چهار|پنج)" + _SP + r"شنبه|شنبه|جمعه)"
_DAYS = r"(?:امروز|دیروز|پریروز|امشب|دیشب|" + _WEEKDAYS + ")"
_MONTHS = (
    r"(?:فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند)"
    r"(?:" + _SP + r"ماه)?"
)
_PART = r"(?:صبح|ظهر|بعدازظهر|بعد" + _SP + r"از" + _SP + r"ظهر|عصر|شب|شامگاه|بامداد|غروب)"
_DATE = r"(?:\d{1,2}\s+" + _MONTHS + r"(?:\s+(?:ماه\s+)?(?:سال\s+)?\d{4})?)"
TIME_PHRASE = re.compile(
    r"(?<![\w\u200c])(?:(?:"
    + _PART
    + r"\s+)?(?:روز\s+)?"
    + _DAYS
    # «صبح امروز (سه‌شنبه)» or «صبح امروز سه‌شنبه ۲۰ خرداد»
    + r"(?:\s*\([^()]{1,20}\)|\s+"
    + _WEEKDAYS
    + r"(?=\s+\d))?(?:\s+"
    + _DATE
    + r")?|(?:"
    + _PART
    + r"\s+)?(?:روز\s+)?"
    + _DATE
    + r"|(?:در\s+)?تاریخ\s+"
    + r"[\d/]{6,10})(?![\w\u200c])"
)
# «در …» phrases that are not a place.
_NOT_PLACES = _words(
    "خصوص مورد راستای حالی پی گفت‌وگو گفتگو این آن ادامه پایان باره جریان حضور کنار "
    "جمع پاسخ زمینه رابطه سال ماه هفته دوره طول "
    # «در نشست خبری امروز …», «در نشستی که …»: the gathering itself, not where it was
    "نشست نشستی جلسه جلسه‌ای همایش همایشی مراسم مراسمی دیدار اجلاس گردهمایی "
    # «در حوزه ترافیک», «در عرصه فرهنگ»: a field, not a place
    "حوزه عرصه"
)
_PLACE_START = re.compile(r"(?<![\w\u200c])در\s+(?P<first>[\w\u200c]+)")
# Where a place phrase ends: the chair, the guests, the topic, the verb, a clause.
_PLACE_END = re.compile(
    r"\s+(?:و\s+)?(?:به" + _SP + r"ریاست|با" + _SP + r"(?:حضور|هدف|محوریت|موضوع|دستور|شرکت)|"
    r"به" + _SP + r"منظور|برای|برگزار|تشکیل|گشایش|آغاز|برپا|افتتاح|میزبان|که)(?![\w\u200c])|"
    r"\s*[،,.؛;:(]"
)
# The words of holding a gathering («برگزار شد», «تشکیل جلسه داد», «گشایش یافت»).
HOLDING = r"(?:برگزار|تشکیل|گشایش|برپا|افتتاح)"
# The verb of holding right after a place phrase: «… در سالن شورا برگزار شد».
_HELD = re.compile(r"\s*" + HOLDING + r"(?![\w\u200c])")
_MANNER = re.compile(
    r"(?<![\w\u200c])به"
    + _SP
    + r"(?:صورت|شکل)\s+(?:ویدئو"
    + _SP
    + r"کنفرانس|ویدیو"
    + _SP
    + r"کنفرانس|مجازی|آنلاین|برخط|وبینار|تلفنی)(?![\w\u200c])"
)
MAX_PLACE_WORDS = 8
# Inside a topic phrase («به منظور بررسی کمبود کلاس در محله‌های …») a «در …» is part of the
# topic, unless it opens with a venue («با دستور کار بررسی بودجه در تالار شورا»).
_VENUES = _words(
    "سالن تالار محل ساختمان دفتر مرکز مجتمع سرای خانه هتل کتابخانه دانشگاه ورزشگاه موزه "
    "استانداری فرمانداری شهرداری بخشداری اتاق مسجد مصلی فرهنگسرای فرهنگسرا ستاد"
)


def time_phrase(sentence: str) -> str | None:
    """The day (and part of day, date) a lead gives, as written; None when it gives none."""
    match = TIME_PHRASE.search(lx.fold(sentence))
    return sentence[match.start() : match.end()].strip() if match else None


def place_phrase(sentence: str) -> str | None:
    """Where a lead says the gathering was: a «در …» place, else the manner of meeting."""
    reading = place_reading(sentence)
    return reading[0] if reading else None


def place_reading(sentence: str) -> tuple[str, bool] | None:
    """`place_phrase`, and whether it surely says where the gathering was: it opens with a
    venue («سالن …», «استانداری …») or the verb of holding follows it («… برگزار شد»). Such
    a place wins over an earlier «در …», which may be a guest's own («نماینده مردم کرمانشاه
    در مجلس شورای اسلامی،»)."""
    folded = lx.fold(sentence)
    first_found = None
    for match in _PLACE_START.finditer(folded):
        first = match["first"]
        start = match.start("first")
        if first in _NOT_PLACES or TIME_PHRASE.match(folded, start) or first == "تاریخ":
            continue
        topic = lx.TOPIC_CUE.search(folded, 0, match.start())
        if topic and "،" not in folded[topic.end() : match.start()] and first not in _VENUES:
            continue
        end = _PLACE_END.search(folded, start)
        phrase = sentence[start : end.start() if end else len(sentence)].strip()
        if not 1 <= len(phrase.split()) <= MAX_PLACE_WORDS:
            continue
        if first in _VENUES or (end is not None and _HELD.match(folded, end.start())):
            return phrase, True
        first_found = first_found or phrase
    if first_found:
        return first_found, False
    manner = _MANNER.search(folded)
    return (sentence[manner.start() : manner.end()], False) if manner else None


def definite_time(phrase: str) -> bool:
    """Whether a time phrase gives a date («سه‌شنبه ۲۰ خرداد»), not only «امروز»."""
    return re.search(r"[0-9۰-۹]", phrase) is not None


_GUESTS_START = re.compile(r"(?<![\w\u200c])با" + _SP + r"(?:حضور|شرکت)\s+")
# Where the guests end: the chair, the manner, the topic, the verb of holding (the place is
# found by `place_phrase`: a bare «در» may be a guest's own, «نماینده مردم بوشهر در مجلس»).
_GUESTS_END = re.compile(
    r"\s+(?:و\s+)?(?:به"
    + _SP
    + r"ریاست|به"
    + _SP
    + r"(?:صورت|شکل|منظور|میزبانی)|با"
    + _SP
    + r"(?:هدف|محوریت|موضوع|دستور)|برای|برگزار|تشکیل|گشایش|آغاز|برپا|افتتاح|که)(?![\w\u200c])|"
    r"\s*[.؛;:(]"
)
_AT_VENUE = re.compile(r"\s+در\s+(?:" + "|".join(sorted(_VENUES)) + r")(?![\w\u200c])")
MAX_GUEST_WORDS = 40


def guests_phrase(sentence: str) -> str | None:
    """Who a lead says attended: its «با حضور …» phrase, as written; None when it has none."""
    folded = lx.fold(sentence)
    start = _GUESTS_START.search(folded)
    if start is None:
        return None
    cue = _GUESTS_END.search(folded, start.end())
    end = cue.start() if cue else len(sentence)
    venue = _AT_VENUE.search(folded, start.end(), end)
    if venue:  # «… در سالن جلسات استانداری»: the guests end before the venue
        end = venue.start()
    place = place_phrase(sentence)
    at = sentence.find(place, start.end(), end) if place else -1
    if at > 0:  # or before the place the lead names otherwise («در ساری»)
        end = min(end, max(folded.rfind("در", start.end(), at), start.end()))
    phrase = sentence[start.end() : end].strip(" ،,")
    return phrase if 1 <= len(phrase.split()) <= MAX_GUEST_WORDS else None
