"""Reads an uploaded file in a separate process with limits, so a hostile file costs one worker.

The parent (`extract_text_isolated`, awaited on the bot's event loop) starts
`python -m bot.upload_sandbox`, pipes it the file and waits at most `Limits.wall_seconds`.
The child caps its own address space and CPU time with `resource.setrlimit`, refuses a PDF
whose pages × content-stream size is too large before extracting anything (many pages can share
one huge stream, which no compression-ratio check sees) or a .docx whose XML is too big to
parse cheaply (repetitive XML passes the ratio check), runs the ordinary reader and caps the
characters it returns. Whatever happens in the child (a MemoryError, a crash, a hang) the
parent gets a `DocumentError` with a Persian reason; `kill_all` ends running children at
shutdown so the bot stops within seconds.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from dataclasses import asdict, dataclass

from bot import persian_messages as fa
from bot.answering.types import DocumentError

logger = logging.getLogger(__name__)

_RUNNING: set[asyncio.subprocess.Process] = set()


@dataclass(frozen=True)
class Limits:
    """What one parse may cost.

    Attributes:
        wall_seconds: Wall-clock time before the child is killed.
        memory_bytes: Address-space limit of the child (RLIMIT_AS).
        max_chars: Characters of text accepted from one file.
        pdf_content_bytes: Decoded content-stream bytes summed over all pages of a PDF.
        docx_xml_bytes: Size of a .docx's word/document.xml (a 5-million-character document
            is far below it; parsing costs ~15 bytes of memory per byte of XML).
    """

    wall_seconds: float = 60.0
    memory_bytes: int = 1024 * 1024 * 1024
    max_chars: int = 5_000_000
    pdf_content_bytes: int = 64 * 1024 * 1024
    docx_xml_bytes: int = 48 * 1024 * 1024


DEFAULT_LIMITS = Limits()


async def extract_text_isolated(filename: str, data: bytes, limits: Limits | None = None) -> str:
    """The text of an uploaded file, read in a limited child process (`DEFAULT_LIMITS`).

    Raises:
        DocumentError: Unreadable, too big, too slow or too costly; `persian_message` says why.
    """
    limits = limits or DEFAULT_LIMITS
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.upload_sandbox", filename, json.dumps(asdict(limits)),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _RUNNING.add(process)
    try:
        out, err = await asyncio.wait_for(process.communicate(data), limits.wall_seconds)
    except TimeoutError as exc:
        raise DocumentError(
            f"reading took over {limits.wall_seconds} s", fa.DOC_TOO_COSTLY
        ) from exc
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        _RUNNING.discard(process)
    try:
        result = json.loads(out)
    except ValueError:
        # Killed by a limit (SIGKILL/SIGXCPU) or crashed: the file cost more than it may.
        logger.warning("Upload reader for %r exited %s: %s", filename, process.returncode,
                       err.decode(errors="replace")[-300:])  # fmt: skip
        raise DocumentError(f"reader exited {process.returncode}", fa.DOC_TOO_COSTLY) from None
    if "text" not in result:
        raise DocumentError(result["error"], result["persian"])
    return result["text"]


def running() -> int:
    """How many readers are running now."""
    return sum(1 for p in _RUNNING if p.returncode is None)


def kill_all() -> None:
    """Kills every running reader (shutdown); their callers get a DocumentError."""
    for process in list(_RUNNING):
        if process.returncode is None:
            process.kill()


def check_pdf_cost(data: bytes, limit: int) -> None:
    """Refuses a PDF whose pages together draw more than `limit` decoded content bytes.

    A shared stream counts once per page that draws it, since extraction parses it per page;
    the check stops as soon as the sum passes the limit, so a hostile file is refused after
    decoding its stream once. Files pypdf can't open are left to the reader's own messages.
    """
    import io

    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return
        sizes: dict[object, int] = {}
        total = 0
        for page in reader.pages:
            contents = page.get("/Contents")
            streams = contents if isinstance(contents, pypdf.generic.ArrayObject) else [contents]
            for stream in streams:
                if stream is None:
                    continue
                key = getattr(stream, "idnum", None) or id(stream)
                if key not in sizes:
                    sizes[key] = len(stream.get_object().get_data())
                total += sizes[key]
                if total > limit:
                    raise DocumentError(
                        f"pages draw over {limit} bytes of content", fa.DOC_TOO_COSTLY
                    )
    except DocumentError:
        raise
    except Exception as exc:  # malformed: the reader says so in Persian
        logger.info("PDF cost check skipped: %s: %s", type(exc).__name__, exc)


def check_docx_cost(data: bytes, limit: int) -> None:
    """Refuses a .docx whose document.xml declares more than `limit` bytes.

    The reader's ratio guard lets through repetitive XML that compresses ~100x; parsing 100 MB
    of it takes seconds and gigabytes. Sizes that lie are caught by the reader's read cap and
    the memory limit.
    """
    import io
    import zipfile

    try:
        entry = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, ValueError):
        return  # the reader explains what is wrong
    if entry.file_size > limit:
        raise DocumentError(f"document.xml is {entry.file_size} bytes", fa.DOC_DOCX_BOMB)


def _child_main(filename: str, limits: Limits) -> dict:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    cpu = int(limits.wall_seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    from embeddings.readers import extract_text

    data = sys.stdin.buffer.read()
    try:
        if filename.lower().endswith(".pdf"):
            check_pdf_cost(data, limits.pdf_content_bytes)
        elif filename.lower().endswith(".docx"):
            check_docx_cost(data, limits.docx_xml_bytes)
        text = extract_text(filename, data)
        if len(text) > limits.max_chars:
            raise DocumentError(f"text has {len(text)} characters", fa.DOC_TOO_LONG)
        return {"text": text}
    except DocumentError as exc:
        return {"error": str(exc), "persian": exc.persian_message}
    except MemoryError:
        return {"error": "memory limit reached", "persian": fa.DOC_TOO_COSTLY}


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    outcome = _child_main(sys.argv[1], Limits(**json.loads(sys.argv[2])))
    sys.stdout.write(json.dumps(outcome, ensure_ascii=False))
