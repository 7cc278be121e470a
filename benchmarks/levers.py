"""Levers that keep sentence-transformers as the engine, each timed and checked for quality.

All configurations run on the ParsiNLU dev questions against the same index, interleaved
per question in rotating order. Quality is answer@1 / passage@1 from
`bot.evaluation.score_answers`. The int8 and max-length levers change only how questions are
embedded (the index keeps its float32 vectors) unless stated; `int8_documents_too` rebuilds
the index with the int8 model to check quality when both sides are quantized.
"""

from __future__ import annotations

import copy
import logging
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from benchmarks.latency import score_items
from benchmarks.questions import QuestionSet
from benchmarks.stats import load_average, ratio, summarize
from benchmarks.timed import TimedEncoder, instrument, timed_ask
from benchmarks.workspace import Workspace, build_index
from embeddings.encoder import TextKind

logger = logging.getLogger(__name__)


class SwappedModelEncoder:
    """A sentence-transformers encoder whose model is replaced, or length-limited for queries."""

    def __init__(self, base: Any, model: Any = None, query_max_length: int | None = None) -> None:
        """Shares `base`'s settings; `model` replaces its model; questions are cut to a length.

        Args:
            base: A `SentenceTransformerEncoder`.
            model: The SentenceTransformer to use instead of `base`'s (e.g. int8).
            query_max_length: `max_seq_length` while embedding questions (documents keep it).
        """
        self._base = base
        self._model = model if model is not None else base._model
        self._query_max_length = query_max_length
        self.identity = base.identity
        self.dim = base.dim

    def encode(self, texts: Sequence[str], kind: TextKind) -> np.ndarray:
        """Encodes like the base encoder, with the replacement model or length."""
        proxy = copy.copy(self._base)
        proxy._model = self._model
        if kind != "query" or self._query_max_length is None:
            return proxy.encode(texts, kind)
        previous = self._model.max_seq_length
        self._model.max_seq_length = self._query_max_length
        try:
            return proxy.encode(texts, kind)
        finally:
            self._model.max_seq_length = previous


def quantized_model(model: Any) -> Any:
    """A copy of a SentenceTransformer with its transformer's Linear layers in dynamic int8."""
    import torch
    from torch.ao.quantization import quantize_dynamic

    clone = copy.deepcopy(model)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization is deprecated (torchao)
        clone[0].auto_model = quantize_dynamic(
            clone[0].auto_model, {torch.nn.Linear}, dtype=torch.qint8
        )
    return clone.eval()


def _torch_threads(count: int | None) -> Callable[[], None]:
    def apply() -> None:
        torch = sys.modules.get("torch")  # not loaded: the encoder doesn't run on torch
        if count is not None and torch is not None:
            torch.set_num_threads(count)

    return apply


def lever_configs(workspace: Workspace) -> tuple[dict[str, tuple[Any, int]], list[str]]:
    """{name: (encoder, torch threads)} for the levers this encoder supports, and notes."""
    threads = workspace.settings.threads
    base = workspace.encoder.inner
    configs: dict[str, tuple[Any, int]] = {
        f"baseline (fp32, {threads} torch threads)": (base, threads),
        "1 torch thread": (base, 1),
    }
    if threads != 2:
        configs["2 torch threads"] = (base, 2)
    notes = []
    model = getattr(base, "_model", None)
    if model is None or not hasattr(model, "max_seq_length"):
        notes.append("int8 and max-length levers skipped: encoder is not sentence-transformers")
        return configs, notes
    int8 = SwappedModelEncoder(base, quantized_model(model))
    configs[f"int8 dynamic Linear ({threads} threads)"] = (int8, threads)
    configs["int8 dynamic Linear (1 thread)"] = (int8, 1)
    for length in (64, 32):
        configs[f"question max_seq_length {length}"] = (
            SwappedModelEncoder(base, query_max_length=length),
            threads,
        )
    notes.append(f"model max_seq_length is {model.max_seq_length}; questions are short")
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
    try:
        for name in names:  # warm-up each configuration once
            timed_encoder.inner = configs[name][0]
            _torch_threads(configs[name][1])()
            timed_ask(probe, items[0].question)
        for n, item in enumerate(items):
            for name in names[n % len(names) :] + names[: n % len(names)]:
                timed_encoder.inner, threads = configs[name]
                _torch_threads(threads)()
                answer, split = timed_ask(probe, item.question)
                totals[name].append(split["total"])
                encodes[name].append(split["encode"])
                answers[name].append(answer)
            timed_encoder.inner, threads = configs[names[0]]
            _torch_threads(threads)()
            timed_ask(probe, item.question)  # fills the cache with the baseline vector
            cached.append(timed_ask(probe, item.question, cold=False)[1])
    finally:
        timed_encoder.inner = original_inner
        _torch_threads(workspace.settings.threads)()
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
        "answer_at_1": rows[baseline]["answer_at_1"],
        "passage_at_1": rows[baseline]["passage_at_1"],
        "passage_at_3": rows[baseline]["passage_at_3"],
    }
    section = {
        "what": "ParsiNLU dev questions (cold cache unless stated), configurations interleaved "
        "per question; quality by bot.evaluation.score_answers on the same answers; int8 and "
        "max-length change only question embedding (index vectors stay fp32)",
        "questions": len(items),
        "configurations": rows,
        "notes": notes,
        "load_average_before": load_before,
        "load_average_after": load_average(),
    }
    int8_name = next((n for n in names if n.startswith("int8") and "1 thread" not in n), None)
    if rebuild_int8 and int8_name:
        section["int8_documents_too"] = _int8_rebuild(workspace, configs[int8_name][0], items)
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
