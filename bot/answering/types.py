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


ANSWER_KINDS = ("fact", "person", "statements", "summary", "headline", "decisions")


@dataclass(frozen=True)
class Speaker:
    """A person of a document that an answer is about or quotes.

    Attributes:
        name: The fullest name the document gives (titles left out), e.g. «محمدرضا پورمحمدی».
        roles: Every role the document gives them, in order of first mention.
    """

    name: str
    roles: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """{"name", "roles"} for JSON."""
        return {"name": self.name, "roles": list(self.roles)}


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
        kind: What sort of answer this is, one of `ANSWER_KINDS`; lists (statements,
            decisions) and summaries hold one item a line in `text`.
        speaker: The person the answer is about or quotes, when known.
        resolved_question: The standalone question that was searched, when a follow-up was
            rewritten with its conversation's context; None otherwise.
        answer_truncated: True when `text` was clipped at the length limit (it ends with «…»).
        note: Shown with a decline: what the documents do say near the question, clearly
            not an answer; "" otherwise.
        choices: Names of the documents a question about "the report" may mean, when it
            names none of several (the decline's note lists them; Telegram offers buttons).
    """

    question: str
    text: str
    abstained: bool
    passages: list[Passage] = field(default_factory=list)
    answer_span: tuple[int, int] | None = None
    truncated: bool = False
    latency_ms: float = 0.0
    kind: str = "fact"
    speaker: Speaker | None = None
    resolved_question: str | None = None
    answer_truncated: bool = False
    note: str = ""
    choices: tuple[str, ...] = ()

    @property
    def source(self) -> str | None:
        """The document the answer comes from."""
        return self.passages[0].source if self.passages and not self.abstained else None

    def to_json_dict(self) -> dict:
        """The CLI's `--json` contract: question, answer, abstained, kind, passages, flags.

        `speaker`, `resolved_question` and `note` appear only when set.
        """
        row: dict = {
            "question": self.question,
            "answer": "" if self.abstained else self.text,
            "abstained": self.abstained,
            "kind": self.kind,
            "passages": [
                {"text": p.text, "source": p.source, "score": round(float(p.score), 6)}
                for p in self.passages
            ],
            "question_truncated": self.truncated,
            "answer_truncated": self.answer_truncated,
        }
        if self.speaker is not None:
            row["speaker"] = self.speaker.to_dict()
        if self.resolved_question is not None:
            row["resolved_question"] = self.resolved_question
        if self.note:
            row["note"] = self.note
        if self.choices:
            row["choices"] = list(self.choices)
        return row


@dataclass(frozen=True)
class DocumentInfo:
    """One document of the corpus as indexed."""

    name: str
    characters: int
    chunks: int


@dataclass(frozen=True)
class IndexReport:
    """What a build or reload of the index did.

    `rebuilt` is True when this call wrote a new index (documents or skipped files changed);
    callers report `skipped` files then, not on every start.
    """

    added: list[str]
    changed: list[str]
    removed: list[str]
    unchanged: list[str]
    skipped: dict[str, str]
    documents: int
    chunks: int
    embedded_chunks: int
    seconds: float
    rebuilt: bool = False

    def to_dict(self) -> dict:
        """Plain dict, for logs and JSON."""
        return asdict(self)


class DocumentError(ValueError):
    """A document can't be added; `persian_message` says why, for the user."""

    def __init__(self, message: str, persian_message: str) -> None:
        super().__init__(message)
        self.persian_message = persian_message
