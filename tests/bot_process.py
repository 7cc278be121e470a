"""`pasokh run` with the fast encoder, for tests that signal a real bot process.

Run as `python -m tests.bot_process` with the usual environment (TELEGRAM_BOT_TOKEN,
PASOKH_TELEGRAM_API_URL, PASOKH_CORPUS_DIR, PASOKH_DATA_DIR, PASOKH_ADMINS). With
`--no-cost-check` an upload reader runs without the PDF pages × content check, so a hostile PDF
keeps it busy for minutes: what a reader stuck on some other costly file looks like.
"""

from __future__ import annotations

import logging
import sys


def main(argv: list[str]) -> None:
    """Starts the bot and runs it until a signal stops it."""
    import bot.upload_sandbox as upload_sandbox
    from bot.answering.service import AnsweringService
    from bot.settings import Settings
    from bot.telegram.app import run_bot
    from tests.fake_encoder import HashingEncoder

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if "--no-cost-check" in argv:
        upload_sandbox.DEFAULT_LIMITS = upload_sandbox.Limits(pdf_content_bytes=2**50)
    settings = Settings.from_env(env_file=None)
    run_bot(settings, AnsweringService(settings, encoder=HashingEncoder()))


if __name__ == "__main__":
    main(sys.argv[1:])
