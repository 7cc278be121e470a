"""`pasokh eval`: answer@1, passage@k and abstention on a JSONL set, deterministically.

Two formats are read:
- `{"question": str, "answers": [str, ...]}`: questions about a corpus (`--corpus`); an empty
  `answers` list marks a question the documents don't answer, which should abstain.
  A `"persian_twin"` (the same question in Persian, for questions in another language) is
  asked too, and the report adds how often the question is answered right when its twin is.
- ParsiNLU reading comprehension (`{"question", "passage", "answers": [[start, text], ...]}`):
  the unique passages become the corpus, one document each.
A question may carry `"kind"` (person, statements, headline, decisions, summary …): answer@1
is then also reported per kind, and rows without one as "fact".
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.answering.types import Answer
from embeddings.text_normalizer import PersianTextNormalizer


@dataclass(frozen=True)
class EvalItem:
    """One question and the strings that count as its answer (none: out of scope)."""

    question: str
    answers: tuple[str, ...]
    twin: str | None = None
    kind: str = ""


@dataclass
class EvalReport:
    """The figures `pasokh eval` prints."""

    answerable: int = 0
    out_of_scope: int = 0
    answer_at_1: float = 0.0
    passage_at_1: float = 0.0
    passage_at_3: float = 0.0
    abstained_answerable: float = 0.0
    abstained_out_of_scope: float = 0.0
    ms_per_question: float = 0.0
    twins_right: int = 0
    right_when_twin_right: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    details: list[dict] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Readable table; every figure but the timing is deterministic."""
        table = [
            f"questions                 {self.answerable + self.out_of_scope} "
            f"({self.answerable} answerable, {self.out_of_scope} out of scope)",
            f"answer@1                  {self.answer_at_1:.3f}",
            f"passage@1                 {self.passage_at_1:.3f}",
            f"passage@3                 {self.passage_at_3:.3f}",
            f"abstention (answerable)   {self.abstained_answerable:.3f}",
            f"abstention (out of scope) {self.abstained_out_of_scope:.3f}",
            f"ms per question (median)  {self.ms_per_question:.1f}",
        ]
        if self.twins_right:
            table.append(
                f"right when twin is right  {self.right_when_twin_right}/{self.twins_right}"
                " (Persian twin answered right → this question answered right)"
            )
        return [*table, *self.kind_lines()]

    def kind_lines(self) -> list[str]:
        """Right answers per question kind (an out-of-scope row is right when it abstains)."""
        if len(self.by_kind) < 2:
            return []
        return [
            f"  {kind:<24}{right / total:.3f} ({right}/{total})"
            for kind, (right, total) in sorted(self.by_kind.items())
        ]


def read_eval_file(path: Path) -> tuple[list[EvalItem], dict[str, str] | None]:
    """Reads questions, and for ParsiNLU files the passages as {file name: text}.

    Raises:
        ValueError: A line is not JSON or lacks a question; the message gives the line number.
    """
    items: list[EvalItem] = []
    passages: dict[str, str] = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            question = str(record["question"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: expected a JSON object with 'question'") from exc
        answers = record.get("answers") or []
        texts = tuple(a[1] if isinstance(a, list | tuple) else str(a) for a in answers)
        if "passage" in record:
            passage = str(record["passage"])
            digest = hashlib.sha1(passage.encode("utf-8")).hexdigest()[:10]
            passages.setdefault(f"passage-{digest}.txt", passage)
        twin = record.get("persian_twin")
        kind = str(record.get("kind") or "")
        items.append(EvalItem(question, texts, twin=str(twin) if twin else None, kind=kind))
    return items, (passages or None)


def write_passage_corpus(passages: dict[str, str], folder: Path) -> Path:
    """Writes ParsiNLU passages as a corpus folder (reused when already identical)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in passages.items():
        path = folder / name
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
    for stale in folder.glob("*.txt"):
        if stale.name not in passages:
            stale.unlink()
    return folder


def answer_key(text: str, normalizer: PersianTextNormalizer) -> str:
    """Comparison form: normalized letters and digits, no spaces, ZWNJ or punctuation."""
    return re.sub(r"[\W_]+", "", normalizer.normalize(text))


def _answered_right(item: EvalItem, answer: Answer, normalizer: PersianTextNormalizer) -> bool:
    """Not declined, and a gold answer inside the answer text."""
    key = answer_key(answer.text, normalizer)
    golds = [answer_key(g, normalizer) for g in item.answers]
    return not answer.abstained and any(g and g in key for g in golds)


def score_answers(
    items: list[EvalItem],
    answers: list[Answer],
    normalizer: PersianTextNormalizer,
    twin_answers: dict[int, Answer] | None = None,
) -> EvalReport:
    """Counts hits: a gold answer inside the answer text, or inside the top passages."""
    report = EvalReport()
    for index, twin in (twin_answers or {}).items():
        if _answered_right(items[index], twin, normalizer):
            report.twins_right += 1
            report.right_when_twin_right += _answered_right(
                items[index], answers[index], normalizer
            )
    hits = {"answer": 0, "p1": 0, "p3": 0, "abst_in": 0, "abst_out": 0}
    for item, answer in zip(items, answers, strict=True):
        golds = [answer_key(g, normalizer) for g in item.answers if answer_key(g, normalizer)]
        passage_keys = [answer_key(p.text, normalizer) for p in answer.passages]
        answer_hit = any(g in answer_key(answer.text, normalizer) for g in golds)
        p1 = bool(passage_keys) and any(g in passage_keys[0] for g in golds)
        p3 = any(g in key for g in golds for key in passage_keys[:3])
        if golds:
            report.answerable += 1
            hits["answer"] += answer_hit and not answer.abstained
            hits["p1"] += p1
            hits["p3"] += p3
            hits["abst_in"] += answer.abstained
        else:
            report.out_of_scope += 1
            hits["abst_out"] += answer.abstained
        right = (answer_hit and not answer.abstained) if golds else answer.abstained
        kind = item.kind or ("fact" if golds else "out of scope")
        tally = report.by_kind.setdefault(kind, [0, 0])
        tally[0] += int(right)
        tally[1] += 1
        report.details.append(
            {
                "question": item.question,
                "kind": item.kind or "fact",
                "answered_kind": answer.kind,
                "gold": list(item.answers),
                "answer": answer.text,
                "abstained": answer.abstained,
                "answer_hit": answer_hit,
                "passage_at_1": p1,
                "passage_at_3": p3,
                "source": answer.passages[0].source if answer.passages else None,
                **({"note": answer.note} if answer.note else {}),
            }
        )
    n_in, n_out = max(1, report.answerable), max(1, report.out_of_scope)
    report.answer_at_1 = hits["answer"] / n_in
    report.passage_at_1 = hits["p1"] / n_in
    report.passage_at_3 = hits["p3"] / n_in
    report.abstained_answerable = hits["abst_in"] / n_in
    report.abstained_out_of_scope = hits["abst_out"] / n_out
    return report


def run_eval(service, items: list[EvalItem]) -> EvalReport:
    """Asks every question once (after one warm-up) and scores the answers."""
    if items:
        service.ask(items[0].question)  # warm-up: first-call costs are not per-question costs
    answers, timings = [], []
    for item in items:
        started = time.perf_counter()
        answers.append(service.ask(item.question, k=3))
        timings.append((time.perf_counter() - started) * 1000)
    twins = {i: service.ask(item.twin, k=3) for i, item in enumerate(items) if item.twin}
    report = score_answers(items, answers, service.normalizer, twins)
    report.ms_per_question = statistics.median(timings) if timings else 0.0
    return report
