"""The bot as a process: a refused token is one line and never printed; SIGTERM stops it fast.

Both run `pasokh run` (or the same with the fast encoder, `tests/bot_process.py`) in a child
process against the fake Bot API server in the test's event loop.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import signal
import sys
from pathlib import Path

from bot.telegram.log_redaction import install_redaction
from tests.fake_bot_api import TOKEN, FakeBotApi
from tests.hostile_files import shared_stream_pdf
from tests.telegram_harness import ADMIN, document

REPO = Path(__file__).resolve().parents[1]
REVOKED = "987654321:AAF-revoked-Token-that-must-stay-out-of-logs"


def _env(api_url: str, token: str, corpus_dir: Path, tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TELEGRAM_BOT_TOKEN=token,
        PASOKH_TELEGRAM_API_URL=api_url,
        PASOKH_CORPUS_DIR=str(corpus_dir),
        PASOKH_DATA_DIR=str(tmp_path / "data"),
        PASOKH_ADMINS=str(ADMIN),
        HF_HUB_OFFLINE="1",
    )
    return env


async def _run(*args: str, env: dict[str, str], cwd: Path) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, *args, cwd=cwd, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode, out.decode()


def _reader_pids(pid: int) -> list[int]:
    """The upload-reader processes the bot process `pid` is running now (Linux /proc)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    readers = []
    for child in children:
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"bot.upload_sandbox" in command:
            readers.append(int(child))
    return readers


async def test_a_refused_token_is_one_clear_line_and_never_printed(
    corpus_dir: Path, tmp_path: Path
) -> None:
    api = FakeBotApi()
    await api.start()
    try:
        cases = {
            "401": api.url,  # the fake server answers 401 to any token but its own
            "404": api.url + "/not-the-bot-api",  # a wrong PASOKH_TELEGRAM_API_URL
        }
        for case, url in cases.items():
            env = _env(url, REVOKED, corpus_dir, tmp_path)
            status, output = await _run("-m", "bot.cli", "-v", "run", env=env, cwd=tmp_path)
            assert status == 1, (case, output)
            assert REVOKED not in output and REVOKED.split(":")[1] not in output, case
            assert "refused the bot token" in output, (case, output)
            assert "Traceback" not in output, (case, output)
    finally:
        await api.stop()


def test_redaction_covers_messages_arguments_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        install_redaction(REVOKED)
        log = logging.getLogger("some.library")
        log.warning("url https://api.telegram.org/bot%s/getMe", REVOKED)
        log.warning(f"inline {REVOKED}")
        try:
            raise RuntimeError(f"The token `{REVOKED}` was rejected by the server.")
        except RuntimeError:
            log.exception("start-up failed")
    finally:
        root.removeHandler(handler)
    text = stream.getvalue()
    assert REVOKED not in text
    assert text.count("<token>") == 3 and "Traceback" in text and "rejected" in text


async def test_sigterm_stops_the_bot_within_seconds_while_an_upload_is_being_read(
    tmp_path: Path, corpus_dir: Path
) -> None:
    api = FakeBotApi()
    await api.start()
    try:
        env = _env(api.url, TOKEN, corpus_dir, tmp_path)
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.bot_process", "--no-cost-check", cwd=REPO, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        await api.wait_for_call("setMyCommands", timeout=60)
        data = shared_stream_pdf(pages=1999, stream_megabytes=1)  # minutes to extract
        api.add_file("hostile", data)
        chat, admin = FakeBotApi.private_chat(ADMIN), FakeBotApi.user(ADMIN)
        api.message(chat, admin, None, document=document("hostile.pdf", len(data), "hostile"))
        await api.wait_for(lambda: _reader_pids(process.pid), timeout=60, what="a reader")
        await asyncio.sleep(0.5)  # the reader is busy now
        readers = _reader_pids(process.pid)
        process.send_signal(signal.SIGTERM)
        # A bound, not a timing: the reader alone would run for minutes (its limit is 60 s).
        out, _ = await asyncio.wait_for(process.communicate(), 15)
        text = out.decode()
        assert process.returncode == 0, text
        assert "Traceback" not in text
        assert not api.texts_to(ADMIN) or "افزوده شد" not in api.texts_to(ADMIN)[-1]
        assert not any(Path(f"/proc/{pid}").exists() for pid in readers)  # none left behind
    finally:
        await api.stop()


def test_webhook_secret_with_invalid_characters_is_a_clear_message(
    monkeypatch, tmp_path: Path, corpus_dir: Path, capsys
) -> None:
    from bot import cli

    monkeypatch.chdir(tmp_path)
    for name, value in _env("http://127.0.0.1:9", TOKEN, corpus_dir, tmp_path).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PASOKH_WEBHOOK_URL", "https://bot.example.org/hook")
    monkeypatch.setenv("PASOKH_WEBHOOK_SECRET", "رمز with spaces!")
    status = cli.main(["run"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("configuration error: PASOKH_WEBHOOK_SECRET") and err.count("\n") == 1
    assert TOKEN not in err
