"""What a question asks of a report as a whole: a person, someone's statements, the headline,
a summary or the decisions; None for every other question (answered by sentence retrieval).

Works on the normalized question. Formal and colloquial wordings alike («کیست» / «کی بود» /
«کیه», «چه گفت» / «چی گفت», «نامش چیست» / «اسمش چیه»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering.gathering_intents import GUESTS, NEXT, PLACE, PURPOSE, RAN_BY, TIME
from bot.answering.intent_words import ABOUT, ASKS, EVENT, GAP, SP, rx
from bot.answering.language import LATIN, question_language
from bot.answering.speaker_intents import speaker_question
from bot.answering.statement_intents import ABOUT_OR_FOR, statements_question


@dataclass(frozen=True)
class Intent:
    """A structured question.

    Attributes:
        kind: "person", "statements", "headline", "summary" or "decisions".
        detail: For person: "who", "name", "given", "surname", "full", "role", "chair",
            or "first" / "last" / "about" (who spoke first, last, or about `topic`);
            for headline: "title", "topic", "place", "time" or "guests"; "" otherwise.
        target: The words naming the person asked about («استاندار», «علی جهانگیری»).
        topic: What the statements or decisions should be about («درباره صادرات»), or "".
        alternatives: Other readings of `target`, tried in order when it names nobody
            (an English «governor» is «استاندار» or «فرماندار»).
        worded: The role as an English question words it («director-general of roads»),
            when `target` is only its Persian head: it tells apart those sharing the head.
    """

    kind: str
    detail: str = ""
    target: str = ""
    topic: str = ""
    alternatives: tuple[str, ...] = ()
    worded: str = ""


_SUMMARY = rx(r"خلاصه|چکیده|جمع" + GAP + r"بندی|به" + SP + r"طور" + SP + r"خلاصه")
_DECISIONS = rx(
    r"تصمیم(?:ات|" + GAP + r"ها|" + GAP + r"هایی|ی)|مصوب(?:ات|ه)|تصویب|(?:مقرر|قرار)" + SP + r"شد|"
    r"پیشنهاد(?:ات|" + GAP + r"ها|" + GAP + r"هایی)|توصیه" + GAP + r"(?:ها|هایی)"
)
_TITLE = rx(r"تیتر|عنوان" + SP + r"(?:خبر|گزارش|مطلب|این" + SP + r"خبر)|سرخط")
_TOPIC = rx(
    r"موضوع" + SP + r"(?:اصلی" + SP + r")?(?:" + EVENT + r"|این)|"
    r"محور"
    + SP
    + r"(?:اصلی"
    + SP
    + r")?(?:جلسه|نشست|همایش)|"
    + EVENT
    + r"\S*"
    + SP
    + r"(?:\S+"
    + SP
    + r"){0,4}?"
    + ABOUT
    + SP
    + r"(?:چه|چی)|"
    r"(?:جلسه|نشست|همایش)\S*"
    + SP
    + r"(?:\S+"
    + SP
    + r"){0,5}?با"
    + SP
    + r"(?:چه|چی)"
    + SP
    + r"(?:موضوعی|محوری|هدفی)|خبر"
    + SP
    + r"(?:درباره|در"
    + SP
    + r"مورد)"
    + SP
    + r"چیست"
)
_CHAIR = rx(
    r"ریاست|(?:رئیس|رییس)"
    + SP
    + r"(?:این"
    + SP
    + r")?(?:جلسه|نشست|همایش|مجمع|اجلاس)(?!"
    + SP
    + r"\S*ستاد)"
)
_WHO_WORDS = rx(r"چه" + SP + r"کسی|کی|کیست|چه" + SP + r"شخصی|نام|اسم|که")
_PERSON = (
    ("given", rx(r"(?:نام|اسم)" + SP + r"کوچی?ک" + SP + r"(?P<target>.+?)" + SP + ASKS)),
    # «نام و نام خانوادگی X» before «نام خانوادگی X», which it contains
    (
        "full",
        rx(
            r"(?:نام|اسم)"
            + SP
            + r"(?:کامل|و"
            + SP
            + r"نام"
            + SP
            + r"خانوادگی)"
            + SP
            + r"(?P<target>.+?)"
            + SP
            + ASKS
        ),
    ),
    (
        "surname",
        rx(r"(?:نام|اسم)" + SP + r"خانوادگی" + SP + r"(?P<target>.+?)" + SP + ASKS),
    ),
    (
        "role",
        rx(
            r"^(?P<target>.+?)" + SP + r"(?:چه" + SP + r"(?:سمتی|سمت" + GAP + r"هایی|مسئولیتی|"
            r"کاره|نقشی|پستی|عنوانی))(?:"
            + SP
            + r"(?:دارد|داره|داشت|است|هست|بود|دارند|دارن|داشتند))?$"
        ),
    ),
    (
        "role",
        rx(r"(?:سمت|مسئولیت|شغل|پست)" + SP + r"(?P<target>.+?)" + SP + ASKS),
    ),
    # spoken «جهانگیری چیکاره‌ست؟», «… چکاره است؟», «… چه‌کاره‌ست؟»: what is X's job
    (
        "role",
        rx(
            r"^(?P<target>.+?)" + SP + r"(?:چی|چ|چه" + GAP + r")کار(?:ه(?:" + GAP + r"(?:ست|اس|است|"
            r"هست|بود|ای))?|ست|اس)$"
        ),
    ),
    ("name", rx(r"(?:نام|اسم)" + SP + r"(?P<target>.+?)" + SP + ASKS)),
    (
        "name",
        rx(
            r"^(?P<target>.+?)" + SP + r"(?:چه" + SP + r"(?:نامی?|اسمی)" + SP + r"دارد|"
            r"(?:نامش|اسمش)"
            + SP
            + r"(?:چیست|چیه|چه"
            + SP
            + r"بود|چی"
            + SP
            + r"بود|چه"
            + SP
            + r"است))"
        ),
    ),
    (
        "who",
        rx(
            r"^(?P<target>.+?)" + SP + r"(?:کیست|کیستند|کی" + SP + r"بود|کی" + SP + r"است|کیه|"
            r"چه" + SP + r"کسی" + SP + r"(?:است|بود)|که" + SP + r"بود)$"
        ),
    ),
    (
        "who",
        rx(r"^(?:چه" + SP + r"کسی|کی)" + SP + r"(?P<target>.+?)" + SP + r"(?:است|بود)$"),
    ),
)


# «درباره Y چه تصمیمی گرفته شد»: the decisions about Y only.
_DECISIONS_ABOUT = rx(ABOUT_OR_FOR + SP + r"(?P<topic>.+?)" + SP + r"(?:چه|چی|کدام)")


def _clean(question: str) -> str:
    return " ".join(re.sub(r"[؟?!.،,:«»\"]+", " ", question).split())


def detect_intent(question: str) -> Intent | None:
    """The structured intent of a normalized question, or None for an ordinary question."""
    text = _clean(question)
    if not text:
        return None
    if question_language(text) == LATIN:
        from bot.answering.english_intents import detect_english_intent

        return detect_english_intent(text)
    if _SUMMARY.search(text):
        return Intent("summary", topic=text)
    if _DECISIONS.search(text) and re.search(r"چه|چی|کدام|چیست|چیه|بود|چکار", text):
        about = _DECISIONS_ABOUT.search(text)
        return Intent("decisions", topic=about["topic"] if about else "")
    if _TITLE.search(text):
        return Intent("headline", "title")
    spoke = speaker_question(text)  # «اولین سخنران که بود؟», «چه کسی درباره Y صحبت کرد؟»
    if spoke is not None:
        return Intent("person", spoke[0], topic=spoke[1])
    chair = _CHAIR.search(text) or RAN_BY.search(text)
    if NEXT.search(text) and not chair:
        return Intent("headline", "next")
    if PLACE.search(text) and not chair:
        return Intent("headline", "place")
    if TIME.search(text) and not chair:  # «جلسه به ریاست کی بود؟» asks who
        return Intent("headline", "time")
    if GUESTS.search(text) and not chair:
        return Intent("headline", "guests")
    if _TOPIC.search(text) or PURPOSE.search(text):
        return Intent("headline", "topic")
    said = statements_question(text)
    if said is not None:
        return Intent("statements", target=said[0], topic=said[1])
    if chair and _WHO_WORDS.search(text):
        return Intent("person", "chair")
    for detail, pattern in _PERSON:
        match = pattern.search(text)
        if match:
            return Intent("person", detail, target=match["target"])
    return None
