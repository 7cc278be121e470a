"""The real bot against a fake Bot API server: admin commands, reloads and uploads.

Only the configured admins may reload, list, remove, see stats or upload; uploads are checked
before download, read, named safely and indexed, and anything unreadable leaves the corpus and
the index exactly as they were.
"""

from __future__ import annotations

import asyncio
import codecs
import logging
import threading

import pytest

from tests.document_factory import make_docx, make_zip_bomb_docx
from tests.fake_bot_api import ANONYMOUS_ADMIN_ID, FakeBotApi, plain_text
from tests.fake_encoder import HashingEncoder
from tests.telegram_harness import (
    ADMIN,
    GARDEN,
    HOURS_QUESTION,
    LIBRARY,
    OBSERVATORY,
    USER,
    BotLauncher,
    answered_from,
    document,
    question,
)


class GatedEncoder(HashingEncoder):
    """Blocks document encoding (as a reload does) while `gate` is closed."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.gate.set()
        self.waiting = threading.Event()

    def encode(self, texts, kind):
        if kind == "document" and not self.gate.is_set():
            self.waiting.set()
            self.gate.wait(10)
        return super().encode(texts, kind)


async def test_reload_swaps_the_index_while_questions_keep_being_answered(
    bots: BotLauncher,
) -> None:
    encoder = GatedEncoder()
    async with bots.start(encoder=encoder) as bot:
        encoder.gate.clear()
        try:
            (bots.corpus_dir / "golestan-garden.txt").write_text(GARDEN, encoding="utf-8")
            admin_chat = FakeBotApi.private_chat(ADMIN)
            bot.api.message(admin_chat, FakeBotApi.user(ADMIN), "/reload")
            assert await asyncio.to_thread(encoder.waiting.wait, 10)  # the rebuild is under way
            [started] = await bot.replies(ADMIN, after=0)
            assert "نمایهٔ پیشین" in started.params["text"]

            during = await bot.ask(HOURS_QUESTION)  # answered from the old index meanwhile
            assert answered_from(during, LIBRARY)
            not_yet = await bot.ask(question(GARDEN))
            assert "golestan-garden.txt" not in not_yet.params["text"]
            # no report yet (a progress line may be edited in if this machine is slow)
            assert not any("افزوده" in t for t in bot.api.texts_to(ADMIN))
        finally:
            encoder.gate.set()
        await bot.api.wait_for(lambda: any("افزوده" in t for t in bot.api.texts_to(ADMIN)))
        report = bot.api.calls_to("editMessageText", chat_id=ADMIN)[-1]
        text = plain_text(report.params["text"])
        assert "افزوده: golestan-garden.txt" in text and "ثانیه" in text
        after = await bot.ask(question(GARDEN))
        assert answered_from(after, "golestan-garden.txt")
        assert bot.store.admin_actions()[-1].action == "reload"


async def test_failed_reload_is_reported_and_the_old_index_keeps_serving(bots: BotLauncher) -> None:
    async with bots.start() as bot:
        for path in bots.corpus_dir.iterdir():
            path.unlink()  # an empty corpus: the service refuses to swap in nothing
        bot.api.message(FakeBotApi.private_chat(ADMIN), FakeBotApi.user(ADMIN), "/reload")
        [report] = await bot.api.wait_for_call("editMessageText", chat_id=ADMIN)
        assert "انجام نشد" in report.params["text"] and "پیشین" in report.params["text"]
        still = await bot.ask(HOURS_QUESTION)
        assert answered_from(still, LIBRARY)
        assert not bot.store.admin_actions()[-1].ok


async def test_admin_commands_are_refused_to_everyone_else(bots: BotLauncher, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="bot.telegram.admin")
    async with bots.start() as bot:
        documents = bot.service.documents()
        user = FakeBotApi.user(USER)
        chat = FakeBotApi.private_chat(USER)
        for command in ("/reload", "/docs", "/stats", f"/remove {LIBRARY}"):
            bot.api.message(chat, user, command)
        bot.api.message(chat, user, None, document=document("x.txt", 10))
        group = FakeBotApi.group_chat(-1003)
        anonymous = {"id": ANONYMOUS_ADMIN_ID, "is_bot": True, "first_name": "Group"}
        bot.api.message(group, anonymous, "/reload@PasokhTestBot", sender_chat=group)
        refusals = await bot.replies(USER, after=0, count=5) + await bot.replies(-1003, 0)
        assert all("مدیران" in c.params["text"] for c in refusals)
        actions = bot.store.admin_actions()
        assert len(actions) == 6 and not any(a.allowed for a in actions)
        assert {a.user_id for a in actions} == {USER, ANONYMOUS_ADMIN_ID}
        assert bot.service.documents() == documents and LIBRARY in bot.corpus_files()
        assert not bot.api.calls_to("getFile")
    assert sum("Refused" in r.getMessage() for r in caplog.records) == 6


async def test_uploaded_document_is_indexed_listed_and_removable(bots: BotLauncher) -> None:
    admin = FakeBotApi.user(ADMIN)
    chat = FakeBotApi.private_chat(ADMIN)
    async with bots.start() as bot:
        data = make_docx([OBSERVATORY])
        bot.api.add_file("docx-1", data)
        bot.api.message(
            chat, admin, None, document=document("../رصدخانه مراغه.docx", len(data), "docx-1")
        )
        [done] = await bot.api.wait_for_call("editMessageText", chat_id=ADMIN)
        assert "افزوده شد" in done.params["text"], done.params["text"]
        assert "رصدخانه-مراغه.txt" in bot.corpus_files()
        answer = await bot.ask(question(OBSERVATORY))
        assert answered_from(answer, "رصدخانه-مراغه.txt")

        listing = await bot.ask("/docs", user_id=ADMIN)
        assert "رصدخانه-مراغه.txt" in plain_text(listing.params["text"])
        await bot.ask("/remove رصدخانه-مراغه.txt", user_id=ADMIN)
        await bot.api.wait_for_call("editMessageText", count=2, chat_id=ADMIN)
        assert "رصدخانه-مراغه.txt" not in bot.corpus_files()
        gone = await bot.ask(question(OBSERVATORY))
        assert "رصدخانه-مراغه.txt" not in gone.params["text"]
        assert [a.action for a in bot.store.admin_actions() if a.ok] == ["upload", "remove"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "PDF خراب"),
        ("bomb.docx", make_zip_bomb_docx(megabytes=8), "بیش از اندازه بزرگ"),
        ("empty.txt", b" \n\n ", "متنی در این سند پیدا نکردم"),
        ("binary.txt", b"\x00\x01binary\x00", "متن ساده نیست"),
    ],
)
async def test_unreadable_upload_is_refused_and_nothing_changes(
    bots: BotLauncher, name: str, data: bytes, reason: str
) -> None:
    async with bots.start() as bot:
        files, documents = bot.corpus_files(), bot.service.documents()
        bot.api.add_file("bad", data)
        admin = FakeBotApi.user(ADMIN)
        bot.api.message(
            FakeBotApi.private_chat(ADMIN), admin, None, document=document(name, len(data), "bad")
        )
        [refused] = await bot.api.wait_for_call("editMessageText", chat_id=ADMIN)
        assert reason in refused.params["text"] and "بدون تغییر" in refused.params["text"]
        assert bot.corpus_files() == files and bot.service.documents() == documents
        assert answered_from(await bot.ask(HOURS_QUESTION), LIBRARY)


async def test_oversized_or_unsupported_upload_is_refused_before_download(
    bots: BotLauncher,
) -> None:
    async with bots.start() as bot:
        chat, admin = FakeBotApi.private_chat(ADMIN), FakeBotApi.user(ADMIN)
        bot.api.message(chat, admin, None, document=document("big.pdf", 25 * 1024 * 1024))
        bot.api.message(chat, admin, None, document=document("tool.exe", 100))
        replies = await bot.replies(ADMIN, after=0, count=2)
        texts = sorted(plain_text(c.params["text"]) for c in replies)
        assert any("۲۰ مگابایت" in t for t in texts) and any("نمی‌پذیرم" in t for t in texts)
        assert not bot.api.calls_to("getFile")


async def test_bot_starts_with_no_documents_and_learns_from_the_first_upload(
    bots: BotLauncher,
) -> None:
    for path in bots.corpus_dir.iterdir():
        path.unlink()
    async with bots.start() as bot:
        empty = await bot.ask(question(GARDEN))
        assert "هنوز هیچ سندی" in empty.params["text"]
        data = codecs.BOM_UTF16_LE + GARDEN.encode("utf-16-le")  # Notepad's "Unicode"
        bot.api.add_file("garden", data)
        upload = document("باغ گلستان.md", len(data), "garden")
        bot.api.message(
            FakeBotApi.private_chat(ADMIN), FakeBotApi.user(ADMIN), None, document=upload
        )
        [done] = await bot.api.wait_for_call("editMessageText", chat_id=ADMIN)
        assert "افزوده شد" in done.params["text"]
        assert answered_from(await bot.ask(question(GARDEN)), "باغ-گلستان.md")
