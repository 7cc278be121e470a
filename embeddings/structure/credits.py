"""Roles a phrase gives to the name after it, without a role word in apposition.

News credits people with a verbal noun: «فیلم «برف آخر» به کارگردانی شیوا رحیمی» makes her
the film's director, «به سرپرستی X» its supervisor, «به دبیری X» its secretary; and lists
guests as «با حضور X، role». The phrase vouches for a given name missing from the lexicon
(«آرمین شفیعی»), as a title does.
"""

from __future__ import annotations

import re

from embeddings.structure import lexicon as lx
from embeddings.structure.mentions import NameMention, name_at, roles_in, words_of

# «به کارگردانی X» → X is «کارگردان …»: the verbal noun and the role it implies.
CREDIT_ROLES = {
    "کارگردانی": "کارگردان",
    "سرپرستی": "سرپرست",
    "دبیری": "دبیر",
    "تهیه‌کنندگی": "تهیه‌کننده",
    "مدیریت": "مدیر",
}
_CREDIT = re.compile(r"(?<![\w\u200c])به" + lx.SP + r"(?P<noun>" + "|".join(CREDIT_ROLES) + r")\s+")
_PRESENCE = re.compile(r"(?<![\w\u200c])با" + lx.SP + r"حضور\s+")
# What the credited role is of: at most this many words before the phrase.
MAX_OBJECT_WORDS = 3
_TITLE = re.compile(r"(?:(?P<kind>[\w\u200c]+)\s+)?«(?P<title>[^«»]{1,60})»\s*$")
_OBJECT_STOPS = frozenset(["و", "که", "به", "از", "در", "با", "را"])
# «کمیته علمی این طرح»: a demonstrative inside the words is left out of the role.
_DEMONSTRATIVES = frozenset(["این", "آن", "همین"])


def credited_names(sentence: str) -> list[tuple[NameMention, str]]:
    """(name, role) for each credit phrase of a sentence whose name can be read."""
    folded = lx.fold(sentence)
    words = words_of(sentence)
    found = []
    for match in _CREDIT.finditer(folded):
        name = _name_after(sentence, words, match.end())
        if name is not None:
            role = CREDIT_ROLES[match["noun"]]
            what = _object_before(sentence, match.start())
            found.append((name, f"{role} {what}".strip()))
    for match in _PRESENCE.finditer(folded):
        name = _name_after(sentence, words, match.end())
        if name is None or sentence[name.end : name.end + 2].strip()[:1] not in ("،", ","):
            continue
        role = next((r for r in roles_in(sentence) if r.start > name.end), None)
        if role is not None and not role.group and not sentence[name.end : role.start].strip(" ،,"):
            found.append((name, role.text))
    return found


def _name_after(sentence: str, words: list[tuple[str, int, int]], start: int) -> NameMention | None:
    """The name starting at `start`: a known shape, or a given name and a surname-shaped
    word the credit phrase vouches for."""
    i = next((n for n, w in enumerate(words) if w[1] >= start), None)
    if i is None:
        return None
    name = name_at(sentence, words, i)
    if name is not None:
        return name
    if i + 1 >= len(words) or re.search(r"[^\s\u200c]", sentence[words[i][2] : words[i + 1][1]]):
        return None
    given, surname = words[i][0], words[i + 1][0]
    if (
        given in lx.NAME_STOPS
        or given in lx.ROLE_HEADS
        or given.endswith(lx.SURNAME_ENDINGS)
        or len(surname) < 4
        or not surname.endswith(lx.SURNAME_ENDINGS)
        or surname in lx.NAME_STOPS
    ):
        return None
    return NameMention(words[i][1], words[i + 1][2], (), given, surname)


def _object_before(sentence: str, end: int) -> str:
    """What the credit is of: a quoted title with the word naming its kind («فیلم «برف
    آخر»» → «فیلم برف آخر»), else up to three words back to a break («داوری بخش مسابقه»,
    «کمیته علمی این طرح» → «کمیته علمی طرح»)."""
    before = sentence[:end].rstrip()
    title = _TITLE.search(before)
    if title is not None:
        kind = title["kind"] or ""
        kind = "" if kind in _OBJECT_STOPS or kind in _DEMONSTRATIVES else kind
        return f"{kind} {title['title']}".strip()
    words: list[str] = []
    for word in reversed(re.split(r"\s+", before)):
        if not word or re.search(r"[،,.:؛;!؟?«»()]", word) or word in _OBJECT_STOPS:
            break
        if word in _DEMONSTRATIVES:
            continue
        words.insert(0, word)
        if len(words) == MAX_OBJECT_WORDS:
            break
    return " ".join(words)
