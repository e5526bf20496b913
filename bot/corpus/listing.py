"""What `corpus list` shows: every document file with its date, passages and warnings.

May import: bot.errors, bot.text, and bot.corpus's documents, metadata and passages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from ..errors import CorpusError, DocumentError
from ..text.dates import PubDate
from .documents import Document, corpus_files, load_corpus, load_document
from .metadata import METADATA_FILE, read_entries
from .passages import split_document

__all__ = ["NEAR_DUPLICATE_RATIO", "Listing", "date_source_label", "list_documents", "near_duplicates"]

#: Two documents whose texts are this similar (rapidfuzz ratio, 0-100) are near-duplicates.
NEAR_DUPLICATE_RATIO = 90.0
_DATE_SOURCES = {"metadata": "metadata", "front matter": "front matter", "dateline": "found in text"}


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


def near_duplicates(document: Document, others: Sequence[Document]) -> list[str]:
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


def list_documents(corpus_dir: Path) -> list[Listing]:
    """Every document file of the corpus with its metadata, passages and warnings."""
    metadata, _ = read_entries(corpus_dir)
    try:
        loaded = load_corpus(corpus_dir)
    except CorpusError:
        loaded = None
    documents = {d.id: d for d in loaded.documents} if loaded else {}
    warned: dict[str, list[str]] = {}
    for note in loaded.warnings if loaded else ():
        if note.kind == "undated" and note.path and (stem := Path(note.path).stem) in documents:
            warned.setdefault(stem, []).append("undated: no date in metadata, front matter or text")
    listings = []
    for path in corpus_files(corpus_dir):
        if path.name == METADATA_FILE:
            continue
        entry = metadata.get(path.stem)
        fmt = entry.format if entry and entry.format else path.suffix.lstrip(".")
        document = documents.get(path.stem)
        if document is None or document.path != str(path):
            try:
                load_document(path, entry)
                problem = "skipped"
            except DocumentError as exc:
                problem = exc.problem
            listings.append(Listing(path.stem, path.name, None, None, None, "undated", 0, fmt, (problem,)))
            continue
        warnings = [*warned.get(document.id, []), *near_duplicates(document, list(documents.values()))]
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
