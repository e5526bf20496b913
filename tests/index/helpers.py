"""Helpers of the index tests: build and find a generation, damage a file, ask the real CLI,
compare with rank-bm25."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import numpy as np

from bot.corpus import fingerprint, load_corpus
from bot.engine import Engine
from bot.index import build_index, current_generation, save_index

from ..conftest import TRUSTBOT

GO_LIVE = "when will the trust go live?"
GO_LIVE_DOC = "003_a462725dfeccbf7f"
GO_LIVE_SHORT = "July 2020"
CLI_TIMEOUT = 60


def generation_of(index_dir: Path) -> Path:
    """The folder of the index's current generation."""
    name = current_generation(index_dir)
    assert name is not None
    return index_dir / name


def flip(path: Path, offset: int) -> None:
    """Change one byte of a file in place (its lowest bit: a digit, a letter one off)."""
    with path.open("r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        assert len(byte) == 1
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0x01]))


def assert_answers(engine: Engine) -> None:
    """The engine answers the go-live question from the right document."""
    answer = engine.ask(GO_LIVE)
    assert answer.results[0].citation.doc_id == GO_LIVE_DOC
    assert answer.short == GO_LIVE_SHORT


def ask_cli(corpus_dir: Path, index_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The real `trustbot ask`, given at most CLI_TIMEOUT seconds (a hang fails the test)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRUSTBOT_")}
    return subprocess.run(
        [str(TRUSTBOT), *(extra or ("ask", GO_LIVE)), "--corpus", str(corpus_dir), "--index", str(index_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=CLI_TIMEOUT,
    )


def assert_rebuilt_and_answered(done: subprocess.CompletedProcess[str], *notice: str) -> None:
    """The CLI answered, after one notice of a rebuild that says each of `notice`."""
    assert done.returncode == 0, done.stderr
    assert GO_LIVE_SHORT in done.stdout
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if "rebuilding" in line]
    assert len(lines) == 1, done.stderr
    for part in notice:
        assert part in lines[0], lines[0]


def build_and_save(corpus_dir: Path, index_dir: Path) -> None:
    """Build the index of a corpus folder and save it, as `trustbot index build` does."""
    corpus = load_corpus(corpus_dir)
    save_index(build_index(corpus, fingerprint(corpus_dir)), index_dir)


def assert_top_equals_reference(
    top: list[tuple[int, float]], dense: np.ndarray, k: int, eligible: np.ndarray | None = None
) -> None:
    """`top` is the k best of rank-bm25's dense scores, as a stable descending sort gives them."""
    if eligible is not None:
        dense = np.where(eligible, dense, 0.0)
    expected = [int(i) for i in np.argsort(-dense, kind="stable")[:k] if dense[i] > 0]
    assert [i for i, _ in top] == expected
    assert np.allclose([s for _, s in top], dense[expected], rtol=0, atol=1e-6)
    assert [s for _, s in top] == [float(dense[i]) for i in expected]  # bit for bit, in fact
