"""The questions the answer scorer is fitted on: ParsiNLU train as asked, and what it is not.

Each train question is asked of all of train and of all of train without its own passage; an
on-topic variant replaces its key word with another question's key word that its passage does
not hold, or with a word no passage holds, or asks for a kind of thing («چند میلیون تومان»،
«در چه سالی»…) the passage lacks; the hand-translated English twins are asked with and
without their passage, and English off-topic questions beside them. Used by
`fit_answer_scorer.py` (and its cross-validation), never by the product.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answering.language import LATIN, PERSIAN  # noqa: E402

_WORD = re.compile(r"[\w\u200c]+")
# On-topic questions asking for a kind of thing the passage may not hold ({} = the key word).
_KIND_TEMPLATES = {
    "amount": "هزینه {} چند میلیون تومان است؟",
    "time": "{} در چه سالی بود؟",
    "place": "{} در کدام شهر است؟",
    "person": "{} توسط چه کسی انجام شد؟",
    "number": "{} چند کیلومتر است؟",
}


@dataclass(frozen=True)
class Asked:
    """One question put to the training corpus."""

    question: str
    golds: tuple[str, ...]
    own_doc: int
    group: str  # fa | fa-without-passage | fa-variant | en | … ; "small-" + any of them
    # Documents of a small product-like corpus the question is asked of; () = all of train.
    corpus: tuple[int, ...] = ()

    @property
    def answerable(self) -> bool:
        return self.group.removeprefix("small-") in ("fa", "en")

    @property
    def language(self) -> str:
        return LATIN if self.group.removeprefix("small-").startswith("en") else PERSIAN


def key_word(question: str, own_terms: set[str], normalizer, idf) -> tuple[str, float] | None:
    """The question's rarest word whose terms its passage holds (what the question is about)."""
    best = None
    for word in _WORD.findall(question):
        terms = [t for t in normalizer.terms_of_word(word) if t in own_terms]
        if terms:
            weight = max(idf(t) for t in terms)
            if best is None or weight > best[1]:
                best = (word, weight)
    return best


def kind_in(kind: str, question: str, passage: str) -> bool:
    """Whether any sentence of the passage holds what the templated question asks for."""
    from bot.answering.question_types import counted_units, holds_count_of, type_matches

    units = counted_units(question)
    return any(
        type_matches(kind, s) and (not units or holds_count_of(units, s))
        for s in re.split(r"(?<=[.!?؟])\s+", passage)
    )


def build_questions(rows, doc_of, doc_terms, english, off_topic, normalizer, idf, seed):
    """Answerable questions, their without-passage twins, variants and English twins."""
    asked: list[Asked] = []
    keys = []
    for row in rows:
        own = doc_of[row["passage"]]
        golds = tuple(a[1] for a in row["answers"])
        asked.append(Asked(row["question"], golds, own, "fa"))
        asked.append(Asked(row["question"], golds, own, "fa-without-passage"))
        keys.append(
            key_word(normalizer.normalize(row["question"]), doc_terms[own], normalizer, idf)
        )
    rnd = random.Random(seed)
    pool = [k[0] for k in keys if k is not None]
    for row, key in zip(rows, keys, strict=True):
        own = doc_of[row["passage"]]
        if key is None:
            continue
        for _ in range(20):
            other = pool[rnd.randrange(len(pool))]
            if not set(normalizer.terms_of_word(other)) & doc_terms[own]:
                normalized = normalizer.normalize(row["question"])
                variant = re.sub(
                    rf"(?<![\w\u200c]){re.escape(key[0])}(?![\w\u200c])", other, normalized, count=1
                )
                asked.append(Asked(variant, (), own, "fa-variant"))
                break
    # Words of the questions that no passage holds: a key word replaced by one of them is a
    # question about something the documents never mention («جمعیت» in a trade report).
    every_term = set().union(*doc_terms)
    absent = sorted(
        {
            w
            for row in rows
            for w in _WORD.findall(normalizer.normalize(row["question"]))
            if len(w) > 2
            and normalizer.terms_of_word(w)
            and not set(normalizer.terms_of_word(w)) & every_term
        }
    )
    for row, key in zip(rows, keys, strict=True):
        if key is not None and absent:
            normalized = normalizer.normalize(row["question"])
            other = absent[rnd.randrange(len(absent))]
            pattern = rf"(?<![\w\u200c]){re.escape(key[0])}(?![\w\u200c])"
            variant = re.sub(pattern, other, normalized, count=1)
            asked.append(Asked(variant, (), doc_of[row["passage"]], "fa-absent-variant"))
    for row, key in zip(rows, keys, strict=True):
        passage = row["passage"]
        lacking = [k for k in _KIND_TEMPLATES if not kind_in(k, _KIND_TEMPLATES[k], passage)]
        if key is not None and lacking:
            kind = lacking[rnd.randrange(len(lacking))]
            variant = _KIND_TEMPLATES[kind].format(key[0])
            asked.append(Asked(variant, (), doc_of[passage], "fa-type-variant"))
    for twin in english:
        row = rows[twin["train_line"] - 1]
        own, golds = doc_of[row["passage"]], tuple(a[1] for a in row["answers"])
        asked.append(Asked(twin["question"], golds, own, "en"))
        asked.append(Asked(twin["question"], golds, own, "en-without-passage"))
    asked.extend(Asked(q, (), -1, "en-off-topic") for q in off_topic)
    return asked
