"""The store of votes and watched questions: one watch per question, a limit, a data file from
a newer trustbot refused, and a corrupt one reported by `trustbot feedback` in one line (the
bot's /watch and votes are tested in tests/telegram/test_watch.py and test_feedback.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.staff import DB_NAME, MAX_WATCHES, Store, StoreError, TooManyWatches

from ..conftest import run_cli


def test_the_store_keeps_one_watch_per_question_and_a_limit(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    assert store.watches() == [] and not (tmp_path / "data").exists()  # reading creates nothing
    watch = {"user_id": 1, "chat_id": 1, "as_of": None, "short": "x"}
    assert store.add_watch(question="q0", **watch)
    assert not store.add_watch(question="q0", **watch)  # the same question again
    for n in range(1, MAX_WATCHES):
        assert store.add_watch(question=f"q{n}", **watch)
    with pytest.raises(TooManyWatches, match="/unwatch"):
        store.add_watch(question="one too many", **watch)
    assert store.add_watch(question="q0", user_id=2, chat_id=1, as_of="2016", short=None)
    assert len(store.watches()) == MAX_WATCHES + 1


def test_a_data_file_from_a_newer_trustbot_is_refused(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add_watch(user_id=1, chat_id=1, question="q", as_of=None, short="x")
    with sqlite3.connect(store.path) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StoreError, match="newer trustbot"):
        Store(tmp_path).watches()
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_the_cli_reports_a_corrupt_database_in_one_line(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not a database, just bytes " * 200)
    done = run_cli("feedback", "list", env={"TRUSTBOT_DATA_DIR": str(tmp_path)})
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "cannot be used" in done.stderr, done.stderr
