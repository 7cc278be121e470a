"""Turns answers, reports and lists into Telegram HTML, and splits long HTML into messages.

Pure functions: no I/O, no bot. Every piece of corpus or user text goes through `escape`, so a
document that contains `<b>` or `&` shows those characters literally and can't break the markup.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from dataclasses import replace

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.constants import ParseMode

from bot import persian_messages as fa
from bot.answering.speaker_label import speaker_line
from bot.answering.types import Answer, DocumentInfo, IndexReport, Passage
from bot.telegram.html_split import split_html
from bot.telegram.store import BotStats

INLINE_TITLE_LIMIT = 120
INLINE_RESULTS_LIMIT = 50
# «rep:<question id>:<document token>»: ask the logged question of the report chosen.
REPORT_PREFIX = "rep:"
MAX_REPORT_BUTTONS = 10


def escape(text: str) -> str:
    """Escapes `<`, `>` and `&` (all that Telegram HTML requires)."""
    return html.escape(text, quote=False)


def highlight_passage(passage: str, span: tuple[int, int] | None, answer_text: str = "") -> str:
    """Escapes a passage, underlining the answer inside it.

    Args:
        passage: The passage text.
        span: (start, end) of the answer in `passage`, when the service knows it.
        answer_text: Used to find the answer when `span` is missing or out of range.
    """
    if span is not None:
        start, end = span
        if not 0 <= start < end <= len(passage):
            span = None
    if span is None and answer_text.strip():
        found = passage.find(answer_text.strip())
        if found >= 0:
            span = (found, found + len(answer_text.strip()))
    if span is None:
        return escape(passage)
    start, end = span
    return (
        escape(passage[:start])
        + "<u>"
        + escape(passage[start:end])
        + "</u>"
        + escape(passage[end:])
    )


def render_answer(
    answer: Answer, *, truncated_limit: int | None = None, with_question: bool = False
) -> str:
    """The full reply to a question, as one HTML string (split it with `split_html`).

    Args:
        answer: What the service said.
        truncated_limit: When set, a note says the question was cut to this many characters.
        with_question: Starts with the question (for inline mode, where it isn't visible).
    """
    parts = []
    if with_question:
        parts.append(fa.INLINE_QUESTION.format(question=escape(answer.question)))
    if answer.resolved_question:
        # how a follow-up was understood, so that a wrong guess shows
        parts.append(f"<i>{escape(fa.UNDERSTOOD_AS.format(question=answer.resolved_question))}</i>")
    if answer.choices:  # asked back which report (a button each): not a decline
        parts.append(escape(answer.note))
    elif answer.abstained or not answer.passages:
        parts.append(fa.ABSTAINED)
        if answer.note:
            # Italic and labelled: what is nearby, never to be read as the answer.
            parts.append(f"<i>{fa.NOT_AN_ANSWER_LABEL} {escape(answer.note)}</i>")
    elif answer.kind != "fact":
        parts.append(_render_list(answer))
    else:
        best = answer.passages[0]
        parts.append(f"<b>{escape(answer.text.strip())}</b>")
        speaker = speaker_line(answer)
        if speaker:
            parts.append(f"🗣 <i>{escape(speaker)}</i>")
        quote = highlight_passage(best.text.strip("\n"), _stripped_span(best, answer), answer.text)
        parts.append(f"<blockquote>{quote}</blockquote>\n" + _source_line(best))
    if truncated_limit is not None:
        parts.append(fa.QUESTION_TRUNCATED.format(limit=fa.fa_number(truncated_limit)))
    return "\n\n".join(parts)


def _render_list(answer: Answer) -> str:
    """A person, statements, headline, decisions or summary: a heading, one item a line."""
    speaker = escape(answer.speaker.name) if answer.speaker else ""
    heading = fa.KIND_HEADINGS.get(answer.kind, "").format(speaker=speaker)
    items = [escape(line) for line in answer.text.split("\n") if line.strip()]
    if answer.kind in ("person", "headline"):
        body = f"<b>{items[0]}</b>" + "".join(f"\n<blockquote>{i}</blockquote>" for i in items[1:])
    else:
        body = "\n".join(f"• {item}" for item in items)
    source = _source_line(answer.passages[0])
    return "\n".join(p for p in (heading, body, source) if p)


def _stripped_span(passage: Passage, answer: Answer) -> tuple[int, int] | None:
    """Shifts `answer_span` by the leading newlines `render_answer` strips from the passage."""
    if answer.answer_span is None:
        return None
    shift = len(passage.text) - len(passage.text.lstrip("\n"))
    return answer.answer_span[0] - shift, answer.answer_span[1] - shift


def _source_line(passage: Passage) -> str:
    return fa.SOURCE.format(source=escape(passage.source))


def render_passages(question: str, passages: Sequence[Passage], *, nearest: bool = False) -> str:
    """Lists passages with their sources ("more sources", or the nearest ones after abstaining)."""
    if not passages:
        return fa.NO_MORE_SOURCES
    header = fa.NEAREST_SOURCES if nearest else fa.MORE_SOURCES
    parts = [header.format(question=escape(question))]
    for number, passage in enumerate(passages, start=1):
        parts.append(
            f"<b>{fa.fa_number(number)}.</b> {_source_line(passage)}\n"
            f"<blockquote>{escape(passage.text.strip())}</blockquote>"
        )
    return "\n\n".join(parts)


def inline_preview(answer: Answer, passage: Passage) -> tuple[str, str]:
    """(title, description) of an inline result: the answer and its source."""
    title = answer.text.strip() or passage.text.strip()
    if len(title) > INLINE_TITLE_LIMIT:
        title = title[: INLINE_TITLE_LIMIT - 1].rstrip() + "…"
    return title, f"📄 {passage.source}"


def render_document_list(
    documents: Sequence[DocumentInfo], *, limit: int | None = None, detailed: bool = True
) -> str:
    """The /docs list with sizes, or (for /start) just the first `limit` names."""
    if not documents:
        return fa.DOCS_EMPTY
    shown = documents if limit is None else documents[:limit]
    header = fa.DOCS_HEADER if detailed else fa.START_DOCUMENTS
    lines = [header.format(count=fa.fa_number(len(documents)))]
    for doc in shown:
        if detailed:
            lines.append(
                fa.DOCS_LINE.format(
                    name=escape(doc.name),
                    characters=fa.fa_number(doc.characters),
                    chunks=fa.fa_number(doc.chunks),
                )
            )
        else:
            lines.append(f"• {escape(doc.name)}")
    if len(shown) < len(documents):
        lines.append(
            fa.START_MORE_DOCUMENTS.format(count=fa.fa_number(len(documents) - len(shown)))
        )
    return "\n".join(lines)


def render_index_report(report: IndexReport) -> str:
    """What a reload, upload or removal changed: documents, chunks and seconds."""

    def names(items: Sequence[str]) -> str:
        return "، ".join(f"<code>{escape(name)}</code>" for name in items)

    lines = []
    if report.added:
        lines.append(fa.REPORT_ADDED.format(names=names(report.added)))
    if report.changed:
        lines.append(fa.REPORT_CHANGED.format(names=names(report.changed)))
    if report.removed:
        lines.append(fa.REPORT_REMOVED.format(names=names(report.removed)))
    if report.skipped:
        lines.append(
            fa.REPORT_SKIPPED.format(
                names="، ".join(
                    f"<code>{escape(name)}</code> ({escape(reason)})"
                    for name, reason in report.skipped.items()
                )
            )
        )
    if not lines:
        lines.append(fa.REPORT_NO_CHANGES)
    lines.append(
        fa.REPORT_TOTALS.format(
            documents=fa.fa_number(report.documents),
            chunks=fa.fa_number(report.chunks),
            seconds=fa.fa_number(report.seconds, decimals=1),
        )
    )
    return "\n".join(lines)


def render_stats(stats: BotStats) -> str:
    """The /stats message."""
    median = stats.median_latency_ms
    return fa.STATS.format(
        questions=fa.fa_number(stats.questions),
        answered=fa.fa_number(stats.answered),
        abstained=fa.fa_number(stats.abstained),
        helpful=fa.fa_number(stats.helpful),
        unhelpful=fa.fa_number(stats.unhelpful),
        median="—" if median is None else fa.fa_number(median),
    )


def inline_results(
    answer: Answer, limit: int = INLINE_RESULTS_LIMIT
) -> list[InlineQueryResultArticle]:
    """Inline-mode results: the answer first, then the other passages; at most `limit`.

    Result ids are short hashes of the question and the passage, unique within one answer.
    """
    if answer.abstained or not answer.passages:
        article = InlineQueryResultArticle(
            id=_result_id(answer.question, 0, ""),
            title=fa.INLINE_ABSTAINED_TITLE,
            description=fa.INLINE_ABSTAINED_DESCRIPTION,
            input_message_content=InputTextMessageContent(
                split_html(render_answer(answer, with_question=True))[0], parse_mode=ParseMode.HTML
            ),
        )
        return [article]
    results = []
    for number, passage in enumerate(answer.passages[:limit]):
        if number == 0:
            title, description = inline_preview(answer, passage)
            body = render_answer(answer, with_question=True)
        else:
            title, description = inline_preview(replace(answer, text=""), passage)
            body = render_passages(answer.question, [passage])
        results.append(
            InlineQueryResultArticle(
                id=_result_id(answer.question, number, f"{passage.source}:{passage.start}"),
                title=title,
                description=description,
                input_message_content=InputTextMessageContent(
                    split_html(body)[0], parse_mode=ParseMode.HTML
                ),
            )
        )
    return results


def _result_id(question: str, number: int, key: str) -> str:
    digest = hashlib.blake2b(f"{question}\x00{key}".encode(), digest_size=16).hexdigest()
    return f"{number}-{digest}"  # at most 3 + 1 + 32 bytes: within Telegram's 64


def answer_keyboard(
    question_id: int,
    *,
    more: bool,
    new_question: bool = False,
    choices: tuple[str, ...] = (),
) -> InlineKeyboardMarkup:
    """👍 / 👎, «منابع بیشتر» when there is more to show, «پرسش تازه» after a follow-up, and
    a button per report when the question could be about any of several (`choices`)."""
    row = [
        InlineKeyboardButton(fa.BUTTON_HELPFUL, callback_data=f"fb:{question_id}:1"),
        InlineKeyboardButton(fa.BUTTON_UNHELPFUL, callback_data=f"fb:{question_id}:-1"),
    ]
    if more:
        row.append(InlineKeyboardButton(fa.BUTTON_MORE, callback_data=f"more:{question_id}"))
    rows = [
        [InlineKeyboardButton(name, callback_data=f"{REPORT_PREFIX}{question_id}:{token(name)}")]
        for name in choices[:MAX_REPORT_BUTTONS]
    ]
    rows.append(row)
    if new_question:
        rows.append([InlineKeyboardButton(fa.BUTTON_NEW_QUESTION, callback_data="new")])
    return InlineKeyboardMarkup(rows)


def token(name: str) -> str:
    """A short, stable id of a document name for callback data (≤ 64 bytes in all)."""
    return hashlib.blake2b(name.encode("utf-8"), digest_size=8).hexdigest()


def keyboard_after(
    markup: InlineKeyboardMarkup | None, *, chosen: str | None = None, drop: str | None = None
) -> InlineKeyboardMarkup | None:
    """A copy of an answer's keyboard with feedback `chosen` ticked and button `drop` removed.

    Args:
        markup: The keyboard the message has now.
        chosen: callback_data of the feedback button the user pressed.
        drop: callback_data of a button to remove (e.g. «منابع بیشتر» once shown).
    """
    if markup is None:
        return None
    labels = {"1": fa.BUTTON_HELPFUL, "-1": fa.BUTTON_UNHELPFUL}
    rows = []
    for row in markup.inline_keyboard:
        new_row = []
        for button in row:
            data = button.callback_data
            if not isinstance(data, str) or data == drop:
                continue
            text = button.text
            if chosen is not None and data.startswith("fb:"):
                label = labels.get(data.rsplit(":", 1)[1], text)
                text = fa.BUTTON_CHOSEN.format(label=label) if data == chosen else label
            new_row.append(InlineKeyboardButton(text, callback_data=data))
        if new_row:
            rows.append(new_row)
    return InlineKeyboardMarkup(rows)
