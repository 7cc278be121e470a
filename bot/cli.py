"""The `pasokh` command: index, ask, eval, summary, chat, run (parser and dispatch).

The commands live in `cli_ask.py` (ask), `cli_eval.py` (eval) and `cli_run.py` (summary,
chat, run); what they share in `cli_common.py`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from bot import cli_common
from bot.cli_ask import cmd_ask
from bot.cli_common import load_service
from bot.cli_eval import cmd_eval
from bot.cli_run import cmd_chat, cmd_run, cmd_summary
from bot.settings import Settings

# What the shell reports for a process ended by SIGPIPE, as `yes | head -1` does.
EXIT_CLOSED_PIPE = 141
ASK_EPILOG = """\
With '-', every input line gets exactly one output line (one JSON object with --json): line N
of the output answers line N of the input. A blank or unusable line gets a row with "error"
(with --json) or the Persian reason (text), and the batch goes on.

exit status: 0 every question was answered (a decline is an answer); 1 some input lines were
blank or unusable (their rows hold "error"); 2 nothing could be answered (an empty question on
the command line, no readable document, or a configuration error); 141 the reader of the
output went away (e.g. `| head -1`), which ends pasokh quietly."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pasokh", description="Answers Persian questions from the documents in a corpus."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress (English)")
    commands = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--corpus", type=Path, help="corpus folder (PASOKH_CORPUS_DIR)")
        sub.add_argument("--index", type=Path, help="index folder (PASOKH_INDEX_DIR)")
        return sub

    add("index", "build or refresh the index")
    ask = add("ask", "answer questions ('-' reads one question a line from stdin)")
    ask.epilog = ASK_EPILOG
    ask.formatter_class = argparse.RawDescriptionHelpFormatter
    ask.add_argument("--json", action="store_true", help="one JSON object a question a line")
    ask.add_argument(
        "-k",
        type=_positive_int,
        default=None,
        help="passages per answer: in JSON (default 3), and shown with their sources in text"
        " (default 1)",
    )
    ask.add_argument(
        "--conversation",
        action="store_true",
        help="with -: each line follows up the one before; a blank line starts anew",
    )
    ask.add_argument("question", nargs="+", help="the question, or - for stdin")
    evaluate = add("eval", "measure answer@1, passage@k and abstention on a JSONL file")
    evaluate.add_argument(
        "--conversations", action="store_true", help="FILE holds conversations with follow-ups"
    )
    evaluate.epilog = "--corpus may also name one document file: it becomes the whole corpus."
    evaluate.add_argument("file", type=Path)
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.add_argument("--details", type=Path, help="write per-question results (JSONL)")
    evaluate.add_argument(
        "--scorer",
        choices=("learned", "hand"),
        help="answer scorer: the fitted one or the old hand-tuned mix (default: PASOKH_SCORER)",
    )
    summary = add("summary", "summarize a document: the only one, or the one named")
    summary.add_argument("doc", nargs="?", help="document file name (see `pasokh index`)")
    summary.add_argument("--json", action="store_true", help="print the answer as JSON")
    add("chat", "ask questions in the terminal")
    add("run", "start the Telegram bot (or a terminal demo when no token is set)")
    return parser


def _positive_int(text: str) -> int:
    """argparse type for -k: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _check_corpus_argument(args: argparse.Namespace) -> None:
    """`--corpus` must exist; one document file is a corpus for `eval` only."""
    if not args.corpus.exists():
        raise ValueError(f"--corpus {args.corpus}: no such folder")
    if not args.corpus.is_dir() and args.command != "eval":
        raise ValueError(
            f"--corpus {args.corpus} is a file; give a folder (only `pasokh eval` takes one file)"
        )


def _setup(args: argparse.Namespace) -> Settings:
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("httpx", "bm25s", "sentence_transformers", "transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    settings = Settings.from_env().with_overrides(corpus_dir=args.corpus, index_path=args.index)
    if args.corpus is not None:
        _check_corpus_argument(args)
        if args.index is None and args.command != "eval":  # eval picks its own
            settings = settings.with_overrides(
                index_path=cli_common.corpus_index_path(settings, args.corpus)
            )
    from embeddings.model_choice import embedding_model_problem

    problem = embedding_model_problem(settings.embedding_model)
    if problem is not None:  # checked before torch and the model load, not by a traceback
        raise ValueError(problem)
    from embeddings.encoder import set_thread_environment

    set_thread_environment(settings.threads)  # before anything imports torch
    return settings


def cmd_index(settings: Settings) -> int:
    """Builds or refreshes the index and prints what it holds."""
    report = load_service(cli_common.open_service(settings), always_list_skipped=True)
    if report is None:
        return 2
    print(
        f"documents: {report.documents}  chunks: {report.chunks}  "
        f"embedded: {report.embedded_chunks}  seconds: {report.seconds:.2f}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `pasokh` console script."""
    args = _parser().parse_args(argv)
    try:
        settings = _setup(args)
    except ValueError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    try:
        return _dispatch(settings, args)
    except BrokenPipeError:
        # The reader went away (`pasokh ask - | head -1`): stop quietly. Later writes
        # (the interpreter flushes stdout at exit) go to /dev/null instead of raising again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLOSED_PIPE


def _dispatch(settings: Settings, args: argparse.Namespace) -> int:
    """Runs the chosen command."""
    if args.command == "index":
        return cmd_index(settings)
    if args.command == "ask":
        return cmd_ask(settings, args)
    if args.command == "eval":
        return cmd_eval(settings, args)
    if args.command == "summary":
        return cmd_summary(settings, args)
    if args.command == "chat":
        return cmd_chat(settings)
    return cmd_run(settings)


if __name__ == "__main__":
    sys.exit(main())
