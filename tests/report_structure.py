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


def roles_by_label(structure: DocumentStructure) -> dict[str, list[str]]:
    """Each person's roles, keyed by their name (or, unnamed, their first role)."""
    return {p.label: p.roles for p in structure.people}


def speaker_of(sentences: list[str], structure: DocumentStructure, opening: str) -> str:
    """The label of who the one sentence opening with `opening` is attributed to."""
    (said,) = [a for a in structure.attributions if sentences[a.sentence].startswith(opening)]
    return structure.people[said.person].label
