"""The benchmark's Persian questions: ParsiNLU dev, the meeting report's, and variants."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.evaluation import EvalItem, read_eval_file

REPO = Path(__file__).resolve().parents[1]
# The development data lives beside the repository (`../shared/data`), as in CI.
PARSINLU_DEV = REPO.parent / "shared" / "data" / "parsinlu_rc_dev.jsonl"
MEETING_QUESTIONS = REPO / "tests" / "data" / "meeting_report_questions.jsonl"
MEETING_CORPUS = REPO / "corpus"

# Deterministic rephrasings: a polite or framing lead-in, so each variant is a new string for
# the encoder (no cache hit) but asks the same thing. Chosen by the question's position.
_LEAD_INS = (
    "لطفاً بگویید ",
    "می‌خواستم بدانم ",
    "بر اساس متن، ",
    "سؤال: ",
)


@dataclass(frozen=True)
class Question:
    """One question to time.

    Attributes:
        text: The question as a user would type it.
        corpus: Which corpus answers it: "parsinlu" or "meeting".
        index: Position in its source file (so answers can be scored).
        variant: True for a deterministic rephrasing of the original.
    """

    text: str
    corpus: str
    index: int
    variant: bool = False


@dataclass(frozen=True)
class QuestionSet:
    """The questions and what is needed to score the originals."""

    questions: list[Question]
    parsinlu_items: list[EvalItem]
    parsinlu_passages: dict[str, str]
    meeting_items: list[EvalItem]

    def originals(self, corpus: str) -> list[Question]:
        """The unmodified questions of one corpus, in file order."""
        return [q for q in self.questions if q.corpus == corpus and not q.variant]

    def counts(self) -> dict[str, int]:
        """How many questions of each kind."""
        out = {"total": len(self.questions)}
        for corpus in ("parsinlu", "meeting"):
            mine = [q for q in self.questions if q.corpus == corpus]
            out[f"{corpus}_original"] = sum(not q.variant for q in mine)
            out[f"{corpus}_variant"] = sum(q.variant for q in mine)
        return out


def variant_of(text: str, position: int) -> str:
    """A deterministic rephrasing of `text`: a lead-in, and every other one without «؟»."""
    body = text.strip()
    if position % 2:
        body = body.rstrip("؟?").rstrip()
    return _LEAD_INS[position % len(_LEAD_INS)] + body


def load_questions(
    parsinlu_path: Path = PARSINLU_DEV,
    meeting_path: Path = MEETING_QUESTIONS,
    limit_per_set: int | None = None,
    variants: bool = True,
) -> QuestionSet:
    """Reads both question files and adds one variant of every question.

    Args:
        parsinlu_path: ParsiNLU reading-comprehension JSONL (questions with passages).
        meeting_path: Questions about the meeting report.
        limit_per_set: Keep only the first this many questions of each file (quick runs).
        variants: Add one rephrased variant per original question.

    Returns:
        125 + 39 originals and as many variants for the full files (328 questions).
    """
    parsinlu_items, passages = read_eval_file(parsinlu_path)
    meeting_items, _ = read_eval_file(meeting_path)
    if limit_per_set is not None:
        parsinlu_items = parsinlu_items[:limit_per_set]
        meeting_items = meeting_items[:limit_per_set]
        keep = _passages_of(parsinlu_path, {item.question for item in parsinlu_items})
        passages = {k: v for k, v in (passages or {}).items() if k in keep}
    questions: list[Question] = []
    for corpus, items in (("parsinlu", parsinlu_items), ("meeting", meeting_items)):
        questions += [Question(item.question, corpus, i) for i, item in enumerate(items)]
    if variants:
        originals = list(questions)
        questions += [
            Question(variant_of(q.text, n), q.corpus, q.index, variant=True)
            for n, q in enumerate(originals)
        ]
    return QuestionSet(questions, parsinlu_items, passages or {}, meeting_items)


def _passages_of(path: Path, questions: set[str]) -> set[str]:
    """File names (as `read_eval_file` names them) of the passages of some questions."""
    import hashlib
    import json

    names = set()
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("question") in questions and "passage" in record:
            digest = hashlib.sha1(str(record["passage"]).encode("utf-8")).hexdigest()[:10]
            names.add(f"passage-{digest}.txt")
    return names
