"""Turn a file of any accepted format into plain text and the metadata found in it.

Accepted: `.txt`, `.md` (kept as they are), `.html`/`.htm` (main text, title, publisher,
URL and publication date found in the page by trafilatura and htmldate), `.pdf` (the text
of each page, page numbers kept) and `.docx`. Every failure is a `DocumentError` naming
the file and what is wrong with it, so callers can refuse the file and change nothing.

PDF and Word files carry creation and modification dates, but those date the file, not
the publication (a PDF printed today says today), so they are never used as the date.
"""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import DocumentError

__all__ = [
    "DEFAULT_MAX_ADD_BYTES",
    "FORMATS",
    "PAGE_MARKER",
    "Extracted",
    "extract",
    "page_marker",
]

#: Files larger than this are refused before they are read: no article is this big.
#: The largest document accepted, whether it is added or loaded from the corpus folder.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_ADD_BYTES = MAX_DOCUMENT_BYTES

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
PAGE_MARKER = re.compile(r"^<!--\s*page\s+(\d+)\s*-->$")

# PDF text has no paragraph marks, only lines: a line ending a sentence, or this much
# shorter than the page's longest line (a heading, a paragraph's last line), ends one.
_SHORT_LINE_SHARE = 0.7
_SENTENCE_END = re.compile(r"[.!?:][\"”’')]*$")


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


def _decode(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(path, f"not UTF-8 text (byte {exc.start}); save it as UTF-8 and add it again") from None
    if "\x00" in text:
        raise _fail(path, "binary file, not text")
    return text


def _plain(path: Path, fmt: Format, data: bytes) -> Extracted:
    text = _decode(path, data)
    if not text.strip():
        raise _fail(path, "empty file")
    return Extracted(fmt, text, verbatim=True)


def _clean_field(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _html(path: Path, data: bytes) -> Extracted:
    import trafilatura  # deferred: heavy, and only adding a page needs it
    from htmldate import find_date
    from trafilatura.utils import decode_file

    html = decode_file(data)  # the page's own charset, not always UTF-8
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
        title=_clean_field(meta.title) if meta else None,
        publisher=_clean_field(meta.sitename) if meta else None,
        published=date,
        date_found="page metadata" if date else None,
        url=_clean_field(meta.url) if meta else None,
    )


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


def _pdf(path: Path) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    # pypdf logs what it repairs ("EOF marker not found"); the user gets one line from us.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(path)
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
        title = _clean_field(reader.metadata.title) if reader.metadata else None
        count = len(reader.pages)
    except (FileNotDecryptedError, DependencyError):
        raise _fail(path, "encrypted PDF (it needs a password); add an unencrypted copy") from None
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise _fail(path, f"unreadable PDF ({type(exc).__name__}: {str(exc)[:80]})") from None
    if not pages:
        raise _fail(path, "the PDF has no text on any page")
    return Extracted("pdf", "\n\n".join(pages), title=title, pages=count)


def _docx(path: Path) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        # An encrypted .docx is an OLE container, not a zip: it lands here too.
        raise _fail(path, f"not a readable Word document, or encrypted ({type(exc).__name__})") from None
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = [" ".join(c.text.split()) for c in row.cells]
            paragraphs.append(" | ".join(dict.fromkeys(c for c in cells if c)))
    text = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    if not text:
        raise _fail(path, "the Word document has no text")
    props = document.core_properties
    # The author is a person who wrote the file, not a publisher: not used.
    return Extracted("docx", text, title=_clean_field(props.title))


def extract(path: Path, max_bytes: int = DEFAULT_MAX_ADD_BYTES) -> Extracted:
    """The text and found metadata of a file; DocumentError when it cannot be used."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        accepted = ", ".join(sorted(set(FORMATS)))
        raise _fail(path, f"unsupported format {path.suffix or '(no extension)'!r}; accepted: {accepted}")
    try:
        if not path.is_file():
            raise _fail(path, "no such file" if not path.exists() else "not a file")
        size = path.stat().st_size
        if size > max_bytes:
            limit = max_bytes / 1_048_576
            raise _fail(path, f"too large ({size / 1_048_576:.0f} MB; the limit is {limit:.0f} MB)")
        if size == 0:
            raise _fail(path, "empty file")
        if fmt in ("txt", "md"):
            return _plain(path, fmt, path.read_bytes())
        if fmt == "html":
            return _html(path, path.read_bytes())
        if fmt == "pdf":
            return _pdf(path)
        return _docx(path)
    except OSError as exc:
        raise _fail(path, f"unreadable ({exc.strerror or exc})") from None
