"""Levers that keep sentence-transformers as the engine, each timed and checked for quality.

All configurations run on the ParsiNLU dev questions against the same index, in blocks of
`BLOCK` questions: each block is asked under every configuration in turn (rotating the order
from block to block), so a configuration's weights are warm in cache while it is timed, as in a
serving process, and slow spells of the shared machine fall on all of them. Quality is
answer@1 / passage@1 from `bot.evaluation.score_answers`. The levers change only how
questions are embedded (the index keeps its fp32 vectors); `int8_documents_too` rebuilds the
index with the int8 model to check quality when both sides are quantized.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from typing import Any

import numpy as np

from benchmarks.latency import score_items
from benchmarks.questions import QuestionSet
from benchmarks.stats import load_average, ratio, summarize
from benchmarks.timed import TimedEncoder, instrument, timed_ask
from benchmarks.workspace import Workspace, build_index
from embeddings.encoder import TextKind

logger = logging.getLogger(__name__)

BLOCK = 25
SHIPPED = "int8 except FFN down-projections, 1 thread (shipped)"


class QuestionModelEncoder:
    """The shipped encoder with another model, thread count or length for questions."""

    def __init__(
        self,
        base: Any,
        model: Any,
        threads: int,
        query_max_length: int | None = None,
        documents_too: bool = False,
    ) -> None:
        """Shares `base`'s model and settings but for what is given.

        Args:
            base: A `SentenceTransformerEncoder`.
            model: The SentenceTransformer that embeds questions.
            threads: torch threads while embedding a question.
            query_max_length: `max_seq_length` while embedding questions.
            documents_too: Embed documents with `model` as well.
        """
        self._proxy = copy.copy(base)
        self._proxy._query_model = model
        self._proxy._threads = {**base._threads, "query": threads}
        if documents_too:
            self._proxy._model = model
        self._model = model
        self._query_max_length = query_max_length
        self.identity = base.identity
        self.dim = base.dim

    def encode(self, texts: Sequence[str], kind: TextKind) -> np.ndarray:
        """Encodes like the base encoder, with this configuration's question model."""
        if kind != "query" or self._query_max_length is None:
            return self._proxy.encode(texts, kind)
        previous = self._model.max_seq_length
        self._model.max_seq_length = self._query_max_length
        try:
            return self._proxy.encode(texts, kind)
        finally:
            self._model.max_seq_length = previous


def lever_configs(workspace: Workspace) -> tuple[dict[str, Any], list[str]]:
    """{name: encoder} for the levers this encoder supports (baseline first), and notes."""
    from embeddings.query_quantization import int8_query_copy

    base = workspace.encoder.inner
    fp32 = getattr(base, "_model", None)
    if fp32 is None or not hasattr(fp32, "max_seq_length"):
        return {"as configured": base}, ["levers skipped: encoder is not sentence-transformers"]
    shipped_int8 = base._query_model if base._query_model is not fp32 else int8_query_copy(fp32)
    configs = {
        "fp32, 2 threads (the earlier default)": QuestionModelEncoder(base, fp32, 2),
        "fp32, 1 thread": QuestionModelEncoder(base, fp32, 1),
        "int8 except FFN down-projections, 2 threads": QuestionModelEncoder(base, shipped_int8, 2),
        SHIPPED: QuestionModelEncoder(base, shipped_int8, 1),
        "int8 every Linear (per tensor), 1 thread": QuestionModelEncoder(
            base, int8_query_copy(fp32, keeps_fp32=lambda name: False, per_channel=False), 1
        ),
        "fp32, 1 thread, question max_seq_length 32": QuestionModelEncoder(
            base, fp32, 1, query_max_length=32
        ),
    }
    notes = [
        f"model max_seq_length is {fp32.max_seq_length}; questions are short",
        "threads are torch intra-op threads while embedding the question",
    ]
    return configs, notes


def measure_levers(workspace: Workspace, questions: QuestionSet, rebuild_int8: bool) -> dict:
    """Times each lever on the ParsiNLU questions and scores its answers.

    Args:
        workspace: Loaded services; the ParsiNLU one is used.
        questions: Supplies the ParsiNLU questions and gold answers.
        rebuild_int8: Also rebuild the index with the int8 model (slow: embeds the corpus).
    """
    probe = workspace.probes["parsinlu"]
    timed_encoder: TimedEncoder = probe.encoder
    original_inner = timed_encoder.inner
    configs, notes = lever_configs(workspace)
    names = list(configs)
    items = questions.parsinlu_items
    totals: dict[str, list[float]] = {name: [] for name in names}
    encodes: dict[str, list[float]] = {name: [] for name in names}
    answers: dict[str, list] = {name: [] for name in names}
    cached: list[dict] = []
    load_before = load_average()
    shipped = SHIPPED if SHIPPED in configs else names[0]
    try:
        for name in names:  # warm-up each configuration once
            timed_encoder.inner = configs[name]
            timed_ask(probe, items[0].question)
        for b, first in enumerate(range(0, len(items), BLOCK)):
            block = items[first : first + BLOCK]
            for name in names[b % len(names) :] + names[: b % len(names)]:
                timed_encoder.inner = configs[name]
                for item in block:
                    answer, split = timed_ask(probe, item.question)
                    totals[name].append(split["total"])
                    encodes[name].append(split["encode"])
                    answers[name].append(answer)
            timed_encoder.inner = configs[shipped]
            for item in block:
                timed_ask(probe, item.question)  # fills the cache
                cached.append(timed_ask(probe, item.question, cold=False)[1])
    finally:
        timed_encoder.inner = original_inner
    baseline = names[0]
    base_median = summarize(totals[baseline])["median"]
    rows = {}
    for name in names:
        quality = score_items(items, answers[name], probe.service)
        rows[name] = {
            "total_ms": summarize(totals[name]),
            "encode_ms": summarize(encodes[name]),
            "speedup_vs_baseline": ratio(base_median, summarize(totals[name])["median"]),
            "answer_at_1": quality["answer_at_1"],
            "passage_at_1": quality["passage_at_1"],
            "passage_at_3": quality["passage_at_3"],
        }
    hits = [split["total"] for split in cached]
    rows["question cache hit (repeated question)"] = {
        "total_ms": summarize(hits),
        "encode_ms": summarize([split["encode"] for split in cached]),
        "search_answer_other_ms": {
            stage: summarize([split[stage] for split in cached])
            for stage in ("search", "answer", "other")
        },
        "speedup_vs_baseline": ratio(base_median, summarize(hits)["median"]),
        # The cache is filled by the shipped configuration: its answers are what come back.
        "answer_at_1": rows[shipped]["answer_at_1"],
        "passage_at_1": rows[shipped]["passage_at_1"],
        "passage_at_3": rows[shipped]["passage_at_3"],
    }
    section = {
        "what": f"ParsiNLU dev questions (cold cache unless stated), each block of {BLOCK} "
        "asked under every configuration in turn (order rotating per block); quality by "
        "bot.evaluation.score_answers on the same answers; the levers change only question "
        "embedding (index vectors stay fp32); speed-up is against the first row",
        "questions": len(items),
        "configurations": rows,
        "notes": notes,
        "load_average_before": load_before,
        "load_average_after": load_average(),
    }
    if rebuild_int8 and SHIPPED in configs:
        shipped_model = configs[SHIPPED]._model
        both = QuestionModelEncoder(workspace.encoder.inner, shipped_model, 1, documents_too=True)
        section["int8_documents_too"] = _int8_rebuild(workspace, both, items)
    return section


def _int8_rebuild(workspace: Workspace, int8_encoder: Any, items: list) -> dict:
    """Indexes the ParsiNLU corpus with the int8 model and scores cold asks on it."""
    settings = workspace.corpus_settings("parsinlu").with_overrides(
        index_path=workspace.root / "parsinlu-index-int8"
    )
    encoder = TimedEncoder(int8_encoder)
    service, figures = build_index(encoder, settings, workspace.normalizer)
    probe = instrument(service)
    answers, totals = [], []
    timed_ask(probe, items[0].question)
    for item in items:
        answer, split = timed_ask(probe, item.question)
        answers.append(answer)
        totals.append(split["total"])
    quality = score_items(items, answers, service)
    return {
        "what": "ParsiNLU corpus re-indexed with the int8 model; questions embedded by it too",
        "indexing": figures,
        "total_ms": summarize(totals),
        "answer_at_1": quality["answer_at_1"],
        "passage_at_1": quality["passage_at_1"],
        "passage_at_3": quality["passage_at_3"],
    }
