"""String tables on disk: a saved table, memory-mapped, gives back the strings it was made of;
a sorted one finds every string it holds and only those; one written block by block is
the same table."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.errors import IndexError_
from bot.index.strings import StringIndex, StringTable, StringTableWriter


@pytest.mark.parametrize("strings", [["alpha", "beta", "gamma"], ["café", "naïve", "zebra"], []])
def test_a_mapped_table_iterates_its_strings_in_order(tmp_path: Path, strings: list[str]) -> None:
    StringTable(strings).save(tmp_path, "t")
    table = StringTable.load(tmp_path, "t")
    assert list(table) == strings
    assert [table[i] for i in range(len(table))] == strings


def test_string_index_on_disk_finds_every_string_and_only_those(tmp_path: Path) -> None:
    strings = ["trust", "£22m", "café", "zebra", "a", "ärger", "2019/20", ""]
    StringIndex.of(strings).save(tmp_path, "t")
    loaded = StringIndex.load(tmp_path, "t")
    assert list(loaded) == sorted(set(strings))
    assert all(s in loaded for s in strings)
    assert "caf" not in loaded and "trusts" not in loaded and 3 not in loaded
    assert [loaded[s] for s in sorted(strings)] == list(range(len(strings)))


def test_string_index_lookup_across_many_blocks(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    strings = {"".join(rng.choice(list("abcdeé£1"), size=int(rng.integers(1, 9)))) for _ in range(3000)}
    StringIndex.of(strings).save(tmp_path, "many")
    loaded = StringIndex.load(tmp_path, "many")
    ordered = sorted(strings)
    assert all(loaded[s] == i for i, s in enumerate(ordered))
    assert not any(s + "zz" in loaded or "0" + s in loaded for s in ordered)


def test_a_sample_that_does_not_match_its_table_is_refused(tmp_path: Path) -> None:
    StringIndex.of(["a", "b"]).save(tmp_path, "t")
    (tmp_path / "t_sample.json").write_text('{"every": 32, "strings": ["a", "b"]}')
    with pytest.raises(ValueError, match="does not match"):
        StringIndex.load(tmp_path, "t")


def test_a_folder_in_place_of_a_table_file_is_refused(tmp_path: Path) -> None:
    StringTable(["a"]).save(tmp_path, "t")
    (tmp_path / "t.bin").unlink()
    (tmp_path / "t.bin").mkdir()
    with pytest.raises(IndexError_, match="not a regular file"):
        StringTable.load(tmp_path, "t")


def test_a_table_written_block_by_block_saves_what_it_was_given(tmp_path: Path) -> None:
    writer = StringTableWriter()
    writer.write(b"First part.", [11])
    writer.write("Second — part.Third".encode(), [16, 21])
    table = writer.finish()
    assert list(table) == ["First part.", "Second — part.", "Third"]
    table.save(tmp_path, "t")  # copied from the writer's file, not encoded again
    assert list(StringTable.load(tmp_path, "t")) == ["First part.", "Second — part.", "Third"]
