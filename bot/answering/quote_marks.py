"""Quotation marks of sentences shown apart from the text around them.

A quotation often runs over two sentences («مصرف … رسید. این رقم … بیشتر است.»): its first
sentence shown alone opens a « nothing closes, and its last one closes a » nothing opened.
Those marks are dropped; a quotation whose sentences are shown one after the other keeps them.
"""

from __future__ import annotations


def paired_quotes(texts: list[str], numbers: list[int] | None = None) -> list[str]:
    """`texts` with every «» mark that has no partner among them dropped.

    `numbers` are the texts' sentence numbers: a quotation may open in one text and close in
    the next only when they are neighbouring sentences. Without them each text stands alone.
    """
    dropped: set[tuple[int, int]] = set()
    opened: list[tuple[int, int]] = []
    for line, text in enumerate(texts):
        neighbours = numbers is not None and line > 0 and numbers[line] == numbers[line - 1] + 1
        if not neighbours:
            dropped.update(opened)  # the sentence that would close them is not shown
            opened = []
        for at, char in enumerate(text):
            if char == "«":
                opened.append((line, at))
            elif char == "»":
                if opened:
                    opened.pop()
                else:
                    dropped.add((line, at))
    dropped.update(opened)
    if not dropped:
        return texts
    return [
        "".join(c for at, c in enumerate(text) if (line, at) not in dropped).strip()
        for line, text in enumerate(texts)
    ]


def paired_quote(text: str) -> str:
    """One text shown alone, without the «» marks it leaves unpaired."""
    return paired_quotes([text])[0]
