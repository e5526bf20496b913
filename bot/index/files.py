"""Read an index's files safely: regular files only, small files with a limit, large ones mapped.

Anything but a regular file in a file's place (a FIFO, a device, a folder) is refused
without being opened for a blocking read; every refusal is a one-line `IndexError_`.
This is the one place an index file is opened, memory-mapped or checksummed.

May import: the standard library, NumPy, xxhash and `bot.errors`.
"""

from __future__ import annotations

import mmap
import os
import stat
from pathlib import Path
from typing import Any, BinaryIO, Final

import numpy as np
import numpy.typing as npt
import xxhash

from ..errors import IndexError_

__all__ = ["CHECKSUM", "load_array", "memory_map", "open_regular", "read_small", "whole_file_checksum"]

#: The checksum of every index file (recorded in the manifest, checked whole on every load).
CHECKSUM: Final = "xxh3_128"
#: Read size when checksumming a file (one buffer, reused).
CHECK_BLOCK_BYTES = 1 << 20


def open_regular(path: Path, what: str = "index file") -> int:
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


def read_small(path: Path, limit: int, what: str = "index file") -> bytes:
    """The bytes of a small regular file; IndexError_ when it is not one or holds over `limit`."""
    with os.fdopen(open_regular(path, what), "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise IndexError_(f"{what} {path} is unreadable ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise IndexError_(f"{what} {path} is corrupt (over {limit:,} bytes)")
    return data


def memory_map(file: Path | BinaryIO) -> bytes | mmap.mmap:
    """The content of a regular file (by path) or of an open file, mapped read-only.

    b"" when the file is empty (an empty file cannot be mapped).
    """
    if isinstance(file, Path):
        descriptor = open_regular(file)
        try:
            return _map_descriptor(descriptor)
        finally:
            os.close(descriptor)
    return _map_descriptor(file.fileno())


def _map_descriptor(descriptor: int) -> bytes | mmap.mmap:
    if os.fstat(descriptor).st_size == 0:
        return b""
    return mmap.mmap(descriptor, 0, access=mmap.ACCESS_READ)


def load_array(path: Path) -> npt.NDArray[Any]:
    """A saved `.npy` array, memory-mapped; IndexError_ for anything but a regular file."""
    os.close(open_regular(path))  # np.load would wait forever on a FIFO
    array: npt.NDArray[Any] = np.load(path, mmap_mode="r", allow_pickle=False)
    return array


def whole_file_checksum(path: Path, expected_bytes: int | None = None) -> tuple[int, str | None]:
    """The size and checksum (see CHECKSUM) of a whole file; IndexError_ when it is no regular file.

    With `expected_bytes`, a file of another size is not read: its size comes with None.
    """
    with os.fdopen(open_regular(path), "rb", buffering=0) as handle:
        size = os.fstat(handle.fileno()).st_size
        if expected_bytes is not None and size != expected_bytes:
            return size, None
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
    return read, digest.hexdigest()
