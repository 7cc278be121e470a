"""Answers from a document's structure: who someone is, what they said, the headline, the
decisions, a summary. Returns None whenever the structure can't answer, so the caller falls
back to sentence retrieval; a question about someone the document does not name is never
answered with somebody else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cached_property

import numpy as np

from bot.answering.decision_answers import decisions_answer
from bot.answering.intents import Intent
from bot.answering.person_lookup import (
    find_people,
    nearest_in_role,
    people_named,
    people_with_role,
)
from bot.answering.report_choice import (
    AMBIGUOUS_REPORT,
    MAX_LISTED,
    ReportChooser,
    can_answer,
)
from bot.answering.report_setting import (
    chair_not_stated,
    next_gathering_answer,
    role_nobody_holds,
    setting_answer,
)
from bot.answering.speaker_answers import speaker_answer
from bot.answering.speaker_intents import SPEAKER_DETAILS
from bot.answering.statement_answers import statements_answer
from bot.answering.structure_view import StructureView, describe, role_header, speaker_of
from bot.answering.summary import clip_line, summarize
from bot.answering.text_clipping import MAX_ANSWER_CHARS
from bot.answering.types import Answer
from embeddings.hybrid_retriever import RankedChunk
from embeddings.structure import lexicon as lx
from embeddings.structure.headline import topic_phrase
from embeddings.structure.mentions import roles_in
from embeddings.structure.model import Person

NO_NAME = "نام {role} در متن نیامده است."
ONLY_SURNAME = "متن نام کوچک {name} را نیاورده است."
NO_ROLE = "متن سمتی برای {name} نیاورده است."
AMBIGUOUS = "چند نفر با این عنوان در متن هستند: {names}"
# Evidence is cut to the room left in a 400-character answer, but not below this.
MIN_EVIDENCE_CHARS = 80
# «رئیس جلسه», «رئیس این مجمع»: the chair of the gathering, not an office
_CHAIR_ROLE = re.compile(r"^\s*رئیس\s+(?:این\s+)?(?:جلسه|نشست|مجمع|همایش|اجلاس|کنفرانس)\S*\s*$")


class StructuredAnswerer(StructureView):
    """Answers intents from the structures of an index's documents."""

    @cached_property
    def chooser(self) -> ReportChooser:
        """Picks the report a question means among several that could answer it."""
        return ReportChooser(self.document_terms)

    def document_terms(self, doc: int) -> set[str]:
        """Every lexical term of a document's sentences (computed once per document)."""
        cache = self.__dict__.setdefault("_document_terms", {})
        if doc not in cache:
            rows = self.data.sentences[self.first[doc] : self.first[doc] + self.counts[doc]]
            cache[doc] = {term for row in rows for term in row["terms"]}
        return cache[doc]

    def answer(
        self,
        intent: Intent,
        question: str,
        ranked: list[RankedChunk],
        vector: np.ndarray,
        terms_of: Callable[[str], list[str]],
        only: int | None = None,
        words_of: Callable[[str], list] | None = None,
        vector_of: Callable[[str], np.ndarray] | None = None,
    ) -> Answer | None:
        """The structured answer to `question`, or None to fall back to retrieval; `only`
        restricts it to one document (the one the user chose); `words_of` gives a text's
        words with their terms, spoken forms written (`PersianTextNormalizer.question_words`)."""
        candidates = self.documents_by_relevance(ranked) if only is None else [only]
        intent = self._chair_by_name(intent, candidates)
        docs = [d for d in candidates if can_answer(intent, self.structures[d], self.counts[d])]
        if not docs:
            if intent.kind == "person" and intent.detail == "chair":
                return chair_not_stated(self, question, candidates, ranked)
            if intent.detail in SPEAKER_DETAILS:
                return None  # nobody is quoted: retrieval
            return role_nobody_holds(self, intent, question, candidates, ranked)
        chosen = self.chooser.choose(question, docs, terms_of)
        if len(chosen) > 1:
            return self._which_report(question, intent.kind, chosen, ranked)
        docs = chosen
        if intent.kind == "summary":
            return self.summary(docs[0], question, ranked)
        if intent.kind == "headline":
            return self._headline(intent, question, docs[0], ranked)
        if intent.kind == "decisions":
            return decisions_answer(self, intent, question, docs, ranked, terms_of)
        if intent.kind == "person" and intent.detail == "chair":
            return self._chair(question, docs, ranked)
        if intent.kind == "person" and intent.detail in SPEAKER_DETAILS:
            return speaker_answer(
                self, intent, question, docs[0], ranked, terms_of, words_of, vector_of
            )
        people, doc = self._people(intent, docs)
        if not people:
            return None
        structure = self.structures[doc]
        if len(people) > 1 and intent.worded and vector_of is not None:
            people = nearest_in_role(structure, people, intent.worded, vector_of)
        if len(people) > 1:
            names = "، ".join(describe(structure.people[p]) for p in people)
            numbers = [
                structure.people[p].evidence[0] for p in people if structure.people[p].evidence
            ]
            return self._decline(
                question, intent.kind, doc, AMBIGUOUS.format(names=names), numbers, ranked
            )
        if intent.kind == "statements":
            return statements_answer(
                self,
                intent,
                question,
                doc,
                people[0],
                ranked,
                vector,
                terms_of,
                words_of,
                vector_of,
            )
        return self._person(intent, question, doc, people[0], ranked)

    def _which_report(
        self, question: str, kind: str, docs: list[int], ranked: list[RankedChunk]
    ) -> Answer:
        """A decline that lists the reports the question may be about, by headline."""
        names = [self.data.documents[d]["name"] for d in docs]
        listed = []
        for doc, name in zip(docs[:MAX_LISTED], names, strict=False):
            headline = self.structures[doc].headline
            title = self.sentence(doc, headline).strip() if headline is not None else ""
            listed.append(f"«{clip_line(title, 80)}» ({name})" if title else name)
        if len(docs) > MAX_LISTED:
            listed.append("…")
        note = AMBIGUOUS_REPORT.format(reports="، ".join(listed))
        answer = self._decline(question, kind, docs[0], note, [], ranked)
        return replace(answer, passages=[], choices=tuple(names))

    def _people(self, intent: Intent, docs: list[int]) -> tuple[list[int], int]:
        """The people the intent's target names in the most relevant document naming any."""
        for doc in docs:
            for target in (intent.target, *intent.alternatives):
                people = find_people(self.structures[doc], target)
                if people:
                    return people, doc
        return [], -1

    def _evidence(self, doc: int, person: Person, target: str) -> list[int]:
        """Up to two sentences that name the person or tie them to the role asked about."""
        chosen: list[int] = []
        surname = lx.key(person.surname) if person.surname else ""
        query_role = roles_in(target)
        for number in person.evidence:
            text = lx.key(self.sentence(doc, number))
            if (
                surname
                and surname in text
                and not any(surname in lx.key(self.sentence(doc, c)) for c in chosen)
            ) or (query_role and lx.key(query_role[0].text) in text and number not in chosen):
                chosen.append(number)
        return sorted(chosen[:2] or person.evidence[:1])

    def _person(
        self, intent: Intent, question: str, doc: int, index: int, ranked: list[RankedChunk]
    ) -> Answer:
        person = self.structures[doc].people[index]
        speaker = speaker_of(person)
        numbers = self._evidence(doc, person, intent.target)
        if not person.name and intent.detail != "role":
            note = NO_NAME.format(role=person.label)
            return self._decline(question, "person", doc, note, numbers, ranked, speaker)
        if intent.detail == "given" and not person.given:
            note = ONLY_SURNAME.format(name=person.name)
            return self._decline(question, "person", doc, note, numbers, ranked, speaker)
        if intent.detail == "role" and not person.roles:
            note = NO_ROLE.format(name=person.label)
            return self._decline(question, "person", doc, note, numbers, ranked, speaker)
        header = {
            "given": f"{person.given} ({person.name})",
            "surname": person.surname,
            "role": role_header(person),
        }.get(intent.detail, describe(person))
        lines = self._with_evidence([header], doc, numbers)
        return self._answer(question, "person", doc, lines, numbers, ranked, speaker)

    def _with_evidence(self, lines: list[str], doc: int, numbers: list[int]) -> list[str]:
        """The answer's lines plus as much of the evidence sentences as fits in 400 characters
        (a person is one fact; the passages shown with it hold the sentences whole)."""
        lines = list(lines)
        for number in numbers:
            room = MAX_ANSWER_CHARS - sum(len(line) + 1 for line in lines)
            if room < MIN_EVIDENCE_CHARS:
                break
            lines.append(clip_line(self.sentence(doc, number), room))
        return lines

    def _chair_people(self, doc: int) -> tuple[list[int], str]:
        """Who the chair sentence names after «به ریاست» / «ریاست … را» (one, or none), and
        the words after that cue."""
        structure = self.structures[doc]
        if structure.chair is None:
            return [], ""
        sentence = self.sentence(doc, structure.chair)
        cue = lx.CHAIR_CUE.search(lx.fold(sentence))
        after = sentence[cue.end() :] if cue else ""
        people = people_named(structure, " ".join(after.split()[:4]))[:1]
        return people or people_with_role(structure, after), after

    def _chair_by_name(self, intent: Intent, docs: list[int]) -> Intent:
        """«رئیس مجمع چه گفت؟» when nobody holds that role in words: the one the report says
        chaired it («ریاست این مجمع را X بر عهده داشت»), asked by name."""
        if intent.kind not in ("person", "statements") or not _CHAIR_ROLE.match(
            lx.fold(intent.target)
        ):
            return intent
        if any(find_people(self.structures[d], intent.target) for d in docs):
            return intent
        for doc in docs:
            people, _ = self._chair_people(doc)
            if len(people) == 1 and self.structures[doc].people[people[0]].name:
                return replace(intent, target=self.structures[doc].people[people[0]].name)
        return intent

    def _chair(self, question: str, docs: list[int], ranked: list[RankedChunk]) -> Answer | None:
        for doc in docs:
            structure = self.structures[doc]
            if structure.chair is None:
                continue
            people, after = self._chair_people(doc)
            if len(people) != 1 or not structure.people[people[0]].name:
                roles = roles_in(after)
                header = [NO_NAME.format(role=roles[0].text)] if roles else []
                lines = self._with_evidence(header, doc, [structure.chair])
                return self._answer(question, "person", doc, lines, [structure.chair], ranked)
            person = structure.people[people[0]]
            numbers = sorted({structure.chair, *self._evidence(doc, person, "")})[:2]
            lines = self._with_evidence([describe(person)], doc, numbers)
            return self._answer(question, "person", doc, lines, numbers, ranked, speaker_of(person))
        return None

    def _headline(
        self, intent: Intent, question: str, doc: int, ranked: list[RankedChunk]
    ) -> Answer | None:
        structure = self.structures[doc]
        if intent.detail in ("place", "time", "guests"):
            return setting_answer(self, intent.detail, question, doc, ranked)
        if intent.detail == "next":
            return next_gathering_answer(self, question, doc, ranked)
        if intent.detail == "title" and structure.headline is not None:
            numbers = [n for n in (structure.kicker, structure.headline) if n is not None]
            line = " ".join(self.sentence(doc, n).strip() for n in numbers)
            return self._answer(question, "headline", doc, [line], numbers, ranked)
        number = structure.topic if structure.topic is not None else structure.lead
        if number is None:
            number = structure.headline
        if number is None:
            return None
        sentence = self.sentence(doc, number)
        # The phrase that says the topic («با محوریت …») first, then the sentence it is read
        # from as evidence, as far as it fits: a phrase cut short never hides the sentence.
        phrase = topic_phrase(sentence) if number == structure.topic else None
        if phrase is not None:
            lines = self._with_evidence([phrase], doc, [number])
        elif structure.headline is not None and number != structure.headline:
            # no phrase says the topic: the headline does, the lead as its evidence
            lines = self._with_evidence(
                [self.sentence(doc, structure.headline).strip()], doc, [number]
            )
        else:
            lines = [clip_line(sentence, MAX_ANSWER_CHARS)]
        return self._answer(question, "headline", doc, lines, [number], ranked)

    def summary(self, doc: int, question: str, ranked: list[RankedChunk]) -> Answer | None:
        """The summary of one document (None when it has no sentences)."""
        rows = slice(self.first[doc], self.first[doc] + self.counts[doc])
        picked = summarize(
            self.structures[doc], self.sentences(doc), self.data.sentence_vectors[rows]
        )
        if not picked:
            return None
        numbers = [n for n, _ in picked]
        return self._answer(question, "summary", doc, [line for _, line in picked], numbers, ranked)
