"""Y of «X درباره Y چه گفت؟» as words a statement may hold, and what of a statement to show
when the question asks about Y."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable

from embeddings.structure import lexicon as lx
from embeddings.text_normalizer import ZWNJ, ZWNJ_SUFFIXES

# «با بیان اینکه …», «با تأکید بر اینکه …»: words of the speaker's before the quote.
_SAID_THAT = re.compile(r"(?<![\w\u200c])اینکه(?![\w\u200c])")


class TopicWords:
    """Y's words, each with its lexical terms: a statement matches a word when it holds any
    of them, so a compound («حق‌التدریس»: the word, its parts, the parts joined) counts once."""

    def __init__(self, topic: str, terms_of: Callable[[str], list[str]]) -> None:
        self._terms_of = terms_of
        words = topic.split()
        self._terms = [set(terms_of(w)) for w in words]
        # A number names a thing with the word before it («خط ۳»): alone it is in any
        # sentence with that figure («۳ هزار میلیارد ریال»), so the word speaks for both
        numbers = {n for n, w in enumerate(words) if lx.fold(w).isdigit()}
        if len(numbers) < len(words):
            self._terms = [set() if n in numbers else t for n, t in enumerate(self._terms)]
        # A compound's parts («آب» and «بها» of «آب‌بها»): it is held whole or by all of them.
        self._parts = [_parts(w, terms_of) for w in words]
        # «قره باغ» also as «قرهباغ»: the corpus spells one place three ways; only the
        # joined form («خط۳» reads as «خط» and «۳» again)
        self._pairs = [
            set()
            if {n, n + 1} & numbers
            else set(terms_of(a + b)) - self._terms[n] - self._terms[n + 1]
            for n, (a, b) in enumerate(itertools.pairwise(words))
        ]
        self.count = sum(1 for t in self._terms if t)

    def matched(self, terms: set[str]) -> set[int]:
        """The words of Y a sentence's terms hold."""
        found = {n for n, mine in enumerate(self._terms) if self._holds(n, mine, terms)}
        for n, joined in enumerate(self._pairs):
            if joined & terms:
                found |= {n, n + 1}
        return found

    def _holds(self, n: int, mine: set[str], terms: set[str]) -> bool:
        parts = self._parts[n]
        if not parts:
            return bool(mine & terms)
        whole = mine - set().union(*parts)
        # one part is a common word of its own: «آب» of «آب‌بها» is in every water report
        return bool(whole & terms) or all(part & terms for part in parts)

    def in_text(self, text: str) -> set[int]:
        """The words of Y a text holds, its terms read as the index reads them."""
        return self.matched(set(self._terms_of(text)))

    def share(self, matched: set[int], weights: dict[int, float]) -> float:
        """The share of Y's weight (`weights`) in the words `matched`; 0 when Y has none."""
        total = math.fsum(weights[n] for n, terms in enumerate(self._terms) if terms)
        return math.fsum(weights[n] for n in matched) / total if total else 0.0

    def weights(self, matches: list[set[int]]) -> dict[int, float]:
        """A word weighs less the more of the report's statements hold it: in a report about
        water «آب» is in most of them and tells nothing, «قبض» or «هدر» picks the one
        statement about it."""
        total = len(matches)
        return {
            n: math.log((1 + total) / max(1, sum(n in m for m in matches)))
            for n in range(len(self._terms))
        }


def _parts(word: str, terms_of: Callable[[str], list[str]]) -> list[set[str]]:
    """The lexical terms of each part of a ZWNJ compound with two parts or more that have
    terms of their own; [] for any other word (a plural «کتاب‌ها» has one)."""
    pieces = word.split(ZWNJ)
    while len(pieces) > 1 and pieces[-1] in ZWNJ_SUFFIXES:
        pieces.pop()
    parts = [terms for terms in (set(terms_of(p)) for p in pieces) if terms]
    return parts if len(parts) >= 2 else []


def shown_statement(sentence: str, quote: tuple[int, int] | None, topic: TopicWords | None) -> str:
    """What a statement shows: the quoted words (the rest names the speaker again), or the
    whole sentence when it holds more of Y's words than its quote, or when what the speaker
    said before the quote («وی با بیان اینکه سهمیه انسولین … افزایش یافته، تصریح کرد: …»)
    holds Y's words: that part is about Y too, and the quote alone would not show it."""
    if not quote:
        return sentence
    quoted = sentence[quote[0] : quote[1]]
    if topic is None:
        return quoted
    if len(topic.in_text(sentence)) > len(topic.in_text(quoted)):
        return sentence
    # «با تأکید بر اینکه «رفاه دانشجو خط قرمز است»، گفت: …»: what X said before the quote
    # holds Y too, though the quote repeats its words
    said_before = _SAID_THAT.search(sentence, 0, quote[0])
    if said_before and topic.in_text(sentence[said_before.end() : quote[0]]):
        return sentence
    return quoted
