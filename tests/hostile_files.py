"""Hostile uploads built on the fly: costly to read, yet past the cheap size and ratio checks."""

from __future__ import annotations

import io
import random
import zipfile
import zlib

from tests.document_factory import _CONTENT_TYPES, _W_NS, pdf_file


def repetitive_docx(megabytes: int = 100, period: int = 4096, seed: int = 7) -> bytes:
    """A .docx whose document.xml is `megabytes` MB of one `period`-byte block repeated.

    Deflate stores each repeat as back-references of at most 258 bytes, so the ratio stays
    near 130x: under the 200x zip-bomb guard, yet the XML costs seconds and gigabytes to parse.
    """
    rng = random.Random(seed)
    words = ["".join(rng.choice("ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهی") for _ in range(6))
             for _ in range(period // 8)]  # fmt: skip
    block = "".join(f"<w:p><w:r><w:t>{w}</w:t></w:r></w:p>" for w in words).encode()
    block = block[: block.rfind(b"</w:p>") + 6]
    repeats = megabytes * 1024 * 1024 // len(block)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(f'<w:document xmlns:w="{_W_NS}"><w:body>'.encode())
            for _ in range(repeats):
                stream.write(block)
            stream.write(b"</w:body></w:document>")
    return buffer.getvalue()


def shared_stream_pdf(pages: int = 1999, stream_megabytes: int = 8) -> bytes:
    """A PDF of `pages` pages that all draw one big (compressed, tiny on disk) content stream."""
    line = b"BT /F1 12 Tf 72 720 Td (pasokh) Tj ET\n"
    content = zlib.compress(line * (stream_megabytes * 1024 * 1024 // len(line)), 9)
    kids = " ".join(f"{4 + n} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R"
        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"
        b" >> >>"
    )
    objects += [page] * pages
    return pdf_file(objects)
