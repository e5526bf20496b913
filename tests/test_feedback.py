"""`trustbot feedback` with a data file it cannot use (the bot's votes are tested in
tests/telegram/test_feedback.py)."""

from __future__ import annotations

from pathlib import Path

from bot.staff import DB_NAME

from .conftest import run_cli


def test_the_cli_reports_a_corrupt_database_in_one_line(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not a database, just bytes " * 200)
    done = run_cli("feedback", "list", env={"TRUSTBOT_DATA_DIR": str(tmp_path)})
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "cannot be used" in done.stderr, done.stderr
