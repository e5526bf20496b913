"""Large string lists on disk that load in no time: one UTF-8 blob plus an offsets array.

A loaded table is memory-mapped and decodes a string only when asked for it, so an index
with hundreds of thousands of terms and words opens without parsing any of them. A
`StringIndex` keeps its strings sorted and finds one by binary search.
"""

from __future__ import annotations

import bisect
import itertools
import json
import mmap
import os
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, overload

import numpy as np
import numpy.typing as npt

__all__ = ["SAMPLE_EVERY", "StemTable", "StringIndex", "StringTable", "load_array"]

#: A `StringIndex` keeps one string in this many in memory (read on first lookup), so a
#: lookup decodes a handful of mapped strings rather than a whole binary search's worth.
SAMPLE_EVERY = 32


def _open_regular(path: Path) -> int:
    """A read-only descriptor of a regular file; ValueError for anything else.

    Opened without blocking, so a FIFO in the file's place is refused rather than waited
    on forever.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise ValueError(f"{path.name} is not a regular file")
    return descriptor


def _map(path: Path) -> bytes | mmap.mmap:
    """The bytes of a file, memory-mapped (an empty file cannot be mapped)."""
    descriptor = _open_regular(path)
    try:
        if os.fstat(descriptor).st_size == 0:
            return b""
        return mmap.mmap(descriptor, 0, access=mmap.ACCESS_READ)
    finally:
        os.close(descriptor)


def load_array(path: Path) -> npt.NDArray[Any]:
    """A saved `.npy` array, memory-mapped; ValueError for anything but a regular file."""
    if not stat.S_ISREG(os.stat(path).st_mode):  # np.load would wait forever on a FIFO
        raise ValueError(f"{path.name} is not a regular file")
    array: npt.NDArray[Any] = np.load(path, mmap_mode="r", allow_pickle=False)
    return array


def _read_text(path: Path) -> str:
    """The UTF-8 text of a regular file."""
    with os.fdopen(_open_regular(path), "rb") as handle:
        return handle.read().decode("utf-8")


class StringTable(Sequence[str]):
    """A list of strings, held in memory or read on demand from a blob and its offsets."""

    def __init__(
        self,
        strings: Sequence[str] | None = None,
        blob: bytes | mmap.mmap | None = None,
        offsets: npt.NDArray[np.int64] | None = None,
    ) -> None:
        self._strings = strings
        self._blob = blob
        self._offsets = offsets
        self.sample: list[str] | None = None  # every SAMPLE_EVERY-th string, when known

    def __len__(self) -> int:
        if self._strings is not None:
            return len(self._strings)
        assert self._offsets is not None
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...
    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if self._strings is not None:
            return self._strings[i]
        assert self._blob is not None and self._offsets is not None
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._blob[int(self._offsets[i]) : int(self._offsets[i + 1])].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        if self._strings is not None:
            return iter(self._strings)
        return iter(self._decoded())

    def _decoded(self) -> list[str]:
        """Every string of a mapped table, decoded at once.

        A typo's correction scans the whole vocabulary: decoding it in one go takes
        milliseconds where a lookup per string took about a second at 100k passages.
        """
        assert self._blob is not None and self._offsets is not None
        ends = self._offsets.tolist()
        data = bytes(self._blob[: ends[-1]]) if ends else b""
        text = data.decode("utf-8")
        if len(text) == len(data):  # ASCII only: character offsets are the byte offsets
            return [text[start:end] for start, end in itertools.pairwise(ends)]
        return [data[start:end].decode("utf-8") for start, end in itertools.pairwise(ends)]

    @staticmethod
    def file_names(name: str) -> list[str]:
        """The files `save` writes for a table called `name`."""
        return [f"{name}.bin", f"{name}_offsets.npy", f"{name}_sample.json"]

    def save(self, folder: Path, name: str) -> list[str]:
        """Write the table as `name.bin` and `name_offsets.npy` (and its sample); the file names."""
        offsets = np.zeros(len(self) + 1, dtype=np.int64)
        with (folder / f"{name}.bin").open("wb") as handle:
            at = 0
            for i, text in enumerate(self):
                data = text.encode("utf-8")
                handle.write(data)
                at += len(data)
                offsets[i + 1] = at
        np.save(folder / f"{name}_offsets.npy", offsets, allow_pickle=False)
        # Every SAMPLE_EVERY-th string, for a sorted table's lookups: one small JSON read
        # rather than thousands of strings decoded one by one.
        sample = {"every": SAMPLE_EVERY, "strings": [self[i] for i in range(0, len(self), SAMPLE_EVERY)]}
        (folder / f"{name}_sample.json").write_text(json.dumps(sample, ensure_ascii=False), encoding="utf-8")
        return self.file_names(name)

    @classmethod
    def load(cls, folder: Path, name: str) -> StringTable:
        """A table saved by `save`, memory-mapped; ValueError when its files disagree."""
        offsets = load_array(folder / f"{name}_offsets.npy")
        blob = _map(folder / f"{name}.bin")
        if offsets.dtype != np.int64 or len(offsets) < 1 or int(offsets[-1]) != len(blob):
            raise ValueError(f"{name}_offsets.npy does not match {name}.bin")
        table = cls(blob=blob, offsets=offsets)
        try:
            sample = json.loads(_read_text(folder / f"{name}_sample.json"))
        except RecursionError:
            raise ValueError(f"{name}_sample.json is nested too deeply") from None
        if not isinstance(sample, dict):
            raise ValueError(f"{name}_sample.json does not match {name}.bin")
        strings = sample.get("strings")
        if (
            sample.get("every") != SAMPLE_EVERY
            or not isinstance(strings, list)
            or not all(isinstance(s, str) for s in strings)
            or len(strings) != -(-len(table) // SAMPLE_EVERY)
        ):
            raise ValueError(f"{name}_sample.json does not match {name}.bin")
        table.sample = strings
        return table


class StringIndex(Mapping[str, int]):
    """Sorted distinct strings, each mapped to its position: membership by binary search."""

    def __init__(self, table: StringTable) -> None:
        self.table = table  # sorted
        self._sample = table.sample  # every SAMPLE_EVERY-th string (read on first use if unknown)

    @classmethod
    def of(cls, strings: Iterable[str]) -> StringIndex:
        """The index of some strings, sorted, duplicates dropped."""
        return cls(StringTable(sorted(set(strings))))

    def __getitem__(self, key: str) -> int:
        if self._sample is None:
            self._sample = [self.table[i] for i in range(0, len(self.table), SAMPLE_EVERY)]
        # Search the sample in memory, then a few probes of the mapped strings of one block.
        block = bisect.bisect_right(self._sample, key) - 1
        if block >= 0:
            lo = block * SAMPLE_EVERY
            at = bisect.bisect_left(self.table, key, lo, min(lo + SAMPLE_EVERY, len(self.table)))
            if at < len(self.table) and self.table[at] == key:
                return at
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)

    def __len__(self) -> int:
        return len(self.table)


class StemTable(Mapping[str, str]):
    """Word -> stem, as sorted words and their stems side by side."""

    def __init__(self, words: StringIndex, stems: StringTable) -> None:
        self.words = words
        self.stems = stems

    @classmethod
    def of(cls, stems: Mapping[str, str]) -> StemTable:
        """The table of a word -> stem mapping."""
        words = sorted(stems)
        return cls(StringIndex(StringTable(words)), StringTable([stems[w] for w in words]))

    def __getitem__(self, word: str) -> str:
        return self.stems[self.words[word]]

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)
