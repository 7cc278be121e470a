"""Rendering answers as Telegram HTML and splitting long HTML: pure functions, no bot."""

from __future__ import annotations

import pytest

from bot.answering.types import Answer, DocumentInfo, IndexReport, Passage
from bot.telegram.html_split import split_html, utf16_len, visible_text
from bot.telegram.rendering import (
    answer_keyboard,
    highlight_passage,
    inline_results,
    keyboard_after,
    render_answer,
    render_document_list,
    render_index_report,
    render_stats,
)
from bot.telegram.store import BotStats
from tests.fake_bot_api import plain_text, telegram_html_error

PASSAGE = "کتابخانه مرکزی تبریز هر روز از ساعت هشت صبح تا هشت شب باز است. عضویت رایگان است."
ANSWER_TEXT = "کتابخانه مرکزی تبریز هر روز از ساعت هشت صبح تا هشت شب باز است."


def _answer(**changes) -> Answer:
    fields = {
        "question": "کتابخانه کی باز است؟",
        "text": ANSWER_TEXT,
        "abstained": False,
        "passages": [Passage(PASSAGE, "کتابخانه.txt", 0.9), Passage("متن دیگر", "دیگر.txt", 0.5)],
        "answer_span": (0, len(ANSWER_TEXT)),
    }
    fields.update(changes)
    return Answer(**fields)


def test_answer_is_bold_then_quoted_passage_with_highlight_then_source() -> None:
    markup = render_answer(_answer())
    assert markup.startswith(f"<b>{ANSWER_TEXT}</b>\n\n<blockquote><u>{ANSWER_TEXT}</u>")
    assert markup.endswith("</blockquote>\n📄 منبع: <i>کتابخانه.txt</i>")
    assert telegram_html_error(markup) is None


def test_corpus_and_user_text_are_escaped_everywhere() -> None:
    hostile = "<b>پررنگ</b> & <a href='x'>پیوند</a>"
    answer = _answer(
        question=hostile,
        text=hostile,
        passages=[Passage(f"پیش {hostile} پس", "<i>نام</i>&.txt", 1.0)],
        answer_span=(4, 4 + len(hostile)),
    )
    for markup in (render_answer(answer, with_question=True), render_answer(answer)):
        assert telegram_html_error(markup) is None
        assert hostile in plain_text(markup) and "<i>نام</i>&.txt" in plain_text(markup)
    report = IndexReport(["<x>.txt"], [], [], [], {"a&b.pdf": "<bad>"}, 1, 1, 1, 0.5)
    assert telegram_html_error(render_index_report(report)) is None
    listing = render_document_list([DocumentInfo("<doc>.txt", 10, 1)])
    assert telegram_html_error(listing) is None and "<doc>.txt" in plain_text(listing)


def test_highlight_uses_the_span_else_finds_the_answer_else_none() -> None:
    assert highlight_passage("الف ب ج", (4, 5)) == "الف <u>ب</u> ج"
    assert highlight_passage("الف <ب> ج", None, "<ب>") == "الف <u>&lt;ب&gt;</u> ج"
    assert highlight_passage("الف ب ج", (5, 99), "د") == "الف ب ج"  # a bad span is ignored


def test_abstention_says_so_plainly_and_shows_no_source() -> None:
    markup = render_answer(_answer(abstained=True, text="", answer_span=None))
    assert "پیدا نکردم" in markup and "منبع" not in markup


def test_truncation_note_names_the_limit_in_persian_digits() -> None:
    assert "بیش از ۱۰۰۰ نویسه" in render_answer(_answer(), truncated_limit=1000)


def test_split_keeps_short_messages_whole() -> None:
    assert split_html("<b>سلام</b>") == ["<b>سلام</b>"]


@pytest.mark.parametrize("limit", [60, 200, 4096])
def test_split_parts_fit_parse_and_lose_nothing(limit: int) -> None:
    text = "".join(f"جملهٔ {i} با <نشانه> & «نقل» و 😀. " for i in range(300))
    answer = _answer(text=text, passages=[Passage(text, "x.txt", 1.0)], answer_span=(0, len(text)))
    markup = render_answer(answer)
    parts = split_html(markup, limit)
    assert len(parts) > 1
    for part in parts:
        assert utf16_len(part) <= limit
        assert telegram_html_error(part) is None, part
    assert "".join(visible_text(p) for p in parts) == visible_text(markup)


def test_split_reopens_tags_and_cuts_at_spaces() -> None:
    parts = split_html("<blockquote><u>" + "واژه " * 30 + "</u></blockquote>", limit=80)
    assert all(p.startswith("<blockquote><u>") and p.endswith("</u></blockquote>") for p in parts)
    assert all(visible_text(p).endswith(" ") for p in parts[:-1])  # no word is cut in two


def test_split_never_cuts_an_entity() -> None:
    parts = split_html("&amp;" * 50, limit=12)
    assert all(telegram_html_error(p) is None for p in parts)
    assert "".join(visible_text(p) for p in parts) == "&" * 50


def test_split_refuses_a_limit_below_the_tag_nesting() -> None:
    with pytest.raises(ValueError):
        split_html("<b><i><u>متن</u></i></b>", limit=10)


def test_inline_results_are_few_unique_and_short_ids() -> None:
    passages = [Passage(f"متن {i}", f"سند{i}.txt", 1.0, start=i) for i in range(80)]
    results = inline_results(_answer(passages=passages))
    ids = [r.id for r in results]
    assert len(results) == 50 and len(set(ids)) == 50
    assert all(len(i.encode()) <= 64 for i in ids)
    assert ANSWER_TEXT in results[0].title and "کتابخانه" not in results[0].description
    assert "سند0.txt" in results[0].description
    message = results[0].input_message_content.message_text
    assert telegram_html_error(message) is None and "کتابخانه کی باز است؟" in message


def test_inline_abstention_is_one_explanatory_result() -> None:
    [result] = inline_results(_answer(abstained=True, text="", answer_span=None))
    assert "پیدا نشد" in result.title


def test_keyboard_ticks_the_chosen_feedback_and_drops_more() -> None:
    markup = answer_keyboard(7, more=True)
    assert [b.callback_data for b in markup.inline_keyboard[0]] == ["fb:7:1", "fb:7:-1", "more:7"]
    ticked = keyboard_after(markup, chosen="fb:7:-1")
    assert [b.text for b in ticked.inline_keyboard[0]] == ["👍", "👎 ✓", "منابع بیشتر"]
    retick = keyboard_after(ticked, chosen="fb:7:1", drop="more:7")
    assert [b.text for b in retick.inline_keyboard[0]] == ["👍 ✓", "👎"]
    assert answer_keyboard(7, more=False).inline_keyboard[0][-1].callback_data == "fb:7:-1"


def test_index_report_and_stats_in_persian() -> None:
    report = IndexReport(["نو.txt"], ["تغییر.txt"], ["کهنه.txt"], ["ماند.txt"], {}, 3, 42, 5, 1.25)
    text = plain_text(render_index_report(report))
    assert "افزوده: نو.txt" in text and "تغییرکرده: تغییر.txt" in text
    assert "حذف‌شده: کهنه.txt" in text and "۳ سند، ۴۲ بخش؛ ۱٫۲ ثانیه" in text
    unchanged = IndexReport([], [], [], ["ماند.txt"], {}, 1, 4, 0, 0.1)
    assert "هیچ سندی تغییر نکرده" in render_index_report(unchanged)
    stats = plain_text(render_stats(BotStats(10, 7, 3, 4, 1, 123.4)))
    assert "پرسش‌ها: ۱۰" in stats and "۳" in stats and "👍 ۴ / 👎 ۱" in stats and "۱۲۳" in stats
    assert "—" in render_stats(BotStats(0, 0, 0, 0, 0, None))
