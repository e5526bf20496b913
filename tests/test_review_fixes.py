"""Regression tests for the second review (index generations, corpus add/remove crashes,
message splitting): each would have lost data, mixed two indexes, or failed a reply."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import bot.index.generations as index_module
from bot.engine import Engine
from bot.index import current_generation, load_index

from .conftest import SEED_CORPUS, run_cli, where


def _corpus(tmp_path: Path, name: str = "corpus") -> Path:
    target = tmp_path / name
    shutil.copytree(SEED_CORPUS, target, ignore=shutil.ignore_patterns(".*"))
    return target


def test_load_reads_current_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, index_dir = _corpus(tmp_path), tmp_path / "index"
    Engine.open(corpus, index_dir)
    first = current_generation(index_dir)
    (corpus / "003_a462725dfeccbf7f.txt").unlink()  # another corpus: another generation
    Engine.open(corpus, index_dir)
    second = current_generation(index_dir)
    assert first and second and first != second
    answers = iter([first, second, second])  # a save switches CURRENT between two reads
    monkeypatch.setattr(index_module, "current_generation", lambda folder: next(answers))
    loaded = load_index(index_dir)  # before the fix: "checksum mismatch", and a rebuild
    assert loaded.generation == first and len(loaded.documents) == 5


def test_current_pointer_is_readable_by_other_users(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    Engine.open(_corpus(tmp_path), index_dir)
    umask = os.umask(0)
    os.umask(umask)
    mode = stat.S_IMODE((index_dir / "CURRENT").stat().st_mode)
    assert mode == 0o666 & ~umask


def test_a_save_deletes_nothing_of_anyone_else(tmp_path: Path) -> None:
    index_dir = tmp_path / "shared"
    (index_dir / "0-notes").mkdir(parents=True)
    (index_dir / "0-notes" / "manifest.json").write_text('{"project": "not trustbot"}')
    (index_dir / "manifest.json").write_text('{"someone": "else"}')
    (index_dir / "documents.json").write_text("[]")
    corpus = _corpus(tmp_path)
    Engine.open(corpus, index_dir)
    Engine.open(corpus, index_dir, rebuild=True)
    Engine.open(corpus, index_dir, rebuild=True)  # prunes the first generation
    assert (index_dir / "0-notes" / "manifest.json").exists()
    assert (index_dir / "manifest.json").read_text() == '{"someone": "else"}'
    assert (index_dir / "documents.json").exists()
    generations = [p for p in index_dir.iterdir() if p.is_dir() and p.name != "0-notes"]
    assert len(generations) == 2  # the current one and the previous one


_KILLED_ADD = """
import os, sys
from pathlib import Path
corpus = Path(sys.argv[sys.argv.index("--corpus") + 1]).resolve()
real, landed = os.replace, []
def replace(src, dst):
    # Let one change land in the corpus folder, then kill the process at the next.
    if Path(dst).resolve().parent == corpus:
        if landed:
            os._exit(9)
        landed.append(dst)
    real(src, dst)
os.replace = replace
from bot.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_killed_add_leaves_no_misdated_document_and_can_be_redone(tmp_path: Path) -> None:
    corpus, index_dir = _corpus(tmp_path), tmp_path / "index"
    document = tmp_path / "update.md"
    document.write_text("An update.\n\nThe trust will open its new office in Kettering in May 2020.\n")
    args = ["corpus", "add", str(document), "--published", "2020-04-01", *where(corpus, index_dir)]
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_ADD, *args], capture_output=True, text=True, timeout=120
    )
    assert killed.returncode == 9
    assert list(corpus.glob(".add-*"))  # what the killed add left behind
    assert not [p for p in corpus.glob("00[5-9]_*")]  # no document without its metadata

    redone = run_cli(*args)
    assert redone.returncode == 0, redone.stderr
    assert not list(corpus.glob(".add-*"))  # the leftover is cleared
    listed = run_cli("corpus", "list", *where(corpus, index_dir))
    assert "2020-04-01 (day, metadata)" in listed.stdout


def test_remove_finds_a_document_with_an_upper_case_suffix(tmp_path: Path) -> None:
    corpus, index_dir = _corpus(tmp_path), tmp_path / "index"
    (corpus / "REPORT.TXT").write_text("Report\n\nPublished: 3 March 2020\n\nThe trust met in March.\n")
    assert "REPORT" in run_cli("corpus", "list", *where(corpus, index_dir)).stdout
    removed = run_cli("corpus", "remove", "REPORT", *where(corpus, index_dir))
    assert removed.returncode == 0, removed.stderr
    assert not (corpus / "REPORT.TXT").exists()


def test_a_failed_add_to_a_corpus_without_metadata_leaves_none(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    (corpus / "metadata.toml").unlink()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the index folder should be")
    document = tmp_path / "note.txt"
    document.write_text("Note\n\nPublished: 1 May 2020\n\nThe trust met.\n")
    result = run_cli("corpus", "add", str(document), "--corpus", str(corpus), "--index", str(blocked))
    assert result.returncode == 1 and "nothing added" in result.stderr
    assert not (corpus / "metadata.toml").exists()
