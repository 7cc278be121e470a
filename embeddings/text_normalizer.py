"""Persian text normalization: one object, built once, used for documents and questions alike."""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

ZWNJ = "\u200c"
NORMALIZER_VERSION = 3

# Letters and digits hazm may leave alone (or that arrive after it) folded to one Persian form.
_CHAR_MAP = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ۀ": "ه",
        "ة": "ه",
        "ؤ": "و",
        "إ": "ا",
        "أ": "ا",
        "ٱ": "ا",
        "ـ": None,  # tatweel stretches words without changing them
        "\u200d": None,  # ZWJ
        "\u200e": None,  # LRM
        "\u200f": None,  # RLM
        "\ufeff": None,  # BOM
        "\u00a0": " ",
        "\u202f": ZWNJ,  # narrow no-break space is used as a ZWNJ by some keyboards
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    }
)
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_ZWNJ_RUNS = re.compile(rf"\s*{ZWNJ}+\s*")
_WORD = re.compile(rf"[\w{ZWNJ}]+")
# Inflectional suffixes that follow a ZWNJ; the stem before them carries the meaning.
ZWNJ_SUFFIXES = ("هایی", "های", "ها", "ای", "ی", "تر", "ترین", "اش", "ام", "ات", "شان", "مان")


def _hazm_version() -> str:
    """`hazm.__version__` as manifests have recorded it, read without importing hazm.

    hazm 0.9.3 defines none, so indexes record "unknown"; reading the source keeps that value
    (a different one would rebuild every index) while the import runs in the background.
    """
    import importlib.util

    spec = importlib.util.find_spec("hazm")
    try:
        source = Path(spec.origin).read_text(encoding="utf-8") if spec and spec.origin else ""
    except OSError:
        source = ""
    found = re.search(r"^__version__\s*=\s*[\"']([^\"']+)[\"']", source, re.MULTILINE)
    return found.group(1) if found else "unknown"


@dataclass(frozen=True)
class QuestionWord:
    """One word of a question: as read (spoken forms rewritten), its terms, whether a verb."""

    text: str
    terms: tuple[str, ...]
    verb: bool


class PersianTextNormalizer:
    """hazm normalization plus folding that makes spelling variants match.

    `normalize` gives the text the embedding model reads (hazm's Normalizer, then Arabic
    letters, digits, diacritics and ZWNJ/space variants folded). `lexical_tokens` gives the
    BM25 terms: lemmas, with ZWNJ compounds also indexed as one joined word, so «قرهباغ»,
    «قره باغ» and «قره‌باغ» share a term. hazm loads once per object, in the background
    (~2 s); reuse the object.
    """

    def __init__(self, lemmatize: bool = True) -> None:
        """Starts building hazm's Normalizer, lemmatizer and stemmer in a background thread.

        Importing hazm's parts (`embeddings/hazm_parts.py`: without nltk's `__init__`, scipy
        or scikit-learn) and building those objects takes ~1 s; a process loads its model and
        index meanwhile, and the first method that
        needs hazm waits for the build. The objects built are hazm's own, unchanged.

        Args:
            lemmatize: Reduce words to lemmas for lexical matching.
        """
        self.lemmatize = lemmatize
        self._built: dict = {}
        self._build_error: BaseException | None = None
        self._builder = threading.Thread(target=self._build, name="hazm-build", daemon=True)
        self._builder.start()
        self._roots = lru_cache(maxsize=200_000)(self._roots_uncached)

    def _build(self) -> None:
        try:
            from embeddings.hazm_parts import load_hazm_parts

            hazm = load_hazm_parts()
            built = {
                "hazm": hazm["Normalizer"](),
                "lemmatizer": hazm["Lemmatizer"]() if self.lemmatize else None,
                "stemmer": hazm["Stemmer"]() if self.lemmatize else None,
                "stopwords": frozenset(self.fold(w) for w in hazm["stopwords_list"]()),
            }
            built["colloquial"] = self._colloquial_rewriter(built)
            self._built = built
        except BaseException as exc:  # re-raised in the thread that needs hazm
            self._build_error = exc

    def _colloquial_rewriter(self, built: dict) -> Any:
        """Built with hazm's parts, off the first question's path (~0.2 s). Without hazm's
        spoken-word lists (another hazm layout) questions are matched as typed."""
        if built["lemmatizer"] is None:
            return None
        from embeddings.colloquial import ColloquialRewriter

        try:
            return ColloquialRewriter(
                built["lemmatizer"],
                lambda text: self.fold(built["hazm"].normalize(self.fold(text))),
                self.fold,
            )
        except (OSError, ValueError, KeyError, AttributeError) as exc:
            logger.warning("Spoken-form rewriting is off: hazm's word lists (%s)", exc)
            return None

    def _part(self, name: str) -> Any:
        """One of hazm's objects, waiting for the background build if it still runs."""
        if not self._built:
            self._builder.join()
            if self._build_error is not None:
                raise RuntimeError("building hazm's normalizer failed") from self._build_error
        return self._built[name]

    @property
    def lemmatizer(self) -> Any:
        """hazm's Lemmatizer that the terms are built with; None when this one doesn't lemmatize."""
        return self._part("lemmatizer")

    def normalize_words(self, words: list[str]) -> list[str]:
        """`normalize` of each word, in one pass of hazm over them all (~6x faster).

        hazm's rules can reach across the separator («می» before the next word, a repeated
        word), so a word the batch changed is normalized again on its own; a batch that does
        not split back into one piece a word is done word by word.
        """
        separator = "\n.\n"
        pieces = re.split(r"\s*\.\s*", self.normalize(separator.join(words)))
        if len(pieces) != len(words) or any("." in w for w in words):
            return [self.normalize(w) for w in words]
        return [
            piece if piece == self.fold(word) else self.normalize(word)
            for word, piece in zip(words, pieces, strict=True)
        ]

    @cached_property
    def dictionary(self) -> frozenset[str]:
        """hazm's word list (lemmas and their common forms) in this spelling; built at first
        use (~1 s) and kept, since every service and question reader shares the normalizer.
        Empty when this normalizer does not lemmatize."""
        lemmatizer = self.lemmatizer
        if lemmatizer is None:
            return frozenset()
        return frozenset(self.normalize_words(sorted(lemmatizer.words)))

    def folded_words(self, words: str) -> frozenset[str]:
        """A space-separated word list in this normalizer's spelling."""
        return frozenset(self.normalize(w) for w in words.split())

    @property
    def stopwords(self) -> frozenset[str]:
        """hazm's stop words, folded."""
        return self._part("stopwords")

    @property
    def settings(self) -> dict:
        """What the index manifest records: an index is rebuilt when any of this changes."""
        return {"version": NORMALIZER_VERSION, "hazm": _hazm_version(), "lemmatize": self.lemmatize}

    @staticmethod
    def fold(text: str) -> str:
        """Character-level folding only: letters, digits, diacritics, ZWNJ and spaces."""
        text = unicodedata.normalize("NFKC", text).translate(_CHAR_MAP)
        text = _DIACRITICS.sub("", text)
        text = _ZWNJ_RUNS.sub(ZWNJ, text)
        return _SPACES.sub(" ", text).strip()

    def normalize(self, text: str) -> str:
        """Full normalization for embedding and display-independent comparison."""
        if not text or not text.strip():
            return ""
        folded = self.fold(text)
        return self.fold(self._part("hazm").normalize(folded))

    def _roots_uncached(self, word: str) -> tuple[str, ...]:
        lemmatizer, stemmer = self._part("lemmatizer"), self._part("stemmer")
        if lemmatizer is None or stemmer is None:
            return (word,)
        # hazm gives verbs as "past#present"; the past stem names the verb.
        lemma = lemmatizer.lemmatize(word).split("#", 1)[0] or word
        # The stemmer and the lemmatizer each miss forms the other gets («روزی» → «روزید» as a
        # verb, «استانداریهای» unchanged); indexing both lets either one match.
        stem = stemmer.stem(word) or word
        return tuple(dict.fromkeys((lemma, stem)))

    def terms_of_word(self, word: str) -> list[str]:
        """Lexical terms of one normalized word (empty for stopwords)."""
        if word in self.stopwords or (len(word) < 2 and not word.isdigit()):
            return []
        terms = list(self._roots(word))
        if ZWNJ in word:
            parts = word.split(ZWNJ)
            while len(parts) > 1 and parts[-1] in ZWNJ_SUFFIXES:
                parts.pop()
            joined = "".join(parts)
            terms.append(joined)
            terms.extend(p for p in parts if len(p) > 1 and p not in self.stopwords)
        return list(dict.fromkeys(terms))

    def lexical_tokens(self, text: str) -> list[str]:
        """BM25 terms of a text: lemmas of content words plus ZWNJ-joined compounds."""
        return self.tokens_of_normalized(self.normalize(text))

    def question_words(
        self, normalized: str, in_corpus: Callable[[str], bool] | None = None
    ) -> list[QuestionWord]:
        """The question's words with their lexical terms, its spoken words read in their
        written form («کتابا» as «کتاب‌ها», `embeddings/colloquial.py`). A word whose own terms
        the documents hold (`in_corpus`) is kept as typed. Words without terms are left out."""
        rewriter = self._colloquial()
        if rewriter is not None:

            def held(word: str) -> bool:
                return in_corpus is not None and any(
                    in_corpus(t) for t in self.tokens_of_normalized(word)
                )

            normalized = rewriter.rewrite(normalized, held)
        words = []
        tokens = _WORD.findall(normalized)
        for position, word in enumerate(tokens):
            terms = self.terms_of_word(word)
            if ZWNJ in word and terms:
                # «بی‌اثرتر» asked, «بی اثرتر» written: the index holds the part's root «اثر».
                parts = [p for p in word.split(ZWNJ) if p not in self.stopwords and len(p) > 1]
                terms += [r for p in parts for r in self._roots(p) if r not in terms]
            if terms:
                verb = self._is_verb(word) or _light_verb_noun(tokens, position)
                words.append(QuestionWord(word, tuple(terms), verb))
        return words

    def question_terms(
        self, normalized: str, in_corpus: Callable[[str], bool] | None = None
    ) -> list[str]:
        """The lexical terms of `question_words`, in order."""
        return [t for word in self.question_words(normalized, in_corpus) for t in word.terms]

    def _is_verb(self, word: str) -> bool:
        lemmatizer = self.lemmatizer
        return lemmatizer is not None and "#" in lemmatizer.lemmatize(word)

    def _colloquial(self) -> Any:
        """The spoken-form rewriter (`embeddings/colloquial.py`); None without a lemmatizer."""
        return self._part("colloquial")

    def tokens_of_normalized(self, normalized: str) -> list[str]:
        """Like `lexical_tokens`, for text that is already normalized."""
        terms: list[str] = []
        for word in _WORD.findall(normalized):
            terms.extend(self.terms_of_word(word))
        return terms


# «اتفاق افتاد», «رخ داد», «صورت گرفت»: the noun of a compound verb meaning "happen" or "take
# place" is part of the verb. A report saying «واژگون شد» never holds «اتفاق», and «حادثه کجا
# اتفاق افتاد؟» must not read as asking about something the documents lack.
_LIGHT_VERBS = {"اتفاق": ("افتاد", "افت"), "رخ": ("داد", "ده"), "صورت": ("گرفت", "گیر")}
_VERB_PREFIX = re.compile("^(?:ن?می\u200c?|ن|ب)")


def _light_verb_noun(tokens: list[str], position: int) -> bool:
    """Whether token `position` is the noun of such a compound verb (its verb follows, or is
    joined to it)."""
    noun, _, joined = tokens[position].partition("\u200c")  # hazm writes «رخ‌داده» as one
    stems = _LIGHT_VERBS.get(noun)
    if stems is None:
        return False
    verb = joined or (tokens[position + 1] if position + 1 < len(tokens) else "")
    return _VERB_PREFIX.sub("", verb).startswith(stems)
