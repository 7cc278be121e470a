"""Keeps the bot token out of every log line, including exception text and tracebacks.

The token is part of every Bot API URL, so it turns up in httpx request lines, in
python-telegram-bot's debug output and in the text of errors such as `InvalidToken`. A filter
on each root handler sees every record that any logger propagates, so it redacts the message,
its arguments and the formatted exception before any handler writes them.
"""

from __future__ import annotations

import logging
import sys

REDACTED = "<token>"


class RedactSecrets(logging.Filter):
    """Replaces the given secrets in a record's message, arguments and exception text."""

    def __init__(self, secrets: tuple[str, ...]) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def redact(self, text: str) -> str:
        """`text` with every secret replaced."""
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep the raw parts, redacted
            message = f"{record.msg} {record.args}"
        record.msg, record.args = self.redact(message), ()
        if record.exc_info and record.exc_info[1] is not None:
            # Formatted once here, redacted; formatters print exc_text when it is set.
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class QuietExpected(logging.Filter):
    """Keeps tracebacks of expected start-up failures out of the log.

    Records about `drop` exceptions are dropped (the top-level handler reports them in one
    line); records about `strip` exceptions keep their message but lose the traceback.
    """

    def __init__(
        self, drop: tuple[type[BaseException], ...], strip: tuple[type[BaseException], ...]
    ) -> None:
        super().__init__()
        self.drop, self.strip = drop, strip

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, self.drop):
            return False
        if isinstance(error, self.strip):
            record.exc_info, record.exc_text = None, None
        return True


def quiet_expected(
    drop: tuple[type[BaseException], ...], strip: tuple[type[BaseException], ...] = ()
) -> None:
    """Adds a `QuietExpected` filter to every root handler."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(QuietExpected(drop, strip))


def install_redaction(*secrets: str) -> RedactSecrets:
    """Adds a redacting filter to every handler of the root logger (making one if none).

    Also silences httpx's per-request INFO lines, which would only ever say "<token>".
    """
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    redaction = RedactSecrets(secrets)
    for handler in root.handlers:
        if not any(
            isinstance(f, RedactSecrets) and f.secrets == redaction.secrets for f in handler.filters
        ):
            handler.addFilter(redaction)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return redaction


def print_redacted(message: str, *secrets: str) -> None:
    """Prints one line to stderr with the secrets replaced (for the top-level handler)."""
    print(RedactSecrets(secrets).redact(message), file=sys.stderr)
