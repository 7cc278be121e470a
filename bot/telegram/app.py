"""The Telegram bot: building the Application, registering handlers, and running it.

Follows python-telegram-bot's examples: `build_application` is separate from running, heavy
start-up (the model and the index) happens in `post_init`, and one error handler logs and
apologises. Updates are processed concurrently; the answering service runs in worker threads.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
import signal
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot import persian_messages as fa
from bot.answering.service import AnsweringService, EmptyCorpusError
from bot.settings import Settings
from bot.telegram.admin import (
    list_documents,
    reload_corpus,
    remove_document,
    show_stats,
)
from bot.telegram.callbacks import (
    feedback,
    inline_query,
    more_sources,
    new_question,
    report_choice,
)
from bot.telegram.conversations import ConversationStore
from bot.telegram.deps import DEPS_KEY, BotDeps
from bot.telegram.flood_guard import install_flood_guard
from bot.telegram.handlers import (
    ask_command,
    group_text,
    help_command,
    new_conversation,
    on_error,
    private_text,
    start,
    text_only,
    unknown_command,
)
from bot.telegram.log_redaction import install_redaction
from bot.telegram.rate_limit import RateLimiter
from bot.telegram.rendering import REPORT_PREFIX
from bot.telegram.store_guard import GuardedStore
from bot.telegram.summary import CALLBACK_PREFIX, summary_choice, summary_command
from bot.telegram.upload_choices import CALLBACK_PATTERN as UPLOAD_CHOICE_PATTERN
from bot.telegram.upload_choices import upload_choice
from bot.telegram.uploads import group_document, upload_document
from bot.upload_sandbox import kill_all

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
# Telegram answers flood errors with "retry after"; a few retries ride them out.
FLOOD_RETRIES = 3
# What Telegram accepts as a webhook secret_token.
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


def build_application(settings: Settings, service: AnsweringService | None = None) -> Application:
    """Builds the bot, ready for `run_polling`/`run_webhook` (or manual start in tests).

    Args:
        settings: Token, admins, limits and where the Bot API server is.
        service: An answering service to use (tests); by default one is created from
            `settings`. Either way it is loaded in `post_init`.

    Raises:
        ValueError: No bot token is configured.
    """
    if not settings.telegram_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    _keep_token_out_of_logs(settings.telegram_token)
    deps = BotDeps(
        settings=settings,
        service=service or AnsweringService(settings),
        store=GuardedStore(settings.database_path),
        limiter=RateLimiter(settings.questions_per_minute),
        conversations=ConversationStore(settings.context_minutes * 60),
    )
    api = settings.telegram_api_url.rstrip("/")
    application = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(AIORateLimiter(max_retries=FLOOD_RETRIES))
        .concurrent_updates(True)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data[DEPS_KEY] = deps
    install_flood_guard(application, settings.questions_per_minute)
    register_handlers(application)
    return application


def _keep_token_out_of_logs(token: str) -> None:
    """Keeps the token (part of every Bot API URL) out of every log record and traceback."""
    install_redaction(token)


def register_handlers(application: Application) -> None:
    """Routes updates: commands, private questions, group mentions/replies, buttons, inline."""
    # Only new messages: edits, channel posts and everything else fall through and are ignored.
    new = filters.UpdateType.MESSAGE
    private = filters.ChatType.PRIVATE & new
    groups = filters.ChatType.GROUPS & new
    commands = {
        "start": start,
        "help": help_command,
        "ask": ask_command,
        "new": new_conversation,
        "summary": summary_command,
        "reload": reload_corpus,
        "docs": list_documents,
        "remove": remove_document,
        "stats": show_stats,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=new))
    application.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, private_text))
    application.add_handler(MessageHandler(groups & filters.TEXT & ~filters.COMMAND, group_text))
    application.add_handler(MessageHandler(private & filters.Document.ALL, upload_document))
    application.add_handler(MessageHandler(groups & filters.Document.ALL, group_document))
    application.add_handler(MessageHandler(private & filters.COMMAND, unknown_command))
    application.add_handler(
        MessageHandler(private & ~filters.TEXT & ~filters.StatusUpdate.ALL, text_only)
    )
    # At most 18 digits: a forged id too large for SQLite's integers matches no handler.
    application.add_handler(CallbackQueryHandler(feedback, pattern=r"^fb:\d{1,18}:-?1$"))
    application.add_handler(CallbackQueryHandler(more_sources, pattern=r"^more:\d{1,18}$"))
    application.add_handler(CallbackQueryHandler(new_question, pattern=r"^new$"))
    application.add_handler(
        CallbackQueryHandler(report_choice, pattern=rf"^{REPORT_PREFIX}\d{{1,18}}:[0-9a-f]{{16}}$")
    )
    application.add_handler(CallbackQueryHandler(upload_choice, pattern=UPLOAD_CHOICE_PATTERN))
    application.add_handler(
        CallbackQueryHandler(summary_choice, pattern=rf"^{CALLBACK_PREFIX}[0-9a-f]{{16}}$")
    )
    application.add_handler(InlineQueryHandler(inline_query))
    application.add_error_handler(on_error)


async def _post_init(application: Application) -> None:
    """Loads the model and the index (in a thread), then publishes the command menus."""
    deps: BotDeps = application.bot_data[DEPS_KEY]
    deps.store.attach(application.bot, asyncio.get_running_loop(), deps.settings.admins)
    try:
        # On a full or read-only data folder the index serves from memory rather than not at all.
        report = await asyncio.to_thread(deps.service.load, must_save=False)
    except EmptyCorpusError:
        # Start anyway: an admin can upload the first document through the bot.
        logger.warning("No documents in %s yet; the bot starts empty", deps.settings.corpus_dir)
    else:
        logger.info(
            "Serving %d documents (%d chunks) as @%s",
            report.documents,
            report.chunks,
            application.bot.username,
        )
    await set_commands(application, deps.settings.admins)
    deps.service.warm_in_background()


async def set_commands(application: Application, admins: frozenset[int]) -> None:
    """Sets the command menu: everyone's commands, plus the admin ones in admins' chats."""
    public = [BotCommand(name, text) for name, text in fa.COMMAND_DESCRIPTIONS.items()]
    admin = public + [
        BotCommand(name, text) for name, text in fa.ADMIN_COMMAND_DESCRIPTIONS.items()
    ]
    await application.bot.set_my_commands(public)
    for admin_id in sorted(admins):
        try:
            await application.bot.set_my_commands(admin, scope=BotCommandScopeChat(admin_id))
        except TelegramError as exc:
            # Telegram refuses chat scopes for users who never opened the bot; not fatal.
            logger.warning("Could not set admin commands for user %s: %s", admin_id, exc)


async def _post_shutdown(application: Application) -> None:
    """Closes the database."""
    application.bot_data[DEPS_KEY].store.close()


def webhook_options(settings: Settings) -> dict[str, object]:
    """Arguments for `run_webhook`/`start_webhook`: where to listen and which secret to expect.

    Telegram sends the secret in the `X-Telegram-Bot-Api-Secret-Token` header and
    python-telegram-bot answers 403 to any request without it. Without a configured secret a
    random one is used for this run, so the webhook is never left open to forged updates.
    """
    secret = settings.webhook_secret
    if secret and not WEBHOOK_SECRET.fullmatch(secret):
        raise ValueError(
            "PASOKH_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -"
            f" (Telegram's rule); it has {len(secret)} characters, some outside that set"
        )
    if not secret:
        secret = secrets.token_urlsafe(32)
        logger.warning("PASOKH_WEBHOOK_SECRET is not set; using a random secret for this run")
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": urlsplit(settings.webhook_url or "").path.strip("/"),
        "webhook_url": settings.webhook_url,
        "secret_token": secret,
    }


def run_bot(settings: Settings, service: AnsweringService | None = None) -> None:
    """Runs the bot until interrupted: a webhook when `settings.webhook_url` is set, else polling.

    Args:
        settings: Configuration; `telegram_token` must be set.
        service: An answering service to use (tests); by default one from `settings`.
    """
    options = webhook_options(settings) if settings.webhook_url else {}
    application = build_application(settings, service)
    _stop_promptly_on_signals(application)
    if settings.webhook_url:
        logger.info(
            "Starting the bot with a webhook on %s:%s/%s",
            options["listen"],
            options["port"],
            options["url_path"],
        )
        application.run_webhook(**options, allowed_updates=ALLOWED_UPDATES, stop_signals=None)
    else:
        from bot.telegram.startup import wait_for_bot_api

        logger.info("Starting the bot with long polling")
        # Checked first with back-off so an unreachable server is a clear message, not a
        # traceback; once polling, python-telegram-bot retries network errors itself.
        asyncio.run(
            wait_for_bot_api(
                application.bot, settings.telegram_api_url, settings.startup_retry_seconds
            )
        )
        application.run_polling(allowed_updates=ALLOWED_UPDATES, stop_signals=None)


def _stop_promptly_on_signals(application: Application) -> None:
    """On SIGINT/SIGTERM: kill running upload readers, then stop as python-telegram-bot does.

    python-telegram-bot waits for running handlers before it stops; an upload handler waits
    for its reader process, so the readers are killed first and shutdown takes seconds.
    """
    original = application.post_init

    def stop(signum: int) -> None:
        logger.info("Received signal %d; stopping", signum)
        kill_all()
        application.stop_running()

    async def post_init(app: Application) -> None:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop, signum)
        if original is not None:
            await original(app)

    application.post_init = post_init
