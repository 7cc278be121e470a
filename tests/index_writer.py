"""A `pasokh index` writer for the lock tests, optionally slowed: python -m tests.index_writer.

Arguments: CORPUS INDEX SLOW_SECONDS. Each array the writer saves takes SLOW_SECONDS longer,
which widens the window in which a second writer could interfere. Prints the generation it
left in CURRENT.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main(corpus: str, index: str, slow: float) -> None:
    """Builds (or reuses) the index of `corpus` in `index`, the way `pasokh index` does."""
    import numpy as np

    import embeddings.index_store as index_store
    from bot.answering.service import AnsweringService
    from bot.settings import Settings
    from tests.fake_encoder import HashingEncoder

    real_save = np.save

    def slow_save(*args, **kwargs):
        time.sleep(slow)
        return real_save(*args, **kwargs)

    index_store.np.save = slow_save
    settings = Settings(corpus_dir=Path(corpus), index_path=Path(index))
    AnsweringService(settings, encoder=HashingEncoder()).load()
    print((Path(index) / "CURRENT").read_text())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]))
