"""Runs the real bot against the fake Bot API server, for the Telegram tests.

`BotLauncher` starts a `FakeBotApi`, writes a small corpus and starts bots with
`build_application` and the real AnsweringService (HashingEncoder, no model), the way
`run_polling` would but inside the test's event loop. Each bot, when stopped, checks that it
sent nothing Telegram would refuse and never showed a traceback.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from telegram.ext import Application

from bot.answering.service import AnsweringService
from bot.settings import Settings
from bot.telegram.app import build_application, webhook_options
from bot.telegram.deps import DEPS_KEY
from bot.telegram.store import BotStore
from embeddings.text_normalizer import PersianTextNormalizer
from tests.fake_bot_api import TOKEN, Call, FakeBotApi, plain_text
from tests.fake_encoder import HashingEncoder

REPO = Path(__file__).resolve().parent.parent
ADMIN = 111
USER = 222
# HashingEncoder is a bag of words, and the service's abstention threshold is calibrated for
# the real model, so a question clears it only when it nearly repeats its sentence. Each fact is
# therefore a one-sentence document, asked back as a question; what the tests check is that the
# bot answers from the right document, not how clever retrieval is.
HOURS = "کتابخانه مرکزی تبریز هر روز از ساعت هشت صبح تا هشت شب باز است."
MEMBERSHIP = "عضویت در کتابخانه مرکزی تبریز برای همه دانش‌آموزان و دانشجویان رایگان است."
FOUNDING = "کتابخانه مرکزی تبریز در سال ۱۳۴۵ با بیش از دویست هزار جلد کتاب ساخته شد."
WEB_TAGS = "برچسب <b> در زبان نشانه‌گذاری وب متن را پررنگ می‌کند و نویسهٔ & را باید &amp; نوشت."
GARDEN = "باغ گلستان شیراز در بهار هر سال میزبان جشنواره بزرگ گل محمدی و گلاب‌گیری است."
OBSERVATORY = "رصدخانه مراغه به مدیریت خواجه نصیرالدین طوسی در قرن هفتم هجری ساخته شد."
FACTS = {
    "library-hours.txt": HOURS,
    "library-membership.txt": MEMBERSHIP,
    "library-founding.txt": FOUNDING,
    "web-tags.txt": WEB_TAGS,
}
LIBRARY = "library-hours.txt"
HOURS_FACT = "هشت صبح تا هشت شب"
OFF_TOPIC = "پایتخت فرانسه کجاست؟"


def question(fact: str) -> str:
    """The fact's sentence asked back as a question."""
    return fact.rstrip(".") + "؟"


HOURS_QUESTION = question(HOURS)


def answered_from(call: Call, source: str) -> bool:
    """True when a reply quotes a passage and names `source` as where the answer comes from."""
    text = call.params["text"]
    return "<blockquote>" in text and f"منبع: {source}" in plain_text(text)


def buttons(call: Call) -> list[dict]:
    """The inline buttons of a sent message."""
    markup = call.params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def document(name: str, size: int, file_id: str = "file-1") -> dict:
    """A Telegram Document object, as in a message carrying an uploaded file."""
    return {"file_id": file_id, "file_unique_id": f"u-{file_id}", "file_name": name,
            "file_size": size}  # fmt: skip


@dataclass
class RunningBot:
    """A started bot and the fake server it talks to."""

    api: FakeBotApi
    app: Application
    settings: Settings
    service: AnsweringService

    @property
    def store(self) -> BotStore:
        """The bot's SQLite store."""
        return self.app.bot_data[DEPS_KEY].store

    def sent(self, chat_id: int) -> list[Call]:
        """Every sendMessage to `chat_id` so far."""
        return self.api.calls_to("sendMessage", chat_id=chat_id)

    def corpus_files(self) -> list[str]:
        """Names of the files in the corpus folder."""
        return sorted(p.name for p in self.settings.corpus_dir.iterdir())

    async def replies(self, chat_id: int, after: int, count: int = 1) -> list[Call]:
        """Waits for `count` more messages to `chat_id` than the `after` already there."""
        calls = await self.api.wait_for_call("sendMessage", count=after + count, chat_id=chat_id)
        return calls[after:]

    async def ask(self, text: str, user_id: int = USER) -> Call:
        """Sends a private message and returns the bot's (single) reply."""
        before = len(self.sent(user_id))
        self.api.message(FakeBotApi.private_chat(user_id), FakeBotApi.user(user_id), text)
        return (await self.replies(user_id, before))[0]


class BotLauncher:
    """A fake Bot API server, a corpus and a data folder, for bots started one after another."""

    def __init__(self, tmp_path: Path, normalizer: PersianTextNormalizer) -> None:
        self.tmp_path = tmp_path
        self.normalizer = normalizer
        self.api = FakeBotApi()
        self.corpus_dir = tmp_path / "corpus"
        self.corpus_dir.mkdir()
        for path in (REPO / "corpus").glob("*.txt"):
            shutil.copy(path, self.corpus_dir / path.name)
        for name, fact in FACTS.items():
            (self.corpus_dir / name).write_text(fact + "\n", encoding="utf-8")

    async def __aenter__(self) -> BotLauncher:
        await self.api.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.api.stop()

    @contextlib.asynccontextmanager
    async def start(
        self,
        service_class: type[AnsweringService] = AnsweringService,
        encoder: HashingEncoder | None = None,
        **overrides: object,
    ) -> AsyncIterator[RunningBot]:
        """Starts a bot (settings `overrides` apply), yields it, and stops it."""
        settings = Settings(
            corpus_dir=self.corpus_dir,
            data_dir=self.tmp_path / "data",
            telegram_token=TOKEN,
            admins=frozenset({ADMIN}),
            telegram_api_url=self.api.url,
            questions_per_minute=30,
            max_question_chars=300,
        ).with_overrides(**overrides)
        # one hazm start-up (seconds) per session, not per bot
        service = service_class(
            settings, encoder=encoder or HashingEncoder(), normalizer=self.normalizer
        )
        app = build_application(settings, service)
        await app.initialize()
        await app.post_init(app)
        await app.start()
        if settings.webhook_url:
            await app.updater.start_webhook(**webhook_options(settings))
        else:
            # as `run_polling` does: polling errors go to the application's error handler
            await app.updater.start_polling(
                poll_interval=0.0,
                timeout=1,
                error_callback=lambda exc: app.create_task(app.process_error(None, exc)),
            )
        try:
            yield RunningBot(self.api, app, settings, service)
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
            await app.post_shutdown(app)
        assert self.api.errors == [], "the bot sent requests Telegram would refuse"
        assert not any("Traceback" in str(c.params.get("text")) for c in self.api.calls)
