"""Load the documents of a corpus folder: read, date, cite and clean each one.

A document's id is its file stem. Its metadata comes, in order of precedence, from the
folder's `metadata.toml`, from front matter at the top of the file, from a dateline
found in the text; a document with no date loads with a warning and ranks behind dated
ones. A document that cannot be used is reported and skipped; the others still load.

Text extracted from a PDF holds a marker line (`<!-- page N -->`) before each page; the
loader removes the markers and keeps each paragraph's page number in `Document.pages`.

May import: bot.errors, bot.text, and the modules of bot.corpus below it (cleaning,
extract, front_matter, metadata, notices).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import CorpusError, DateError, DocumentError
from ..text.dates import PubDate, find_dateline, is_date_only_line, parse_published
from .cleaning import clean_lines, decode_text, text_field
from .extract import MAX_DOCUMENT_BYTES, PAGE_MARKER
from .front_matter import split_front_matter
from .metadata import METADATA_FILE, MetadataEntry, read_entries
from .notices import Notice
from .staging import settle

__all__ = [
    "DOCUMENT_SUFFIXES",
    "Document",
    "LoadedCorpus",
    "corpus_files",
    "fingerprint",
    "load_corpus",
    "load_document",
    "shown_path",
]

DOCUMENT_SUFFIXES = (".txt", ".md")

DateSource = Literal["metadata", "front matter", "dateline"]


@dataclass(frozen=True)
class Document:
    """One cleaned document with what is known about where and when it came from."""

    id: str
    title: str
    text: str  # cleaned; paragraphs separated by blank lines
    publisher: str | None = None
    published: PubDate | None = None
    date_source: DateSource | None = None
    url: str | None = None
    kind: str | None = None
    path: str = ""
    pages: tuple[int, ...] = ()  # page number of each paragraph of `text`; empty when not paged


@dataclass(frozen=True)
class LoadedCorpus:
    """The documents that loaded, and one line for each problem met on the way."""

    documents: tuple[Document, ...]
    problems: tuple[Notice, ...] = field(default=())  # documents skipped, with the reason
    warnings: tuple[Notice, ...] = field(default=())  # documents loaded with a caveat


def corpus_files(folder: Path) -> list[Path]:
    """The files of a corpus folder that count: documents and the metadata file."""
    if not folder.is_dir():
        raise CorpusError(f"corpus folder not found: {folder}")
    settle(folder)  # an add killed half way through moving its files is finished first
    return sorted(
        p
        for p in folder.iterdir()
        if not p.name.startswith(".")
        and (p.suffix.lower() in DOCUMENT_SUFFIXES or p.name == METADATA_FILE)
        and p.name.upper() not in ("README.MD", "SOURCES.MD")
    )  # fmt: skip


def fingerprint(folder: Path) -> str:
    """A hash of every file of the corpus, its name and content: changes when any does."""
    digest = hashlib.sha256()
    for path in corpus_files(folder):
        digest.update(os.fsencode(path.name))  # a name that is not UTF-8 too, as its bytes
        digest.update(b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")  # loading will report it; the rest still counts
    return digest.hexdigest()


def _paragraphs(lines: list[str]) -> tuple[str, tuple[int, ...]]:
    """Join cleaned lines into paragraphs, one per line, and the page of each when marked."""
    paragraphs: list[str] = []
    pages: list[int] = []
    page: int | None = None
    for line in lines:
        marker = PAGE_MARKER.match(line)
        if marker:
            page = int(marker.group(1))
        elif line:
            paragraphs.append(line)
            pages.append(page or 1)
    return "\n\n".join(paragraphs), tuple(pages) if page is not None else ()


# --- loading --------------------------------------------------------------------------

_STAMP_SCAN_LINES = 10


def _load_document(path: Path, meta: MetadataEntry) -> tuple[Document, list[Notice]]:
    """Read, date and clean one document; raise DocumentError when it cannot be used."""
    warnings: list[Notice] = []
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            str(path), f"too large ({size // 1_048_576} MB; limit {MAX_DOCUMENT_BYTES // 1_048_576} MB)"
        )
    raw = decode_text(str(path), path.read_bytes())
    front, body = split_front_matter(raw, path)
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    published: PubDate | None = None
    date_source: DateSource | None = None
    dateline = find_dateline(lines)
    # Datelines and "Updated ..." stamps near the top are metadata, not passages.
    head = [line for line in lines[:_STAMP_SCAN_LINES] if not is_date_only_line(line)]
    lines = head + lines[_STAMP_SCAN_LINES:]

    if meta.published is not None:
        try:
            published = parse_published(meta.published, inferred=bool(meta.inferred))
        except DateError as exc:
            raise DocumentError(str(path), f"metadata: {exc}") from None
        date_source = "metadata"
    elif front.get("published") is not None:
        try:
            published = parse_published(front["published"])
        except DateError as exc:
            raise DocumentError(str(path), f"front matter: {exc}") from None
        date_source = "front matter"
    elif dateline is not None:
        published, date_source = dateline[1], "dateline"

    cleaned = clean_lines(lines)
    text, pages = _paragraphs(cleaned)
    if not text.strip():
        raise DocumentError(str(path), "empty after cleaning" if raw.strip() else "empty file")
    if published is None:
        reason = "undated (no metadata, front matter or dateline); ranked behind dated documents"
        warnings.append(Notice("undated", reason, str(path)))

    first_line = next((line for line in cleaned if line and not PAGE_MARKER.match(line)), path.stem)
    title = (
        meta.title
        or text_field(front.get("title"))
        or (first_line if len(first_line.split()) <= 25 else " ".join(first_line.split()[:12]) + "…")
    )
    publisher = meta.publisher or text_field(front.get("source")) or text_field(front.get("publisher"))
    url = meta.url or text_field(front.get("url"))
    document = Document(
        id=path.stem,
        title=title,
        text=text,
        publisher=publisher,
        published=published,
        date_source=date_source,
        url=url,
        kind=meta.kind,
        path=str(path),
        pages=pages,
    )
    return document, warnings


def shown_path(path: Path) -> str:
    """A path as it can be printed and saved: bytes of its name that are not UTF-8 (which
    Python holds as lone surrogates) shown as �. Differs from `str(path)` only for those."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def load_document(path: Path, meta: MetadataEntry | None = None) -> tuple[Document, list[Notice]]:
    """Load one document file with its metadata entry; DocumentError when it cannot be used."""
    if shown_path(path) != str(path):
        raise DocumentError(shown_path(path), "the file name is not valid UTF-8; rename the file")
    try:
        return _load_document(path, meta or MetadataEntry())
    except DocumentError:
        raise
    except OSError as exc:
        raise DocumentError(str(path), f"unreadable ({exc.strerror or exc})") from None
    except Exception as exc:  # whatever else one document does, the others still load
        detail = " ".join(str(exc).split())[:80]
        raise DocumentError(str(path), f"cannot be loaded ({type(exc).__name__}: {detail})") from None


def load_corpus(folder: Path) -> LoadedCorpus:
    """Load every document of a folder; report, and skip, the ones that cannot be used."""
    files = corpus_files(folder)
    metadata, problems = read_entries(folder)
    documents: list[Document] = []
    warnings: list[Notice] = []
    seen_ids: dict[str, Path] = {}
    for path in files:
        if path.name == METADATA_FILE:
            continue
        if path.stem in seen_ids:
            reason = f"skipped, id {path.stem!r} is already {seen_ids[path.stem].name}"
            problems.append(Notice("skipped", reason, str(path)))
            continue
        try:
            document, notes = load_document(path, metadata.get(path.stem))
        except DocumentError as exc:
            problems.append(Notice("skipped", exc.problem, exc.path))
            continue
        seen_ids[path.stem] = path
        documents.append(document)
        warnings.extend(notes)
    for doc_id in sorted(set(metadata) - set(seen_ids)):
        stray = f"entry {doc_id!r} names no document"
        warnings.append(Notice("stray entry", stray, str(folder / METADATA_FILE)))
    if not documents:
        detail = f" ({problems[0]})" if problems else ""
        raise CorpusError(f"no usable document in {folder}{detail}")
    return LoadedCorpus(tuple(documents), tuple(problems), tuple(warnings))
