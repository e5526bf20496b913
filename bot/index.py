"""Build, save and load the BM25 index of a corpus.

The index is a folder of plain JSON files, no pickle: `manifest.json` (format version,
BM25 parameters, corpus fingerprint, build time, a checksum of every other file),
`documents.json` and `passages.json` (text, position and index terms of each passage).
The manifest is written last, so an interrupted save reads as corrupt, never as a mix.
Scoring is rank-bm25's, rebuilt from the stored terms on load.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
from rank_bm25 import BM25Okapi, BM25Plus

from .corpus import Document, LoadedCorpus
from .dates import PubDate
from .errors import IndexError_
from .passages import Passage, split_document
from .tokens import TOKENIZER_VERSION, tokenize, words

__all__ = ["FORMAT_VERSION", "BM25Params", "Index", "build_index", "load_index", "save_index"]

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_FILES = ("documents.json", "passages.json")

Variant = Literal["okapi", "plus"]


@dataclass(frozen=True)
class BM25Params:
    """The BM25 variant and parameters; chosen on the dev set (see README, "Ranking")."""

    variant: Variant = "okapi"
    k1: float = 1.2
    b: float = 0.75
    epsilon: float = 0.0  # BM25Okapi's idf floor; 0 keeps very common terms at no weight
    delta: float = 1.0  # BM25Plus only
    tokenizer: int = TOKENIZER_VERSION


@dataclass
class Index:
    """A corpus ready to search: documents, passages, their terms, and the BM25 scorer."""

    params: BM25Params
    fingerprint: str
    built_at: str
    documents: dict[str, Document]
    passages: list[Passage]
    terms: list[list[str]]
    vocabulary: frozenset[str]  # surface words of the corpus, for typo correction
    _bm25: BM25Okapi | BM25Plus | None = field(default=None, repr=False)

    @property
    def bm25(self) -> BM25Okapi | BM25Plus:
        """The rank-bm25 scorer over all passages (built on first use)."""
        if self._bm25 is None:
            corpus = [t or ["\0"] for t in self.terms]  # rank-bm25 divides by zero on empty docs
            p = self.params
            if p.variant == "plus":
                self._bm25 = BM25Plus(corpus, k1=p.k1, b=p.b, delta=p.delta)
            else:
                self._bm25 = BM25Okapi(corpus, k1=p.k1, b=p.b, epsilon=p.epsilon)
        return self._bm25

    def scores(self, query_terms: list[str]) -> np.ndarray:
        """BM25 score of every passage for the query terms."""
        return np.asarray(self.bm25.get_scores(query_terms), dtype=float)

    def idf(self, term: str) -> float:
        """How informative a term is; terms the corpus lacks count as the rarest."""
        value = self.bm25.idf.get(term)
        if value is None:
            n = len(self.passages)
            return math.log((n + 0.5) / 0.5)
        return max(float(value), 0.0)

    def document_of(self, passage: Passage) -> Document:
        """The document a passage comes from."""
        return self.documents[passage.doc_id]


def build_index(
    corpus: LoadedCorpus,
    fingerprint: str,
    params: BM25Params | None = None,
    progress: Callable[[Iterable[Document]], Iterable[Document]] | None = None,
) -> Index:
    """Split, tokenise and index every document of a loaded corpus."""
    params = params or BM25Params()
    passages: list[Passage] = []
    documents = corpus.documents if progress is None else progress(corpus.documents)
    for document in documents:
        passages.extend(split_document(document))
    terms = [tokenize(p.text) for p in passages]
    vocabulary = frozenset(w for p in passages for w in words(p.text) if w.isalpha())
    return Index(
        params=params,
        fingerprint=fingerprint,
        built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        documents={d.id: d for d in corpus.documents},
        passages=passages,
        terms=terms,
        vocabulary=vocabulary,
    )


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


def _write_atomic(path: Path, payload: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_index(index: Index, folder: Path) -> None:
    """Write the index to a folder, the manifest last."""
    folder.mkdir(parents=True, exist_ok=True)
    payloads = {
        "documents.json": json.dumps(
            [_document_json(d) for d in index.documents.values()], ensure_ascii=False
        ),
        "passages.json": json.dumps(
            [
                {"id": p.id, "doc_id": p.doc_id, "position": p.position, "text": p.text, "terms": " ".join(t)}
                for p, t in zip(index.passages, index.terms, strict=True)
            ],
            ensure_ascii=False,
        ),
    }
    checksums = {}
    for name, text in payloads.items():
        data = text.encode("utf-8")
        checksums[name] = hashlib.sha256(data).hexdigest()
        _write_atomic(folder / name, data)
    manifest = {
        "format": "trustbot-index",
        "format_version": FORMAT_VERSION,
        "params": asdict(index.params),
        "fingerprint": index.fingerprint,
        "built_at": index.built_at,
        "documents": len(index.documents),
        "passages": len(index.passages),
        "checksums": checksums,
    }
    _write_atomic(folder / MANIFEST, json.dumps(manifest, indent=2).encode("utf-8"))


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a saved index; IndexError_ when missing or unreadable."""
    path = folder / MANIFEST
    if not path.exists():
        raise IndexError_(f"no index in {folder}")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexError_(f"index manifest {path} is unreadable ({type(exc).__name__})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != "trustbot-index":
        raise IndexError_(f"{path} is not a trustbot index manifest")
    expected = {"params": dict, "checksums": dict, "fingerprint": str, "built_at": str}
    for key, kind in expected.items():
        if not isinstance(manifest.get(key), kind):
            raise IndexError_(f"{path} is malformed ({key!r} missing or not a {kind.__name__})")
    return manifest


def load_index(folder: Path) -> Index:
    """Load a saved index, checking its version and every file's checksum."""
    manifest = read_manifest(folder)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexError_(f"index format {manifest.get('format_version')} is not {FORMAT_VERSION}")
    raw: dict[str, bytes] = {}
    for name in DATA_FILES:
        try:
            raw[name] = (folder / name).read_bytes()
        except OSError as exc:
            raise IndexError_(f"index file {folder / name} is unreadable ({exc.strerror})") from None
        if hashlib.sha256(raw[name]).hexdigest() != manifest.get("checksums", {}).get(name):
            raise IndexError_(f"index file {folder / name} is corrupt (checksum mismatch)")
    try:
        params = BM25Params(**manifest["params"])
        documents = {d["id"]: _document_from(d) for d in json.loads(raw["documents.json"])}
        rows = json.loads(raw["passages.json"])
        passages = [Passage(r["id"], r["doc_id"], int(r["position"]), r["text"]) for r in rows]
        terms = [r["terms"].split() for r in rows]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise IndexError_(f"index in {folder} is malformed ({type(exc).__name__}: {exc})") from None
    vocabulary = frozenset(w for p in passages for w in words(p.text) if w.isalpha())
    return Index(
        params, manifest["fingerprint"], manifest["built_at"], documents, passages, terms, vocabulary
    )
