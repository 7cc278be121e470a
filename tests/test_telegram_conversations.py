"""Follow-up questions in Telegram, through the fake Bot API server.

Context is per (chat, user), a reply to an answer carries that answer's context whoever sends
it, /new and «پرسش تازه» clear it, and it expires. A reply that used context starts with how
the question was understood, «(پرسش: …)».
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from bot.telegram.deps import DEPS_KEY
from tests.fake_bot_api import FakeBotApi, plain_text
from tests.telegram_harness import ADMIN, USER, BotLauncher, buttons

PERSON = "دکتر سارا کریمی مدیر موزه فرش تبریز است."
FOUNDED = "سارا کریمی در سال ۱۳۹۰ موزه فرش تبریز را تأسیس کرد."
WHO = "دکتر سارا کریمی مدیر موزه فرش تبریز است؟"
FOLLOW_UP = "او در سال ۱۳۹۰ موزه فرش تبریز را تأسیس کرد؟"
UNDERSTOOD = "(پرسش: سارا کریمی در سال ۱۳۹۰ موزه فرش تبریز را تاسیس کرد؟)"
GROUP = -1001
OTHER = 333
REPORTS = Path(__file__).resolve().parent / "data" / "reports"
QAZVIN = "structure-qazvin-council-numbered.txt"


def understood(reply) -> bool:
    """True when the reply says how a follow-up was understood (with Karimi's name)."""
    return UNDERSTOOD in plain_text(reply.params["text"])


def write_facts(bots: BotLauncher) -> None:
    for name, fact in (("karimi.txt", PERSON), ("carpet-museum.txt", FOUNDED)):
        (bots.corpus_dir / name).write_text(fact + "\n", encoding="utf-8")


async def group_ask(bot, user_id: int, text: str, reply_to: dict | None = None):
    """Sends a group message from `user_id` and returns the bot's reply and the sent message."""
    before = len(bot.sent(GROUP))
    bot.api.message(FakeBotApi.group_chat(GROUP), FakeBotApi.user(user_id), text, reply_to=reply_to)
    [reply] = await bot.replies(GROUP, after=before)
    answer = bot.api.messages[(GROUP, max(k[1] for k in bot.api.messages if k[0] == GROUP))]
    # the bot files its answer for replies once Telegram has returned the message
    answers = bot.app.bot_data[DEPS_KEY].conversations.answers
    await bot.api.wait_for(lambda: answers.get((GROUP, answer["message_id"])), what="filed")
    return reply, answer


async def test_private_follow_up_uses_the_last_exchange_and_new_clears_it(bots) -> None:
    write_facts(bots)
    async with bots.start() as bot:
        first = await bot.ask(WHO)
        assert "(پرسش:" not in plain_text(first.params["text"])
        follow = await bot.ask(FOLLOW_UP)
        assert understood(follow)
        assert "پرسش تازه" in [b["text"] for b in buttons(follow)]
        # «پرسش تازه» forgets the context
        message = bot.api.messages[(USER, max(k[1] for k in bot.api.messages if k[0] == USER))]
        bot.api.callback_query(FakeBotApi.user(USER), message, "new")
        await bot.api.wait_for_call("answerCallbackQuery")
        await bot.api.wait_for_call("editMessageReplyMarkup", chat_id=USER)
        assert not understood(await bot.ask(FOLLOW_UP))
        # and so does /new
        await bot.ask(WHO)
        cleared = await bot.ask("/new")
        assert "گفت‌وگوی تازه" in plain_text(cleared.params["text"])
        assert not understood(await bot.ask(FOLLOW_UP))
        assert bot.store.stats().questions == 5  # logged as before, one row a question


async def test_context_expires(bots) -> None:
    write_facts(bots)
    async with bots.start(context_minutes=10) as bot:
        conversations = bot.app.bot_data[DEPS_KEY].conversations
        now = [1000.0]
        conversations.recent.clock = lambda: now[0]
        await bot.ask(WHO)
        now[0] += 9 * 60
        assert understood(await bot.ask(FOLLOW_UP))
        now[0] += 11 * 60
        assert not understood(await bot.ask(FOLLOW_UP))


async def test_two_users_interleaving_in_a_group_keep_their_own_context(bots) -> None:
    write_facts(bots)
    async with bots.start() as bot:
        await group_ask(bot, USER, f"/ask@PasokhTestBot {WHO}")
        # the other member's follow-up has no context of its own: answered as asked
        other, _ = await group_ask(bot, OTHER, f"@PasokhTestBot {FOLLOW_UP}")
        assert not understood(other)
        mine, answer = await group_ask(bot, USER, f"@PasokhTestBot {FOLLOW_UP}")
        assert understood(mine)
        # ...unless they reply to an answer: that answer's exchange is the context
        replied, _ = await group_ask(bot, OTHER, FOLLOW_UP, reply_to=answer)
        assert understood(replied)
        await asyncio.sleep(0.1)


async def test_no_context_crosses_chats(bots) -> None:
    write_facts(bots)
    async with bots.start() as bot:
        await bot.ask(WHO)  # in the private chat
        group, _ = await group_ask(bot, USER, f"@PasokhTestBot {FOLLOW_UP}")
        assert not understood(group)
        assert not understood(await bot.ask(FOLLOW_UP, user_id=ADMIN))
        assert understood(await bot.ask(FOLLOW_UP))  # the private chat still has it


async def test_more_sources_under_a_follow_up_are_for_what_was_searched(bots) -> None:
    write_facts(bots)
    async with bots.start() as bot:
        await bot.ask(WHO)
        follow = await bot.ask(FOLLOW_UP)
        message = bot.api.messages[(USER, max(k[1] for k in bot.api.messages if k[0] == USER))]
        [more] = [b for b in buttons(follow) if b["callback_data"].startswith("more:")]
        before = len(bot.sent(USER))
        bot.api.callback_query(FakeBotApi.user(USER), message, more["callback_data"])
        [passages] = await bot.replies(USER, after=before)
    assert UNDERSTOOD[len("(پرسش: ") : -1] in plain_text(passages.params["text"])


async def test_a_reply_to_any_part_of_a_long_answer_follows_up_that_answer(
    bots, monkeypatch
) -> None:
    from bot.telegram import handlers
    from bot.telegram.html_split import split_html

    # a short message limit splits even this answer into several messages
    monkeypatch.setattr(handlers, "split_html", lambda markup: split_html(markup, limit=100))
    write_facts(bots)
    async with bots.start() as bot:
        answers = bot.app.bot_data[DEPS_KEY].conversations.answers
        bot.api.message(
            FakeBotApi.group_chat(GROUP), FakeBotApi.user(USER), f"/ask@PasokhTestBot {WHO}"
        )
        await bot.api.wait_for(lambda: any(k[0] == GROUP for k in answers._items), what="filed")
        parts = sorted(k[1] for k in bot.api.messages if k[0] == GROUP)
        assert len(parts) >= 2
        # another member, with no context of their own, replies to the first part
        before = len(bot.sent(GROUP))
        first = bot.api.messages[(GROUP, parts[0])]
        bot.api.message(
            FakeBotApi.group_chat(GROUP), FakeBotApi.user(OTHER), FOLLOW_UP, reply_to=first
        )
        await bot.replies(GROUP, after=before)
        await asyncio.sleep(0.2)  # the rest of a split reply
        reply = " ".join(plain_text(c.params["text"]) for c in bot.sent(GROUP)[before:])
    assert UNDERSTOOD in reply


async def test_inline_queries_stay_standalone(bots) -> None:
    write_facts(bots)
    async with bots.start() as bot:
        await bot.ask(WHO)  # the user has a private exchange a follow-up could use
        bot.api.inline_query(FakeBotApi.user(USER), FOLLOW_UP)
        [call] = await bot.api.wait_for_call("answerInlineQuery")
    texts = [plain_text(r["input_message_content"]["message_text"]) for r in call.params["results"]]
    assert texts and all("(پرسش:" not in text for text in texts)


async def test_a_follow_up_as_the_first_message_is_a_fresh_question(bots) -> None:
    write_facts(bots)
    async with bots.start() as bot:
        why = await bot.ask("چرا؟")
        alone = await bot.ask(FOLLOW_UP)
    # no context: answered or declined as asked, never an error or a guess
    assert "(پرسش:" not in plain_text(why.params["text"])
    assert not understood(alone) and "خطا" not in plain_text(alone.params["text"])


async def test_a_report_chosen_by_button_is_an_exchange_a_follow_up_uses(bots) -> None:
    """«کدام گزارش؟» → a report button: the answer it gets is the presser's last exchange, and
    a reply to it follows it up, as for any answer."""
    shutil.copy(REPORTS / QAZVIN, bots.corpus_dir / QAZVIN)
    async with bots.start() as bot:
        ask = await bot.ask("مصوبات جلسه چه بود؟")
        assert "کدام گزارش" in plain_text(ask.params["text"])
        offered = {b["text"]: b["callback_data"] for b in buttons(ask)}
        message = bot.api.messages[(USER, max(k[1] for k in bot.api.messages if k[0] == USER))]
        bot.api.callback_query(FakeBotApi.user(USER), message, offered[QAZVIN])
        [chosen] = await bot.replies(USER, after=len(bot.sent(USER)))
        assert "اوراق مشارکت" in plain_text(chosen.params["text"])
        answers = bot.app.bot_data[DEPS_KEY].conversations.answers
        chosen_message = bot.api.messages[
            (USER, max(k[1] for k in bot.api.messages if k[0] == USER))
        ]
        await bot.api.wait_for(
            lambda: answers.get((USER, chosen_message["message_id"])), what="filed"
        )
        # the next question in the private chat follows up the chosen report's list
        second = plain_text((await bot.ask("دومی از کجا تامین می‌شود؟")).params["text"])
        assert "(پرسش: خرید ۴۰ دستگاه اتوبوس برقی" in second
        # after /new, a reply to the chosen answer still carries it
        await bot.ask("/new")
        before = len(bot.sent(USER))
        bot.api.message(
            FakeBotApi.private_chat(USER),
            FakeBotApi.user(USER),
            "سومی از کی اجرا می‌شود؟",
            reply_to=chosen_message,
        )
        [third] = await bot.replies(USER, after=before)
    third_text = plain_text(third.params["text"])
    assert "(پرسش: اجرای طرح پیاده‌راه خیابان سپه" in third_text
    assert "اردیبهشت" in third_text
