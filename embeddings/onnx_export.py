"""Makes the ONNX copy of a sentence-transformers model that serving runs without torch.

Written once, when the model is materialized, in sentence-transformers' ONNX layout:

    onnx/model.onnx             transformer + pooling + normalization, fp32 (documents)
    onnx/model_qint8_dynamic.onnx  the same, dynamic int8 (questions)
    onnx/pasokh-onnx.json       prompts, max length, dimension, input names

The graph ends in the sentence embedding: pooling and L2 normalization are exported from the
same torch operations sentence-transformers runs, so nothing is re-implemented by hand.

Which layers stay fp32 in the int8 copy, fitted on 300 `parsinlu_rc_train.jsonl` questions
(cosine to the fp32 graph):
- The feed-forward down-projections (MatMuls whose weight has the intermediate size as its
  input dimension). As in the torch int8 copy (`embeddings/query_quantization.py`), their
  inputs come out of GELU with outliers that per-tensor activation quantization flattens:
  quantizing all MatMuls gave a lowest cosine of 0.969 (median 0.988), keeping these 12 fp32
  0.996 (median 0.9987) in the packages of 2026-11, but 0.968 (median 0.9966) in the ones
  pinned on 2026-12-02 (`scripts/constraints-py311.txt`).
- The first layer's up-projection. Keeping one more MatMul fp32 at a time, it alone stood out
  (+2 MB): lowest 0.9947, median 0.9985. Any other single one gave 0.968-0.970; all 12
  up-projections 0.9969 (+21 MB), the first two 0.9967.
Weights have one scale per output channel (median 0.9987 against 0.9981 with one per matrix),
as in the torch copy.
The embedding table (a Gather) is quantized too: it is 96 of the model's 118 M parameters, the
graph shrinks from 408 to 133 MB, and the cosines barely move (mean 0.9986 against 0.9987).
"""

from __future__ import annotations

import contextlib
import json
import logging
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

ONNX_FOLDER = "onnx"
FP32_FILE = "onnx/model.onnx"
INT8_FILE = "onnx/model_qint8_dynamic.onnx"
CONFIG_FILE = "onnx/pasokh-onnx.json"
OUTPUT_NAME = "sentence_embedding"
ONNX_FORMAT = 1
OPSET = 17


class OnnxExportError(RuntimeError):
    """The model's modules are not ones the ONNX copy reproduces."""


def _pooling_plan(model: Any) -> tuple[str, bool]:
    """(pooling mode, normalize) of a Transformer → Pooling [→ Normalize] model."""
    modules = list(model)
    kinds = [type(m).__name__ for m in modules]
    if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        raise OnnxExportError(f"modules {kinds} are not Transformer, Pooling[, Normalize]")
    pooling = modules[1]
    if pooling.pooling_mode not in ("mean", "cls") or not pooling.include_prompt:
        raise OnnxExportError(
            f"pooling {pooling.pooling_mode!r} (include_prompt={pooling.include_prompt}) "
            "is not mean or cls over all tokens"
        )
    return pooling.pooling_mode, len(modules) == 3


def _sentence_module(model: Any) -> Any:
    """A torch module: (input_ids, attention_mask) → the model's sentence embedding."""
    import torch

    mode, normalize = _pooling_plan(model)
    transformer = model[0].auto_model

    class SentenceEmbedding(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            # By keyword: transformers 5 changed BertModel.forward's positional order.
            tokens = self.transformer(
                input_ids=input_ids, attention_mask=attention_mask
            ).last_hidden_state
            if mode == "cls":
                pooled = tokens[:, 0]
            else:  # sentence-transformers' mean pooling, operation for operation
                mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
                summed = (tokens * mask).sum(dim=1)
                pooled = summed / torch.clamp(mask.sum(dim=1), min=1e-9)
            if normalize:
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=-1)
            return pooled

    return SentenceEmbedding().eval()


def export_onnx_copy(model: Any, folder: Path) -> dict:
    """Writes `onnx/` (both graphs and their config) into `folder` for a loaded model.

    Args:
        model: A `SentenceTransformer` of Transformer, Pooling (mean or cls) and Normalize.
        folder: The model folder (its `tokenizer.json` is what serving tokenizes with).

    Returns:
        The config written to `onnx/pasokh-onnx.json`.

    Raises:
        OnnxExportError: The model has other modules or another pooling.
    """
    import torch

    module = _sentence_module(model)
    (folder / ONNX_FOLDER).mkdir(parents=True, exist_ok=True)
    example = model.tokenizer(
        ["query: example", "passage: a longer example text"], padding=True, return_tensors="pt"
    )
    inputs = (example["input_ids"], example["attention_mask"])
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer warnings about Python control flow
        torch.onnx.export(
            module,
            inputs,
            str(folder / FP32_FILE),
            input_names=["input_ids", "attention_mask"],
            output_names=[OUTPUT_NAME],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                OUTPUT_NAME: {0: "batch"},
            },
            opset_version=OPSET,
            dynamo=False,
        )
    quantize_for_questions(folder / FP32_FILE, folder / INT8_FILE)
    transformer = model[0]
    config = {
        "format": ONNX_FORMAT,
        "inputs": ["input_ids", "attention_mask"],
        "output": OUTPUT_NAME,
        "dim": int(module(*inputs).shape[-1]),
        "max_seq_length": int(transformer.max_seq_length),
        "prompts": {k: v for k, v in model.prompts.items() if k in ("query", "document")},
        "pad_id": int(model.tokenizer.pad_token_id or 0),
        "pad_token": str(model.tokenizer.pad_token or "<pad>"),
    }
    (folder / CONFIG_FILE).write_text(json.dumps(config, indent=2), encoding="utf-8")
    return config


def _matmul_weights(model_path: Path) -> list[tuple[str, tuple[int, ...]]]:
    """(node name, weight shape) of each MatMul by a 2-D weight, in graph order."""
    import onnx

    graph = onnx.load(str(model_path), load_external_data=False).graph
    shapes = {init.name: tuple(init.dims) for init in graph.initializer}
    return [
        (node.name, shapes[name])
        for node in graph.node
        if node.op_type == "MatMul"
        for name in node.input
        if name in shapes and len(shapes[name]) == 2
    ]


def down_projections(model_path: Path) -> list[str]:
    """Names of the MatMul nodes that multiply by a [intermediate, hidden] weight.

    Those are the feed-forward down-projections; found by weight shape, not by node name,
    so the rule holds for any BERT-style graph the exporter names differently.
    """
    weights = _matmul_weights(model_path)
    widest = max((rows for _, (rows, _cols) in weights), default=0)
    return [name for name, (rows, cols) in weights if rows == widest and rows > cols]


def first_up_projection(model_path: Path) -> list[str]:
    """The first layer's feed-forward up-projection: the first MatMul, in graph order, by a
    [hidden, intermediate] weight; empty for a graph without one."""
    weights = _matmul_weights(model_path)
    widest = max((cols for _, (_rows, cols) in weights), default=0)
    return [name for name, (rows, cols) in weights if cols == widest and cols > rows][:1]


def quantize_for_questions(
    source: Path,
    target: Path,
    keep_down_projections_fp32: bool = True,
    keep_first_up_projection_fp32: bool = True,
    quantize_embeddings: bool = True,
    per_channel: bool = True,
) -> None:
    """Writes a dynamic int8 copy of `source` (onnxruntime's quantizer).

    Args:
        source: The fp32 graph.
        target: Where the int8 graph goes.
        keep_down_projections_fp32: Leave the feed-forward down-projections fp32 (module doc).
        keep_first_up_projection_fp32: Leave the first layer's up-projection fp32 (module doc).
        quantize_embeddings: Quantize the token embedding table (Gather) too.
        per_channel: One weight scale per output channel instead of one per matrix.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    excluded = down_projections(source) if keep_down_projections_fp32 else []
    excluded += first_up_projection(source) if keep_first_up_projection_fp32 else []
    op_types = ["MatMul", "Gather"] if quantize_embeddings else ["MatMul"]
    with warnings.catch_warnings(), _quiet_root_logger():
        warnings.simplefilter("ignore")
        quantize_dynamic(
            str(source),
            str(target),
            weight_type=QuantType.QInt8,
            per_channel=per_channel,
            op_types_to_quantize=op_types,
            nodes_to_exclude=excluded,
        )
    logger.info("int8 question graph: %d MatMuls kept fp32", len(excluded))


@contextlib.contextmanager
def _quiet_root_logger() -> Iterator[None]:
    """onnxruntime's quantizer logs a line per tensor (and advice) on the root logger."""
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(previous)
