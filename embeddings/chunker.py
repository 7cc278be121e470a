"""Documents → sentences → overlapping, sentence-aligned chunks with character spans."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from embeddings.documents import Document

# A sentence ends at . ! ? ؟ … (plus closing quotes/brackets) followed by white space, or at a
# paragraph break. A dot between digits (3.5) or without a following space is not an end.
_SENTENCE_END = re.compile(r"[.!?؟…]+['\"»)\]]*(?=\s)|\n\s*\n")
_SOFT_BREAK = re.compile(r"[؛;،,:]\s")
_LIST_NUMBER = re.compile(r"\s*[0-9۰-۹]{1,3}\.")


@dataclass(frozen=True)
class ChunkingSettings:
    """How documents are cut; recorded in the index manifest.

    Attributes:
        max_words: A chunk holds at most this many words (a lone longer sentence is split).
        overlap_sentences: Sentences repeated from the end of one chunk at the start of the
            next, so an answer that spans two sentences is whole in some chunk.
        title_prefix: Embed each chunk with its document's heading in front, for context
            (documents without a heading get no prefix; file names are often just ids).
    """

    max_words: int = 120
    overlap_sentences: int = 1
    title_prefix: bool = True
    version: int = 3

    def to_dict(self) -> dict:
        """For the manifest."""
        return asdict(self)


@dataclass(frozen=True)
class Chunk:
    """A passage: consecutive whole sentences of one document.

    Attributes:
        source: Document name.
        start: Character offset in the document's text.
        end: End offset (exclusive); `document.text[start:end] == text`.
        text: The passage as it reads in the document.
        sentences: (start, end) spans of its sentences, in document offsets.
    """

    source: str
    start: int
    end: int
    text: str
    sentences: tuple[tuple[int, int], ...]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of `text`, whitespace trimmed, none empty."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        if _LIST_NUMBER.fullmatch(text, text.rfind("\n", 0, match.start()) + 1, match.end()):
            continue  # «۱. بودجه …»: the number of a list item, not a sentence of its own
        spans.append((begin, match.end()))
        begin = match.end()
    spans.append((begin, len(text)))
    trimmed = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return trimmed


def _split_long(text: str, span: tuple[int, int], max_words: int) -> list[tuple[int, int]]:
    """Cuts a sentence longer than `max_words` at clause breaks (؛ ، :), else at spaces."""
    start, end = span
    if len(text[start:end].split()) <= max_words:
        return [span]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    words = 0
    last_break = None
    for match in re.finditer(r"\S+", text[start:end]):
        words += 1
        word_end = start + match.end()
        if _SOFT_BREAK.match(text, word_end - 1) or text[word_end - 1] in "؛;،,:":
            last_break = word_end
        if words >= max_words:
            cut = last_break if last_break and last_break > piece_start else word_end
            pieces.append((piece_start, cut))
            piece_start = cut
            while piece_start < end and text[piece_start].isspace():
                piece_start += 1
            words = len(text[piece_start:word_end].split())
            last_break = None
    if piece_start < end:
        pieces.append((piece_start, end))
    return pieces


def sentence_spans(document: Document, settings: ChunkingSettings) -> list[tuple[int, int]]:
    """All sentence spans of a document, long sentences cut to fit a chunk."""
    spans: list[tuple[int, int]] = []
    for span in split_sentences(document.text):
        spans.extend(_split_long(document.text, span, settings.max_words))
    return spans


def chunk_document(
    document: Document,
    settings: ChunkingSettings,
    spans: list[tuple[int, int]] | None = None,
) -> list[Chunk]:
    """Greedy sentence packing with a sentence of overlap between neighbours.

    Args:
        document: A document whose `text` has had its line wraps repaired.
        settings: Chunk size and overlap.
        spans: `sentence_spans(document, settings)`, when the caller already has them.

    Returns:
        Chunks in document order; together their sentences cover every sentence.
    """
    text = document.text
    if spans is None:
        spans = sentence_spans(document, settings)
    word_counts = [len(text[s:e].split()) for s, e in spans]
    chunks: list[Chunk] = []
    first = 0
    while first < len(spans):
        last = first
        words = word_counts[first]
        while last + 1 < len(spans) and words + word_counts[last + 1] <= settings.max_words:
            last += 1
            words += word_counts[last]
        members = tuple(spans[first : last + 1])
        start, end = members[0][0], members[-1][1]
        chunks.append(Chunk(document.name, start, end, text[start:end], members))
        if last + 1 >= len(spans):
            break
        # Step back for overlap, but always move forward by at least one sentence.
        first = max(first + 1, last + 1 - settings.overlap_sentences)
    return chunks
