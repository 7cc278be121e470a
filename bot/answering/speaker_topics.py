"""Which statements «چه کسی درباره Y صحبت کرد؟» (and «Who talked about Y?») is answered with.

Y's words first: when a statement holds most of Y's weight (a word weighing less the more
statements hold it), the statements sharing the most of it are the answer. One common word of
several («جاده» of «کشته‌های جاده‌ای», «شهری» of «پسماند شهری») says nothing about who spoke of
Y, and Y worded otherwise («معوقات پرسنل» for «حقوق … عقب افتاده») or in English holds none:
then Y is embedded as a query, as for «X درباره Y چه گفت؟» (`statement_topics.topic_margins`),
and the statements that stand out over the report's median sentence are the answer. With
nothing standing out, a sentence nobody is quoted in that holds most of Y leaves the question
to retrieval (the narration may say who spoke of it), and otherwise nobody spoke about Y.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from bot.answering.statement_topics import HELD_SHARE, statements_sharing, topic_margins
from bot.answering.topic_words import TopicWords
from embeddings.structure.model import Attribution

# Margin over the report's median sentence that a statement must reach to be about Y when
# none holds Y's words. Higher than one speaker's bar (`statement_topics.NEAR_TOPIC`, 0.015):
# here the best of every speaker's statements is taken, and the best of more statements
# stands out more by chance. Fitted on topics10-*'s questions: topics nobody spoke about
# 0.008–0.021 (two the model sets near another subject, «بلیت هواپیما» by a rescue
# helicopter's flights 0.035 and «قطارهای مسافری» by a passenger bus fleet 0.045, are not
# told apart), paraphrases and English 0.023 and up but for «road tolls» (0.015).
WHO_NEAR_TOPIC = 0.022


@dataclass(frozen=True)
class SpeakerTopic:
    """The statements about Y (best first) and how they were found: "words" (Y's words),
    "meaning" (Y embedded), "narration" (none, but a sentence nobody is quoted in holds Y's
    words: retrieval) or "nobody"."""

    chosen: list[Attribution]
    how: str


def statements_on(
    said: list[Attribution],
    topic: str,
    terms_of_sentence: Callable[[int], set[str]],
    terms_of: Callable[[str], list[str]],
    count: int,
    vectors: np.ndarray | None = None,
    topic_vector: np.ndarray | None = None,
) -> SpeakerTopic:
    """The statements of `said` about `topic` (see the module docstring).

    Args:
        said: The document's attributions, in document order (at least one).
        topic: Y, as the question words it.
        terms_of_sentence: The stored lexical terms of a sentence of the document.
        terms_of: Lexical terms of a text, as the index computes them.
        count: How many sentences the document has.
        vectors: The stored vectors of the document's sentences, row by row; with
            `topic_vector` (Y embedded as a query), Y is matched by meaning when no
            statement holds most of its words. Without them, any share of Y's words counts.
    """
    topic_words = TopicWords(topic, terms_of)
    matched = [topic_words.matched(terms_of_sentence(a.sentence)) for a in said]
    weights = topic_words.weights(matched)
    best_share = max((topic_words.share(m, weights) for m in matched), default=0.0)
    if best_share > HELD_SHARE or vectors is None or topic_vector is None:
        chosen = statements_sharing(said, matched, weights)
        return SpeakerTopic(chosen, "words" if chosen else "nobody")
    own = vectors[[a.sentence for a in said]]
    margins = topic_margins(own, vectors, topic_vector)
    order = sorted(range(len(said)), key=lambda n: (-margins[n], said[n].sentence))
    chosen = [said[n] for n in order if margins[n] >= WHO_NEAR_TOPIC]
    if chosen:
        return SpeakerTopic(chosen, "meaning")
    quoted = {a.sentence for a in said}
    narration = [topic_words.matched(terms_of_sentence(n)) for n in range(count) if n not in quoted]
    if any(topic_words.share(m, weights) > HELD_SHARE for m in narration):
        return SpeakerTopic([], "narration")
    return SpeakerTopic([], "nobody")
