"""Reading uploaded files and naming them safely; every refusal carries a Persian reason."""

from __future__ import annotations

import codecs
import io
import zipfile

import pytest

from bot.answering.types import DocumentError
from bot.document_upload import extract_text, safe_document_name
from embeddings import readers
from tests.document_factory import (
    document_xml,
    make_blank_pdf,
    make_docx,
    make_pdf,
    make_zip_bomb_docx,
)

PERSIAN = "کتابخانهٔ مرکزی تبریز هر روز باز است.\nعضویت رایگان است."


@pytest.mark.parametrize(
    "data",
    [
        PERSIAN.encode("utf-8"),
        codecs.BOM_UTF8 + PERSIAN.encode("utf-8"),
        codecs.BOM_UTF16_LE + PERSIAN.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + PERSIAN.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom"],
)
def test_plain_text_encodings(data: bytes) -> None:
    assert extract_text("گزارش.txt", data) == PERSIAN


def test_windows_1256_text_with_crlf() -> None:
    # Windows-1256 has no Persian yeh; files saved in it use the Arabic one.
    legacy = PERSIAN.replace("ٔ", "").replace("ی", "ي")
    data = legacy.replace("\n", "\r\n").encode("cp1256")
    assert extract_text("گزارش.txt", data) == legacy


def test_markdown_is_read_as_text() -> None:
    assert extract_text("یادداشت.MD", "# عنوان\n\nمتن".encode()) == "# عنوان\n\nمتن"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "متن ساده نیست"),
        ("a.txt", b" \n\t ", "متنی در این سند پیدا نکردم"),
        ("a.txt", "Café déjà vu, élève français".encode("latin-1"), "رمزگذاری"),
        ("a.exe", b"MZ", "نمی‌پذیرم"),
        ("a.docx", b"not a zip", "Word خراب"),
        ("a.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "قالب قدیمی"),
        ("a.docx", make_docx([], xml="<w:document"), "Word خراب"),
        ("a.docx", make_docx([""]), "متنی در این سند پیدا نکردم"),
        ("a.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "PDF خراب"),
        ("a.pdf", b"GIF89a", "PDF خراب"),
        ("a.pdf", make_blank_pdf(), "متنی پیدا نکردم"),
        ("a.pdf", make_blank_pdf(password="رمز"), "رمزدار"),
    ],
    ids=[
        "binary-txt",
        "blank-txt",
        "undecodable-txt",
        "exe",
        "not-zip",
        "legacy-doc",
        "bad-xml",
        "empty-docx",
        "broken-pdf",
        "not-pdf",
        "scanned-pdf",
        "encrypted-pdf",
    ],
)
def test_unreadable_files_are_refused_with_a_persian_reason(
    name: str, data: bytes, reason: str
) -> None:
    with pytest.raises(DocumentError) as caught:
        extract_text(name, data)
    assert reason in caught.value.persian_message


def test_docx_paragraphs_tables_and_breaks() -> None:
    xml = document_xml(["پاراگراف یکم", "پاراگراف دوم"]).replace(
        "</w:body>",
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>خانهٔ جدول</w:t><w:tab/><w:t>ستون</w:t>"
        "<w:br/><w:t>سطر</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body>",
    )
    assert extract_text("a.docx", make_docx([], xml=xml)) == (
        "پاراگراف یکم\nپاراگراف دوم\nخانهٔ جدول\tستون\nسطر"
    )


def test_docx_zip_bomb_by_ratio_is_refused() -> None:
    with pytest.raises(DocumentError) as caught:
        extract_text("a.docx", make_zip_bomb_docx(megabytes=8))
    assert "بیش از اندازه بزرگ" in caught.value.persian_message


def test_docx_zip_bomb_by_total_size_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "DOCX_MAX_UNCOMPRESSED", 1000)
    with pytest.raises(DocumentError) as caught:
        extract_text("a.docx", make_docx(["متن " * 400]))
    assert "بیش از اندازه بزرگ" in caught.value.persian_message


def test_docx_with_a_lying_size_header_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document_xml(["متن " * 2000]))
    data = bytearray(buffer.getvalue())
    # Shrink the declared uncompressed size in the central directory to 10 bytes.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(DocumentError):
        extract_text("a.docx", bytes(data))


def test_docx_entity_expansion_is_refused() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "خنده">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(DocumentError) as caught:
        extract_text("a.docx", make_docx([], xml=laughs))
    assert "بیش از اندازه بزرگ" in caught.value.persian_message


def test_pdf_text_is_extracted() -> None:
    text = extract_text("a.pdf", make_pdf(["Maragheh observatory", "built (1259)"]))
    assert "Maragheh observatory" in text and "built (1259)" in text


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("گزارش سالانه ۱۴۰۲.PDF", "گزارش-سالانه-۱۴۰۲.pdf"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("..", "document"),
        (".bashrc", "bashrc"),
        ("نیم‌فاصله‌دار.md", "نیم‌فاصله‌دار.md"),
        ("a<b>|c:d*?.txt", "abcd.txt"),
        ("\x00\x1fنام.txt", "نام.txt"),
        ("", "document"),
        ("report.", "report"),
    ],
)
def test_safe_document_name(filename: str, expected: str) -> None:
    assert safe_document_name(filename) == expected


def test_safe_document_name_is_bounded() -> None:
    name = safe_document_name("ن" * 500 + ".txt")
    assert name.endswith(".txt") and len(name) <= 84 and "/" not in name
