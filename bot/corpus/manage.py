"""Add, list and remove the documents of a corpus, keeping the corpus and its index in step.

Adding or removing is all or nothing. Every file is read and checked before anything in
the corpus changes. The new files are then moved into place and `metadata.toml` is
replaced whole (temporary file + `os.replace`). Last, the index is rebuilt through
`Engine.open(rebuild=True)`. If the rebuild fails, the corpus files are put back as they
were and the error says why. One change at a time: a lock file in the corpus folder
serialises concurrent adds and removes.

Storage in the corpus folder, for a document with id `NNN_<first 16 hex of its sha256>`:

- `.txt` and `.md` files are stored as they are, as `<id>.txt` / `<id>.md`;
- HTML, PDF and Word files are stored as `<id>.md`: front matter holding what the file
  said about itself (title, publication date, publisher, URL), then the extracted text,
  with a `<!-- page N -->` line before each PDF page; the original file is kept as
  `originals/<id>.<ext>`, which the loader never reads;
- `metadata.toml` gets an entry for the id: the source format and file name, the date it
  was added, the page count of a PDF, and whatever was given on the command line, which
  wins over everything the file says.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from .atomic import write_atomic
from .corpus import (
    DOCUMENT_SUFFIXES,
    METADATA_FILE,
    Document,
    corpus_files,
    load_corpus,
    load_document,
    read_metadata,
    shown_path,
)
from .dates import PubDate, parse_published
from .engine import Engine
from .errors import CorpusError, DocumentError, TrustbotError
from .extract import DEFAULT_MAX_ADD_BYTES, Extracted, extract, file_format, read_source
from .passages import split_document

__all__ = [
    "NEAR_DUPLICATE_RATIO",
    "AddOptions",
    "Added",
    "Listing",
    "Removed",
    "add_documents",
    "date_source_label",
    "list_documents",
    "remove_document",
]

ORIGINALS = "originals"
#: Two documents whose texts are this similar (rapidfuzz ratio, 0-100) are near-duplicates.
NEAR_DUPLICATE_RATIO = 90.0
_ID_NUMBER = re.compile(r"^(\d+)_")
_DATE_SOURCES = {"metadata": "metadata", "front matter": "front matter", "dateline": "found in text"}


@dataclass(frozen=True)
class AddOptions:
    """What the user states about the documents being added; it wins over what they say."""

    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Added:
    """A document now in the corpus and the index."""

    document: Document
    source: str  # the file it was added from
    passages: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Removed:
    """A document taken out of the corpus and the index."""

    doc_id: str
    files: tuple[str, ...]  # the files deleted, relative to the corpus folder
    documents_left: int


@dataclass(frozen=True)
class Listing:
    """One document of the corpus as `corpus list` shows it."""

    doc_id: str
    file: str
    title: str | None
    publisher: str | None
    published: PubDate | None
    date_source: str  # metadata, front matter, found in text (", inferred"), or undated
    passages: int
    format: str | None
    warnings: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        """The listing as one object of `corpus list --json`."""
        return {
            "id": self.doc_id,
            "file": self.file,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published.iso() if self.published else None,
            "precision": self.published.precision if self.published else None,
            "inferred": self.published.inferred if self.published else None,
            "date_source": self.date_source,
            "passages": self.passages,
            "format": self.format,
            "warnings": list(self.warnings),
        }


def date_source_label(document: Document) -> str:
    """Where a document's date came from, in words."""
    if document.published is None or document.date_source is None:
        return "undated"
    label = _DATE_SOURCES[document.date_source]
    return f"{label}, inferred" if document.published.inferred else label


# --- files ------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(corpus_dir: Path) -> Iterator[None]:
    """Hold a lock on the corpus folder itself: one add or remove at a time, no lock file left."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder not found: {corpus_dir}")
    try:
        fd = os.open(corpus_dir, os.O_RDONLY)
    except OSError as exc:
        raise CorpusError(f"cannot open the corpus folder {corpus_dir} ({exc.strerror or exc})") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        # With the lock held no other add or remove is under way: a staging or trash folder
        # still here is what a killed one left behind (its change had not been committed,
        # or, for a remove, its files were already out of the corpus).
        for leftover in (*corpus_dir.glob(".add-*"), *corpus_dir.glob(".remove-*")):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
        yield
    finally:
        os.close(fd)  # releases the lock


def _workspace(corpus_dir: Path, prefix: str) -> Path:
    """A new hidden folder in the corpus folder, where a change is prepared before it lands
    (a rename within one file system is atomic); CorpusError when the folder is read-only."""
    try:
        return Path(tempfile.mkdtemp(dir=corpus_dir, prefix=prefix))
    except OSError as exc:
        raise CorpusError(
            f"cannot write to the corpus folder {corpus_dir} ({exc.strerror or exc}); nothing changed"
        ) from None


def _toml_string(value: str) -> str:
    # A JSON string is a TOML basic string, once DEL is escaped too.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_section(doc_id: str, entry: dict[str, str | int | bool]) -> str:
    lines = [f"[{_toml_string(doc_id)}]"]
    for key, value in entry.items():
        if isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, int):
            lines.append(f"{key} = {value}")
        else:
            lines.append(f"{key} = {_toml_string(value)}")
    return "\n".join(lines) + "\n"


def _without_section(text: str, doc_id: str) -> str:
    """The metadata file's text without the entry of `doc_id`; other entries and comments kept."""
    lines = text.splitlines(keepends=True)
    header = re.compile(rf"^\s*\[\s*(\"{re.escape(doc_id)}\"|'{re.escape(doc_id)}'|{re.escape(doc_id)})\s*\]")
    start = next((n for n, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return text
    end = next((n for n in range(start + 1, len(lines)) if lines[n].lstrip().startswith("[")), len(lines))
    # Comments just above the next entry belong to it.
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    while start > 0 and not lines[start - 1].strip():
        start -= 1  # the blank line that separated the entry
    return "".join(lines[:start] + lines[end:])


def _check_metadata(text: str, path: Path) -> dict[str, object]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"{path} does not parse ({exc}); fix it before changing the corpus") from None


def _read_text(path: Path) -> str:
    if not path.exists():
        return ""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path} cannot be read ({exc})") from None


def _front_matter(extracted: Extracted) -> str:
    fields = {
        "title": extracted.title,
        "published": extracted.published,
        "date_found": extracted.date_found,
        "source": extracted.publisher,
        "url": extracted.url,
    }
    kept = {k: v for k, v in fields.items() if v is not None}
    if not kept:
        return ""
    return "---\n" + yaml.safe_dump(kept, sort_keys=False, allow_unicode=True, width=1000) + "---\n\n"


def _stored_name(doc_id: str, extracted: Extracted) -> str:
    return f"{doc_id}.txt" if extracted.format == "txt" else f"{doc_id}.md"


# --- add --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Staged:
    doc_id: str
    source: Path
    stored: Path  # in the staging folder
    original: Path | None  # a copy of the original file, for formats stored as extracted text
    entry: dict[str, str | int | bool]
    document: Document
    warnings: tuple[str, ...]


def _entry(
    source: Path, extracted: Extracted, options: AddOptions, published: PubDate | None
) -> dict[str, str | int | bool]:
    entry: dict[str, str | int | bool] = {}
    if options.title:
        entry["title"] = " ".join(options.title.split())
    if options.publisher:
        entry["publisher"] = " ".join(options.publisher.split())
    if published is not None:
        entry["published"] = published.iso()
        entry["inferred"] = False
        entry["note"] = "date given when the document was added"
    if options.url:
        entry["url"] = options.url.strip()
    entry["format"] = extracted.format
    entry["source_file"] = source.name
    if extracted.pages is not None:
        entry["pages"] = extracted.pages
    entry["added"] = dt.date.today().isoformat()
    return entry


def _stage(
    source: Path,
    doc_id: str,
    data: bytes,
    extracted: Extracted,
    options: AddOptions,
    published: PubDate | None,
    staging: Path,
) -> _Staged:
    stored = staging / _stored_name(doc_id, extracted)
    if extracted.verbatim:
        stored.write_bytes(data)
        original = None
    else:
        stored.write_text(_front_matter(extracted) + extracted.text + "\n", encoding="utf-8")
        original = staging / ORIGINALS / f"{doc_id}{source.suffix.lower()}"
        original.parent.mkdir(exist_ok=True)
        original.write_bytes(data)
    entry = _entry(source, extracted, options, published)
    try:
        document, notes = load_document(stored, dict(entry))  # the loader must accept it as stored
    except DocumentError as exc:
        raise DocumentError(str(source), exc.problem) from None
    warnings = tuple(note.removeprefix(f"{stored}: ") for note in notes)
    return _Staged(doc_id, source, stored, original, entry, document, warnings)


def _near_duplicates(document: Document, others: Sequence[Document]) -> list[str]:
    """Warnings naming the documents whose text is nearly the same as this one's."""
    found = []
    size = len(document.text)
    for other in others:
        if other.id == document.id or not other.text:
            continue
        shorter, longer = sorted((size, len(other.text)))
        if 2 * shorter < NEAR_DUPLICATE_RATIO / 100 * (shorter + longer):
            continue  # lengths this far apart cannot reach the ratio: skip the comparison
        score = fuzz.ratio(document.text, other.text, score_cutoff=NEAR_DUPLICATE_RATIO)
        if score:
            found.append(f"near-duplicate of {other.id} ({score:.0f}% alike)")
    return found


def _rebuild(corpus_dir: Path, index_dir: Path, changed: set[str]) -> Engine:
    """Rebuild and save the index; TrustbotError when that fails or leaves a changed document out."""
    engine = Engine.open(corpus_dir, index_dir, rebuild=True)
    if not engine.saved:
        raise TrustbotError(f"the index could not be saved to {index_dir}")
    left_out = [p for p in engine.skipped if Path(p.split(": ", 1)[0]).stem in changed]
    if left_out:
        raise TrustbotError(left_out[0])
    return engine


def add_documents(
    corpus_dir: Path,
    index_dir: Path,
    paths: Sequence[Path],
    options: AddOptions | None = None,
    max_bytes: int = DEFAULT_MAX_ADD_BYTES,
) -> list[Added]:
    """Add files to the corpus and the index, all of them or, on any error, none."""
    options = options or AddOptions()
    if not paths:
        raise TrustbotError("no file to add")
    if len(paths) > 1 and (options.title or options.url):
        raise TrustbotError("--title and --url describe one document: add the files one at a time")
    published = parse_published(options.published) if options.published is not None else None
    metadata_path = corpus_dir / METADATA_FILE
    with _locked(corpus_dir):
        metadata_text = _read_text(metadata_path)
        _check_metadata(metadata_text, metadata_path)
        existing = {p.stem for p in corpus_files(corpus_dir) if p.name != METADATA_FILE}
        number = 1 + max((int(m.group(1)) for i in existing if (m := _ID_NUMBER.match(i))), default=-1)
        staging = _workspace(corpus_dir, ".add-")
        try:
            staged: list[_Staged] = []
            digests: dict[str, str] = {i.rsplit("_", 1)[-1]: i for i in existing}
            for source in paths:
                if shown_path(source) != str(source):  # a name that is not UTF-8
                    raise DocumentError(
                        shown_path(source), "the file name is not valid UTF-8; rename the file"
                    )
                file_format(source)
                data = read_source(source, max_bytes)  # read once, a symbolic link refused
                if source.resolve().parent == corpus_dir.resolve():
                    raise DocumentError(str(source), f"already in the corpus folder, as {source.stem}")
                extracted = extract(source, max_bytes, data=data)
                digest = hashlib.sha256(data).hexdigest()[:16]
                if digest in digests:
                    raise DocumentError(str(source), f"already in the corpus as {digests[digest]}")
                doc_id = f"{number:03d}_{digest}"
                try:
                    staged.append(_stage(source, doc_id, data, extracted, options, published, staging))
                except OSError as exc:
                    raise TrustbotError(
                        f"nothing added: cannot write to {staging} ({exc.strerror or exc})"
                    ) from None
                digests[digest] = doc_id
                number += 1
            return _commit(corpus_dir, index_dir, staged, metadata_text)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _commit(corpus_dir: Path, index_dir: Path, staged: list[_Staged], metadata_text: str) -> list[Added]:
    metadata_path = corpus_dir / METADATA_FILE
    current = metadata_text
    for s in staged:  # an entry left behind by a document deleted by hand no longer applies
        current = _without_section(current, s.doc_id)
    sections = "".join("\n" + _toml_section(s.doc_id, s.entry) for s in staged)
    new_text = current.rstrip("\n") + "\n" + sections if current.strip() else sections.lstrip()
    _check_metadata(new_text, metadata_path)
    placed: list[Path] = []
    originals = corpus_dir / ORIGINALS
    made_originals = not originals.exists()
    had_metadata = metadata_path.exists()
    try:
        # Metadata first: if the process dies before the files land, an entry that names no
        # document is a warning, while a document without its entry (its --published,
        # --title) would be silently misdated.
        write_atomic(metadata_path, new_text.encode("utf-8"))
        for s in staged:
            if s.original is not None:
                target = originals / s.original.name
                originals.mkdir(exist_ok=True)
                os.replace(s.original, target)
                placed.append(target)
            target = corpus_dir / s.stored.name
            os.replace(s.stored, target)
            placed.append(target)
        engine = _rebuild(corpus_dir, index_dir, {s.doc_id for s in staged})
    except BaseException as exc:
        for path in placed:
            path.unlink(missing_ok=True)
        if made_originals and originals.is_dir():
            shutil.rmtree(originals, ignore_errors=True)
        if had_metadata:
            write_atomic(metadata_path, metadata_text.encode("utf-8"))
        else:
            metadata_path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise TrustbotError(f"nothing added: {exc.strerror or exc}") from None
        if isinstance(exc, TrustbotError):
            raise TrustbotError(f"nothing added: {exc}") from None
        raise
    # Only the index's document list is used, not how it stores passages or texts.
    known = {d.id: d for d in engine.index.documents.values() if d.text}
    known.update((s.doc_id, s.document) for s in staged)
    others = list(known.values())
    added = []
    for s in staged:
        document = replace(s.document, path=str(corpus_dir / s.stored.name))
        warnings = (*s.warnings, *_near_duplicates(s.document, others))
        added.append(Added(document, str(s.source), len(split_document(s.document)), warnings))
    return added


# --- list -------------------------------------------------------------------------------


def list_documents(corpus_dir: Path) -> list[Listing]:
    """Every document file of the corpus with its metadata, passages and warnings."""
    metadata, _ = read_metadata(corpus_dir)
    try:
        loaded = load_corpus(corpus_dir)
    except CorpusError:
        loaded = None
    documents = {d.id: d for d in loaded.documents} if loaded else {}
    warned: dict[str, list[str]] = {}
    for note in loaded.warnings if loaded else ():
        stem = Path(note.split(":", 1)[0]).stem
        if stem in documents and "undated" in note:
            warned.setdefault(stem, []).append("undated: no date in metadata, front matter or text")
    listings = []
    for path in corpus_files(corpus_dir):
        if path.name == METADATA_FILE:
            continue
        entry = metadata.get(path.stem, {})
        fmt = str(entry.get("format", path.suffix.lstrip(".")))
        document = documents.get(path.stem)
        if document is None or document.path != str(path):
            try:
                load_document(path, entry)
                problem = "skipped"
            except DocumentError as exc:
                problem = exc.problem
            listings.append(Listing(path.stem, path.name, None, None, None, "undated", 0, fmt, (problem,)))
            continue
        warnings = [*warned.get(document.id, []), *_near_duplicates(document, list(documents.values()))]
        listings.append(
            Listing(
                document.id,
                path.name,
                document.title,
                document.publisher,
                document.published,
                date_source_label(document),
                len(split_document(document)),
                fmt,
                tuple(warnings),
            )
        )
    return listings


# --- remove -----------------------------------------------------------------------------


def remove_document(corpus_dir: Path, index_dir: Path, doc_id: str) -> Removed:
    """Take a document out of the corpus and the index, or, on any error, change nothing."""
    metadata_path = corpus_dir / METADATA_FILE
    with _locked(corpus_dir):
        files = [
            p for p in corpus_files(corpus_dir) if p.stem == doc_id and p.suffix.lower() in DOCUMENT_SUFFIXES
        ]
        originals = corpus_dir / ORIGINALS
        if originals.is_dir():
            files.extend(p for p in originals.iterdir() if p.stem == doc_id)
        if not any(p.parent == corpus_dir for p in files):
            raise TrustbotError(f"no document {doc_id!r} in {corpus_dir} (see trustbot corpus list)")
        metadata_text = _read_text(metadata_path)
        _check_metadata(metadata_text, metadata_path)
        new_text = _without_section(metadata_text, doc_id)
        if doc_id in _check_metadata(new_text, metadata_path):
            raise TrustbotError(f"cannot remove the entry {doc_id!r} from {metadata_path}: edit it by hand")
        trash = _workspace(corpus_dir, ".remove-")
        moved: list[tuple[Path, Path]] = []
        try:
            for n, path in enumerate(files):
                target = trash / f"{n}-{path.name}"
                os.replace(path, target)
                moved.append((target, path))
            if new_text != metadata_text:
                write_atomic(metadata_path, new_text.encode("utf-8"))
            engine = _rebuild(corpus_dir, index_dir, set())
        except BaseException as exc:
            for target, path in moved:
                os.replace(target, path)
            if new_text != metadata_text:
                write_atomic(metadata_path, metadata_text.encode("utf-8"))
            if isinstance(exc, OSError):
                raise TrustbotError(f"nothing removed: {exc.strerror or exc}") from None
            if isinstance(exc, TrustbotError):
                raise TrustbotError(f"nothing removed: {exc}") from None
            raise
        finally:
            shutil.rmtree(trash, ignore_errors=True)
    names = tuple(str(p.relative_to(corpus_dir)) for p in files)
    return Removed(doc_id, names, len(engine.index.documents))
