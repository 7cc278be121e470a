"""Start-up: a fresh `pasokh ask` process to its first answer, and materializing the model."""

from __future__ import annotations

import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.questions import REPO
from benchmarks.stats import load_average, summarize, timed
from bot.settings import BUNDLED_MODEL, Settings

logger = logging.getLogger(__name__)

QUESTION = "جلسه ستاد توسعه تجارت چه روزی برگزار شد؟"


def child_environment(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment of a `pasokh` subprocess for `settings` (plus `extra` variables)."""
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    env.update(
        OMP_NUM_THREADS=str(settings.threads),
        PASOKH_CORPUS_DIR=str(settings.corpus_dir),
        PASOKH_INDEX_DIR=str(settings.index_dir),
        PASOKH_DATA_DIR=str(settings.data_dir),
        PASOKH_THREADS=str(settings.threads),
        PASOKH_QUERY_THREADS=str(settings.query_threads),
        PASOKH_INT8_QUERIES=str(int(settings.int8_queries)),
        PASOKH_EMBEDDING_MODEL=settings.embedding_model,
        PASOKH_BACKEND=settings.backend,
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    env.update(extra)
    return env


def _current_generation(settings: Settings) -> str | None:
    pointer = settings.index_dir / "CURRENT"
    return pointer.read_text().strip() if pointer.is_file() else None


def time_cli_ask(settings: Settings, question: str, cwd: Path) -> dict:
    """One `python -m bot.cli ask --json QUESTION` (what `pasokh ask` runs), timed outside.

    Returns:
        Seconds from launch to the answer's line on stdout and to exit, and whether the
        index on disk was reused (its generation unchanged) rather than rebuilt.
    """
    before = _current_generation(settings)
    command = [sys.executable, "-m", "bot.cli", "ask", "--json", question]
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=child_environment(settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline() if process.stdout else ""
    first_answer = time.perf_counter() - started
    _, err = process.communicate(timeout=600)
    exited = time.perf_counter() - started
    if process.returncode != 0 or not line.strip():
        raise RuntimeError(f"pasokh ask failed ({process.returncode}): {err[-2000:]}")
    answer = json.loads(line)
    return {
        "first_answer_s": first_answer,
        "exit_s": exited,
        "abstained": answer["abstained"],
        "index_reused": before is not None and _current_generation(settings) == before,
    }


def probe(settings: Settings, question: str, cwd: Path) -> dict:
    """`benchmarks.startup_probe` once: its record; `phases` as {name: seconds since launch}."""
    command = [sys.executable, "-m", "benchmarks.startup_probe", question]
    launched = time.time()
    result = subprocess.run(
        command,
        cwd=cwd,
        env=child_environment(settings),
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    record = json.loads(result.stdout.strip().splitlines()[-1])
    record["phases"] = {name: at - launched for name, at in record["phases"]}
    return record


def probe_phases(settings: Settings, question: str, cwd: Path) -> dict[str, float]:
    """Seconds from launch to the end of each start-up phase, from `startup_probe`."""
    return probe(settings, question, cwd)["phases"]


def time_materialize(runs: int) -> dict:
    """Materializing the bundled model into a fresh temporary cache folder, `runs` times."""
    from embeddings.bundled_model import materialize_bundled_model

    seconds = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="pasokh-bench-model-") as folder:
            with timed() as clock:
                materialize_bundled_model(Path(folder))
            seconds.append(clock["s"])
    return {
        "what": "materialize_bundled_model into an empty temp cache dir, in process",
        "runs": runs,
        "seconds": summarize(seconds, digits=3),
    }


def measure_startup(settings: Settings, runs: int, materialize_runs: int, cwd: Path) -> dict:
    """The start-up section: CLI cold starts, the phase split, and model materialization.

    Args:
        settings: Settings of a corpus whose index and model cache are already built.
        runs: Cold starts to time (the median is reported).
        materialize_runs: Materializations to time (0 to skip).
        cwd: Working folder of the subprocesses (no `.env` there).
    """
    load_before = load_average()
    cold = [time_cli_ask(settings, QUESTION, cwd) for _ in range(runs)]
    phases = [probe_phases(settings, QUESTION, cwd) for _ in range(runs)]
    names = list(phases[0]) if phases else []
    section = {
        "what": "wall time from launching `python -m bot.cli ask --json Q` (the `pasokh ask` "
        "entry point) with an index already built, to its answer line on stdout",
        "runs": runs,
        "corpus_documents": len(list(settings.corpus_dir.glob("*.txt"))),
        "threads": settings.threads,
        "first_answer_s": summarize([c["first_answer_s"] for c in cold], digits=3),
        "exit_s": summarize([c["exit_s"] for c in cold], digits=3),
        "index_reused_every_run": all(c["index_reused"] for c in cold),
        "phases_s_since_launch": {
            name: round(statistics.median(p[name] for p in phases), 3) for name in names
        },
        "phases_what": "median over the runs of benchmarks.startup_probe (same start-up, "
        "phase ends measured inside the process from the parent's launch time)",
        "load_average_before": load_before,
        "load_average_after": load_average(),
    }
    if materialize_runs and settings.embedding_model == BUNDLED_MODEL:
        section["materialize_bundled_model"] = time_materialize(materialize_runs)
    return section
