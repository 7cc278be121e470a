"""Follow-ups about people: who the previous exchange was about, and who «the other one» is.

«معاون دیگر چه گفت؟» after an answer about one deputy asks about the other person of the same
report who holds that role; «نفر دیگر چی گفت؟» about the other person who spoke. Both are read
from the report's structure (its people, their roles, who is reported speaking), so nothing
here knows any one report.
"""

from __future__ import annotations

from bot.answering.conversation import Exchange
from bot.answering.followup_references import References
from bot.answering.person_names import person_names
from bot.answering.question_reading import WH_PHRASE, QuestionReader, QuestionReading, as_question
from bot.answering.question_types import question_type
from bot.answering.types import Answer

# A question with a verb and at most this many content words and no subject («با چی مخالفت
# کرد؟») can lean on the person of the previous exchange.
_SHORT_WORDS = 2
# «دیگه چی گفت؟» = «what else did he say»: the list of what was said answers it.
_ELSE = frozenset(("دیگه", "دیگر"))


class FollowupPeople:
    """Reads the people a follow-up refers to, against an answering service's index."""

    def __init__(self, reader: QuestionReader, references: References) -> None:
        """Keeps the question reader (index statistics) and the word lists."""
        self.reader = reader
        self.references = references

    def pointed(self, reading: QuestionReading, previous: Exchange) -> tuple[str, str] | None:
        """(question, reason) for a follow-up pointing at a person or a list line of `previous`."""
        other = self.other_speaker(reading, previous)
        if other is not None:
            return other, "other-person"
        if self.references.other_phrase(reading.text, self.reader.roles):
            return None  # «اون یکی» with two others, or none: «اون» here is no pronoun
        # «و سومی؟» after «دومی …؟»: the line of the list the conversation is about
        item = self.references.list_item(reading.text, previous.listing or previous.answer)
        if item is not None:
            phrase, line = item
            return as_question(" ".join(reading.words).replace(phrase, line, 1)), "list"
        if reading.subject is not None or not previous.person:
            return None
        about_person = self.about_person(previous)
        personal = {
            w for w, stem in reading.clitics if about_person or self.references.is_personal(stem)
        }
        if asks_who(reading.text):
            return None  # «چه کسی گفت …؟» asks for a person: there is no subject to fill
        said = self.references.asks_what_was_said(reading.words)
        spoken_of = set(reading.person_pronouns)
        if said and reading.demonstratives and reading.words[0] in reading.demonstratives:
            spoken_of.add(reading.words[0])  # «اون چی گفت؟»: colloquial «اون» is «او»
        if spoken_of or personal:
            for word, stem in reading.clitics:
                # «حرفاش درباره X چی بود؟» is «… درباره X چه گفت؟»: searched as what was said
                about = self.references.what_was_said(reading.words, word, stem)
                if word in personal and about:
                    return as_question(f"{previous.person} {' '.join(about)} چه گفت"), "pronoun"
            return self._with_person(reading, previous.person, spoken_of), "pronoun"
        # «با چی مخالفت کرد؟» after «نایب‌رئیس شورا کیست؟»: a short question with no subject
        # asks about the person the exchange was about
        focused = (
            not reading.opens_with_and
            and len(reading.content) <= _SHORT_WORDS
            and len(reading.matched) == len(reading.content)  # no word from elsewhere
            and any(self.references.is_action_verb(w) for w in reading.words)
            and self.focus_on_person(previous)
        )
        if (said and about_person) or (focused and not reading.demonstratives):
            return self.with_subject(reading, previous.person), "subject"
        return None

    def _with_person(self, reading: QuestionReading, person: str, spoken_of: set[str]) -> str:
        """Puts the person in place of the pronoun («او» → «پورمحمدی»), or after a clitic stem."""
        clitics = dict(reading.clitics)
        out, placed = [], False
        for word in reading.words:
            if not placed and word in spoken_of:
                out.append(person)
                placed = True
            elif not placed and word in clitics:
                out.append(f"{clitics[word]} {person}")
                placed = True
            else:
                out.append(word)
        return as_question(" ".join(out))

    def about_person(self, previous: Exchange) -> bool:
        """True when the previous question named a person or role, or asked who."""
        searched = self.reader.service.normalizer.normalize(previous.searched)
        if question_type(searched) in ("person", "person_name"):
            return True
        named = previous.person and set(previous.person.split()) & set(searched.split())
        return bool(named) or self.reader.person_in(searched, answer=False) is not None

    def focus_on_person(self, previous: Exchange) -> bool:
        """True when the previous exchange was about the person themselves: who they are, or
        what they said («نایب‌رئیس شورا کیست؟»، «موسوی چه گفت؟»), not a fact they figure in."""
        from bot.answering.intents import detect_intent

        searched = self.reader.service.normalizer.normalize(previous.searched)
        intent = detect_intent(searched)
        asked = intent is not None and intent.kind in ("person", "statements")
        return asked or question_type(searched) in ("person", "person_name")

    def person_of(self, searched: str, answer: Answer) -> str | None:
        """Who an exchange is about: the answer's speaker, else the person the answer names
        after «چه کسی …؟», else whom the question names (a name in the answer says more than
        a role in the question)."""
        normalize = self.reader.service.normalizer.normalize
        searched = normalize(searched)
        answer_text = "" if answer.abstained else normalize(answer.text)
        if answer.speaker is not None:
            return answer.speaker.name
        in_answer = self.reader.person_in(answer_text, answer=True)
        if question_type(searched) in ("person", "person_name"):
            asked = self.reader.person_in(searched, answer=True)
            return in_answer or self.holder(searched) or asked
        person = self.reader.person_in(searched, answer=True)
        if person is None or (person_names(answer_text) and not person_names(searched)):
            person = in_answer or person
        return person or self._asked_about(searched)

    def _asked_about(self, searched: str) -> str | None:
        """«امیری چه گفت؟»: whom a statements question asks about, even when no list of names
        or report structure knows them."""
        from bot.answering.intents import detect_intent

        intent = detect_intent(searched)
        if intent is None or intent.kind != "statements" or not intent.target.strip():
            return None
        return intent.target.strip()

    def holder(self, question: str) -> str | None:
        """The one named person whose role the question's role phrase names
        («کارگردان فیلم خانه‌ای در باد کیست؟» → the director the structure knows)."""
        corpus = self.reader.service.corpus_terms()
        phrase = self.reader.role_phrase(tuple(question.replace("؟", " ").split()))
        if corpus is None or not phrase:
            return None
        wanted = set(phrase.split())
        scored = [
            (len(wanted & set(" ".join(roles).split())), label)
            for label, roles, _, named in corpus.speakers(None)
            if named and any(r.split()[:1] == phrase.split()[:1] for r in roles)
        ]
        best = max((score for score, _ in scored), default=0)
        labels = {label for score, label in scored if score == best}
        return labels.pop() if best and len(labels) == 1 else None

    def with_subject(self, reading: QuestionReading, person: str) -> str:
        """«درباره شهریه چی گفت» → «نوروزی درباره شهریه چی گفت»: the subject put back."""
        words = [w for w in reading.words if w not in _ELSE]
        return " ".join([person, *words]) + "؟"

    def other_speaker(self, reading: QuestionReading, previous: Exchange) -> str | None:
        """The question with «معاون دیگر» / «نفر دیگر» replaced by the one other person meant.

        None when the question says no such thing, or when the report has not exactly one
        other person who fits (two other deputies: asking which is better than guessing).
        """
        found = self.references.other_phrase(reading.text, self.reader.roles)
        if found is None or not previous.person:
            return None
        phrase, role = found
        corpus = self.reader.service.corpus_terms()
        if corpus is None:
            return None
        before = _key(previous.person)
        speakers = corpus.speakers(previous.source)
        own_roles = [
            _key(r)
            for label, roles, _, _ in speakers
            if _key(label) in before or before in _key(label)
            for r in roles
        ]
        candidates = []
        for label, roles, spoke, named in speakers:
            if _key(label) in before or before in _key(label) or _mentions(roles, before):
                continue  # the person the previous exchange was about
            if not named and any(_same_office(_key(r), own_roles) for r in roles):
                continue  # «معاون امور زراعت» speaking unnamed: that person's role again
            if (role and any(role in r.split() for r in roles)) or (not role and spoke):
                candidates.append(label)
        candidates = list(dict.fromkeys(candidates))
        if len(candidates) != 1:
            return None
        text = reading.text.replace(phrase, candidates[0], 1)
        if WH_PHRASE.search(text) is None:
            text += " چه گفت"
        return " ".join(text.replace("؟", " ").split()) + "؟"


def _key(text: str) -> str:
    return " ".join(text.replace("\u200c", " ").split())


def _mentions(roles: tuple[str, ...], person: str) -> bool:
    """True when the previous exchange named this person by one of their roles."""
    return any(_key(role) and (_key(role) in person or person in _key(role)) for role in roles)


def _same_office(role: str, held: list[str]) -> bool:
    """True when `role` opens with the first two words of a role in `held` («معاون امور
    زراعت …» and «معاون امور زراعت وزارت جهاد کشاورزی»): one office, said shorter."""
    words = role.split()[:2]
    return len(words) == 2 and any(h.split()[:2] == words for h in held)


def asks_who(text: str) -> bool:
    """«چه کسی گفت …؟» asks for a person: there is no subject to fill."""
    return question_type(text) in ("person", "person_name") or "چه کسی" in text
