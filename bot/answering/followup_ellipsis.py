"""Ellipsis: a follow-up that is only a question phrase, or one with a word or two.

«به چه صورت؟» after «جلسه کی برگزار شد؟» asks «جلسه به چه صورت برگزار شد؟»: the follow-up's
question phrase takes the place of the previous question's. When the previous question asked
nothing («… را خلاصه کن») its known words are the subject; when the follow-up has a verb of its
own that the previous answer holds («کی اجرا می‌شود؟» after «… نرخ‌های تازه از اول خرداد اجرا
می‌شود»), the words before that verb in the answer are.
"""

from __future__ import annotations

import re

from bot.answering.conversation import Exchange
from bot.answering.followup_references import References
from bot.answering.question_reading import (
    WH_PHRASE,
    WORD,
    QuestionReader,
    QuestionReading,
    as_question,
)

# A fragment («به ریاست چه کسی؟»، «و جهانگیری؟») holds at most this many words besides
# the question phrase.
FRAGMENT_MAX_WORDS = 2
# The subject a follow-up with its own verb takes from the previous answer, at most.
ANSWER_CLAUSE_WORDS = 6


class Ellipses:
    """Tells fragments apart and fills them from the previous exchange."""

    def __init__(self, reader: QuestionReader, references: References) -> None:
        """Keeps the question reader (index statistics) and the word lists."""
        self.reader = reader
        self.references = references

    def fragment(self, reading: QuestionReading) -> bool:
        """«به ریاست چه کسی؟»: a question phrase with a word or two and no verb of its own."""
        asked = WH_PHRASE.search(reading.text)
        if asked is None:
            return False
        rest = WORD.findall(reading.text[: asked.start()] + " " + reading.text[asked.end() :])
        rest = [w for w in rest if w != "و"]
        generic = any(
            w in self.reader.generic or set(self.reader.terms(w)) & self.reader.generic
            for w in rest
        )
        # words the documents don't know make a new question, not a fragment of the last one
        unknown = any(
            not self.reader.is_function_word(w) and not self.reader.frequency(w) for w in rest
        )
        return len(rest) <= FRAGMENT_MAX_WORDS and not generic and not unknown

    def filled(self, reading: QuestionReading, previous: Exchange) -> str | None:
        """«به چه صورت؟» after «جلسه کی برگزار شد؟» → «جلسه به چه صورت برگزار شد؟».

        The follow-up's question phrase takes the place of the previous one's; the noun of
        «چند گردشگر» stays (asked «چرا؟», the question is still about the visitors), and a
        follow-up with a verb of its own («کی تمام می‌شود؟») keeps only the previous subject.
        None when the previous question has no question phrase to take the place of.
        """
        asked = WH_PHRASE.search(reading.text)
        before = self.reader.service.normalizer.normalize(previous.searched)
        frame = WH_PHRASE.search(before)
        if asked is not None and frame is None:
            # «گزارش جلسه … را خلاصه کن» asks nothing to take the place of: its subject is
            # the words of it the documents know («جلسه شورای شهر بوشهر به ریاست چه کسی؟»)
            known = [
                w
                for w in WORD.findall(before)
                if not self.reader.is_function_word(w) and self.reader.frequency(w)
            ]
            return as_question(" ".join([*known, *reading.words])) if known else None
        if asked is None or frame is None:
            return None
        subject = before[: frame.start()].strip()
        fragment = " ".join(reading.words)
        after = WORD.findall(reading.text[asked.end() :])
        if any(self.references.is_verb(w) for w in after):
            said = self._answer_clause(previous.answer, after)
            return as_question(f"{said or subject} {fragment}")
        phrase = frame.group(0).split()
        noun = ""
        if len(phrase) >= 2 and phrase[-2] in ("چند", "کدام") and not _counted(asked.group(0)):
            noun = " ".join([*phrase[:-2], phrase[-1]])
        elif len(phrase) >= 2 and phrase[-2] == "چه":
            # «چه تصمیمی گرفت؟» then «با چند رأی؟»: «… با چند رأی تصمیم گرفت»
            stem = re.sub("(?:\u200cا)?ی$", "", phrase[-1])
            noun = "" if self.reader.is_function_word(stem) else stem
        rest = " ".join(WORD.findall(before[frame.end() :]))
        return as_question(f"{subject} {fragment} {noun} {rest}")

    def _answer_clause(self, answer: str, verb: list[str]) -> str:
        """«کی اجرا می‌شود؟» after an answer saying «نرخ‌های تازه از اول خرداد اجرا می‌شود»:
        the content words before that verb in the answer («نرخ‌های تازه اول خرداد»), the
        subject the follow-up leaves out; "" when the answer has no clause with the verb."""
        phrase = " ".join(verb)
        for sentence in re.split(r"[.!؟?\n]", self.reader.service.normalizer.normalize(answer)):
            at = sentence.find(phrase)
            if at <= 0:
                continue
            clause = re.split(r"[،,:؛]", sentence[:at])[-1]
            words = [w for w in WORD.findall(clause) if not self.reader.is_function_word(w)]
            if words:
                return " ".join(words[-ANSWER_CLAUSE_WORDS:])
        return ""


def _counted(phrase: str) -> bool:
    """True for «چند روستا»، «کدام شهر»: a question phrase that names what it counts."""
    words = phrase.split()
    return len(words) >= 2 and words[-2] in ("چند", "کدام")
