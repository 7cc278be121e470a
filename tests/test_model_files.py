"""A materialized model that rots on disk is noticed at load and rebuilt from the package."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from embeddings import bundled_model
from embeddings.bundled_model import MARKER, materialize_bundled_model, recorded_files
from embeddings.encoder_factory import load_encoder
from embeddings.model_files import file_problems, record_files
from embeddings.onnx_export import CONFIG_FILE, FP32_FILE, INT8_FILE

REPO = Path(__file__).resolve().parents[1]
KEY = "multilingual-e5-small"
REAL = REPO / "data" / "models"  # the real materialized model, shared with other tests
WEIGHTS = b"\x00\x01" * 5000
TOKENIZER = '{"model": "a tokenizer"}'


class CountingWriter:
    """Stands in for the ~60 s build: writes small weights and a tokenizer, counts builds."""

    def __init__(self) -> None:
        self.builds = 0

    def __call__(self, data: bytes, folder: Path) -> None:
        self.builds += 1
        folder.mkdir(parents=True)
        (folder / "model.safetensors").write_bytes(WEIGHTS)
        (folder / "tokenizer.json").write_text(TOKENIZER, encoding="utf-8")


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, CountingWriter]:
    writer = CountingWriter()
    monkeypatch.setattr(bundled_model, "_write_folder", writer)
    folder = materialize_bundled_model(tmp_path, KEY)
    assert writer.builds == 1 and set(recorded_files(folder)) == {
        "model.safetensors",
        "tokenizer.json",
    }
    return folder, writer


def test_flipped_bytes_in_the_weights_are_found_and_rebuilt(built) -> None:
    folder, writer = built
    weights = folder / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[1234] ^= 0xFF  # same size: only the hash can tell
    weights.write_bytes(bytes(data))
    assert materialize_bundled_model(folder.parent, KEY) == folder  # sizes only: not read
    assert writer.builds == 1
    assert materialize_bundled_model(folder.parent, KEY, verify=("model.safetensors",)) == folder
    assert writer.builds == 2 and weights.read_bytes() == WEIGHTS


def test_truncated_weights_are_rebuilt_on_every_load(built) -> None:
    folder, writer = built
    with (folder / "model.safetensors").open("r+b") as handle:
        handle.truncate(100)
    assert materialize_bundled_model(folder.parent, KEY) == folder
    assert writer.builds == 2 and (folder / "model.safetensors").read_bytes() == WEIGHTS


def test_a_deleted_tokenizer_is_rebuilt(built) -> None:
    folder, writer = built
    (folder / "tokenizer.json").unlink()
    assert materialize_bundled_model(folder.parent, KEY) == folder
    assert writer.builds == 2 and (folder / "tokenizer.json").read_text() == TOKENIZER
    assert not file_problems(folder, recorded_files(folder), ["tokenizer.json"])


def test_file_problems_name_each_fault(tmp_path: Path) -> None:
    (tmp_path / "a.bin").write_bytes(b"12345")
    (tmp_path / "b.json").write_text("{}")
    record = record_files(tmp_path)
    (tmp_path / "a.bin").write_bytes(b"12346")
    assert file_problems(tmp_path, record) == []
    assert file_problems(tmp_path, record, ["a.bin"]) == ["a.bin does not match its sha256"]
    (tmp_path / "b.json").unlink()
    assert file_problems(tmp_path, record) == ["b.json is missing"]


@pytest.mark.slow
def test_a_corrupt_onnx_question_graph_is_rebuilt_and_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The serving encoder hashes the int8 graph it loads; a flipped byte rebuilds the folder."""
    real = materialize_bundled_model(REAL, KEY)
    cache = tmp_path / "models"
    folder = cache / real.name

    def copy_of_real(data: bytes, target: Path) -> None:
        # The real build takes ~60 s; its output is the real folder, so copy what serving reads
        # and stand in same-size sparse files for the weights it does not read.
        for name, entry in recorded_files(real).items():
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if name in ("model.safetensors", FP32_FILE):
                with path.open("wb") as handle:
                    handle.truncate(entry["size"])
            else:
                shutil.copyfile(real / name, path)

    monkeypatch.setattr(bundled_model, "_write_folder", copy_of_real)
    materialize_bundled_model(cache, KEY)
    marker = json.loads((folder / MARKER).read_text())
    assert {INT8_FILE, CONFIG_FILE, "tokenizer.json"} <= set(marker["files"])
    with (folder / INT8_FILE).open("r+b") as handle:
        handle.seek(marker["files"][INT8_FILE]["size"] // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 0xFF]))

    encoder = load_encoder(f"bundled:{KEY}", cache, "onnx")
    reference = load_encoder(f"bundled:{KEY}", REAL, "onnx")
    question = ["جلسه ستاد توسعه تجارت چه روزی برگزار شد؟"]
    assert (
        float(np.dot(encoder.encode(question, "query")[0], reference.encode(question, "query")[0]))
        > 0.9999
    )
    assert not file_problems(folder, recorded_files(folder), [INT8_FILE])


def test_a_large_file_is_hashed_once_until_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The question graph is hashed at its first load and after any write, not at every start."""
    import hashlib
    import os

    from embeddings import model_files
    from embeddings.model_files import VERIFIED_FILE, hashes_as_recorded

    graph = tmp_path / "onnx" / "model_qint8_dynamic.onnx"
    graph.parent.mkdir()
    graph.write_bytes(WEIGHTS)
    good = hashlib.sha256(WEIGHTS).hexdigest()
    hashed: list[Path] = []
    real_sha256 = model_files.sha256_file

    def counting_sha256(path: Path) -> str:
        hashed.append(path)
        return real_sha256(path)

    monkeypatch.setattr(model_files, "sha256_file", counting_sha256)
    name = "onnx/model_qint8_dynamic.onnx"
    assert not hashes_as_recorded(tmp_path, name, "0" * 64)
    assert not (tmp_path / VERIFIED_FILE).exists()  # a failed check records nothing
    assert hashes_as_recorded(tmp_path, name, good) and len(hashed) == 2
    assert hashes_as_recorded(tmp_path, name, good) and len(hashed) == 2  # trusted: not hashed
    assert not hashes_as_recorded(tmp_path, name, None)

    # One byte flipped in place, same size, mtime put back: ctime still moved, so it is hashed.
    before = graph.stat()
    with graph.open("r+b") as handle:
        handle.write(b"\xff")
    os.utime(graph, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert graph.stat().st_size == before.st_size
    assert not hashes_as_recorded(tmp_path, name, good) and len(hashed) == 3

    # Replaced by a good copy (new inode): hashed again, then trusted.
    copy = tmp_path / "copy"
    copy.write_bytes(WEIGHTS)
    copy.replace(graph)
    assert hashes_as_recorded(tmp_path, name, good) and len(hashed) == 4
    assert hashes_as_recorded(tmp_path, name, good) and len(hashed) == 4


def test_a_folder_that_cannot_be_written_is_hashed_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    from embeddings import model_files
    from embeddings.model_files import hashes_as_recorded

    (tmp_path / "graph.onnx").write_bytes(WEIGHTS)
    good = hashlib.sha256(WEIGHTS).hexdigest()

    def refuse(self: Path, *args, **kwargs) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_text", refuse)
    hashed: list[Path] = []
    real_sha256 = model_files.sha256_file
    monkeypatch.setattr(model_files, "sha256_file", lambda p: hashed.append(p) or real_sha256(p))
    for _ in range(2):
        assert hashes_as_recorded(tmp_path, "graph.onnx", good)
    assert len(hashed) == 2 and list(tmp_path.iterdir()) == [tmp_path / "graph.onnx"]
