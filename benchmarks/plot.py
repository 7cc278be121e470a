"""The growth plot: latency and memory versus corpus size (matplotlib, Agg backend)."""

from __future__ import annotations

import logging
from pathlib import Path

logger = logging.getLogger(__name__)


def plot_growth(section: dict, path: Path) -> bool:
    """Latency and memory versus corpus size; False (no file) when matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        logger.warning("matplotlib is not installed: no growth plot")
        return False
    sizes = section["sizes"]
    docs = [r["documents"] for r in sizes]
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    series = {
        "ask without model (median)": [r["ask_ms_without_model"]["total"]["median"] for r in sizes],
        "search: FAISS+BM25+fusion (median)": [
            r["ask_ms_without_model"]["search"]["median"] for r in sizes
        ],
        "BM25 scores (median)": [r["bm25_scores_ms"]["median"] for r in sizes],
        "FAISS flat, k=50 (median)": [r["faiss"]["flat_search_ms"]["median"] for r in sizes],
        "FAISS HNSW, k=50 (median)": [r["faiss"]["hnsw_search_ms"]["median"] for r in sizes],
    }
    for label, values in series.items():
        left.plot(docs, values, marker="o", label=label)
    left.axhline(10, color="grey", linestyle="--", label="search target 10 ms")
    switch = section.get("documents_at_switch_estimate")
    if switch:
        left.axvline(switch, color="black", linestyle=":", label="flat → HNSW (default)")
    for r in sizes:
        left.annotate(
            f"{r['chunks']} chunks",
            (r["documents"], r["ask_ms_without_model"]["total"]["median"]),
            fontsize=7,
        )
    left.set(
        xscale="log",
        yscale="log",
        xlabel="documents",
        ylabel="ms per question",
        title=f"Latency vs corpus size ({section['questions_per_size']} questions/size)",
    )
    left.legend(fontsize=7)
    memory = {
        "peak RSS increase while indexing (MB)": [r["indexing"]["peak_increase_mb"] for r in sizes],
        "RSS held after indexing (MB)": [r["indexing"]["held_increase_mb"] for r in sizes],
        "vector arrays (MB)": [r["vector_arrays_mb"] for r in sizes],
        "HNSW index (MB)": [r["faiss"]["hnsw_mb"] for r in sizes],
    }
    for label, values in memory.items():
        right.plot(docs, values, marker="o", label=label)
    right.set(
        xscale="log",
        yscale="symlog",
        xlabel="documents",
        ylabel="MB",
        title="Memory vs corpus size",
    )
    right.set_ylim(bottom=0)
    right.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True
