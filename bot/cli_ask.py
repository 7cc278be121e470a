"""`pasokh ask`: one question, a batch of one question a line, or a conversation."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator

from bot import cli_common
from bot.cli_common import EMPTY_QUESTION, load_service, print_answer
from bot.settings import Settings

NOT_UTF8_LINE = "این سطر متن UTF-8 نیست و خوانده نشد."
CONVERSATION_NEEDS_STDIN = (
    "--conversation پرسش‌ها را خط به خط از ورودی می‌خواند: pasokh ask --conversation -"
)


def _print_error_row(question: str, code: str, persian: str, as_json: bool) -> None:
    """The output line of an input line that could not be asked."""
    if as_json:
        row = {"question": question, "error": code, "message": persian}
        print(json.dumps(row, ensure_ascii=False), flush=True)
    else:
        print(persian, flush=True)


def has_words(question: str) -> bool:
    """False for a question with no letter or digit: answered without loading anything."""
    return any(ch.isalnum() for ch in question)


def stdin_lines() -> Iterator[str | None]:
    """Each line of stdin without its newline; None for a line that is not UTF-8."""
    for raw in sys.stdin.buffer:
        try:
            yield raw.decode("utf-8").removesuffix("\n").removesuffix("\r")
        except UnicodeDecodeError:
            yield None


def ask_batch(service, lines: Iterable[str | None], *, k: int, as_json: bool) -> int:
    """Answers one question a line, writing exactly one output row per input line.

    Returns:
        0 when every line was answered, 1 when some were blank or unusable.
    """
    from bot.answering.service import EmptyQuestionError

    status = 0
    for line in lines:
        if line is None:
            _print_error_row("", "not_utf8", NOT_UTF8_LINE, as_json)
            status = 1
            continue
        try:
            if not has_words(line):
                raise EmptyQuestionError("the question is empty")
            answer = service.ask(line, k=k)
        except EmptyQuestionError:
            _print_error_row(line, "empty_question", EMPTY_QUESTION, as_json)
            status = 1
            continue
        print_answer(answer, as_json, passages=k)
    return status


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    """Answers the question on the command line, or each line of stdin for `-`."""
    if args.conversation:
        return cmd_ask_conversation(settings, args)
    from_stdin = args.question == ["-"]
    question = " ".join(args.question)
    if not from_stdin and not has_words(question):
        print(EMPTY_QUESTION, file=sys.stderr)  # before the model and index load
        return 2
    service = cli_common.open_service(settings)
    if load_service(service, write=False) is None:
        return 2
    k = args.k or (3 if args.json else 1)
    if from_stdin:
        return ask_batch(service, stdin_lines(), k=k, as_json=args.json)
    status = ask_batch(service, [question], k=k, as_json=args.json)
    return 2 if status else 0


def cmd_ask_conversation(settings: Settings, args: argparse.Namespace) -> int:
    """`ask --conversation -`: one turn a line, each read in the context of the one before."""
    from bot.answering.conversation import ask_in_context
    from bot.answering.followup import FollowupResolver
    from bot.answering.service import EmptyQuestionError

    if args.question != ["-"]:
        print(CONVERSATION_NEEDS_STDIN, file=sys.stderr)
        return 2
    service = cli_common.open_service(settings)
    if load_service(service, write=False) is None:
        return 2
    resolver, previous, status = FollowupResolver(service), None, 0
    for line in sys.stdin:
        if not line.strip():
            previous = None  # a blank line starts a new conversation
            continue
        try:
            answer, previous = ask_in_context(service, resolver, line, previous, args.k or 3)
        except EmptyQuestionError:
            print(EMPTY_QUESTION, file=sys.stderr)
            status = 2
            continue
        if args.json:
            row = answer.to_json_dict()
            row["resolved_question"] = answer.resolved_question or answer.question
            print(json.dumps(row, ensure_ascii=False), flush=True)
        else:
            print_answer(answer, as_json=False)
    return status
