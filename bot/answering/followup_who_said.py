"""«کی اینو گفت؟» after an answer: who said it, asked as «چه کسی گفت <the answer>؟».

A fact answer is a sentence of the report; asked who said it, the question names nothing but
«این». Spelled out with the answer's first sentence, it is a «چه کسی گفت X؟» question, which
the structure answers with the speaker of the statement that holds X (`speaker_answers.py`).
When that finds nobody, the question is read as any other follow-up (`ask_in_context`).
"""

from __future__ import annotations

import re

_S = r"[\s\u200c]+"
_WHO = r"(?:کی|کیا|چه{S}کسی|چه{S}کسانی|چه{S}شخصی)"
_THIS = (
    r"(?:اینو|اونو|این{S}(?:را|رو)|آن{S}را|این{S}(?:حرف|مطلب|جمله)(?:{S}(?:را|رو))?|"
    r"این{S}(?:حرفو|مطلبو|جملهو)|این(?:ها|‌ها){S}(?:را|رو)|اینارو|اینا{S}رو)"
)
# Not «اعلام کرد» or «مطرح کرد»: «کی اینو اعلام کرد؟» asks when as often as who.
_SAID = r"(?:گفت|گفته(?:{S}(?:است|بود))?|گفتن|گفتند|زد|زده)"
_END = r"[\s\u200c]*[؟?]?[\s\u200c]*$"
_PATTERNS = (
    rf"^(?:و{_S})?{_WHO}{_S}{_THIS}{_S}{_SAID}{_END}",
    rf"^(?:و{_S})?{_THIS}{_S}(?:رو{_S}|را{_S})?{_WHO}{_S}{_SAID}{_END}",
    rf"^(?:و{_S})?گوینده(?:‌اش|اش|{_S}(?:این|آن)(?:{_S}(?:حرف|مطلب|جمله))?)?{_S}"
    rf"(?:کیست|کیه|کی{_S}(?:بود|است|هست)|چه{_S}کسی{_S}(?:بود|است))"
    rf"{_END}",
    rf"^(?:و{_S})?(?:این{_S})?(?:حرف|مطلب){_S}(?:مال{_S})?(?:کیه|کیست|چه{_S}کسی{_S}(?:بود|است)){_END}",
)
WHO_SAID_IT = re.compile("|".join(p.replace("{S}", _S) for p in _PATTERNS))
WHO_SAID_IT_ENGLISH = re.compile(r"^\s*who\s+(?:said|says|told\s+us)\s+(?:that|this|it)\s*\??\s*$")
# An interview line's label («س: …», «ج: …»): not words of what was said.
_LABEL = re.compile(r"^\s*(?:س|ج|سوال|سؤال|جواب|پرسش|پاسخ)\s*:\s*")
# `Resolution.reason` of such a rewrite.
WHO_SAID = "who said it"
# Words of the answer kept: enough to find its statement, short enough to stay a question.
KEPT_WORDS = 24


def who_said_it(question: str, answer: str, asked: str = "") -> str | None:
    """«چه کسی گفت <the answer's sentence>؟» when `question` (normalized) asks who said the
    previous `answer`; None otherwise, or when there was no answer. An answer of two sentences
    (the best one and a neighbour, perhaps another speaker's) is asked by the one sharing the
    most words with the question it answered (`asked`), the first on a tie."""
    text = question.strip()
    if not (WHO_SAID_IT.match(text) or WHO_SAID_IT_ENGLISH.match(text.lower())) or not answer:
        return None
    sentences = [
        _LABEL.sub("", s).strip(" .")
        for line in answer.strip().splitlines()
        for s in re.split(r"(?<=[.!؟?])\s", line)
        if _LABEL.sub("", s).strip(" .")
    ]
    # an interview's question line («س: … ؟») is what was asked, not what anyone said
    said = [s for s in sentences if not s.endswith(("؟", "?"))]
    sentences = said or [s.rstrip("؟? ") for s in sentences]
    if not sentences:
        return None
    wanted = set(asked.split())
    best = max(sentences, key=lambda s: (len(wanted & set(s.split())), -sentences.index(s)))
    words = best.split()[:KEPT_WORDS]
    return f"چه کسی گفت {' '.join(words)}؟"
