"""The bot through a Bot API outage, with a refused token, and a slow /reload's progress."""

from __future__ import annotations

import asyncio
import logging

from bot.telegram import admin
from tests.fake_bot_api import FakeBotApi, plain_text
from tests.pasokh_process import PASOKH, pasokh_env
from tests.telegram_harness import ADMIN, GARDEN, HOURS_QUESTION, LIBRARY, BotLauncher
from tests.test_telegram_admin import GatedEncoder


async def test_polling_rides_out_an_outage_without_tracebacks(bots: BotLauncher, caplog) -> None:
    caplog.set_level(logging.WARNING)
    async with bots.start() as bot:
        before = len(bot.api.calls_to("getUpdates"))
        bot.api.outage = 2
        await bot.api.wait_for_call("getUpdates", count=before + 3)  # it kept polling
        reply = await bot.ask(HOURS_QUESTION)
        assert LIBRARY in plain_text(reply.params["text"])
    failures = [r for r in caplog.records if "Polling the Bot API failed" in r.getMessage()]
    assert len(failures) == 2 and all(r.exc_info is None for r in failures)
    assert "Bad Gateway" in failures[0].getMessage()
    assert not any(r.exc_info for r in caplog.records if r.name.startswith("bot."))


async def test_a_refused_token_ends_pasokh_run_at_once(bots: BotLauncher, tmp_path) -> None:
    env = pasokh_env(
        bots.corpus_dir,
        tmp_path / "data",
        TELEGRAM_BOT_TOKEN="999:not-the-fake-servers-token",
        PASOKH_TELEGRAM_API_URL=bots.api.url,
        PASOKH_STARTUP_RETRY_SECONDS="300",
    )
    process = await asyncio.create_subprocess_exec(
        *PASOKH, "run", env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    _, stderr = await asyncio.wait_for(process.communicate(), 60)  # not the 300 s budget
    text = stderr.decode()
    assert process.returncode == 1, text
    assert "refused the bot token" in text and "Traceback" not in text
    assert "not-the-fake-servers-token" not in text


async def test_a_slow_reload_says_how_far_it_got(bots: BotLauncher, monkeypatch) -> None:
    monkeypatch.setattr(admin, "PROGRESS_AFTER_SECONDS", 0.2)
    monkeypatch.setattr(admin, "PROGRESS_EVERY_SECONDS", 0.1)
    encoder = GatedEncoder()
    async with bots.start(encoder=encoder) as bot:
        encoder.gate.clear()
        try:
            (bots.corpus_dir / "golestan-garden.txt").write_text(GARDEN, encoding="utf-8")
            bot.api.message(FakeBotApi.private_chat(ADMIN), FakeBotApi.user(ADMIN), "/reload")
            [progress] = await bot.api.wait_for_call("editMessageText", chat_id=ADMIN)
            text = plain_text(progress.params["text"])
            assert "نمایهٔ پیشین" in text  # the headline stays
            assert "خواندن اسناد" in text and "(۱۰۰٪)" in text  # all files read, now embedding
        finally:
            encoder.gate.set()
        await bot.api.wait_for(
            lambda: any("افزوده" in t for t in bot.api.texts_to(ADMIN)), what="the final report"
        )
        await asyncio.sleep(0.3)  # a late progress edit would land now
        assert "افزوده: golestan-garden.txt" in plain_text(
            bot.api.calls_to("editMessageText", chat_id=ADMIN)[-1].params["text"]
        )
