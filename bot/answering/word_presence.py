"""Which of a question's words the documents hold: what "a word the documents never mention"
means for the verifier (`features.py`) and the decline note.

A word is held when any of its terms is (lemma, stem, joined form), or a term one typo away;
words that frame the question («چیست», «کدام») never count, and verbs are counted apart
(«آمدند» asked, «حضور دارند» written, is a paraphrase more often than a new subject).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

# Terms of the words that frame a question rather than name its subject («نام … چیست»):
# a document need not hold them, so they never count as missing from the documents.
QUESTION_FRAME_TERMS = frozenset(
    (
        "چیست",
        "چیس",
        "نام",
        "نا",
        "اسم",
        "کدام",
        "کدامند",
        "کدام‌اند",
        "کداماند",
        "کیست",
        "کیس",
        "کیستند",
        "کجا",
        "کجاست",
        "چگونه",
        "چطور",
        "چقدر",
        "چند",
        "چندم",
        "چندمین",
        "چرا",
        "آیا",
        "کی",
        "هست",
        "هس",
        "هستند",
        "وقت",
        "زمانی",
        "مقدار",
        "میزان",
        "تعداد",
        # the nouns of question phrases («از چه زمانی»، «در چه سالی»، «به چه صورتی»): the
        # answer names the time or the manner, not the word
        "زمان",
        "روز",
        "سال",
        "ساعت",
        "تاریخ",
        "صورت",
        "شکل",
        "نحو",
        "مکان",
        "موقع",
    )
)

# Letters a one-edit neighbour of a word may bring in (Persian letters, ZWNJ excluded).
_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآ"


def one_edit_away(term: str, in_corpus: Callable[[str], bool]) -> bool:
    """Whether the documents hold a term one typo from this one (a letter dropped, added,
    changed or two swapped: «وزرش» for «ورزش»). Short terms have too many neighbours."""
    if len(term) < 4:
        return False
    cuts = [(term[:i], term[i:]) for i in range(len(term) + 1)]
    for left, right in cuts:
        if right and in_corpus(left + right[1:]):
            return True
        if len(right) > 1 and in_corpus(left + right[1] + right[0] + right[2:]):
            return True
        for letter in _LETTERS:
            if right and letter != right[0] and in_corpus(left + letter + right[1:]):
                return True
            if in_corpus(left + letter + right):
                return True
    return False


@dataclass(frozen=True)
class WordPresence:
    """How the documents cover the question's content words (frame words left out)."""

    weights: dict[int, float]  # word index → weight (its rarest term's IDF)
    missing: list[int]  # content words (not verbs) that no document holds, even one typo off
    missing_verbs: list[int]  # verbs that no document holds

    def share(self, indices: list[int]) -> float:
        """The weight of these words over the weight of all the question's content words."""
        total = math.fsum(self.weights.values())
        return math.fsum(self.weights[i] for i in indices) / total if total else 0.0


def word_presence(
    words, idf: Callable[[str], float], in_corpus: Callable[[str], bool], stems: bool = True
) -> WordPresence:
    """Which of the question's words (`QuestionWord`s) the documents hold.

    A word is held when any of its terms is (its lemma, stem or joined form): counting each
    variant apart made «میخرند» missing beside its held lemma «خرید». A term one typo from a
    held one counts too; with `stems=False` only the word's first term is tried so: a stem is
    short and often one letter from another word («خانگ» of «خانگی» from «خانه»).
    """
    weights, missing, verbs = {}, [], []
    for i, word in enumerate(words):
        if any(t in QUESTION_FRAME_TERMS for t in word.terms):
            continue
        weights[i] = max(idf(t) for t in word.terms)
        if any(in_corpus(t) for t in word.terms):
            continue
        if word.verb:
            verbs.append(i)
        elif not any(one_edit_away(t, in_corpus) for t in word.terms[: None if stems else 1]):
            missing.append(i)
    return WordPresence(weights, missing, verbs)


def held_share(words, terms: set[str], idf: Callable[[str], float]) -> float:
    """The share of Y's weight (`QuestionWord`s weighed by `idf`, frame words left out) in
    words that `terms` hold, by a lemma, stem or joined form or one typo off («جراحی‌ها» in
    «اعمال جراحی»); 0 for a Y of frame words only."""
    presence = word_presence(words, idf, terms.__contains__)
    if not presence.weights:
        return 0.0
    return 1.0 - presence.share(presence.missing + presence.missing_verbs)
