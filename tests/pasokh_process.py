"""Runs the real `pasokh` command in a subprocess, with its own corpus and data folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

PASOKH = [sys.executable, "-m", "bot.cli"]


def pasokh_env(corpus: Path, data: Path, **extra: str) -> dict[str, str]:
    """The environment of a `pasokh` run: offline, no token, these folders, `extra` on top."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PASOKH_", "TELEGRAM_"))}
    env.update(
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        PASOKH_CORPUS_DIR=str(corpus),
        PASOKH_DATA_DIR=str(data),
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


def run_pasokh(
    *args: str, env: dict[str, str], stdin: bytes | str = b"", timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """`pasokh ARGS` with `stdin`; text output, never raising on a non-zero exit."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    result = subprocess.run(
        [*PASOKH, *args],
        input=data,
        capture_output=True,
        env=env,
        cwd=env["PASOKH_DATA_DIR"].rsplit("/", 1)[0],
        timeout=timeout,
        check=False,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", errors="replace"),
        result.stderr.decode("utf-8", errors="replace"),
    )
