"""What a new user meets in the first hour, through the real `pasokh` command in a subprocess.

The slow tests share one corpus and data folder (one model materialization, one index build):
`pasokh index` runs first in the module, as a user's first command would.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess

import pytest

from tests.conftest import MEETING_REPORT
from tests.document_factory import make_docx
from tests.pasokh_process import PASOKH, pasokh_env, run_pasokh

DAY_QUESTION = "جلسه ستاد توسعه تجارت چه روزی برگزار شد؟"
GOAL_QUESTION = "هدف از مشارکت در بازسازی قره‌باغ چیست؟"
EMPTY = "پرسش خالی است"


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """A corpus (a report, a .docx, a broken .pdf) indexed by a first `pasokh index`."""
    root = tmp_path_factory.mktemp("first-run")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(MEETING_REPORT, corpus / MEETING_REPORT.name)
    (corpus / "council.docx").write_bytes(
        make_docx(["شورای شهر مراغه روز دوشنبه دربارهٔ ساخت کتابخانهٔ تازه گفت‌وگو کرد."])
    )
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4 cut off in transfer")
    env = pasokh_env(corpus, root / "data", PASOKH_PROGRESS_SECONDS="0")
    index = run_pasokh("index", env=env)
    return env, index


@pytest.mark.slow
def test_first_index_shows_progress_and_reports_the_skipped_file_once(first_run):
    _, index = first_run
    assert index.returncode == 0, index.stderr
    assert "documents: 2" in index.stdout
    # progress goes to stderr: a line a stage here (PASOKH_PROGRESS_SECONDS=0, not a terminal)
    assert "materializing the embedding model: 3/3 steps (100%)" in index.stderr
    assert "reading documents: 3/3 files (100%)" in index.stderr
    assert "embedding documents:" in index.stderr
    assert index.stderr.count("scan.pdf") == 1
    assert "Traceback" not in index.stderr


@pytest.mark.slow
def test_batch_output_has_one_row_per_input_line(first_run):
    env, _ = first_run
    lines = [DAY_QUESTION, "", "؟!…", GOAL_QUESTION]
    stdin = ("\n".join(lines) + "\n").encode() + b"\xff\xfe not utf-8\n" + DAY_QUESTION.encode()
    result = run_pasokh("ask", "--json", "-", env=env, stdin=stdin)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 6  # the last line has no newline and is still a question
    assert [row.get("error") for row in rows] == [
        None,
        "empty_question",
        "empty_question",
        None,
        "not_utf8",
        None,
    ]
    assert rows[0]["question"] == DAY_QUESTION and not rows[0]["abstained"]
    assert "شنبه" in rows[0]["answer"]
    assert rows[3]["question"] == GOAL_QUESTION and rows[5]["question"] == DAY_QUESTION
    assert EMPTY in rows[1]["message"]
    assert result.returncode == 1  # some lines were unusable; documented in `ask --help`
    assert "scan.pdf" not in result.stderr  # reported by the build that met it, not again


@pytest.mark.slow
def test_text_batch_gives_the_persian_reason_in_place_and_k_shows_sources(first_run):
    env, _ = first_run
    # a fact question: «… چه روزی برگزار شد؟» is answered from the structure, one passage
    result = run_pasokh("ask", "-k", "2", "-", env=env, stdin=f"\n{GOAL_QUESTION}\n")
    assert result.returncode == 1
    first, *rest = result.stdout.splitlines()
    assert EMPTY in first  # line 1 of the input was blank
    assert sum(line.startswith("منبع:") for line in rest) == 2  # -k 2 shows two sources


@pytest.mark.slow
def test_a_closed_pipe_ends_quietly(first_run):
    env, _ = first_run
    questions = "\n".join([DAY_QUESTION, GOAL_QUESTION] * 50) + "\n"
    shell = f'{" ".join(PASOKH)} ask --json - | head -1; echo "status=${{PIPESTATUS[0]}}" >&2'
    result = subprocess.run(
        ["bash", "-c", shell],
        input=questions.encode(),
        capture_output=True,
        env=env,
        timeout=300,
        check=False,
    )
    stderr = result.stderr.decode()
    assert len(result.stdout.decode().splitlines()) == 1
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
    assert "status=141" in stderr  # as `yes | head -1`: ended by the closed pipe, quietly


@pytest.mark.parametrize("k", ["0", "-5", "two"])
def test_bad_k_is_refused_by_the_parser(tmp_path, k):
    env = pasokh_env(tmp_path / "corpus", tmp_path / "data")
    result = run_pasokh("ask", "-k", k, DAY_QUESTION, env=env)
    assert result.returncode == 2
    assert "argument -k" in result.stderr
    assert ("must be 1 or more" in result.stderr) or ("must be a whole number" in result.stderr)
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("question", ["؟!", "…", "  "])
def test_an_empty_question_is_answered_before_the_model_loads(tmp_path, question):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(MEETING_REPORT, corpus / MEETING_REPORT.name)
    env = pasokh_env(corpus, tmp_path / "data")
    result = run_pasokh("ask", question, env=env)
    assert result.returncode == 2 and result.stdout == ""
    assert EMPTY in result.stderr
    # neither the model (materialized on first load) nor an index was touched
    assert not (tmp_path / "data" / "models").exists()
    assert not (tmp_path / "data" / "index").exists()


def test_an_unknown_embedding_model_lists_the_valid_choices(tmp_path, corpus_dir):
    env = pasokh_env(corpus_dir, tmp_path / "data", PASOKH_EMBEDDING_MODEL="no-such/model-xyz")
    result = run_pasokh("ask", DAY_QUESTION, env=env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "'no-such/model-xyz' cannot be loaded offline" in result.stderr
    assert "bundled:multilingual-e5-small" in result.stderr
    assert "local folder" in result.stderr
    assert not (tmp_path / "data" / "models").exists()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_run_with_an_unreachable_bot_api_retries_then_says_what_failed(tmp_path, corpus_dir):
    url = f"http://127.0.0.1:{_closed_port()}"
    env = pasokh_env(
        corpus_dir,
        tmp_path / "data",
        TELEGRAM_BOT_TOKEN="123456:TEST-token-not-real",
        PASOKH_TELEGRAM_API_URL=url,
        PASOKH_STARTUP_RETRY_SECONDS="8",  # room for two back-offs on a busy machine
    )
    result = run_pasokh("run", env=env, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"could not reach the Telegram Bot API at {url}" in result.stderr
    assert "retrying in 1 s" in result.stderr and "retrying in 2 s" in result.stderr
    assert "123456:TEST-token-not-real" not in result.stderr
