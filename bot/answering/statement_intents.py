"""«X چه گفت؟» and its wordings: who is asked about and, when the question names one, the
topic Y of «X درباره Y چه گفت؟» — «نظر X درباره Y», «X چه حرفی زد», «X به چه نکاتی اشاره کرد»,
«X چه توضیحی داد»; where or when X said it («در جلسه», «در پایان») is not part of who X is.
"""

from __future__ import annotations

from bot.answering.intent_words import ABOUT, ASKS, EVENT, GAP, SAID, SP, WHAT, rx

# «درباره Y» between who and «چه گفت», optional: the topic the statements must be about.
# «برای مستاجرها چی گفت»: what was said for them is what was said about them.
ABOUT_OR_FOR = r"(?:" + ABOUT + r"|برای)"
_ABOUT_TOPIC = r"(?:" + ABOUT_OR_FOR + SP + r"(?P<topic>.+?)" + SP + r")?"
_STATEMENTS = (
    rx(r"^(?P<target>.+?)" + SP + _ABOUT_TOPIC + WHAT + SP + SAID),
    # «X چه حرفی زد؟», «X درباره Y چه صحبت‌هایی کرد؟»
    rx(
        r"^(?P<target>.+?)"
        + SP
        + _ABOUT_TOPIC
        + r"(?:چه|چی)"
        + SP
        + r"(?:حرف|صحبت)"
        + GAP
        + r"(?:ی|هایی|ایی|های)"
        + SP
        + r"(?:زد|کرد)(?:ه|ند)?"
    ),
    rx(
        r"(?:سخنان|صحبت"
        + GAP
        + r"(?:های|ای)|اظهارات|حرف"  # «صحبتای / حرفای» spoken
        + GAP
        + r"(?:های|ای))"
        + SP
        + r"(?P<target>.+?)"
        + SP
        + _ABOUT_TOPIC
        + ASKS
    ),
    rx(
        r"^(?P<target>.+?)"
        + SP
        + _ABOUT_TOPIC
        + r"به"
        + SP
        + r"(?:چه|چی)"
        + SP
        + r"(?:نکاتی|مواردی|موضوعاتی|مسائلی)"
        + SP
        + r"اشاره"
        + SP
        + r"کرد"
    ),
    # «نظر / موضع / دیدگاه X (درباره Y) چه بود؟»: an opinion is what X said
    rx(
        r"^(?:نظرات|نظر|مواضع|موضع|دیدگاه"
        + GAP
        + r"های|دیدگاه|عقیده|توضیحات)"
        + SP
        + r"(?!(?:شما|من|تو|ما)(?:\s|$))(?P<target>.+?)"
        + SP
        + _ABOUT_TOPIC
        + ASKS
    ),
    # «X (در مورد Y) چه توضیحی داد؟» / «… چه نظری داشت؟» / «… چه توصیه‌ای کرد؟» / «… چه
    # آماری داد؟» / «… چه اولویت‌هایی اعلام کرد؟»
    rx(
        r"^(?P<target>.+?)"
        + SP
        + _ABOUT_TOPIC
        + r"(?:چه|چی)"
        + SP
        + r"(?:توضیحی|توضیحاتی|نظری|پاسخی|جوابی|آماری|"
        + r"(?:توصیه|درخواست|هشدار|وعده|پیشنهاد|اولویت|انتقاد|گزارش)"
        + GAP
        + r"(?:ای|ی|هایی))"
        # «… چه توصیه‌ای به مردم کرد», «… برای سال آینده اعلام کرد»: to whom or for what
        + r"(?:"
        + SP
        + r"(?:به|برای)(?:"
        + SP
        + r"[^\s]+){1,3}?)?"
        + SP
        + r"(?:داد|داشت|کرد|(?:ارائه|اعلام|مطرح|بیان)"
        + SP
        + r"(?:داد|کرد))"
    ),
)
# «در (این) جلسه» after a speaker says where, not who («شهردار در جلسه چه گفت»).
# So does when in it: «استاندار اول دیدار چه حرفی زد» asks what the governor said.
_WHERE_SAID = rx(
    SP
    + r"(?:در|تو|توی|(?:در"
    + SP
    + r")?(?:اول|اوایل|ابتدای|آغاز|پایان|آخر|انتهای))"
    + SP
    + r"(?:این"
    + SP
    + r")?"
    + EVENT
    + r"\S*$"
    + r"|"
    + SP
    + r"(?:در|تو)"
    + SP
    + r"(?:پایان|آخر|ابتدا|اول|آغاز|انتها|ادامه)$"  # «رئیس مجمع در پایان چه گفت»
    + r"|"
    + SP
    + r"(?:بعد|پس|قبل|پیش)"
    + SP
    + r"از"
    + SP
    + r"\S+(?:"
    + SP
    + r"\S+)?$"  # «شهردار جدید بعد از انتخابش چی گفت»
)


# «X درباره برنامه‌هاش چه گفت؟»: X's own plans, aims or views are whatever X said
_OWN_AGENDA = rx(
    r"^(?:برنامه|اولویت|هدف|اهداف|دیدگاه|نظر|نظرات|سیاست|وعده)(?:"
    + GAP
    + r"ها|"
    + GAP
    + r"های)?"
    + GAP
    + r"(?:ش|اش|یش|شان|ایش)$"
)


def statements_question(text: str) -> tuple[str, str] | None:
    """(X, Y) of a question asking what X said (about Y, or "" for all of it); None for any
    other question. `text` is the cleaned normalized question."""
    for pattern in _STATEMENTS:
        match = pattern.search(text)
        if match:
            target = _WHERE_SAID.sub("", match["target"])
            topic = match["topic"] or ""
            return target, "" if _OWN_AGENDA.match(topic) else topic
    return None
