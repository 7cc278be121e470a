"""Colloquial Persian question words in their written form, for lexical matching.

People in a chat write «تخفیف کتابا چند درصده؟», «پول اتوبوسای برقی از کجا تامین میشه؟»,
«به خاطر گرونی کاغذ …»; reports write «کتاب‌ها», «اتوبوس‌های», «می‌شود», «گرانی». Left as
typed, the spoken forms share no lexical term with the documents: BM25 misses them and the
verifier counts them as words "the documents never mention", the same evidence that declines
«جمعیت» in a trade report. Each word that hazm's dictionary does not know is rewritten when a
spoken-form rule turns it into a word it does know:

- hazm's own list of spoken words («اومد» → «آمد», «اگه» → «اگر»);
- spoken verb endings on a known present stem, and hazm's list of spoken stems («میبره» →
  «می‌برد», «میخرن» → «می‌خرند», «میشه» → «می‌شود»); «ن» for «ند» after a past stem («اومدن»);
- clitics: plural «ا/ای» («کتابا», «اتوبوسای»), «شون/مون», object «و/رو» («فیلمو»), the
  copula «ه» («درصده» → «درصد»);
- the spoken «ون» for «ان» («گرونی» → «گرانی»), and «ا» for an initial «آ» («اب» → «آب»).

Only lexical terms use the rewrite; the embedding model reads the question as typed. A word
the dictionary knows is never touched, so formal questions come out unchanged.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

ZWNJ = "\u200c"

# Corpus count in hazm's word list above which a word is common (about the 10,000th word).
_COMMON = 100_000
# Spoken person endings of a present-tense verb → the written ones.
_VERB_ENDINGS = (("ین", "ید"), ("ن", "ند"), ("ه", "د"), ("یم", "یم"), ("م", "م"), ("ی", "ی"))
_VERB_PREFIXES = ("نمی", "می", "ب", "ن")
# Spoken noun endings, longest first → what they stand for (None: drop, a particle).
_NOUN_ENDINGS = (
    ("اشون", f"{ZWNJ}هایشان"),
    ("امون", f"{ZWNJ}هایمان"),
    ("اتون", f"{ZWNJ}هایتان"),
    ("شون", "شان"),
    ("مون", "مان"),
    ("تون", "تان"),
    ("رو", None),
    ("ای", f"{ZWNJ}های"),
    ("ا", f"{ZWNJ}ها"),
    ("و", None),
    ("ه", None),
)


# Spoken question and helper words that hazm's dictionary reads as other words («داره» as
# «دار» + «ه», «کدوم» as «کدو», "pumpkin"), so the rules below never see them: with their
# spoken form they count as words "the documents never mention" in every chatty question.
_SPOKEN_FUNCTION_WORDS = {
    "داره": "دارد",
    "دارن": "دارند",
    "نداره": "ندارد",
    "ندارن": "ندارند",
    "هستن": "هستند",
    "نیستن": "نیستند",
    "کیه": "کیست",
    "کیان": "کیستند",
    "چیه": "چیست",
    "چیا": "چه",
    "چنده": "چند",  # «قیمتش چنده؟»: «چند است»
    "کدوم": "کدام",
    "کدوما": "کدام",
    "کجاس": "کجاست",
    "چطوری": "چگونه",
}


def _hazm_data(lemmatizer: Any) -> Path:
    """hazm's data folder, found next to the module the lemmatizer comes from."""
    return Path(sys.modules[type(lemmatizer).__module__].__file__).parent / "data"


class ColloquialRewriter:
    """Rewrites the spoken forms of a normalized question's words into written ones."""

    def __init__(self, lemmatizer: Any, normalize, fold) -> None:
        """Reads hazm's spoken-word and spoken-verb lists.

        Args:
            lemmatizer: hazm's Lemmatizer (its dictionary says which words are written forms).
            normalize: The text normalizer's `normalize`, so rewrites are in the index's spelling.
            fold: Its character-level folding, for hazm's 35,000-word list (running hazm's
                whole normalizer on every word of it took ~2.5 s at the first question).
        """
        self._lemmatizer = lemmatizer
        data = _hazm_data(lemmatizer)
        self._words: dict[str, str] = {}
        for line in (data / "iwords.dat").read_text("utf-8").splitlines():
            spoken, _, written = line.strip().partition(" ")
            if spoken and written:
                self._words.setdefault(normalize(spoken), normalize(written))
        self._present: dict[str, str] = {}
        for lemma in lemmatizer.verbs.values():
            _, _, present = lemma.partition("#")
            if present:
                self._present.setdefault(present, present)
        for line in (data / "iverbs.dat").read_text("utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2 and "#" in parts[0]:
                self._present.setdefault(parts[1], parts[0].split("#", 1)[1])
        self._past = {lemma.partition("#")[0] for lemma in lemmatizer.verbs.values()} - {""}
        # «اب» → «آب» must land on a common word, not on a rare name one letter away
        # («الان» → «آلان»): the words with «آ» that hazm's list counts as common.
        self._common_alef_madda: set[str] = set()
        for line in (data / "words.dat").read_text("utf-8").splitlines():
            word, _, rest = line.partition("\t")
            count = rest.partition("\t")[0]
            if word.startswith("آ") and count.isdigit() and int(count) >= _COMMON:
                self._common_alef_madda.add(fold(word))
        self.rewrite_word = lru_cache(maxsize=50_000)(self._rewrite_word)

    def known(self, word: str) -> bool:
        """Whether hazm's dictionary holds the word, or its lemmatizer can reduce it."""
        lem = self._lemmatizer
        return word in lem.words or word in lem.verbs or lem.lemmatize(word) != word

    def rewrite(self, normalized: str, held: Callable[[str], bool] | None = None) -> str:
        """The question with every spoken word it can place in its written form.

        Args:
            normalized: The normalized question.
            held: Whether the documents hold a word as typed; such a word is left alone
                (a report may quote speech, and «وبا» is a disease, not «وب‌ها»).
        """
        return " ".join(
            w if held is not None and held(w) else self.rewrite_word(w)
            for w in normalized.split(" ")
        )

    def _rewrite_word(self, word: str) -> str:
        core = word.strip("؟?!.,،:؛")
        if core in _SPOKEN_FUNCTION_WORDS:
            return word.replace(core, _SPOKEN_FUNCTION_WORDS[core])
        if len(core) < 2 or self.known(core) or core in self._past:
            return word
        if ZWNJ in core:  # «خونه‌ها»: the spoken part is rewritten, the suffix kept
            parts = [self._rewrite_word(part) for part in core.split(ZWNJ)]
            return word.replace(core, ZWNJ.join(parts))
        if not core.isalpha():
            return word
        written = self._written(core)
        return word if written is None else word.replace(core, written)

    def _written(self, word: str) -> str | None:
        if word in self._words:
            return self._words[word]
        for rule in (self._verb, self._noun, self._vowels):
            found = rule(word)
            if found is not None:
                return found
        return None

    def _verb(self, word: str) -> str | None:
        """«میبره» → «می‌برد», «میشه» → «می‌شود», «اومدن» → «آمدند»."""
        for spoken, written in _VERB_ENDINGS:
            if not word.endswith(spoken):
                continue
            body = word[: -len(spoken)]
            for prefix in _VERB_PREFIXES:
                stem = body[len(prefix) :].lstrip(ZWNJ)
                if body.startswith(prefix) and stem in self._present:
                    joiner = ZWNJ if prefix.endswith("ی") else ""
                    return f"{prefix}{joiner}{self._present[stem]}{written}"
        if word.endswith("ن"):
            past = self._words.get(word[:-1], word[:-1])
            if past in self._past:
                return f"{past}ند"
        return None

    def _noun(self, word: str) -> str | None:
        """«کتابا» → «کتاب‌ها», «فیلمو» → «فیلم», «درصده» → «درصد»."""
        for spoken, written in _NOUN_ENDINGS:
            stem = word[: -len(spoken)]
            # Short stems make too many false plurals («منشا», «وبا»), unless the ending is
            # long enough to be telling («حرفاشون»); «کرده‌ای» keeps a ZWNJ.
            shortest = 3 if len(spoken) >= 3 else 4
            fits = len(stem) >= shortest and word.endswith(spoken) and not stem.endswith("ه")
            if fits and self.known(stem):
                return stem if written is None else stem + written
        return None

    def _vowels(self, word: str) -> str | None:
        """«گرونی» → «گرانی», «اب» → «آب»."""
        if "ون" in word and self.known(word.replace("ون", "ان")):
            return word.replace("ون", "ان")
        if word.startswith("ا") and "آ" + word[1:] in self._common_alef_madda:
            return "آ" + word[1:]
        return None
