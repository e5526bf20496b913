"""A bug in trustbot reaches the user as one line and exit 70; TRUSTBOT_DEBUG=1 shows its trace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_CORPUS, one_line

# The real command line, with Engine.ask broken the way a bug would break it.
BROKEN_ASK = """
import sys
from bot.engine import Engine
def ask(self, *args, **kwargs):
    raise RuntimeError("boom")
Engine.ask = ask
from bot.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_broken(tmp_path: Path, debug: str | None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TRUSTBOT_")}
    if debug is not None:
        environment["TRUSTBOT_DEBUG"] = debug
    args = [
        "ask",
        "when will the trust go live?",
        "--corpus",
        str(SEED_CORPUS),
        "--index",
        str(tmp_path / "i"),
    ]
    return subprocess.run(
        [sys.executable, "-c", BROKEN_ASK, *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=120,
    )


@pytest.mark.parametrize("debug", [None, "0", "no"])
def test_a_bug_is_one_line_and_exit_70(tmp_path: Path, debug: str | None) -> None:
    result = run_broken(tmp_path, debug)

    assert result.returncode == 70
    assert result.stdout == ""
    assert one_line(result.stderr) == (
        "trustbot: internal error: RuntimeError: boom (TRUSTBOT_DEBUG=1 shows details)"
    )


@pytest.mark.parametrize("debug", ["1", "true", "YES"])
def test_trustbot_debug_shows_the_stack_trace(tmp_path: Path, debug: str) -> None:
    result = run_broken(tmp_path, debug)

    assert result.returncode == 1  # Python's own exit for an uncaught exception
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.rstrip().endswith("RuntimeError: boom")
