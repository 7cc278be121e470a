"""scripts/setup-venv picks a CPU torch without being told: tested with a stand-in python/pip."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import REPO

# The stand-in python answers every other command with success, so it passes for 3.11.
DEV_INSTALL = "-m pip install --quiet -e .[dev] -c scripts/constraints-py311.txt"

# Logs its arguments; `import torch` and the torch installs succeed as the scenario says.
STUB = """#!/usr/bin/env bash
echo "$*" >> "$STUB_LOG"
case "$*" in
  "-c import torch") [ "${STUB_HAS_TORCH:-0}" = 1 ] ;;
  *"--no-index --no-deps torch=="*) [ "${STUB_LOCAL_WHEEL:-0}" = 1 ] ;;
  *"torch --index-url"*) [ "${STUB_CPU_INDEX:-0}" = 1 ] ;;
  *) exit 0 ;;
esac
"""


def _setup_venv(tmp_path, **scenario: str) -> list[str]:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text(STUB)
    python.chmod(0o755)
    log = tmp_path / "calls.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TORCH_", "STUB_"))}
    env.update(VENV=str(venv), STUB_LOG=str(log), **scenario)
    result = subprocess.run(
        ["bash", str(REPO / "scripts" / "setup-venv")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return [line for line in log.read_text().splitlines() if "pip install" in line]


def test_this_machine_uses_its_local_wheel(tmp_path):
    calls = _setup_venv(tmp_path, STUB_LOCAL_WHEEL="1")
    assert calls == [
        "-m pip install --quiet --upgrade pip",
        "-m pip install --quiet --no-index --no-deps torch==2.13.0",
        "-m pip install --quiet torch==2.13.0",
        DEV_INSTALL,
    ]


def test_another_machine_gets_the_cpu_build_from_pytorchs_index(tmp_path):
    calls = _setup_venv(tmp_path, STUB_CPU_INDEX="1")
    assert (
        calls[2] == "-m pip install --quiet torch --index-url https://download.pytorch.org/whl/cpu"
    )
    assert calls[-1] == DEV_INSTALL and len(calls) == 4


def test_with_neither_it_still_installs_torch_from_the_default_index(tmp_path):
    calls = _setup_venv(tmp_path)
    assert calls[3:] == ["-m pip install --quiet torch", DEV_INSTALL]


@pytest.mark.parametrize(
    ("scenario", "torch_calls"),
    [
        ({"STUB_HAS_TORCH": "1"}, []),
        (
            {"TORCH_SPEC": "torch==2.5.1 --index-url https://example.invalid/cpu"},
            ["-m pip install --quiet torch==2.5.1 --index-url https://example.invalid/cpu"],
        ),
    ],
)
def test_an_installed_torch_or_an_explicit_spec_wins(tmp_path, scenario, torch_calls):
    calls = _setup_venv(tmp_path, STUB_LOCAL_WHEEL="1", **scenario)
    assert calls == [
        "-m pip install --quiet --upgrade pip",
        *torch_calls,
        DEV_INSTALL,
    ]


def test_pyproject_license_is_an_spdx_string_with_a_setuptools_that_reads_it():
    text = (REPO / "pyproject.toml").read_text("utf-8")
    assert 'license = "MIT"' in text and 'requires = ["setuptools>=77"]' in text
