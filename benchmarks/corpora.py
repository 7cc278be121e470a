"""Larger corpora for the growth section, recombined from real sentences, and their vectors.

Embedding 10,000 documents with the real model would take hours on two shared cores. So the
growth corpora are built from sentences the real model has already embedded (the ParsiNLU
passages and the meeting report), and `ComposingEncoder` gives:
- a sentence: its real vector (looked up);
- a chunk: the normalized mean of its sentences' real vectors (the title line is ignored);
- a question: its real vector from the latency section (looked up);
- anything else: the real encoder (counted as `fallback_texts`).
Search, BM25, answer selection, indexing code and memory are the product's, at real sizes;
only the chunk vectors are approximations of what the model would produce.
"""

from __future__ import annotations

import random
import re
import shutil
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from embeddings.chunker import split_sentences
from embeddings.encoder import Encoder, TextKind
from embeddings.index_store import IndexData
from embeddings.text_normalizer import PersianTextNormalizer

_ENDS_SENTENCE = re.compile(r"[.!?؟…]['\"»)\]]*$")
MAX_POOL_WORDS = 80


def sentence_pool(
    indexes: Sequence[IndexData], normalizer: PersianTextNormalizer
) -> tuple[list[str], dict[str, np.ndarray]]:
    """Sentences usable as building blocks, and every indexed sentence's real vector.

    Args:
        indexes: Indexes built with the real model.
        normalizer: The normalizer the indexes were built with.

    Returns:
        (raw sentence texts that re-split to themselves and end a sentence, {normalized
        sentence text: its vector} for every sentence of the indexes).
    """
    pool: dict[str, None] = {}
    known: dict[str, np.ndarray] = {}
    for data in indexes:
        for i, sentence in enumerate(data.sentences):
            text = data.documents[sentence["doc"]]["text"][sentence["start"] : sentence["end"]]
            known.setdefault(normalizer.normalize(text), data.sentence_vectors[i])
            whole = split_sentences(text) == [(0, len(text))]
            short = len(text.split()) <= MAX_POOL_WORDS
            if whole and short and _ENDS_SENTENCE.search(text) and "\n" not in text:
                pool.setdefault(text, None)
    return list(pool), known


def write_corpus(
    folder: Path, pool: list[str], n_documents: int, seed: int, first: Path | None = None
) -> Path:
    """Writes `n_documents` documents: `first` (a real one) then recombined sentences.

    Each generated document has 4–14 sentences drawn with replacement from `pool`, in
    paragraphs of 2–5, seeded by (seed, document number): the same call writes the same bytes.
    """
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    start = 0
    if first is not None and n_documents:
        shutil.copy(first, folder / first.name)
        start = 1
    for number in range(start, n_documents):
        rng = random.Random(f"{seed}:{number}")
        sentences = [rng.choice(pool) for _ in range(rng.randint(4, 14))]
        paragraphs, at = [], 0
        while at < len(sentences):
            size = rng.randint(2, 5)
            paragraphs.append(" ".join(sentences[at : at + size]))
            at += size
        (folder / f"mix-{number:05d}.txt").write_text("\n\n".join(paragraphs) + "\n", "utf-8")
    return folder


class ComposingEncoder:
    """Real vectors looked up, chunks composed from their sentences; see the module doc.

    Attributes:
        identity: Distinct from the real model's, so no index is ever mixed up with one.
        dim: Vector dimension.
        fallback_texts: Texts the real encoder had to embed (should be few).
        composed_texts: Chunk texts given a composed vector.
    """

    def __init__(
        self,
        base: Encoder,
        sentences: dict[str, np.ndarray],
        questions: dict[str, np.ndarray],
    ) -> None:
        """Uses `sentences` and `questions` vectors; `base` embeds anything unknown."""
        self._base = base
        self._sentences = dict(sentences)
        self._questions = dict(questions)
        self.identity = f"composed-from:{base.identity}"
        self.dim = base.dim
        self.fallback_texts = 0
        self.composed_texts = 0
        self._lengths: dict[str, set[int]] = defaultdict(set)
        for text in self._sentences:
            words = text.split(" ")
            self._lengths[words[0]].add(len(words))

    def _real(self, text: str, kind: TextKind) -> np.ndarray:
        self.fallback_texts += 1
        vector = self._base.encode([text], kind)[0]
        (self._questions if kind == "query" else self._sentences)[text] = vector
        return vector

    def _compose(self, text: str) -> np.ndarray:
        """Mean of the known sentences the text is made of (greedy longest match)."""
        body = text.split("\n", 1)[1] if "\n" in text else text
        words = body.split(" ")
        parts: list[np.ndarray] = []
        unknown: list[str] = []
        at = 0
        while at < len(words):
            match = 0
            for length in sorted(self._lengths.get(words[at], ()), reverse=True):
                if " ".join(words[at : at + length]) in self._sentences:
                    match = length
                    break
            if match:
                if unknown:
                    parts.append(self._real(" ".join(unknown), "document"))
                    unknown = []
                parts.append(self._sentences[" ".join(words[at : at + match])])
                at += match
            else:
                unknown.append(words[at])
                at += 1
        if unknown:
            parts.append(self._real(" ".join(unknown), "document"))
        self.composed_texts += 1
        mean = np.mean(parts, axis=0)
        return mean / max(float(np.linalg.norm(mean)), 1e-12)

    def encode(self, texts: Sequence[str], kind: TextKind) -> np.ndarray:
        """Looked-up, composed or (rarely) really embedded unit vectors."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            known = self._questions if kind == "query" else self._sentences
            if text in known:
                out[row] = known[text]
            elif kind == "query":
                out[row] = self._real(text, kind)
            else:
                out[row] = self._compose(text)
        return out
