"""Which language a question is in, by its script: Persian (Arabic script) or Latin (English).

Cross-lingual questions match the documents only through the multilingual embedding: their
words never occur in the Persian text, so lexical evidence (coverage, BM25, "is this term in
the corpus") says nothing and the decision to answer is calibrated separately for them.
"""

from __future__ import annotations

import re

PERSIAN = "fa"
LATIN = "en"
LANGUAGES = (PERSIAN, LATIN)

_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")


def question_language(question: str) -> str:
    """`LATIN` when the question has more Latin than Arabic-script letters, else `PERSIAN`."""
    latin = len(_LATIN_LETTER.findall(question))
    arabic = len(_ARABIC_LETTER.findall(question))
    return LATIN if latin > arabic else PERSIAN
