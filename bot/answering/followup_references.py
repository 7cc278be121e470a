"""What a follow-up points back at when it names nothing itself.

People talking drop what the previous exchange made obvious, and each way of dropping it
points at something different:

- a verb of saying with no subject («درباره شهریه چی گفت؟»، «دیگه چی گفت؟»، «چه پیشنهادی داد؟»)
  asks about the person the previous exchange was about;
- a possessive clitic («حرفاش»، «خسارتش»، «سهمش») points at that person when its noun is
  something people say or hold («حرف»، «نظر»، «سمت»), else at the thing the previous question
  was about;
- «معاون دیگر»، «اون یکی معاون»، «نفر دیگر» is the other person of the report who shares the
  role, or the other person who spoke;
- «اولی»، «دومی»، «مورد سوم»، «آخریش» is that line of the previous answer's list.

The word lists are closed classes of Persian (suffixes, verbs of reporting, ordinals), not
words of any one report.
"""

from __future__ import annotations

import re
from functools import cached_property

# Verbs (and light-verb nouns) that report speech: a question built on one of them, with no
# subject, asks what the person of the previous exchange said.
_SAYING = (
    "گفت گفته گفتند می‌گوید افزود اظهار پیشنهاد خواستار اعلام تاکید تأکید اشاره پاسخ "
    "توضیح خبر ابراز انتقاد هشدار وعده قول"
)
# Nouns of what a person says, thinks or holds: «حرفاش» is the person's words.
_PERSONAL_NOUNS = (
    "حرف حرفا حرفها حرف‌ها سخن سخنان صحبت صحبتها صحبت‌ها نظر گفته گفته‌ها گفته‌های پیشنهاد "
    "پیشنهادها دیدگاه عقیده موضع سمت نقش اسم نام فامیل پاسخ جواب توضیح توضیحات"
)
# Of those, the nouns of words spoken: «حرفاش درباره X چی بود؟» asks what the person said.
_SPEECH_NOUNS = "حرف حرفا حرفها حرف‌ها سخن سخنان صحبت صحبتها صحبت‌ها گفته گفته‌ها گفته‌های"
# «چی بود؟»، «چه بود؟»، «چیه؟»: a question asking what something was.
_WHAT_WAS = (("چی", "بود"), ("چه", "بود"), ("چی", "است"), ("چه", "است"), ("چیه",), ("چیست",))
# Possessive (and colloquial object) endings, longest first: «حرفاشو» = «حرف‌هایش را».
_CLITIC_ENDINGS = ("شونو", "شانرا", "شون", "شان", "اشو", "شو", "\u200cاش", "اش", "ش")
_OTHER_WORDS = ("دیگر", "دیگه", "دیگری")
_THAT_ONE = ("اون یکی", "آن یکی")
# A person spoken of without a role: «نفر دیگر»، «سخنران دیگر».
_ANYONE = frozenset(("نفر", "سخنران", "شخص", "یکی", "فرد", "مقام", "مسئول"))
_ORDINALS = {
    "اولی": 1, "دومی": 2, "سومی": 3, "چهارمی": 4, "پنجمی": 5, "ششمی": 6,
    "اول": 1, "دوم": 2, "سوم": 3, "چهارم": 4, "پنجم": 5, "ششم": 6, "آخری": -1, "آخر": -1,
}  # fmt: skip
# «اولیش»، «آخریشو»: an ordinal with the colloquial «of it» (and «را») after it.
_OF_IT = ("شونو", "شون", "شو", "ش")
# hazm's lemmas of «است»، «بود»، «هست»، «نیست»
_COPULAS = frozenset(("#است", "بود#باش", "#هست", "#نیست", "هست#", "نیست#"))
_ITEM_NOUNS = frozenset(("مورد", "بند", "مصوبه", "تصمیم", "پیشنهاد", "گزینه"))
_LIST_MARK = re.compile(r"^\s*(?:[-•*]|[0-9۰-۹]+[.)\-]|[0-9۰-۹]+\s*[.-])\s*")


class References:
    """Reads what a follow-up points back at, with the normalizer's spelling of the lists."""

    def __init__(self, normalizer) -> None:
        """Keeps the normalizer the question was normalized with."""
        self.normalizer = normalizer

    @cached_property
    def saying(self) -> frozenset[str]:
        return self.normalizer.folded_words(_SAYING)

    @cached_property
    def personal_nouns(self) -> frozenset[str]:
        return self.normalizer.folded_words(_PERSONAL_NOUNS)

    @cached_property
    def dictionary(self) -> frozenset[str]:
        """hazm's word list (lemmas and their common forms), in the normalizer's spelling."""
        if self.normalizer.lemmatizer is not None:
            return self.normalizer.dictionary
        return frozenset(self.normalizer.normalize_words(sorted(self._lemmatizer.words)))

    # ---- a subject left out ------------------------------------------------------------------

    def asks_what_was_said(self, words: tuple[str, ...]) -> bool:
        """«درباره شهریه چی گفت»، «چه پیشنهادی داد»: a verb of reporting is asked about."""
        return any(
            w in self.saying or set(self.normalizer.terms_of_word(w)) & self.saying for w in words
        )

    @cached_property
    def _lemmatizer(self):
        # The normalizer's own (building another costs ~0.7 s); a normalizer that does not
        # lemmatize has none, so one is built the same way, without hazm's __init__.
        shared = self.normalizer.lemmatizer
        if shared is not None:
            return shared
        from embeddings.hazm_parts import load_hazm_parts

        return load_hazm_parts()["Lemmatizer"]()

    def is_action_verb(self, word: str) -> bool:
        """A verb that is not a copula: «جمعیت چین چقدر است؟» has its own subject."""
        lemma = self._lemmatizer.lemmatize(word)
        return "#" in lemma and lemma not in _COPULAS

    def is_verb(self, word: str) -> bool:
        """True for a verb form («می‌شود»، «برگزار شد» → «شد»): hazm lemmatizes verbs to
        «past#present»."""
        return "#" in self._lemmatizer.lemmatize(word)

    # ---- possessive clitics ------------------------------------------------------------------

    def clitic_stem(self, word: str, known) -> str | None:
        """«حرفاش» → «حرفا», «خسارتش» → «خسارت»: the noun a possessive ending hangs on.

        A word is taken apart only when it is no word of its own («افزایش»، «گزارش» are
        words) and what is left is one, in hazm's dictionary or in the documents (`known`).
        """
        if len(word) < 4 or word in self.dictionary or word in self.personal_nouns:
            return None
        for ending in _CLITIC_ENDINGS:
            stem = word[: -len(ending)].removesuffix("\u200c")
            if not word.endswith(ending) or len(stem) < 2:
                continue
            colloquial_plural = stem.endswith("ا") and stem[:-1] in self.dictionary
            if stem in self.dictionary or stem in self.personal_nouns or colloquial_plural:
                return stem
            if known(stem):
                return stem
        return None

    @cached_property
    def speech_nouns(self) -> frozenset[str]:
        return self.normalizer.folded_words(_SPEECH_NOUNS)

    def what_was_said(self, words: tuple[str, ...], clitic: str, stem: str) -> tuple[str, ...]:
        """«حرفاش درباره بازیگرا چی بود» → («درباره», «بازیگرا»): what a person's words were
        asked about, or () when the question is not «their words … what were they?»."""
        if stem not in self.speech_nouns and stem.removesuffix("ها") not in self.speech_nouns:
            return ()
        for tail in _WHAT_WAS:
            if words[-len(tail) :] == tail:
                rest = tuple(w for w in words[: -len(tail)] if w != clitic)
                return rest or ("",)
        return ()

    def is_personal(self, stem: str) -> bool:
        """True for «حرف»، «نظر»، «سمت» and their plurals: a person's, not a thing's."""
        return stem in self.personal_nouns or stem.removesuffix("ها") in self.personal_nouns

    # ---- «the other one» ---------------------------------------------------------------------

    def other_phrase(self, text: str, roles: frozenset[str]) -> tuple[str, str] | None:
        """(phrase, role word) of «معاون دیگر»، «اون یکی معاون»، «نفر دیگه» in `text`.

        The role word is "" for «نفر»، «سخنران»: any other person who spoke.
        """
        words = text.replace("؟", " ").split()
        for i, word in enumerate(words):
            noun = word in roles or word in _ANYONE
            if noun and i + 1 < len(words) and words[i + 1] in _OTHER_WORDS:
                return f"{word} {words[i + 1]}", "" if word in _ANYONE else word
            pair = " ".join(words[max(0, i - 2) : i])
            if noun and pair in _THAT_ONE:
                return f"{pair} {word}", "" if word in _ANYONE else word
        # «اون یکی چی گفت؟» with no noun, asking what was said: the other person who spoke
        for i in range(len(words) - 1):
            pair, rest = f"{words[i]} {words[i + 1]}", tuple(words[i + 2 :])
            if pair in _THAT_ONE and self.asks_what_was_said(rest):
                return pair, ""
        return None

    # ---- a line of a list --------------------------------------------------------------------

    def list_lines(self, answer: str) -> list[str]:
        """The lines of a list answer (its heading too); [] when it is not a list."""
        lines = [_LIST_MARK.sub("", line).strip() for line in answer.splitlines()]
        items = [line for line in lines if line and line != "…"]
        return items if len(items) >= 2 else []

    def list_item(self, text: str, answer: str) -> tuple[str, str] | None:
        """(phrase, item) for «اولی»، «مورد دوم» when the previous answer was a list."""
        items = self.list_lines(answer)
        if not items:
            return None
        words = text.replace("؟", " ").split()
        for i, word in enumerate(words):
            ordinal = _ordinal_of(word)
            number = _ORDINALS.get(ordinal)
            if number is None:
                continue
            if ordinal.endswith("ی"):
                phrase = word
            elif i > 0 and words[i - 1] in _ITEM_NOUNS:
                phrase = f"{words[i - 1]} {word}"
            else:
                continue
            # the first line of a list answer may be its heading («مصوبات جلسه:»)
            body = [line for line in items if not line.endswith(":")]
            if number <= len(body) and body:
                return phrase, body[number - 1 if number > 0 else -1]
        return None


def _ordinal_of(word: str) -> str:
    """«اولیش» → «اولی», «آخریشو» → «آخری»; any other word as it is."""
    for end in _OF_IT:
        base = word.removesuffix(end)
        if base != word and base.endswith("ی") and base in _ORDINALS:
            return base
    return word
