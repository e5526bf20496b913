"""`metadata.toml` keeps the user's layout and comments through `corpus add` and `corpus remove`,
and its entries are read as typed values whatever type a hand-written file gives them."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from bot.corpus import MetadataEntry, load_corpus, read_entries
from bot.corpus.metadata import add_entries, remove_entry
from bot.errors import CorpusError
from tests.conftest import SEED_CORPUS, run_cli, where
from tests.corpus.test_add_list_remove import BUDGET, added_id, corpus_add, ok

HAND_WRITTEN = """\
# Kept by hand: one entry per document.
# Dates are checked against the printed copies.

["000_7221a45d64e2d799"]
title = "New trust proposed"  # shortened on purpose
publisher = "Northamptonshire County Council"
published = 2015-12-08  # a TOML date, not a string
inferred = false
reviewer = "J. Smith"  # a field of our own

# The trade press report: month only.
["001_3f58470cc91bc144"]
publisher = "Children & Young People Now"
published = "2015-12"
inferred = true
"""


@pytest.fixture
def hand_corpus(tmp_path: Path) -> Path:
    """The seed corpus's first two documents, described by a hand-written metadata file."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for stem in ("000_7221a45d64e2d799", "001_3f58470cc91bc144"):
        (corpus / f"{stem}.txt").write_bytes((SEED_CORPUS / f"{stem}.txt").read_bytes())
    (corpus / "metadata.toml").write_text(HAND_WRITTEN, encoding="utf-8")
    return corpus


def test_add_then_remove_keeps_comments_and_hand_written_entries(hand_corpus: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    source = tmp_path / "budget.txt"
    source.write_text(f"9 July 2021\n\n{BUDGET}\n", encoding="utf-8")

    doc_id = added_id(ok(corpus_add(hand_corpus, index, str(source), "--published", "2021-07-09")))

    text = (hand_corpus / "metadata.toml").read_text(encoding="utf-8")
    assert text.startswith(HAND_WRITTEN), "what was there is kept byte for byte; the entry is added after"
    assert tomllib.loads(text)[doc_id]["published"] == "2021-07-09"

    ok(run_cli("corpus", "remove", doc_id, *where(hand_corpus, index)))

    assert (hand_corpus / "metadata.toml").read_text(encoding="utf-8") == HAND_WRITTEN


def test_removing_an_entry_takes_its_own_comment_and_keeps_the_next_ones(
    hand_corpus: Path, tmp_path: Path
) -> None:
    ok(run_cli("corpus", "remove", "000_7221a45d64e2d799", *where(hand_corpus, tmp_path / "index")))

    assert (hand_corpus / "metadata.toml").read_text(encoding="utf-8") == (
        "# Kept by hand: one entry per document.\n"
        "# Dates are checked against the printed copies.\n"
        "\n"
        "# The trade press report: month only.\n"
        '["001_3f58470cc91bc144"]\n'
        'publisher = "Children & Young People Now"\n'
        'published = "2015-12"\n'
        "inferred = true\n"
    )


def test_the_comment_above_a_removed_entry_goes_with_it() -> None:
    text = "[a]\nx = 1\n\n# about b\n[b]\ny = 2\n\n# about c\n[c]\nz = 3\n"

    assert remove_entry(text, Path("m.toml"), "b") == "[a]\nx = 1\n\n# about c\n[c]\nz = 3\n"
    assert remove_entry(text, Path("m.toml"), "c") == "[a]\nx = 1\n\n# about b\n[b]\ny = 2\n"
    assert remove_entry(text, Path("m.toml"), "nothing") == text


def test_an_entry_added_over_a_stale_one_replaces_it() -> None:
    text = '["x"]\ntitle = "old"\n'

    changed = add_entries(text, Path("m.toml"), {"x": MetadataEntry(title="new", format="txt")})

    assert tomllib.loads(changed) == {"x": {"title": "new", "format": "txt"}}


def test_a_metadata_file_that_does_not_parse_is_refused_before_a_change(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not parse"):
        remove_entry("[a\n", tmp_path / "metadata.toml", "a")


def test_hand_written_values_are_read_as_typed_fields(hand_corpus: Path) -> None:
    entries, problems = read_entries(hand_corpus)

    first = entries["000_7221a45d64e2d799"]
    assert problems == []
    assert first.published == dt.date(2015, 12, 8) and first.inferred is False
    assert first.title == "New trust proposed" and first.pages is None
    assert first.model_extra == {"reviewer": "J. Smith"}
    assert MetadataEntry.model_validate({"title": 2016, "pages": "many"}) == MetadataEntry(title="2016")


def test_hand_written_entries_date_the_documents(hand_corpus: Path) -> None:
    loaded = load_corpus(hand_corpus)

    dates = {d.id: (d.published.iso() if d.published else None, d.date_source) for d in loaded.documents}
    assert dates == {
        "000_7221a45d64e2d799": ("2015-12-08", "metadata"),
        "001_3f58470cc91bc144": ("2015-12", "metadata"),
    }
    assert loaded.problems == () and loaded.warnings == ()


def test_metadata_file_that_is_a_folder_is_reported(corpus_dir: Path, index_dir: Path) -> None:
    (corpus_dir / "metadata.toml").unlink()
    (corpus_dir / "metadata.toml").mkdir()
    done = run_cli(
        "ask", "when will the trust go live?", "--corpus", str(corpus_dir), "--index", str(index_dir)
    )
    assert done.returncode == 0 and "metadata file ignored" in done.stderr
