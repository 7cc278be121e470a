"""The note shown with a decline of an on-topic question: what the documents do say near it.

It is clearly not an answer: it names what is missing (a word of the question that no
document holds, or the kind of thing asked for) and quotes the nearest sentence as such.
"""

from __future__ import annotations

import re

from bot.answering.question_types import counted_unit
from embeddings.text_normalizer import PersianTextNormalizer

# What a question of each kind asks for, as the note names it.
_KIND_NOUNS = {
    "amount": "مبلغ",
    "number": "عدد یا مقدار",
    "time": "زمان",
    "person": "نام شخص",
    "person_name": "نام شخص",
    "place": "مکان",
}
NEAREST = "نزدیک‌ترین مطلب (پاسخ پرسش نیست)"
_WORD = re.compile(r"[\w\u200c]+")


def missing_words(question: str, missing_terms: tuple[str, ...], normalizer) -> list[str]:
    """Words of the question whose every lexical term is absent from the documents."""
    missing = set(missing_terms)
    words = []
    for word in _WORD.findall(normalizer.normalize(question)):
        terms = normalizer.terms_of_word(word)
        if terms and all(t in missing for t in terms) and word not in words:
            words.append(word)
    return words


def decline_note(
    question: str,
    missing_terms: tuple[str, ...],
    kind: str | None,
    typed: bool,
    nearest: str,
    normalizer: PersianTextNormalizer,
) -> str:
    """«در اسناد به … اشاره نشده است؛ نزدیک‌ترین مطلب (پاسخ پرسش نیست): «…»»."""
    words = missing_words(question, missing_terms, normalizer)
    if words:
        quoted = "، ".join(f"«{w}»" for w in words[:3])
        reason = f"در اسناد از {quoted} سخنی نیامده است"
    elif kind in ("number", "amount") and not typed and (unit := counted_unit(question)):
        # «چند شرکت …» of a text with numbers, none of them a count of «شرکت»
        reason = f"در اسناد به شمار «{unit}» اشاره نشده است"
    elif kind in _KIND_NOUNS and not typed:
        reason = f"در اسناد به {_KIND_NOUNS[kind]} اشاره نشده است"
    else:
        reason = "پاسخ این پرسش در اسناد روشن نیست"
    return f"{reason}؛ {NEAREST}: «{nearest}»"
