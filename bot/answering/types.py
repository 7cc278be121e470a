"""Small result types shared by the answering service, the CLI and the Telegram bot."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk of a document.

    Attributes:
        text: The chunk's text as it reads in the document (line breaks repaired).
        source: Document file name inside the corpus.
        score: Retrieval score, higher is better.
        start: Character offset of the chunk in the repaired document text.
        end: End offset (exclusive).
    """

    text: str
    source: str
    score: float
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Answer:
    """What pasokh says to one question.

    Attributes:
        question: The question as asked (after truncation, if any).
        text: The answering sentence(s), at most ~400 characters; "" when abstained.
        abstained: True when the documents don't answer the question.
        passages: Supporting passages, best first (may be non-empty when abstained).
        answer_span: (start, end) of `text` inside `passages[0].text`, when it lies there.
        truncated: True when the question was longer than allowed and was cut.
        latency_ms: Wall time spent answering.
    """

    question: str
    text: str
    abstained: bool
    passages: list[Passage] = field(default_factory=list)
    answer_span: tuple[int, int] | None = None
    truncated: bool = False
    latency_ms: float = 0.0

    @property
    def source(self) -> str | None:
        """The document the answer comes from."""
        return self.passages[0].source if self.passages and not self.abstained else None

    def to_json_dict(self) -> dict:
        """The CLI's `--json` contract: question, answer, abstained, passages."""
        return {
            "question": self.question,
            "answer": "" if self.abstained else self.text,
            "abstained": self.abstained,
            "passages": [
                {"text": p.text, "source": p.source, "score": round(float(p.score), 6)}
                for p in self.passages
            ],
        }


@dataclass(frozen=True)
class DocumentInfo:
    """One document of the corpus as indexed."""

    name: str
    characters: int
    chunks: int


@dataclass(frozen=True)
class IndexReport:
    """What a build or reload of the index did."""

    added: list[str]
    changed: list[str]
    removed: list[str]
    unchanged: list[str]
    skipped: dict[str, str]
    documents: int
    chunks: int
    embedded_chunks: int
    seconds: float

    def to_dict(self) -> dict:
        """Plain dict, for logs and JSON."""
        return asdict(self)


class DocumentError(ValueError):
    """A document can't be added; `persian_message` says why, for the user."""

    def __init__(self, message: str, persian_message: str) -> None:
        super().__init__(message)
        self.persian_message = persian_message
