"""`pasokh eval`: answer@1, passage@k and abstention on a JSONL file, or on conversations."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot import cli_common
from bot.cli_common import load_service
from bot.settings import Settings


def cmd_eval_conversations(settings: Settings, args: argparse.Namespace) -> int:
    """`eval --conversations FILE`: follow-ups against their written-out twins."""
    import shutil

    from bot.conversation_eval import read_conversations, run_conversation_eval

    try:
        conversations = read_conversations(args.file)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.corpus is None:
        documents = sorted({c.document.resolve() for c in conversations})
        workspace = cli_common.workspace_for(settings, args.file.stem, "".join(map(str, documents)))
        corpus = workspace / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        for document in documents:
            shutil.copy(document, corpus / document.name)
        settings = settings.with_overrides(
            corpus_dir=corpus, index_path=args.index or workspace / "index"
        )
    elif args.index is None:
        settings = settings.with_overrides(
            index_path=cli_common.corpus_index_path(settings, args.corpus)
        )
    service = cli_common.open_service(settings)
    if load_service(service) is None:
        return 2
    report = run_conversation_eval(service, conversations)
    if args.details:
        _write_details(args.details, report.details)
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
        workspace = cli_common.workspace_for(settings, args.file.stem, "".join(sorted(passages)))
        corpus = write_passage_corpus(passages, workspace / "corpus")
        settings = settings.with_overrides(
            corpus_dir=corpus, index_path=args.index or workspace / "index"
        )
    elif args.corpus is not None and args.index is None:
        settings = settings.with_overrides(
            index_path=cli_common.corpus_index_path(settings, args.corpus)
        )
    service = cli_common.open_service(settings, args.scorer)
    if load_service(service) is None:
        return 2
    report = run_eval(service, items)
    if args.details:
        _write_details(args.details, report.details)
    if args.json:
        figures = {k: v for k, v in vars(report).items() if k != "details"}
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print("\n".join(report.lines()))
    return 0


def _write_details(path: Path, rows: list[dict]) -> None:
    """Per-question rows of an eval, one JSON object a line."""
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
