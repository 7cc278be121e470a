"""«X چه گفت؟» and «X درباره Y چه گفت؟»: a speaker's statements from the document's structure,
or a decline that says why there are none (nothing quoted, nothing about Y, Y's words nowhere in
the report) and shows what X did say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from bot.answering.intents import Intent
from bot.answering.quote_marks import paired_quotes
from bot.answering.statement_topics import (
    HELD_SHARE,
    head_unheld,
    near_topic,
    others_than,
    report_idf,
    report_presence,
    statements_about,
    topic_margins,
    topic_unheld,
    with_question_terms,
)
from bot.answering.structure_view import speaker_of
from bot.answering.summary import clip_line
from bot.answering.text_clipping import MAX_ANSWER_CHARS
from bot.answering.topic_words import TopicWords, shown_statement
from bot.answering.types import Answer
from bot.answering.word_presence import held_share
from embeddings.hybrid_retriever import RankedChunk
from embeddings.structure import lexicon as lx
from embeddings.structure.model import Attribution, Person

if TYPE_CHECKING:
    from bot.answering.structured import StructuredAnswerer

_LATIN = re.compile(r"[A-Za-z]")
NO_STATEMENTS = "متن سخنی از {name} نقل نکرده است."
NOT_ABOUT = "{name} در این گزارش درباره {topic} چیزی نگفته است."
# Y's words are nowhere in the report. True as said; the passages (Telegram's button, JSON)
# hold what X did say, for a Y worded otherwise («منابع مالی» for «هزینه … را پرداخت کرده است»).
UNHELD = "در سخنان {name} در این گزارش از «{topic}» سخنی نیامده است."
# Y's head is nowhere in the report, its other words are: what X said nearest the question is
# shown, marked as not the answer («قیمت برنج» asked, rice without its price said).
HEAD_UNHELD = (
    "در سخنان {name} در این گزارش از «{head}» سخنی نیامده است؛ نزدیک‌ترین سخن او: {nearest}"
)


def statements_answer(
    view: StructuredAnswerer,
    intent: Intent,
    question: str,
    doc: int,
    index: int,
    ranked: list[RankedChunk],
    vector: np.ndarray,
    terms_of: Callable[[str], list[str]],
    words_of: Callable[[str], list] | None = None,
    vector_of: Callable[[str], np.ndarray] | None = None,
) -> Answer:
    """X's statements, one a line in document order (those about Y when the question names
    Y), or a decline saying why there are none. `vector_of` embeds Y as a query: Y worded
    otherwise or in English is then matched to a statement by meaning."""
    structure = view.structures[doc]
    person = structure.people[index]
    said = structure.statements_of(index)
    if not said:
        told = _relayed(view, doc, person)
        wanted = set(terms_of(intent.topic)) if intent.topic else set()
        relayed = [(n, t) for n, t in told if not wanted or wanted & set(terms_of(t))]
        if relayed:
            # «به گفته وزیر نیرو، …» inside the spokeswoman's words: what X said, as told
            lines = [clip_line(text, MAX_ANSWER_CHARS) for _, text in relayed]
            numbers = [n for n, _ in relayed]
            return view._answer(
                question, "statements", doc, lines, numbers, ranked, speaker_of(person)
            )
        note = NO_STATEMENTS.format(name=person.label)
        if told:  # relayed words, none about Y
            note = NOT_ABOUT.format(name=person.label, topic=intent.topic)
        return view._decline(
            question, "statements", doc, note, person.evidence[:1], ranked, speaker_of(person)
        )
    if intent.topic:
        first, count = view.first[doc], view.counts[doc]
        said_before = said
        rows = view.data.sentences[first : first + count]
        latin = bool(_LATIN.search(intent.topic))
        topic_words = None if latin or words_of is None else words_of(intent.topic)
        own_vectors = view.data.sentence_vectors[[first + a.sentence for a in said]]
        others = others_than(structure, index)
        # Y's words in X's statements, or in a sentence nobody is quoted in («به اعتقاد
        # دادستان ساری، …» may be X's): the lexical match alone chooses (as before)
        taken = {a.sentence for a in others}
        own_terms = {t for n in range(count) if n not in taken for t in rows[n]["terms"]}
        spoken = {t for a in said for t in rows[a.sentence]["terms"]}
        # held: most of Y's weight, not one common word of it («جاده» of «مرگ و میر در
        # جاده‌ها» in every speaker's sentences), else Y's meaning decides
        sentence_terms = [set(row["terms"]) for row in rows]
        idf = report_idf(sentence_terms)
        held = topic_words is not None and held_share(topic_words, own_terms, idf) > HELD_SHARE
        # Y held in the report's own words (a decisions list) but in none of X's: X's
        # meaning decides, as when nobody's words hold it
        own_held = held and held_share(topic_words, spoken, idf) > HELD_SHARE
        presence = None if topic_words is None else report_presence(topic_words, sentence_terms)
        unheld = presence is not None and topic_unheld(presence)
        head = presence is not None and not unheld and head_unheld(topic_words, presence, spoken)
        # Y is embedded only where its meaning decides: not when its words are X's
        margins = None
        if vector_of is not None and (unheld or not own_held):
            report_vectors = view.data.sentence_vectors[first : first + count]
            margins = topic_margins(own_vectors, report_vectors, vector_of(intent.topic))
        if head or (unheld and not near_topic(margins)):
            note = UNHELD.format(name=person.label, topic=intent.topic)
            if head:
                nearest = said[int(np.argmax(own_vectors @ vector if margins is None else margins))]
                shown = shown_statement(view.sentence(doc, nearest.sentence), nearest.quote, None)
                note = HEAD_UNHELD.format(
                    name=person.label, head=topic_words[0].text, nearest=clip_line(shown, 240)
                )
            numbers = [a.sentence for a in said]
            return view._decline(
                question, "statements", doc, note, numbers, ranked, speaker_of(person)
            )
        said = statements_about(
            said,
            others,
            intent.topic,
            with_question_terms(
                lambda n: set(view.data.sentences[first + n]["terms"]),
                lambda n: view.sentence(doc, n),
                {a.sentence for a in structure.attributions},
            ),
            own_vectors,
            vector,
            terms_of,
            None if own_held else margins,
            latin,
        )
        if not said:
            note = NOT_ABOUT.format(name=person.label, topic=intent.topic)
            numbers = [a.sentence for a in said_before]
            return view._decline(
                question, "statements", doc, note, numbers, ranked, speaker_of(person)
            )
    topic_words = TopicWords(intent.topic, terms_of) if intent.topic else None
    if topic_words is not None:
        said = _announced_runs(said, structure.statements_of(index), topic_words, view, doc)
    lines = []
    for attribution in said:
        sentence = view.sentence(doc, attribution.sentence)
        lines.append(shown_statement(sentence, attribution.quote, topic_words))
    numbers = [a.sentence for a in said]
    lines = [clip_line(line, MAX_ANSWER_CHARS) for line in paired_quotes(lines, numbers)]
    return view._answer(question, "statements", doc, lines, numbers, ranked, speaker_of(person))


# «به گفته X، …», «به نقل از X، …»: what X said, told by whoever speaks.
_RELAY = re.compile(lx.RELAYED_BY + r"\s+")
# How far after «به گفته» X's name or role may start («به گفته وزیر نیرو، مهندس …»).
_RELAY_REACH = 40


# «با یادآوری اینکه دکتر رحیمی‌زاده … کمبود اعتبار را مانع اصلی عنوان کرده است، …»: what X
# had said, retold inside another's sentence, up to its verb of saying.
_RETOLD = re.compile(
    r"اینکه\s+(?P<clause>[^؛:.]{4,220}?(?:گفته|عنوان[\s\u200c]+کرده|اعلام[\s\u200c]+کرده|"
    r"اظهار[\s\u200c]+کرده|ت[أا]کید[\s\u200c]+کرده|وعده[\s\u200c]+داده)[\s\u200c]*(?:است|بود))"
)


def _relayed(view: StructuredAnswerer, doc: int, person: Person) -> list[tuple[int, str]]:
    """(sentence number, X's words as told) of each sentence that relays what the person
    said: from «به گفته X» on, or the clause «اینکه X … گفته است» retells."""
    forms = [f for f in (person.surname, *person.roles) if f]
    if not forms:
        return []
    found = []
    for number in range(view.counts[doc]):
        sentence = view.sentence(doc, number)
        for relay in _RELAY.finditer(sentence):
            window = sentence[relay.end() : relay.end() + _RELAY_REACH + max(map(len, forms))]
            if any(0 <= window.find(f) <= _RELAY_REACH for f in forms):
                found.append((number, sentence[relay.start() :].strip()))
                break
        else:
            retold = _RETOLD.search(sentence)
            if retold and any(0 <= retold["clause"].find(f) <= _RELAY_REACH for f in forms):
                found.append((number, retold["clause"].strip()))
    return found


# Statements that go on from one announcing Y («با اعلام آخرین آمار امدادرسانی گفت: …», then
# «وی ادامه داد: …») are about Y too, up to this many.
MAX_ANNOUNCED = 3


def _announced_runs(
    chosen: list[Attribution],
    said: list[Attribution],
    topic: TopicWords,
    view: StructuredAnswerer,
    doc: int,
) -> list[Attribution]:
    """`chosen`, with the statements right after one whose words before its quote name Y:
    the speaker announced Y, and what follows without a break is the report on it."""
    taken = {a.sentence for a in chosen}
    for a in chosen:
        sentence = view.sentence(doc, a.sentence)
        if not a.quote or not topic.in_text(sentence[: a.quote[0]]):
            continue
        after = [b for b in said if b.sentence > a.sentence]
        for step, b in enumerate(after[:MAX_ANNOUNCED], start=1):
            if b.sentence != a.sentence + step:
                break
            taken.add(b.sentence)
    return [a for a in said if a.sentence in taken]
