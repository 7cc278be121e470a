"""Size and sha256 of a model folder's files, recorded when it is written and checked at load.

A materialized model can rot after it was built: a flipped byte in the weights, a truncated
file, a deleted tokenizer. Checking sizes is a `stat` per file, so it runs on every load;
hashing costs ~0.6 s per GB here, so a loader hashes only the files it is about to read.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import uuid
from collections.abc import Iterable
from pathlib import Path

from embeddings.index_store import sha256_file

logger = logging.getLogger(__name__)


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


# Which files were hashed, and the file's identity then (see `hashes_as_recorded`).
VERIFIED_FILE = "pasokh-verified.json"


def _identity(stat: os.stat_result) -> list[int]:
    # ctime changes with every write, rename or utime and cannot be set back by the user,
    # so a changed file cannot keep it; inode and device change when the file is replaced.
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev]


def hashes_as_recorded(folder: Path, name: str, sha256: str | None) -> bool:
    """Whether `folder/name` has the sha256 recorded when the folder was written.

    A large file (the 140 MB question graph) is hashed the first time it is loaded and again
    whenever it changed since; otherwise `VERIFIED_FILE` says it was hashed, with this sha256,
    while its size, mtime, ctime, inode and device were what they are now. Every byte a
    process reads was therefore checked by sha256 after the file's last write. What this
    does not catch is a change below the filesystem (a disk flipping a bit without a write);
    deleting `VERIFIED_FILE` makes the next load hash everything again. Where the folder
    is read-only the stamp cannot be written and every load hashes.
    """
    if sha256 is None:
        return False
    path = folder / name
    stamps = read_json_object(folder / VERIFIED_FILE)
    identity = _identity(path.stat())
    if stamps.get(name) == {"sha256": sha256, "identity": identity}:
        return True
    if sha256_file(path) != sha256:
        return False
    stamps[name] = {"sha256": sha256, "identity": identity}
    _write_stamps(folder, stamps)
    return True


def read_json_object(path: Path) -> dict:
    """A JSON object read from `path`; {} when it is missing, unreadable or not an object."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _write_stamps(folder: Path, stamps: dict) -> None:
    """Writes the stamps atomically; a folder this process cannot write keeps none."""
    tmp = folder / f".{VERIFIED_FILE}.{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.write_text(json.dumps(stamps, indent=1), encoding="utf-8")
        tmp.replace(folder / VERIFIED_FILE)
    except OSError as exc:
        logger.debug("cannot record the verified files in %s: %s", folder, exc)
        with contextlib.suppress(OSError):
            tmp.unlink()
