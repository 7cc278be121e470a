"""Which sentences around the best-matching one make the answer: its better neighbour when
both fit, or the neighbour that names the person asked for."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.answering.person_names import names_person
from bot.answering.text_clipping import MAX_ANSWER_CHARS

CLOSES_SENTENCE = re.compile(r"[.!?؟…:]['\"»)\]]*\s*$")
# A numbered or bulleted item of a list («۲. جذب ۱۲۰ عضو هیئت علمی …»).
_LIST_ITEM = re.compile(r"\s*(?:[-*•]|[0-9۰-۹]{1,3}\s*[.)\-])\s")


def _with_neighbour(sentences, text_of, top: int, scores: dict[int, float]) -> tuple[int, int]:
    """Adds the better-scoring adjacent sentence when both fit in one answer.

    The sentence that matches the question best often names the topic while its
    neighbour holds the fact (a name, a reason, a list); on the development set adding
    the neighbour found the answer far more often than the best sentence alone.
    """
    own = sentences[top]
    options = []
    for neighbour in (top - 1, top + 1):
        if neighbour not in scores:
            continue
        other = sentences[neighbour]
        span = max(own["end"], other["end"]) - min(own["start"], other["start"])
        # A heading (no closing punctuation) beside the answer adds nothing to it; nor does
        # the next item of a list, which tells another thing (its date is not this one's).
        is_heading = not CLOSES_SENTENCE.search(text_of(neighbour))
        items = _LIST_ITEM.match(text_of(top)) and _LIST_ITEM.match(text_of(neighbour))
        if other["doc"] == own["doc"] and span <= MAX_ANSWER_CHARS and not is_heading and not items:
            options.append((scores[neighbour], -neighbour, neighbour))
    if not options:
        return top, top
    neighbour = max(options)[2]
    return min(top, neighbour), max(top, neighbour)


def _named_neighbour(sentences, text_of, top: int, scores: dict[int, float]) -> int | None:
    """The adjacent sentence that names someone, when `top` itself names no one.

    News reports introduce a speaker by role in one sentence and by name in the next
    («معاون … گفت: …» then «علی جهانگیری … اظهار داشت …»): asked for the name, the
    role sentence matches the question best but the neighbour holds the answer.
    """
    if names_person(text_of(top)):
        return None
    doc = sentences[top]["doc"]
    named = [
        n
        for n in (top - 1, top + 1)
        if n in scores and sentences[n]["doc"] == doc and names_person(text_of(n))
    ]
    return max(named, key=lambda n: (scores[n], -n)) if named else None


def answer_sentences(
    sentences, text_of: Callable[[int], str], top: int, scores: dict[int, float], kind: str | None
) -> tuple[int, int]:
    """First and last sentence of the answer around the best sentence `top`."""
    named = _named_neighbour(sentences, text_of, top, scores) if kind == "person_name" else None
    if named is None:
        return _with_neighbour(sentences, text_of, top, scores)
    first, last = min(top, named), max(top, named)
    if sentences[last]["end"] - sentences[first]["start"] <= MAX_ANSWER_CHARS:
        return first, last
    # Both do not fit: the name is what was asked; the passage shown gives the context.
    return named, named
