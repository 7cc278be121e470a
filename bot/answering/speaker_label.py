"""Naming the speaker beside an answer that starts with «وی», «او» or a bare role.

The quoted text is never edited: the speaker is shown next to it, by the renderers.
"""

from __future__ import annotations

from bot.answering.types import Answer
from embeddings.structure import lexicon as lx

SPEAKER_LINE = "گوینده: {speaker}"


def needs_speaker_label(text: str) -> bool:
    """True when the text opens with a pronoun or a role instead of a name."""
    words = lx.fold(text).split()
    if not words:
        return False
    first = words[0].strip("«»\"'():،,")
    if first in ("و", "همچنین") and len(words) > 1:
        first = words[1].strip("«»\"'():،,")
    return first in lx.PRONOUNS or first in lx.ROLE_HEADS or first in lx.GROUP_HEADS


def speaker_line(answer: Answer) -> str | None:
    """«گوینده: نام (سمت)» for a fact answer that opens with a pronoun or a bare role."""
    speaker = answer.speaker
    if speaker is None or answer.abstained or answer.kind != "fact":
        return None
    if not needs_speaker_label(answer.text):
        return None
    roles = [r for r in speaker.roles if r != speaker.name]
    shown = f"{speaker.name} ({roles[0]})" if roles else speaker.name
    return SPEAKER_LINE.format(speaker=shown)
