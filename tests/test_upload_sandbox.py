"""Uploads are read in a limited child process: hostile files are refused, ordinary ones read."""

from __future__ import annotations

import io
import zipfile

import pytest

from bot import persian_messages as fa
from bot.answering.types import DocumentError
from bot.upload_sandbox import Limits, extract_text_isolated, running
from embeddings.readers import DOCX_MAX_RATIO, DOCX_MAX_UNCOMPRESSED, extract_text
from tests.document_factory import make_docx, make_pdf
from tests.hostile_files import repetitive_docx, shared_stream_pdf
from tests.telegram_harness import OBSERVATORY


async def test_docx_of_100_mb_repetitive_xml_under_the_ratio_guard_is_refused() -> None:
    data = repetitive_docx(megabytes=100)
    entry = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    # Past every cheap check of the in-process reader: this is the audit's 27 s, 1.7 GB file.
    assert 95 * 2**20 < entry.file_size < DOCX_MAX_UNCOMPRESSED
    assert entry.file_size / entry.compress_size < DOCX_MAX_RATIO
    with pytest.raises(DocumentError) as refused:
        await extract_text_isolated("hostile.docx", data)
    assert refused.value.persian_message == fa.DOC_DOCX_BOMB
    assert "document.xml is" in str(refused.value)  # by its size, before parsing
    # Without the size check, the memory limit stops it (here 512 MB, to be quicker).
    limits = Limits(docx_xml_bytes=2**40, memory_bytes=512 * 2**20)
    with pytest.raises(DocumentError) as refused:
        await extract_text_isolated("hostile.docx", data, limits)
    assert refused.value.persian_message == fa.DOC_TOO_COSTLY
    assert running() == 0


async def test_pdf_of_many_pages_sharing_one_big_stream_is_refused_before_extraction() -> None:
    data = shared_stream_pdf(pages=1999, stream_megabytes=8)
    assert len(data) < 1024 * 1024  # tiny on disk
    with pytest.raises(DocumentError) as refused:
        await extract_text_isolated("hostile.pdf", data)
    assert refused.value.persian_message == fa.DOC_TOO_COSTLY
    assert "content" in str(refused.value)  # the pages × content check, not a timeout


async def test_a_reader_over_its_wall_time_is_killed() -> None:
    data = shared_stream_pdf(pages=1999, stream_megabytes=8)
    limits = Limits(wall_seconds=1.0, pdf_content_bytes=2**50)  # no cost check: pure slowness
    with pytest.raises(DocumentError) as refused:
        await extract_text_isolated("slow.pdf", data, limits)
    assert refused.value.persian_message == fa.DOC_TOO_COSTLY
    assert running() == 0


async def test_extracted_characters_are_capped() -> None:
    text = "سند " * 3000
    with pytest.raises(DocumentError) as refused:
        await extract_text_isolated("long.txt", text.encode(), Limits(max_chars=10_000))
    assert refused.value.persian_message == fa.DOC_TOO_LONG


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("observatory.docx", make_docx([OBSERVATORY, "بند دوم"])),
        ("meeting.pdf", make_pdf(["Tabriz trade meeting", "second line"])),
        ("utf16.txt", b"\xff\xfe" + OBSERVATORY.encode("utf-16-le")),
    ],
)
async def test_ordinary_files_read_the_same_as_in_process(name: str, data: bytes) -> None:
    assert await extract_text_isolated(name, data) == extract_text(name, data)


async def test_unreadable_file_keeps_its_persian_reason() -> None:
    with pytest.raises(DocumentError) as refused:
        await extract_text_isolated("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    assert refused.value.persian_message == fa.DOC_PDF_BROKEN
