"""Text out of document files (.txt, .md, .docx, .pdf): one reader for corpus/ and for uploads.

Anything that can't be read raises `DocumentError` with a Persian reason before the corpus is
touched. The .docx reader guards against zip bombs (total size, compression ratio, entry count)
and XML entity tricks; the .pdf reader refuses encrypted, broken and text-less files.
"""

from __future__ import annotations

import codecs
import io
import logging
import threading
import unicodedata
import zipfile
from pathlib import PurePath
from xml.etree import ElementTree

from bot import persian_messages as fa
from bot.answering.types import DocumentError

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
# Bump when a reader's output changes: indexes keep extracted texts keyed by file hash.
READER_VERSION = 2  # 2: PDFs read by pypdfium2 in reading order
_PDFIUM_LOCK = threading.Lock()
MAX_TEXT_CHARS = 5_000_000
DOCX_MAX_UNCOMPRESSED = 100 * 1024 * 1024
DOCX_MAX_RATIO = 200
DOCX_MAX_ENTRIES = 5_000
PDF_MAX_PAGES = 2_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def extract_text(filename: str, data: bytes) -> str:
    """Reads the text of a document file (a corpus file or an upload).

    Args:
        filename: The file's name; its suffix picks the reader.
        data: The file's bytes.

    Returns:
        The text, newlines normalized, never empty.

    Raises:
        DocumentError: Unsupported type, unreadable or empty; `persian_message` says why.
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix in (".txt", ".md"):
        text = _decode_plain_text(data)
    elif suffix == ".docx":
        text = _docx_text(data)
    elif suffix == ".pdf":
        text = _pdf_text(data)
    else:
        raise DocumentError(f"unsupported file type {suffix!r}", fa.DOC_UNSUPPORTED)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise DocumentError("no text in document", fa.DOC_EMPTY)
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(f"text has {len(text)} characters", fa.DOC_TOO_LONG)
    return text


def _decode_plain_text(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DocumentError(f"bad {encoding} text: {exc}", fa.DOC_ENCODING) from exc
    if b"\x00" in data:
        raise DocumentError("NUL bytes in a text file", fa.DOC_BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1256 is how Persian text was saved before UTF-8 took over. It maps every byte,
    # so only accept the result if it reads as Arabic-script text (not, say, Latin-1 French).
    text = data.decode("cp1256", errors="replace")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    letters = [c for c in text if c.isalpha()]
    arabic_script = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    if "\ufffd" in text or controls > len(text) // 100 or arabic_script * 2 < len(letters):
        raise DocumentError("neither UTF-8 nor Persian Windows-1256", fa.DOC_ENCODING)
    return text


def _docx_text(data: bytes) -> str:
    if data.startswith(_OLE_MAGIC):
        raise DocumentError("legacy .doc or encrypted .docx", fa.DOC_DOCX_LEGACY)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DocumentError(f"not a zip archive: {exc}", fa.DOC_DOCX_BROKEN) from exc
    with archive:
        entries = archive.infolist()
        declared = sum(entry.file_size for entry in entries)
        if len(entries) > DOCX_MAX_ENTRIES or declared > DOCX_MAX_UNCOMPRESSED:
            raise DocumentError(
                f"{len(entries)} entries, {declared} bytes uncompressed", fa.DOC_DOCX_BOMB
            )
        for entry in entries:
            ratio = entry.file_size / max(entry.compress_size, 1)
            if entry.file_size > 1024 * 1024 and ratio > DOCX_MAX_RATIO:
                raise DocumentError(f"{entry.filename} expands {ratio:.0f}x", fa.DOC_DOCX_BOMB)
        try:
            with archive.open("word/document.xml") as stream:
                # Sizes in the zip directory can lie; never read past the limit.
                xml = stream.read(DOCX_MAX_UNCOMPRESSED + 1)
        except KeyError as exc:
            raise DocumentError("no word/document.xml", fa.DOC_DOCX_BROKEN) from exc
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
            raise DocumentError(f"corrupt zip entry: {exc}", fa.DOC_DOCX_BROKEN) from exc
    if len(xml) > DOCX_MAX_UNCOMPRESSED:
        raise DocumentError("document.xml larger than declared", fa.DOC_DOCX_BOMB)
    # Word never writes a DOCTYPE; one can only be there to define entities (billion laughs).
    if b"<!DOCTYPE" in xml[:4096].upper() or b"<!ENTITY" in xml.upper():
        raise DocumentError("DOCTYPE/ENTITY in document.xml", fa.DOC_DOCX_BOMB)
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise DocumentError(f"bad XML: {exc}", fa.DOC_DOCX_BROKEN) from exc
    paragraphs = []
    for paragraph in root.iter(f"{_W}p"):
        pieces = []
        for node in paragraph.iter():
            if node.tag == f"{_W}t" and node.text:
                pieces.append(node.text)
            elif node.tag == f"{_W}tab":
                pieces.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                pieces.append("\n")
        paragraphs.append("".join(pieces))
    return "\n".join(paragraphs)


def _pdf_text(data: bytes) -> str:
    """Text of a PDF, page by page, in reading order (see `embeddings.pdf_text`)."""
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:
        raise DocumentError("pypdfium2 is not installed", fa.DOC_PDF_UNAVAILABLE) from exc
    from embeddings.pdf_text import page_lines

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise DocumentError("no %PDF header", fa.DOC_PDF_BROKEN)
    pages: list[str] = []
    # pdfium is not thread-safe; uploads and reloads may read PDFs from worker threads.
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if exc.err_code == pdfium.raw.FPDF_ERR_PASSWORD:
                raise DocumentError("encrypted PDF", fa.DOC_PDF_ENCRYPTED) from exc
            logger.info("unreadable PDF: %s", exc)
            raise DocumentError(f"unreadable PDF: {exc}", fa.DOC_PDF_BROKEN) from exc
        try:
            if len(document) > PDF_MAX_PAGES:
                raise DocumentError(
                    f"{len(document)} pages",
                    fa.DOC_PDF_TOO_LONG.format(pages=fa.fa_number(PDF_MAX_PAGES)),
                )
            total = 0
            for index in range(len(document)):
                text = "\n".join(page_lines(document[index].get_textpage()))
                total += len(text)
                if total > MAX_TEXT_CHARS:
                    raise DocumentError(f"more than {MAX_TEXT_CHARS} characters", fa.DOC_TOO_LONG)
                pages.append(text)
        except DocumentError:
            raise
        except Exception as exc:  # a page pdfium cannot parse: the file can't be read
            logger.info("unreadable PDF page: %s: %s", type(exc).__name__, exc)
            raise DocumentError(f"unreadable PDF: {exc}", fa.DOC_PDF_BROKEN) from exc
        finally:
            document.close()
    # Some producers map glyphs to Arabic presentation forms; NFKC maps them to letters.
    text = unicodedata.normalize("NFKC", "\n\n".join(pages))
    if not text.strip():
        raise DocumentError("PDF has no extractable text", fa.DOC_PDF_NO_TEXT)
    return text
