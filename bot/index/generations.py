"""The index folder: generations, one folder per save, and the pointer to the current one.

    index/CURRENT          the name of the current generation (replaced atomically, last)
    index/<generation>/    the files of one saved index (`format.py`)

A save writes a new generation beside the old ones and switches `CURRENT` last, so a
reader (a CLI run, the running bot) sees the old index or the new one, never a mix, and
no file a reader has memory-mapped is ever overwritten. The previous generation is kept,
older ones pruned. A malformed `CURRENT` is an `IndexError_` like any other corruption.

May import: the standard library, `bot.atomic`, `bot.errors`, `.files`, `.format`,
`.manifest` and `.model`.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import time
from pathlib import Path

from ..atomic import write_atomic
from ..errors import IndexError_
from ..text.patterns import lazy_compile
from .files import read_small
from .format import (
    MANIFEST,
    is_trustbot_manifest,
    load_generation,
    read_manifest,
    verify_files,
    write_generation,
)
from .manifest import Manifest, shown
from .model import Index

__all__ = ["POINTER", "current_generation", "index_present", "load_index", "save_index", "verify_index"]

POINTER = "CURRENT"
#: `CURRENT` holds one generation name; a larger file is refused unread.
POINTER_MAX_BYTES = 4096
#: How save_index names a generation: its UTC time to the microsecond, and a random suffix.
_GENERATION_NAME = lazy_compile(r"\d{8}T\d{12}-[0-9a-f]{8}")
#: A temporary generation folder this old is a dead save's leftover, safe to remove.
STALE_TEMP_SECONDS = 3600
#: The files of a format-1 index, flat in the index folder.
_LEGACY_FILES = ("manifest.json", "documents.json", "passages.json")


def current_generation(folder: Path) -> str | None:
    """The name of the index generation `folder/CURRENT` points to, None if there is none.

    Cheap (one small read): a running bot can poll it to notice a new index. The name
    is as written, not checked: `load_index` refuses one that names no generation.
    """
    try:
        name = read_small(folder / POINTER, POINTER_MAX_BYTES, "index pointer").decode("utf-8").strip()
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
        write_generation(index, staging)
        _sync_folder(staging)  # on disk before CURRENT can name it, so a power cut can't tear it
        os.replace(staging, folder / name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    write_atomic(folder / POINTER, (name + "\n").encode("utf-8"))
    _sync_folder_entry(folder)
    index.generation = name
    _prune(folder, keep={name, previous})


def load_index(folder: Path) -> Index:
    """Load the current index of a folder, checking its version and files; large arrays are memory-mapped."""
    # `CURRENT` is read once: a save switching it meanwhile must not pair one generation's
    # files with another's manifest.
    generation = _generation_folder(folder)
    index = load_generation(generation, read_manifest(generation, folder))
    index.generation = generation.name if generation != folder else None
    return index


def verify_index(folder: Path) -> Manifest:
    """The manifest of the index in a folder, once its version and every file are checked whole.

    IndexError_ when anything is amiss: what `load_index` checks before loading.
    """
    generation = _generation_folder(folder)
    manifest = read_manifest(generation, folder)
    verify_files(generation, manifest)
    return manifest


def _generation_folder(folder: Path) -> Path:
    """The folder of the current generation (or, for an old-style index, the folder itself)."""
    name = current_generation(folder)
    pointer = folder / POINTER
    if name is None:
        if pointer.is_symlink() or pointer.exists():
            read_small(pointer, POINTER_MAX_BYTES, "index pointer")  # raises what is wrong with it
            raise IndexError_(f"index pointer {pointer} is unreadable (empty or not UTF-8)")
        if (folder / MANIFEST).exists():
            return folder  # format 1: its manifest says so, and the version check refuses it
        raise IndexError_(f"no index in {folder}")
    # Only a name save_index gives: anything else (a path, 300 characters) is never looked up.
    if not _GENERATION_NAME.fullmatch(name):
        raise IndexError_(f"index pointer {pointer} names a missing generation ({shown(name)}: not a name)")
    if not (folder / name).is_dir():
        raise IndexError_(f"index pointer {pointer} names a missing generation ({name!r})")
    return folder / name


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


def _prune(folder: Path, keep: set[str | None]) -> None:
    """Remove generations no reader needs (all but the current and the previous one)."""
    if is_trustbot_manifest(folder / MANIFEST):  # a format-1 index, flat in the folder
        for legacy in _LEGACY_FILES:
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
        elif not (_GENERATION_NAME.fullmatch(entry.name) and is_trustbot_manifest(entry / MANIFEST)):
            continue  # not ours
        elif entry.name > min(k for k in keep if k):
            continue  # newer (names start with the time): a save running alongside this one
        shutil.rmtree(entry, ignore_errors=True)
