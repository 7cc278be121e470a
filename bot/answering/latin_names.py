"""A Persian name asked for in Latin letters («What did Najafi say?» for «نجفی»).

Users type a surname the way it is romanized, which writes Persian consonants in a few
regular ways («kh» for «خ», «gh»/«q» for «غ»/«ق», «sh» for «ش») and the short vowels Persian
script leaves out. So a name is compared by its consonants alone: letters of one sound
(«س ص ث», «ز ذ ض ظ», «ت ط», «ح ه») count as one, the letters that often stand for vowels
(«ا و ی ع») are dropped, and so are Latin vowels and «v/w/y»; a doubled consonant counts once
(«Mohammadi» is «محمدی»).
"""

from __future__ import annotations

import re

# Persian consonants → one class per sound (upper case for the sounds Latin writes with two
# letters); letters missing here («ا آ و ی ع ء ئ») are vowels or silent in romanization.
_PERSIAN = {
    **dict.fromkeys("ب", "b"),
    **dict.fromkeys("پ", "p"),
    **dict.fromkeys("تط", "t"),
    **dict.fromkeys("ثسص", "s"),
    **dict.fromkeys("جژ", "j"),
    **dict.fromkeys("چ", "C"),
    **dict.fromkeys("حهۀ", "h"),
    **dict.fromkeys("خ", "X"),
    **dict.fromkeys("د", "d"),
    **dict.fromkeys("ذزضظ", "z"),
    **dict.fromkeys("ر", "r"),
    **dict.fromkeys("ش", "S"),
    **dict.fromkeys("غق", "Q"),
    **dict.fromkeys("ف", "f"),
    **dict.fromkeys("کك", "k"),
    **dict.fromkeys("گ", "g"),
    **dict.fromkeys("ل", "l"),
    **dict.fromkeys("م", "m"),
    **dict.fromkeys("ن", "n"),
}
# Latin spellings → the same classes, two-letter sounds first; vowels and «v w y» dropped.
_LATIN_PAIRS = (("kh", "X"), ("sh", "S"), ("ch", "C"), ("zh", "j"), ("gh", "Q"), ("ph", "f"))
_LATIN_SINGLE = {"q": "Q", "c": "k", "x": "ks", **dict.fromkeys("aeiouvwy", "")}
# How a name begins when its first sound is a vowel, in either script.
_PERSIAN_STARTS = (("A", "اآعأئ"), ("y", "ی"), ("v", "و"))
_LATIN_STARTS = (("A", "aeiou"), ("y", "y"), ("v", "vw"))
# Question words that can stand where a name would («What did they say?»).
_NOT_NAMES = frozenset(
    re.findall(
        r"\S+",
        "the a an he she they it you we i him her them this that who which people officials "
        "experts speaker speakers report article meeting everyone anyone someone",
    )
)
_NAME_WORDS = re.compile(r"^[a-z][a-z'-]+(?: [a-z][a-z'-]+)?$")


def persian_skeleton(word: str) -> str:
    """The consonant classes of a word in Persian script («قلی‌پور» → "Qlpr"), after a mark
    of how it begins when that is a vowel («عابدی» → "Abd", «یوسفی» → "ysf")."""
    start = next((mark for mark, letters in _PERSIAN_STARTS if word[:1] in letters), "")
    return start + _collapse("".join(_PERSIAN.get(ch, "") for ch in word))


def latin_skeleton(word: str) -> str:
    """The consonant classes of a romanized word («Gholipour» → "Qlpr")."""
    text = re.sub(r"[^a-z]", "", word.lower())
    start = (
        "A"
        if text[:1] in "aeiou"
        else ("y" if text[:1] == "y" else "v" if text[:1] in "vw" else "")
    )
    for pair, sound in _LATIN_PAIRS:
        text = text.replace(pair, sound)
    return start + _collapse("".join(_LATIN_SINGLE.get(ch, ch) for ch in text))


def looks_like_latin_name(words: str) -> bool:
    """One or two Latin words that are not pronouns or common nouns: a name, maybe."""
    text = words.strip().lower()
    return bool(_NAME_WORDS.match(text)) and not set(text.split()) & _NOT_NAMES


def spelled_like(latin: str, persian: str) -> bool:
    """Whether a romanized name (one word, or two written apart) spells a Persian one."""
    wanted = latin_skeleton(latin.replace(" ", ""))
    return len(wanted) >= 2 and wanted == persian_skeleton(persian)


def _collapse(skeleton: str) -> str:
    return re.sub(r"(.)\1+", r"\1", skeleton)
