"""Answers as plain text, for the terminal (`pasokh ask`, `pasokh chat`, `pasokh summary`)."""

from __future__ import annotations

from bot.answering.speaker_label import speaker_line
from bot.answering.types import Answer
from bot.persian_messages import UNDERSTOOD_AS

NOT_IN_DOCUMENTS = "پاسخ این پرسش در اسناد موجود نیست."
NOT_AN_ANSWER_LABEL = "(این پاسخ نیست)"
TRUNCATED_NOTE = "(پرسش طولانی بود و کوتاه شد.)"
KIND_HEADINGS = {
    "person": "چه کسی:",
    "statements": "سخنان {speaker}:",
    "summary": "خلاصه:",
    # headline, topic, place and time answers are all read from the top of the report
    "headline": "از تیتر و سرآغاز خبر:",
    "decisions": "تصمیم‌ها و پیشنهادها:",
}


def render_answer_plain(answer: Answer, passages: int = 1) -> str:
    """The answer, its passage and its source, as a few lines of Persian text.

    Lists and summaries print one item a line under a heading; a fact answer that opens
    with «وی» or a bare role is followed by the speaker it refers to.
    """
    lines = [TRUNCATED_NOTE] if answer.truncated else []
    if answer.resolved_question:
        lines.append(UNDERSTOOD_AS.format(question=answer.resolved_question))
    if answer.choices:  # asked back which report: not a decline
        lines.append(answer.note)
        return "\n".join(lines)
    if answer.abstained:
        lines.append(NOT_IN_DOCUMENTS)
        if answer.note:
            lines.append(f"{NOT_AN_ANSWER_LABEL} {answer.note}")
        return "\n".join(lines)
    if answer.kind == "fact":
        lines.append(f"پاسخ: {answer.text}")
        speaker = speaker_line(answer)
        if speaker:
            lines.append(speaker)
    else:
        name = answer.speaker.name if answer.speaker else ""
        lines.append(KIND_HEADINGS.get(answer.kind, "پاسخ:").format(speaker=name))
        lines.extend(f"• {item}" for item in answer.text.split("\n"))
    for passage in answer.passages[:passages]:
        if answer.kind == "fact":
            lines.append(f"متن: «{passage.text}»")
        lines.append(f"منبع: {passage.source}")
    return "\n".join(lines)
