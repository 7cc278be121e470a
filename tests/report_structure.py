"""A report file's sentences as the index cuts them, and its structure, for structure tests."""

from __future__ import annotations

from pathlib import Path

from embeddings.chunker import ChunkingSettings, sentence_spans
from embeddings.documents import Document, repair_hard_wraps
from embeddings.structure import DocumentStructure, analyze, starts_of_lines


def read_report(path: Path) -> tuple[list[str], DocumentStructure]:
    """The report's sentences (as the index cuts them) and its structure."""
    text = repair_hard_wraps(path.read_text("utf-8"))
    spans = sentence_spans(Document(path.name, text, ""), ChunkingSettings())
    sentences = [text[s:e] for s, e in spans]
    return sentences, analyze(sentences, starts_of_lines(text, spans))
