"""The real bot against a fake Bot API server: questions, groups, inline mode, limits, errors.

Each test starts `build_application` with the real AnsweringService (HashingEncoder, no model)
on a temporary corpus, points it at `FakeBotApi`, injects updates and asserts on what the bot
sent. The fake refuses anything Telegram would refuse (bad HTML, over-long text, bad inline
results), and every bot, when stopped, checks that it refused nothing.
"""

from __future__ import annotations

import asyncio
import logging
import re
import socket
from pathlib import Path

import aiohttp
import pytest

from bot import persian_messages as fa
from bot.answering.service import AnsweringService
from bot.answering.types import Answer, Passage
from bot.telegram.store import BotStore
from tests.fake_bot_api import TOKEN, FakeBotApi, plain_text
from tests.telegram_harness import (
    ADMIN,
    FOUNDING,
    HOURS_FACT,
    HOURS_QUESTION,
    LIBRARY,
    MEMBERSHIP,
    OFF_TOPIC,
    USER,
    WEB_TAGS,
    BotLauncher,
    answered_from,
    buttons,
    question,
)

# ---- private chats ---------------------------------------------------------------------------


async def test_start_lists_documents_offers_examples_and_sets_menu(
    bots: BotLauncher, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only examples the corpus answers are offered.
    monkeypatch.setattr(fa, "EXAMPLE_QUESTIONS", (OFF_TOPIC, question(MEMBERSHIP)))
    async with bots.start() as bot:
        reply = await bot.ask("/start")
        text = plain_text(reply.params["text"])
        assert "سلام" in text and LIBRARY in text
        keyboard = reply.params["reply_markup"]["keyboard"]
        examples = [row[0]["text"] for row in keyboard]
        assert examples == [question(MEMBERSHIP)]
        # An example button sends its text, which is answered like any question.
        answer = await bot.ask(examples[0])
        assert answered_from(answer, "library-membership.txt")
        help_reply = await bot.ask("/help")
        assert (
            "/reload" in help_reply.params["text"] and "@PasokhTestBot" in help_reply.params["text"]
        )
    menus = bot.api.calls_to("setMyCommands")
    public = [c["command"] for c in menus[0].params["commands"]]
    assert public == ["start", "help", "ask", "new", "summary"]
    admin_menu = [c for c in menus if (c.params.get("scope") or {}).get("chat_id") == ADMIN]
    assert "reload" in [c["command"] for c in admin_menu[0].params["commands"]]


async def test_private_question_gets_bold_answer_quote_source_and_buttons(
    bots: BotLauncher, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    async with bots.start() as bot:
        reply = await bot.ask(HOURS_QUESTION)
        markup = reply.params["text"]
        assert reply.params["parse_mode"] == "HTML"
        assert re.search(f"^<b>[^<]*{HOURS_FACT}[^<]*</b>", markup)  # the answer, in bold
        # ...then the passage it comes from, quoted, with the answer underlined inside it.
        assert re.search(
            f"<blockquote>[^<]*<u>[^<]*{HOURS_FACT}[^<]*</u>[^<]*</blockquote>", markup
        )
        assert f"منبع: <i>{LIBRARY}</i>" in markup and answered_from(reply, LIBRARY)
        question_id = bot.store.stats().questions
        assert [b["callback_data"] for b in buttons(reply)] == [
            f"fb:{question_id}:1",
            f"fb:{question_id}:-1",
            f"more:{question_id}",
        ]
        assert bot.api.calls_to("sendChatAction", chat_id=USER, action="typing")

        off_topic = await bot.ask(OFF_TOPIC)
        assert "پیدا نکردم" in off_topic.params["text"] and "منبع" not in off_topic.params["text"]
        assert bot.store.stats().abstained == 1
    assert caplog.records and TOKEN.split(":")[1] not in caplog.text  # URLs hold the token


async def test_feedback_and_more_sources_buttons(bots: BotLauncher) -> None:
    async with bots.start() as bot:
        reply = await bot.ask(HOURS_QUESTION)
        [message] = [m for (chat, _), m in bot.api.messages.items() if chat == USER]
        helpful, _, more = buttons(reply)

        bot.api.callback_query(FakeBotApi.user(USER), message, helpful["callback_data"])
        [edit] = await bot.api.wait_for_call("editMessageReplyMarkup", chat_id=USER)
        await bot.api.wait_for_call("answerCallbackQuery")
        assert [b["text"] for b in buttons(edit)][:2] == ["👍 ✓", "👎"]
        assert bot.store.stats().helpful == 1

        bot.api.callback_query(FakeBotApi.user(USER), message, more["callback_data"])
        [passages] = await bot.replies(USER, after=1)
        text = plain_text(passages.params["text"])
        assert HOURS_QUESTION in text and "منبع" in text
        edits = await bot.api.wait_for_call("editMessageReplyMarkup", count=2, chat_id=USER)
        assert "more:" not in str(edits[-1].params["reply_markup"])


# ---- groups ------------------------------------------------------------------------------------


async def test_group_answers_ask_mention_and_replies_and_ignores_the_rest(
    bots: BotLauncher,
) -> None:
    group = FakeBotApi.group_chat(-1001)
    member = FakeBotApi.user(USER)
    async with bots.start() as bot:
        api = bot.api
        api.message(group, member, HOURS_QUESTION)  # chatter: no command, mention or reply
        api.message(group, member, f"@PasokhTestBot {HOURS_QUESTION}", kind="edited_message")
        channel = {"id": -1002, "type": "channel", "title": "کانال"}
        api.message(channel, None, HOURS_QUESTION, kind="channel_post")
        photo = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
        api.message(group, member, None, caption=f"@PasokhTestBot {HOURS_QUESTION}", photo=photo)
        api.message(group, member, f"/ask@SomeOtherBot {HOURS_QUESTION}")
        api.message(group, member, f"@someone_else {HOURS_QUESTION}")

        asked = api.message(group, member, f"/ask@PasokhTestBot {HOURS_QUESTION}")
        [answer] = await bot.replies(-1001, after=0)
        mentioned = api.message(group, member, f"@PasokhTestBot {question(MEMBERSHIP)}")
        [second] = await bot.replies(-1001, after=1)
        bot_message = api.messages[(-1001, max(k[1] for k in api.messages if k[0] == -1001))]
        replied = api.message(group, member, question(FOUNDING), reply_to=bot_message)
        [third] = await bot.replies(-1001, after=2)
        await asyncio.sleep(0.2)  # anything wrongly answered would have been sent by now

    assert answered_from(answer, LIBRARY)
    assert answered_from(second, "library-membership.txt")
    assert answered_from(third, "library-founding.txt")
    threads = [c.params["reply_parameters"]["message_id"] for c in (answer, second, third)]
    assert threads == [asked["message_id"], mentioned["message_id"], replied["message_id"]]
    assert len(bot.sent(-1001)) == 3 and not bot.sent(-1002)


# ---- inline mode -------------------------------------------------------------------------------


async def test_inline_query_offers_answers_with_short_unique_ids(bots: BotLauncher) -> None:
    async with bots.start() as bot:
        bot.api.inline_query(FakeBotApi.user(USER), HOURS_QUESTION)
        [call] = await bot.api.wait_for_call("answerInlineQuery")
        bot.api.inline_query(FakeBotApi.user(USER), "ab")
        [_, short] = await bot.api.wait_for_call("answerInlineQuery", count=2)
    results = call.params["results"]
    assert 1 <= len(results) <= 50
    ids = [r["id"] for r in results]
    assert len(set(ids)) == len(ids) and all(len(i.encode()) <= 64 for i in ids)
    assert 0 < call.params["cache_time"] <= 60
    first = results[0]
    assert HOURS_FACT in first["title"] and LIBRARY in first["description"]
    message = plain_text(first["input_message_content"]["message_text"])
    assert message.startswith(f"❓ {HOURS_QUESTION}") and f"منبع: {LIBRARY}" in message
    assert short.params["results"] == []


# ---- rendering, limits, errors, persistence ----------------------------------------------------


async def test_html_in_corpus_text_is_escaped(bots: BotLauncher) -> None:
    async with bots.start() as bot:
        reply = await bot.ask(question(WEB_TAGS))
    markup = reply.params["text"]
    assert answered_from(reply, "web-tags.txt")
    assert "برچسب &lt;b&gt; در" in markup and "&amp;amp;" in markup
    assert WEB_TAGS in plain_text(markup)  # the user sees the text exactly as written


LONG_TEXT = "".join(f"جملهٔ {i} با <نشانه> & «نقل». " for i in range(400))[:10_000].strip()


class LongAnswerService(AnsweringService):
    """Answers one question with a 10,000-character answer full of markup characters."""

    def ask(self, question: str, k: int = 3) -> Answer:
        if "طولانی" not in question:
            return super().ask(question, k)
        passage = Passage(text=LONG_TEXT, source="long<doc>.txt", score=1.0)
        return Answer(question, LONG_TEXT, False, [passage], answer_span=(0, len(LONG_TEXT)))


async def test_ten_thousand_character_answer_is_split_into_valid_messages(
    bots: BotLauncher,
) -> None:
    async with bots.start(service_class=LongAnswerService) as bot:
        before = len(bot.sent(USER))
        bot.api.message(FakeBotApi.private_chat(USER), FakeBotApi.user(USER), "یک پاسخ طولانی بده")
        await bot.api.wait_for_call("sendMessage", chat_id=USER, count=before + 1)
        await bot.api.wait_for(lambda: buttons(bot.sent(USER)[-1]), what="the last part")
        parts = bot.sent(USER)[before:]
    assert len(parts) >= 5  # 10,000 characters twice (answer and quote), escaped
    assert all(len(p.params["text"]) <= 4096 for p in parts)  # and the fake parsed each one
    assert [bool(buttons(p)) for p in parts] == [False] * (len(parts) - 1) + [True]
    shown = "".join(plain_text(p.params["text"]) for p in parts)
    assert shown.count(LONG_TEXT) == 2  # the answer and the quote, nothing lost at the cuts


async def test_questions_over_the_per_user_limit_get_a_persian_notice(bots: BotLauncher) -> None:
    async with bots.start(questions_per_minute=2) as bot:
        replies = [(await bot.ask(HOURS_QUESTION)).params["text"] for _ in range(3)]
        other_user = await bot.ask(HOURS_QUESTION, user_id=ADMIN)
        assert bot.store.stats().questions == 3
    assert "منبع" in plain_text(replies[1])
    assert "حداکثر ۲ پرسش" in replies[2] and "منبع" not in plain_text(replies[2])
    assert answered_from(other_user, LIBRARY)


async def test_overlong_question_is_truncated_with_a_note(bots: BotLauncher) -> None:
    async with bots.start(max_question_chars=60) as bot:
        reply = await bot.ask(HOURS_QUESTION + " " + "لطفاً با جزئیات کامل توضیح دهید " * 10)
    assert "بیش از ۶۰ نویسه" in reply.params["text"]


class FailingService(AnsweringService):
    """Fails on one question, as a bug would."""

    def ask(self, question: str, k: int = 3) -> Answer:
        if "خراب" in question:
            raise RuntimeError("internal detail /secret/path")
        return super().ask(question, k)


async def test_error_handler_apologises_without_details_and_the_bot_keeps_going(
    bots: BotLauncher, caplog
) -> None:
    caplog.set_level(logging.ERROR, logger="bot.telegram.handlers")
    async with bots.start(service_class=FailingService) as bot:
        apology = await bot.ask("این پرسش خراب است؟")
        after = await bot.ask(HOURS_QUESTION)
    assert apology.params["text"] == fa.ERROR
    assert answered_from(after, LIBRARY)
    [record] = [r for r in caplog.records if r.exc_info]
    assert "internal detail" in str(record.exc_info[1])


async def test_question_log_and_feedback_survive_a_restart(
    bots: BotLauncher, tmp_path: Path
) -> None:
    async with bots.start() as bot:
        reply = await bot.ask(HOURS_QUESTION)
        [message] = [m for (chat, _), m in bot.api.messages.items() if chat == USER]
        bot.api.callback_query(FakeBotApi.user(USER), message, buttons(reply)[1]["callback_data"])
        await bot.api.wait_for_call("answerCallbackQuery")
        await bot.api.wait_for(lambda: bot.store.stats().unhelpful, what="feedback stored")
    async with bots.start() as bot:
        stats = await bot.ask("/stats", user_id=ADMIN)
    text = plain_text(stats.params["text"])
    assert "پرسش‌ها: ۱" in text and "👎 ۱" in text and "بی‌پاسخ (بیرون از اسناد): ۰" in text
    store = BotStore(tmp_path / "data" / "pasokh.sqlite3")
    assert store.question(1).question == HOURS_QUESTION
    store.close()


async def test_webhook_mode_accepts_only_updates_carrying_the_secret(bots: BotLauncher) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    hook = "https://bot.example.org/pasokh-hook"
    async with bots.start(
        webhook_url=hook, webhook_secret="s3cret-Token", webhook_port=port
    ) as bot:
        [registered] = bot.api.calls_to("setWebhook")
        assert registered.params["url"] == hook
        assert registered.params["secret_token"] == "s3cret-Token"
        update = {
            "update_id": 1,
            "message": {
                "message_id": 5,
                "date": 0,
                "chat": FakeBotApi.private_chat(USER),
                "from": FakeBotApi.user(USER),
                "text": HOURS_QUESTION,
            },
        }
        url = f"http://127.0.0.1:{port}/pasokh-hook"
        async with aiohttp.ClientSession() as session:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "guess"}):
                async with session.post(url, json=update, headers=headers) as response:
                    assert response.status == 403
            headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token"}
            async with session.post(url, json=update, headers=headers) as response:
                assert response.status == 200
        [answer] = await bot.replies(USER, after=0)
        assert answered_from(answer, LIBRARY)
        assert not bot.api.calls_to("getUpdates")
