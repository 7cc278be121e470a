"""Follow-up questions: telling them apart, and rewriting them into standalone questions.

People in a chat ask «استاندار چه گفت؟» and then «او درباره صادرات چه گفت؟», or «جلسه کی
برگزار شد؟» and then «به چه صورت؟». Retrieval needs the standalone question, so before
searching a follow-up is rewritten with what the previous exchange was about:

- a personal pronoun («او»، «وی»، «ایشان») or a possessive clitic («سخنانش») becomes the person
  the previous exchange was about;
- an ellipsis («به چه صورت؟»، «چرا؟»، «کی؟») takes the place of the previous question's question
  word, so the rest of that question supplies the topic;
- «و …؟» naming someone asks the previous question about them;
- otherwise, a demonstrative («آنجا»، «این») or a question none of whose words occur in the
  documents gets the previous question's key words, in the manner of historical query
  expansion (HQE; Lin et al., TREC CAsT 2019): words are weighted by how specific they are in
  the index, the conversation's topic words are always added, and less specific sub-topic words
  only when the question's own words are not specific enough to retrieve by (a max-IDF
  pre-retrieval predictor stands in for HQE's retrieval-score test).

A question that names its own subject and holds words the documents know is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from bot.answering.conversation import Exchange
from bot.answering.extractor import question_type
from bot.answering.person_names import person_names
from bot.answering.types import Answer

# HQE's two thresholds, on `CorpusTerms.specificity`: topic words are in few sentences,
# sub-topic words in more. 0.5 is a word in about 1 sentence in 10 of a report of forty
# sentences (1 in 150 of a corpus of 20,000); 0.3 is about 1 in 3 (1 in 2,000).
TOPIC_SPECIFICITY = 0.5
SUBTOPIC_SPECIFICITY = 0.3
TOPIC_WORDS_KEPT = 6
SUBTOPIC_WORDS_ADDED = 3
# «و …» and fragments («به ریاست چه کسی؟») hold at most this many words besides the
# question phrase.
FRAGMENT_MAX_WORDS = 2
# A question whose one content word the documents don't know leans on its context («قیمتش
# چند است؟»); with two or more unknown words («پایتخت فرانسه کجاست؟») it is off-topic.
VAGUE_MAX_WORDS = 1
ROLE_PHRASE_WORDS = 5

_PERSON_PRONOUNS = "او وی ایشان ایشون"
_DEMONSTRATIVES = (
    "آن این آنجا اینجا اونجا اینجا اون همان همین همانجا همینجا آنها اینها آن‌ها این‌ها اونا"
)
_QUESTION_WORDS = (
    "چه چی چرا کی کجا کجاست چگونه چطور چطوری چند چندم چقدر کدام کدوم کیست کیستند چیست چیه آیا"
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
_WORD = re.compile(r"[\w\u200c]+")
# Question phrases, longest first, so that «به چه صورتی» is swapped whole.
_WH_PHRASE = re.compile(
    r"(?<![\w\u200c])(?:(?:در|از|به|با|برای|تا)\s+)?(?:چه\s+(?:صورتی|صورت|شکلی|شکل|نحوی|نحو|"
    r"روزی|زمانی|وقتی|سالی|تاریخی|ساعتی|ماهی|کسی|کسانی|چیزی|موضوعی|شهری|کشوری|جایی|مکانی|"
    r"دلیلی|علتی|میزان|مقدار|تعداد)|(?:کدام|چند)\s+[\w\u200c]+|"
    r"چرا|کی|کجا|کجاست|چگونه|چطور|چطوری|چند|چقدر|کیست|چیست|چه)(?![\w\u200c])"
)
# «و درباره کرونا؟» after «… چیست؟»: a copula can't be asked of a topic; what was said can.
_COPULAS = frozenset(("چیست", "کیست", "کجاست", "چیه"))


@dataclass(frozen=True)
class Resolution:
    """What to search for a question.

    Attributes:
        searched: The standalone question to search.
        rewritten: True when `searched` was rewritten from the question with its context.
        reason: Why: "pronoun", "ellipsis", "and", "expansion", or "" when not rewritten.
    """

    searched: str
    rewritten: bool = False
    reason: str = ""


@dataclass(frozen=True)
class _Reading:
    """A question taken apart for follow-up detection (normalized words)."""

    text: str
    words: tuple[str, ...]
    person_pronouns: tuple[str, ...]
    demonstratives: tuple[str, ...]
    clitics: tuple[tuple[str, str], ...]  # (word, stem): «سخنانش» → «سخنان»
    content: tuple[str, ...]
    matched: tuple[str, ...]
    subject: str | None  # the person or role the question names itself
    opens_with_and: bool


class FollowupResolver:
    """Detects follow-ups and rewrites them, using the index's term statistics."""

    def __init__(self, service) -> None:
        """Keeps the answering service, whose normalizer and index statistics it reads."""
        self.service = service

    def _folded(self, words: str) -> frozenset[str]:
        return frozenset(self.service.normalizer.normalize(w) for w in words.split())

    # Word lists in the normalizer's spelling; built on first use (the normalizer loads hazm).
    @cached_property
    def _person_pronouns(self) -> frozenset[str]:
        return self._folded(_PERSON_PRONOUNS)

    @cached_property
    def _demonstratives(self) -> frozenset[str]:
        return self._folded(_DEMONSTRATIVES)

    @cached_property
    def _question_words(self) -> frozenset[str]:
        return self._folded(_QUESTION_WORDS)

    @cached_property
    def _generic(self) -> frozenset[str]:
        return self._folded(_GENERIC_WORDS)

    @cached_property
    def _roles(self) -> frozenset[str]:
        return self._folded(_ROLE_WORDS)

    # ---- reading a question ------------------------------------------------------------------

    def _terms(self, word: str) -> list[str]:
        return self.service.normalizer.terms_of_word(word)

    def _frequency(self, word: str) -> int:
        corpus = self.service.corpus_terms()
        if corpus is None:
            return 0
        return max((corpus.frequency(t) for t in self._terms(word)), default=0)

    def specificity(self, word: str) -> float:
        """How specific a word is in the index (its most specific known term); 0 if unknown."""
        corpus = self.service.corpus_terms()
        if corpus is None:
            return 0.0
        known = [t for t in self._terms(word) if corpus.frequency(t)]
        return max((corpus.specificity(t) for t in known), default=0.0)

    def _is_function_word(self, word: str) -> bool:
        return (
            word in self._question_words
            or word in self._generic
            or word in self._person_pronouns
            or word in self._demonstratives
            or any(t in self._generic for t in self._terms(word))
            or not self._terms(word)
        )

    def _read(self, question: str) -> _Reading:
        text = self.service.normalizer.normalize(question)
        words = tuple(_WORD.findall(text))
        opens_with_and = bool(words) and words[0] == "و"
        if opens_with_and:
            words = words[1:]
        demonstratives = []
        for i, word in enumerate(words):
            following = words[i + 1] if i + 1 < len(words) else ""
            # «این جلسه» names its noun; «این» before a question word or verb stands alone.
            if word in self._demonstratives and (
                not following or self._is_function_word(following)
            ):
                demonstratives.append(word)
        content = tuple(w for w in words if not self._is_function_word(w))
        clitics = tuple((w, stem) for w in content if (stem := self._clitic_stem(w)) is not None)
        matched = tuple(w for w in content if self._frequency(w))
        return _Reading(
            text=text,
            words=words,
            person_pronouns=tuple(w for w in words if w in self._person_pronouns),
            demonstratives=tuple(demonstratives),
            clitics=clitics,
            content=content,
            matched=matched,
            subject=self._person_in(text, answer=False),
            opens_with_and=opens_with_and,
        )

    def _clitic_stem(self, word: str) -> str | None:
        """«سخنانش» → «سخنان» when the documents know the stem but not the word."""
        for suffix in ("\u200cاش", "اش", "ش"):
            stem = word[: -len(suffix)]
            known_stem = len(stem) >= 2 and self._frequency(stem) > 0
            if word.endswith(suffix) and known_stem and not self._frequency(word):
                return stem
        return None

    def _role_phrase(self, words: tuple[str, ...]) -> str | None:
        """«استاندار آذربایجان شرقی» out of «استاندار آذربایجان شرقی چه گفت»."""
        for i, word in enumerate(words):
            if word in self._roles:
                phrase = [word]
                for following in words[i + 1 : i + ROLE_PHRASE_WORDS]:
                    if self._is_function_word(following) or following in self._roles:
                        break
                    phrase.append(following)
                return " ".join(phrase)
        return None

    def _person_in(self, text: str, *, answer: bool) -> str | None:
        """The person a (normalized) text names: a name, a known surname, or a role."""
        names = person_names(text)
        if names:
            return names[0]
        words = tuple(_WORD.findall(text))
        corpus = self.service.corpus_terms()
        people = corpus.people if corpus is not None else {}
        for word in words:
            if word in people:
                return people[word] if answer else word
        return self._role_phrase(words)

    # ---- resolving --------------------------------------------------------------------------

    def unchanged(self, question: str) -> Resolution:
        """The resolution of a question searched as asked."""
        return Resolution(searched=question)

    def resolve(self, question: str, previous: Exchange | None) -> Resolution:
        """The standalone question to search for `question`, asked after `previous`."""
        if previous is None or self.service.corpus_terms() is None:
            return self.unchanged(question)
        reading = self._read(question)
        if not reading.words:
            return self.unchanged(question)
        refers_to_person = reading.person_pronouns or reading.clitics
        if refers_to_person and reading.subject is None and previous.person:
            return Resolution(self._with_person(reading, previous.person), True, "pronoun")
        if (not reading.content and not reading.demonstratives) or self._fragment(reading):
            filled = self._ellipsis(reading, previous)
            if filled is not None:
                return Resolution(filled, True, "ellipsis")
        short = len(reading.content) <= FRAGMENT_MAX_WORDS
        if reading.opens_with_and and short and reading.subject and previous.person:
            swapped = self._other_person(previous, reading.subject)
            if swapped is not None:
                return Resolution(swapped, True, "and")
        if reading.opens_with_and and short and not reading.person_pronouns:
            asked_again = self._and_what(reading, previous)
            if asked_again is not None:
                return Resolution(asked_again, True, "and")
        vague = 0 < len(reading.content) <= VAGUE_MAX_WORDS and not reading.matched
        if (
            reading.demonstratives
            or refers_to_person
            or vague
            or (reading.opens_with_and and short)
        ):
            expanded = self._expanded(reading, previous)
            if expanded is not None:
                return Resolution(expanded, True, "expansion")
        return self.unchanged(question)

    def _other_person(self, previous: Exchange, person: str) -> str | None:
        """«و جهانگیری؟»: the previous question asked about another person, if it named one."""
        before = self.service.normalizer.normalize(previous.searched)
        named = self.service.normalizer.normalize(previous.person or "")
        for candidate in (named, *reversed(named.split())):
            if candidate and re.search(rf"(?<![\w\u200c]){re.escape(candidate)}", before):
                return _as_question(before.replace(candidate, person, 1))
        return None

    def _and_what(self, reading: _Reading, previous: Exchange) -> str | None:
        """«و درباره کرونا؟» after «جهانگیری درباره صادرات چه گفت؟»: «… درباره کرونا چه گفت؟».

        The previous question's question phrase and what follows it (usually the verb) are
        asked again of the new words, about the person the previous question named.
        """
        before = self.service.normalizer.normalize(previous.searched)
        frame = _WH_PHRASE.search(before)
        if frame is None or _WH_PHRASE.search(reading.text):
            return None
        person = previous.person or ""
        surname = person.rsplit(" ", 1)[-1]
        if reading.subject or not surname or surname not in before or surname in reading.text:
            person = ""
        tail = " ".join(_WORD.findall(before[frame.start() :]))
        if tail in _COPULAS and reading.words[0] == "درباره":
            tail = "چه گفت"
        return _as_question(f"{person} {' '.join(reading.words)} {tail}")

    def _fragment(self, reading: _Reading) -> bool:
        """«به ریاست چه کسی؟»: a question phrase with a word or two and no verb of its own."""
        asked = _WH_PHRASE.search(reading.text)
        if asked is None:
            return False
        rest = _WORD.findall(reading.text[: asked.start()] + " " + reading.text[asked.end() :])
        rest = [w for w in rest if w != "و"]
        generic = any(w in self._generic or set(self._terms(w)) & self._generic for w in rest)
        # words the documents don't know make a new question, not a fragment of the last one
        unknown = any(not self._is_function_word(w) and not self._frequency(w) for w in rest)
        return len(rest) <= FRAGMENT_MAX_WORDS and not generic and not unknown

    def _with_person(self, reading: _Reading, person: str) -> str:
        """Puts the person in place of the pronoun («او» → «پورمحمدی»), or after a clitic stem."""
        clitics = dict(reading.clitics)
        out, placed = [], False
        for word in reading.words:
            if not placed and word in self._person_pronouns:
                out.append(person)
                placed = True
            elif not placed and word in clitics:
                out.append(f"{clitics[word]} {person}")
                placed = True
            else:
                out.append(word)
        return _as_question(" ".join(out))

    def _ellipsis(self, reading: _Reading, previous: Exchange) -> str | None:
        """«به چه صورت؟» after «جلسه کی برگزار شد؟» → «جلسه به چه صورت برگزار شد؟».

        None when the previous question has no question phrase to take the place of.
        """
        asked = _WH_PHRASE.search(reading.text)
        before = self.service.normalizer.normalize(previous.searched)
        frame = _WH_PHRASE.search(before)
        if asked is not None and frame is not None:
            rest = " ".join(_WORD.findall(before[frame.end() :]))
            fragment = " ".join(reading.words)
            return _as_question(f"{before[: frame.start()].strip()} {fragment} {rest}")
        return None

    def _expanded(self, reading: _Reading, previous: Exchange) -> str | None:
        """The question with the previous question's key words (HQE); None if there are none."""
        own = {t for w in reading.words for t in self._terms(w)}
        ambiguous = max((self.specificity(w) for w in reading.matched), default=0.0)
        added: list[str] = []

        def add(word: str) -> None:
            terms = set(self._terms(word))
            if terms and not terms & own:
                added.append(word)
                own.update(terms)

        for word in previous.topic:
            add(word)
        if ambiguous < TOPIC_SPECIFICITY:
            subtopic = [
                w
                for w in self.topic_words(previous.searched, SUBTOPIC_SPECIFICITY)
                if self.specificity(w) < TOPIC_SPECIFICITY
            ]
            for word in subtopic[:SUBTOPIC_WORDS_ADDED]:
                add(word)
        if not added:
            return None
        words = list(reading.words)
        if reading.demonstratives:
            at = words.index(reading.demonstratives[0])
            words[at : at + 1] = added
            return _as_question(" ".join(words))
        return _as_question(f"درباره {' '.join(added)}، {' '.join(words)}")

    def topic_words(self, text: str, threshold: float = TOPIC_SPECIFICITY) -> list[str]:
        """Words of `text` at least `threshold` specific in the index, most specific first."""
        normalized = self.service.normalizer.normalize(text)
        words = [w for w in dict.fromkeys(_WORD.findall(normalized)) if w != "و"]
        scored = [(self.specificity(w), i, w) for i, w in enumerate(words)]
        kept = [(s, i, w) for s, i, w in scored if s >= threshold and not self._is_function_word(w)]
        return [w for _, _, w in sorted(kept, key=lambda item: (-item[0], item[1]))]

    # ---- remembering ------------------------------------------------------------------------

    def exchange(
        self,
        question: str,
        resolution: Resolution,
        answer: Answer,
        previous: Exchange | None,
        at: float,
    ) -> Exchange:
        """What the next follow-up may refer back to after this answer."""
        searched = self.service.normalizer.normalize(resolution.searched)
        answer_text = "" if answer.abstained else self.service.normalizer.normalize(answer.text)
        if answer.speaker is not None:
            person = answer.speaker.name
        elif question_type(searched) in ("person", "person_name"):
            person = self._person_in(answer_text, answer=True) or self._person_in(
                searched, answer=True
            )
        else:
            person = self._person_in(searched, answer=True)
            named = person_names(answer_text)
            if person is None or (named and not person_names(searched)):
                # a name in the answer says more than a role in the question
                person = self._person_in(answer_text, answer=True) or person
        topic = self.topic_words(resolution.searched)
        if resolution.rewritten and previous is not None:
            person = person or previous.person
            topic = list(dict.fromkeys([*topic, *previous.topic]))
        return Exchange(
            question=question,
            searched=resolution.searched,
            answer=answer.text if not answer.abstained else "",
            person=person,
            topic=tuple(topic[:TOPIC_WORDS_KEPT]),
            at=at,
        )


def _as_question(text: str) -> str:
    """Single spaces and one closing «؟»."""
    return " ".join(text.replace("؟", " ").replace("?", " ").split()) + "؟"
