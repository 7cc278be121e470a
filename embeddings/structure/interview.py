"""Whom an interview is with, as its intro says: the speaker of its «ج:» / «پاسخ:» lines.

«گفت‌وگو با X», «گفت‌وگوی ما با X», «گفت‌وگوی اختصاصی با X», «با X (درباره …) گفت‌وگو
کرده‌ایم» name X after «با»; «X در گفت‌وگو با خبرنگار …» names X first. X is a name, a known
surname, a surname-shaped word or a role.
"""

from __future__ import annotations

import re

from embeddings.structure import lexicon as lx
from embeddings.structure.attribution import looks_like_surname
from embeddings.structure.mentions import NameMention, name_at, names_in, roles_in, words_of
from embeddings.structure.people import PeopleRegistry

# «گفت‌وگو با X» is looked for this far into a document.
INTRO_SENTENCES = 6


def find_interviewee(sentences: list[str], registry: PeopleRegistry, headings: set) -> str | None:
    """The registry key of whom an interview is with: «گفت‌وگو(ی ما) با X» and «با X
    (درباره …) گفت‌وگو کرده‌ایم» (a name, a known surname or a role after «با»), or «X در
    گفت‌وگو با …» (the name or role opening the sentence)."""
    for number, sentence in enumerate(sentences[:INTRO_SENTENCES]):
        folded = lx.fold(sentence)
        words = words_of(sentence)
        for match in lx.INTERVIEW_WORD.finditer(folded):
            key = _person_at(sentence, words, match.end(), registry, number)
            if key is not None:
                return key
            if number in headings or not re.search(r"در\s*$", folded[: match.start()]):
                continue
            before = sentence[: match.start()]
            name = next(iter(names_in(before)), None)
            if name is not None:
                return registry.add_name(name, number)
            role = next(iter(roles_in(before)), None)
            if role is not None and not role.group and role.start == words[0][1]:
                return registry.add_role(role.text, number)
        talked = lx.TALKED_WITH.search(folded)
        if talked is not None:
            key = _person_at(sentence, words, talked.end(), registry, number)
            if key is not None:
                return key
    return None


def _person_at(
    sentence: str,
    words: list[tuple[str, int, int]],
    start: int,
    registry: PeopleRegistry,
    number: int,
) -> str | None:
    """The registry key of the name, known surname or role that starts at offset `start`."""
    at = next((i for i, w in enumerate(words) if w[1] >= start), None)
    if at is None:
        return None
    name = name_at(sentence, words, at)
    if name is not None:
        return registry.add_name(name, number)
    known = registry.known_surname(words[at][0], number)
    if known is not None:
        return known
    if looks_like_surname(words[at][0]):  # «با امیری درباره فیلمش گفت‌وگو کرده‌ایم»
        return registry.add_name(
            NameMention(words[at][1], words[at][2], (), "", words[at][0]), number
        )
    role = next((r for r in roles_in(sentence) if r.start == words[at][1]), None)
    return registry.add_role(role.text, number) if role is not None and not role.group else None
