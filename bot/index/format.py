"""One generation of a saved index on disk: write its files, check them whole, load them.

A generation folder holds plain JSON and NumPy files, no pickle:

    manifest.json          format version, BM25 parameters, corpus fingerprint, counts,
                           and each file's size and XXH3-128 checksum (`manifest.py`)
    documents.json         the documents' records, without text (`documents.py`)
    words.*, stem_*.*      the corpus's surface words, and the stems of every word known
    passage_*              each passage's text, document, place and page (`store.py`)
    terms.*, postings_*.npy, idf.npy    the BM25 postings (`postings.py`)

Every load checks every file whole against its checksum (read in 1 MiB blocks: several
GB/s, tens of milliseconds at 100k passages), so a changed byte anywhere makes the index
corrupt, to be rebuilt, never a wrong answer.

May import: the standard library, NumPy, `bot.errors`, `bot.tokens`, `.documents`,
`.files`, `.manifest`, `.model`, `.postings`, `.store` and `.strings`.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import IndexError_
from ..text.tokens import remember_stems
from .documents import DOCUMENTS_FILE, SavedDocuments, save_documents
from .files import read_small, whole_file_checksum
from .manifest import FORMAT, MANIFEST_MAX_BYTES, FileCheck, Manifest, parse_manifest, sealed_manifest
from .model import Index
from .postings import Postings
from .store import PassageStore
from .strings import StemTable, StringIndex

__all__ = [
    "INDEX_FILES",
    "MANIFEST",
    "is_trustbot_manifest",
    "load_generation",
    "read_manifest",
    "verify_files",
    "write_generation",
]

MANIFEST = "manifest.json"
WORDS = "words"  # the corpus's words, sorted: words.bin + words_offsets.npy + words_sample.json
STEM_WORDS, STEM_VALUES = "stem_words", "stem_values"  # words sorted, and their stems
#: Every file of a generation besides the manifest, which lists exactly these.
INDEX_FILES = frozenset(
    [
        DOCUMENTS_FILE,
        *StringIndex.file_names(WORDS),
        *StemTable.file_names(STEM_WORDS, STEM_VALUES),
        *PassageStore.file_names(),
        *Postings.file_names(),
    ]
)


def write_generation(index: Index, target: Path) -> None:
    """Every file of the index into an empty folder, the manifest last."""
    names = save_documents(index.documents.values(), target)
    names += index.surface_words.save(target, WORDS)
    stems = index.stems if isinstance(index.stems, StemTable) else StemTable.of(index.stems)
    names += stems.save(target, STEM_WORDS, STEM_VALUES)
    names += index.passages.save(target)
    names += index.postings.save(target)
    assert set(names) == INDEX_FILES, "the index files are not the ones a load expects"
    manifest = sealed_manifest(
        params=index.params,
        fingerprint=index.fingerprint,
        built_at=index.built_at,
        documents=len(index.documents),
        passages=len(index.passages),
        terms=len(index.postings.terms),
        corpus_signature=index.corpus_signature,
        files={name: _file_check(target / name) for name in names},
    )
    (target / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")


def _file_check(path: Path) -> FileCheck:
    size, digest = whole_file_checksum(path)
    assert digest is not None
    return FileCheck(bytes=size, xxh3_128=digest)


def read_manifest(generation: Path, folder: Path) -> Manifest:
    """The manifest of one generation folder of `folder`, checked (but not its files)."""
    path = generation / MANIFEST
    if not (path.is_symlink() or path.exists()):
        raise IndexError_(f"no index in {folder}")
    manifest = parse_manifest(read_small(path, MANIFEST_MAX_BYTES, "index manifest"), path)
    if set(manifest.files) != INDEX_FILES:
        raise IndexError_(f"{path} is malformed ('files' does not list the files of an index)")
    return manifest


def verify_files(generation: Path, manifest: Manifest) -> None:
    """Every file whole against its size and checksum; IndexError_ at the first that differs."""
    for name, expected in sorted(manifest.files.items(), key=lambda item: item[1].size):
        path = generation / name
        size, digest = whole_file_checksum(path, expected.size)
        if (size, digest) != (expected.size, expected.xxh3_128):
            raise IndexError_(f"index file {path} is corrupt (checksum mismatch)")


def load_generation(generation: Path, manifest: Manifest) -> Index:
    """The index saved in a generation folder, its files checked; large arrays memory-mapped."""
    verify_files(generation, manifest)
    try:
        documents = SavedDocuments.load(generation)
        surface = StringIndex.load(generation, WORDS)
        stems = StemTable.load(generation, STEM_WORDS, STEM_VALUES)
        store = PassageStore.load(generation, list(documents))
        if len(store) != manifest.passages:
            raise ValueError("the passages are not as many as the manifest says")
        postings = Postings.load(generation, len(store))
    except (KeyError, TypeError, ValueError, AttributeError, OSError, RecursionError) as exc:
        raise IndexError_(f"index in {generation} is malformed ({type(exc).__name__}: {exc})") from None
    remember_stems(stems)
    return Index(
        manifest.params,
        manifest.fingerprint,
        manifest.built_at,
        documents,
        store,
        postings,
        surface,
        stems,
        corpus_signature=manifest.corpus_signature,
    )


def is_trustbot_manifest(path: Path) -> bool:
    """Whether a manifest file is a trustbot index's, of any version: only those are ever deleted."""
    try:
        data = json.loads(read_small(path, MANIFEST_MAX_BYTES, "index manifest").decode("utf-8"))
    except (IndexError_, ValueError, RecursionError):  # ValueError: not UTF-8, or not JSON
        return False
    return isinstance(data, dict) and data.get("format") == FORMAT
