"""The place at the end of a role wording: «مدیرکل صنعت آذربایجان شرقی» and «مدیرکل صنعت
استان» are one role when the report is about one province, «فرماندار شهرستان مرند» and
«فرماندار مرند» one role of one county.

News names a province or county once and then says «استان» / «این استان» / «شهرستان» for
it, so a role wording's trailing place is read as a place token: a named one («آذربایجان
شرقی», «مرند») or «the report's own» (the bare «استان»), which stands for any named one. Two
named places differ, so «فرماندار مرند» and «فرماندار جلفا» stay two people.
"""

from __future__ import annotations

import itertools
import re

from embeddings.structure import lexicon as lx

# The provinces, whose names news writes without «استان» («مدیرکل … آذربایجان شرقی»).
_PROVINCES = [
    "آذربایجان شرقی",
    "آذربایجان غربی",
    "اردبیل",
    "اصفهان",
    "البرز",
    "ایلام",
    "بوشهر",
    "تهران",
    "چهارمحال و بختیاری",
    "خراسان جنوبی",
    "خراسان رضوی",
    "خراسان شمالی",
    "خوزستان",
    "زنجان",
    "سمنان",
    "سیستان و بلوچستان",
    "فارس",
    "قزوین",
    "قم",
    "کردستان",
    "کرمان",
    "کرمانشاه",
    "کهگیلویه و بویراحمد",
    "گلستان",
    "گیلان",
    "لرستان",
    "مازندران",
    "مرکزی",
    "هرمزگان",
    "همدان",
    "یزد",
]
# Words that introduce a place («شهرستان مرند») and, alone at the end, stand for the report's.
_PLACE_WORDS = frozenset(["استان", "شهرستان"])
_THIS = "این"
ANY_PLACE = "@place"
# A word after «شهرستان / استان» that is no place name («استان ها», «شهرستان این»).
_NOT_A_PLACE = frozenset(["این", "ها", "های", "و", "از", "در", "به", "را", "که"])


def document_places(sentences: list[str]) -> list[list[str]]:
    """Place names as word lists, longest first: the provinces, and every word the document
    writes after «استان» or «شهرستان» (a county is named that way at least once)."""
    places = {tuple(lx.fold(p).split()) for p in _PROVINCES}
    for sentence in sentences:
        words = re.sub(r"[،,:؛.«»()]", " ", lx.fold(sentence)).split()
        for word, after in itertools.pairwise(words):
            if word in _PLACE_WORDS and after not in _NOT_A_PLACE and len(after) >= 2:
                places.add((after,))
    return [list(p) for p in sorted(places, key=len, reverse=True)]


def with_place_token(words: list[str], places: list[list[str]]) -> list[str]:
    """`words` of a role wording with a trailing place as one token: «@place» for the
    report's own («استان», «این استان»), «@place:مرند» for a named one (with or without
    «شهرستان» before it). A wording that is only a place word is left alone."""
    for size in (2, 1):
        tail = words[-size:]
        if len(words) > size and tail[-1] in _PLACE_WORDS and (size == 1 or tail[0] == _THIS):
            return [*words[:-size], ANY_PLACE]
    for place in places:
        size = len(place)
        if len(words) > size and words[-size:] == place:
            rest = words[:-size]
            if len(rest) > 1 and rest[-1] in _PLACE_WORDS:
                rest = rest[:-1]
            return [*rest, ANY_PLACE + ":" + "".join(place)]
    return words


def same_place_or_word(a: str, b: str) -> bool:
    """Two words of role wordings are the same: place tokens when one is the report's own
    place or both name the same place; other words as `lx.same_word`."""
    a_place, b_place = a.startswith(ANY_PLACE), b.startswith(ANY_PLACE)
    if a_place or b_place:
        return a_place and b_place and (a in (ANY_PLACE, b) or b == ANY_PLACE)
    return lx.same_word(a, b)
