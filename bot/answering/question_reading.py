"""Taking a Persian question apart: pronouns, demonstratives, question phrases, content words.

What makes a question a follow-up is read here against the index: which of its words the
documents hold (`CorpusTerms`), whom it names (a name, a surname the documents give, a role
phrase), and whether a «این» stands alone or names its noun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from bot.answering.followup_references import References
from bot.answering.person_names import person_names

ROLE_PHRASE_WORDS = 5

_PERSON_PRONOUNS = "او وی ایشان ایشون"
_DEMONSTRATIVES = "آن این آنجا اینجا اونجا اون همان همین همانجا همینجا آنها اینها آن‌ها این‌ها اونا"
_QUESTION_WORDS = (
    "چه چی چرا کی کجا کجاست چگونه چطور چطوری چجوری چند چندم چقدر کدام کدوم کیست کیستند چیست "
    "چیه کیه آیا"
)
# Words that ask or talk without saying about what.
_GENERIC_WORDS = (
    "صورت صورتی زمان زمانی وقت وقتی روز روزی سال سالی دلیل دلیلی علت علتی کس کسی کسانی چیز "
    "چیزی موضوع موضوعی مورد مواردی نظر توضیح بیشتر دیگر دیگری بگو بگویید بده بدهید گفت گفته "
    "گفتند کرد کردند شد شدند بود بودند است هست هستند داشت دارد دارند چطوری طور گونه"
)
_ROLE_WORDS = (
    "استاندار معاون رئیس وزیر مدیر مدیرعامل دبیر نماینده فرماندار شهردار سخنگو فرمانده استاد "
    "رهبر سفیر سرپرست بخشدار دادستان رئیس‌جمهور نخست‌وزیر نایب‌رئیس دبیرکل مشاور سرمربی مربی "
    "کاپیتان داور قاضی وکیل پزشک کارشناس سردبیر مؤسس بنیانگذار نویسنده شاعر کارگردان"
)
WORD = re.compile(r"[\w\u200c]+")
# Question phrases, longest first, so that «به چه صورتی» is swapped whole.
WH_PHRASE = re.compile(
    r"(?<![\w\u200c])(?:(?:در|از|به|با|برای|تا)\s+)?(?:چه\s+(?:صورتی|صورت|شکلی|شکل|نحوی|نحو|"
    r"روزی|زمانی|وقتی|سالی|تاریخی|ساعتی|ماهی|کسی|کسانی|چیزی|موضوعی|شهری|کشوری|جایی|مکانی|"
    r"دلیلی|علتی|میزان|مقدار|تعداد)|(?:کدام|چند)\s+[\w\u200c]+|"
    # «چه تصمیمی»، «چه برنامه‌ای»: «چه» and a noun made indefinite
    r"چه\s+[\w\u200c]+(?:ی|\u200cای)(?![\w\u200c])|"
    r"چرا|کی|کجا|کجاست|چگونه|چطور|چطوری|چجوری|چند|چقدر|کیست|چیست|کیه|چیه|چه|چی)(?![\w\u200c])"
)


@dataclass(frozen=True)
class QuestionReading:
    """A question taken apart for follow-up detection (normalized words).

    Attributes:
        text: The normalized question.
        words: Its words, without an opening «و».
        person_pronouns: «او», «وی», «ایشان» among them.
        demonstratives: «آن», «آنجا»… standing alone (not before a noun).
        clitics: (word, stem) of possessive clitics the documents know the stem of.
        content: Words that say what is asked about.
        matched: Content words the documents hold.
        subject: The person or role the question names itself.
        opens_with_and: The question opens with «و».
    """

    text: str
    words: tuple[str, ...]
    person_pronouns: tuple[str, ...]
    demonstratives: tuple[str, ...]
    clitics: tuple[tuple[str, str], ...]  # (word, stem): «سخنانش» → «سخنان»
    content: tuple[str, ...]
    matched: tuple[str, ...]
    subject: str | None  # the person or role the question names itself
    opens_with_and: bool


class QuestionReader:
    """Reads questions (and answers) against the index of an answering service."""

    def __init__(self, service) -> None:
        """Keeps the answering service, whose normalizer and index statistics it reads."""
        self.service = service

    # Word lists in the normalizer's spelling; built on first use (the normalizer loads hazm).
    @cached_property
    def person_pronouns(self) -> frozenset[str]:
        return self.service.normalizer.folded_words(_PERSON_PRONOUNS)

    @cached_property
    def demonstratives(self) -> frozenset[str]:
        return self.service.normalizer.folded_words(_DEMONSTRATIVES)

    @cached_property
    def question_words(self) -> frozenset[str]:
        return self.service.normalizer.folded_words(_QUESTION_WORDS)

    @cached_property
    def generic(self) -> frozenset[str]:
        return self.service.normalizer.folded_words(_GENERIC_WORDS)

    @cached_property
    def _role_list(self) -> frozenset[str]:
        return self.service.normalizer.folded_words(_ROLE_WORDS)

    @property
    def roles(self) -> frozenset[str]:
        """Role words: the list's, and the first word of every role the documents give."""
        corpus = self.service.corpus_terms()
        if corpus is None:
            return self._role_list
        if getattr(self, "_roles_of", None) is not corpus:
            self._roles_of, self._roles = corpus, self._role_list | corpus.role_words
        return self._roles

    # ---- reading a question ------------------------------------------------------------------

    def terms(self, word: str) -> list[str]:
        return self.service.normalizer.terms_of_word(word)

    def frequency(self, word: str) -> int:
        corpus = self.service.corpus_terms()
        if corpus is None:
            return 0
        return max((corpus.frequency(t) for t in self.terms(word)), default=0)

    def specificity(self, word: str) -> float:
        """How specific a word is in the index (its most specific known term); 0 if unknown."""
        corpus = self.service.corpus_terms()
        if corpus is None:
            return 0.0
        known = [t for t in self.terms(word) if corpus.frequency(t)]
        return max((corpus.specificity(t) for t in known), default=0.0)

    def is_function_word(self, word: str) -> bool:
        return (
            word in self.question_words
            or word in self.generic
            or word in self.person_pronouns
            or word in self.demonstratives
            or any(t in self.generic for t in self.terms(word))
            or not self.terms(word)
        )

    def read(self, question: str) -> QuestionReading:
        text = self.service.normalizer.normalize(question)
        words = tuple(WORD.findall(text))
        opens_with_and = bool(words) and words[0] == "و"
        if opens_with_and:
            words = words[1:]
        demonstratives = []
        for i, word in enumerate(words):
            following = words[i + 1] if i + 1 < len(words) else ""
            # «این جلسه» names its noun; «این» before a question word or verb stands alone.
            if word in self.demonstratives and (not following or self.is_function_word(following)):
                demonstratives.append(word)
        content = tuple(w for w in words if not self.is_function_word(w))
        # «بیشترشان»: a clitic may hang on a word that says nothing by itself
        nouns = [w for w in words if w not in self.question_words and w not in self.demonstratives]
        clitics = tuple((w, stem) for w in nouns if (stem := self._clitic_stem(w)) is not None)
        matched = tuple(w for w in content if self.frequency(w))
        return QuestionReading(
            text=text,
            words=words,
            person_pronouns=tuple(w for w in words if w in self.person_pronouns),
            demonstratives=tuple(demonstratives),
            clitics=clitics,
            content=content,
            matched=matched,
            subject=self.person_in(text, answer=False),
            opens_with_and=opens_with_and,
        )

    @cached_property
    def references(self) -> References:
        return References(self.service.normalizer)

    def _clitic_stem(self, word: str) -> str | None:
        """«سخنانش» → «سخنان», «حرفاش» → «حرفا»: a possessive ending on a noun (see
        `References.clitic_stem`); never a word the documents hold as it is."""
        corpus = self.service.corpus_terms()
        if corpus is not None and corpus.frequency(word):
            return None
        return self.references.clitic_stem(word, known=lambda stem: self.frequency(stem) > 0)

    def role_phrase(self, words: tuple[str, ...]) -> str | None:
        """«استاندار آذربایجان شرقی» out of «استاندار آذربایجان شرقی چه گفت»."""
        for i, word in enumerate(words):
            if word in self.roles:
                phrase = [word]
                for following in words[i + 1 : i + ROLE_PHRASE_WORDS]:
                    # «معاون استاندار», «نماینده وزیر»: a role head right after the first is
                    # the office it serves; further on it starts another person's role
                    if self.is_function_word(following) or (
                        following in self.roles and len(phrase) > 1
                    ):
                        break
                    phrase.append(following)
                return " ".join(phrase)
        return None

    def person_in(self, text: str, *, answer: bool) -> str | None:
        """The person a (normalized) text names: a name, a known surname, or a role."""
        names = person_names(text)
        if names:
            return names[0]
        words = tuple(WORD.findall(text))
        corpus = self.service.corpus_terms()
        people = corpus.people if corpus is not None else {}
        for word in words:
            if word in people:
                return people[word] if answer else word
        return self.role_phrase(words)


_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def as_question(text: str) -> str:
    """Single spaces, Persian digits (the normalizer folds them to ASCII) and one «؟»."""
    words = text.replace("؟", " ").replace("?", " ").split()
    return " ".join(words).translate(_PERSIAN_DIGITS) + "؟"
