"""Which of a speaker's statements «X درباره Y چه گفت؟» asks for.

Those sharing lexical terms (lemmas or stems) with Y, a term weighing less the more of the
report's statements hold it, at least half as much as the best of them; and the one nearest
the question's vector: Y may be worded otherwise in the statement (a synonym, a paraphrase
the lemmas don't join, «تأمین پول» for «هزینه … را پرداخت کرده است»). An interview
answer's further lines go with its chosen first line, and an answer at a press conference
holds the terms of the question asked right before it.

When another speaker's statement shares more of Y's terms than any of X's, and none of X's
shares them all, the report has Y in someone else's words: X did not speak about it, and
the vector-nearest of X's statements would be an answer about something else. Then no
statement is chosen, and the caller declines.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable

import numpy as np

from embeddings.structure import lexicon as lx
from embeddings.structure.model import Attribution, DocumentStructure, Person

# A statement sharing less than this share of the best one's weighted overlap with Y is left
# out: it shares only words most statements hold.
KEEP_SHARE = 0.5
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


def statements_about(
    said: list[Attribution],
    others: list[Attribution],
    topic: str,
    terms_of_sentence: Callable[[int], set[str]],
    vectors: np.ndarray,
    vector: np.ndarray,
    terms_of: Callable[[str], list[str]],
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
    """
    words = topic.split()
    # «قره باغ» also as «قرهباغ»: the corpus spells one place three ways
    joined = [a + b for a, b in itertools.pairwise(words)]
    wanted = set(terms_of(" ".join([*words, *joined])))
    plain = set(terms_of(" ".join(words))) or wanted
    own = max((len(plain & terms_of_sentence(a.sentence)) for a in said), default=0)
    theirs = max((len(plain & terms_of_sentence(a.sentence)) for a in others), default=0)
    if own < theirs and own < len(plain):
        return []
    scores = _weighted_overlaps(said, others, wanted, terms_of_sentence)
    best = max(scores)
    chosen = {n for n, score in enumerate(scores) if score > 0 and score >= KEEP_SHARE * best}
    chosen.add(int(np.argmax(vectors @ vector)))
    for n in range(1, len(said)):
        if n - 1 in chosen and said[n].how == "answer":
            chosen.add(n)
    return [a for n, a in enumerate(said) if n in chosen]


def _weighted_overlaps(
    said: list[Attribution],
    others: list[Attribution],
    wanted: set[str],
    terms_of_sentence: Callable[[int], set[str]],
) -> list[float]:
    """Each of `said`'s overlap with Y's terms, a term weighing less the more of the report's
    statements hold it: in a report about water «آب» is in most of them and tells nothing,
    «قبض» or «هدر» picks the one statement about it."""
    everyone = [terms_of_sentence(a.sentence) for a in [*said, *others]]
    total = len(everyone)
    weight = {
        t: math.log((1 + total) / max(1, sum(t in terms for terms in everyone))) for t in wanted
    }
    return [sum(weight[t] for t in wanted & terms_of_sentence(a.sentence)) for a in said]
