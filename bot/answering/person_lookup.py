"""Which person of a document a question's words name: by name, or by role.

A name matches on its surname, given name or full form. A role matches a person's role with
the same head word («استاندار», «معاون» …) on most of the question's role words («معاون
بهداشت» picks «معاون بهداشت دانشگاه …», not «معاون درمان …»); equally good matches are all
returned, so a caller can say the question is ambiguous rather than pick one.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np

from bot.answering.latin_names import looks_like_latin_name, spelled_like
from embeddings.structure import lexicon as lx
from embeddings.structure.mentions import names_in, roles_in, words_of
from embeddings.structure.model import DocumentStructure

# Share of the question's role words a person's role must hold.
MIN_ROLE_MATCH = 0.6
# How much nearer in meaning (cosine) one role must be than the next for an English role
# phrase to pick its holder among those sharing the head word: below the smallest margin of
# a right pick (0.015, «director-general of education») in six English director-general
# questions of two blind reports; the answer names the role it picked, so a miss shows.
ROLE_MARGIN = 0.01
# Added to a role whose first words are the query's, in order.
IN_ORDER_BONUS = 0.5


# Words of one sense in a role: a user's «شهردار جدید» is the text's «شهردار منتخب», their
# «رئیس قبلی» its «رئیس پیشین».
_SAME_SENSE = {
    **dict.fromkeys(("جدید", "منتخب", "تازه", "نو"), "جدید"),
    **dict.fromkeys(("قبلی", "سابق", "پیشین", "اسبق"), "قبلی"),
}


_DIRECTIONS = frozenset(lx.key(w) for w in ("شرقی", "غربی", "شمالی", "جنوبی", "مرکزی"))


def other_direction(query: str, role: str) -> bool:
    """«استاندار آذربایجان شرقی» is not «استاندار آذربایجان غربی»: one word apart, another
    place."""
    asked = _DIRECTIONS & set(_role_words(query))
    held = _DIRECTIONS & set(_role_words(role))
    return bool(asked and held and not asked & held)


def _role_words(role: str) -> list[str]:
    return [
        lx.key(_SAME_SENSE.get(w, w))
        for w in lx.fold(role).split()
        if w not in ("و", "با", "در", "به", "از")
    ]


def _pairs(words: list[str]) -> list[str]:
    """Each two neighbouring words written as one («محیط» «زیست» → «محیطزیست»)."""
    return [a + b for a, b in itertools.pairwise(words)]


def _joined_in(wanted: list[str], n: int, have: list[str]) -> bool:
    """Word n of the query, joined to a neighbour, is one word of the role."""
    return any(wanted[m] + wanted[m + 1] in have for m in (n - 1, n) if 0 <= m < len(wanted) - 1)


def role_match(query: str, role: str) -> float:
    """Share of the query role's words found in `role` (0 when the heads differ), plus
    `IN_ORDER_BONUS` when they open `role` in the same order: «رئیس شورا» is «رئیس شورای
    اسلامی شهر» before it is «رئیس کمیسیون … شورا»."""
    if lx.head_of(query) != lx.head_of(role):
        return 0.0
    wanted, have = _role_words(query), _role_words(role)
    if not wanted:
        return 0.0
    if other_direction(query, role):
        return 0.0
    # «محیط‌زیست» (the normalizer joins it) for «محیط زیست», and the other way round
    have_joined = {*have, *_pairs(have)}
    hits = [
        any(lx.same_word(w, h) for h in have_joined) or _joined_in(wanted, n, have)
        for n, w in enumerate(wanted)
    ]
    # «رئیس هلال‌احمر خوی» is not «رئیس شبکه بهداشت و درمان خوی»: the head and the last word
    # (a place, often) alone don't make the role, once the query says more than those.
    if len(wanted) >= 3 and hits[0] and hits[-1] and not any(hits[1:-1]):
        return 0.0
    found = sum(hits)
    # «نایب‌رئیس شورا» opens «نایب‌رئیس شورای شهر یزد» too: the question adds the place
    shorter = wanted if len(wanted) <= len(have) else have
    in_order = len(shorter) >= 2 and all(map(lx.same_word, shorter, wanted[: len(shorter)]))
    in_order = in_order and all(map(lx.same_word, shorter, have[: len(shorter)]))
    in_order = in_order or (len(wanted) <= len(have) and all(map(lx.same_word, wanted, have)))
    return found / len(wanted) + (IN_ORDER_BONUS if in_order else 0.0)


def people_named(structure: DocumentStructure, words: str) -> list[int]:
    """People whose name is in `words` (surname, given name with surname, or full name), or
    whose surname `words` spells in Latin letters («najafi» for «نجفی»)."""
    if looks_like_latin_name(words):
        latin = words.split()[-1] if len(words.split()) > 1 else words
        return [
            number
            for number, person in enumerate(structure.people)
            if person.surname
            and (spelled_like(latin, person.surname) or spelled_like(words, person.surname))
        ]
    written = [lx.key(w) for w, _, _ in words_of(words)]
    # «کیانی پور» typed with a space for «کیانی‌پور»: neighbours joined count too
    keys = {*written, *_pairs(written)}
    asked_titles: set[str] = set()
    for mention in names_in(words):
        keys.add(lx.key(mention.surname or mention.given))
        asked_titles.update(lx.key(t) for t in mention.titles)
    found = [
        number
        for number, person in enumerate(structure.people)
        if person.surname and lx.key(person.surname) in keys
    ]
    # Two people of one surname («مریم کریمی», «محمد کریمی»): a given name picks one.
    given = [n for n in found if structure.people[n].given and _given_in(structure, n, keys)]
    return given or _by_title(structure, found, asked_titles)


# Titles that say a woman or a man: «خانم موسوی» is not «سید احمد موسوی».
_FEMALE_TITLES = frozenset(lx.key(t) for t in ("خانم", "بانو", "سیده"))
_MALE_TITLES = frozenset(lx.key(t) for t in ("آقای", "آقا", "سید"))


def _by_title(structure: DocumentStructure, found: list[int], asked: set[str]) -> list[int]:
    """Of several people of one surname, those the question's title («خانم موسوی», «دکتر
    کریمی») fits: the ones the text gives that title, else those not given a title of the
    other sex. All of them when the title tells none apart (a caller then says so)."""
    if len(found) < 2 or not asked:
        return found
    titles = {n: {lx.key(t) for t in structure.people[n].titles} for n in found}
    same = [n for n in found if titles[n] & asked]
    if same:
        return same
    other = (
        _MALE_TITLES
        if asked & _FEMALE_TITLES
        else _FEMALE_TITLES
        if asked & _MALE_TITLES
        else set()
    )
    return [n for n in found if not titles[n] & other] or found


def _given_in(structure: DocumentStructure, number: int, keys: set[str]) -> bool:
    return all(lx.key(w) in keys for w in structure.people[number].given.split())


def people_with_role(structure: DocumentStructure, words: str) -> list[int]:
    """People holding the role phrase in `words`, best matches only."""
    roles = roles_in(words)
    if not roles:
        return []
    query = roles[0].text
    scores: dict[int, float] = {}
    for number, person in enumerate(structure.people):
        if person.group:
            continue
        best = max((role_match(query, role) for role in person.roles), default=0.0)
        if best >= MIN_ROLE_MATCH:
            scores[number] = best
    if not scores:
        return _only_bare_holder(structure, query)
    top = max(scores.values())
    return [n for n, score in scores.items() if score == top]


def _only_bare_holder(structure: DocumentStructure, query: str) -> list[int]:
    """The one person called by the query's head word alone («استاندار: …» in an interview),
    when nobody else's role has that head: «استاندار گیلان» is then that «استاندار»."""
    head = lx.head_of(query)
    holders = [
        number
        for number, person in enumerate(structure.people)
        if not person.group and any(lx.head_of(role) == head for role in person.roles)
    ]
    if len(holders) != 1:
        return []
    roles = structure.people[holders[0]].roles
    return holders if any(lx.key(role) == lx.key(head) for role in roles) else []


def find_people(structure: DocumentStructure, words: str) -> list[int]:
    """People that `words` name, by name first, then by role."""
    return people_named(structure, words) or people_with_role(structure, words)


def nearest_in_role(
    structure: DocumentStructure,
    people: list[int],
    worded: str,
    vector_of: Callable[[str], np.ndarray],
) -> list[int]:
    """Of several people sharing a role's head, the one whose role is nearest in meaning to
    the role as another language words it («director-general of crisis management» is
    «مدیرکل مدیریت بحران …», not «مدیرکل راهداری …»); all of them when none stands out by
    `ROLE_MARGIN`."""
    asked = vector_of(worded)
    nearness = [
        max((float(vector_of(role) @ asked) for role in structure.people[n].roles), default=0.0)
        for n in people
    ]
    order = sorted(range(len(people)), key=lambda i: -nearness[i])
    if nearness[order[0]] - nearness[order[1]] < ROLE_MARGIN:
        return people
    return [people[order[0]]]
