"""Large string lists on disk that load in no time: one UTF-8 blob plus an offsets array.

A loaded table is memory-mapped and decodes a string only when asked for it, so an index
with hundreds of thousands of terms, words and passages opens without parsing any of
them. A `StringIndex` keeps its strings sorted and finds one by binary search; a
`StringTableWriter` writes a table to a temporary file as its strings come, so a build
never holds them all in memory.

May import: the standard library, NumPy and `.files`.
"""

from __future__ import annotations

import bisect
import itertools
import json
import mmap
import os
import shutil
import tempfile
import weakref
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, TypeVar, overload

import numpy as np
import numpy.typing as npt

from .files import load_array, memory_map, open_regular

__all__ = ["SAMPLE_EVERY", "LazySequence", "StemTable", "StringIndex", "StringTable", "StringTableWriter"]

#: A `StringIndex` keeps one string in this many in memory (read on first lookup), so a
#: lookup decodes a handful of mapped strings rather than a whole binary search's worth.
SAMPLE_EVERY = 32
T = TypeVar("T")
#: Buffer for copying a table's file written by a build into a saved index.
COPY_BUFFER_BYTES = 1 << 20


class LazySequence(Sequence[T]):
    """A sequence whose items are made when asked for, by `_item(i)` for 0 <= i < len."""

    def _item(self, i: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[T]: ...
    def __getitem__(self, i: int | slice) -> T | Sequence[T]:
        if isinstance(i, slice):
            return [self._item(j) for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._item(i)

    def __iter__(self) -> Iterator[T]:
        return (self._item(i) for i in range(len(self)))


class StringTable(LazySequence[str]):
    """A list of strings, held in memory or read on demand from a blob and its offsets."""

    def __init__(
        self,
        strings: Sequence[str] | None = None,
        blob: bytes | mmap.mmap | None = None,
        offsets: npt.NDArray[np.int64] | None = None,
        source: BinaryIO | None = None,
    ) -> None:
        self._strings = strings
        self._blob = blob
        self._offsets = offsets
        self._source = source  # the file `blob` maps, when a build wrote it
        if source is not None:
            weakref.finalize(self, source.close)  # closed (and deleted) with the table

    def __len__(self) -> int:
        if self._strings is not None:
            return len(self._strings)
        assert self._offsets is not None
        return len(self._offsets) - 1

    def _item(self, i: int) -> str:
        if self._strings is not None:
            return self._strings[i]
        assert self._blob is not None and self._offsets is not None
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
        return [f"{name}.bin", f"{name}_offsets.npy"]

    def save(self, folder: Path, name: str) -> list[str]:
        """Write the table as `name.bin` and `name_offsets.npy`; the file names."""
        with (folder / f"{name}.bin").open("wb") as handle:
            if self._source is not None and self._offsets is not None:
                # Copied from the build's file, not through the map: the text need not be
                # paged into this process's memory to be saved.
                self._source.seek(0)
                shutil.copyfileobj(self._source, handle, COPY_BUFFER_BYTES)
                offsets = np.asarray(self._offsets, dtype=np.int64)
            else:
                offsets = np.zeros(len(self) + 1, dtype=np.int64)
                at = 0
                for i, text in enumerate(self):
                    data = text.encode("utf-8")
                    handle.write(data)
                    at += len(data)
                    offsets[i + 1] = at
        np.save(folder / f"{name}_offsets.npy", offsets, allow_pickle=False)
        return self.file_names(name)

    @classmethod
    def load(cls, folder: Path, name: str) -> StringTable:
        """A table saved by `save`, memory-mapped; ValueError when its files disagree."""
        offsets = load_array(folder / f"{name}_offsets.npy")
        blob = memory_map(folder / f"{name}.bin")
        if offsets.dtype != np.int64 or len(offsets) < 1 or int(offsets[-1]) != len(blob):
            raise ValueError(f"{name}_offsets.npy does not match {name}.bin")
        return cls(blob=blob, offsets=offsets)


class StringTableWriter:
    """A string table written to a temporary file block by block, read back memory-mapped."""

    def __init__(self) -> None:
        # Open for as long as the finished table lives (closed with it): no context manager.
        self._file = tempfile.TemporaryFile(prefix="trustbot-strings-")  # noqa: SIM115
        self._ends = array("q", [0])

    def write(self, data: bytes, ends: Iterable[int]) -> None:
        """Add strings given as their UTF-8 bytes back to back and where each ends in `data`."""
        base = self._ends[-1]
        self._ends.extend(base + end for end in ends)
        self._file.write(data)

    def finish(self) -> StringTable:
        """The strings written, as a table mapped from the file (which it keeps open)."""
        self._file.flush()
        offsets = np.frombuffer(self._ends, dtype=np.int64)
        return StringTable(blob=memory_map(self._file), offsets=offsets, source=self._file)

    def close(self) -> None:
        """Discard what was written (when the build fails)."""
        self._file.close()


class StringIndex(Mapping[str, int]):
    """Sorted distinct strings, each mapped to its position: membership by binary search."""

    def __init__(self, table: StringTable, sample: list[str] | None = None) -> None:
        self.table = table  # sorted
        self._sample = sample  # every SAMPLE_EVERY-th string (read on first use if unknown)

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

    @staticmethod
    def file_names(name: str) -> list[str]:
        """The files `save` writes for an index called `name`."""
        return [*StringTable.file_names(name), f"{name}_sample.json"]

    def save(self, folder: Path, name: str) -> list[str]:
        """Write the sorted table and its sample (`name_sample.json`); the file names."""
        self.table.save(folder, name)
        # Every SAMPLE_EVERY-th string, for lookups: one small JSON read rather than
        # thousands of strings decoded one by one.
        strings = [self.table[i] for i in range(0, len(self.table), SAMPLE_EVERY)]
        sample = {"every": SAMPLE_EVERY, "strings": strings}
        (folder / f"{name}_sample.json").write_text(json.dumps(sample, ensure_ascii=False), encoding="utf-8")
        return self.file_names(name)

    @classmethod
    def load(cls, folder: Path, name: str) -> StringIndex:
        """An index saved by `save`, memory-mapped; ValueError when its files disagree."""
        table = StringTable.load(folder, name)
        with os.fdopen(open_regular(folder / f"{name}_sample.json"), "rb") as handle:
            data = handle.read()
        try:
            sample = json.loads(data.decode("utf-8"))
        except RecursionError:
            raise ValueError(f"{name}_sample.json is nested too deeply") from None
        strings = sample.get("strings") if isinstance(sample, dict) else None
        if (
            not isinstance(sample, dict)
            or sample.get("every") != SAMPLE_EVERY
            or not isinstance(strings, list)
            or not all(isinstance(s, str) for s in strings)
            or len(strings) != -(-len(table) // SAMPLE_EVERY)
        ):
            raise ValueError(f"{name}_sample.json does not match {name}.bin")
        return cls(table, strings)


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

    @staticmethod
    def file_names(words: str, stems: str) -> list[str]:
        """The files `save` writes."""
        return [*StringIndex.file_names(words), *StringTable.file_names(stems)]

    def save(self, folder: Path, words: str, stems: str) -> list[str]:
        """Write the words as a string index called `words`, their stems as a table `stems`."""
        return self.words.save(folder, words) + self.stems.save(folder, stems)

    @classmethod
    def load(cls, folder: Path, words: str, stems: str) -> StemTable:
        """A table saved by `save`, memory-mapped; ValueError when its files disagree."""
        table = cls(StringIndex.load(folder, words), StringTable.load(folder, stems))
        if len(table.words) != len(table.stems):
            raise ValueError("stem tables do not match each other")
        return table
