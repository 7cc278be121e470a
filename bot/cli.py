"""The `pasokh` command: index, ask, eval, chat, run."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from bot.answering.types import IndexReport
from bot.persian_messages import CONTEXT_CLEARED
from bot.settings import Settings

logger = logging.getLogger("pasokh")

EXAMPLE_QUESTIONS = (
    "جلسه ستاد توسعه تجارت چه روزی برگزار شد؟",
    "هدف از مشارکت در بازسازی قره‌باغ چیست؟",
    "قیمت دلار امروز چند است؟",
)
EMPTY_QUESTION = "پرسش خالی است؛ لطفاً پرسشی بنویسید."
NOT_UTF8_LINE = "این سطر متن UTF-8 نیست و خوانده نشد."
EMPTY_CORPUS = "هیچ سند خوانایی در پوشهٔ اسناد نیست: {folder}"
CONVERSATION_NEEDS_STDIN = (
    "--conversation پرسش‌ها را خط به خط از ورودی می‌خواند: pasokh ask --conversation -"
)
CORPUS_CHANGED = (
    "note: the documents changed since the index was built; answering from the existing index"
    " (run `pasokh index` to update it)"
)
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
SUMMARY_CHOOSE = "نام یکی از این اسناد را بنویسید، مثلاً: pasokh summary NAME"


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


def _setup(args: argparse.Namespace) -> Settings:
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("httpx", "bm25s", "sentence_transformers", "transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    settings = Settings.from_env().with_overrides(corpus_dir=args.corpus, index_path=args.index)
    from embeddings.model_choice import embedding_model_problem

    problem = embedding_model_problem(settings.embedding_model)
    if problem is not None:  # checked before torch and the model load, not by a traceback
        raise ValueError(problem)
    from embeddings.encoder import set_thread_environment

    set_thread_environment(settings.threads)  # before anything imports torch
    return settings


def _service(settings: Settings, scorer: str | None = None):
    from bot.answering.service import AnsweringService

    return AnsweringService(settings, scorer=scorer)


def _load(service, *, write: bool = True, always_list_skipped: bool = False) -> IndexReport | None:
    """Loads the index; None, after a message, if it can't.

    Writers (`index`, `eval`) build what changed, under the index folder's lock. Readers
    (`ask`, `chat`; `write=False`) answer from the newest complete index on disk and only note
    when the corpus has changed since; they build only when there is no usable index.
    Skipped files are listed by the call that built the index (once per change, not on every
    `ask`), or always with `always_list_skipped` (`pasokh index`).
    """
    from bot.answering.scorer import ScorerWeightsError
    from bot.answering.service import EmptyCorpusError
    from embeddings.progress import StderrProgress, reporting_to

    try:
        with reporting_to(StderrProgress(interval=service.settings.progress_seconds)):
            report = service.load(write=write)
    except EmptyCorpusError:
        print(EMPTY_CORPUS.format(folder=service.settings.corpus_dir), file=sys.stderr)
        return None
    except OSError as exc:
        print(f"error: could not write the index in {service.settings.index_dir}: {exc}",
              file=sys.stderr)  # fmt: skip
        return None
    except ScorerWeightsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    if getattr(service, "corpus_changed", False):
        print(CORPUS_CHANGED, file=sys.stderr)
    if report.rebuilt or always_list_skipped:
        for name, why in report.skipped.items():
            print(f"warning: skipped {name}: {why}", file=sys.stderr)
    return report


def cmd_index(settings: Settings) -> int:
    """Builds or refreshes the index and prints what it holds."""
    report = _load(_service(settings), always_list_skipped=True)
    if report is None:
        return 2
    print(
        f"documents: {report.documents}  chunks: {report.chunks}  "
        f"embedded: {report.embedded_chunks}  seconds: {report.seconds:.2f}"
    )
    return 0


def _print_answer(answer, as_json: bool, passages: int = 1) -> None:
    from bot.plain_rendering import render_answer_plain

    if as_json:
        print(json.dumps(answer.to_json_dict(), ensure_ascii=False), flush=True)
    else:
        print(render_answer_plain(answer, passages=passages), flush=True)


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
        _print_answer(answer, as_json, passages=k)
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
    service = _service(settings)
    if _load(service, write=False) is None:
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
    service = _service(settings)
    if _load(service, write=False) is None:
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
            _print_answer(answer, as_json=False)
    return status


def cmd_eval_conversations(settings: Settings, args: argparse.Namespace) -> int:
    """`eval --conversations FILE`: follow-ups against their written-out twins."""
    import hashlib
    import shutil

    from bot.conversation_eval import read_conversations, run_conversation_eval

    try:
        conversations = read_conversations(args.file)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.corpus is None:
        documents = sorted({c.document.resolve() for c in conversations})
        digest = hashlib.sha1("".join(map(str, documents)).encode()).hexdigest()[:10]
        workspace = settings.data_dir / "eval" / f"{args.file.stem}-{digest}"
        corpus = workspace / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        for document in documents:
            shutil.copy(document, corpus / document.name)
        settings = settings.with_overrides(
            corpus_dir=corpus, index_path=args.index or workspace / "index"
        )
    service = _service(settings)
    if _load(service) is None:
        return 2
    report = run_conversation_eval(service, conversations)
    if args.details:
        with args.details.open("w", encoding="utf-8") as handle:
            for row in report.details:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(json.dumps(report.figures()) if args.json else "\n".join(report.lines()))
    return 0


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    """Prints answer@1, passage@1/3, abstention and latency for a JSONL file."""
    from bot.evaluation import read_eval_file, run_eval, write_passage_corpus

    if args.conversations:
        return cmd_eval_conversations(settings, args)

    items, passages = read_eval_file(args.file)
    if not items:
        print(f"no questions in {args.file}", file=sys.stderr)
        return 2
    if args.corpus is not None and args.corpus.is_file():
        passages = {args.corpus.name: args.corpus.read_text("utf-8")}
        args.corpus = None
    if passages and args.corpus is None:
        import hashlib

        digest = hashlib.sha1("".join(sorted(passages)).encode()).hexdigest()[:10]
        workspace = settings.data_dir / "eval" / f"{args.file.stem}-{digest}"
        corpus = write_passage_corpus(passages, workspace / "corpus")
        settings = settings.with_overrides(
            corpus_dir=corpus, index_path=args.index or workspace / "index"
        )
    service = _service(settings, args.scorer)
    if _load(service) is None:
        return 2
    report = run_eval(service, items)
    if args.details:
        with args.details.open("w", encoding="utf-8") as handle:
            for row in report.details:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    if args.json:
        figures = {k: v for k, v in vars(report).items() if k != "details"}
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print("\n".join(report.lines()))
    return 0


def cmd_summary(settings: Settings, args: argparse.Namespace) -> int:
    """Prints the summary of one document (the only one, or the one named)."""
    from bot.answering.types import DocumentError

    service = _service(settings)
    if _load(service) is None:
        return 2
    try:
        answer = service.summary(args.doc)
    except DocumentError as exc:
        print(exc.persian_message, file=sys.stderr)
        names = [d.name for d in service.documents()]
        print(SUMMARY_CHOOSE + "\n" + "\n".join(f"  {n}" for n in names), file=sys.stderr)
        return 2
    _print_answer(answer, args.json)
    return 0


def cmd_chat(settings: Settings) -> int:
    """A terminal REPL with the same answers as the bot; follow-ups use the last exchange."""
    from bot.answering.conversation import ask_in_context
    from bot.answering.followup import FollowupResolver
    from bot.answering.service import EmptyQuestionError

    service = _service(settings)
    if _load(service, write=False) is None:
        return 2
    resolver, previous = FollowupResolver(service), None
    print("پرسش خود را بنویسید (پرسش تازه: /new، خروج: Ctrl+D یا «خروج»).")
    while True:
        try:
            question = input("پرسش> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if question.strip() in {"خروج", "exit", "quit"}:
            return 0
        if question.strip() == "/new":
            previous = None
            print(CONTEXT_CLEARED)
            continue
        try:
            answer, previous = ask_in_context(service, resolver, question, previous)
        except EmptyQuestionError:
            print(EMPTY_QUESTION)
            continue
        _print_answer(answer, as_json=False)


def cmd_run(settings: Settings) -> int:
    """Starts the bot; without a token, explains the setup and demonstrates in the terminal."""
    if settings.telegram_token:
        return _run_bot_guarded(settings)
    print(
        "No TELEGRAM_BOT_TOKEN is set, so the Telegram bot is not started.\n"
        "To run the bot: put TELEGRAM_BOT_TOKEN=<token from @BotFather> (and PASOKH_ADMINS=<your\n"
        "Telegram user id>) in the environment or in .env, then run `pasokh run` again.\n"
        "Meanwhile, here is pasokh answering in the terminal (`pasokh chat` to ask your own):\n",
        file=sys.stderr,
    )
    service = _service(settings)
    if _load(service) is None:
        return 2
    for question in EXAMPLE_QUESTIONS:
        print(f"❓ {question}")
        _print_answer(service.ask(question), as_json=False)
        print()
    if sys.stdin.isatty():
        return cmd_chat(settings)
    return 0


def _run_bot_guarded(settings: Settings) -> int:
    """Runs the bot; expected failures become one clear line, and nothing prints the token."""
    from telegram.error import InvalidToken

    from bot.telegram.app import run_bot
    from bot.telegram.log_redaction import install_redaction, print_redacted, quiet_expected
    from bot.telegram.startup import BotApiUnavailableError

    token = settings.telegram_token or ""
    install_redaction(token)
    # python-telegram-bot logs these with tracebacks; the one line below says what to do.
    # (A server that isn't the Bot API answers 404 in HTML: PTB logs the JSON error first.)
    quiet_expected(drop=(InvalidToken,), strip=(json.JSONDecodeError,))
    try:
        run_bot(settings)
    except InvalidToken:
        print(
            f"error: the Bot API at {settings.telegram_api_url} refused the bot token (401/404);"
            " check TELEGRAM_BOT_TOKEN and PASOKH_TELEGRAM_API_URL",
            file=sys.stderr,
        )
        return 1
    except BotApiUnavailableError as exc:  # unreachable for the whole start-up budget
        print_redacted(f"error: {exc}", token)
        return 1
    except ValueError as exc:  # configuration found wrong at start, e.g. the webhook secret
        print_redacted(f"configuration error: {exc}", token)
        return 2
    except Exception as exc:
        # Unexpected: the traceback goes to the log, through the redacting filter.
        logger.critical("The bot stopped: %s", exc, exc_info=True)
        return 1
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
