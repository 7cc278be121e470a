"""Which of a speaker's statements «X درباره Y چه گفت؟» asks for.

Those sharing lexical terms (lemmas or stems) with Y, a term weighing less the more of the
report's statements hold it, at least half as much as the best of them; and the one nearest
the question's vector: Y may be worded otherwise in the statement (a synonym, a paraphrase
the lemmas don't join, «تأمین پول» for «هزینه … را پرداخت کرده است»). An interview
answer's further lines go with its chosen first line, and an answer at a press conference
holds the terms of the question asked right before it.

When another speaker's statement shares more of Y's terms than any of X's, and none of X's
shares them all (nor two of X's statements close together), the report has Y in someone
else's words: X did not speak about it, and
the vector-nearest of X's statements would be an answer about something else. Then no
statement is chosen, and the caller declines.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np

from bot.answering.decisive_words import ATTRIBUTE_HEADS, MONEY_WORDS
from bot.answering.topic_words import TopicWords
from bot.answering.word_presence import WordPresence, word_presence
from embeddings.structure import lexicon as lx
from embeddings.structure.model import Attribution, DocumentStructure, Person

# Share of Y's weight (IDF over the report's sentences) in words the report never uses (two
# or more of them), above which X can't have spoken about Y in this report.
UNHELD_TOPIC_SHARE = 0.5
# A statement sharing less than this share of the best one's weighted overlap with Y is left
# out: it shares only words most statements hold.
KEEP_SHARE = 0.5
# Share of Y's weight a statement's words must exceed for Y to be "in its words": less (one
# common word of several: «جاده» of «کشته‌های جاده‌ای») and Y is matched by meaning instead.
HELD_SHARE = 0.5
# Margin (`topic_margins`) of the nearest of X's statements to Y below which X, sharing no
# word with Y, did not speak about Y: between the highest untouched topic (0.012) and the
# lowest paraphrase (0.019) of topics9-*'s Persian questions (README, issue 8 ninth round).
NEAR_TOPIC = 0.015
# The same for Y in English: the untouched «tourism» −0.005, the paraphrases 0.0055 and up.
NEAR_ENGLISH_TOPIC = 0.0
# How far apart (in sentences) two of X's statements may hold Y's words between them.
PAIRED_REACH = 2
# A sentence that asks: a journalist's question at a press conference («… پرسید چرا …»).
_ASKS = re.compile(r"پرسید|پرسش|سؤال|سوال|[؟?]\s*$")


def with_question_terms(
    terms_of_sentence: Callable[[int], set[str]],
    text_of: Callable[[int], str],
    attributed: set[int],
) -> Callable[[int], set[str]]:
    """Terms of a sentence, and of the question right before it when nobody is quoted there:
    an answer at a press conference is about what it answers («خبرنگاری از گران شدن قبض‌ها
    پرسید» then «مدیرعامل گفت: تعرفه … تغییری نکرده»), though it may not repeat the words."""

    def terms(number: int) -> set[str]:
        own = terms_of_sentence(number)
        before = number - 1
        if before >= 0 and before not in attributed and _ASKS.search(lx.fold(text_of(before))):
            return own | terms_of_sentence(before)
        return own

    return terms


def others_than(structure: DocumentStructure, index: int) -> list[Attribution]:
    """The attributions of the speakers who are surely not person `index`: a role-only
    speaker whose role has the head of one of X's roles, or who meets a named X with no
    role, may be X named another way («مدیرعامل قطار شهری» / «مهندس کاوه بهرامی، مدیرعامل
    شرکت قطار شهری مشهد»), and a decline would then deny what X said."""
    person = structure.people[index]
    return [
        a
        for a in structure.attributions
        if a.person != index and not _may_be_one(person, structure.people[a.person])
    ]


def _may_be_one(a: Person, b: Person) -> bool:
    if a.name and b.name:
        return False
    if not a.roles or not b.roles:
        return True
    return bool({lx.head_of(r) for r in a.roles} & {lx.head_of(r) for r in b.roles})


def report_presence(words: list, sentence_terms: list[set[str]]) -> WordPresence:
    """Which of Y's words (`QuestionWord`s, spoken forms in their written form) the report's
    sentences (their lexical terms) hold, even one typo off, each weighed by its IDF over the
    report: a rare word absent counts for more than a common word present."""
    counts = _term_counts(sentence_terms)
    idf = _idf(counts, len(sentence_terms))
    return word_presence(words, idf, counts.__contains__, stems=False)


def topic_unheld(presence: WordPresence) -> bool:
    """Whether most of Y is in words that no sentence of the report holds (`presence`, from
    `report_presence`): «امیری درباره پخش فیلم در نمایش خانگی چه گفت؟» of a film interview
    that never mentions «پخش», «نمایش» or «خانگی». Shared words («فیلم») then match every
    statement and the answer would be about something else."""
    unheld = presence.missing + presence.missing_verbs
    # One word the report lacks may be Y worded otherwise («هزینه» for its «بودجه»).
    return len(unheld) >= 2 and presence.share(unheld) > UNHELD_TOPIC_SHARE


def head_unheld(words: list, presence: WordPresence, spoken: set[str]) -> bool:
    """Whether Y asks for an attribute (`ATTRIBUTE_HEADS`) that no sentence of the report
    holds, even one typo off. A Persian noun phrase puts its head first: «قیمت برنج» asks for
    a price. Of a report where she speaks of rice and nobody of its price, her statement
    about rice shares «برنج» and would be shown as what she said about its price. The model
    sets such a statement as near Y, and near the attribute alone, as it sets a paraphrase of
    Y («برف‌روبی» for «پاکسازی برف»): only the words tell, so the rule is kept to these nouns.

    Args:
        words: Y's words (`QuestionWord`s, spoken forms in their written form).
        presence: Which of them the report holds (`report_presence`).
        spoken: The lexical terms of X's statements (see `MONEY_WORDS`).
    """
    if len(words) < 2:
        return False
    head = {lx.fold(words[0].text), *words[0].terms}
    if not ATTRIBUTE_HEADS & head:
        return False
    if MONEY_WORDS & head:
        return not MONEY_WORDS & spoken
    return 0 in presence.missing


def _term_counts(sentence_terms: list[set[str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for terms in sentence_terms:
        for term in terms:
            counts[term] = counts.get(term, 0) + 1
    return counts


def report_idf(sentence_terms: list[set[str]]) -> Callable[[str], float]:
    """A term's IDF over the report's sentences: a rare word weighs more than a common one."""
    return _idf(_term_counts(sentence_terms), len(sentence_terms))


def _idf(counts: dict[str, int], size: int) -> Callable[[str], float]:
    return lambda term: math.log(1 + (size + 1) / (counts.get(term, 0) + 0.5))


def topic_margins(
    own_vectors: np.ndarray, report_vectors: np.ndarray, topic_vector: np.ndarray
) -> np.ndarray:
    """How much nearer Y (embedded as a query) each of X's statements is than the report's
    median sentence. The model's cosines crowd into 0.78–0.89 whatever the pair; the margin
    over the report's own median says whether a statement stands out for Y."""
    return own_vectors @ topic_vector - float(np.median(report_vectors @ topic_vector))


def near_topic(margins: np.ndarray | None, english: bool = False) -> bool:
    """Whether one of X's statements is near Y in meaning (see `topic_margins`); True when
    there are no margins. An English Y is held to a lower bar: across languages the model
    sets a paraphrase less apart."""
    if margins is None:
        return True
    return float(margins.max()) >= (NEAR_ENGLISH_TOPIC if english else NEAR_TOPIC)


def statements_about(
    said: list[Attribution],
    others: list[Attribution],
    topic: str,
    terms_of_sentence: Callable[[int], set[str]],
    vectors: np.ndarray,
    vector: np.ndarray,
    terms_of: Callable[[str], list[str]],
    margins: np.ndarray | None = None,
    english: bool = False,
) -> list[Attribution]:
    """The statements of `said` about `topic`, in document order.

    Returns [] when X did not speak about Y (see the module docstring).

    Args:
        said: One speaker's attributions, in document order (at least one).
        others: The attributions of the document's other speakers.
        topic: Y, as the question words it.
        terms_of_sentence: The stored lexical terms of a sentence of the document.
        vectors: The stored vectors of the sentences of `said`, row by row.
        vector: The question's vector.
        terms_of: Lexical terms of a text, as the index computes them.
        margins: `topic_margins` of X's statements, or None: when none of them shares a
            word with Y, X spoke about Y only if one is near it in meaning, and those that
            stand out (the nearest at least) are the answer.
        english: Whether Y is in English (see `near_topic`).
    """
    topic_words = TopicWords(topic, terms_of)
    own = [topic_words.matched(terms_of_sentence(a.sentence)) for a in said]
    theirs = max(
        (len(topic_words.matched(terms_of_sentence(a.sentence))) for a in others), default=0
    )
    best_own = max(len(m) for m in own)
    everyone = own + [topic_words.matched(terms_of_sentence(a.sentence)) for a in others]
    weights = topic_words.weights(everyone)
    # Y in another speaker's words declines only when they carry most of Y: one shared common
    # word («سبز» of «فضای سبز» in «کمربند سبز») says nothing about who spoke of Y
    theirs_share = max((topic_words.share(m, weights) for m in everyone[len(own) :]), default=0)
    # «صالحی‌نیا درباره پیمانکار غذا چه گفت؟»: «غذا» in one sentence, «پیمانکار» in the next
    # of X's (one more of X's may stand between) is Y in X's words too
    paired = max(
        len(
            set().union(
                *(
                    own[k]
                    for k in range(n, len(own))
                    if said[k].sentence - said[n].sentence <= PAIRED_REACH
                )
            )
        )
        for n in range(len(own))
    )
    covered = max(best_own, paired)
    if covered < theirs and covered < topic_words.count and theirs_share > HELD_SHARE:
        return []
    scores = [sum(weights[w] for w in m) for m in own]
    best = max(scores)
    chosen = {n for n, score in enumerate(scores) if score > 0 and score >= KEEP_SHARE * best}
    if margins is not None and best_own == 0:
        if not near_topic(margins, english):
            return []
        chosen.add(int(np.argmax(margins)))
        # every statement that stands out is about Y: the model may set a neighbour of Y
        # («شناورها» for «قایق‌ها») nearer than the statement that words Y otherwise
        chosen |= {n for n, margin in enumerate(margins) if margin >= NEAR_TOPIC}
        if english:  # across languages the nearest may miss: all nearer than the median
            chosen |= {n for n, margin in enumerate(margins) if margin > 0}
    if best_own < topic_words.count or not chosen:
        # Y's words held in part: the statement nearest the question may word the rest
        # otherwise. When one statement holds them all, the nearest is only another of X's.
        chosen.add(int(np.argmax(vectors @ vector)))
    for n in range(1, len(said)):
        if n - 1 in chosen and said[n].how == "answer":
            chosen.add(n)
    return [a for n, a in enumerate(said) if n in chosen]


def statements_sharing(
    said: list[Attribution], matched: list[set[int]], weights: dict[int, float]
) -> list[Attribution]:
    """The statements, of any speaker, about Y of «چه کسی درباره Y صحبت کرد؟», best first:
    those with at least `KEEP_SHARE` of the best weighted overlap with Y (`matched`: the words
    of Y each statement holds; `weights`: a word weighing less the more statements hold it);
    [] when none holds a word of Y."""
    scores = [sum(weights[w] for w in m) for m in matched]
    best = max(scores, default=0.0)
    if best <= 0:
        return []
    order = sorted(range(len(said)), key=lambda n: (-scores[n], said[n].sentence))
    return [said[n] for n in order if scores[n] >= KEEP_SHARE * best]
