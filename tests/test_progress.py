"""Progress reports: a bar on a terminal, a line every few seconds elsewhere, nothing when unset."""

from __future__ import annotations

import io
import threading

from embeddings import progress
from embeddings.progress import ProgressEvent, StderrProgress, report, reporting_to


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_lines_off_a_terminal_only_once_a_stage_is_slow(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: clock[0])
    stream = io.StringIO()
    show = StderrProgress(stream, interval=5.0)
    with reporting_to(show):
        report(progress.READING, 1, 2, "files")
        clock[0] += 1
        report(progress.READING, 2, 2, "files")  # a quick stage: silent
        for done in range(1, 101):
            clock[0] += 0.5
            report(progress.EMBEDDING, done, 100, "texts")
    lines = stream.getvalue().splitlines()
    assert lines[0] == "embedding documents: 11/100 texts (11%)"  # 5 s after it began
    assert lines[-1] == "embedding documents: 100/100 texts (100%)"  # and its end
    assert len(lines) == 10  # one every 5 s of the 50 s stage, and its end


def test_a_bar_on_a_terminal():
    terminal = FakeTerminal()
    with reporting_to(StderrProgress(terminal)):
        for done in range(4):
            report(progress.MATERIALIZING, done, 3, "steps")
    assert "materializing the embedding model" in terminal.getvalue()
    assert "3/3" in terminal.getvalue()


def test_reports_follow_the_work_into_its_thread_and_go_nowhere_otherwise():
    seen: list[ProgressEvent] = []
    report(progress.READING, 1, 1)  # no callback set: nothing happens, nothing raises

    def work() -> None:
        with reporting_to(seen.append):
            report(progress.READING, 1, 3, "files")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    report(progress.READING, 2, 3, "files")  # another thread's callback is not ours
    assert seen == [ProgressEvent(progress.READING, 1, 3, "files")]


def test_a_failing_callback_never_breaks_the_work():
    def broken(event: ProgressEvent) -> None:
        raise RuntimeError("display gone")

    with reporting_to(broken):
        report(progress.EMBEDDING, 1, 2)
