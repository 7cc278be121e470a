"""Whether a question asks when something happens, and whether a text says when.

`question_types` treats any number or «سال» as evidence for a time question, which suits
ParsiNLU's «در چه سالی …» answered by «۱۹۴۷». A report answers «آزمون استخدامی کی برگزار
می‌شود؟» with «جذب ۳۵۰ نیروی پرستاری از طریق آزمون استخدامی»: a number, no time. Here a time
is a date or a point in time: a month or weekday, «امروز / امسال», a year («۱۴۰۳», «2024»), a
number with a unit of time («۲۰ دی», «۳ ماه»), a unit with a qualifier («سال آینده», «هفته
گذشته») or a part of one («پایان سال», «نیمه تیرماه»).
"""

from __future__ import annotations

import re

_EDGE = r"(?<![\w\u200c])(?:{})(?![\w\u200c])"
_DIGIT = r"[0-9۰-۹]"
_MONTHS = (
    "فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|ژانویه|فوریه|مارس|"
    "آوریل|مه|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر|محرم|صفر|رمضان|شوال"
)
_DAYS = "شنبه|یکشنبه|دوشنبه|سه\u200cشنبه|سه شنبه|چهارشنبه|پنجشنبه|پنج\u200cشنبه|جمعه"
_NOW = "امروز|دیروز|فردا|امسال|پارسال|امشب|دیشب|اکنون|هم\u200cاکنون|اخیرا|اخیراً"
_UNITS = "سال|سالگی|ماه|هفته|روز|دهه|قرن|سده|ساعت|میلادی|شمسی|قمری|هجری"
_QUALIFIERS = "آینده|جاری|گذشته|قبل|بعد|آتی|تحصیلی|زراعی|آبی|پیش|اخیر|نخست|اول|دوم|پایانی|بعدی|دیگر"
_PARTS = "پایان|ابتدای|ابتدا|اواخر|اوایل|اواسط|نیمه|آغاز|شروع"

_TIME = re.compile(
    _EDGE.format(f"{_MONTHS}|(?:{_MONTHS})\u200c?ماه|{_DAYS}|{_NOW}")
    # a year: «۱۴۰۳», «1998», «2024»
    + rf"|(?<!{_DIGIT})(?:1[34]|19|20|۱[۳۴]|۱۹|۲۰){_DIGIT}{{2}}(?!{_DIGIT})"
    + rf"|{_DIGIT}+\s*(?:{_UNITS})"
    + r"|"
    + _EDGE.format(rf"(?:{_UNITS})\s+(?:{_QUALIFIERS})")
    + r"|"
    + _EDGE.format(rf"(?:{_PARTS})\s+(?:سال|ماه|هفته|{_MONTHS})")
)

# What happens at a time a report gives: a gathering, an opening, a start or end, a payment.
# A when-question about anything else («چه زمانی مردمک چشم گشاد می‌شود؟») is answered by a
# condition as often as by a date. «کی» also asks "who" («کی گفت؟», «کی اینو پرداخت کرد؟»):
# it asks when only right before what happens («کی برگزار می‌شود؟»).
_HAPPENS = re.compile(
    r"برگزار|افتتاح|شروع|آغاز|تمام|اجرا|راه\S*اندازی|تحویل|پرداخت|واریز|توزیع|نصب|تکمیل|"
    r"بهره\S*برداری|تشکیل|بازگشایی|تعطیل|عرضه|پذیر|ثبت\S*نام"
)
_WHEN = re.compile(
    _EDGE.format(r"کی|چه\s+زمانی|چه\s+وقتی?|چه\s+سالی|چه\s+روزی|چه\s+تاریخی|چه\s+ماهی|چه\s+ساعتی")
)


def asks_when(question: str) -> bool:
    """Whether a (normalized) Persian question asks when an event happens («آزمون کی برگزار
    می‌شود؟», «از چه سالی دانشجو می‌پذیرد؟»)."""
    when = _WHEN.search(question)
    if when is None:
        return False
    if when.group() == "کی":
        return _HAPPENS.match(question, when.end() + 1) is not None
    return _HAPPENS.search(question, when.end()) is not None


def holds_time(text: str) -> bool:
    """Whether a text gives a date or a point in time (see the module docstring)."""
    return _TIME.search(text) is not None
