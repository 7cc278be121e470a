"""Report section for growth: the pipeline at each size, then exact versus HNSW search."""

from __future__ import annotations

from benchmarks.tables import load_line, table


def _pipeline_rows(sizes: list[dict]) -> list[list[object]]:
    rows = []
    for r in sizes:
        ask, indexing = r["ask_ms_without_model"], r["indexing"]
        rows.append(
            [
                r["documents"],
                r["chunks"],
                r["sentences"],
                r["default_index_type"],
                indexing["seconds"],
                indexing["peak_increase_mb"],
                indexing["held_increase_mb"],
                r["vector_arrays_mb"],
                indexing["index_on_disk_mb"],
                ask["total"]["median"],
                ask["total"]["p95"],
                ask["search"]["median"],
                ask["search"]["p95"],
                ask["answer"]["median"],
                r["bm25_scores_ms"]["median"],
            ]
        )
    return rows


def _search_rows(sizes: list[dict]) -> tuple[list[str], list[list[object]]]:
    efs = list(sizes[0]["faiss"]["ef_search_sweep"]) if sizes else []
    header = ["docs", "chunks", "flat med ms", "numpy exact med ms"]
    for ef in efs:
        header += [f"hnsw ef={ef} med ms", f"recall@10 ids ef={ef}", f"tie-aware ef={ef}"]
    header += ["hnsw build s", "hnsw MB"]
    rows = []
    for r in sizes:
        f = r["faiss"]
        row = [r["documents"], r["chunks"], f["flat_search_ms"]["median"]]
        row.append(f["numpy_exact_ms"]["median"])
        for ef in efs:
            point = f["ef_search_sweep"][ef]
            row += [
                point["search_ms"]["median"],
                point["recall_at_10_by_ids"],
                point["recall_at_10_tie_aware"],
            ]
        rows.append([*row, f["hnsw_build_s"], f["hnsw_mb"]])
    return header, rows


def growth_lines(section: dict) -> list[str]:
    """Markdown lines of the growth section."""
    sizes = section["sizes"]
    lines = ["## 4. Growth", "", section["what"], "", load_line(section), ""]
    lines += [
        f"Questions per size: {section['questions_per_size']}; threads "
        f"{section['threads']}; the index switches to HNSW from "
        f"{section['approximate_from_chunks']} chunks (≈ "
        f"{section['documents_at_switch_estimate']} documents of this corpus).",
        "",
    ]
    header = [
        "docs",
        "chunks",
        "sentences",
        "index",
        "build s",
        "peak +MB",
        "held +MB",
        "vectors MB",
        "on disk MB",
        "ask* med ms",
        "ask* p95",
        "search med ms",
        "search p95",
        "answer med ms",
        "bm25 med ms",
    ]
    lines += table(header, _pipeline_rows(sizes), 2)
    lines += [
        "ask* = ask without the model (question vectors looked up); search = "
        "HybridRetriever.search (FAISS + BM25 + fusion) with the default index type; "
        "peak/held +MB = RSS above its level before the build (0 when freed memory was "
        "reused).",
        "",
        "Exact versus approximate search on the same chunk vectors, one question per call, "
        f"k = min(chunks, {sizes[-1]['faiss']['k'] if sizes else '?'}), the retriever's "
        "candidates:",
        "",
    ]
    header, rows = _search_rows(sizes)
    lines += table(header, rows, 3)
    lines += ["![latency and memory versus corpus size](growth.png)", ""]
    return lines
