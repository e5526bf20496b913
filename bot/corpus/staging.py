"""Where a corpus change is prepared before it lands: the lock, the workspace, the files read.

One change at a time: a lock on the corpus folder serialises concurrent adds and removes.
A change is prepared in a hidden folder inside the corpus folder, so that moving it into
place is a rename within one file system. A folder of this kind found while the lock is
held was left by a change that was killed. An add commits when `metadata.toml` names its
documents (the file is replaced whole, in one step): killed before, its folder is deleted;
killed after, while its files were being moved into place one by one, the move is
finished (`settle`), by the next change or by the next command that reads the corpus.

May import: bot.errors and this package's `metadata` (for the metadata file's name).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path

from ..errors import CorpusError
from .metadata import METADATA_FILE

__all__ = ["ORIGINALS", "locked", "read_text", "settle", "workspace"]

#: The folder of the corpus that keeps the files documents were extracted from.
ORIGINALS = "originals"
_ADDS = ".add-"
_PREFIXES = (_ADDS, ".remove-")  # of the workspaces of adds and removes


def _committed(corpus_dir: Path, staged: list[Path]) -> bool:
    """Whether the corpus's metadata names every staged document: the add had committed."""
    try:
        named = tomllib.loads((corpus_dir / METADATA_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return bool(staged) and all(p.stem in named for p in staged)


def _finish(corpus_dir: Path, leftover: Path) -> None:
    """Move what a killed, committed add had not yet moved into place."""
    originals = leftover / ORIGINALS
    if originals.is_dir() and (left := sorted(originals.iterdir())):
        (corpus_dir / ORIGINALS).mkdir(exist_ok=True)
        for path in left:
            os.replace(path, corpus_dir / ORIGINALS / path.name)
    for path in sorted(p for p in leftover.iterdir() if p.is_file()):
        os.replace(path, corpus_dir / path.name)


def _clear_leftovers(corpus_dir: Path) -> None:
    """With the lock held: finish the adds that had committed, delete every other leftover."""
    for leftover in (path for prefix in _PREFIXES for path in corpus_dir.glob(f"{prefix}*")):
        if not leftover.is_dir():
            continue
        staged = [p for p in leftover.iterdir() if p.is_file()]
        if leftover.name.startswith(_ADDS) and _committed(corpus_dir, staged):
            _finish(corpus_dir, leftover)
        shutil.rmtree(leftover, ignore_errors=True)


def settle(corpus_dir: Path) -> None:
    """Finish or clear what a killed add or remove left, unless a change is under way; a
    corpus that cannot be changed (read-only) is left as it is."""
    if not any(p.name.startswith(_PREFIXES) for p in corpus_dir.iterdir()):
        return
    try:
        fd = os.open(corpus_dir, os.O_RDONLY)
    except OSError:
        return
    try:
        # Never wait: the lock held means a change is under way, and it settles its own.
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        _clear_leftovers(corpus_dir)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def locked(corpus_dir: Path) -> Iterator[None]:
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
        # still here is what a killed one left behind.
        try:
            _clear_leftovers(corpus_dir)
        except OSError as exc:
            raise CorpusError(
                f"cannot finish an add that was interrupted in {corpus_dir} ({exc.strerror or exc})"
            ) from None
        yield
    finally:
        os.close(fd)  # releases the lock


def workspace(corpus_dir: Path, prefix: str) -> Path:
    """A new hidden folder in the corpus folder, where a change is prepared before it lands
    (a rename within one file system is atomic); CorpusError when the folder is read-only."""
    try:
        return Path(tempfile.mkdtemp(dir=corpus_dir, prefix=prefix))
    except OSError as exc:
        raise CorpusError(
            f"cannot write to the corpus folder {corpus_dir} ({exc.strerror or exc}); nothing changed"
        ) from None


def read_text(path: Path) -> str:
    """The text of a file of the corpus, "" when there is none; CorpusError when it cannot be read."""
    if not path.exists():
        return ""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path} cannot be read ({exc})") from None
