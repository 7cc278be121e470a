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

from bot.answering.conversation import Exchange
from bot.answering.followup_ellipsis import FRAGMENT_MAX_WORDS, Ellipses
from bot.answering.followup_people import FollowupPeople, asks_who
from bot.answering.followup_who_said import WHO_SAID, who_said_it
from bot.answering.question_reading import (
    WH_PHRASE,
    WORD,
    QuestionReader,
    QuestionReading,
    as_question,
)
from bot.answering.types import Answer

# HQE's two thresholds, on `CorpusTerms.specificity`: topic words are in few sentences,
# sub-topic words in more. 0.5 is a word in about 1 sentence in 10 of a report of forty
# sentences (1 in 150 of a corpus of 20,000); 0.3 is about 1 in 3 (1 in 2,000).
TOPIC_SPECIFICITY = 0.5
SUBTOPIC_SPECIFICITY = 0.3
TOPIC_WORDS_KEPT = 6
SUBTOPIC_WORDS_ADDED = 3
# A question whose one content word the documents don't know leans on its context («قیمتش
# چند است؟»); with two or more unknown words («پایتخت فرانسه کجاست؟») it is off-topic.
VAGUE_MAX_WORDS = 1
# «و درباره کرونا؟» after «… چیست؟»: a copula can't be asked of a topic; what was said can.
_COPULAS = frozenset(("چیست", "کیست", "کجاست", "چیه"))
# «کریمی چی؟», «صادقی چطور؟», «در مورد کریمی چی؟»: what about another person. Left around the
# person's name, nothing but these.
_WHAT_ABOUT = re.compile(
    r"^\s*(?:و\s+)?(?:(?:در\s*مورد|درباره|راجع\s*به)\s+)?\s*(?P<who>.+?)\s+(?:هم\s+)?"
    r"(?:چی|چه|چطور|چطوره|چه[\s\u200c]*طور|چی[\s\u200c]*طور)\s*[؟?]?\s*$"
)


@dataclass(frozen=True)
class Resolution:
    """What to search for a question.

    Attributes:
        searched: The standalone question to search.
        rewritten: True when `searched` was rewritten from the question with its context.
        reason: Why: "pronoun", "ellipsis", "and", "expansion", "who said it", or "" when not
            rewritten.
    """

    searched: str
    rewritten: bool = False
    reason: str = ""


class FollowupResolver:
    """Detects follow-ups and rewrites them, using the index's term statistics."""

    def __init__(self, service) -> None:
        """Keeps the answering service, whose normalizer and index statistics it reads."""
        self.service = service
        self.reader = QuestionReader(service)
        self.references = self.reader.references
        self.people = FollowupPeople(self.reader, self.references)
        self.ellipses = Ellipses(self.reader, self.references)

    # ---- resolving --------------------------------------------------------------------------

    def unchanged(self, question: str) -> Resolution:
        """The resolution of a question searched as asked."""
        return Resolution(searched=question)

    def resolve(
        self, question: str, previous: Exchange | None, who_said: bool = True
    ) -> Resolution:
        """The standalone question to search for `question`, asked after `previous`;
        `who_said=False` reads «کی اینو گفت؟» as any other follow-up."""
        if previous is None or self.service.corpus_terms() is None:
            return self.unchanged(question)
        reading = self.reader.read(question)
        said = who_said_it(reading.text, previous.answer, previous.searched) if who_said else None
        if said is not None:
            return Resolution(said, True, WHO_SAID)
        if not reading.words:
            return self.unchanged(question)
        pointed = self.people.pointed(reading, previous)
        if pointed is not None:
            return Resolution(pointed[0], True, pointed[1])
        if self.references.other_phrase(reading.text, self.reader.roles):
            # «اون یکی مدیرکل» with no one other holder to name: better asked as it is
            return self.unchanged(question)
        about = _WHAT_ABOUT.match(reading.text)
        if about and reading.subject and previous.person and reading.subject in about["who"]:
            swapped = self._other_person(previous, reading.subject)
            if swapped is not None:
                return Resolution(swapped, True, "and")
        if (not reading.content and not reading.demonstratives) or self.ellipses.fragment(reading):
            filled = self.ellipses.filled(reading, previous)
            if filled is not None:
                return Resolution(filled, True, "ellipsis")
        short = len(reading.content) <= FRAGMENT_MAX_WORDS
        if reading.opens_with_and and short and reading.subject and previous.person:
            swapped = self._other_person(previous, reading.subject)
            if swapped is not None:
                return Resolution(swapped, True, "and")
        # «و مساحت جنگل‌های سوخته؟»: an «و» with no question of its own is a fragment
        fragment_and = short or WH_PHRASE.search(reading.text) is None
        if reading.opens_with_and and fragment_and and not reading.person_pronouns:
            asked_again = self._and_what(reading, previous)
            if asked_again is not None:
                return Resolution(asked_again, True, "and")
        vague = 0 < len(reading.content) <= VAGUE_MAX_WORDS and not reading.matched
        if (
            reading.demonstratives
            or self._thing_clitics(reading)
            or vague
            or not reading.content
            or (reading.opens_with_and and short)
        ):
            expanded = self._expanded(reading, previous)
            if expanded is not None:
                return Resolution(expanded, True, "expansion")
        return self.unchanged(question)

    def after_decline(self, question: str, previous: Exchange) -> Resolution | None:
        """The question with the conversation's topic words, to ask again when it was left as
        asked and found nothing; None when a word of it is unknown to the documents (an
        off-topic question stays declined), when it names its own subject and points at
        nothing («فرماندار رفسنجان چه کسی است؟»), when it asks who (the topic's person would
        answer it), or when there is nothing to add."""
        if self.service.corpus_terms() is None:
            return None
        reading = self.reader.read(question)
        if not reading.content or len(reading.matched) < len(reading.content):
            return None
        pointing = any(w in self.reader.demonstratives for w in reading.words)
        if (reading.subject is not None and not pointing) or asks_who(reading.text):
            return None
        if self.references.other_phrase(reading.text, self.reader.roles):
            return None  # «اون یکی مدیرکل» with no one to name was left as asked on purpose
        expanded = self._expanded(reading, previous)
        return Resolution(expanded, True, "expansion") if expanded is not None else None

    def _other_person(self, previous: Exchange, person: str) -> str | None:
        """«و جهانگیری؟»: the previous question asked about another person, if it named one."""
        before = self.service.normalizer.normalize(previous.searched)
        named = self.service.normalizer.normalize(previous.person or "")
        # The answer may name whom the question called by role («استاندار» → «… پورمحمدی»).
        asked = self.reader.person_in(before, answer=False) or ""
        for candidate in (named, *reversed(named.split()), asked):
            if candidate and re.search(rf"(?<![\w\u200c]){re.escape(candidate)}", before):
                return as_question(before.replace(candidate, person, 1))
        return None

    def _and_what(self, reading: QuestionReading, previous: Exchange) -> str | None:
        """«و درباره کرونا؟» after «جهانگیری درباره صادرات چه گفت؟»: «… درباره کرونا چه گفت؟».

        The previous question's question phrase and what follows it (usually the verb) are
        asked again of the new words, about the person the previous question named.
        """
        before = self.service.normalizer.normalize(previous.searched)
        frame = WH_PHRASE.search(before)
        if frame is None or WH_PHRASE.search(reading.text):
            return None
        person = previous.person or ""
        surname = person.rsplit(" ", 1)[-1]
        if reading.subject or not surname or surname not in before or surname in reading.text:
            person = ""
        tail = " ".join(WORD.findall(before[frame.start() :]))
        if tail in _COPULAS and reading.words[0] == "درباره":
            tail = "چه گفت"
        return as_question(f"{person} {' '.join(reading.words)} {tail}")

    def _thing_clitics(self, reading: QuestionReading) -> list[tuple[str, str]]:
        """Clitics on nouns of things («خسارتش»), not on what people say («حرفاش»)."""
        return [(w, stem) for w, stem in reading.clitics if not self.references.is_personal(stem)]

    def _expanded(self, reading: QuestionReading, previous: Exchange) -> str | None:
        """The question with the previous question's key words (HQE); None if there are none."""
        own = {t for w in reading.words for t in self.reader.terms(w)}
        ambiguous = max((self.reader.specificity(w) for w in reading.matched), default=0.0)
        added: list[str] = []

        def add(word: str) -> None:
            terms = set(self.reader.terms(word))
            if terms and not terms & own:
                added.append(word)
                own.update(terms)

        for word in previous.topic:
            add(word)
        if ambiguous < TOPIC_SPECIFICITY:
            subtopic = [
                w
                for w in self.topic_words(previous.searched, SUBTOPIC_SPECIFICITY)
                if self.reader.specificity(w) < TOPIC_SPECIFICITY
            ]
            for word in subtopic[:SUBTOPIC_WORDS_ADDED]:
                add(word)
        if not added:
            return None
        words = list(reading.words)
        if self._thing_clitics(reading):  # «خسارتش» after the flood: «خسارت سیلاب …»
            word, stem = self._thing_clitics(reading)[0]
            at = words.index(word)
            words[at : at + 1] = [stem, *added]
            return as_question(" ".join(words))
        if reading.demonstratives:
            at = words.index(reading.demonstratives[0])
            words[at : at + 1] = added
            return as_question(" ".join(words))
        return as_question(f"درباره {' '.join(added)}، {' '.join(words)}")

    def topic_words(self, text: str, threshold: float = TOPIC_SPECIFICITY) -> list[str]:
        """Words of `text` at least `threshold` specific in the index, most specific first."""
        normalized = self.service.normalizer.normalize(text)
        words = [w for w in dict.fromkeys(WORD.findall(normalized)) if w != "و"]
        scored = [(self.reader.specificity(w), i, w) for i, w in enumerate(words)]
        kept = [
            (s, i, w)
            for s, i, w in scored
            if s >= threshold and not self.reader.is_function_word(w)
        ]
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
        person = self.people.person_of(resolution.searched, answer)
        topic = self.topic_words(resolution.searched)
        source = answer.source
        if resolution.rewritten and previous is not None:
            person = person or previous.person
            topic = list(dict.fromkeys([*topic, *previous.topic]))
            # a declined follow-up is still about the conversation's report («اون یکی
            # مدیرکل» next needs its speakers)
            source = source or previous.source
        text = answer.text if not answer.abstained else ""
        listing = text if self.references.list_lines(text) else ""
        if resolution.reason == "list" and previous is not None:
            listing = previous.listing or previous.answer
        return Exchange(
            question=question,
            searched=resolution.searched,
            answer=text,
            person=person,
            topic=tuple(topic[:TOPIC_WORDS_KEPT]),
            at=at,
            source=source,
            listing=listing,
        )
