"""The top of a news report: kicker, headline, lead, and the sentences saying topic and chair.

Persian news puts a kicker (روتیتر, often the speaker: «استاندار آذربایجان شرقی:») above the
headline, both without closing punctuation, then a lead: the first sentence of the body, which
says what happened, when, where, chaired by whom («به ریاست …») and about what
(«با محوریت …»). A document whose sentences never close with punctuation has no telling
headline, and gets none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from embeddings.structure import lexicon as lx

_CLOSES = re.compile(r"[.!?؟…]['\"»)\]]*\s*$")
MAX_HEADLINE_CHARS = 160
MIN_LEAD_WORDS = 6
# The lead, topic and chair are looked for only this far into the body.
TOP_SENTENCES = 3


@dataclass(frozen=True)
class Top:
    """Sentence numbers of the parts of a report's top; None when absent."""

    kicker: int | None = None
    headline: int | None = None
    lead: int | None = None
    topic: int | None = None
    chair: int | None = None


def find_top(sentences: list[str]) -> Top:
    """Kicker, headline, lead, topic and chair sentences of a document."""
    if not any(_CLOSES.search(s) for s in sentences):
        return Top()
    heads: list[int] = []
    for number, sentence in enumerate(sentences[:2]):
        if _CLOSES.search(sentence) or len(sentence) > MAX_HEADLINE_CHARS:
            break
        heads.append(number)
    body = [i for i in range(len(heads), len(sentences))]
    lead = next((i for i in body if len(sentences[i].split()) >= MIN_LEAD_WORDS), None)
    kicker = heads[0] if len(heads) == 2 else None
    headline = heads[-1] if heads else None
    top = [] if lead is None else list(range(lead, min(len(sentences), lead + TOP_SENTENCES)))
    topic = next((i for i in top if lx.TOPIC_CUE.search(lx.fold(sentences[i]))), None)
    chair = next((i for i in top if lx.CHAIR_CUE.search(lx.fold(sentences[i]))), None)
    return Top(kicker, headline, lead, topic, chair)


# Where a topic phrase ends: the verb of holding the meeting, or where and when it was held.
_TOPIC_END = re.compile(
    r"\s+(?:(?:برگزار|تشکیل|انجام|آغاز|برپا)" + lx.SP + r"(?:شد|گردید|می|خواهد|شده|جلسه|نشست)|"
    r"در\s+(?:سالن|محل|تالار|ساختمان|دفتر)(?![\w\u200c])|با" + lx.SP + r"حضور)"
)
MIN_TOPIC_WORDS = 2


def topic_phrase(sentence: str) -> str | None:
    """What a topic sentence says the meeting was about («با محوریت X برگزار شد» → X);
    None when the phrase can't be told apart from the sentence."""
    folded = lx.fold(sentence)
    cue = lx.TOPIC_CUE.search(folded)
    if cue is None:
        return None
    end = _TOPIC_END.search(folded, cue.end())
    phrase = sentence[cue.end() : end.start() if end else len(sentence)]
    phrase = re.sub(r"^[\s،,:]+|[\s،,.؛;!؟?]+$", "", phrase)
    words = phrase.split()
    return phrase if MIN_TOPIC_WORDS <= len(words) < len(sentence.split()) else None
