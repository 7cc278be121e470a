"""Small tests on a sentence's words that name finding is built from: can a word be a surname,
do two words look like a given name and a surname, what stands between two words.

`words` is always `mentions.words_of(text)`: (word, start, end) triples over `text`.
"""

from __future__ import annotations

import re

from embeddings.structure import lexicon as lx

Words = list[tuple[str, int, int]]

_BREAK = re.compile(r"[،,:؛;.!?؟()\[\]«»\"]")

# Places named after people: «سالن شهید کاوه», «خیابان شهید بهشتی», «بیمارستان امام رضا».
_PLACE_NOUNS = (
    "سالن تالار ساختمان مجتمع خیابان میدان بلوار بزرگراه کوچه بیمارستان درمانگاه مدرسه "
    "دبیرستان دانشگاه ورزشگاه استادیوم فرودگاه پارک بوستان فرهنگسرا حسینیه مسجد سد پل "
    "پایگاه اردوگاه شهرک"
)
_NAMED_PLACES = frozenset(_PLACE_NOUNS.split())


def can_be_surname(word: str) -> bool:
    """A word that may stand as a surname: not a function, role, title or speech word."""
    return (
        len(word) >= 2
        and not word.isdigit()
        and word not in lx.NAME_STOPS
        and word not in lx.PRONOUNS
        and word not in lx.ROLE_HEADS
        and word not in lx.GROUP_HEADS
        and word not in lx.HONORIFICS
        and word not in lx.BODY_WORDS  # «استاد دانشگاه» is a trade, not a title and surname
        and not lx.SPEECH_VERB.fullmatch(word)
    )


def _name_shaped(given: str, surname: str, shortest_surname: int) -> bool:
    """What every unlisted given name and surname share: both may be surnames, the first does
    not end like one, the second is no word that ends a role and is long enough."""
    return (
        can_be_surname(given)
        and can_be_surname(surname)
        and not given.endswith(lx.SURNAME_ENDINGS)
        and surname not in lx.ROLE_STOP_WORDS
        and len(surname) >= shortest_surname
    )


def joined(text: str, words: Words, i: int) -> bool:
    """True when word i follows word i-1 with nothing but spaces between them."""
    return i > 0 and not _BREAK.search(text[words[i - 1][2] : words[i][1]])


def comma_between(text: str, words: Words, j: int) -> bool:
    """Only a comma stands between word j-1 and word j."""
    return j > 0 and text[words[j - 1][2] : words[j][1]].strip() in ("،", ",")


def unlisted_given_name(text: str, words: Words, j: int, first: bool = False) -> bool:
    """After a title (or as the `first` word of a name), word j is a given name missing from
    the list when a word shaped like a surname follows it directly («دکتر بهروز نجفی», not
    «دکتر نجفی گفت»)."""
    if j + 1 >= len(words) or not (first or joined(text, words, j)):
        return False
    if not joined(text, words, j + 1):
        return False
    surname = words[j + 1][0]
    return _name_shaped(words[j][0], surname, 4) and surname.endswith(lx.SURNAME_ENDINGS)


def name_pair(text: str, words: Words, j: int) -> bool:
    """Words j and j+1 could be a given name and a surname of any origin: two joined words,
    neither a function word, role, time word or listed given name in second place."""
    if j + 1 >= len(words) or not text[words[j][2] : words[j + 1][1]].isspace():
        return False  # «تهران - تسنیم - …» is a dateline
    given, surname = words[j][0], words[j + 1][0]
    return (
        _name_shaped(given, surname, 3)
        and given not in lx.NOT_GIVEN_WORDS
        and surname not in lx.NOT_GIVEN_WORDS
        and surname not in lx.GIVEN_NAMES
    )


def between_commas(text: str, words: Words, j: int) -> bool:
    """Words j and j+1 stand alone between two commas: a given name and a surname."""
    if j + 2 >= len(words) or not joined(text, words, j + 1):
        return False
    return (
        comma_between(text, words, j)
        and comma_between(text, words, j + 2)
        and _name_shaped(words[j][0], words[j + 1][0], 3)
    )


def opens_clause(text: str, words: Words, i: int) -> bool:
    """Word i starts the sentence or follows a comma («به گزارش ایرنا، …»), a quotation and a
    comma («"…"، عبدالغفور ریگی، … گفت») or «که» («… بود که زوران ولیکوویچ، سرمربی …، …»)."""
    if i == 0 or comma_between(text, words, i):
        return True
    if words[i - 1][0] == "که" and joined(text, words, i):
        return True
    gap = text[words[i - 1][2] : words[i][1]]
    return gap.lstrip().startswith("»") and gap.replace("»", "").strip() in ("،", ",", "؛")


def role_head_at(words: Words, j: int) -> bool:
    """Word j is a role's head, alone or with the next word («مدیرکل», «مدیر کل»)."""
    pair = (words[j][0], words[j + 1][0] if j + 1 < len(words) else "")
    return lx.is_role_head(words[j][0]) or pair in lx.TWO_WORD_HEADS


def names_a_place(words: Words, i: int) -> bool:
    """Whether the name at word `i` is part of a place's name («سالن شهید کاوه …»)."""
    before = i - 1
    if before >= 0 and lx.fold(words[before][0]) == "شهید":
        before -= 1
    return before >= 0 and lx.fold(words[before][0]) in _NAMED_PLACES
