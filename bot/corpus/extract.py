"""Turn a file of any accepted format into plain text and the metadata found in it.

Accepted: `.txt`, `.md` (kept as they are), `.html`/`.htm` (main text, title, publisher,
URL and publication date found in the page by trafilatura and htmldate), `.pdf` (the text
of each page, page numbers kept) and `.docx`. Every failure is a `DocumentError` naming
the file and what is wrong with it, so callers can refuse the file and change nothing.

PDF and Word files carry creation and modification dates, but those date the file, not
the publication (a PDF printed today says today), so they are never used as the date.

May import: bot.errors, bot.corpus.cleaning; the readers of each format (trafilatura,
htmldate, pypdf, python-docx), deferred until a file of that format is read.
"""

from __future__ import annotations

import errno
import io
import logging
import os
import stat
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import DocumentError
from ..text.patterns import lazy_compile
from .cleaning import decode_text, text_field

__all__ = [
    "DEFAULT_MAX_ADD_BYTES",
    "FORMATS",
    "MAX_DOCUMENT_BYTES",
    "MAX_DOCX_ENTRIES",
    "MAX_DOCX_RATIO",
    "MAX_DOCX_UNPACKED_BYTES",
    "MAX_HTML_DEPTH",
    "PAGE_MARKER",
    "Extracted",
    "extract",
    "file_format",
    "page_marker",
    "read_source",
]

#: Files larger than this are refused before they are read: no article is this big.
#: The largest document accepted, whether it is added or loaded from the corpus folder.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_ADD_BYTES = MAX_DOCUMENT_BYTES
#: A Word file is a zip: what it unpacks to is checked before anything is unpacked, as a
#: small file can hold gigabytes of XML (a "zip bomb"). Limits on all its parts together,
#: on how many parts it has, and on how far one large part is compressed (Word's own XML
#: compresses about 10 to 1).
MAX_DOCX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_DOCX_ENTRIES = 10_000
MAX_DOCX_RATIO = 100
_DOCX_RATIO_FROM_BYTES = 1024 * 1024  # small parts may compress further: they cost nothing
#: An HTML page nested deeper than this is refused: the HTML parser stops at 256 levels
#: and would silently drop the text below them. Real pages nest a few dozen levels.
MAX_HTML_DEPTH = 200

Format = Literal["txt", "md", "html", "pdf", "docx"]
FORMATS: dict[str, Format] = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
#: A line of stored text that starts a PDF page; the loader turns it back into page numbers.
PAGE_MARKER = lazy_compile(r"^<!--\s*page\s+(\d+)\s*-->$")

# PDF text has no paragraph marks, only lines: a line ending a sentence, or this much
# shorter than the page's longest line (a heading, a paragraph's last line), ends one.
_SHORT_LINE_SHARE = 0.7
_SENTENCE_END = lazy_compile(r"[.!?:][\"”’')]*$")


@dataclass(frozen=True)
class Extracted:
    """A file's text, as paragraphs separated by blank lines, and what it says about itself."""

    format: Format
    text: str  # PDF text holds a page marker line before each page's paragraphs
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # as found (ISO for HTML); parsed by the loader
    date_found: str | None = None  # where the date was found, e.g. "page metadata"
    url: str | None = None
    pages: int | None = None  # PDF only
    verbatim: bool = False  # txt/md: the file is stored as it is


def page_marker(number: int) -> str:
    """The stored line that starts page `number` of a PDF."""
    return f"<!-- page {number} -->"


def _fail(path: Path, problem: str) -> DocumentError:
    return DocumentError(str(path), problem)


def _plain(path: Path, fmt: Format, data: bytes) -> Extracted:
    text = decode_text(str(path), data, "; save it as UTF-8 and add it again")
    if not text.strip():
        raise _fail(path, "empty file")
    return Extracted(fmt, text, verbatim=True)


def _html(path: Path, data: bytes) -> Extracted:
    import trafilatura  # deferred: heavy, and only adding a page needs it
    from htmldate import find_date
    from trafilatura.utils import decode_file

    html = decode_file(data)  # the page's own charset, not always UTF-8
    depth = _html_depth(html)
    if depth > MAX_HTML_DEPTH:
        raise _fail(
            path,
            f"the page is nested too deeply ({depth} levels or more; the limit is {MAX_HTML_DEPTH}):"
            " its text would be cut off",
        )
    text = trafilatura.extract(
        html, output_format="txt", include_comments=False, include_tables=True, favor_recall=True
    )
    if not text or not text.strip():
        raise _fail(path, "no article text found in the page")
    meta = trafilatura.extract_metadata(html)
    # Only what the page states about itself (meta tags, structured data, <time>): the
    # extensive search would guess a date from any number in the text.
    date = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    paragraphs = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return Extracted(
        "html",
        paragraphs,
        title=text_field(meta.title) if meta else None,
        publisher=text_field(meta.sitename) if meta else None,
        published=date,
        date_found="page metadata" if date else None,
        url=text_field(meta.url) if meta else None,
    )


def _etree() -> Any:
    from lxml import etree  # type: ignore[import-untyped]  # deferred: heavy; no stubs installed

    return etree


def _html_depth(html: str) -> int:
    """How many elements deep the page is nested, as the parser trafilatura uses reads it
    (the parser stops at 256 levels, so a deeper page reads as 256 or so)."""
    etree = _etree()
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return 0  # not HTML at all: extraction says so
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _reflow(page_text: str) -> list[str]:
    """The paragraphs of a PDF page: wrapped lines joined, hyphenated words rejoined."""
    lines = [" ".join(line.split()) for line in page_text.splitlines()]
    widest = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current.endswith("-") and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}" if current else line
        if _SENTENCE_END.search(line) or len(line) < _SHORT_LINE_SHARE * widest:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _has_images(page: Any) -> bool:
    """Whether a PDF page draws an image or a form (a scan is often wrapped in one), read from
    its resources: no image decoder needed."""
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    xobjects = resources.get("/XObject")
    if xobjects is None:
        return False
    xobjects = xobjects.get_object()
    return any(xobjects[name].get_object().get("/Subtype") in ("/Image", "/Form") for name in xobjects)


def _pdf(path: Path, data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    # pypdf logs what it repairs ("EOF marker not found"); the user gets one line from us.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _fail(path, "encrypted PDF (it needs a password); add an unencrypted copy")
        pages: list[str] = []
        for number, page in enumerate(reader.pages, start=1):
            text = page.extract_text() or ""
            if not text.strip():
                if _has_images(page):
                    raise _fail(
                        path, f"page {number} is an image with no text layer (scanned?); run OCR on it first"
                    )
                continue  # a blank page
            pages.append(page_marker(number) + "\n\n" + "\n\n".join(_reflow(text)))
        title = text_field(reader.metadata.title) if reader.metadata else None
        count = len(reader.pages)
    except (FileNotDecryptedError, DependencyError):
        raise _fail(path, "encrypted PDF (it needs a password); add an unencrypted copy") from None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise _fail(path, f"unreadable PDF ({type(exc).__name__}: {str(exc)[:80]})") from None
    if not pages:
        raise _fail(path, "the PDF has no text on any page")
    return Extracted("pdf", "\n\n".join(pages), title=title, pages=count)


def _check_zip(path: Path, data: bytes) -> None:
    """Refuse a zip that would unpack to too much, before anything is unpacked."""
    # The entry count, from the end record, before zipfile reads one object per entry.
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        raise _fail(path, "not a readable Word document, or encrypted (no zip directory)")
    entries, directory_size = struct.unpack_from("<HI", data, end + 10)
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF:
        raise _fail(path, "not a Word document: a ZIP64 archive (over 65,535 parts or 4 GB)")
    if entries > MAX_DOCX_ENTRIES:
        raise _fail(path, f"not a Word document: {entries:,} parts (the limit is {MAX_DOCX_ENTRIES:,})")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    if len(infos) > MAX_DOCX_ENTRIES:
        raise _fail(path, f"not a Word document: {len(infos):,} parts (the limit is {MAX_DOCX_ENTRIES:,})")
    # zipfile never unpacks more than an entry's stated size (a larger one fails its CRC
    # check), so the stated sizes bound what unpacking can cost.
    total = sum(info.file_size for info in infos)
    if total > MAX_DOCX_UNPACKED_BYTES:
        raise _fail(
            path,
            f"unpacks to {total / 1_048_576:,.0f} MB (the limit is"
            f" {MAX_DOCX_UNPACKED_BYTES // 1_048_576} MB); a zip bomb, not a document",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _DOCX_RATIO_FROM_BYTES and ratio > MAX_DOCX_RATIO:
            raise _fail(
                path,
                f"part {info.filename[:60]!r} is compressed {ratio:,.0f} to 1 (the limit is"
                f" {MAX_DOCX_RATIO} to 1); a zip bomb, not a document",
            )


def _docx(path: Path, data: bytes) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    etree = _etree()

    try:
        _check_zip(path, data)
        document = docx.Document(io.BytesIO(data))
        paragraphs = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                paragraphs.append(" | ".join(dict.fromkeys(c for c in cells if c)))
        title = text_field(document.core_properties.title)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        # An encrypted .docx is an OLE container, not a zip: it lands here too.
        raise _fail(path, f"not a readable Word document, or encrypted ({type(exc).__name__})") from None
    except etree.LxmlError as exc:  # XML that does not parse, or a text node over lxml's 10 MB
        detail = " ".join(str(exc).split())[:80]
        raise _fail(path, f"not a readable Word document: its XML does not parse ({detail})") from None
    text = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    if not text:
        raise _fail(path, "the Word document has no text")
    # The author is a person who wrote the file, not a publisher: not used.
    return Extracted("docx", text, title=title)


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_ADD_BYTES) -> bytes:
    """The bytes of a file to be added, read once; DocumentError for a symbolic link (never
    followed: its target is not what was named), a file too large, or no regular file."""
    try:
        if path.is_symlink():
            raise _fail(path, "a symbolic link; links are not followed: add the file itself")
        if not path.exists():
            raise _fail(path, "no such file")
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise _fail(path, "not a file")
            if info.st_size > max_bytes:
                limit = max_bytes / 1_048_576
                raise _fail(
                    path, f"too large ({info.st_size / 1_048_576:.0f} MB; the limit is {limit:.0f} MB)"
                )
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # made a link since it was checked
            raise _fail(path, "a symbolic link; links are not followed: add the file itself") from None
        raise _fail(path, f"unreadable ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # grew while it was read
        raise _fail(path, f"too large (over {max_bytes / 1_048_576:.0f} MB)")
    if not data:
        raise _fail(path, "empty file")
    return data


def file_format(path: Path) -> Format:
    """The format of a file, by its extension; DocumentError for one not accepted."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        accepted = ", ".join(sorted(set(FORMATS)))
        raise _fail(path, f"unsupported format {path.suffix or '(no extension)'!r}; accepted: {accepted}")
    return fmt


def extract(path: Path, max_bytes: int = DEFAULT_MAX_ADD_BYTES, data: bytes | None = None) -> Extracted:
    """The text and found metadata of a file; DocumentError when it cannot be used.

    `data` is the file's content when the caller has read it already (with `read_source`).
    """
    fmt = file_format(path)
    if data is None:
        data = read_source(path, max_bytes)
    try:
        if fmt in ("txt", "md"):
            return _plain(path, fmt, data)
        if fmt == "html":
            return _html(path, data)
        if fmt == "pdf":
            return _pdf(path, data)
        return _docx(path, data)
    except DocumentError:
        raise
    except Exception as exc:  # a hostile or broken file: refused, whatever the library raised
        detail = " ".join(str(exc).split())[:80]
        raise _fail(path, f"cannot be read as {fmt.upper()} ({type(exc).__name__}: {detail})") from None
