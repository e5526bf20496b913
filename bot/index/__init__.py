"""The BM25 index of a corpus: built, saved as generations of plain files, loaded and searched.

Data flows one way through the package:

    analysis (documents -> passages and words, on every core)
      -> build (postings, passage store, vocabulary) -> model.Index (search)
      -> format (one generation's files, checked whole) -> generations (CURRENT, pruning)

Modules, each with one job: `params` (BM25Params), `files` (safe reads, the one memory
map, checksums), `strings` (string tables on disk), `postings` (BM25Okapi postings),
`store` (passages: text, document, place, page), `documents` (documents.json),
`reference` (rank-bm25 itself: the reference, and BM25Plus for bench/ranking.py),
`model` (the `Index`), `analysis`, `build`, `manifest` (the typed manifest), `format`,
`generations` and `signature` (the corpus folder's cheap signature).

Users (`bot.engine`, `bot.rank`, bench/ and the tests) import from here.

May import: its own modules only.
"""

from __future__ import annotations

from .build import build_index
from .files import CHECKSUM
from .format import INDEX_FILES, MANIFEST
from .generations import POINTER, current_generation, index_present, load_index, save_index, verify_index
from .manifest import FORMAT_VERSION, FileCheck, Manifest
from .model import UNDATED, Index
from .params import BM25Params
from .signature import corpus_signature
from .store import PassageStore

__all__ = [
    "CHECKSUM",
    "FORMAT_VERSION",
    "INDEX_FILES",
    "MANIFEST",
    "POINTER",
    "UNDATED",
    "BM25Params",
    "FileCheck",
    "Index",
    "Manifest",
    "PassageStore",
    "build_index",
    "corpus_signature",
    "current_generation",
    "index_present",
    "load_index",
    "save_index",
    "verify_index",
]
