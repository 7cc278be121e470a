"""One question-and-answer exchange of a conversation, and asking a question in its context.

The CLI keeps the last exchange in a variable, the Telegram bot in `ConversationStore`; both
answer through `ask_in_context`, so a follow-up is understood the same way everywhere.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.answering.followup_who_said import WHO_SAID
from bot.answering.types import Answer

if TYPE_CHECKING:
    from bot.answering.followup import FollowupResolver
    from bot.answering.service import AnsweringService


@dataclass(frozen=True)
class Exchange:
    """What a follow-up may refer back to.

    Attributes:
        question: The question as asked.
        searched: What was searched: the resolved question, or the question as asked.
        answer: The answer's text ("" when pasokh declined).
        person: Who the exchange is about (a name, or a role such as «استاندار …»), if anyone.
        topic: Words of the conversation's topic, most specific first (HQE topic terms).
        source: The document the answer came from, if any.
        at: `time.monotonic()` when it was answered.
        listing: The list answer that «اولی»، «دومی» pick lines of: this answer when it is
            a list, or the list an earlier exchange picked a line of («دومی …؟» then «و
            سومی؟»); "" when there is none.
    """

    question: str
    searched: str
    answer: str
    person: str | None = None
    topic: tuple[str, ...] = ()
    at: float = 0.0
    source: str | None = None
    listing: str = ""


def ask_in_context(
    service: AnsweringService,
    resolver: FollowupResolver,
    question: str,
    previous: Exchange | None,
    k: int = 3,
) -> tuple[Answer, Exchange]:
    """Answers `question`, rewritten first when it is a follow-up of `previous`.

    A rewritten question that finds nothing while the question as asked does is answered as
    asked: a wrong guess about the context must not cost an answer. A question left as asked
    that finds nothing, though the documents know all its words, is asked again with the
    conversation's topic words (`FollowupResolver.after_decline`). «کی اینو گفت؟» asked as
    «چه کسی گفت <the previous answer>؟» that finds nobody is read as any other follow-up.

    Raises:
        EmptyQuestionError: The question has no words.
    """
    from bot.answering.service import clip_question

    question, truncated = clip_question(question, service.settings.max_question_chars)
    resolution = resolver.resolve(question, previous)
    answer = service.ask(resolution.searched, k=k)
    if resolution.reason == WHO_SAID and answer.abstained:
        # no statement holds the previous answer's words: read it as any other follow-up
        resolution = resolver.resolve(question, previous, who_said=False)
        answer = service.ask(resolution.searched, k=k)
    if resolution.rewritten:
        # «وی درباره تلفات چی گفت؟» read as X's words declines for X, whom the report names:
        # asked as it stands it would answer with whoever's words hold «تلفات», which the user
        # did not ask for. A pronoun read as a role nobody holds may still be a wrong guess.
        about_them = (
            resolution.reason == "pronoun"
            and answer.kind in ("statements", "person")
            and answer.speaker is not None
        )
        fresh = service.ask(question, k=k) if answer.abstained and not about_them else None
        if fresh is not None and not fresh.abstained:
            answer, resolution = fresh, resolver.unchanged(question)
        else:
            answer = replace(answer, resolved_question=resolution.searched)
    elif answer.abstained and previous is not None:
        # Found nothing on its own, though every word of it is in the documents: HQE's
        # retrieval test says it leans on the conversation («کاظمی چرا با آن مخالف بود؟»).
        retry = resolver.after_decline(question, previous)
        second = service.ask(retry.searched, k=k) if retry is not None else None
        if second is not None and not second.abstained:
            answer, resolution = replace(second, resolved_question=retry.searched), retry
    answer = replace(answer, question=question, truncated=truncated or answer.truncated)
    exchange = resolver.exchange(question, resolution, answer, previous, time.monotonic())
    return answer, exchange
