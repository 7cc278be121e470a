"""`pasokh eval --conversations`: are follow-ups answered as well as their written-out twins?

A conversation file holds one conversation a line:
`{"document": path, "turns": [{"question", "answers"}, {"question", "twin", "answers", "kind",
"rewritten"}, ...]}`. Turns are asked in order with `ask_in_context`, as `pasokh chat` asks
them; a turn with a `twin` (the same question written out in full) is a follow-up, and its
twin is also asked on its own, with no context. The figure that matters is how often the
follow-up is answered right for every time its twin is. `rewritten: false` marks a question
that changes the subject and must be searched as asked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bot.answering.conversation import Exchange, ask_in_context
from bot.answering.followup import FollowupResolver
from bot.evaluation import answer_key


@dataclass(frozen=True)
class Conversation:
    """One conversation of the file: its document and its turns (dicts as in the file)."""

    document: Path
    turns: list[dict]


@dataclass
class ConversationReport:
    """The figures `pasokh eval --conversations` prints."""

    conversations: int = 0
    followups: int = 0
    twin_right: int = 0
    followup_right: int = 0
    both_right: int = 0
    rewrite_as_expected: int = 0
    details: list[dict] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """Follow-ups answered right per twin answered right."""
        return self.followup_right / self.twin_right if self.twin_right else 0.0

    def lines(self) -> list[str]:
        """Readable table; deterministic for the same inputs."""
        return [
            f"conversations                  {self.conversations}",
            f"follow-ups                     {self.followups}",
            f"twin right                     {self.twin_right}",
            f"follow-up right                {self.followup_right}",
            f"follow-up right when twin is   {self.both_right}",
            f"follow-up right / twin right   {self.ratio:.3f}",
            f"rewritten (or not) as expected {self.rewrite_as_expected}/{self.followups}",
        ]

    def figures(self) -> dict:
        """The figures as a dict, for `--json`."""
        return {
            "conversations": self.conversations,
            "followups": self.followups,
            "twin_right": self.twin_right,
            "followup_right": self.followup_right,
            "both_right": self.both_right,
            "ratio": round(self.ratio, 4),
            "rewrite_as_expected": self.rewrite_as_expected,
        }


def read_conversations(path: Path) -> list[Conversation]:
    """Reads a conversation file; documents are found relative to the working directory.

    Raises:
        ValueError: A line is not a conversation, or names a document that isn't there.
    """
    conversations = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            document, turns = Path(record["document"]), list(record["turns"])
            questions = [str(turn["question"]) for turn in turns]
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: expected {{'document', 'turns'}}") from exc
        if not document.is_file() or not all(q.strip() for q in questions):
            raise ValueError(f"{path}:{number}: no document {document} or an empty question")
        conversations.append(Conversation(document, turns))
    return conversations


def _right(answer, golds: list[str], normalizer) -> bool:
    keys = [answer_key(g, normalizer) for g in golds if answer_key(g, normalizer)]
    text = answer_key(answer.text, normalizer)
    return not answer.abstained and any(key in text for key in keys)


def run_conversation_eval(service, conversations: list[Conversation]) -> ConversationReport:
    """Asks every conversation turn by turn, and every twin alone, and scores them."""
    resolver = FollowupResolver(service)
    report = ConversationReport(conversations=len(conversations))
    normalizer = service.normalizer
    for number, conversation in enumerate(conversations):
        previous: Exchange | None = None
        for turn in conversation.turns:
            answer, previous = ask_in_context(service, resolver, turn["question"], previous)
            if "twin" not in turn:
                continue
            twin = service.ask(turn["twin"])
            followup_right = _right(answer, turn["answers"], normalizer)
            twin_right = _right(twin, turn["answers"], normalizer)
            rewritten = answer.resolved_question is not None
            report.followups += 1
            report.twin_right += twin_right
            report.followup_right += followup_right
            report.both_right += twin_right and followup_right
            report.rewrite_as_expected += rewritten == bool(turn.get("rewritten", True))
            report.details.append(
                {
                    "conversation": number,
                    "kind": turn.get("kind", ""),
                    "question": turn["question"],
                    "resolved_question": answer.resolved_question,
                    "twin": turn["twin"],
                    "answer": answer.text,
                    "twin_answer": twin.text,
                    "followup_right": followup_right,
                    "twin_right": twin_right,
                }
            )
    return report
