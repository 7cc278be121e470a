"""The issue-13 fault figures: `python -m benchmarks.fault_figures` (from the repository root).

Runs the real bot against the fake Bot API server under faults and prints one line a figure:
8 questions with SQLite failing "database or disk is full", 300 stickers from one user, a
same-name upload, `pasokh -v run` with a refused token, the hostile .docx and .pdf through the
upload reader; as root also a really full 12 MB tmpfs and a read-only tmpfs data folder. To
get the "before" figures, run it with PYTHONPATH pointing at an older checkout (the sections
that need new modules say so and are skipped).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.telegram.store import BotStore
from embeddings.text_normalizer import PersianTextNormalizer
from tests.conftest import MEETING_REPORT
from tests.fake_bot_api import FakeBotApi, plain_text
from tests.telegram_harness import (
    ADMIN,
    HOURS_QUESTION,
    LIBRARY,
    USER,
    BotLauncher,
    answered_from,
    document,
)

REVOKED = "987654321:AAF-revoked-Token-that-must-stay-out-of-logs"
STICKER = {"file_id": "s", "file_unique_id": "su", "type": "regular", "width": 512,
           "height": 512, "is_animated": False, "is_video": False}  # fmt: skip


async def full_disk(norm: PersianTextNormalizer) -> None:
    """8 questions while SQLite inserts fail as on a full disk."""
    with tempfile.TemporaryDirectory() as tmp:
        async with BotLauncher(Path(tmp), norm) as bots, bots.start() as bot:
            real = BotStore.log_question

            def full(*args, **kwargs):
                raise sqlite3.OperationalError("database or disk is full")

            BotStore.log_question = full
            try:
                replies = [await bot.ask(HOURS_QUESTION, user_id=USER + n) for n in range(8)]
            finally:
                BotStore.log_question = real
            answered = sum(answered_from(r, LIBRARY) for r in replies)
            print(f"full disk (patched insert): answered {answered} of 8")


async def stickers(norm: PersianTextNormalizer) -> None:
    """300 stickers from one user, question limit 20 a minute."""
    with tempfile.TemporaryDirectory() as tmp:
        async with BotLauncher(Path(tmp), norm) as bots, bots.start(questions_per_minute=20) as bot:
            for _ in range(300):
                chat, user = FakeBotApi.private_chat(USER), FakeBotApi.user(USER)
                bot.api.message(chat, user, None, sticker=STICKER)
            await bot.ask(HOURS_QUESTION, user_id=USER + 1)
            count = -1
            while count != len(bot.sent(USER)):  # until the replies stop coming
                count = len(bot.sent(USER))
                await asyncio.sleep(1)
            print(f"stickers: {count} replies to 300 stickers (question limit 20/min)")


async def same_name_upload(norm: PersianTextNormalizer) -> None:
    """A short file uploaded under the meeting report's name."""
    with tempfile.TemporaryDirectory() as tmp:
        async with BotLauncher(Path(tmp), norm) as bots, bots.start() as bot:
            name, path = MEETING_REPORT.name, bots.corpus_dir / MEETING_REPORT.name
            size = path.stat().st_size
            data = "گزارش کوتاه تازه.".encode() * 4
            bot.api.add_file("f", data)
            chat, admin = FakeBotApi.private_chat(ADMIN), FakeBotApi.user(ADMIN)
            bot.api.message(chat, admin, None, document=document(name, len(data), "f"))
            [reply] = await bot.api.wait_for_call("editMessageText", chat_id=ADMIN, timeout=60)
            text = plain_text(reply.params["text"])[:50]
            print(f"same-name upload: {size} -> {path.stat().st_size} bytes; reply {text!r}")


async def refused_token() -> None:
    """`pasokh -v run` when the Bot API answers 401."""
    api = FakeBotApi()
    await api.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, TELEGRAM_BOT_TOKEN=REVOKED, PASOKH_TELEGRAM_API_URL=api.url)
            env.update(PASOKH_CORPUS_DIR=str(MEETING_REPORT.parent), PASOKH_DATA_DIR=tmp)
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "-v", "run", cwd=tmp, env=env,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
            )  # fmt: skip
            text = (await process.communicate())[0].decode()
    finally:
        await api.stop()
    print(f"401 at start: exit {process.returncode}, token printed {text.count(REVOKED)} times,"
          f" {text.count(chr(10))} lines, traceback: {'Traceback' in text}")  # fmt: skip


async def hostile_uploads() -> None:
    """The hostile .docx and .pdf through the upload reader."""
    try:
        from bot.upload_sandbox import extract_text_isolated
    except ImportError:
        print("hostile uploads: no bot.upload_sandbox in this tree (skipped)")
        return
    from tests.hostile_files import repetitive_docx, shared_stream_pdf

    for name, data in (("h.docx", repetitive_docx(100)), ("h.pdf", shared_stream_pdf(1999, 8))):
        started = time.perf_counter()
        try:
            await extract_text_isolated(name, data)
            outcome = "read"
        except Exception as exc:
            outcome = f"refused ({exc})"
        print(
            f"{name} ({len(data) // 1024} KB): {outcome} in {time.perf_counter() - started:.1f} s"
        )


@contextlib.contextmanager
def tmpfs(path: Path, options: str):
    """Mounts a tmpfs at `path` (root only)."""
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], check=True)
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


async def real_disks(norm: PersianTextNormalizer) -> None:
    """A really full 12 MB tmpfs, then a read-only tmpfs, as the data folder (root only)."""
    if os.geteuid() != 0:
        print("tmpfs figures: need root (skipped)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        with tmpfs(data, "size=12m"):
            async with BotLauncher(Path(tmp), norm) as bots, bots.start() as bot:
                filler = ["dd", "if=/dev/zero", f"of={data}/filler", "bs=1M", "count=64"]
                subprocess.run(filler, capture_output=True, check=False)
                replies = [await bot.ask(HOURS_QUESTION, user_id=USER + n) for n in range(8)]
                answered = sum(answered_from(r, LIBRARY) for r in replies)
                print(f"full 12 MB tmpfs: answered {answered} of 8, admin alerts"
                      f" {len(bot.sent(ADMIN))}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        with tmpfs(data, "size=1m,ro"):
            async with BotLauncher(Path(tmp), norm) as bots:
                try:
                    async with bots.start() as bot:
                        reply = await bot.ask(HOURS_QUESTION)
                        print(f"read-only data folder: started, answered"
                              f" {answered_from(reply, LIBRARY)}")  # fmt: skip
                except Exception as exc:
                    print(f"read-only data folder: did not start ({type(exc).__name__}: {exc})")


async def main() -> None:
    """Prints every figure."""
    norm = PersianTextNormalizer()
    await full_disk(norm)
    await stickers(norm)
    await same_name_upload(norm)
    await refused_token()
    await hostile_uploads()
    await real_disks(norm)


if __name__ == "__main__":
    asyncio.run(main())
