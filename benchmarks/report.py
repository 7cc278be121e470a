"""Writes the results: `results.json`, `report.md` and `growth.png` (matplotlib, Agg)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from benchmarks.plot import plot_growth
from benchmarks.report_growth import growth_lines
from benchmarks.report_levers import lever_lines, runtime_lever_lines
from benchmarks.tables import fmt, load_line, table

logger = logging.getLogger(__name__)


def _latency_lines(section: dict) -> list[str]:
    ms = section["ms"]
    lines = [f"## 1. Question latency ({section['questions']} questions)", "", section["what"]]
    lines += [
        "",
        f"Threads: {section['threads']}. Counts: {section['counts']}. {load_line(section)}",
    ]
    lines += [""]
    header = ["stage (ms)", "median", "p95", "mean", "n"]
    stages = ["total", "encode", "search", "answer", "other"]
    rows = [[s, ms[s]["median"], ms[s]["p95"], ms[s]["mean"], ms[s]["n"]] for s in stages]
    rows += [
        [f"total, {c} questions", v["median"], v["p95"], v["mean"], v["n"]]
        for c, v in section["total_ms_by_corpus"].items()
    ]
    return lines + table(header, rows, 2)


def _peer_lines(section: dict) -> list[str]:
    lines = ["## 5. Peers on the same questions", "", section["what"], ""]
    rows = [[p, v["median"], v["p95"], v["n"]] for p, v in section["ms"].items()]
    rows.append(
        ["pasokh encode stage", *[section["pasokh_encode_ms"][k] for k in ("median", "p95", "n")]]
    )
    lines += table(["peer", "median ms", "p95 ms", "n"], rows, 2)
    ratios = {**section["ratios_of_medians"], **section["median_of_per_question_ratios"]}
    lines += table(["ratio", "value"], [[k, v] for k, v in ratios.items()], 2)
    for corpus, peers in section["quality"].items():
        keys = ["questions", "answer_at_1", "passage_at_1", "passage_at_3"]
        rows = [[peer, *[q.get(k) for k in keys]] for peer, q in peers.items()]
        lines += [f"Quality on the {corpus} originals:", ""]
        lines += table(["peer", *keys], rows, 3)
    return lines


def _startup_lines(section: dict) -> list[str]:
    lines = ["## 2. Start-up", "", section["what"], "", load_line(section), ""]
    rows = [
        ["first answer (s)", section["first_answer_s"]["median"], section["first_answer_s"]["max"]],
        ["process exit (s)", section["exit_s"]["median"], section["exit_s"]["max"]],
    ]
    lines += table([f"cold start ({section['runs']} runs)", "median", "max"], rows, 2)
    lines += [f"Index reused every run: {fmt(section['index_reused_every_run'])}.", ""]
    lines += [section["phases_what"] + ":", ""]
    rows = [[name, at] for name, at in section["phases_s_since_launch"].items()]
    lines += table(["phase ended", "s since launch"], rows, 2)
    if "materialize_bundled_model" in section:
        m = section["materialize_bundled_model"]
        lines += [
            f"Materializing the bundled model ({m['what']}, {m['runs']} runs): median "
            f"{m['seconds']['median']:.2f} s, max {m['seconds']['max']:.2f} s.",
            "",
        ]
    return lines


def _indexing_lines(figures: dict) -> list[str]:
    lines = ["## 3. Model load and indexing", ""]
    lines += [
        f"Encoder: `{figures.get('encoder_identity')}`. Hazm normalizer build: "
        f"{figures.get('normalizer_build_seconds')} s (shared by all services).",
        "",
    ]
    lines += [
        f"Model load: {figures.get('encoder_load_seconds')} s "
        f"(materialized first: {figures.get('materialize_in_process_seconds')} s); "
        f"threads: {figures['threads']}.",
        "",
    ]
    keys = [
        "documents",
        "chunks",
        "sentences",
        "texts_embedded",
        "seconds",
        "embedding_seconds",
        "chunks_per_second",
        "texts_embedded_per_second",
        "peak_rss_mb",
        "peak_increase_mb",
        "held_increase_mb",
        "rss_after_mb",
        "index_on_disk_mb",
    ]
    rows = [[k, *[f[k] for f in figures["indexing"].values()]] for k in keys]
    return lines + table(["figure", *figures["indexing"]], rows, 2)


def markdown(results: dict) -> str:
    """The human-readable report."""
    meta = results["meta"]
    machine = ", ".join(f"{k}={v}" for k, v in meta["machine"].items())
    lines = [
        "# pasokh benchmark",
        "",
        f"Run {meta['started']} ({meta['mode']}), {meta['seconds']:.0f} s; load average at "
        f"the end {meta.get('load_average_at_end')}. Machine: {machine}.",
        "",
        "Other processes share these cores: each section lists the 1/5/15-minute load "
        "averages before and after it in results.json.",
        "",
    ]
    lines += ["## Targets", ""]
    rows = [[t["target"], t["measured"], t["met"], t["how"]] for t in results["targets"]]
    lines += table(["target", "measured", "met", "from"], rows, 2)
    sections = [
        ("question_latency", _latency_lines),
        ("peers", _peer_lines),
        ("startup", _startup_lines),
        ("model_and_indexing", _indexing_lines),
        ("growth", growth_lines),
        ("levers", lever_lines),
        ("runtime_levers", runtime_lever_lines),
    ]
    for key, render in sections:
        if isinstance(results.get(key), dict) and "skipped" not in results[key]:
            lines += render(results[key])
        elif key in results:
            lines += [f"## {key}", "", f"Skipped: {results[key].get('skipped')}", ""]
    return "\n".join(lines) + "\n"


def write_report(results: dict, out_dir: Path) -> dict[str, Path]:
    """Writes the JSON, the markdown and (with a growth section) the plot.

    Returns:
        {"json": path, "markdown": path, "plot": path} (no "plot" when not drawn).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"json": out_dir / "results.json", "markdown": out_dir / "report.md"}
    growth = results.get("growth")
    if (
        isinstance(growth, dict)
        and growth.get("sizes")
        and plot_growth(growth, out_dir / "growth.png")
    ):
        paths["plot"] = out_dir / "growth.png"
    results["meta"]["files"] = {k: p.name for k, p in paths.items()}
    paths["json"].write_text(
        json.dumps(results, ensure_ascii=False, indent=1, default=str), "utf-8"
    )
    paths["markdown"].write_text(markdown(results), "utf-8")
    return paths
