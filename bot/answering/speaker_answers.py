"""Who spoke first, last, or about Y, from the order and the words of a report's attributed
statements (`speaker_intents.py` reads the questions).

The first speaker is the speaker of the first attributed sentence of the body, the last one
of the last; a report that says so itself («آخرین سخنران جلسه بود») is answered in its own
words by retrieval instead. «چه کسی درباره Y صحبت کرد؟» lists the speakers whose
statements are about Y (`speaker_topics.py`: Y's words, or Y's meaning when no statement
holds most of its words), each with their roles and up to two of those statements, in
document order; nobody's is declined, and a Y only the narration words, or an English Y
nothing stands out for, is left to retrieval.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from bot.answering.intents import Intent
from bot.answering.quote_marks import paired_quotes
from bot.answering.speaker_intents import SAYS_FIRST, SAYS_LAST
from bot.answering.speaker_topics import statements_on
from bot.answering.statement_topics import report_presence, topic_unheld
from bot.answering.structure_view import distinct_roles, speaker_of
from bot.answering.summary import clip_line
from bot.answering.text_clipping import MAX_ANSWER_CHARS
from bot.answering.topic_words import TopicWords, shown_statement
from bot.answering.types import Answer
from embeddings.hybrid_retriever import RankedChunk
from embeddings.structure import lexicon as lx
from embeddings.structure.model import Attribution, Person

if TYPE_CHECKING:
    from bot.answering.structured import StructuredAnswerer

NOBODY_ABOUT = "در این گزارش کسی درباره «{topic}» سخنی نگفته است."
# At most this many speakers are listed for «چه کسی درباره Y صحبت کرد؟», each with at most
# this many of their statements about Y and this many of their roles.
MAX_SPEAKERS = 3
MAX_STATEMENTS = 2
MAX_ROLES = 2
_LATIN = re.compile(r"[A-Za-z]")


def speaker_answer(
    view: StructuredAnswerer,
    intent: Intent,
    question: str,
    doc: int,
    ranked: list[RankedChunk],
    terms_of: Callable[[str], list[str]],
    words_of: Callable[[str], list] | None = None,
    vector_of: Callable[[str], np.ndarray] | None = None,
) -> Answer | None:
    """The answer to a who-spoke question about document `doc`; None to fall back to
    retrieval. `vector_of` embeds Y as a query: Y worded otherwise or in English is then
    matched to statements by meaning (`speaker_topics.py`)."""
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
    first, count = view.first[doc], view.counts[doc]
    rows = view.data.sentences[first : first + count]
    latin = bool(_LATIN.search(intent.topic))
    if (
        words_of is not None
        and not latin
        and vector_of is None
        and topic_unheld(
            report_presence(words_of(intent.topic), [set(row["terms"]) for row in rows])
        )
    ):
        note = NOBODY_ABOUT.format(topic=intent.topic)
        return view._decline(question, "person", doc, note, [], ranked)
    found = statements_on(
        said,
        intent.topic,
        lambda n: set(rows[n]["terms"]),
        terms_of,
        count,
        None if vector_of is None else view.data.sentence_vectors[first : first + count],
        None if vector_of is None else vector_of(intent.topic),
    )
    # an English Y can't be read in the statements' words and the model sets it apart from
    # them less: nothing standing out is no proof that nobody spoke of it, retrieval answers
    if found.how == "narration" or (found.how == "nobody" and (vector_of is None or latin)):
        return None
    if not found.chosen:
        note = NOBODY_ABOUT.format(topic=intent.topic)
        return view._decline(question, "person", doc, note, [], ranked)
    topic = TopicWords(intent.topic, terms_of)
    return _listed(view, question, doc, found.chosen, ranked, MAX_STATEMENTS, topic)


def _listed(
    view: StructuredAnswerer,
    question: str,
    doc: int,
    chosen: list[Attribution],
    ranked: list[RankedChunk],
    per_speaker: int = 1,
    topic: TopicWords | None = None,
) -> Answer:
    """The speakers of `chosen` (the first `MAX_SPEAKERS` in the order given), each named once
    with their roles, then up to `per_speaker` of their statements of it; speakers and
    statements in document order. `topic` (Y's words): a statement whose sentence holds more
    of Y than its quote is shown whole (`shown_statement`)."""
    answer = _listed_once(view, question, doc, chosen, ranked, per_speaker, topic)
    if answer.answer_truncated and per_speaker > 1:
        # every speaker with one statement says more of who spoke than two of the first ones
        return _listed_once(view, question, doc, chosen, ranked, 1, topic)
    return answer


def _listed_once(
    view: StructuredAnswerer,
    question: str,
    doc: int,
    chosen: list[Attribution],
    ranked: list[RankedChunk],
    per_speaker: int,
    topic: TopicWords | None,
) -> Answer:
    structure = view.structures[doc]
    kept: dict[int, list[Attribution]] = {}
    for attribution in chosen:
        if attribution.person not in kept and len(kept) == MAX_SPEAKERS:
            continue
        mine = kept.setdefault(attribution.person, [])
        if len(mine) < per_speaker:
            mine.append(attribution)
    lines = []
    picked = sorted(kept.values(), key=lambda mine: min(a.sentence for a in mine))
    for mine in picked:
        person = structure.people[mine[0].person]
        name = " ".join([*person.titles, person.name]) if person.name else person.label
        roles = "، ".join(distinct_roles(person.roles)[:MAX_ROLES]) if person.name else ""
        label = f"{name}، {roles}" if roles else name
        statements = []
        for attribution in sorted(mine, key=lambda a: a.sentence):
            sentence = view.sentence(doc, attribution.sentence)
            statements.append(shown_statement(sentence, attribution.quote, topic))
        numbers = sorted(a.sentence for a in mine)
        for n, statement in enumerate(paired_quotes(statements, numbers)):
            # a sentence that opens with the label itself («نماینده سازمان … نیز در این جلسه
            # …») or names its speaker in full says who spoke: «label: label …» would say it twice
            named = statement.startswith(label) or _names(person, statement)
            line = f"{label}: {statement}" if n == 0 and not named else statement
            lines.append(clip_line(line, MAX_ANSWER_CHARS))
    numbers = sorted(a.sentence for mine in picked for a in mine)
    only = structure.people[picked[0][0].person]
    speaker = speaker_of(only) if len(picked) == 1 else None
    return view._answer(question, "person", doc, lines, numbers, ranked, speaker)


def _names(person: Person, sentence: str) -> bool:
    """A whole sentence that names its speaker in full («فرهاد کاظمی، نماینده …، معتقد است
    …»), or by the role that is all the text calls them: labelled again it would read «X: X …».
    The quoted words after «گفت:» never name them."""
    if person.name:
        return bool(person.given) and person.name in sentence
    return person.label in sentence
