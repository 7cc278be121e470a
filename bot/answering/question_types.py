"""What a question asks for, from its wording, and whether a sentence holds it.

The question-type patterns (amount, number, time, person name, person, place, reason, list,
and English wordings of some), the evidence an answering sentence of each type tends to hold,
and the count helpers («چند کیلومتر» wants a number carrying «کیلومتر»).
"""

from __future__ import annotations

import re

from bot.answering.language import PERSIAN, question_language
from bot.answering.person_names import names_person

_DIGITS = r"[0-9۰-۹]"
_NUMBER_WORDS = (
    r"یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|یازده|دوازده|بیست|سی|چهل|پنجاه|شصت|هفتاد|هشتاد|نود|"
    r"صد|هزار|میلیون|میلیارد|درصد|نیم|دهها|صدها|هزاران"
)
_MONTHS = (
    r"فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|ژانویه|فوریه|مارس|"
    r"آوریل|مه|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر|محرم|صفر|رمضان|شوال"
)
_TIME_WORDS = (
    r"شنبه|یکشنبه|دوشنبه|سه‌شنبه|چهارشنبه|پنجشنبه|پنج‌شنبه|جمعه|امروز|دیروز|فردا|ظهر|صبح|"
    r"عصر|شب|ساعت|سال|سالهای|سال‌های|قرن|سده|دهه|ماه|روز|هفته|زمان|هنگام|دوران|دوره|"
    r"میلادی|شمسی|قمری|خورشیدی|پیش|پس|بعد|قبل|" + _MONTHS
)
_PERSON_WORDS = (
    r"دکتر|آقای|خانم|مهندس|استاد|رئیس|وزیر|استاندار|معاون|نماینده|مدیر|دبیر|فرمانده|پادشاه|"
    r"شاه|امام|رهبر|نویسنده|شاعر|دانشمند|بنیانگذار|موسس|مؤسس|مخترع|کاشف|سلطان|خلیفه|پیامبر"
)
_PLACE_WORDS = (
    r"استان|شهر|کشور|منطقه|روستا|قاره|جزیره|دریا|کوه|رود|رودخانه|پایتخت|شمال|جنوب|شرق|غرب|"
    r"مرکز|نزدیکی|واقع|در"
)
_REASON_WORDS = r"زیرا|چون|چراکه|دلیل|علت|سبب|خاطر|بنابراین|نتیجه|باعث|موجب|تا|برای"
_WORD_EDGE = r"(?<![\w\u200c])(?:{})(?![\w\u200c])"


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(_WORD_EDGE.format(pattern))


_CURRENCY = r"ریال|تومان|دلار|یورو|درهم|منات|پوند|لیر|روبل|یوان|ین"
_NUMBER = rf"(?:{_DIGITS}|(?<![\w\u200c])(?:{_NUMBER_WORDS})(?![\w\u200c]))"

# (question cue, what an answering sentence tends to contain), checked in order.
_QUESTION_TYPES: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    # «چه مبلغی / چند میلیون …» wants an amount of money: a number with a currency.
    (
        "amount",
        _words(
            r"چه\s+مبلغی|چه\s+مبلغ|مبلغ|چند\s+(?:هزار|میلیون|میلیارد)|"
            rf"چند\s+(?:{_CURRENCY})|چقدر\s+(?:پول|بودجه|اعتبار|هزینه)|"
            r"چه\s+میزان\s+(?:پول|بودجه|اعتبار|سرمایه|هزینه)"
        ),
        re.compile(rf"{_NUMBER}[^.!?؟]{{0,30}}?(?<![\w\u200c])(?:{_CURRENCY})"),
    ),
    (
        "number",
        _words(r"چند|چندم|چندمین|چقدر|چه\s+تعداد|چه\s+میزان|چه\s+مقدار|تعداد|میزان"),
        re.compile(rf"{_DIGITS}|" + _WORD_EDGE.format(_NUMBER_WORDS)),
    ),
    (
        "time",
        _words(
            r"چه\s+زمانی|چه\s+وقت|کی|چه\s+سالی|چه\s+روزی|چه\s+تاریخی|چه\s+ماهی|چه\s+قرنی|"
            r"چه\s+سال|چه\s+روز|چه\s+ساعتی|چه\s+دوره‌ای|چه\s+دوره\s+ای|تاریخ"
        ),
        re.compile(rf"{_DIGITS}|" + _WORD_EDGE.format(_TIME_WORDS)),
    ),
    # «نام معاون …» wants a name; «چه کسی» is also answered by a role («به ریاست استاندار»).
    (
        "person_name",
        re.compile(
            rf"(?<![\w\u200c])(?:نام|اسم)\s+(?:{_PERSON_WORDS})(?![\w\u200c])|"
            rf"(?<![\w\u200c])(?:{_PERSON_WORDS})(?![\w\u200c]).*"
            r"(?:چه\s+نامی?\s+دارد|چه\s+اسمی\s+دارد|نامش\s+چیست|اسمش\s+چیست)"
        ),
        _words(_PERSON_WORDS),
    ),
    (
        "person",
        _words(r"چه\s+کسی|چه\s+کسانی|کیست|کیستند|چه\s+شخصی|چه\s+فردی|نام\s+\S+\s+چیست"),
        _words(_PERSON_WORDS),
    ),
    (
        "place",
        _words(r"کجا|کجاست|کدام\s+شهر|کدام\s+کشور|کدام\s+استان|کدام\s+منطقه|چه\s+شهری|چه\s+کشوری"),
        _words(_PLACE_WORDS),
    ),
    ("reason", _words(r"چرا|چه\s+دلیلی|چه\s+علتی|علت|دلیل|برای\s+چه"), _words(_REASON_WORDS)),
    (
        "list",
        re.compile(
            r"(?:چه|کدام)\s+\S+?(?:\u200c?هایی|\u200c?ها|انی)(?![\w\u200c])|"
            r"چه\s+(?:عواملی|انواعی|مواردی|مواد(?:ی)?)|کدامند"
        ),
        re.compile(r"(?:[^،,]+[،,]){2}|عبارت(?:ند)?\s+از|شامل|از\s+جمله|مانند"),
    ),
)


_ANSWER_EVIDENCE = {name: evidence for name, _, evidence in _QUESTION_TYPES}

# English wordings of the same kinds, for cross-lingual questions (the evidence is Persian).
_ENGLISH_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("amount", re.compile(r"\bhow much (?:money|funding|budget)|\bwhat (?:sum|amount of money)\b")),
    ("number", re.compile(r"\bhow (?:many|much)\b|\bwhat (?:number|percentage|share)\b")),
    ("time", re.compile(r"\bwhen\b|\bwhat (?:day|date|year|time|month)\b")),
    ("person", re.compile(r"\bwho\b|\bwhom\b|\bwhose\b")),
    ("place", re.compile(r"\bwhere\b|\bwhich (?:city|country|province|region)\b")),
    ("reason", re.compile(r"\bwhy\b|\bfor what reason\b")),
)


# «قبل از خطبه‌ها کی صحبت کرد؟»: the spoken «کی» before a verb of speaking asks who, not when
_WHO_SPOKE = re.compile(
    r"(?<![\w\u200c])کی\s+(?:سخنرانی|صحبت|حرف|سخن)[\s\u200c]*(?:کرد|کردند|زد|زدند|گفت)"
    r"(?![\w\u200c])"
)
_ASKS_WHY = re.compile(r"\s*(?:چرا|به\s+چه\s+دلیل|به\s+چه\s+علت)(?![\w\u200c])")


def question_type(question: str) -> str | None:
    """The kind of answer a (normalized) question asks for, if its wording tells."""
    if question_language(question) != PERSIAN:
        lowered = question.lower()
        return next((name for name, cue in _ENGLISH_TYPES if cue.search(lowered)), None)
    if _ASKS_WHY.match(question):  # «چرا یک زن نمی‌تواند چند همسر داشته باشد؟» asks why
        return "reason"
    if _WHO_SPOKE.search(question):
        return "person"
    for name, cue, _ in _QUESTION_TYPES:
        if cue.search(question):
            return name
    return None


# «چند تا خبرنگار» (spoken: «تا» is the counter) counts «خبرنگار».
_COUNTED = re.compile(r"(?<![\w\u200c])چند\s+(?:تا\s+)?([\w\u200c]{2,})")
_NOT_UNITS = frozenset({"است", "بود", "هست", "شد", "دارد", "تا", "بار", "نوع", "مورد"})


def counted_unit(question: str) -> str | None:
    """What «چند …» counts («چند کیلومتر» → «کیلومتر»): the answer's number must carry it."""
    match = _COUNTED.search(question)
    if match is None or match.group(1) in _NOT_UNITS:
        return None
    return match.group(1)


# «چند نفر رأی ممتنع دادند؟» counts people by what each gave: «۷ رأی ممتنع» answers it.
_PER_PERSON = re.compile(r"(?<![\w\u200c])چند\s+نفر\s+([\w\u200c]{2,})")
_NOT_COUNTED = frozenset({"از", "در", "به", "با", "را", "که", "و", "هم", "نیز", "برای"})


def counted_units(question: str) -> tuple[str, ...]:
    """`counted_unit`, and for «چند نفر X» the X each of them counts; () when none."""
    unit = counted_unit(question)
    if unit is None:
        return ()
    per = _PER_PERSON.search(question) if unit == "نفر" else None
    if per is not None and per.group(1) not in _NOT_COUNTED | _NOT_UNITS:
        return (unit, per.group(1))
    return (unit,)


def _unit_forms(unit: str) -> list[str]:
    """The unit as typed and without a spoken copula, an «ی» or a plural: «درصده» (درصد
    است), «چند روزی», «چند کشورها» count «درصد», «روز», «کشور»."""
    forms = [unit]
    for ending in ("\u200cها", "ها", "ه", "ی"):
        if unit.endswith(ending) and len(unit) - len(ending) >= 3:
            forms.append(unit[: -len(ending)])
    return forms


# The question arrives normalized («رأی» → «رای»), a sentence as the document writes it.
_HAMZA_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "ؤ": "و", "ئ": "ی", "ي": "ی", "ك": "ک"})


def holds_count_of(unit: str | tuple[str, ...], sentence: str) -> bool:
    """True when a number stands within two words before `unit` (or a word starting with it;
    any of them, for several)."""
    units = (unit,) if isinstance(unit, str) else unit
    forms = [f for u in units for f in _unit_forms(u.translate(_HAMZA_FOLD))]
    units = "|".join(re.escape(form) for form in forms)
    pattern = rf"{_NUMBER}[^.!?؟]{{0,24}}?(?<![\w\u200c])(?:{units})"
    return re.search(pattern, sentence.translate(_HAMZA_FOLD)) is not None


def type_matches(kind: str | None, sentence: str) -> bool:
    """True when the sentence holds the kind of thing the question asks for.

    A name («نام معاون … چیست؟») is held only where a person is named: a sentence that holds
    the role alone («نماینده سازمان … حضور داشت») doesn't answer it. «چه کسی» may be
    answered by a role («به ریاست استاندار»).
    """
    if kind == "person_name":
        return names_person(sentence)
    if kind == "person" and names_person(sentence):
        return True
    evidence = _ANSWER_EVIDENCE.get(kind)
    return evidence is not None and evidence.search(sentence) is not None
