"""Questions about who spoke rather than what was said: the first or the last speaker
(«اولین سخنران که بود؟», «سخنران آخر جلسه کی بود؟», «چه کسی اول صحبت کرد؟») and who spoke
about something («چه کسی درباره گاز همراه صحبت کرد؟», «کی در مورد بودجه حرف زد؟», «چه کسی
به قاچاق سوخت اشاره کرد؟», «کی گفت باید از بخش خصوصی حمایت کنیم؟»).

Works on the normalized question, like `intents.py`; patterns are written as templates: {S}
a space or ZWNJ, {O} an optional one, {WHO} «چه کسی / کی / چه کسانی», {M} a kind of
gathering.
"""

from __future__ import annotations

import re

# Intent details of these questions (kind "person"), answered by `speaker_answers.py`.
SPEAKER_DETAILS = frozenset(["first", "last", "about"])
_PARTS = {
    "S": r"[\s\u200c]+",
    "O": r"[\s\u200c]*",
    "WHO": r"(?:چه[\s\u200c]+(?:کسی|کسانی|شخصی|افرادی)|کی|کیا)",
    "M": r"(?:جلسه|نشست|همایش|مراسم|مجمع|کنفرانس|اجلاس)",
    "IS": r"(?:که[\s\u200c]+بود|کی[\s\u200c]+بود|کیست|کیه|کی|چه[\s\u200c]+کسی[\s\u200c]+بود|بود)",
    "SPOKE": (
        r"(?:(?:صحبت|سخن|سخنرانی)[\s\u200c]*(?:کرد|کردند|کرده|گفت|گفتند)|"
        r"حرف[\s\u200c]*(?:زد|زدند|زده)|چیزی[\s\u200c]+گفت|اشاره[\s\u200c]*(?:کرد|کردند)|"
        r"توضیح[\s\u200c]*(?:داد|دادند|داده)|مطلبی[\s\u200c]+گفت)"
    ),
    "SAID": (
        r"(?:گفت|گفتند|گفته(?:[\s\u200c]+(?:است|بود))?|اظهار[\s\u200c]+داشت|"
        r"ت[اأ]کید[\s\u200c]*کرد|اعلام[\s\u200c]*کرد|معتقد[\s\u200c]+(?:است|بود)|"
        r"می[\s\u200c]*گوید)"
    ),
    "ABOUT": (
        r"(?:درباره(?:ٔ|ی)?|در[\s\u200c]+مورد|در[\s\u200c]+خصوص|در[\s\u200c]+باره|"
        r"راجع[\s\u200c]+به)"
    ),
}


def _template(*alternatives: str) -> re.Pattern[str]:
    pattern = "|".join(alternatives)
    for name, part in _PARTS.items():
        pattern = pattern.replace("{" + name + "}", part)
    return re.compile(pattern)


# «اولین سخنران (جلسه) که بود؟», «سخنران اول کی بود؟», «چه کسی اول (از همه) صحبت کرد؟»
FIRST = _template(
    r"^(?:اولین|نخستین){S}سخنران(?:{S}(?:این{S})?{M})?{S}{IS}$",
    r"^سخنران{S}(?:اول|نخست)(?:{S}(?:این{S})?{M})?{S}{IS}$",
    r"^{WHO}{S}(?:اول|ابتدا|پیش{S}از{S}همه|اول{S}از{S}همه){S}{SPOKE}$",
)
LAST = _template(
    r"^آخرین{S}سخنران(?:{S}(?:این{S})?{M})?{S}{IS}$",
    r"^سخنران{S}(?:آخر|پایانی)(?:{S}(?:این{S})?{M})?{S}{IS}$",
    r"^{WHO}{S}(?:آخر|در{S}پایان|آخر{S}از{S}همه){S}{SPOKE}$",
)
# «چه کسی درباره Y صحبت کرد؟», «کی در مورد Y حرف زد؟», «چه کسی به Y اشاره کرد؟», «درباره Y
# چه کسی توضیح داد؟»
SPOKE_ABOUT = _template(
    r"^{WHO}(?:{S}در{S}(?:این{S})?{M})?{S}{ABOUT}{S}(?P<topic>.+?){S}{SPOKE}$",
    r"^{WHO}(?:{S}در{S}(?:این{S})?{M})?{S}به{S}(?P<topic2>.+?){S}اشاره{O}(?:کرد|کردند)$",
    r"^{ABOUT}{S}(?P<topic3>.+?){S}{WHO}(?:{S}در{S}(?:این{S})?{M})?{S}{SPOKE}$",
    # «چه کسی گفت (که) X؟», «کی گفته X؟»: who said what X says is who spoke about X
    r"^{WHO}(?:{S}در{S}(?:این{S})?{M})?{S}{SAID}(?:{S}که)?{S}(?P<topic4>.+)$",
    # «چه کسی از ارسال اولین محموله خبر داد؟»: who announced it
    r"^{WHO}(?:{S}در{S}(?:این{S})?{M})?{S}از{S}(?P<topic5>.+?){S}خبر{O}(?:داد|دادند|داده)$",
)
# A sentence of the report that itself says who spoke first or last: the report's words
# answer then (retrieval), not the order of the statements.
SAYS_FIRST = re.compile(r"(?:اولین|نخستین)[\s\u200c]+سخنران|سخنران[\s\u200c]+(?:اول|نخست)")
SAYS_LAST = re.compile(r"آخرین[\s\u200c]+سخنران|سخنران[\s\u200c]+(?:آخر|پایانی)")


def speaker_question(text: str) -> tuple[str, str] | None:
    """(detail, topic) of a question about who spoke: ("first", ""), ("last", "") or
    ("about", Y); None for any other question. `text` is the cleaned normalized question."""
    if FIRST.search(text):
        return "first", ""
    if LAST.search(text):
        return "last", ""
    match = SPOKE_ABOUT.search(text)
    if match:
        topics = ("topic", "topic2", "topic3", "topic4", "topic5")
        return "about", next((match[t] for t in topics if match[t]), "")
    return None
