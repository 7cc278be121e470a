"""One writer at a time for an index folder, across processes: `pasokh index`, the bot, tests.

An exclusive `fcntl.flock` on `<index>/.lock` is held while a writer checks what is on disk,
builds and saves; a second writer waits, then finds the first one's index and reuses it. The
kernel drops the lock when its holder dies, so a killed writer never leaves the folder locked.
Readers take no lock: generations are immutable and `CURRENT` is replaced atomically.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
from collections.abc import Iterator
from pathlib import Path

logger = logging.getLogger(__name__)

LOCK_NAME = ".lock"


@contextlib.contextmanager
def index_write_lock(index_dir: Path) -> Iterator[None]:
    """Holds the index folder's writer lock for the `with` block (waiting for it if needed).

    Raises:
        OSError: The folder or its lock file can't be created (e.g. a read-only data folder).
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            logger.info("Another process is writing the index in %s; waiting for it", index_dir)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
