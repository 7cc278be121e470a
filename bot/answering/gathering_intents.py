"""Questions about the gathering a report tells of: where and when it was held, what it was
for, and who ran it — in the wordings people use beside «موضوع جلسه» and «به ریاست چه کسی».

Patterns are written as templates: {S} a space or ZWNJ, {O} an optional one, {M} a kind of
gathering («جلسه», «نشست», «مراسم», «جشنواره» …), {W} up to a few words, {Q} «چیست / چه بود
…», {H} a verb of holding in the past («برگزار شد», «تشکیل شد», «بود»). A meeting asked about
as «بعدی» / «آینده» is not the report's own: `NEXT` asks when or where the next one is, which
only a sentence about it can answer.
"""

from __future__ import annotations

import re

_PARTS = {
    "S": r"[\s\u200c]+",
    "O": r"[\s\u200c]*",
    "M": r"(?:جلسه|نشست|همایش|مراسم|دیدار|گردهمایی|اجلاس|جشنواره|اختتامیه|افتتاحیه|کنفرانس|مجمع|"
    r"کنگره|سمینار|نمایشگاه)",
    "W": r"(?:\S+[\s\u200c]+){0,6}?",
    "Q": r"(?:چیست|چیه|چه[\s\u200c]+بود|چی[\s\u200c]+بود|چه[\s\u200c]+است|بود)",
    "H": r"(?:(?:برگزار|تشکیل)[\s\u200c]+(?:شد|شده[\s\u200c]+بود|گردید)|بود|انجام[\s\u200c]+شد)",
}


def _template(*alternatives: str) -> re.Pattern[str]:
    """One pattern from templates joined as alternatives."""
    pattern = "|".join(alternatives)
    for name, part in _PARTS.items():
        pattern = pattern.replace("{" + name + "}", part)
    return re.compile(pattern)


# the report's own gathering, named first («نشست خبری تیم ملی …»), not the next one
_OWN = r"^(?:این{S})?{M}(?!{S}(?:بعدی|آینده))\S*{S}{W}"
PLACE = _template(
    r"^(?:(?:در{S})?کجا|در{S}چه{S}(?:محلی|مکانی|جایی|شهری)){S}{H}$",
    _OWN + r"(?:(?:در{S})?کجا|در{S}چه{S}(?:محلی|مکانی|جایی|شهری)){S}{H}$",
    r"^(?:محل|مکان){S}(?:برگزاری{S})?(?:این{S})?{M}\S*{S}{W}(?:کجا{S}بود|کجاست|کجا{S}است|{Q})$",
)
TIME = _template(
    r"^(?:کی|(?:در{S})?چه{S}(?:زمانی|روزی|تاریخی|ساعتی|وقتی)){S}{H}$",
    _OWN + r"(?:کی|(?:در{S})?چه{S}(?:زمانی|روزی|تاریخی|ساعتی|وقتی)){S}{H}$",
    r"^(?:زمان|تاریخ|روز){S}(?:برگزاری{S})?(?:این{S})?{M}\S*{S}{W}(?:کی{S}بود|{Q})$",
)
# «جلسه بعدی کی برگزار می‌شود؟», «نشست آینده شورا کجاست؟», «جلسه بعدی کیه؟»
NEXT = _template(
    r"{M}\S*{S}(?:بعدی|آینده|آتی){S}{W}(?:کی|کیه|کجا|کجاست|چه{S}(?:زمانی|روزی|تاریخی|ساعتی|وقتی|محلی|مکانی))"
    r"(?![\w\u200c])"
)
# «هدف نشست چه بود؟», «جلسه برای چه بود؟», «جلسه به چه منظوری برگزار شد؟»
PURPOSE = _template(
    r"(?:هدف|منظور|دستور{S}کار){S}(?:از{S})?(?:برگزاری{S})?(?:این{S})?{M}\S*{S}{W}{Q}",
    r"{M}\S*{S}{W}(?:برای{S}(?:چه|چی)|به{S}چه{S}(?:منظوری?|هدفی|دلیلی)){S}{H}",
)
# «چه کسانی در جلسه حضور داشتند؟», «کیا تو جلسه بودن؟», «حاضران نشست چه کسانی بودند؟»: the
# guests. «چه کسی بود» alone asks who someone is: it takes «در جلسه» or a verb of attending.
_WHO_ALL = r"(?:چه{S}(?:کسانی|کسایی|کسی|افرادی)|کیا|کی{O}ها)"
_ATTENDED = r"(?:حضور{S}داشت|حاضر{S}بود|شرکت{S}(?:کرد|داشت))"
_IN_IT = r"(?:در|تو|توی){S}(?:این{S})?{M}\S*"
GUESTS = _template(
    _WHO_ALL + r"{S}" + _IN_IT + r"{S}(?:" + _ATTENDED + r"|بود)",
    _WHO_ALL + r"{S}" + _ATTENDED,
    _IN_IT + r"{S}" + _WHO_ALL + r"{S}(?:" + _ATTENDED + r"|بود)",
    r"(?:حاضران|حاضرین|شرکت{O}کنندگان|حضار|مدعوین|مهمانان){S}(?:در{S})?(?:این{S})?{M}\S*{S}"
    r"{W}(?:" + _WHO_ALL + r"|کیان|کیستند|{Q})",
)
# «چه کسی جلسه را اداره کرد؟», «مدیریت جلسه با چه کسی بود؟» (asked with a who-word)
RAN_BY = _template(
    r"{M}\S*{S}{W}(?:اداره|هدایت){S}(?:کرد|می{O}کرد|شد)",
    r"(?:اداره|مدیریت|هدایت){S}(?:این{S})?{M}",
)
