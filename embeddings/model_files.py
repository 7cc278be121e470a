"""Size and sha256 of a model folder's files, recorded when it is written and checked at load.

A materialized model can rot after it was built: a flipped byte in the weights, a truncated
file, a deleted tokenizer. Checking sizes is a `stat` per file, so it runs on every load;
hashing costs ~0.6 s per GB here, so a loader hashes only the files it is about to read.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from embeddings.index_store import sha256_file


def record_files(folder: Path, skip: Iterable[str] = ()) -> dict[str, dict]:
    """{relative path: {"size", "sha256"}} of every file under `folder` but `skip`."""
    skipped = set(skip)
    record = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if name not in skipped:
            record[name] = {"size": path.stat().st_size, "sha256": sha256_file(path)}
    return record


def file_problems(folder: Path, record: dict[str, dict], hashed: Iterable[str] = ()) -> list[str]:
    """What differs from `record`: missing files and wrong sizes, and wrong hashes of `hashed`.

    Args:
        folder: The model folder.
        record: What `record_files` returned when the folder was written.
        hashed: Relative paths whose sha256 is checked too (all of them must be in `record`).

    Returns:
        One English line per problem; empty when the folder matches.
    """
    problems = []
    for name, expected in record.items():
        try:
            size = (folder / name).stat().st_size
        except OSError:
            problems.append(f"{name} is missing")
            continue
        if size != expected["size"]:
            problems.append(f"{name} has {size} bytes, expected {expected['size']}")
    if problems:
        return problems
    for name in hashed:
        if name not in record:
            problems.append(f"{name} is not in the folder's record")
        elif sha256_file(folder / name) != record[name]["sha256"]:
            problems.append(f"{name} does not match its sha256")
    return problems
