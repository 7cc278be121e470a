"""An extractive summary of one document: its lead, its most central statements, its decisions.

The headline comes first when it tells what the lead does not (a lead that only says a press
conference was held, a headline that says what was announced there).

Centrality is a sentence's mean cosine similarity to the document's other sentences (the
sentence vectors the index already stores). Every speaker gets their most central statement
first, so no voice of the report is left out; then what the meeting decided, one line of its
items (a summary of a meeting that leaves out its decisions leaves out its outcome); the rest
of the room goes to the most central remaining statements. Near-duplicates are dropped, lines
keep document order, and each statement line starts with its speaker.
"""

from __future__ import annotations

import re

import numpy as np

from bot.answering.quote_marks import paired_quote
from embeddings.structure.model import DocumentStructure

SUMMARY_LIMIT = 1000
LEAD_LIMIT = 400
LINE_LIMIT = 300
MIN_LINE = 120
NEAR_DUPLICATE = 0.95
# A summary holds at most this many statements, or one per speaker when there are more.
MAX_STATEMENTS = 3


def clip_line(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, «…» marking a cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip("،, ") + "…"


def _statement_text(structure: DocumentStructure, sentences: list[str], number: int) -> str:
    """One summary line: the sentence, or its quoted words after its speaker, without the
    marks of a quotation it only begins or ends."""
    return paired_quote(_spoken(structure, sentences, number))


def _spoken(structure: DocumentStructure, sentences: list[str], number: int) -> str:
    attribution = structure.attribution_of(number)
    sentence = sentences[number]
    if attribution is None:
        return sentence
    label = structure.people[attribution.person].label
    if attribution.quote:
        sentence = sentence[attribution.quote[0] : attribution.quote[1]]
    elif attribution.how == "name" or (attribution.how == "role" and label in sentence):
        return sentence  # it names its speaker itself («علی جهانگیری با بیان اینکه …»)
    return f"{label}: {sentence}"


def summarize(
    structure: DocumentStructure,
    sentences: list[str],
    vectors: np.ndarray,
    limit: int = SUMMARY_LIMIT,
) -> list[tuple[int, str]]:
    """(sentence number, line) pairs of the summary, in document order; [] for no text."""
    headings = {structure.kicker, structure.headline}
    body = [i for i in range(len(sentences)) if i not in headings]
    if not body:
        return []
    lead = structure.lead if structure.lead is not None else body[0]
    unit = vectors[body]
    similarity = unit @ unit.T
    centrality = dict(
        zip(body, ((similarity.sum(1) - 1.0) / max(1, len(body) - 1)).tolist(), strict=True)
    )
    spoken = [a.sentence for a in structure.attributions if a.sentence != lead]
    candidates = spoken or [i for i in body if i != lead]
    speakers = list(dict.fromkeys(a.person for a in structure.attributions))
    lead_line = clip_line(sentences[lead], LEAD_LIMIT)
    chosen: dict[int, str] = {lead: lead_line}
    headline = structure.headline
    if headline is not None and headline < lead and _tells_more(sentences[headline], lead_line):
        # «نشست خبری سخنگوی دولت … برگزار شد» leads; the news is in the headline
        chosen[headline] = "تیتر: " + clip_line(sentences[headline].strip(), LEAD_LIMIT)
    taken = sum(len(t) + 1 for t in chosen.values())
    decided = _decisions_line(structure, after=lead)
    # the decisions line gets its room before the speakers' lines share the rest
    room = limit - taken - (MIN_LINE + 1 if decided else 0)
    per_line = min(LINE_LIMIT, max(MIN_LINE, room // max(1, len(speakers) or 3) - 1))
    position = {s: k for k, s in enumerate(body)}
    most = max(MAX_STATEMENTS, len(speakers)) + len(chosen)

    def fits(number: int) -> bool:
        if number in chosen or len(chosen) >= most:
            return False
        row = similarity[position[number]]
        if any(row[position[c]] >= NEAR_DUPLICATE for c in chosen if c in position):
            return False
        line = clip_line(_statement_text(structure, sentences, number), per_line)
        if sum(len(t) + 1 for t in chosen.values()) + len(line) > limit:
            return False
        chosen[number] = line
        return True

    for person in speakers:
        own = [a.sentence for a in structure.statements_of(person) if a.sentence != lead]
        for number in sorted(own, key=lambda s: (-centrality[s], s)):
            if fits(number):
                break
    if decided is not None and decided[0] not in chosen:
        total = sum(len(t) + 1 for t in chosen.values())
        line = clip_line(decided[1], max(MIN_LINE, min(LINE_LIMIT, limit - total - 1)))
        if total + len(line) <= limit:
            chosen[decided[0]] = line
            most += 1
    for number in sorted(candidates, key=lambda s: (-centrality[s], s)):
        fits(number)
    return sorted(chosen.items())


def _decisions_line(structure: DocumentStructure, after: int) -> tuple[int, str] | None:
    """(announcing sentence, «مصوبات: A؛ B؛ C») of the decisions the body announces after the
    lead (a headline or lead that tells one is shown already), else of the proposals."""
    for kind, label in (("decision", "مصوبات"), ("proposal", "پیشنهادها")):
        found = [
            d for d in structure.decisions if d.kind == kind and d.items and d.sentence > after
        ]
        if found:
            items = [item for d in found for item in d.items]
            return found[0].sentence, f"{label}: " + "؛ ".join(items)
    return None


# A headline whose words the lead mostly holds tells nothing the lead does not.
HEADLINE_NEWS_SHARE = 0.5


def _tells_more(headline: str, lead: str) -> bool:
    """Whether fewer than half of the headline's words (of three letters or more) are in the
    lead: then the headline carries news the lead does not."""
    words = [w for w in re.findall(r"[\w\u200c]+", headline) if len(w) >= 3]
    if not words:
        return False
    held = sum(1 for w in words if w in lead)
    return held / len(words) < HEADLINE_NEWS_SHARE
