"""Who spoke first, last, or about Y, from the order and the words of a report's attributed
statements (`speaker_intents.py` reads the questions).

The first speaker is the speaker of the first attributed sentence of the body, the last one
of the last; a report that says so itself («آخرین سخنران جلسه بود») is answered in its own
words by retrieval instead. «چه کسی درباره Y صحبت کرد؟» lists the speakers of the statements
that share the most of Y's weighted words, each with that statement; a Y whose words the
report never uses is declined, and a Y no statement holds is left to retrieval (it may be
the narration's, not a speaker's).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.answering.intents import Intent
from bot.answering.speaker_intents import SAYS_FIRST, SAYS_LAST
from bot.answering.statement_topics import statements_sharing, topic_unheld
from bot.answering.structure_view import speaker_of
from bot.answering.summary import clip_line
from bot.answering.text_clipping import MAX_ANSWER_CHARS
from bot.answering.types import Answer
from embeddings.hybrid_retriever import RankedChunk
from embeddings.structure import lexicon as lx
from embeddings.structure.model import Attribution

if TYPE_CHECKING:
    from bot.answering.structured import StructuredAnswerer

NOBODY_ABOUT = "در این گزارش کسی درباره «{topic}» سخنی نگفته است."
# At most this many speakers are listed for «چه کسی درباره Y صحبت کرد؟».
MAX_SPEAKERS = 3


def speaker_answer(
    view: StructuredAnswerer,
    intent: Intent,
    question: str,
    doc: int,
    ranked: list[RankedChunk],
    terms_of: Callable[[str], list[str]],
    words_of: Callable[[str], list] | None = None,
) -> Answer | None:
    """The answer to a who-spoke question about document `doc`; None to fall back to
    retrieval."""
    structure = view.structures[doc]
    said = sorted(structure.attributions, key=lambda a: a.sentence)
    if not said:
        return None
    if intent.detail in ("first", "last"):
        says = SAYS_FIRST if intent.detail == "first" else SAYS_LAST
        if any(says.search(lx.fold(s)) for s in view.sentences(doc)):
            return None
        pick = said[0] if intent.detail == "first" else said[-1]
        return _listed(view, question, doc, [pick], ranked)
    first = view.first[doc]
    rows = view.data.sentences[first : first + view.counts[doc]]
    if words_of is not None and topic_unheld(
        words_of(intent.topic), [set(row["terms"]) for row in rows]
    ):
        note = NOBODY_ABOUT.format(topic=intent.topic)
        return view._decline(question, "person", doc, note, [], ranked)
    chosen = statements_sharing(
        said, intent.topic, lambda n: set(view.data.sentences[first + n]["terms"]), terms_of
    )
    if not chosen:
        return None
    return _listed(view, question, doc, chosen, ranked)


def _listed(
    view: StructuredAnswerer,
    question: str,
    doc: int,
    chosen: list[Attribution],
    ranked: list[RankedChunk],
) -> Answer:
    """Each speaker of `chosen` once (in the order given), with their first statement of it."""
    structure = view.structures[doc]
    firsts: dict[int, Attribution] = {}
    for attribution in chosen:
        firsts.setdefault(attribution.person, attribution)
    picked = list(firsts.values())[:MAX_SPEAKERS]
    lines = []
    for attribution in picked:
        person = structure.people[attribution.person]
        name = " ".join([*person.titles, person.name]) if person.name else person.label
        role = f"، {person.roles[0]}" if person.name and person.roles else ""
        statement = view.sentence(doc, attribution.sentence)
        if attribution.quote:  # the quoted words: the sentence would name the speaker again
            statement = statement[attribution.quote[0] : attribution.quote[1]]
        lines.append(clip_line(f"{name}{role}: {statement}", MAX_ANSWER_CHARS))
    numbers = sorted(a.sentence for a in picked)
    speaker = speaker_of(structure.people[picked[0].person]) if len(picked) == 1 else None
    return view._answer(question, "person", doc, lines, numbers, ranked, speaker)
