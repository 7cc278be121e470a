"""An int8 copy of a sentence-transformers model for embedding questions.

A question is ~15 tokens, so each of the 72 Linear layers of a 12-layer encoder multiplies a
tiny activation matrix by a large weight matrix: the time goes into streaming 85 MB of fp32
weights from memory, not into arithmetic. Dynamic int8 quantization makes those weights 4×
smaller; with the exception below it took the median question from 31.6 to 21.5 ms here (one
thread, 119 questions; `benchmarks/README.md`).

The feed-forward down-projections (`*.output.dense` outside attention) stay fp32: their inputs
come out of GELU with large outliers that per-tensor activation quantization flattens.
Quantizing them too moved 120 ParsiNLU questions to a median cosine of 0.986 against fp32
(lowest 0.97); keeping them gives a median of 0.995 (lowest 0.988;
`tests/test_query_quantization.py`).

Documents are still embedded by the fp32 model, so the index is the reference model's and the
lever can be switched without rebuilding it.
"""

from __future__ import annotations

import copy
import logging
import warnings
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)


def _keeps_fp32(name: str) -> bool:
    """True for the feed-forward down-projection of a BERT-style layer."""
    return name.endswith("output.dense") and "attention" not in name


def int8_query_copy(
    model: Any, keeps_fp32: Callable[[str], bool] = _keeps_fp32, per_channel: bool = True
) -> Any:
    """Returns a copy of `model` whose Linear layers (but see module doc) are dynamic int8.

    Everything but the quantized layers (the 96M-parameter embedding table, the fp32
    down-projections, layer norms, the tokenizer) is shared with `model`, so the copy costs
    ~15 MB, not another model.

    Args:
        model: A loaded `SentenceTransformer` in eval mode.
        keeps_fp32: Which Linear layers (by module name) stay fp32; the benchmarks pass
            `lambda name: False` to measure quantizing all of them.
        per_channel: One weight scale per output channel, else one per matrix.
    """
    import torch
    from torch.ao.quantization import (
        default_dynamic_qconfig,
        per_channel_dynamic_qconfig,
        quantize_dynamic,
    )

    quantized = [
        (name, module)
        for name, module in model.named_modules()
        if isinstance(module, torch.nn.Linear) and not keeps_fp32(name)
    ]
    # Only the layers about to be quantized are copied; everything else is shared.
    copied = {id(parameter) for _, module in quantized for parameter in module.parameters()}
    memo: dict[int, Any] = {id(model.tokenizer): model.tokenizer}
    for parameter in model.parameters():
        if id(parameter) not in copied:
            memo[id(parameter)] = parameter
    clone = copy.deepcopy(model, memo)
    qconfig = per_channel_dynamic_qconfig if per_channel else default_dynamic_qconfig
    with warnings.catch_warnings():
        # torch.ao.quantization is deprecated in favour of torchao, which is not installed.
        warnings.simplefilter("ignore")
        quantize_dynamic(
            clone, {name: qconfig for name, _ in quantized}, dtype=torch.qint8, inplace=True
        )
    logger.info("question encoder: %d Linear layers as dynamic int8", len(quantized))
    return clone.eval()
