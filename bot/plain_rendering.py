"""Answers as plain text, for the terminal (`pasokh ask`, `pasokh chat`)."""

from __future__ import annotations

from bot.answering.types import Answer
from bot.persian_messages import UNDERSTOOD_AS

NOT_IN_DOCUMENTS = "پاسخ این پرسش در اسناد موجود نیست."
NOT_AN_ANSWER_LABEL = "(این پاسخ نیست)"
TRUNCATED_NOTE = "(پرسش طولانی بود و کوتاه شد.)"


def render_answer_plain(answer: Answer, passages: int = 1) -> str:
    """The answer, its passage and its source, as a few lines of Persian text."""
    lines = [TRUNCATED_NOTE] if answer.truncated else []
    if answer.resolved_question:
        lines.append(UNDERSTOOD_AS.format(question=answer.resolved_question))
    if answer.abstained:
        lines.append(NOT_IN_DOCUMENTS)
        if answer.note:
            lines.append(f"{NOT_AN_ANSWER_LABEL} {answer.note}")
        return "\n".join(lines)
    lines.append(f"پاسخ: {answer.text}")
    for passage in answer.passages[:passages]:
        lines.append(f"متن: «{passage.text}»")
        lines.append(f"منبع: {passage.source}")
    return "\n".join(lines)
