"""What a question asks of a report as a whole: a person, someone's statements, the headline,
a summary or the decisions; None for every other question (answered by sentence retrieval).

Works on the normalized question. Formal and colloquial wordings alike («کیست» / «کی بود» /
«کیه», «چه گفت» / «چی گفت», «نامش چیست» / «اسمش چیه»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering.gathering_intents import GUESTS, NEXT, PLACE, PURPOSE, RAN_BY, TIME
from bot.answering.language import LATIN, question_language
from bot.answering.speaker_intents import speaker_question

_S = r"[\s\u200c]+"
_O = r"[\s\u200c]*"
_Q = r"(?:چیست|چیه|چه" + _S + r"بود|چی" + _S + r"بود|چه" + _S + r"است|کیست|را" + _S + r"بگو|بود)"
_ABOUT = (
    r"(?:درباره(?:ٔ|ی)?|در" + _S + r"مورد|در" + _S + r"خصوص|در" + _S + r"باره|راجع" + _S + r"به)"
)
_WHAT = r"(?:چه|چی|چه" + _S + r"چیزی|چه" + _S + r"چیزهایی|چه" + _S + r"مطالبی|چه" + _S + r"نکاتی)"
_SAID = (
    r"(?:را"
    + _S
    + r")?(?:گفت(?:ه(?:"
    + _S
    + r"است)?|ند)?|می"
    + _O
    + r"گوید|اظهار"
    + _S
    + r"(?:داشت|کرد)|بیان"
    + _S
    + r"(?:کرد|داشت)|مطرح"
    + _S
    + r"کرد|عنوان"
    + _S
    + r"کرد)"
)


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


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_SUMMARY = _rx(r"خلاصه|چکیده|جمع" + _O + r"بندی|به" + _S + r"طور" + _S + r"خلاصه")
_DECISIONS = _rx(
    r"تصمیم(?:ات|" + _O + r"ها|" + _O + r"هایی|ی)|مصوب(?:ات|ه)|تصویب|(?:مقرر|قرار)" + _S + r"شد|"
    r"پیشنهاد(?:ات|" + _O + r"ها|" + _O + r"هایی)|توصیه" + _O + r"(?:ها|هایی)"
)
_TITLE = _rx(r"تیتر|عنوان" + _S + r"(?:خبر|گزارش|مطلب|این" + _S + r"خبر)|سرخط")
# What a report tells of: a gathering, or a talk given at one («خطبه‌ها», «مصاحبه»).
_EVENT = (
    r"(?:جلسه|نشست|خبر|گزارش|همایش|مراسم|دیدار|مجمع|کنفرانس|خطبه|سخنرانی|مصاحبه|نطق|"
    r"گفت" + _O + r"و" + _O + r"گو)"
)
_TOPIC = _rx(
    r"موضوع" + _S + r"(?:اصلی" + _S + r")?(?:" + _EVENT + r"|این)|"
    r"محور"
    + _S
    + r"(?:اصلی"
    + _S
    + r")?(?:جلسه|نشست|همایش)|"
    + _EVENT
    + r"\S*"
    + _S
    + r"(?:\S+"
    + _S
    + r"){0,4}?"
    + _ABOUT
    + _S
    + r"(?:چه|چی)|"
    r"(?:جلسه|نشست|همایش)\S*"
    + _S
    + r"(?:\S+"
    + _S
    + r"){0,5}?با"
    + _S
    + r"(?:چه|چی)"
    + _S
    + r"(?:موضوعی|محوری|هدفی)|خبر"
    + _S
    + r"(?:درباره|در"
    + _S
    + r"مورد)"
    + _S
    + r"چیست"
)
# «درباره Y» between who and «چه گفت», optional: the topic the statements must be about.
# «برای مستاجرها چی گفت»: what was said for them is what was said about them.
_ABOUT_OR_FOR = r"(?:" + _ABOUT + r"|برای)"
_ABOUT_TOPIC = r"(?:" + _ABOUT_OR_FOR + _S + r"(?P<topic>.+?)" + _S + r")?"
_STATEMENTS = (
    _rx(r"^(?P<target>.+?)" + _S + _ABOUT_TOPIC + _WHAT + _S + _SAID),
    # «X چه حرفی زد؟», «X درباره Y چه صحبت‌هایی کرد؟»
    _rx(
        r"^(?P<target>.+?)"
        + _S
        + _ABOUT_TOPIC
        + r"(?:چه|چی)"
        + _S
        + r"(?:حرف|صحبت)"
        + _O
        + r"(?:ی|هایی|ایی|های)"
        + _S
        + r"(?:زد|کرد)(?:ه|ند)?"
    ),
    _rx(
        r"(?:سخنان|صحبت"
        + _O
        + r"(?:های|ای)|اظهارات|حرف"  # «صحبتای / حرفای» spoken
        + _O
        + r"(?:های|ای))"
        + _S
        + r"(?P<target>.+?)"
        + _S
        + _ABOUT_TOPIC
        + _Q
    ),
    _rx(
        r"^(?P<target>.+?)"
        + _S
        + _ABOUT_TOPIC
        + r"به"
        + _S
        + r"(?:چه|چی)"
        + _S
        + r"(?:نکاتی|مواردی|موضوعاتی|مسائلی)"
        + _S
        + r"اشاره"
        + _S
        + r"کرد"
    ),
)
_STATEMENTS += (
    # «نظر / موضع / دیدگاه X (درباره Y) چه بود؟»: an opinion is what X said
    _rx(
        r"^(?:نظرات|نظر|مواضع|موضع|دیدگاه"
        + _O
        + r"های|دیدگاه|عقیده|توضیحات)"
        + _S
        + r"(?!(?:شما|من|تو|ما)(?:\s|$))(?P<target>.+?)"
        + _S
        + _ABOUT_TOPIC
        + _Q
    ),
    # «X (در مورد Y) چه توضیحی داد؟» / «… چه نظری داشت؟» / «… چه توصیه‌ای کرد؟» / «… چه
    # آماری داد؟» / «… چه اولویت‌هایی اعلام کرد؟»
    _rx(
        r"^(?P<target>.+?)"
        + _S
        + _ABOUT_TOPIC
        + r"(?:چه|چی)"
        + _S
        + r"(?:توضیحی|توضیحاتی|نظری|پاسخی|جوابی|آماری|"
        + r"(?:توصیه|درخواست|هشدار|وعده|پیشنهاد|اولویت|انتقاد|گزارش)"
        + _O
        + r"(?:ای|ی|هایی))"
        # «… چه توصیه‌ای به مردم کرد», «… برای سال آینده اعلام کرد»: to whom or for what
        + r"(?:"
        + _S
        + r"(?:به|برای)(?:"
        + _S
        + r"[^\s]+){1,3}?)?"
        + _S
        + r"(?:داد|داشت|کرد|(?:ارائه|اعلام|مطرح|بیان)"
        + _S
        + r"(?:داد|کرد))"
    ),
)
_CHAIR = _rx(
    r"ریاست|(?:رئیس|رییس)"
    + _S
    + r"(?:این"
    + _S
    + r")?(?:جلسه|نشست|همایش|مجمع|اجلاس)(?!"
    + _S
    + r"\S*ستاد)"
)
_WHO_WORDS = _rx(r"چه" + _S + r"کسی|کی|کیست|چه" + _S + r"شخصی|نام|اسم|که")
_PERSON = (
    ("given", _rx(r"(?:نام|اسم)" + _S + r"کوچی?ک" + _S + r"(?P<target>.+?)" + _S + _Q)),
    # «نام و نام خانوادگی X» before «نام خانوادگی X», which it contains
    (
        "full",
        _rx(
            r"(?:نام|اسم)"
            + _S
            + r"(?:کامل|و"
            + _S
            + r"نام"
            + _S
            + r"خانوادگی)"
            + _S
            + r"(?P<target>.+?)"
            + _S
            + _Q
        ),
    ),
    ("surname", _rx(r"(?:نام|اسم)" + _S + r"خانوادگی" + _S + r"(?P<target>.+?)" + _S + _Q)),
    (
        "role",
        _rx(
            r"^(?P<target>.+?)" + _S + r"(?:چه" + _S + r"(?:سمتی|سمت" + _O + r"هایی|مسئولیتی|"
            r"کاره|نقشی|پستی|عنوانی))(?:"
            + _S
            + r"(?:دارد|داره|داشت|است|هست|بود|دارند|دارن|داشتند))?$"
        ),
    ),
    (
        "role",
        _rx(r"(?:سمت|مسئولیت|شغل|پست)" + _S + r"(?P<target>.+?)" + _S + _Q),
    ),
    # spoken «جهانگیری چیکاره‌ست؟», «… چکاره است؟», «… چه‌کاره‌ست؟»: what is X's job
    (
        "role",
        _rx(
            r"^(?P<target>.+?)" + _S + r"(?:چی|چ|چه" + _O + r")کار(?:ه(?:" + _O + r"(?:ست|اس|است|"
            r"هست|بود|ای))?|ست|اس)$"
        ),
    ),
    ("name", _rx(r"(?:نام|اسم)" + _S + r"(?P<target>.+?)" + _S + _Q)),
    (
        "name",
        _rx(
            r"^(?P<target>.+?)" + _S + r"(?:چه" + _S + r"(?:نامی?|اسمی)" + _S + r"دارد|"
            r"(?:نامش|اسمش)"
            + _S
            + r"(?:چیست|چیه|چه"
            + _S
            + r"بود|چی"
            + _S
            + r"بود|چه"
            + _S
            + r"است))"
        ),
    ),
    (
        "who",
        _rx(
            r"^(?P<target>.+?)" + _S + r"(?:کیست|کیستند|کی" + _S + r"بود|کی" + _S + r"است|کیه|"
            r"چه" + _S + r"کسی" + _S + r"(?:است|بود)|که" + _S + r"بود)$"
        ),
    ),
    ("who", _rx(r"^(?:چه" + _S + r"کسی|کی)" + _S + r"(?P<target>.+?)" + _S + r"(?:است|بود)$")),
)


# «درباره Y چه تصمیمی گرفته شد»: the decisions about Y only.
_DECISIONS_ABOUT = _rx(_ABOUT_OR_FOR + _S + r"(?P<topic>.+?)" + _S + r"(?:چه|چی|کدام)")
# «در (این) جلسه» after a speaker says where, not who («شهردار در جلسه چه گفت»).
# So does when in it: «استاندار اول دیدار چه حرفی زد» asks what the governor said.
_WHERE_SAID = _rx(
    _S
    + r"(?:در|تو|توی|(?:در"
    + _S
    + r")?(?:اول|اوایل|ابتدای|آغاز|پایان|آخر|انتهای))"
    + _S
    + r"(?:این"
    + _S
    + r")?"
    + _EVENT
    + r"\S*$"
    + r"|"
    + _S
    + r"(?:در|تو)"
    + _S
    + r"(?:پایان|آخر|ابتدا|اول|آغاز|انتها|ادامه)$"  # «رئیس مجمع در پایان چه گفت»
    + r"|"
    + _S
    + r"(?:بعد|پس|قبل|پیش)"
    + _S
    + r"از"
    + _S
    + r"\S+(?:"
    + _S
    + r"\S+)?$"  # «شهردار جدید بعد از انتخابش چی گفت»
)


# «X درباره برنامه‌هاش چه گفت؟»: X's own plans, aims or views are whatever X said
_OWN_AGENDA = _rx(
    r"^(?:برنامه|اولویت|هدف|اهداف|دیدگاه|نظر|نظرات|سیاست|وعده)(?:"
    + _O
    + r"ها|"
    + _O
    + r"های)?"
    + _O
    + r"(?:ش|اش|یش|شان|ایش)$"
)


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
    for pattern in _STATEMENTS:
        match = pattern.search(text)
        if match:
            target = _WHERE_SAID.sub("", match["target"])
            topic = "" if _OWN_AGENDA.match(match["topic"] or "") else match["topic"] or ""
            return Intent("statements", target=target, topic=topic)
    if chair and _WHO_WORDS.search(text):
        return Intent("person", "chair")
    for detail, pattern in _PERSON:
        match = pattern.search(text)
        if match:
            return Intent("person", detail, target=match["target"])
    return None
