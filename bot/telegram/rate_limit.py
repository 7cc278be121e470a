"""Per-user question limit: a sliding window of the last minute."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    """Allows each key at most `per_window` events in any `window` seconds.

    Only used from the event loop, so it needs no lock.
    """

    def __init__(
        self,
        per_window: int,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Sets the limit.

        Args:
            per_window: Events allowed per window; 0 or less means unlimited.
            window: Window length in seconds.
            clock: Monotonic clock (tests pass a fake one).
        """
        self.per_window = per_window
        self.window = window
        self._clock = clock
        self._events: dict[int, deque[float]] = {}

    def acquire(self, key: int) -> float:
        """Records an event for `key` if allowed.

        Returns:
            0.0 when allowed, else the seconds until the next event will be.
        """
        if self.per_window <= 0:
            return 0.0
        now = self._clock()
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.per_window:
            return max(0.001, events[0] + self.window - now)
        events.append(now)
        if len(self._events) > 10_000:
            self._forget_idle(now)
        return 0.0

    def _forget_idle(self, now: float) -> None:
        # Keeps memory bounded when many users each ask once.
        idle = [k for k, ev in self._events.items() if not ev or ev[-1] <= now - self.window]
        for key in idle:
            del self._events[key]
