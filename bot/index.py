"""Build, save and load the BM25 index of a corpus.

The index folder holds generations, one folder per build, and a pointer to the current one:

    index/CURRENT          the name of the current generation (replaced atomically, last)
    index/<generation>/    manifest.json, documents.json, words.*, stem_*.*, terms.*,
                           passage_text.bin + passage_*.npy, postings_*.npy, idf.npy

A save writes a new generation beside the old ones and switches `CURRENT` last, so a
reader (a CLI run, the running bot) sees the old index or the new one, never a mix, and
no file a reader has memory-mapped is ever overwritten. The previous generation is kept,
older ones pruned. Plain JSON and NumPy files, no pickle; the manifest records the format
version, the BM25 parameters, the corpus fingerprint and each file's size and checksum.

Every load checks every file whole against its checksum (XXH3-128, read in 1 MiB blocks:
several GB/s, tens of milliseconds at 100k passages), so a changed byte anywhere makes
the index corrupt, to be rebuilt, never a wrong answer. Anything but a regular file in a
file's place (a FIFO, a device) is refused without being opened for a blocking read, and
a malformed `CURRENT` or manifest is an `IndexError_` like any other corruption.

Scoring is BM25Okapi from postings (`postings.py`), bit-for-bit rank-bm25's scores;
rank-bm25 itself stays available (`Index.bm25`, `Index.scores`) as the reference.
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import itertools
import json
import math
import mmap
import os
import re
import secrets
import shutil
import stat
import tempfile
import time
import weakref
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal, overload

import numpy as np
import numpy.typing as npt
import xxhash
from rank_bm25 import BM25Okapi, BM25Plus

from .analysis import analyse
from .atomic import write_atomic
from .corpus import Document, LoadedCorpus, Passage
from .errors import IndexError_
from .postings import EMPTY_PASSAGE_TERM, SKIPPED_ROW, Postings, PostingsBuilder, top_k
from .strtable import StemTable, StringIndex, StringTable, load_array
from .text.dates import PubDate
from .text.lexicon import LEXICON_WORDS as QUESTION_LEXICON
from .text.lexicon import SYNONYM_WORDS
from .text.tokens import (
    MONEY_UNITS,
    STOP_WORDS,
    TOKENIZER_VERSION,
    known_stems,
    remember_stems,
    stem,
    terms_of,
    tokenize,
)

__all__ = [
    "FORMAT_VERSION",
    "BM25Params",
    "Index",
    "PassageStore",
    "build_index",
    "corpus_signature",
    "current_generation",
    "index_present",
    "load_index",
    "read_manifest",
    "save_index",
    "verify_index",
]

FORMAT_VERSION = 3
MANIFEST = "manifest.json"
POINTER = "CURRENT"
DOCUMENTS_FILE = "documents.json"
WORDS = "words"  # the corpus's words, sorted: words.bin + words_offsets.npy
STEM_WORDS, STEM_VALUES = "stem_words", "stem_values"  # words sorted, and their stems
TEXT_FILE = "passage_text.bin"
TEXT_OFFSETS_FILE = "passage_offsets.npy"
PASSAGE_DOC_FILE = "passage_doc.npy"
PASSAGE_POSITION_FILE = "passage_position.npy"
#: The checksum of every index file, recorded in the manifest and checked whole on every
#: load. Manifests of older trustbots (sha256, of large files only their first and last
#: MiB) name none: such an index is rebuilt.
CHECKSUM = "xxh3_128"
_CHECKSUM_HEX = re.compile(r"[0-9a-f]{32}")
#: The manifest's own checksum, of its other keys and values (see `_manifest_checksum`).
MANIFEST_CHECKSUM = "manifest_checksum"
#: Read size when checksumming a file (one buffer, reused).
CHECK_BLOCK_BYTES = 1 << 20
#: A manifest is a few kilobytes whatever the corpus; a larger file is refused unread.
MANIFEST_MAX_BYTES = 1 << 20
#: `CURRENT` holds one generation name; a larger file is refused unread.
POINTER_MAX_BYTES = 4096
#: How save_index names a generation: its UTC time to the microsecond, and a random suffix.
_GENERATION_NAME = re.compile(r"\d{8}T\d{12}-[0-9a-f]{8}")
#: A temporary generation folder this old is a dead save's leftover, safe to remove.
STALE_TEMP_SECONDS = 3600
#: Passages' published date when their document has none (ranks behind every date).
UNDATED = -1
#: Buffer for copying a built index's passage text into a saved one.
COPY_BUFFER_BYTES = 1 << 20
#: Every file of a generation besides the manifest, which lists exactly these.
INDEX_FILES = frozenset(
    [
        DOCUMENTS_FILE,
        *StringTable.file_names(WORDS),
        *StringTable.file_names(STEM_WORDS),
        *StringTable.file_names(STEM_VALUES),
        TEXT_FILE,
        TEXT_OFFSETS_FILE,
        PASSAGE_DOC_FILE,
        PASSAGE_POSITION_FILE,
        *Postings.file_names(),
    ]
)

Variant = Literal["okapi", "plus"]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class BM25Params:
    """The BM25 variant and parameters; chosen on the dev set (see README, "Ranking")."""

    variant: Variant = "okapi"
    k1: float = 1.2
    b: float = 0.75
    epsilon: float = 0.0  # BM25Okapi's idf floor; 0 keeps very common terms at no weight
    delta: float = 1.0  # BM25Plus only
    tokenizer: int = TOKENIZER_VERSION


class PassageStore(Sequence[Passage]):
    """The passages of an index, read on demand from one text blob (or held in memory)."""

    def __init__(
        self,
        doc_ids: Sequence[str],
        passage_doc: npt.NDArray[np.int32],
        position: npt.NDArray[np.int32],
        texts: Sequence[str] | None = None,
        blob: bytes | mmap.mmap | None = None,
        offsets: npt.NDArray[np.int64] | None = None,
        source: BinaryIO | None = None,
    ) -> None:
        self._doc_ids = doc_ids
        self.passage_doc = passage_doc  # index into doc_ids, per passage
        self.positions = position  # of each passage within its document
        self._texts = texts
        self._blob = blob
        self._offsets = offsets
        self._source = source  # the file `blob` maps, when a build wrote it
        if source is not None:
            weakref.finalize(self, source.close)  # closed (and deleted) with the store

    def write_text(self, handle: BinaryIO) -> npt.NDArray[np.int64]:
        """Write every passage's text, UTF-8, back to back; where each one starts and ends."""
        if self._source is not None and self._offsets is not None:
            # Copied from the build's file, not through the map: the text need not be
            # paged into this process's memory to be saved.
            self._source.seek(0)
            shutil.copyfileobj(self._source, handle, COPY_BUFFER_BYTES)
            return np.asarray(self._offsets, dtype=np.int64)
        offsets = np.zeros(len(self) + 1, dtype=np.int64)
        at = 0
        for i in range(len(self)):
            data = self.text(i).encode("utf-8")
            handle.write(data)
            at += len(data)
            offsets[i + 1] = at
        return offsets

    def __len__(self) -> int:
        return len(self.passage_doc)

    def text(self, i: int) -> str:
        """The text of passage i."""
        if self._texts is not None:
            return self._texts[i]
        assert self._blob is not None and self._offsets is not None
        return self._blob[int(self._offsets[i]) : int(self._offsets[i + 1])].decode("utf-8")

    @overload
    def __getitem__(self, i: int) -> Passage: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Passage]: ...
    def __getitem__(self, i: int | slice) -> Passage | Sequence[Passage]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        doc_id = self._doc_ids[int(self.passage_doc[i])]
        position = int(self.positions[i])
        return Passage(f"{doc_id}#{position}", doc_id, position, self.text(i))

    def __iter__(self) -> Iterator[Passage]:
        return (self[i] for i in range(len(self)))


#: Terms whose document share an index remembers across questions.
SHARE_CACHE_SIZE = 1 << 16


@dataclass
class Index:
    """A corpus ready to search: documents, passages, their postings, and the vocabulary."""

    params: BM25Params
    fingerprint: str
    built_at: str
    documents: Mapping[str, Document]
    passages: PassageStore
    postings: Postings
    surface_words: StringIndex  # of the passages, for typo correction
    stems: Mapping[str, str]  # word -> stem, for the corpus's and the synonyms' words
    generation: str | None = None  # the folder it was loaded from or saved to
    corpus_signature: str | None = None  # the corpus folder's file sizes and times when built
    _terms: list[list[str]] | None = field(default=None, repr=False)
    _bm25: BM25Okapi | BM25Plus | None = field(default=None, repr=False)
    _published: npt.NDArray[np.int64] | None = field(default=None, repr=False)
    _shares: dict[str, float] = field(default_factory=dict, repr=False)

    @property
    def vocabulary(self) -> Set[str]:
        """Surface words of the corpus, for typo correction."""
        return self.surface_words.keys()

    @property
    def known_terms(self) -> Set[str]:
        """The index terms some passage holds."""
        return self.postings.terms.keys()

    def has_term(self, term: str) -> bool:
        """Whether some passage holds the term."""
        return term in self.postings.terms

    @property
    def terms(self) -> list[list[str]]:
        """Each passage's index terms (tokenised again on first use: the reference's input)."""
        if self._terms is None:
            self._terms = [tokenize(self.passages.text(i)) for i in range(len(self.passages))]
        return self._terms

    @property
    def bm25(self) -> BM25Okapi | BM25Plus:
        """rank-bm25's scorer over all passages, the reference (built on first use; slow)."""
        if self._bm25 is None:
            corpus = [
                t or [EMPTY_PASSAGE_TERM] for t in self.terms
            ]  # rank-bm25 divides by zero on empty docs
            p = self.params
            if p.variant == "plus":
                self._bm25 = BM25Plus(corpus, k1=p.k1, b=p.b, delta=p.delta)
            else:
                self._bm25 = BM25Okapi(corpus, k1=p.k1, b=p.b, epsilon=p.epsilon)
        return self._bm25

    def scores(self, query_terms: list[str]) -> np.ndarray:
        """rank-bm25's score of every passage for the query terms (the reference; slow)."""
        return np.asarray(self.bm25.get_scores(query_terms), dtype=float)

    def idf(self, term: str) -> float:
        """How informative a term is; terms the corpus lacks count as the rarest."""
        if self.params.variant == "plus":
            found = self.bm25.idf.get(term)
            value = None if found is None else float(found)
        else:
            value = self.postings.idf_of(term)
        if value is None:
            n = len(self.passages)
            return math.log((n + 0.5) / 0.5)
        return max(value, 0.0)

    def top(
        self,
        query_terms: Sequence[str],
        extra_terms: Sequence[str] = (),
        extra_weight: float = 1.0,
        k: int = 10,
        eligible: BoolArray | None = None,
    ) -> list[tuple[int, float]]:
        """The k best passages (index, score) with a positive score, best first, ties by index.

        The score is BM25 of `query_terms` plus `extra_weight` times BM25 of `extra_terms`;
        passages where `eligible` is False are left out. Identical to a stable descending
        sort of rank-bm25's `get_scores` arrays combined the same way.
        """
        if self.params.variant == "plus":  # every passage scores under BM25Plus: no postings
            dense = self.scores(list(query_terms))
            if extra_terms:
                dense = dense + extra_weight * self.scores(list(extra_terms))
            if eligible is not None:
                dense = np.where(eligible, dense, 0.0)
            order = np.argsort(-dense, kind="stable")[:k]
            return [(int(i), float(dense[i])) for i in order if dense[i] > 0]
        ids, scores = self.postings.scores(query_terms)
        if extra_terms:
            extra_ids, extra_scores = self.postings.scores(extra_terms)
            union = np.concatenate((ids, extra_ids))
            union.sort()  # (np.union1d would import numpy.ma, a cold start's 30 ms)
            if len(union):
                union = union[np.concatenate(([True], union[1:] != union[:-1]))]
            base = np.zeros(len(union), dtype=np.float64)
            base[np.searchsorted(union, ids)] = scores
            added = np.zeros(len(union), dtype=np.float64)
            added[np.searchsorted(union, extra_ids)] = extra_scores
            ids, scores = union, base + extra_weight * added
        best_ids, best_scores = top_k(ids, scores, k, eligible)
        return [(int(i), float(s)) for i, s in zip(best_ids, best_scores, strict=True)]

    def holding(
        self, terms: Sequence[str], k: int, eligible: BoolArray | None = None
    ) -> list[tuple[int, float]]:
        """The k passages holding most of the terms (index, share of the terms held), most
        first, ties by index: candidates when every term is too common for BM25 to weigh."""
        counts: dict[int, int] = {}
        for term in dict.fromkeys(terms):
            row = self.postings.terms.get(term)
            if row is None:
                continue
            ids = self.postings.ids[int(self.postings.offsets[row]) : int(self.postings.offsets[row + 1])]
            for i in ids.tolist():
                if eligible is None or eligible[i]:
                    counts[i] = counts.get(i, 0) + 1
        best = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:k]
        return [(i, n / len(terms)) for i, n in best]

    def document_share(self, term: str) -> float:
        """The share of the documents with a passage holding the term (0 when none does)."""
        known = self._shares.get(term)
        if known is not None:
            return known
        row = self.postings.terms.get(term)
        if row is None or not self.documents:
            return 0.0
        ids = self.postings.ids[int(self.postings.offsets[row]) : int(self.postings.offsets[row + 1])]
        # Sorted and counted by hand: np.unique would import numpy.ma, 30 ms of a cold start.
        docs = np.sort(np.asarray(self.passages.passage_doc)[ids])
        distinct = int(np.count_nonzero(docs[1:] != docs[:-1])) + 1 if len(docs) else 0
        share = distinct / len(self.documents)
        if len(self._shares) < SHARE_CACHE_SIZE:  # questions reuse few terms; bounded all the same
            self._shares[term] = share
        return share

    def published_ordinals(self) -> npt.NDArray[np.int64]:
        """Each passage's publication date as a proleptic ordinal, `UNDATED` when unknown."""
        if self._published is None:
            per_doc = np.array(
                [d.published.value.toordinal() if d.published else UNDATED for d in self.documents.values()]
                or [UNDATED],
                dtype=np.int64,
            )
            self._published = per_doc[np.asarray(self.passages.passage_doc)]
        return self._published

    def document_of(self, passage: Passage) -> Document:
        """The document a passage comes from."""
        return self.documents[passage.doc_id]


def build_index(
    corpus: LoadedCorpus,
    fingerprint: str,
    params: BM25Params | None = None,
    progress: Callable[[Iterable[Document]], Iterable[Document]] | None = None,
    workers: int | None = None,
) -> Index:
    """Split, tokenise and index every document of a loaded corpus.

    A large corpus is analysed on `workers` processes (by default one per core); the
    index is the same either way. The passages' text goes to a temporary file as it
    comes, not into memory, and the index reads it from there until it is saved.
    """
    params = params or BM25Params()
    # The progress display is advanced as chunks of documents are done.
    shown = iter(corpus.documents if progress is None else progress(corpus.documents))
    builder = PostingsBuilder()
    kept: list[list[str]] | None = [] if params.variant == "plus" else None
    word_rows: dict[str, int] = {}  # surface word -> its term's row, or SKIPPED_ROW for a stop word
    passages_per_document = array("i")
    text_ends = array("q", [0])
    rows_by_source: dict[int, npt.NDArray[np.int64]] = {}  # each analysing process's word -> row
    words_by_source: dict[int, list[str]] = {}  # and its words, for BM25Plus's term lists
    # Open for as long as the index lives (closed with it), so no context manager.
    text_file = tempfile.TemporaryFile(prefix="trustbot-passages-")  # noqa: SIM115
    try:
        for chunk in analyse(corpus.documents, workers):
            collections.deque(itertools.islice(shown, len(chunk.passages_per_document)), maxlen=0)
            passages_per_document.extend(chunk.passages_per_document)
            base = text_ends[-1]
            text_ends.extend(base + end for end in chunk.text_ends)
            text_file.write(chunk.text)
            known = rows_by_source.get(chunk.source, np.empty(0, dtype=np.int64))
            rows = rows_by_source[chunk.source] = np.concatenate(
                (known, _rows_of(chunk.new_words, word_rows, builder))
            )
            word_ids = np.frombuffer(chunk.word_ids, dtype=np.int32)
            counts = np.frombuffer(chunk.word_counts, dtype=np.int32)
            builder.add_many(rows[word_ids], counts)
            if kept is not None:  # BM25Plus is scored by rank-bm25 itself, from the terms
                vocabulary = words_by_source.setdefault(chunk.source, [])
                vocabulary += chunk.new_words
                at = 0
                for count in counts.tolist():
                    found = [vocabulary[i] for i in chunk.word_ids[at : at + count]]
                    kept.append(terms_of([w for w in found if w != EMPTY_PASSAGE_TERM]))
                    at += count
        collections.deque(shown, maxlen=0)  # the progress display to its end
        text_file.flush()
        postings = builder.build(params.k1, params.b, params.epsilon)
    except BaseException:
        text_file.close()
        raise
    del builder
    counts = np.frombuffer(passages_per_document, dtype=np.int32)
    passage_doc = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
    # A document's passages are numbered from 0: each passage's number is its place
    # after the first passage of its document.
    starts = np.repeat(np.cumsum(counts, dtype=np.int64) - counts, counts)
    positions = (np.arange(len(passage_doc), dtype=np.int64) - starts).astype(np.int32)
    return Index(
        params=params,
        fingerprint=fingerprint,
        built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        documents={d.id: d for d in corpus.documents},
        passages=PassageStore(
            [d.id for d in corpus.documents],
            passage_doc,
            positions,
            blob=_map_file(text_file),
            offsets=np.frombuffer(text_ends, dtype=np.int64),
            source=text_file,
        ),
        postings=postings,
        surface_words=StringIndex.of(w for w in word_rows if w.isalpha()),
        stems=known_stems(
            [
                *word_rows,
                *MONEY_UNITS,
                *(w for group in SYNONYM_WORDS for w in group.split()),
                *QUESTION_LEXICON,
            ]
        ),
        _terms=kept,
    )


def _rows_of(
    vocabulary: Sequence[str], word_rows: dict[str, int], builder: PostingsBuilder
) -> npt.NDArray[np.int64]:
    """The term row of each word (SKIPPED_ROW for a stop word), new words given rows in order.

    Each distinct word is stemmed once per build and its term given a row in order of
    first appearance (rank-bm25's order): the same terms `tokenize` gives.
    """
    rows = []
    for word in vocabulary:
        row = word_rows.get(word)
        if row is None:
            row = word_rows[word] = SKIPPED_ROW if word in STOP_WORDS else builder.row(stem(word))
        rows.append(row)
    return np.array(rows, dtype=np.int64)


# --- persistence ----------------------------------------------------------------------


def _document_json(d: Document) -> dict[str, Any]:
    data = asdict(d)
    data.pop("text")  # passages carry the text; the document text would double the index
    data["published"] = (
        {
            "date": d.published.value.isoformat(),
            "precision": d.published.precision,
            "inferred": d.published.inferred,
        }
        if d.published
        else None
    )
    return data


def _document_from(data: dict[str, Any]) -> Document:
    pub = data.get("published")
    published = (
        PubDate(dt.date.fromisoformat(pub["date"]), pub["precision"], bool(pub["inferred"])) if pub else None
    )
    return Document(
        id=data["id"],
        title=data["title"],
        text="",
        publisher=data.get("publisher"),
        published=published,
        date_source=data.get("date_source"),
        url=data.get("url"),
        kind=data.get("kind"),
        path=data.get("path", ""),
    )


class _Documents(Mapping[str, Document]):
    """The documents of a loaded index, each made from its JSON record when first asked for."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        if not isinstance(records, list):
            raise ValueError("documents.json is not a list")
        self._records = {r["id"]: r for r in records}
        self._made: dict[str, Document] = {}

    def __getitem__(self, doc_id: str) -> Document:
        document = self._made.get(doc_id)
        if document is None:
            document = self._made[doc_id] = _document_from(self._records[doc_id])
        return document

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


def _open_regular(path: Path, what: str = "index file") -> int:
    """A read-only descriptor of a regular file; IndexError_ for anything else.

    The type is checked before the file is opened, and the open does not block, so a
    FIFO (or a device) in the file's place is refused rather than waited on forever.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise IndexError_(f"{what} {path} is corrupt (not a regular file)")
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise IndexError_(f"{what} {path} is unreadable ({exc.strerror or exc})") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # swapped since the stat
        os.close(descriptor)
        raise IndexError_(f"{what} {path} is corrupt (not a regular file)")
    return descriptor


def _read_small(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a small regular file; IndexError_ when it is not one or holds over `limit`."""
    with os.fdopen(_open_regular(path, what), "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise IndexError_(f"{what} {path} is unreadable ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise IndexError_(f"{what} {path} is corrupt (over {limit:,} bytes)")
    return data


def _file_check(path: Path, expected_bytes: int | None = None) -> dict[str, Any]:
    """Size and checksum of a whole file (see CHECKSUM); IndexError_ when it is no regular file.

    With `expected_bytes`, a file of another size is not read: its size alone is returned.
    """
    with os.fdopen(_open_regular(path), "rb", buffering=0) as handle:
        size = os.fstat(handle.fileno()).st_size
        if expected_bytes is not None and size != expected_bytes:
            return {"bytes": size}
        digest = xxhash.xxh3_128()
        buffer = bytearray(CHECK_BLOCK_BYTES)
        view = memoryview(buffer)
        read = 0
        try:
            while count := handle.readinto(buffer):
                digest.update(view[:count])
                read += count
        except OSError as exc:
            raise IndexError_(f"index file {path} is unreadable ({exc.strerror or exc})") from None
        finally:
            view.release()
    return {"bytes": read, CHECKSUM: digest.hexdigest()}


def _write_generation(index: Index, target: Path) -> None:
    """Every file of the index into an empty folder, the manifest last."""
    store = index.passages
    (target / DOCUMENTS_FILE).write_text(
        json.dumps([_document_json(d) for d in index.documents.values()], ensure_ascii=False),
        encoding="utf-8",
    )
    names = [DOCUMENTS_FILE, *index.surface_words.table.save(target, WORDS)]
    stems = index.stems if isinstance(index.stems, StemTable) else StemTable.of(index.stems)
    names += stems.words.table.save(target, STEM_WORDS) + stems.stems.save(target, STEM_VALUES)
    with (target / TEXT_FILE).open("wb") as handle:
        offsets = store.write_text(handle)
    np.save(target / TEXT_OFFSETS_FILE, offsets, allow_pickle=False)
    np.save(target / PASSAGE_DOC_FILE, np.asarray(store.passage_doc, dtype=np.int32), allow_pickle=False)
    positions = np.asarray(store.positions, dtype=np.int32)
    np.save(target / PASSAGE_POSITION_FILE, positions, allow_pickle=False)
    names += [
        TEXT_FILE,
        TEXT_OFFSETS_FILE,
        PASSAGE_DOC_FILE,
        PASSAGE_POSITION_FILE,
    ]
    names += index.postings.save(target)
    assert set(names) == INDEX_FILES, "the index files are not the ones a load expects"
    manifest = {
        "format": "trustbot-index",
        "format_version": FORMAT_VERSION,
        "checksum": CHECKSUM,
        "params": asdict(index.params),
        "fingerprint": index.fingerprint,
        "built_at": index.built_at,
        "documents": len(index.documents),
        "passages": len(store),
        "terms": len(index.postings.terms),
        "corpus_signature": index.corpus_signature,
        "files": {name: _file_check(target / name) for name in names},
    }
    manifest[MANIFEST_CHECKSUM] = _manifest_checksum(manifest)
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def _manifest_checksum(manifest: Mapping[str, Any]) -> str:
    """The checksum of a manifest's content (all but this checksum), whatever its layout."""
    content = {k: v for k, v in manifest.items() if k != MANIFEST_CHECKSUM}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return str(xxhash.xxh3_128_hexdigest(canonical.encode("ascii")))


def corpus_signature(folder: Path) -> str:
    """A hash of the path, size and modification time of every file under a corpus folder.

    Cheap (no file is read): when it is what it was at build time, the corpus is
    unchanged and its content fingerprint need not be computed again. Every file counts,
    whatever the corpus loader makes of it, so a change can only cause an extra check.
    """
    entries = []
    pending = [(str(folder), "")]
    while pending:
        path, prefix = pending.pop()
        try:
            listing = list(os.scandir(path))
        except OSError:
            entries.append(f"{prefix}\0unlistable")
            continue
        for entry in listing:
            name = prefix + entry.name
            try:
                if entry.is_dir():
                    pending.append((entry.path, name + "/"))
                    continue
                info = entry.stat()
            except OSError:
                entries.append(f"{name}\0unreadable")
                continue
            entries.append(f"{name}\0{info.st_size}\0{info.st_mtime_ns}")
    entries.sort()
    return hashlib.sha256("\n".join(entries).encode("utf-8", "surrogateescape")).hexdigest()


def current_generation(folder: Path) -> str | None:
    """The name of the index generation `folder/CURRENT` points to, None if there is none.

    Cheap (one small read): a running bot can poll it to notice a new index. The name
    is as written, not checked: `load_index` refuses one that names no generation.
    """
    try:
        name = _read_small(folder / POINTER, POINTER_MAX_BYTES, "index pointer").decode("utf-8").strip()
    except (IndexError_, UnicodeDecodeError):  # missing, not a file, too large or not text
        return None
    return name or None


def index_present(folder: Path) -> bool:
    """Whether the folder holds an index (usable or not): a pointer or an old-style manifest."""
    return (folder / POINTER).exists() or (folder / MANIFEST).exists()


def save_index(index: Index, folder: Path) -> None:
    """Write the index as a new generation of the folder and make it the current one, atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    previous = current_generation(folder)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    name = f"{stamp}-{secrets.token_hex(4)}"
    staging = folder / f".{name}.tmp"
    staging.mkdir()
    try:
        _write_generation(index, staging)
        _sync_folder(staging)  # on disk before CURRENT can name it, so a power cut can't tear it
        os.replace(staging, folder / name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    write_atomic(folder / POINTER, (name + "\n").encode("utf-8"))
    _sync_folder_entry(folder)
    index.generation = name
    _prune(folder, keep={name, previous})


def _sync_folder(folder: Path) -> None:
    """Flush a folder's files and the folder itself to disk."""
    for path in folder.iterdir():
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    _sync_folder_entry(folder)


def _sync_folder_entry(folder: Path) -> None:
    """Flush a folder's own entries (a rename into it) to disk."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _ours(manifest: Path) -> bool:
    """Whether a manifest file is a trustbot index's: only those are ever deleted."""
    try:
        data = json.loads(_read_small(manifest, MANIFEST_MAX_BYTES, "index manifest").decode("utf-8"))
    except (IndexError_, ValueError, RecursionError):  # ValueError: not UTF-8, or not JSON
        return False
    return isinstance(data, dict) and data.get("format") == "trustbot-index"


def _prune(folder: Path, keep: set[str | None]) -> None:
    """Remove generations no reader needs (all but the current and the previous one)."""
    if _ours(folder / MANIFEST):  # a format-1 index, flat in the folder
        for legacy in ("manifest.json", "documents.json", "passages.json"):
            (folder / legacy).unlink(missing_ok=True)
    for entry in folder.iterdir():
        if not entry.is_dir() or entry.name in keep:
            continue
        if entry.name.startswith("."):
            # Another save may be writing this one right now: only an old leftover goes.
            if not (
                _GENERATION_NAME.fullmatch(entry.name[1:].removesuffix(".tmp"))
                and entry.name.endswith(".tmp")
                and time.time() - entry.stat().st_mtime > STALE_TEMP_SECONDS
            ):
                continue
        elif not (_GENERATION_NAME.fullmatch(entry.name) and _ours(entry / MANIFEST)):
            continue  # not ours
        elif entry.name > min(k for k in keep if k):
            continue  # newer (names start with the time): a save running alongside this one
        shutil.rmtree(entry, ignore_errors=True)


def _generation_folder(folder: Path) -> Path:
    """The folder of the current generation (or, for an old-style index, the folder itself)."""
    name = current_generation(folder)
    pointer = folder / POINTER
    if name is None:
        if pointer.is_symlink() or pointer.exists():
            _read_small(pointer, POINTER_MAX_BYTES, "index pointer")  # raises what is wrong with it
            raise IndexError_(f"index pointer {pointer} is unreadable (empty or not UTF-8)")
        if (folder / MANIFEST).exists():
            return folder  # format 1: its manifest says so, and the version check refuses it
        raise IndexError_(f"no index in {folder}")
    # Only a name save_index gives: anything else (a path, 300 characters) is never looked up.
    if not _GENERATION_NAME.fullmatch(name):
        raise IndexError_(f"index pointer {pointer} names a missing generation ({_shown(name)}: not a name)")
    if not (folder / name).is_dir():
        raise IndexError_(f"index pointer {pointer} names a missing generation ({name!r})")
    return folder / name


def _shown(text: str, limit: int = 40) -> str:
    """A string for a one-line message: quoted, cut short when long."""
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}… ({len(text):,} characters)"


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of the index in a folder; IndexError_ when missing or unreadable.

    Only the manifest is read: `verify_index` checks the files too.
    """
    return _manifest_of(_generation_folder(folder), folder)


def verify_index(folder: Path) -> dict[str, Any]:
    """The manifest of the index in a folder, once its version and every file are checked whole.

    IndexError_ when anything is amiss: what `load_index` checks before loading.
    """
    generation = _generation_folder(folder)
    manifest = _manifest_of(generation, folder)
    _verify(generation, _checked_files(manifest, generation))
    return manifest


def _manifest_of(generation: Path, folder: Path) -> dict[str, Any]:
    """The manifest of one generation folder, checked."""
    path = generation / MANIFEST
    if not (path.is_symlink() or path.exists()):
        raise IndexError_(f"no index in {folder}")
    data = _read_small(path, MANIFEST_MAX_BYTES, "index manifest")
    try:
        manifest = json.loads(data.decode("utf-8"))
    except RecursionError:  # e.g. 100,000 nested "["
        raise IndexError_(f"index manifest {path} is unreadable (nested too deeply)") from None
    except ValueError as exc:  # not UTF-8, or not JSON
        raise IndexError_(f"index manifest {path} is unreadable ({type(exc).__name__})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != "trustbot-index":
        raise IndexError_(f"{path} is not a trustbot index manifest")
    expected = {"params": dict, "fingerprint": str, "built_at": str}
    for key, kind in expected.items():
        if not isinstance(manifest.get(key), kind):
            raise IndexError_(f"{path} is malformed ({key!r} missing or not a {kind.__name__})")
    return manifest


def _checked_files(manifest: dict[str, Any], generation: Path) -> dict[str, dict[str, Any]]:
    """The manifest's files, once its version and checksum kind are this trustbot's, its
    own checksum matches and it lists exactly the files of an index, each with a size
    and a checksum."""
    path = generation / MANIFEST
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        shown = version if version is None or isinstance(version, int) else _shown(str(version))
        raise IndexError_(f"index format {shown} is not {FORMAT_VERSION}")
    kind = manifest.get("checksum", "sha256")
    if kind != CHECKSUM:
        shown = _shown(str(kind))
        raise IndexError_(
            f"index in {generation} was saved by an older trustbot ({shown} checksums, not {CHECKSUM!r})"
        )
    try:
        intact = manifest.get(MANIFEST_CHECKSUM) == _manifest_checksum(manifest)
    except (ValueError, RecursionError):  # nested too deeply to write out again
        intact = False
    if not intact:
        raise IndexError_(f"index manifest {path} is corrupt (checksum mismatch)")
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise IndexError_(f"{path} is malformed ('files' missing)")
    if set(files) != INDEX_FILES:
        raise IndexError_(f"{path} is malformed ('files' does not list the files of an index)")
    for name, entry in files.items():
        if not (
            isinstance(entry, dict)
            and type(entry.get("bytes")) is int
            and entry["bytes"] >= 0
            and isinstance(entry.get(CHECKSUM), str)
            and _CHECKSUM_HEX.fullmatch(entry[CHECKSUM])
        ):
            raise IndexError_(f"{path} is malformed (no size and {CHECKSUM} for {name!r})")
    return files


def _verify(generation: Path, files: dict[str, dict[str, Any]]) -> None:
    """Every file whole against its size and checksum; IndexError_ at the first that differs."""
    for name, expected in sorted(files.items(), key=lambda item: int(item[1]["bytes"])):
        path = generation / name
        actual = _file_check(path, int(expected["bytes"]))
        if actual != {"bytes": expected["bytes"], CHECKSUM: expected[CHECKSUM]}:
            raise IndexError_(f"index file {path} is corrupt (checksum mismatch)")


def _map_file(handle: BinaryIO) -> bytes | mmap.mmap:
    """An open file's content, memory-mapped read-only (b"" when empty)."""
    if os.fstat(handle.fileno()).st_size == 0:
        return b""
    return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def _map(path: Path) -> bytes | mmap.mmap:
    descriptor = _open_regular(path)
    try:
        if os.fstat(descriptor).st_size == 0:
            return b""
        return mmap.mmap(descriptor, 0, access=mmap.ACCESS_READ)
    finally:
        os.close(descriptor)


def _params_of(data: dict[str, Any]) -> BM25Params:
    """The BM25 parameters a manifest records; TypeError or ValueError when malformed."""
    params = BM25Params(**data)
    numbers = (params.k1, params.b, params.epsilon, params.delta)
    if (
        params.variant not in ("okapi", "plus")
        or not all(type(x) in (int, float) and math.isfinite(x) for x in numbers)
        or type(params.tokenizer) is not int
    ):
        raise ValueError("BM25 parameters out of range or of the wrong type")
    return params


def load_index(folder: Path) -> Index:
    """Load the current index of a folder, checking its version and files; large arrays are memory-mapped."""
    # `CURRENT` is read once: a save switching it meanwhile must not pair one generation's
    # files with another's manifest.
    generation = _generation_folder(folder)
    manifest = _manifest_of(generation, folder)
    _verify(generation, _checked_files(manifest, generation))
    try:
        params = _params_of(manifest["params"])
        documents = _Documents(json.loads((generation / DOCUMENTS_FILE).read_text(encoding="utf-8")))
        surface = StringIndex(StringTable.load(generation, WORDS))
        stems = StemTable(
            StringIndex(StringTable.load(generation, STEM_WORDS)), StringTable.load(generation, STEM_VALUES)
        )
        if len(stems.words) != len(stems.stems):
            raise ValueError("stem tables do not match each other")
        offsets = load_array(generation / TEXT_OFFSETS_FILE)
        passage_doc = load_array(generation / PASSAGE_DOC_FILE)
        position = load_array(generation / PASSAGE_POSITION_FILE)
        n = len(passage_doc)
        if len(offsets) != n + 1 or len(position) != n or n != manifest.get("passages"):
            raise ValueError("passage arrays do not match each other")
        store = PassageStore(
            list(documents), passage_doc, position, blob=_map(generation / TEXT_FILE), offsets=offsets
        )
        postings = Postings.load(generation, n)
    except (KeyError, TypeError, ValueError, AttributeError, OSError, RecursionError) as exc:
        raise IndexError_(f"index in {generation} is malformed ({type(exc).__name__}: {exc})") from None
    remember_stems(stems)
    return Index(
        params,
        manifest["fingerprint"],
        manifest["built_at"],
        documents,
        store,
        postings,
        surface,
        stems,
        generation=generation.name if generation != folder else None,
        corpus_signature=manifest.get("corpus_signature")
        if isinstance(manifest.get("corpus_signature"), str)
        else None,
    )
