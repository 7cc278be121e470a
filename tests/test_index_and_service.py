"""The index on disk and the answering service, with the fast deterministic encoder."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from bot.answering.service import AnsweringService, EmptyCorpusError, EmptyQuestionError
from bot.settings import Settings
from embeddings.index_store import POINTER, IndexMismatchError, load_index
from embeddings.structure import STRUCTURE_VERSION
from tests.fake_encoder import HashingEncoder


class CountingEncoder(HashingEncoder):
    """Counts how many document texts were embedded."""

    def __init__(self) -> None:
        super().__init__()
        self.documents_embedded = 0

    def encode(self, texts, kind):
        if kind == "document":
            self.documents_embedded += len(texts)
        return super().encode(texts, kind)


def _service(corpus_dir: Path, data_dir: Path, encoder=None) -> AnsweringService:
    settings = Settings(corpus_dir=corpus_dir, data_dir=data_dir)
    return AnsweringService(settings, encoder=encoder or HashingEncoder())


def _generation(data_dir: Path) -> Path:
    index_dir = data_dir / "index"
    return index_dir / (index_dir / POINTER).read_text().strip()


def test_build_writes_a_versioned_manifest(corpus_dir, tmp_path):
    service = _service(corpus_dir, tmp_path / "data")
    report = service.load()
    assert report.documents == 1 and report.chunks > 5 and report.added
    manifest = json.loads((_generation(tmp_path / "data") / "manifest.json").read_text())
    assert manifest["format_version"] == 2
    assert manifest["structure_version"] == STRUCTURE_VERSION
    assert manifest["model"] == HashingEncoder.identity and manifest["dim"] == 256
    assert manifest["index_type"] == "flat"
    assert manifest["chunking"]["max_words"] == 120
    assert manifest["normalizer"]["lemmatize"] is True
    assert set(manifest["documents"]) == {p.name for p in corpus_dir.iterdir()}
    assert set(manifest["files"]) >= {"records.json", "chunks.faiss"}


def test_unchanged_documents_are_not_re_embedded(corpus_dir, tmp_path):
    encoder = CountingEncoder()
    _service(corpus_dir, tmp_path / "data", encoder).load()
    first = encoder.documents_embedded
    assert first > 0
    again = _service(corpus_dir, tmp_path / "data", encoder)
    report = again.load()
    assert encoder.documents_embedded == first and report.embedded_chunks == 0
    (corpus_dir / "new.txt").write_text("سند تازه درباره صادرات زعفران است.", "utf-8")
    report = again.reload()
    assert report.added == ["new.txt"]
    assert report.unchanged == [next(p.name for p in corpus_dir.iterdir() if p.name != "new.txt")]
    assert encoder.documents_embedded - first == 2  # one chunk and one sentence of new.txt


def test_a_corrupted_index_is_rebuilt_not_loaded(corpus_dir, tmp_path):
    data_dir = tmp_path / "data"
    _service(corpus_dir, data_dir).load()
    vectors = _generation(data_dir) / "chunk_vectors.npy"
    vectors.write_bytes(vectors.read_bytes()[:-64] + b"\x00" * 64)
    with pytest.raises(IndexMismatchError):
        load_index(data_dir / "index", {})
    encoder = CountingEncoder()
    report = _service(corpus_dir, data_dir, encoder).load()
    assert report.embedded_chunks > 0 and encoder.documents_embedded > 0
    assert load_index(data_dir / "index", {}).manifest["model"] == HashingEncoder.identity


def test_an_index_from_another_model_is_refused_and_rebuilt(corpus_dir, tmp_path):
    data_dir = tmp_path / "data"
    _service(corpus_dir, data_dir).load()

    class OtherModel(CountingEncoder):
        identity = "test:another-model"

    encoder = OtherModel()
    report = _service(corpus_dir, data_dir, encoder).load()
    assert report.embedded_chunks > 0
    assert load_index(data_dir / "index", {}).manifest["model"] == "test:another-model"


def test_a_crash_while_saving_leaves_the_old_index(corpus_dir, tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    service = _service(corpus_dir, data_dir)
    service.load()
    before = _generation(data_dir)
    (corpus_dir / "new.txt").write_text("سند تازه درباره صادرات زعفران است.", "utf-8")
    import faiss

    def explode(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(faiss, "write_index", explode)
    with pytest.raises(OSError):
        service.reload()
    assert _generation(data_dir) == before
    assert not [p for p in (data_dir / "index").iterdir() if p.name.startswith(".tmp-")]
    assert [d.name for d in service.documents()] == [before_name(corpus_dir)]
    assert service.ask("جلسه ستاد چه روزی برگزار شد؟").passages


def before_name(corpus_dir: Path) -> str:
    return next(p.name for p in sorted(corpus_dir.iterdir()) if p.name != "new.txt")


def test_empty_corpus_is_a_clear_error(tmp_path):
    (tmp_path / "corpus").mkdir()
    with pytest.raises(EmptyCorpusError, match=r"no .*document"):
        _service(tmp_path / "corpus", tmp_path / "data").load()
    (tmp_path / "corpus" / "broken.pdf").write_bytes(b"%PDF-1.4 nothing more")
    with pytest.raises(EmptyCorpusError, match="no readable document"):
        _service(tmp_path / "corpus", tmp_path / "data").load()


@pytest.mark.parametrize("question", ["", "   ", "؟؟؟", "\n"])
def test_empty_question_is_refused(corpus_dir, tmp_path, question):
    service = _service(corpus_dir, tmp_path / "data")
    service.load()
    with pytest.raises(EmptyQuestionError):
        service.ask(question)


def test_a_huge_question_is_truncated_not_a_crash(corpus_dir, tmp_path):
    service = _service(corpus_dir, tmp_path / "data")
    service.load()
    answer = service.ask("بازسازی قره باغ " * 7000)  # ~110 KB
    assert answer.truncated and len(answer.question) <= service.settings.max_question_chars


def test_add_and_remove_document_reindex(corpus_dir, tmp_path):
    service = _service(corpus_dir, tmp_path / "data")
    service.load()
    report = service.add_document("saffron", "صادرات زعفران خراسان در سال گذشته دو برابر شد.")
    assert report.added == ["saffron.txt"] and (corpus_dir / "saffron.txt").is_file()
    assert "saffron.txt" in {d.name for d in service.documents()}
    report = service.remove_document("saffron.txt")
    assert report.removed == ["saffron.txt"] and not (corpus_dir / "saffron.txt").exists()


def test_json_contract(corpus_dir, tmp_path):
    service = _service(corpus_dir, tmp_path / "data")
    service.load()
    payload = service.ask("هدف از مشارکت در بازسازی قره باغ چیست؟", k=2).to_json_dict()
    assert {"question", "answer", "abstained", "kind", "passages"} <= set(payload)
    assert len(payload["passages"]) == 2
    assert set(payload["passages"][0]) == {"text", "source", "score"}
    scores = [p["score"] for p in payload["passages"]]
    assert scores == sorted(scores, reverse=True) or not payload["abstained"]


def test_warming_builds_the_word_list_before_the_first_follow_up(corpus_dir, tmp_path):
    service = _service(corpus_dir, tmp_path / "data")
    service.load()
    assert "dictionary" not in vars(service.normalizer)  # not built by loading
    service.warm_in_background()
    [warming] = [t for t in threading.enumerate() if t.name == "word-list"]
    warming.join(timeout=60)
    assert "افزایش" in vars(service.normalizer)["dictionary"]
