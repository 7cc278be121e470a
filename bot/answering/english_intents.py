"""English questions about a report as a whole, mapped to the same structured routes.

The documents are Persian; an English question names people by a romanized surname
(«Najafi», matched on its consonants in `latin_names.py`) or by
role («the mayor», «the governor of Gilan»), and a small lexicon turns that role into the
Persian head word the people table holds («شهردار», «استاندار»). Place names after the role
are dropped: a Latin «Gilan» can't be matched against «گیلان», and the head word alone picks
the person whenever one person holds it (two holders make the answer say it is ambiguous).
"""

from __future__ import annotations

import re

from bot.answering.intents import Intent
from bot.answering.latin_names import looks_like_latin_name

# English role words → Persian role heads, most specific first; alternatives in order.
ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"governor[- ]general", ("استاندار",)),
    (r"county governor", ("فرماندار",)),
    (r"district governor", ("بخشدار",)),
    (r"director[- ]general|general director", ("مدیرکل",)),
    (r"managing director|ceo|chief executive", ("مدیرعامل",)),
    (r"friday prayer leader", ("امام‌جمعه",)),
    (r"secretary[- ]general", ("دبیرکل",)),
    (r"mayor", ("شهردار",)),
    (r"governor", ("استاندار", "فرماندار")),
    (r"director|manager", ("مدیرکل", "مدیر")),
    (r"chair(?:man|woman|person)?|president|head", ("رئیس",)),
    (r"secretary", ("دبیر",)),
    (r"spokes(?:man|woman|person)", ("سخنگو",)),
    (r"minister", ("وزیر",)),
    (r"representative|mp|member of parliament", ("نماینده",)),
    (r"member", ("عضو",)),
    (r"prosecutor", ("دادستان",)),
    (r"auditor|inspector", ("حسابرس", "بازرس")),
    (r"commander", ("فرمانده",)),
    (r"ambassador", ("سفیر",)),
    (r"adviser|advisor", ("مشاور",)),
)
_MEETING = (
    r"(?:meeting|session|gathering|council|conference|report|news|article|story|sermons?|prayers?|"
    r"interview|assembly|press conference)"
)
_SUMMARY = re.compile(r"\b(?:summar(?:y|ize|ise)|overview|recap|gist)\b")
# Decisions of the meeting as a whole; «what was proposed for transport» names a subject no
# Persian word can be read from, and stays with retrieval like its Persian twin.
_DECISIONS = re.compile(
    r"^(?:what|which) (?:(?:decisions|resolutions|proposals) )?(?:was|were|has been|have been) "
    r"(?:decided|agreed|approved|proposed|made|taken|adopted)(?: on| upon)?"
    r"(?: (?:in|at|during|by) the (?:[a-z]+ ){0,2}" + _MEETING + r")?$|"
    r"^(?:what|which) (?:decisions|resolutions|proposals) did the " + _MEETING + r" "
    r"(?:make|take|adopt|approve)$|^(?:list )?(?:the )?(?:decisions|resolutions)"
    r"(?: of the " + _MEETING + r")?$"
)
_TITLE = re.compile(r"\b(?:headline|title)\b")
# Where and when the report's own gathering was held (not the next one: «will», «next»).
_HELD = r"(?!.*\b(?:next|upcoming|will|be)\b).*\b(?:held|take place|took place|convene[d]?|meet)$"
_EVENT = r"(?:meeting|session|gathering|conference|ceremony|festival|press conference)"
_PLACE = re.compile(r"^where (?:was|did) the " + _EVENT + _HELD)
_TIME = re.compile(
    r"^(?:when|(?:on )?what (?:day|date|time)|(?:on )?which day) (?:was|did) the " + _EVENT + _HELD
)
# «Who attended the meeting?», «Who was at the meeting?», «Who took part?»
_GUESTS = re.compile(
    r"^who (?:attended|participated|took part|was present|were present|was there|were there)"
    r"|^who (?:was|were) (?:at|in) the " + _EVENT + r"\b"
)
# «When / where is the next meeting?», «When will the council meet again?»
_NEXT = re.compile(
    r"^(?:when|where|what (?:day|date|time)|on which day)\b.*\b(?:next|upcoming|following) "
    + _EVENT
    + r"\b|^(?:when|where) will the "
    + _EVENT
    + r"\b.*\b(?:again|next)\b"
)
_TOPIC = re.compile(
    r"\bwhat\b.*\b" + _MEETING + r"\b.*\babout\b|\b(?:topic|subject|agenda|purpose)\b"
)
_CHAIR = re.compile(
    r"\bwho\b.*\b(?:chaired|presided|headed|led|ran)\b|\bchair(?:ed|man|person)? of the " + _MEETING
)
_STATEMENTS = re.compile(
    r"^what (?:did|does) (?P<target>.+?) (?:say|said|tell|state|announce|mention|propose|"
    r"suggest|recommend|warn|explain|add|report)\b(?: (?:about|on|regarding) (?P<topic>.+))?"
)
_WHO = re.compile(r"^who (?:is|was) (?P<target>.+)$")
# «Who spoke first?», «Who was the last speaker?»
_ORDER = re.compile(
    r"^who (?:spoke|talked) (?P<when>first|last)\b|^who was the (?P<which>first|last) speaker\b"
)
# «Who talked about Y?», «Who mentioned Y?»
_ABOUT = re.compile(
    r"^who (?:talked|spoke|said (?:something|anything)|commented) (?:about|on) (?P<topic>.+)$|"
    r"^who (?:mentioned|discussed|raised|addressed) (?P<topic2>.+)$"
)
_NAME = re.compile(r"^what (?:is|was) the (?:full )?name of (?P<target>.+)$")
_ROLE = re.compile(
    r"^what (?:is|was) (?P<target>.+?)'s (?:role|position|job|title)$|"
    r"^what (?:role|position|job) does (?P<target2>.+?) (?:have|hold)$|"
    r"^what (?:is|was) the (?:role|position|job|title) of (?P<target3>.+)$"
)


# How romanized Persian surnames end («Karimi», «Rezaei», «Gholipour», «Nourizadeh»), on a
# word longer than most given names that end so («Ali», «Hadi»).
_SURNAME_SHAPED = re.compile(
    r"(?:^|\s)(?:[a-z'-]{3,}[a-z]i|[a-z'-]{2,}"
    r"(?:ian|pour|zadeh|nia|far|nejad|nezhad|rad|vand|lou|loo|zad))$"
)
_DEPUTY = re.compile(r"\b(?:deputy|vice)[- ]?(?P<rest>.*)$")
_FORMER = re.compile(r"\b(?:former|previous|outgoing)\s+|\bex-")
_NEW = re.compile(r"\b(?:newly elected|newly appointed|new|incoming|elected)\s+")


def _persian_roles(target: str) -> tuple[str, ...]:
    """The Persian role phrases an English role phrase names; () when it names none. «deputy
    X» is «معاون X» («deputy governor» → «معاون استاندار»), «معاون» alone without an X."""
    deputy = _DEPUTY.search(target)
    if deputy:
        return tuple(f"معاون {head}" for head in _persian_roles(deputy["rest"])) or ("معاون",)
    # «the outgoing president» is «رئیس قبلی», «the new mayor» «شهردار جدید» (one sense with
    # «پیشین», «منتخب» … in `person_lookup`)
    for pattern, word in ((_FORMER, "قبلی"), (_NEW, "جدید")):
        if pattern.search(target):
            heads = _persian_roles(pattern.sub("", target))
            return tuple(f"{head} {word}" for head in heads) + heads
    for pattern, heads in ROLES:
        if re.search(r"\b(?:" + pattern + r")\b", target):
            return heads
    return ()


def _person_intent(kind: str, detail: str, target: str, topic: str = "") -> Intent | None:
    heads = _persian_roles(target)
    # «What did Najafi say?»: a surname in Latin letters, matched on its consonants. «Who is
    # Taheri?» too when the word is shaped like a surname; «Who is Ali?» names no one the
    # report must hold, and stays with retrieval
    latin = looks_like_latin_name(target)
    # «Who is Behrouz Jahanbakhsh?»: a given name and a surname name someone, whatever its shape
    named = kind == "statements" or _SURNAME_SHAPED.search(target) or len(target.split()) == 2
    if not heads and latin and named:
        return Intent(kind, detail, target=target, topic=topic)
    if not heads:
        return None
    worded = re.sub(r"^the ", "", target)
    return Intent(kind, detail, target=heads[0], alternatives=heads[1:], topic=topic, worded=worded)


def detect_english_intent(question: str) -> Intent | None:
    """The structured intent of an English question, or None for an ordinary one."""
    text = " ".join(re.sub(r"[?!.,:\"]+", " ", question.lower()).split())
    if not text:
        return None
    if _SUMMARY.search(text):
        return Intent("summary", topic=text)
    if _DECISIONS.search(text):
        return Intent("decisions")
    if _TITLE.search(text):
        return Intent("headline", "title")
    if _NEXT.search(text):
        return Intent("headline", "next")
    if _PLACE.search(text):
        return Intent("headline", "place")
    if _TIME.search(text):
        return Intent("headline", "time")
    if _GUESTS.search(text):
        return Intent("headline", "guests")
    about = _ABOUT.search(text)
    if about:  # before the chair and topic forms: «who talked about the agenda» asks who
        topic = re.sub(r"^the ", "", about["topic"] or about["topic2"])
        return Intent("person", "about", topic=topic)
    said = _STATEMENTS.search(text)
    if said and re.search(r"\bchair", said["target"]):
        # «What did the chair of the assembly say?»: the chair's words, not who chaired
        return Intent("statements", target="رئیس جلسه", topic=said["topic"] or "")
    if _CHAIR.search(text):
        return Intent("person", "chair")
    if _TOPIC.search(text) and not said:  # «What did the council secretary say about Y?»
        return Intent("headline", "topic")
    order = _ORDER.search(text)
    if order:
        return Intent("person", order["when"] or order["which"])
    if said:
        # «… say about fertilizer?»: Y in English, matched across languages by the vectors
        return _person_intent("statements", "", said["target"], said["topic"] or "")
    for detail, pattern in (("who", _WHO), ("name", _NAME), ("role", _ROLE)):
        match = pattern.search(text)
        if match:
            target = next(g for g in match.groups() if g)
            return _person_intent("person", detail, target)
    return None
