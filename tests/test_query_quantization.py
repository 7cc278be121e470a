"""The int8 question encoder stays close to the fp32 model it copies."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from embeddings.query_quantization import int8_query_copy

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def models():
    from sentence_transformers import SentenceTransformer

    from embeddings.bundled_model import materialize_bundled_model

    path = materialize_bundled_model(REPO / "data" / "models", "multilingual-e5-small")
    fp32 = SentenceTransformer(str(path), device="cpu", local_files_only=True).eval()
    return fp32, int8_query_copy(fp32)


def _questions() -> list[str]:
    lines = (REPO / "tests" / "data" / "meeting_report_questions.jsonl").read_text("utf-8")
    return [json.loads(line)["question"] for line in lines.splitlines() if line.strip()]


def test_question_vectors_stay_close_to_fp32(models) -> None:
    fp32, int8 = models
    questions = _questions()
    ours = int8.encode_query(questions, normalize_embeddings=True, batch_size=1)
    reference = fp32.encode_query(questions, normalize_embeddings=True, batch_size=1)
    cosines = np.sum(ours * reference, axis=1)
    low, middle = cosines.min(), np.median(cosines)
    print(f"\nint8 vs fp32 over {len(cosines)}: min {low:.4f} median {middle:.4f}")
    assert middle >= 0.99 and low >= 0.98


def test_copy_shares_everything_but_the_quantized_layers(models) -> None:
    import torch

    fp32, int8 = models
    embeddings = fp32[0].auto_model.embeddings.word_embeddings.weight
    assert int8[0].auto_model.embeddings.word_embeddings.weight is embeddings
    assert int8.tokenizer is fp32.tokenizer
    fp32_layers = {
        name
        for name, module in int8[0].auto_model.named_modules()
        if type(module) is torch.nn.Linear
    }
    assert "encoder.layer.0.attention.self.query" not in fp32_layers  # quantized
    assert "encoder.layer.0.intermediate.dense" not in fp32_layers
    assert "encoder.layer.0.output.dense" in fp32_layers  # kept fp32: GELU outliers
    kept = int8[0].auto_model.encoder.layer[0].output.dense.weight
    assert kept is fp32[0].auto_model.encoder.layer[0].output.dense.weight  # shared, not copied
    # The fp32 model (which embeds documents) is untouched.
    assert all(
        isinstance(m, torch.nn.Linear)
        for n, m in fp32[0].auto_model.named_modules()
        if n.endswith("intermediate.dense")
    )
