"""Add and remove the documents of a corpus, keeping the corpus and its index in step.

Adding or removing is all or nothing. Every file is read and checked before anything in
the corpus changes. The new files are then moved into place and `metadata.toml` is
replaced whole (temporary file + `os.replace`). Last, the index is rebuilt by the
`rebuild` the caller passes (the CLI passes `Engine.open(..., rebuild=True)`: the corpus
sits below the engine and does not import it). If the rebuild fails, the corpus files are
put back as they were and the error says why. One change at a time (see `staging`).

Storage in the corpus folder, for a document with id `NNN_<first 16 hex of its sha256>`:

- `.txt` and `.md` files are stored as they are, as `<id>.txt` / `<id>.md`;
- HTML, PDF and Word files are stored as `<id>.md`: front matter holding what the file
  said about itself (title, publication date, publisher, URL), then the extracted text,
  with a `<!-- page N -->` line before each PDF page; the original file is kept as
  `originals/<id>.<ext>`, which the loader never reads;
- `metadata.toml` gets an entry for the id: the source format and file name, the date it
  was added, the page count of a PDF, and whatever was given on the command line, which
  wins over everything the file says.

May import: bot.errors, bot.text, bot.atomic, and the modules of bot.corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from ..atomic import write_atomic
from ..errors import CorpusChangeError, DocumentError, TrustbotError, UsageError
from ..text.dates import PubDate, parse_published
from ..text.patterns import lazy_compile
from .documents import DOCUMENT_SUFFIXES, Document, corpus_files, load_document, shown_path
from .extract import DEFAULT_MAX_ADD_BYTES, Extracted, extract, file_format, read_source
from .front_matter import render_front_matter
from .listing import near_duplicates
from .metadata import METADATA_FILE, MetadataEntry, add_entries, check_metadata, remove_entry
from .notices import Notice
from .passages import split_document
from .staging import ORIGINALS, locked, read_text, workspace

__all__ = ["AddOptions", "Added", "Rebuild", "Rebuilt", "Removed", "add_documents", "remove_document"]

_ID_NUMBER = lazy_compile(r"^(\d+)_")


class Rebuilt(Protocol):
    """What a change needs to know of the index rebuilt after it (`Engine` is one)."""

    @property
    def saved(self) -> bool: ...  # False when the rebuilt index could not be written to disk

    @property
    def skipped(self) -> tuple[Notice, ...]: ...  # documents left out of the rebuild

    @property
    def index_dir(self) -> Path | None: ...

    def sources(self) -> list[Document]: ...  # the documents of the index


#: Rebuilds and saves the index of the corpus as its files now are.
Rebuild = Callable[[], Rebuilt]


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


# --- add --------------------------------------------------------------------------------


def _front_matter(extracted: Extracted) -> str:
    return render_front_matter(
        {
            "title": extracted.title,
            "published": extracted.published,
            "date_found": extracted.date_found,
            "source": extracted.publisher,
            "url": extracted.url,
        }
    )


def _stored_name(doc_id: str, extracted: Extracted) -> str:
    return f"{doc_id}.txt" if extracted.format == "txt" else f"{doc_id}.md"


@dataclass(frozen=True)
class _Staged:
    doc_id: str
    source: Path
    stored: Path  # in the staging folder
    original: Path | None  # a copy of the original file, for formats stored as extracted text
    entry: MetadataEntry
    document: Document
    warnings: tuple[str, ...]


def _entry(
    source: Path, extracted: Extracted, options: AddOptions, published: PubDate | None
) -> MetadataEntry:
    dated = published is not None
    return MetadataEntry(
        title=options.title or None,  # the model makes each one line
        publisher=options.publisher or None,
        published=published.iso() if published is not None else None,
        inferred=False if dated else None,
        note="date given when the document was added" if dated else None,
        url=options.url.strip() if options.url else None,
        format=extracted.format,
        source_file=source.name,
        pages=extracted.pages,
        added=dt.date.today().isoformat(),
    )


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
        document, notes = load_document(stored, entry)  # the loader must accept it as stored
    except DocumentError as exc:
        raise DocumentError(str(source), exc.problem) from None
    warnings = tuple(note.message for note in notes)
    return _Staged(doc_id, source, stored, original, entry, document, warnings)


def _rebuild(rebuild: Rebuild, changed: set[str]) -> Rebuilt:
    """Rebuild and save the index; TrustbotError when that fails or leaves a changed document out."""
    index = rebuild()
    if not index.saved:
        raise CorpusChangeError(f"the index could not be saved to {index.index_dir}")
    left_out = [n for n in index.skipped if n.path is not None and Path(n.path).stem in changed]
    if left_out:
        raise CorpusChangeError(str(left_out[0]))
    return index


def add_documents(
    corpus_dir: Path,
    rebuild: Rebuild,
    paths: Sequence[Path],
    options: AddOptions | None = None,
    max_bytes: int = DEFAULT_MAX_ADD_BYTES,
) -> list[Added]:
    """Add files to the corpus and the index, all of them or, on any error, none."""
    options = options or AddOptions()
    if not paths:
        raise UsageError("no file to add")
    if len(paths) > 1 and (options.title or options.url):
        raise UsageError("--title and --url describe one document: add the files one at a time")
    published = parse_published(options.published) if options.published is not None else None
    metadata_path = corpus_dir / METADATA_FILE
    with locked(corpus_dir):
        metadata_text = read_text(metadata_path)
        check_metadata(metadata_text, metadata_path)
        existing = {p.stem for p in corpus_files(corpus_dir) if p.name != METADATA_FILE}
        number = 1 + max((int(m.group(1)) for i in existing if (m := _ID_NUMBER.match(i))), default=-1)
        staging = workspace(corpus_dir, ".add-")
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
                    raise CorpusChangeError(
                        f"nothing added: cannot write to {staging} ({exc.strerror or exc})"
                    ) from None
                digests[digest] = doc_id
                number += 1
            return _commit(corpus_dir, rebuild, staged, metadata_text)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _commit(corpus_dir: Path, rebuild: Rebuild, staged: list[_Staged], metadata_text: str) -> list[Added]:
    metadata_path = corpus_dir / METADATA_FILE
    new_text = add_entries(metadata_text, metadata_path, {s.doc_id: s.entry for s in staged})
    check_metadata(new_text, metadata_path)
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
        index = _rebuild(rebuild, {s.doc_id for s in staged})
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
            raise CorpusChangeError(f"nothing added: {exc.strerror or exc}") from None
        if isinstance(exc, TrustbotError):
            raise CorpusChangeError(f"nothing added: {exc}") from None
        raise
    known = {d.id: d for d in index.sources() if d.text}
    known.update((s.doc_id, s.document) for s in staged)
    others = list(known.values())
    added = []
    for s in staged:
        document = replace(s.document, path=str(corpus_dir / s.stored.name))
        warnings = (*s.warnings, *near_duplicates(s.document, others))
        added.append(Added(document, str(s.source), len(split_document(s.document)), warnings))
    return added


# --- remove -----------------------------------------------------------------------------


def remove_document(corpus_dir: Path, rebuild: Rebuild, doc_id: str) -> Removed:
    """Take a document out of the corpus and the index, or, on any error, change nothing."""
    metadata_path = corpus_dir / METADATA_FILE
    with locked(corpus_dir):
        files = [
            p for p in corpus_files(corpus_dir) if p.stem == doc_id and p.suffix.lower() in DOCUMENT_SUFFIXES
        ]
        originals = corpus_dir / ORIGINALS
        if originals.is_dir():
            files.extend(p for p in originals.iterdir() if p.stem == doc_id)
        if not any(p.parent == corpus_dir for p in files):
            raise CorpusChangeError(f"no document {doc_id!r} in {corpus_dir} (see trustbot corpus list)")
        metadata_text = read_text(metadata_path)
        new_text = remove_entry(metadata_text, metadata_path, doc_id)
        trash = workspace(corpus_dir, ".remove-")
        moved: list[tuple[Path, Path]] = []
        try:
            for n, path in enumerate(files):
                target = trash / f"{n}-{path.name}"
                os.replace(path, target)
                moved.append((target, path))
            if new_text != metadata_text:
                write_atomic(metadata_path, new_text.encode("utf-8"))
            index = _rebuild(rebuild, set())
        except BaseException as exc:
            for target, path in moved:
                os.replace(target, path)
            if new_text != metadata_text:
                write_atomic(metadata_path, metadata_text.encode("utf-8"))
            if isinstance(exc, OSError):
                raise CorpusChangeError(f"nothing removed: {exc.strerror or exc}") from None
            if isinstance(exc, TrustbotError):
                raise CorpusChangeError(f"nothing removed: {exc}") from None
            raise
        finally:
            shutil.rmtree(trash, ignore_errors=True)
    names = tuple(str(p.relative_to(corpus_dir)) for p in files)
    return Removed(doc_id, names, len(index.sources()))
