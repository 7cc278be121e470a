"""Cutting an over-long answer down to the part that speaks to the question."""

from __future__ import annotations

import re

from embeddings.text_normalizer import PersianTextNormalizer

MAX_ANSWER_CHARS = 400
_WORD = re.compile(r"\S+")


def clip_to_limit(
    text: str,
    start: int,
    end: int,
    question_terms: list[str],
    normalizer: PersianTextNormalizer,
    limit: int = MAX_ANSWER_CHARS,
) -> tuple[int, int]:
    """Narrows `text[start:end]` to at most `limit` characters, whole words only.

    The window kept is the one holding the most of the question's terms (the answer to a
    question is usually stated next to the words the question repeats); ties go to the
    earliest window.

    Returns:
        The new (start, end), inside the old span.
    """
    if end - start <= limit:
        return start, end
    words = [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]
    wanted = set(question_terms)
    hits = []
    for word_start, word_end in words:
        word = normalizer.fold(text[word_start:word_end])
        hits.append(int(bool(wanted & set(normalizer.tokens_of_normalized(word)))))
    best = (-1, 0, 0)
    right, total = 0, 0
    for left in range(len(words)):
        while right < len(words) and words[right][1] - words[left][0] <= limit:
            total += hits[right]
            right += 1
        if right > left and total > best[0]:
            best = (total, left, right - 1)
        total -= hits[left] if right > left else 0
        right = max(right, left + 1)
    _, first, last = best
    if best[0] < 0:  # a single word longer than the limit
        return start, start + limit
    return words[first][0], words[last][1]


def mark_clipped(text: str, cut_before: bool) -> str:
    """`text` ending with «…» (and starting with one when its beginning was cut too)."""
    text = text.strip().rstrip(".،,؛;:")
    return ("… " if cut_before else "") + text + "…"
