"""Markdown table helpers for the report."""

from __future__ import annotations

import math


def fmt(value: object, digits: int = 1) -> str:
    """A cell: floats to `digits` places, None and NaN as a dash, booleans as yes/no."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return "–" if math.isnan(value) else f"{value:.{digits}f}"
    return str(value)


def table(header: list[str], rows: list[list[object]], digits: int = 1) -> list[str]:
    """Lines of a markdown table, followed by a blank line."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(c, digits) for c in row) + " |" for row in rows]
    return [*lines, ""]


def load_line(section: dict) -> str:
    """The load averages a section recorded before and after itself, as a sentence."""
    before, after = section.get("load_average_before"), section.get("load_average_after")
    return f"Load average (1/5/15 min) before {before}, after {after}."
