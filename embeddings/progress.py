"""Progress of long steps (materializing the model, reading and embedding documents).

Code doing the work calls `report(stage, done, total)`; whoever started it decides where that
goes with `reporting_to(callback)`: a bar or periodic lines on stderr for the CLI, an edited
status message for the bot. With no callback set, `report` does nothing. The callback is held
in a context variable, so it follows the work into `asyncio.to_thread` workers and two
reloads in different threads never see each other's callback.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TextIO

MATERIALIZING = "materializing the embedding model"
READING = "reading documents"
EMBEDDING = "embedding documents"


@dataclass(frozen=True)
class ProgressEvent:
    """How far one stage has got.

    Attributes:
        stage: What is being done (one of the names above), in English.
        done: Units finished so far.
        total: Units in all, when known.
        unit: What a unit is ("files", "texts", "steps").
    """

    stage: str
    done: int
    total: int | None
    unit: str = ""

    @property
    def finished(self) -> bool:
        """True at the last unit of a stage of known size."""
        return self.total is not None and self.done >= self.total

    def line(self) -> str:
        """One English line, e.g. `embedding documents: 120/512 texts (23%)`."""
        if self.total:
            return (
                f"{self.stage}: {self.done}/{self.total} {self.unit} "
                f"({100 * self.done // self.total}%)"
            ).replace("  ", " ")
        return f"{self.stage}: {self.done} {self.unit}".rstrip()


ProgressCallback = Callable[[ProgressEvent], None]
_callback: ContextVar[ProgressCallback | None] = ContextVar("pasokh_progress", default=None)


@contextlib.contextmanager
def reporting_to(callback: ProgressCallback | None) -> Iterator[None]:
    """Sends the `report` calls made inside this block (and its threads) to `callback`."""
    token = _callback.set(callback)
    try:
        yield
    finally:
        _callback.reset(token)


def report(stage: str, done: int, total: int | None = None, unit: str = "") -> None:
    """Tells the current callback how far `stage` has got; never raises."""
    callback = _callback.get()
    if callback is not None:
        with contextlib.suppress(Exception):  # progress must never break the work itself
            callback(ProgressEvent(stage, done, total, unit))


class StderrProgress:
    """A tqdm bar per stage on a terminal; otherwise a line every `interval` seconds."""

    def __init__(self, stream: TextIO | None = None, interval: float = 5.0) -> None:
        """Writes to `stream` (stderr by default); bars only when it is a terminal."""
        self.stream = stream or sys.stderr
        self.interval = interval
        self._bars: dict[str, object] = {}
        self._started: dict[str, float] = {}
        self._last_line = 0.0
        self._is_tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, event: ProgressEvent) -> None:
        """Shows `event`."""
        if self._is_tty:
            self._bar(event)
            return
        now = time.monotonic()
        started = self._started.setdefault(event.stage, now)
        # Quiet for quick stages: a line only once a stage has run for `interval` seconds,
        # then every `interval` seconds, and its last one when it ends.
        if now - started >= self.interval and (
            now - self._last_line >= self.interval or event.finished
        ):
            self._last_line = now
            print(event.line(), file=self.stream, flush=True)
        if event.finished:
            self._started.pop(event.stage, None)

    def _bar(self, event: ProgressEvent) -> None:
        from tqdm import tqdm

        bar = self._bars.get(event.stage)
        if bar is None:
            bar = tqdm(
                total=event.total,
                desc=event.stage,
                unit=f" {event.unit}".rstrip() or "it",
                file=self.stream,
                leave=True,
                mininterval=0.5,
            )
            self._bars[event.stage] = bar
        bar.update(event.done - bar.n)
        if event.finished:
            bar.close()
            del self._bars[event.stage]
