"""Forms of a sentence's opening the speaker rules read besides the subject itself: a short
phrase of time before it («ساعتی بعد، معاون … اعلام کرد»), a name with an unlisted given
name right before the verb («رحیم صادقی‌نیا افزود»), a role's holder named in the next
clause («نائب رئیس اتاق نیز معتقد است …؛ به گفته اکبر خلیلی، …»), what looks like a
surname, and a known surname standing alone («نوروزی، عضو کمیسیون …»).
"""

from __future__ import annotations

import re

from embeddings.structure import lexicon as lx
from embeddings.structure.mentions import NameMention, name_at, names_in, words_of
from embeddings.structure.people import PeopleRegistry

# Sentence-initial words ending like a surname that are not one.
_NOT_SURNAMES = frozenset(
    ["یکی", "کسی", "همگی", "وی", "ولی", "برخی", "بعضی", "گاهی", "اولی", "دومی"]
)
# One to three words and a comma opening a sentence, before its subject.
_OPENING = re.compile(r"(?P<words>[^\s،,:«»]+(?:[ \u200c][^\s،,:«»]+){0,4})\s*[،,]\s*")
# «…؛ به گفته X،»: the next clause of a sentence, naming whom it follows.
_LATER_SAID_BY = re.compile(r"[؛;]\s*به[\s\u200c]*گفته\s+")
_ROLE_BESIDE = re.compile(
    r"\s*[،,]\s*(?:" + "|".join(sorted(lx.ROLE_HEADS, key=len, reverse=True)) + ")"
)
_NOT_GIVEN = (
    lx.NAME_STOPS
    | lx.PRONOUNS
    | lx.ROLE_HEADS
    | lx.GROUP_HEADS
    | lx.DEMONSTRATIVES
    | lx.ROLE_STOP_WORDS
)
# What may stand between a speaker and the verb: «نیز / هم / همچنین», then the verb.
_THEN_VERB = re.compile(r"\s*(?:(?:نیز|هم|همچنین)\s+)?(?=" + lx.SPEECH_VERB.pattern + ")")
# Words a phrase of time or place opens with, never a name: «پیش از آغاز رأی‌گیری،».
_PHRASE_OPENERS = frozenset(["پیش", "پس", "قبل", "بعد", "در", "از", "با", "هنگام", "ضمن", "طی"])
_NOT_OPENING = lx.GIVEN_NAMES | lx.HONORIFICS | lx.ROLE_HEADS | lx.PRONOUNS | lx.GROUP_HEADS


def looks_like_surname(word: str) -> bool:
    """A word shaped like a Persian surname («کریمی», «نوری‌زاده»), not a common word."""
    return (
        len(word) >= 4
        and word.endswith(lx.SURNAME_ENDINGS)
        and word not in _NOT_SURNAMES
        and word not in lx.NAME_STOPS
        and word not in lx.PRONOUNS
    )


def after_opening_phrase(folded: str, pos: int) -> int:
    """Past a short phrase of time or place closed by a comma («ساعتی بعد،», «عصر همان روز،»)
    when a role or a name follows it; `pos` when the phrase may itself be the speaker (a name
    ending like a surname, «شهرکی، دبیر انجمن …، گفت»)."""
    opening = _OPENING.match(folded, pos)
    if opening is None:
        return pos
    words = opening.group("words").split()
    after = folded[opening.end() :].split(maxsplit=1)
    if not after or any(w in _NOT_OPENING for w in words):
        return pos
    if looks_like_surname(words[-1]) and words[0] not in _PHRASE_OPENERS:
        return pos  # «شبنم طاهرخانی، معاون …، گفت»: a name in apposition, not a time
    follows = after[0]
    if lx.is_role_head(follows) or follows in lx.GIVEN_NAMES or follows in lx.HONORIFICS:
        return opening.end()
    return pos


def link_named_later(
    text: str,
    folded: str,
    words: list[tuple[str, int, int]],
    key: str,
    registry: PeopleRegistry,
    sentence: int,
) -> None:
    """«نائب رئیس اتاق نیز معتقد است …؛ به گفته اکبر خلیلی، …»: the role's holder named in
    the sentence's next clause, by a full name with no role of its own beside it."""
    clause = _LATER_SAID_BY.search(folded)
    if clause is None:
        return
    at = next((i for i, w in enumerate(words) if w[1] >= clause.end()), None)
    name = name_at(text, words, at) if at is not None else None
    if name is None or not name.given or _ROLE_BESIDE.match(folded, name.end):
        return
    registry.link(key, registry.add_name(name, sentence), [sentence])


def unlisted_name_before_verb(
    folded: str, words: list[tuple[str, int, int]], first: int
) -> NameMention | None:
    """«رحیم صادقی‌نیا افزود: …»: a given name missing from the list, then a word shaped like
    a surname, opening the sentence right before its verb of saying."""
    if first + 1 >= len(words):
        return None
    (given, start, _), (surname, _, end) = words[first], words[first + 1]
    if (
        given in _NOT_GIVEN
        or given.endswith(lx.SURNAME_ENDINGS)
        or len(given) < 2
        or not looks_like_surname(surname)
        or folded[words[first][2] : words[first + 1][1]].strip()
    ):
        return None
    verb = _THEN_VERB.match(folded, end)
    return NameMention(start, end, (), given, surname) if verb else None


def names_with_known_surnames(
    sentence: str, number: int, registry: PeopleRegistry
) -> list[NameMention]:
    """Written names, plus a known surname standing alone («نوروزی، عضو کمیسیون …»)."""
    names = names_in(sentence)
    folded = lx.fold(sentence)
    for word, start, end in words_of(sentence):
        inside = any(n.start <= start < n.end for n in names)
        if word in lx.AGENCY_NAMES and lx.AGENCY_SOURCE.search(folded[:start]):
            continue  # «به گزارش فارس، مدیرکل …»: the agency, not a person named فارس
        if not inside and registry.known_surname(word, number):
            names.append(NameMention(start, end, (), "", word))
    return sorted(names, key=lambda n: n.start)
