"""The `pasokh` command's contract, with the fast encoder injected."""

from __future__ import annotations

import io
import json

import pytest

from bot import cli, cli_common, cli_run
from bot.answering.service import AnsweringService
from tests.fake_encoder import HashingEncoder


@pytest.fixture
def run(monkeypatch, corpus_dir, tmp_path, capsys):
    """Runs `pasokh ARGS` in-process on a tmp corpus; returns (status, stdout, stderr)."""
    monkeypatch.setenv("PASOKH_CORPUS_DIR", str(corpus_dir))
    monkeypatch.setenv("PASOKH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(
        cli_common,
        "open_service",
        lambda s, scorer="learned": AnsweringService(s, encoder=HashingEncoder(), scorer=scorer),
    )

    def invoke(*args: str, stdin: str | None = None):
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), "utf-8"))
        status = cli.main(list(args))
        out = capsys.readouterr()
        return status, out.out, out.err

    return invoke


def test_index_prints_documents_chunks_seconds(run):
    status, out, _ = run("index")
    assert status == 0
    assert "documents: 1" in out and "chunks:" in out and "seconds:" in out


def test_ask_json_contract(run):
    words = ["هدف", "از", "مشارکت", "در", "بازسازی", "قره", "باغ", "چیست؟"]
    status, out, _ = run("ask", "--json", "-k", "2", *words)
    assert status == 0
    payload = json.loads(out)
    assert payload["question"] == "هدف از مشارکت در بازسازی قره باغ چیست؟"
    assert set(payload) == {
        "question",
        "answer",
        "abstained",
        "kind",
        "passages",
        "question_truncated",
        "answer_truncated",
    }
    assert payload["kind"] == "fact" and payload["question_truncated"] is False
    assert len(payload["passages"]) == 2
    assert payload["passages"][0]["source"] == "east-azerbaijan-karabakh-trade-meeting.txt"


def test_ask_json_when_the_meeting_was_held_is_the_time_phrase_of_the_lead(run):
    status, out, _ = run("ask", "--json", "جلسه ستاد چه روزی برگزار شد؟")
    payload = json.loads(out)
    assert status == 0 and payload["kind"] == "headline" and not payload["abstained"]
    phrase, lead = payload["answer"].split("\n")
    assert phrase == "ظهر امروز (شنبه)" and lead.startswith("جلسه ستاد توسعه تجارت")


def test_ask_reads_one_question_a_line_from_stdin(run):
    status, out, _ = run("ask", "--json", "-", stdin="بازسازی قره باغ\nصادرات غیرنفتی استان\n")
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [x["question"] for x in lines] == ["بازسازی قره باغ", "صادرات غیرنفتی استان"]


def test_empty_question_exits_2_with_a_persian_message(run):
    status, out, err = run("ask", "  ")
    assert status == 2 and out == ""
    assert "پرسش خالی است" in err


def test_a_100_kb_question_is_answered(run):
    status, out, _ = run("ask", "--json", "صادرات " * 15000)
    assert status == 0 and json.loads(out)["question"]


def test_empty_corpus_is_a_clear_message(run, tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    status, _, err = run("ask", "--corpus", str(empty), "سلام")
    assert status == 2 and "هیچ سند" in err and str(empty) in err


def test_run_without_token_explains_and_demonstrates(run):
    status, out, err = run("run")
    assert status == 0
    assert "TELEGRAM_BOT_TOKEN" in err and "pasokh chat" in err
    assert out.count("❓") == len(cli_run.EXAMPLE_QUESTIONS)


def test_eval_is_deterministic(run, tmp_path):
    questions = tmp_path / "questions.jsonl"
    questions.write_text(
        "\n".join(
            json.dumps(row, ensure_ascii=False)
            for row in (
                {"question": "جلسه ستاد چه روزی برگزار شد؟", "answers": ["شنبه"]},
                {"question": "قیمت دلار امروز چند است؟", "answers": []},
            )
        ),
        "utf-8",
    )
    first = run("eval", "--json", str(questions))
    second = run("eval", "--json", str(questions))
    assert first[0] == second[0] == 0
    one, two = json.loads(first[1]), json.loads(second[1])
    for figures in (one, two):
        figures.pop("ms_per_question")
    assert one == two and one["answerable"] == 1 and one["out_of_scope"] == 1


def test_ask_conversation_reads_turns_and_a_blank_line_starts_anew(run):
    turns = "جلسه ستاد توسعه تجارت چه روزی برگزار شد؟\nبه چه صورت؟\n\nبه چه صورت؟\n"
    status, out, _ = run("ask", "--json", "--conversation", "-", stdin=turns)
    assert status == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 3
    assert rows[0]["resolved_question"] == rows[0]["question"]
    assert rows[1]["question"] == "به چه صورت؟"
    assert rows[1]["resolved_question"] == "جلسه ستاد توسعه تجارت به چه صورت برگزار شد؟"
    assert rows[2]["resolved_question"] == "به چه صورت؟"  # a new conversation: nothing to fill


def test_ask_conversation_needs_stdin(run):
    status, out, err = run("ask", "--conversation", "جلسه", "کی", "بود؟")
    assert status == 2 and not out and "--conversation" in err


def test_chat_keeps_context_until_new(run, monkeypatch):
    lines = iter(["استاندار درباره صادرات چه گفت؟", "و جهانگیری؟", "/new", "و جهانگیری؟"])

    def typed(prompt: str = "") -> str:
        for line in lines:
            return line
        raise EOFError  # Ctrl+D

    monkeypatch.setattr("builtins.input", typed)
    status, out, _ = run("chat")
    assert status == 0
    assert out.count("(پرسش: جهانگیری درباره صادرات چه گفت؟)") == 1
    assert "گفت‌وگوی تازه" in out


def test_summary_prints_the_lead_and_each_speaker(run):
    status, out, _ = run("summary")
    assert status == 0
    assert out.startswith("خلاصه:") and "به ریاست استاندار آذربایجان شرقی" in out
    assert "• محمدرضا پورمحمدی:" in out and "• علی جهانگیری:" in out
    status, out, _ = run("summary", "--json", "east-azerbaijan-karabakh-trade-meeting.txt")
    payload = json.loads(out)
    assert status == 0 and payload["kind"] == "summary" and len(payload["answer"]) <= 1000


def test_summary_with_several_documents_asks_for_a_name(run, corpus_dir):
    (corpus_dir / "second.txt").write_text("گزارش دوم دربارهٔ باران امروز تبریز است.", "utf-8")
    status, out, err = run("summary")
    assert status == 2 and out == ""
    assert "کدام سند" in err and "second.txt" in err
    status, _, err = run("summary", "missing.txt")
    assert status == 2 and "چنین سندی" in err


def test_eval_takes_one_report_file_as_the_corpus_and_reports_kinds(run, tmp_path):
    from tests.test_structured_answers import REPORTS

    report = REPORTS / "structure-marand-water-council.txt"
    status, out, _ = run("eval", "--corpus", str(report), str(report.with_suffix(".jsonl")))
    assert status == 0
    assert "questions                 28" in out
    for kind in ("person", "statements", "headline", "decisions", "summary"):
        assert f"  {kind}" in out
    assert "  person                  1.000 (5/5)" in out


def test_eval_of_another_corpus_folder_leaves_the_product_index_alone(run, tmp_path):
    from tests.test_structured_answers import REPORTS

    assert run("index")[0] == 0
    product_index = tmp_path / "data" / "index"
    before = {p.name: p.stat().st_mtime_ns for p in product_index.rglob("*") if p.is_file()}
    other = tmp_path / "other-corpus"
    other.mkdir()
    report = REPORTS / "structure-marand-water-council.txt"
    (other / report.name).write_text(report.read_text("utf-8"), "utf-8")
    status, out, _ = run("eval", "--corpus", str(other), str(report.with_suffix(".jsonl")))
    assert status == 0 and "questions                 28" in out
    after = {p.name: p.stat().st_mtime_ns for p in product_index.rglob("*") if p.is_file()}
    assert after == before
    status, out, _ = run("ask", "--json", "جلسه ستاد چه روزی برگزار شد؟")
    assert json.loads(out)["passages"][0]["source"] == "east-azerbaijan-karabakh-trade-meeting.txt"


def test_ask_with_another_corpus_answers_from_it_not_from_the_product_index(run, tmp_path):
    from tests.test_structured_answers import REPORTS

    assert run("index")[0] == 0  # the product's index, of the meeting report
    other = tmp_path / "other-corpus"
    other.mkdir()
    report = REPORTS / "structure-marand-water-council.txt"
    (other / report.name).write_text(report.read_text("utf-8"), "utf-8")
    status, out, _ = run("ask", "--json", "--corpus", str(other), "فرماندار مرند کیست؟")
    assert status == 0 and json.loads(out)["passages"][0]["source"] == report.name
    status, out, _ = run("ask", "--json", "جلسه ستاد چه روزی برگزار شد؟")
    assert json.loads(out)["passages"][0]["source"] == "east-azerbaijan-karabakh-trade-meeting.txt"


def test_a_corpus_that_does_not_exist_or_is_a_file_is_a_clear_error(run, tmp_path, corpus_dir):
    status, out, err = run("ask", "--corpus", str(tmp_path / "nowhere"), "سلام")
    assert status == 2 and out == "" and "no such folder" in err and "Traceback" not in err
    one_file = next(corpus_dir.iterdir())
    status, _, err = run("ask", "--corpus", str(one_file), "سلام")
    assert status == 2 and "only `pasokh eval` takes one file" in err
