"""A cheap signature of a corpus folder: whether its files may have changed since a build.

May import: the standard library.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

__all__ = ["corpus_signature"]


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
