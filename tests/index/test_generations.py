"""Index generations: a save is a new generation switched to atomically; old ones are pruned;
a pointer to anything but a generation is refused and the index rebuilt."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

import bot.index.generations as generations_module
from bot.corpus import fingerprint
from bot.engine import Engine
from bot.errors import IndexError_
from bot.index import current_generation, load_index

from .helpers import ask_cli, assert_answers, assert_rebuilt_and_answered, build_and_save, generation_of


def test_a_new_save_is_a_new_generation_and_an_open_reader_keeps_working(
    corpus_dir: Path, index_dir: Path
) -> None:
    build_and_save(corpus_dir, index_dir)
    first = generation_of(index_dir)
    reader = load_index(index_dir)
    before = [p.text for p in reader.passages]
    build_and_save(corpus_dir, index_dir)
    second = generation_of(index_dir)
    assert second != first and first.is_dir()  # the previous generation is kept
    assert [p.text for p in reader.passages] == before  # its memory-mapped files are untouched
    assert load_index(index_dir).generation == second.name
    build_and_save(corpus_dir, index_dir)
    third = generation_of(index_dir)
    assert not first.exists() and second.is_dir() and third.is_dir()  # older ones pruned
    assert not [p for p in index_dir.iterdir() if p.name.startswith(".")]  # no leftovers


def test_old_flat_index_is_refused_and_rebuilt(corpus_dir: Path, index_dir: Path) -> None:
    index_dir.mkdir()
    (index_dir / "manifest.json").write_text(
        json.dumps({"format": "trustbot-index", "format_version": 1, "params": {}, "checksums": {},
                    "fingerprint": "x", "built_at": "2026-01-01"})
    )  # fmt: skip
    with pytest.raises(IndexError_, match="format 1 is not 4"):
        load_index(index_dir)
    engine = Engine.open(corpus_dir, index_dir)
    assert tuple(map(str, engine.notices)) == ("index format 1 is not 4: rebuilding",)
    assert not (index_dir / "manifest.json").exists()
    assert load_index(index_dir).fingerprint == fingerprint(corpus_dir)


def test_pointer_to_a_missing_generation_is_refused(corpus_dir: Path, index_dir: Path) -> None:
    build_and_save(corpus_dir, index_dir)
    (index_dir / "CURRENT").write_text("20990101T000000-deadbeef\n")
    with pytest.raises(IndexError_, match="missing generation"):
        load_index(index_dir)
    (index_dir / "CURRENT").write_text("../../etc\n")
    with pytest.raises(IndexError_, match="missing generation"):
        load_index(index_dir)


def test_a_save_never_prunes_a_newer_generation_another_save_is_finishing(
    corpus_dir: Path, index_dir: Path
) -> None:
    build_and_save(corpus_dir, index_dir)
    build_and_save(corpus_dir, index_dir)
    newer = index_dir / "29991231T235959999999-00000000"  # renamed into place, CURRENT not yet switched
    newer.mkdir()
    (newer / "manifest.json").write_text("{}")
    build_and_save(corpus_dir, index_dir)
    assert newer.is_dir()
    assert load_index(index_dir).fingerprint == fingerprint(corpus_dir)


def test_a_300_character_current_is_rebuilt(seed_corpus_copy: Path, index_copy: Path) -> None:
    (index_copy / "CURRENT").write_text("a" * 300 + "\n")
    with pytest.raises(IndexError_, match="missing generation"):
        load_index(index_copy)
    assert_rebuilt_and_answered(ask_cli(seed_corpus_copy, index_copy), "CURRENT")


@pytest.mark.parametrize(
    "pointer",
    [b"a" * 5000, b"\xff\xfe\n", b"../" * 100, b"20260101T000000000000-0123456z\n"],
    ids=["5000-chars", "not-utf8", "path", "not-a-name"],
)
def test_a_malformed_pointer_is_rebuilt(seed_corpus_copy: Path, index_copy: Path, pointer: bytes) -> None:
    (index_copy / "CURRENT").write_bytes(pointer)
    with pytest.raises(IndexError_) as caught:
        load_index(index_copy)
    assert len(str(caught.value)) < 300  # one line, whatever the damage
    engine = Engine.open(seed_corpus_copy, index_copy)
    (notice,) = map(str, engine.notices)
    assert notice.endswith(": rebuilding")
    assert_answers(engine)


def test_load_reads_current_once_while_a_save_switches_it(
    corpus_dir: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Engine.open(corpus_dir, index_dir)
    first = current_generation(index_dir)
    (corpus_dir / "003_a462725dfeccbf7f.txt").unlink()  # another corpus: another generation
    Engine.open(corpus_dir, index_dir)
    second = current_generation(index_dir)
    assert first and second and first != second
    answers = iter([first, second, second])  # a save switches CURRENT between two reads
    monkeypatch.setattr(generations_module, "current_generation", lambda folder: next(answers))
    loaded = load_index(index_dir)  # reading CURRENT twice would mix two generations: "checksum mismatch"
    assert loaded.generation == first and len(loaded.documents) == 5


def test_current_pointer_is_readable_by_other_users(corpus_dir: Path, index_dir: Path) -> None:
    Engine.open(corpus_dir, index_dir)
    umask = os.umask(0)
    os.umask(umask)
    mode = stat.S_IMODE((index_dir / "CURRENT").stat().st_mode)
    assert mode == 0o666 & ~umask


def test_a_save_deletes_nothing_of_anyone_else(corpus_dir: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "shared"
    (index_dir / "0-notes").mkdir(parents=True)
    (index_dir / "0-notes" / "manifest.json").write_text('{"project": "not trustbot"}')
    (index_dir / "manifest.json").write_text('{"someone": "else"}')
    (index_dir / "documents.json").write_text("[]")
    Engine.open(corpus_dir, index_dir)
    Engine.open(corpus_dir, index_dir, rebuild=True)
    Engine.open(corpus_dir, index_dir, rebuild=True)  # prunes the first generation
    assert (index_dir / "0-notes" / "manifest.json").exists()
    assert (index_dir / "manifest.json").read_text() == '{"someone": "else"}'
    assert (index_dir / "documents.json").exists()
    generations = [p for p in index_dir.iterdir() if p.is_dir() and p.name != "0-notes"]
    assert len(generations) == 2  # the current one and the previous one
