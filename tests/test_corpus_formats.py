"""corpus/ takes .docx and .pdf as well as .txt/.md, read like uploads; skips reported once."""

from __future__ import annotations

import shutil

from bot.answering.service import AnsweringService
from bot.settings import Settings
from embeddings import documents as documents_module
from embeddings.documents import load_corpus
from tests.conftest import MEETING_REPORT
from tests.document_factory import make_docx, make_pdf, make_zip_bomb_docx
from tests.fake_encoder import HashingEncoder

DOCX_PARAGRAPHS = [
    "گزارش نشست شورای کتابخانه‌های عمومی",
    "نشست شورای کتابخانه‌های عمومی شهرستان مراغه روز سه‌شنبه در سالن اجتماعات فرمانداری",
    "برگزار شد و اعضا دربارهٔ ساخت کتابخانهٔ تازه در محلهٔ رصدخانه گفت‌وگو کردند.",
]


def _mixed_corpus(folder):
    folder.mkdir()
    shutil.copy(MEETING_REPORT, folder / MEETING_REPORT.name)
    (folder / "library-council.docx").write_bytes(make_docx(DOCX_PARAGRAPHS))
    (folder / "observatory.pdf").write_bytes(make_pdf(["Maragheh observatory", "built in 1259."]))
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (folder / "bomb.docx").write_bytes(make_zip_bomb_docx(megabytes=8))
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    return folder


def test_docx_and_pdf_in_the_corpus_are_read_with_the_upload_guards(tmp_path):
    documents, skipped = load_corpus(_mixed_corpus(tmp_path / "corpus"))
    by_name = {d.name: d for d in documents}
    assert set(by_name) == {MEETING_REPORT.name, "library-council.docx", "observatory.pdf"}
    # the wrapped .docx sentence is joined like the .txt repair joins hard wraps
    assert "فرمانداری برگزار شد و اعضا" in by_name["library-council.docx"].text
    assert "Maragheh observatory built in 1259." in by_name["observatory.pdf"].text
    assert set(skipped) == {"broken.pdf", "bomb.docx", "photo.jpg"}
    assert "expands" in skipped["bomb.docx"]  # the zip-bomb guard of uploads


def test_unchanged_files_are_not_extracted_again(tmp_path, monkeypatch):
    corpus = _mixed_corpus(tmp_path / "corpus")
    first, _ = load_corpus(corpus)
    calls = []
    real = documents_module.extract_text
    monkeypatch.setattr(
        documents_module, "extract_text", lambda name, data: calls.append(name) or real(name, data)
    )
    again, _ = load_corpus(corpus, {d.sha256: d.text for d in first})
    assert again == first
    assert sorted(calls) == ["bomb.docx", "broken.pdf"]  # only the unreadable ones are retried


def test_skipped_files_are_reported_by_the_build_that_meets_them(tmp_path, normalizer):
    corpus = _mixed_corpus(tmp_path / "corpus")
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path / "data")

    def service() -> AnsweringService:
        return AnsweringService(settings, encoder=HashingEncoder(), normalizer=normalizer)

    first = service().load()
    assert first.rebuilt and set(first.skipped) == {"broken.pdf", "bomb.docx", "photo.jpg"}
    second = service().load()  # a new process with the same corpus: nothing to report again
    assert not second.rebuilt and second.embedded_chunks == 0
    (corpus / "notes.odt").write_bytes(b"PK")
    third = service().load()  # a newly skipped file is news, even with no document changed
    assert third.rebuilt and "notes.odt" in third.skipped and third.embedded_chunks == 0
    answer = service().ask("کتابخانهٔ تازه در کدام محله ساخته می‌شود؟")
    assert any(p.source == "library-council.docx" for p in answer.passages)
