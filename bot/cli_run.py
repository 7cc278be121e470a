"""`pasokh summary`, `chat` and `run`: a document's summary, the terminal chat, the bot."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from bot import cli_common
from bot.cli_common import EMPTY_QUESTION, load_service, print_answer
from bot.persian_messages import CONTEXT_CLEARED
from bot.settings import Settings

logger = logging.getLogger("pasokh")

EXAMPLE_QUESTIONS = (
    "جلسه ستاد توسعه تجارت چه روزی برگزار شد؟",
    "هدف از مشارکت در بازسازی قره‌باغ چیست؟",
    "قیمت دلار امروز چند است؟",
)
SUMMARY_CHOOSE = "نام یکی از این اسناد را بنویسید، مثلاً: pasokh summary NAME"


def cmd_summary(settings: Settings, args: argparse.Namespace) -> int:
    """Prints the summary of one document (the only one, or the one named)."""
    from bot.answering.types import DocumentError

    service = cli_common.open_service(settings)
    if load_service(service) is None:
        return 2
    try:
        answer = service.summary(args.doc)
    except DocumentError as exc:
        print(exc.persian_message, file=sys.stderr)
        names = [d.name for d in service.documents()]
        print(SUMMARY_CHOOSE + "\n" + "\n".join(f"  {n}" for n in names), file=sys.stderr)
        return 2
    print_answer(answer, args.json)
    return 0


def cmd_chat(settings: Settings) -> int:
    """A terminal REPL with the same answers as the bot; follow-ups use the last exchange."""
    from bot.answering.conversation import ask_in_context
    from bot.answering.followup import FollowupResolver
    from bot.answering.service import EmptyQuestionError

    service = cli_common.open_service(settings)
    if load_service(service, write=False) is None:
        return 2
    service.warm_in_background()
    resolver, previous = FollowupResolver(service), None
    print("پرسش خود را بنویسید (پرسش تازه: /new، خروج: Ctrl+D یا «خروج»).")
    while True:
        try:
            question = input("پرسش> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if question.strip() in {"خروج", "exit", "quit"}:
            return 0
        if question.strip() == "/new":
            previous = None
            print(CONTEXT_CLEARED)
            continue
        try:
            answer, previous = ask_in_context(service, resolver, question, previous)
        except EmptyQuestionError:
            print(EMPTY_QUESTION)
            continue
        print_answer(answer, as_json=False)


def cmd_run(settings: Settings) -> int:
    """Starts the bot; without a token, explains the setup and demonstrates in the terminal."""
    if settings.telegram_token:
        return _run_bot_guarded(settings)
    print(
        "No TELEGRAM_BOT_TOKEN is set, so the Telegram bot is not started.\n"
        "To run the bot: put TELEGRAM_BOT_TOKEN=<token from @BotFather> (and PASOKH_ADMINS=<your\n"
        "Telegram user id>) in the environment or in .env, then run `pasokh run` again.\n"
        "Meanwhile, here is pasokh answering in the terminal (`pasokh chat` to ask your own):\n",
        file=sys.stderr,
    )
    service = cli_common.open_service(settings)
    if load_service(service) is None:
        return 2
    for question in EXAMPLE_QUESTIONS:
        print(f"❓ {question}")
        print_answer(service.ask(question), as_json=False)
        print()
    if sys.stdin.isatty():
        return cmd_chat(settings)
    return 0


def _run_bot_guarded(settings: Settings) -> int:
    """Runs the bot; expected failures become one clear line, and nothing prints the token."""
    from telegram.error import InvalidToken

    from bot.telegram.app import run_bot
    from bot.telegram.log_redaction import install_redaction, print_redacted, quiet_expected
    from bot.telegram.startup import BotApiUnavailableError

    token = settings.telegram_token or ""
    install_redaction(token)
    # python-telegram-bot logs these with tracebacks; the one line below says what to do.
    # (A server that isn't the Bot API answers 404 in HTML: PTB logs the JSON error first.)
    quiet_expected(drop=(InvalidToken,), strip=(json.JSONDecodeError,))
    try:
        run_bot(settings)
    except InvalidToken:
        print(
            f"error: the Bot API at {settings.telegram_api_url} refused the bot token (401/404);"
            " check TELEGRAM_BOT_TOKEN and PASOKH_TELEGRAM_API_URL",
            file=sys.stderr,
        )
        return 1
    except BotApiUnavailableError as exc:  # unreachable for the whole start-up budget
        print_redacted(f"error: {exc}", token)
        return 1
    except ValueError as exc:  # configuration found wrong at start, e.g. the webhook secret
        print_redacted(f"configuration error: {exc}", token)
        return 2
    except Exception as exc:
        # Unexpected: the traceback goes to the log, through the redacting filter.
        logger.critical("The bot stopped: %s", exc, exc_info=True)
        return 1
    return 0
