"""/summary and answers read from a report's structure, through the real bot and the fake API."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.telegram.summary import choose_keyboard
from tests.fake_bot_api import FakeBotApi, plain_text
from tests.telegram_harness import USER, BotLauncher, buttons

MEETING = "east-azerbaijan-karabakh-trade-meeting.txt"
LEAD = "به ریاست استاندار آذربایجان شرقی"
REPORTS = Path(__file__).resolve().parent / "data" / "reports"


async def test_summary_asks_which_document_then_summarizes_the_one_chosen(
    bots: BotLauncher,
) -> None:
    async with bots.start() as bot:
        choose = await bot.ask("/summary")
        assert "کدام سند" in plain_text(choose.params["text"])
        offered = {b["text"]: b["callback_data"] for b in buttons(choose)}
        assert MEETING in offered and len(offered) == len(bot.service.documents())
        message = next(m for (chat, _), m in bot.api.messages.items() if chat == USER)
        bot.api.callback_query(FakeBotApi.user(USER), message, offered[MEETING])
        [summary] = await bot.replies(USER, after=1)
        text = plain_text(summary.params["text"])
        assert "خلاصه" in text and LEAD in text and "علی جهانگیری" in text
        assert MEETING in text  # the source
        await bot.api.wait_for_call("answerCallbackQuery")


async def test_summary_of_a_named_document_and_of_an_unknown_one(bots: BotLauncher) -> None:
    async with bots.start() as bot:
        reply = await bot.ask(f"/summary {MEETING}")
        assert LEAD in plain_text(reply.params["text"])
        unknown = await bot.ask("/summary no-such-report.txt")
        assert "کدام سند" in plain_text(unknown.params["text"]) and buttons(unknown)


async def test_a_gone_document_button_is_answered_not_crashed(bots: BotLauncher) -> None:
    async with bots.start() as bot:
        choose = await bot.ask("/summary")
        message = next(m for (chat, _), m in bot.api.messages.items() if chat == USER)
        stale = choose_keyboard(["removed-long-ago.txt"]).inline_keyboard[0][0].callback_data
        bot.api.callback_query(FakeBotApi.user(USER), message, stale)
        [answered] = await bot.api.wait_for_call("answerCallbackQuery")
        assert "دیگر" in answered.params["text"]
        assert len(bot.sent(USER)) == 1 and choose


async def test_who_is_and_what_they_said_are_answered_from_the_structure(
    bots: BotLauncher,
) -> None:
    async with bots.start() as bot:
        who = plain_text((await bot.ask("استاندار آذربایجان شرقی کیست؟")).params["text"])
        assert "محمدرضا پورمحمدی" in who and "چه کسی" in who
        said = plain_text((await bot.ask("جهانگیری درباره صادرات چه گفت؟")).params["text"])
        assert "سخنان علی جهانگیری" in said and "• " in said and "افزایش میزان صادرات" in said
        unnamed = plain_text(
            (await bot.ask("نام کوچک نماینده سازمان توسعه تجارت چیست؟")).params["text"]
        )
        # a group («نماینده … و معاونان …») is no one person: declined, not guessed
        assert "پیدا نکردم" in unnamed and "پورمحمدی" not in unnamed


async def test_a_question_naming_no_report_of_several_offers_a_button_per_report(
    bots: BotLauncher,
) -> None:
    qazvin = "structure-qazvin-council-numbered.txt"
    shutil.copy(REPORTS / qazvin, bots.corpus_dir / qazvin)
    async with bots.start() as bot:
        ask = await bot.ask("تیتر خبر چیست؟")
        text = plain_text(ask.params["text"])
        assert "کدام گزارش" in text and "تصویب بودجه حمل و نقل عمومی" in text
        offered = {b["text"]: b["callback_data"] for b in buttons(ask)}
        assert {MEETING, qazvin} <= set(offered)
        message = next(m for (chat, _), m in bot.api.messages.items() if chat == USER)
        bot.api.callback_query(FakeBotApi.user(USER), message, offered[qazvin])
        [chosen] = await bot.replies(USER, after=1)
        headline = plain_text(chosen.params["text"])
        assert "پیاده‌راه خیابان سپه" in headline and qazvin in headline
        await bot.api.wait_for_call("answerCallbackQuery")
