"""The real bot against the fake Bot API under faults: full or read-only disk, floods, groups.

Disk faults are injected by patching the writer that would fail (SQLite's insert, the corpus
write, the index save) with the error a full or read-only disk gives, so the tests run
unprivileged; what is checked is what users and admins read.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import sqlite3
from pathlib import Path

import pytest

from bot import persian_messages as fa
from bot.telegram.store import BotStore
from tests.fake_bot_api import FakeBotApi, plain_text
from tests.telegram_harness import (
    ADMIN,
    GARDEN,
    HOURS,
    HOURS_QUESTION,
    LIBRARY,
    USER,
    BotLauncher,
    answered_from,
    buttons,
    document,
    question,
)

DISK_FULL = "database or disk is full"


def disk_full(*args, **kwargs):
    """What SQLite raises on a full disk."""
    raise sqlite3.OperationalError(DISK_FULL)


async def test_full_disk_costs_no_answer_and_the_admin_is_told_once(
    bots: BotLauncher, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with bots.start() as bot:
        monkeypatch.setattr(BotStore, "log_question", disk_full)
        users = [USER + n for n in range(8)]
        replies = [await bot.ask(HOURS_QUESTION, user_id=user) for user in users]
        assert sum(answered_from(r, LIBRARY) for r in replies) == 8  # was 0 of 8
        assert all(not buttons(r) for r in replies)  # no stored question, no buttons
        alerts = await bot.replies(ADMIN, after=0)
        assert "دیسک پر است" in plain_text(alerts[0].params["text"])
        await asyncio.sleep(0.2)
        assert len(bot.sent(ADMIN)) == 1  # one alert, not one per question


async def test_failed_reload_on_a_full_disk_edits_started_to_failed(
    bots: BotLauncher, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with bots.start() as bot:
        monkeypatch.setattr(BotStore, "log_admin_action", disk_full)

        def no_space(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr("bot.answering.index_loading.save_index", no_space)
        (bots.corpus_dir / "golestan-garden.txt").write_text(GARDEN, encoding="utf-8")
        bot.api.message(FakeBotApi.private_chat(ADMIN), FakeBotApi.user(ADMIN), "/reload")
        [report] = await bot.api.wait_for_call("editMessageText", chat_id=ADMIN)
        text = plain_text(report.params["text"])
        assert "انجام نشد" in text and fa.DISK_FULL_REASON in text and "پیشین" in text
        assert answered_from(await bot.ask(HOURS_QUESTION), LIBRARY)


async def test_upload_on_a_full_disk_is_reported_and_leaves_no_partial_file(
    bots: BotLauncher, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Path.write_text

    def full_after_a_few_bytes(self: Path, data: str, *args, **kwargs):
        if self.name.endswith(".uploading"):
            original(self, data[:10], *args, **kwargs)
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(self, data, *args, **kwargs)

    async with bots.start() as bot:
        files = bot.corpus_files()
        monkeypatch.setattr(Path, "write_text", full_after_a_few_bytes)
        data = GARDEN.encode()
        bot.api.add_file("garden", data)
        bot.api.message(
            FakeBotApi.private_chat(ADMIN),
            FakeBotApi.user(ADMIN),
            None,
            document=document("garden.txt", len(data), "garden"),
        )
        [report] = await bot.api.wait_for_call("editMessageText", chat_id=ADMIN)
        assert "افزوده نشد" in report.params["text"]
        assert fa.DISK_FULL_REASON in plain_text(report.params["text"])
        assert bot.corpus_files() == files  # no .garden.txt.uploading


async def test_bot_starts_and_answers_on_a_read_only_data_folder(
    bots: BotLauncher, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*args, **kwargs):
        raise sqlite3.OperationalError("unable to open database file")

    def no_writes(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("bot.telegram.store.sqlite3.connect", read_only)
    monkeypatch.setattr("bot.answering.index_loading.save_index", no_writes)
    async with bots.start() as bot:
        assert answered_from(await bot.ask(HOURS_QUESTION), LIBRARY)
        stats = await bot.ask("/stats", user_id=ADMIN)
        texts = [plain_text(t) for t in bot.api.texts_to(ADMIN)]
        assert any("نوشتنی نیست" in t for t in texts)  # the start-up alert
        assert stats.params["text"] == fa.STATS_UNAVAILABLE


async def test_admin_commands_and_uploads_in_a_group_point_to_the_private_chat(
    bots: BotLauncher,
) -> None:
    group = FakeBotApi.group_chat(-1004)
    admin, user = FakeBotApi.user(ADMIN), FakeBotApi.user(USER)
    async with bots.start() as bot:
        for command in ("/docs@PasokhTestBot", "/stats", "/reload", f"/remove {LIBRARY}"):
            bot.api.message(group, admin, command)
        bot.api.message(group, admin, None, document=document("x.txt", 10))
        bot.api.message(group, user, None, document=document("y.txt", 10))  # ignored
        notes = await bot.replies(-1004, after=0, count=5)
        await asyncio.sleep(0.2)
        assert len(bot.sent(-1004)) == 5
        assert all(n.params["text"] == fa.ADMIN_PRIVATE_ONLY for n in notes)
        assert LIBRARY in bot.corpus_files() and not bot.api.calls_to("getFile")
        assert not any(LIBRARY in t for t in bot.api.texts_to(-1004))
        listing = await bot.ask("/docs", user_id=ADMIN)  # private: still works
        assert LIBRARY in plain_text(listing.params["text"])


async def test_forged_callback_ids_log_no_traceback(bots: BotLauncher, caplog) -> None:
    caplog.set_level(logging.ERROR)
    async with bots.start() as bot:
        message = {"message_id": 1, "date": 0, "chat": FakeBotApi.private_chat(USER)}
        for data in ("more:" + "9" * 30, "fb:" + "9" * 30 + ":1", "more:-1"):
            bot.api.callback_query(FakeBotApi.user(USER), message, data)
        assert answered_from(await bot.ask(HOURS_QUESTION), LIBRARY)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_300_stickers_get_no_more_replies_than_the_message_limit(
    bots: BotLauncher,
) -> None:
    flooder, other = USER, USER + 1
    sticker = {"file_id": "s", "file_unique_id": "su", "type": "regular", "width": 512,
               "height": 512, "is_animated": False, "is_video": False}  # fmt: skip
    async with bots.start(questions_per_minute=10) as bot:
        for _ in range(300):
            bot.api.message(
                FakeBotApi.private_chat(flooder), FakeBotApi.user(flooder), None, sticker=sticker
            )
        group = FakeBotApi.group_chat(-1005)
        for _ in range(20):
            bot.api.message(group, FakeBotApi.user(other + 1), None, sticker=sticker)
        answer = await bot.ask(HOURS_QUESTION, user_id=other)
        assert answered_from(answer, LIBRARY)
        await bot.replies(flooder, after=0, count=20)
        await asyncio.sleep(0.3)
        # 2 × the question limit of 10 a minute; the audit saw 300 of 300.
        assert len(bot.sent(flooder)) == 20
        assert all(c.params["text"] == fa.TEXT_ONLY for c in bot.sent(flooder))
        assert bot.sent(-1005) == []  # stickers in groups: quietly ignored


async def test_same_name_upload_asks_and_keeps_the_previous_version(bots: BotLauncher) -> None:
    admin, chat = FakeBotApi.user(ADMIN), FakeBotApi.private_chat(ADMIN)
    new_text = "کتابخانه مرکزی تبریز از امسال هر روز از ساعت نه صبح تا ده شب باز است."
    old_bytes = (bots.corpus_dir / LIBRARY).read_bytes()
    async with bots.start() as bot:
        data = new_text.encode()
        bot.api.add_file("hours", data)
        for _ in range(3):
            bot.api.message(chat, admin, None, document=document(LIBRARY, len(data), "hours"))
        asked = await bot.api.wait_for_call("editMessageText", count=3, chat_id=ADMIN)
        assert all("از پیش در اسناد هست" in plain_text(c.params["text"]) for c in asked)
        assert (bots.corpus_dir / LIBRARY).read_bytes() == old_bytes  # nothing replaced yet
        choices = [buttons(c) for c in asked]
        assert [b["text"] for b in choices[0]] == [
            fa.BUTTON_REPLACE, fa.BUTTON_KEEP_BOTH, fa.BUTTON_CANCEL
        ]  # fmt: skip
        status = {c.params["message_id"]: c for c in asked}
        messages = [bot.api.messages[(ADMIN, mid)] for mid in status]

        bot.api.callback_query(admin, messages[0], choices[0][2]["callback_data"])  # cancel
        await bot.api.wait_for_call("editMessageText", count=4, chat_id=ADMIN)
        assert (bots.corpus_dir / LIBRARY).read_bytes() == old_bytes

        bot.api.callback_query(admin, messages[1], choices[1][1]["callback_data"])  # keep both
        await bot.api.wait_for(lambda: "افزوده شد" in bot.api.texts_to(ADMIN)[-1], what="both")
        assert "library-hours-2.txt" in bot.corpus_files()
        assert (bots.corpus_dir / LIBRARY).read_bytes() == old_bytes

        bot.api.callback_query(admin, messages[2], choices[2][0]["callback_data"])  # replace
        await bot.api.wait_for(lambda: "جایگزین شد" in bot.api.texts_to(ADMIN)[-1], what="done")
        assert (bots.corpus_dir / LIBRARY).read_text(encoding="utf-8") == new_text
        [kept] = (bots.corpus_dir / ".versions").iterdir()
        assert kept.read_bytes() == old_bytes and kept.name.startswith("library-hours.")
        assert kept.name in bot.api.texts_to(ADMIN)[-1]
        answer = await bot.ask(question(new_text))  # the same text is in both files now
        assert answered_from(answer, LIBRARY) or answered_from(answer, "library-hours-2.txt")
        assert all(d.name != kept.name for d in bot.service.documents())  # .versions unindexed


@pytest.mark.parametrize(
    ("first", "second"),
    [("report.docx", "report!.txt"), ("..txt", "\u200c.txt"), ("گزارش.md", "گزارش؟.md")],
)
async def test_names_that_clean_to_the_same_name_never_collide(
    bots: BotLauncher, first: str, second: str
) -> None:
    from tests.document_factory import make_docx

    admin, chat = FakeBotApi.user(ADMIN), FakeBotApi.private_chat(ADMIN)
    async with bots.start() as bot:
        before = set(bot.corpus_files())
        for number, (name, fact) in enumerate(((first, GARDEN), (second, HOURS))):
            data = make_docx([fact]) if name.endswith(".docx") else fact.encode()
            bot.api.add_file(f"f{number}", data)
            bot.api.message(chat, admin, None, document=document(name, len(data), f"f{number}"))
            await bot.api.wait_for(
                lambda n=number: sum("افزوده شد" in t for t in bot.api.texts_to(ADMIN)) > n,
                what=f"upload of {name}",
            )
        added = sorted(set(bot.corpus_files()) - before)
        assert len(added) == 2, added
        texts = {(bots.corpus_dir / n).read_text(encoding="utf-8").strip() for n in added}
        assert texts == {GARDEN, HOURS}


async def test_questions_are_answered_while_a_hostile_upload_is_being_read(
    bots: BotLauncher, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.upload_sandbox as upload_sandbox
    from tests.hostile_files import shared_stream_pdf

    # Without the pages × content check this PDF takes minutes; the wall limit stops it.
    limits = upload_sandbox.Limits(wall_seconds=4.0, pdf_content_bytes=2**50)
    monkeypatch.setattr(upload_sandbox, "DEFAULT_LIMITS", limits)
    async with bots.start() as bot:
        files = bot.corpus_files()
        data = shared_stream_pdf(pages=1999, stream_megabytes=8)
        bot.api.add_file("hostile", data)
        bot.api.message(
            FakeBotApi.private_chat(ADMIN),
            FakeBotApi.user(ADMIN),
            None,
            document=document("hostile.pdf", len(data), "hostile"),
        )
        await bot.api.wait_for(upload_sandbox.running, what="the reader to start")
        answers = [await bot.ask(HOURS_QUESTION, user_id=USER + n) for n in range(3)]
        assert all(answered_from(a, LIBRARY) for a in answers)
        assert upload_sandbox.running() == 1  # all three answered while it was being read
        [refused] = await bot.api.wait_for_call("editMessageText", chat_id=ADMIN, timeout=30)
        assert fa.DOC_TOO_COSTLY in plain_text(refused.params["text"])
        assert bot.corpus_files() == files and upload_sandbox.running() == 0
