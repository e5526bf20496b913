"""Where a corpus change is prepared before it lands: the lock, the workspace, the files read.

One change at a time: a lock on the corpus folder serialises concurrent adds and removes.
A change is prepared in a hidden folder inside the corpus folder, so that moving it into
place is a rename within one file system; a folder of this kind found while the lock is
held was left by a change that was killed, and is deleted.

May import: bot.errors.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import CorpusError

__all__ = ["ORIGINALS", "locked", "read_text", "workspace"]

#: The folder of the corpus that keeps the files documents were extracted from.
ORIGINALS = "originals"
_WORKSPACES = (".add-*", ".remove-*")


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
        # still here is what a killed one left behind (its change had not been committed,
        # or, for a remove, its files were already out of the corpus).
        for leftover in (path for pattern in _WORKSPACES for path in corpus_dir.glob(pattern)):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
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
