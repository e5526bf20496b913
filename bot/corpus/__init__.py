"""The corpus: documents read, dated, cleaned and split into passages; and changes to it.

    extract        a file of any accepted format → text and what it says about itself
    cleaning       decoding, page clutter, tidy metadata values
    front_matter   the YAML block at the top of a document, read and written
    metadata       `metadata.toml`: typed entries, changed with its comments kept
    documents      a corpus folder → `Document`s, with a `Notice` for each one skipped
    passages       a document → passages → sentences
    staging        the lock and workspace of a change
    manage         add and remove documents, all or nothing (the index rebuilt by the caller's `rebuild`)
    listing        what `corpus list` shows

May import: bot.errors, bot.text, bot.atomic; never the index, the answer or the engine.
"""

from .cleaning import clean_lines
from .documents import (
    DOCUMENT_SUFFIXES,
    Document,
    LoadedCorpus,
    corpus_files,
    fingerprint,
    load_corpus,
    load_document,
    shown_path,
)
from .extract import DEFAULT_MAX_ADD_BYTES, PAGE_MARKER, Extracted, extract, file_format, page_marker
from .front_matter import MAX_FRONT_MATTER_CHARS
from .listing import NEAR_DUPLICATE_RATIO, Listing, date_source_label, list_documents
from .manage import Added, AddOptions, Rebuild, Rebuilt, Removed, add_documents, remove_document
from .metadata import METADATA_FILE, MetadataEntry, read_entries, read_metadata
from .notices import Notice, NoticeKind
from .passages import MAX_PASSAGE_WORDS, Passage, split_document, split_sentences

__all__ = [
    "DEFAULT_MAX_ADD_BYTES",
    "DOCUMENT_SUFFIXES",
    "MAX_FRONT_MATTER_CHARS",
    "MAX_PASSAGE_WORDS",
    "METADATA_FILE",
    "NEAR_DUPLICATE_RATIO",
    "PAGE_MARKER",
    "AddOptions",
    "Added",
    "Document",
    "Extracted",
    "Listing",
    "LoadedCorpus",
    "MetadataEntry",
    "Notice",
    "NoticeKind",
    "Passage",
    "Rebuild",
    "Rebuilt",
    "Removed",
    "add_documents",
    "clean_lines",
    "corpus_files",
    "date_source_label",
    "extract",
    "file_format",
    "fingerprint",
    "list_documents",
    "load_corpus",
    "load_document",
    "page_marker",
    "read_entries",
    "read_metadata",
    "remove_document",
    "shown_path",
    "split_document",
    "split_sentences",
]
