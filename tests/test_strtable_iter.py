"""A saved string table, memory-mapped, iterates over the strings it was made of."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.strtable import StringTable


@pytest.mark.parametrize("strings", [["alpha", "beta", "gamma"], ["café", "naïve", "zebra"], []])
def test_a_mapped_table_iterates_its_strings_in_order(tmp_path: Path, strings: list[str]) -> None:
    StringTable(strings).save(tmp_path, "t")
    table = StringTable.load(tmp_path, "t")
    assert list(table) == strings
    assert [table[i] for i in range(len(table))] == strings
