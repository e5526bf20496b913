"""The command line and the corpus stay in their layers: the CLI reaches the index, ranking and
question internals only through `Engine`; the corpus imports nothing above it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[2] / "bot"
#: Modules behind the engine: a front end that imports them bypasses it.
INTERNALS = {"index", "rank", "question", "query", "short", "postings", "strtable", "analysis", "tokens"}
#: What the corpus package sits below: it must not import any of them.
ABOVE_CORPUS = INTERNALS | {"answer", "engine", "cli", "telegram", "evaluate", "store"}


def _imported(path: Path) -> set[str]:
    """The first part below `bot` of every module a file of bot/<package>/ imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 2 and node.module:
            found.add(node.module.split(".")[0])  # from ..index import x
        elif isinstance(node, ast.ImportFrom) and node.level == 2:
            found.update(alias.name for alias in node.names)  # from .. import index
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("bot."):
            found.add((node.module or "").split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("bot."))
    return found


@pytest.mark.parametrize("path", sorted((BOT / "cli").glob("*.py")), ids=lambda p: p.name)
def test_the_cli_imports_no_index_rank_or_question_internals(path: Path) -> None:
    assert _imported(path) & INTERNALS == set()


@pytest.mark.parametrize("path", sorted((BOT / "corpus").glob("*.py")), ids=lambda p: p.name)
def test_the_corpus_imports_nothing_above_it(path: Path) -> None:
    assert _imported(path) & ABOVE_CORPUS == set()


def test_the_check_sees_an_import_of_the_index(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from ..index import load_index\nfrom .. import rank\nimport bot.question\n", encoding="utf-8"
    )

    assert _imported(bad) == {"index", "rank", "question"}
