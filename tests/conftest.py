"""Shared fixtures: an isolated environment, a copy of the seed corpus, a built engine, the
Bot API stand-in; and the checks the command-line tests share."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.engine import Engine

from .botapi_standin import BotAPIStandIn

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "corpus"
DEV_SET = Path(__file__).resolve().parent / "qa_dev.jsonl"
TRUSTBOT = Path(sys.executable).parent / "trustbot"


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No TRUSTBOT_ variable or `.env` of the developer's leaks into a test."""
    for name in list(os.environ):
        if name.startswith("TRUSTBOT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))  # a `.env` is read from the working folder
    # Votes and watches of a test never land in the checkout's data/ folder.
    monkeypatch.setenv("TRUSTBOT_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    yield


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, target, ignore=shutil.ignore_patterns(".*"))
    return target


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    """An empty folder for an index."""
    return tmp_path / "index"


@pytest.fixture(scope="session")
def seed_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """An engine over the bundled corpus, built once per test session."""
    return Engine.open(SEED_CORPUS, tmp_path_factory.mktemp("seed-index"))


def run_cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `trustbot` console script and capture what it prints."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TRUSTBOT_")}
    environment.update(env or {})
    return subprocess.run(
        [str(TRUSTBOT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=120,
    )


# --- checks shared by the command-line tests -----------------------------------------------


def where(corpus_dir: Path, index_dir: Path) -> tuple[str, ...]:
    """The options that keep a command away from the repository's corpus and index."""
    return ("--corpus", str(corpus_dir), "--index", str(index_dir))


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    """No stack trace and no last-line-of-defence message reached the user."""
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream
        assert "internal error" not in stream


def one_line(text: str) -> str:
    """The single non-empty line of `text`; fails when there are more or none."""
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got {len(lines)}:\n{text}"
    return lines[0]


def tree_hash(*folders: Path) -> str:
    """A hash of every file under the folders, names and bytes."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            digest.update(str(path.relative_to(folder)).encode())
            if path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


# --- a saved index of the bundled corpus, to copy and damage ---------------------------------


@pytest.fixture(scope="session")
def seed_corpus_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled corpus shared by a session's tests: none may change it."""
    target = tmp_path_factory.mktemp("seed-copy") / "corpus"
    shutil.copytree(SEED_CORPUS, target, ignore=shutil.ignore_patterns(".*"))
    return target


@pytest.fixture(scope="session")
def seed_index(seed_corpus_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saved index of `seed_corpus_copy`, built once: copy it (`index_copy`) to change it."""
    folder = tmp_path_factory.mktemp("seed-saved") / "index"
    Engine.open(seed_corpus_copy, folder)
    return folder


@pytest.fixture
def index_copy(seed_index: Path, tmp_path: Path) -> Path:
    """A copy of `seed_index` of a test's own."""
    target = tmp_path / "index"
    shutil.copytree(seed_index, target)
    return target


@pytest.fixture
def standin() -> Iterator[BotAPIStandIn]:
    """A Bot API stand-in on 127.0.0.1, one per test."""
    server = BotAPIStandIn().start()
    yield server
    server.stop()
