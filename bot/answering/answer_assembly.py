"""Putting an answer together from one search: the passages shown, the sentence quoted."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answering.extractor import AnswerExtractor, ExtractedAnswer
from bot.answering.structured import StructuredAnswerer
from bot.answering.text_clipping import clip_to_limit, mark_clipped
from bot.answering.types import Answer, Passage
from embeddings.hybrid_retriever import HybridRetriever, RankedChunk
from embeddings.index_store import IndexData
from embeddings.text_normalizer import PersianTextNormalizer


@dataclass(frozen=True)
class Searcher:
    """One immutable index with its retriever, extractor and structures; swapped whole."""

    data: IndexData
    retriever: HybridRetriever
    extractor: AnswerExtractor
    structured: StructuredAnswerer


def passage_of(data: IndexData, hit: RankedChunk) -> Passage:
    """The passage of a ranked chunk, with its source document's name."""
    chunk = data.chunks[hit.chunk_id]
    document = data.documents[chunk["doc"]]
    return Passage(
        text=document["text"][chunk["start"] : chunk["end"]],
        source=document["name"],
        score=hit.score,
        start=chunk["start"],
        end=chunk["end"],
    )


def declined_answer(
    searcher: Searcher, question: str, truncated: bool, ranked: list[RankedChunk], k: int, note
) -> Answer:
    """A decline that still shows the nearest passages (clearly not an answer)."""
    return Answer(
        question=question,
        text="",
        abstained=True,
        passages=[passage_of(searcher.data, hit) for hit in ranked[:k]],
        truncated=truncated,
        note=note,
    )


def sentence_answer(
    searcher: Searcher,
    normalizer: PersianTextNormalizer,
    question: str,
    truncated: bool,
    ranked: list[RankedChunk],
    extracted: ExtractedAnswer,
    terms: list[str],
    k: int,
) -> Answer:
    """The chosen sentence(s), clipped to the answer limit, with its passage shown first."""
    # The passage that holds the answer is shown first, so the quote and the answer agree.
    home = next(h for h in ranked if h.chunk_id == extracted.chunk_id)
    ordered = [home] + [h for h in ranked if h.chunk_id != home.chunk_id]
    passages = [passage_of(searcher.data, hit) for hit in ordered[:k]]
    text = searcher.data.documents[extracted.doc_id]["text"]
    start, end = clip_to_limit(text, extracted.start, extracted.end, terms, normalizer)
    chunk = searcher.data.chunks[home.chunk_id]
    span = None
    if chunk["start"] <= start and end <= chunk["end"]:
        span = (start - chunk["start"], end - chunk["start"])
    clipped = (start, end) != (extracted.start, extracted.end)
    return Answer(
        question=question,
        text=mark_clipped(text[start:end], start > extracted.start) if clipped else text[start:end],
        abstained=False,
        passages=passages,
        answer_span=span,
        truncated=truncated,
        answer_truncated=clipped,
        speaker=searcher.structured.speaker_at(extracted.doc_id, start),
    )
