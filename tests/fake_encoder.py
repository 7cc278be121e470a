"""A deterministic encoder for tests that don't need the real model."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from embeddings.encoder import TextKind


class HashingEncoder:
    """Bag of hashed words: texts sharing words get similar vectors; no model, no randomness."""

    identity = "test:hashing-encoder"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def encode(self, texts: Sequence[str], kind: TextKind) -> np.ndarray:
        """Returns normalized vectors; `kind` is ignored."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.split():
                digest = hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
            if not norm:
                out[row, 0] = 1.0
        return out
