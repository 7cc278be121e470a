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
from bot.answering.question_reading import WH_PHRASE, QuestionReader, QuestionReading
from bot.answering.question_types import question_type
from bot.answering.types import Answer

# «دیگه چی گفت؟» = «what else did he say»: the list of what was said answers it.
_ELSE = frozenset(("دیگه", "دیگر"))


class FollowupPeople:
    """Reads the people a follow-up refers to, against an answering service's index."""

    def __init__(self, reader: QuestionReader, references: References) -> None:
        """Keeps the question reader (index statistics) and the word lists."""
        self.reader = reader
        self.references = references

    def about_person(self, previous: Exchange) -> bool:
        """True when the previous question named a person or role, or asked who."""
        searched = self.reader.service.normalizer.normalize(previous.searched)
        if question_type(searched) in ("person", "person_name"):
            return True
        return self.reader.person_in(searched, answer=False) is not None

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
            return in_answer or self.reader.person_in(searched, answer=True)
        person = self.reader.person_in(searched, answer=True)
        if person is None or (person_names(answer_text) and not person_names(searched)):
            person = in_answer or person
        return person

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
        candidates = []
        for label, roles, spoke in corpus.speakers(previous.source):
            if _key(label) in before or before in _key(label) or _mentions(roles, before):
                continue  # the person the previous exchange was about
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
