"""A `pasokh index` writer for the lock tests, optionally slowed: python -m tests.index_writer.

Arguments: CORPUS INDEX HOLD. With HOLD (a file path) the writer, once it has started saving,
waits until that file exists before writing its arrays: the test holds it in the middle of a
save while a second writer runs. "-" means no hold. Prints the generation it left in CURRENT.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main(corpus: str, index: str, hold: str) -> None:
    """Builds (or reuses) the index of `corpus` in `index`, the way `pasokh index` does."""
    import numpy as np

    import embeddings.index_store as index_store
    from bot.answering.service import AnsweringService
    from bot.settings import Settings
    from tests.fake_encoder import HashingEncoder

    real_save = np.save

    def slow_save(*args, **kwargs):
        deadline = time.monotonic() + 120
        while hold != "-" and not Path(hold).exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real_save(*args, **kwargs)

    index_store.np.save = slow_save
    settings = Settings(corpus_dir=Path(corpus), index_path=Path(index))
    AnsweringService(settings, encoder=HashingEncoder()).load()
    print((Path(index) / "CURRENT").read_text())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
