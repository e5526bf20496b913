"""Load the documents of a corpus folder: read, date, cite and clean each one.

A document's id is its file stem. Its metadata comes, in order of precedence, from the
folder's `metadata.toml`, from front matter at the top of the file, from a dateline
found in the text; a document with no date loads with a warning and ranks behind dated
ones. A document that cannot be used is reported and skipped; the others still load.

Text extracted from a PDF holds a marker line (`<!-- page N -->`) before each page; the
loader removes the markers and keeps each paragraph's page number in `Document.pages`.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .dates import PubDate, find_dateline, is_date_only_line, parse_published
from .errors import CorpusError, DateError, DocumentError
from .extract import MAX_DOCUMENT_BYTES, PAGE_MARKER

__all__ = [
    "DOCUMENT_SUFFIXES",
    "METADATA_FILE",
    "Document",
    "LoadedCorpus",
    "clean_lines",
    "corpus_files",
    "fingerprint",
    "load_corpus",
    "load_document",
    "read_metadata",
    "shown_path",
]

METADATA_FILE = "metadata.toml"
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
    problems: tuple[str, ...] = field(default=())  # documents skipped, with the reason
    warnings: tuple[str, ...] = field(default=())  # documents loaded with a caveat


def corpus_files(folder: Path) -> list[Path]:
    """The files of a corpus folder that count: documents and the metadata file."""
    if not folder.is_dir():
        raise CorpusError(f"corpus folder not found: {folder}")
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


def read_metadata(folder: Path) -> tuple[dict[str, dict[str, object]], list[str]]:
    """The entries of a folder's metadata file by document id, and a line per problem."""
    path = folder / METADATA_FILE
    if not path.exists():
        return {}, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return {}, [f"{path}: metadata file ignored, it does not parse ({exc})"]
    except OSError as exc:
        return {}, [f"{path}: metadata file ignored, it cannot be read ({exc.strerror or exc})"]
    entries = {k: v for k, v in data.items() if isinstance(v, dict)}
    return entries, []


# --- cleaning -------------------------------------------------------------------------

# Page clutter, recognised by what it says rather than by which site printed it. A line is
# clutter when it is short and its words are those of ads, sign-up and paywall prompts.
_CLUTTER_LINE = re.compile(
    r"""(?ix)^(
        (hide|show|skip)\s+ad(vert(isement)?)?s? | advert(isement)?s? | sponsored(\s+content)? |
        (sign\s+up|subscribe|get|receive|join|register)\b.{0,40}\bnewsletters?\b.{0,40} |
        .{0,40}\bnewsletters?\b.{0,40}[^.!?"”] |
        (sign|log)\s+(up|in)\b.{0,60} | subscribe\b.{0,60} | .{0,40}\bsubscriber[- ]only\b.{0,40} |
        already\s+(have\s+an\s+account|a\s+subscriber)\b.{0,60} |
        (register|subscribe)\s+(now|today)\b.{0,60} | why\s+not\s+register\b.* |
        what'?s\s+included | read\s+more\b.{0,60} | share\s+(this|on)\b.{0,40} |
        (click|tap)\s+here\b.{0,60} | .{0,20}\bcookies?\b.{0,60}\b(accept|consent|policy)\b.{0,20} |
        (image|photo|picture)\s*(credit)?\s*:.{0,80} | [-–—•*·|]+
    )$""",
)
# A paywall: everything from a "register/subscribe to continue reading" line on is not article.
_PAYWALL_START = re.compile(
    r"(?i)^(register|subscribe|sign\s+up|log\s+in)\b.{0,30}\bto\s+(continue|keep)\s+reading\W*$"
)
_CLUTTER_MAX_WORDS = 12
# A prompt is a fragment; a line ending like a sentence is article text, whatever its words.
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*$")
_STAMP_SCAN_LINES = 10


def _normalise_line(line: str) -> str:
    return " ".join(line.replace("\u00a0", " ").split())


def _undouble(line: str) -> str:
    """A caption printed twice on one line ("X.X.") becomes one ("X.")."""
    half = len(line) // 2
    for cut in (half, half + 1, half - 1):
        left, right = line[:cut].strip(), line[cut:].strip()
        if left and left == right:
            return left
    return line


def clean_lines(lines: Iterable[str]) -> list[str]:
    """Drop page clutter, paywall tails and lines repeated within the document."""
    kept: list[str] = []
    seen: set[str] = set()
    for raw in lines:
        line = _undouble(_normalise_line(raw))
        if not line:
            kept.append("")
            continue
        if _PAYWALL_START.match(line):
            break
        if (
            len(line.split()) <= _CLUTTER_MAX_WORDS
            and _CLUTTER_LINE.match(line)
            and not _SENTENCE_END.search(line)
        ):
            continue
        key = line.casefold()
        if key in seen:
            continue  # repeated captions, pull quotes and ads say nothing new
        seen.add(key)
        kept.append(line)
    return kept


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


#: Front matter longer than this is refused unread: a title, a date and a source take a few lines.
MAX_FRONT_MATTER_CHARS = 64 * 1024
_FRONT_MATTER_START = re.compile(r"^-{3,}\s*$", re.MULTILINE)  # as python-frontmatter's


@functools.cache
def _front_matter_loader() -> type[Any]:
    """A YAML SafeLoader that refuses aliases: `*name` can repeat a node without end (the
    "billion laughs"), and front matter has no use for them."""
    import yaml  # deferred: only documents with front matter need YAML
    from yaml.composer import ComposerError
    from yaml.events import AliasEvent
    from yaml.nodes import Node

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent: Node | None, index: int) -> Node | None:
            if self.check_event(AliasEvent):
                event = self.get_event()  # type: ignore[no-untyped-call]
                raise ComposerError(None, None, "aliases (*name) are not allowed", event.start_mark)
            return super().compose_node(parent, index)

    return NoAliasLoader


def _split_front_matter(text: str, path: Path) -> tuple[dict[str, object], str]:
    """The YAML front matter of a document and the text after it (as python-frontmatter splits
    them); DocumentError when the front matter is too long, does not parse or holds a value
    that cannot be built (an impossible date such as 2016-02-30)."""
    if not text.startswith("---"):
        return {}, text
    import yaml

    text = text.strip()
    parts = _FRONT_MATTER_START.split(text, 2) if _FRONT_MATTER_START.match(text) else []
    if len(parts) != 3:
        return {}, text  # no closing line: no front matter, all of it is text
    _, front, content = parts
    if len(front) > MAX_FRONT_MATTER_CHARS:
        raise DocumentError(
            str(path), f"front matter too long ({len(front):,} characters; limit {MAX_FRONT_MATTER_CHARS:,})"
        )
    try:
        data = yaml.load(front, Loader=_front_matter_loader())
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        raise DocumentError(str(path), f"front matter does not parse ({first})") from None
    except (ValueError, OverflowError, RecursionError) as exc:
        # Raised while building a value: a date that does not exist (2016-02-30, year 0),
        # an integer too long to convert, nesting too deep to follow.
        detail = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
        raise DocumentError(str(path), f"front matter does not parse ({detail})") from None
    return (dict(data) if isinstance(data, dict) else {}), content.strip()


def _text_field(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _load_document(path: Path, meta: dict[str, object]) -> tuple[Document, list[str]]:
    """Read, date and clean one document; raise DocumentError when it cannot be used."""
    warnings: list[str] = []
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentError(
            str(path), f"too large ({size // 1_048_576} MB; limit {MAX_DOCUMENT_BYTES // 1_048_576} MB)"
        )
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(str(path), f"not UTF-8 text (byte {exc.start})") from None
    if "\x00" in raw:
        raise DocumentError(str(path), "binary file, not text")
    front, body = _split_front_matter(raw, path)
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    published: PubDate | None = None
    date_source: DateSource | None = None
    dateline = find_dateline(lines)
    # Datelines and "Updated ..." stamps near the top are metadata, not passages.
    head = [line for line in lines[:_STAMP_SCAN_LINES] if not is_date_only_line(line)]
    lines = head + lines[_STAMP_SCAN_LINES:]

    if "published" in meta:
        try:
            published = parse_published(meta["published"], inferred=bool(meta.get("inferred", False)))
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
        warnings.append(
            f"{path}: undated (no metadata, front matter or dateline); ranked behind dated documents"
        )

    first_line = next((line for line in cleaned if line and not PAGE_MARKER.match(line)), path.stem)
    title = (
        _text_field(meta.get("title"))
        or _text_field(front.get("title"))
        or (first_line if len(first_line.split()) <= 25 else " ".join(first_line.split()[:12]) + "…")
    )
    publisher = (
        _text_field(meta.get("publisher"))
        or _text_field(front.get("source"))
        or _text_field(front.get("publisher"))
    )
    url = _text_field(meta.get("url")) or _text_field(front.get("url"))
    document = Document(
        id=path.stem,
        title=title,
        text=text,
        publisher=publisher,
        published=published,
        date_source=date_source,
        url=url,
        kind=_text_field(meta.get("kind")),
        path=str(path),
        pages=pages,
    )
    return document, warnings


def shown_path(path: Path) -> str:
    """A path as it can be printed and saved: bytes of its name that are not UTF-8 (which
    Python holds as lone surrogates) shown as �. Differs from `str(path)` only for those."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def load_document(path: Path, meta: dict[str, object] | None = None) -> tuple[Document, list[str]]:
    """Load one document file with its metadata entry; DocumentError when it cannot be used."""
    if shown_path(path) != str(path):
        raise DocumentError(shown_path(path), "the file name is not valid UTF-8; rename the file")
    try:
        return _load_document(path, meta or {})
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
    metadata, problems = read_metadata(folder)
    documents: list[Document] = []
    warnings: list[str] = []
    seen_ids: dict[str, Path] = {}
    for path in files:
        if path.name == METADATA_FILE:
            continue
        if path.stem in seen_ids:
            problems.append(f"{path}: skipped, id {path.stem!r} is already {seen_ids[path.stem].name}")
            continue
        try:
            document, notes = load_document(path, metadata.get(path.stem, {}))
        except DocumentError as exc:
            problems.append(str(exc))
            continue
        seen_ids[path.stem] = path
        documents.append(document)
        warnings.extend(notes)
    for doc_id in sorted(set(metadata) - set(seen_ids)):
        warnings.append(f"{folder / METADATA_FILE}: entry {doc_id!r} names no document")
    if not documents:
        detail = f" ({problems[0]})" if problems else ""
        raise CorpusError(f"no usable document in {folder}{detail}")
    return LoadedCorpus(tuple(documents), tuple(problems), tuple(warnings))
