"""«چه تصمیماتی گرفته شد؟», «درباره Y چه تصمیمی …»: the decision and proposal items of a
report's structure, or a decline when none is about Y."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.answering.intents import Intent
from bot.answering.summary import clip_line
from bot.answering.text_clipping import MAX_ANSWER_CHARS
from bot.answering.types import Answer
from embeddings.hybrid_retriever import RankedChunk

if TYPE_CHECKING:
    from bot.answering.structure_view import StructureView

# «درباره Y چه تصمیمی …» when no decision shares a word with Y; the passages hold the decisions.
NO_DECISION_ABOUT = "در این گزارش تصمیمی درباره «{topic}» نیامده است."
# Words of a topic that name the gathering, not a subject («درباره این جلسه»).
_GENERIC_TOPIC = frozenset(
    ("جلسه", "نشست", "همایش", "دیدار", "اجلاس", "مجمع", "موضوع", "مورد", "زمینه", "این", "آن")
)


def decisions_answer(
    view: StructureView,
    intent: Intent,
    question: str,
    docs: list[int],
    ranked: list[RankedChunk],
    terms_of: Callable[[str], list[str]],
) -> Answer | None:
    """The decision and proposal items of the first of `docs` that has any (those about
    the question's topic, when it names one), or a decline saying none is about it."""
    for doc in docs:
        structure = view.structures[doc]
        if not structure.decisions:
            continue
        # a headline that tells a decision («سود … تصویب شد») the body lists again
        heads = {structure.kicker, structure.headline}
        decisions = [d for d in structure.decisions if d.sentence not in heads]
        decisions = decisions or structure.decisions
        listed = [(d.sentence, item) for d in decisions for item in d.items]
        if intent.topic:
            # «درباره Y چه تصمیمی …»: the items that share a word with Y, when some do
            wanted = set(terms_of(intent.topic))
            # «درباره سرمربی» of an item that names him («… همکاری با ولیکوویچ …»)
            named = [
                p.surname
                for p in structure.people
                if p.surname and wanted & set(terms_of(" ".join([p.name, *p.roles])))
            ]
            about = [
                (n, i)
                for n, i in listed
                if wanted & set(terms_of(i)) or any(name in i for name in named)
            ]
            if not about and wanted - _GENERIC_TOPIC:
                note = NO_DECISION_ABOUT.format(topic=intent.topic)
                numbers = list(dict.fromkeys(n for n, _ in listed))
                return view._decline(question, "decisions", doc, note, numbers, ranked)
            listed = about or listed
        lines = [clip_line(item, MAX_ANSWER_CHARS) for _, item in listed]
        numbers = list(dict.fromkeys(n for n, _ in listed))
        return view._answer(question, "decisions", doc, lines, numbers, ranked)
    return None
