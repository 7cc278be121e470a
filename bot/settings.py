"""Configuration from the environment and an optional `.env` file.

Every name is documented in the README. Secrets (the bot token) are only ever read here and are
never logged: `Settings.__repr__` masks them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

BUNDLED_MODEL = "bundled:multilingual-e5-small"
DEFAULT_TELEGRAM_API_URL = "https://api.telegram.org"


def _load_dotenv(path: Path) -> dict[str, str]:
    """Reads KEY=VALUE lines from a `.env` file without touching `os.environ`."""
    if not path.is_file():
        return {}
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path).items() if v is not None}


def _parse_admins(raw: str) -> frozenset[int]:
    ids = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            ids.add(int(part))
        except ValueError as exc:
            raise ValueError(
                f"PASOKH_ADMINS must be comma-separated Telegram user ids, got {part!r}"
            ) from exc
    return frozenset(ids)


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from exc


BACKENDS = ("onnx", "sentence-transformers")


SCORERS = ("learned", "hand")


def _choice(name: str, raw: str, choices: tuple[str, ...]) -> str:
    if raw not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, got {raw!r}")
    return raw


@dataclass(frozen=True)
class Settings:
    """Everything pasokh can be configured with.

    Attributes:
        corpus_dir: Folder of documents to answer from (`PASOKH_CORPUS_DIR`).
        data_dir: Index, SQLite database and model cache (`PASOKH_DATA_DIR`).
        embedding_model: `bundled:multilingual-e5-small` (offline default) or any
            sentence-transformers model name or path (`PASOKH_EMBEDDING_MODEL`).
        threads: CPU threads for torch, FAISS and OpenMP (`PASOKH_THREADS`); embedding
            a question uses `query_threads` (`PASOKH_QUERY_THREADS`).
        int8_queries: Embed questions with an int8 copy of the model; `0` keeps fp32
            (`PASOKH_INT8_QUERIES`).
        backend: `onnx` (default: onnxruntime, no torch when serving) or
            `sentence-transformers` (`PASOKH_BACKEND`).
        scorer: How the answer sentence is chosen and declined: `learned` (default: the
            weights fitted on ParsiNLU train) or `hand` (the earlier hand-tuned mix and
            similarity threshold) (`PASOKH_SCORER`).
        telegram_token: Bot token from BotFather (`TELEGRAM_BOT_TOKEN`); never logged.
        admins: Telegram user ids allowed to run admin commands (`PASOKH_ADMINS`).
        telegram_api_url: Bot API server (`PASOKH_TELEGRAM_API_URL`).
        questions_per_minute: Per-user question limit (`PASOKH_QUESTIONS_PER_MINUTE`).
        max_question_chars: Longer questions are truncated (`PASOKH_MAX_QUESTION_CHARS`).
        webhook_url: Public HTTPS URL; when set the bot uses a webhook (`PASOKH_WEBHOOK_URL`).
        webhook_secret: Secret token Telegram must send in its header (`PASOKH_WEBHOOK_SECRET`).
        webhook_listen: Address the webhook server binds (`PASOKH_WEBHOOK_LISTEN`).
        webhook_port: Port the webhook server binds (`PASOKH_WEBHOOK_PORT`).
        index_path: Index folder, if not `data_dir/index` (`PASOKH_INDEX_DIR`, `--index`).
        context_minutes: How long a Telegram user's last exchange is the context of a
            follow-up question; 0 leaves only replies to answers (`PASOKH_CONTEXT_MINUTES`).
        startup_retry_seconds: How long `pasokh run` keeps retrying an unreachable Bot API
            server at start-up before it exits (`PASOKH_STARTUP_RETRY_SECONDS`).
        progress_seconds: Off a terminal, a long step prints a progress line to stderr this
            often (`PASOKH_PROGRESS_SECONDS`); on a terminal it draws a bar.
    """

    corpus_dir: Path = Path("corpus")
    data_dir: Path = Path("data")
    embedding_model: str = BUNDLED_MODEL
    threads: int = 2
    query_threads: int = 1
    int8_queries: bool = True
    backend: str = "onnx"
    scorer: str = "learned"
    telegram_token: str | None = field(default=None, repr=False)
    admins: frozenset[int] = frozenset()
    telegram_api_url: str = DEFAULT_TELEGRAM_API_URL
    questions_per_minute: int = 20
    max_question_chars: int = 1000
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    index_path: Path | None = None
    context_minutes: int = 10
    startup_retry_seconds: float = 300.0
    progress_seconds: float = 5.0

    @classmethod
    def from_env(
        cls, environ: dict[str, str] | None = None, env_file: Path | None = Path(".env")
    ) -> Settings:
        """Builds settings from `.env` (if present) overlaid by the process environment.

        Args:
            environ: Variables to read instead of `os.environ` (tests pass their own).
            env_file: Optional `.env` file; real environment variables win over it.

        Raises:
            ValueError: A variable has a value of the wrong form; the message names it.
        """
        env = _load_dotenv(env_file) if env_file else {}
        env.update(os.environ if environ is None else environ)
        default = cls()
        return cls(
            corpus_dir=Path(env.get("PASOKH_CORPUS_DIR") or default.corpus_dir),
            data_dir=Path(env.get("PASOKH_DATA_DIR") or default.data_dir),
            embedding_model=env.get("PASOKH_EMBEDDING_MODEL") or default.embedding_model,
            threads=max(1, _int(env, "PASOKH_THREADS", default.threads)),
            query_threads=max(1, _int(env, "PASOKH_QUERY_THREADS", default.query_threads)),
            int8_queries=_int(env, "PASOKH_INT8_QUERIES", int(default.int8_queries)) != 0,
            backend=_choice(
                "PASOKH_BACKEND", env.get("PASOKH_BACKEND", "").strip() or default.backend, BACKENDS
            ),
            scorer=_choice(
                "PASOKH_SCORER", env.get("PASOKH_SCORER", "").strip() or default.scorer, SCORERS
            ),
            telegram_token=(env.get("TELEGRAM_BOT_TOKEN") or "").strip() or None,
            admins=_parse_admins(env.get("PASOKH_ADMINS", "")),
            telegram_api_url=(
                env.get("PASOKH_TELEGRAM_API_URL") or default.telegram_api_url
            ).rstrip("/"),
            questions_per_minute=_int(
                env, "PASOKH_QUESTIONS_PER_MINUTE", default.questions_per_minute
            ),
            max_question_chars=_int(env, "PASOKH_MAX_QUESTION_CHARS", default.max_question_chars),
            webhook_url=env.get("PASOKH_WEBHOOK_URL") or None,
            webhook_secret=env.get("PASOKH_WEBHOOK_SECRET") or None,
            webhook_listen=env.get("PASOKH_WEBHOOK_LISTEN") or default.webhook_listen,
            webhook_port=_int(env, "PASOKH_WEBHOOK_PORT", default.webhook_port),
            index_path=Path(env["PASOKH_INDEX_DIR"]) if env.get("PASOKH_INDEX_DIR") else None,
            context_minutes=max(0, _int(env, "PASOKH_CONTEXT_MINUTES", default.context_minutes)),
            startup_retry_seconds=max(
                0, _int(env, "PASOKH_STARTUP_RETRY_SECONDS", int(default.startup_retry_seconds))
            ),
            progress_seconds=max(
                0, _int(env, "PASOKH_PROGRESS_SECONDS", int(default.progress_seconds))
            ),
        )

    def with_overrides(self, **changes: object) -> Settings:
        """Returns a copy with the given fields replaced (None values are ignored)."""
        valid = {f.name for f in fields(self)}
        unknown = set(changes) - valid
        if unknown:
            raise TypeError(f"unknown settings {sorted(unknown)}; valid: {sorted(valid)}")
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def index_dir(self) -> Path:
        """Where the FAISS index and its manifest live."""
        return self.index_path or self.data_dir / "index"

    @property
    def model_cache_dir(self) -> Path:
        """Where the bundled model is materialized."""
        return self.data_dir / "models"

    @property
    def database_path(self) -> Path:
        """SQLite database for the question log, feedback and admin actions."""
        return self.data_dir / "pasokh.sqlite3"
