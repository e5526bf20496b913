"""The packages keep the data flow one way: text → corpus → index → answer → engine → front
ends. Every import in `bot/` is parsed; a lower layer never imports a higher one, and the
front ends reach answering and the index only through `Engine`."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

BOT = ROOT / "bot"

#: Each top-level module or package of `bot`, by layer: one may import only its own layer
#: or lower ones.
LAYERS: dict[str, int] = {
    "__version__": 0,  # `from .. import __version__`: a constant of the package itself
    "errors": 0,
    "exits": 0,
    "atomic": 0,
    "settings": 0,
    "text": 1,
    "corpus": 2,
    "index": 3,
    "answer": 4,
    "engine": 5,
    "eval": 6,
    "staff": 6,
    "timeline_picture": 6,
    "cli": 7,
    "telegram": 7,
    "__init__": 8,
    "__main__": 8,
}
FRONT_ENDS = {"cli", "telegram"}
#: What a front end may import of a package behind the engine: only the package's own
#: public names (result types, the corpus-management functions), never a module inside it.
THROUGH_PACKAGE_ONLY = {"answer", "corpus"}
#: Never imported by a front end at all.
BEHIND_THE_ENGINE = {"index"}


def _owner(path: Path) -> str:
    """The top-level module or package of `bot` a file belongs to."""
    parts = path.relative_to(BOT).with_suffix("").parts
    return parts[0]


def _imports(path: Path) -> list[tuple[str, ...]]:
    """Every `bot` module a file imports, as its parts below `bot` ("answer", "rank")."""
    package = path.relative_to(BOT).with_suffix("").parts[:-1]
    if path.name == "__init__.py":
        package = path.relative_to(BOT).parent.parts
    found: list[tuple[str, ...]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                module = (*base, *(node.module.split(".") if node.module else ()))
                if node.module:
                    found.append(module)
                else:
                    found.extend((*module, alias.name) for alias in node.names)
            elif node.module and node.module.split(".")[0] == "bot":
                found.append(tuple(node.module.split(".")[1:]))
        elif isinstance(node, ast.Import):
            found.extend(tuple(a.name.split(".")[1:]) for a in node.names if a.name.startswith("bot."))
    return [m for m in found if m]


FILES = sorted(p for p in BOT.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_top_level_part_of_bot_has_a_layer() -> None:
    assert {_owner(p) for p in FILES} <= set(LAYERS)
    assert {"text", "corpus", "index", "answer", "cli", "telegram"} <= {_owner(p) for p in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(BOT)))
def test_no_module_imports_a_higher_layer(path: Path) -> None:
    owner = _owner(path)
    for module in _imports(path):
        if owner in FRONT_ENDS and module[0] in FRONT_ENDS and module[0] != owner:
            # `trustbot serve` starts the bot; the bot never uses the command line.
            assert (owner, module[0]) == ("cli", "telegram"), f"{path.name} imports {'.'.join(module)}"
            continue
        assert LAYERS[module[0]] <= LAYERS[owner], f"{path.name} imports {'.'.join(module)}"


@pytest.mark.parametrize(
    "path",
    [p for p in FILES if _owner(p) in FRONT_ENDS],
    ids=lambda p: str(p.relative_to(BOT)),
)
def test_front_ends_reach_answering_and_the_index_only_through_the_engine(path: Path) -> None:
    for module in _imports(path):
        assert module[0] not in BEHIND_THE_ENGINE, f"{path.name} imports {'.'.join(module)}"
        if module[0] in THROUGH_PACKAGE_ONLY:
            assert len(module) == 1, f"{path.name} imports {'.'.join(module)}, inside the package"


def test_the_check_sees_relative_and_absolute_imports(tmp_path: Path) -> None:
    # A file placed as if it were bot/cli/bad.py.
    bad = BOT / "cli" / "_probe_for_test.py"
    bad.write_text("from ..index import load_index\nfrom ..answer.rank import rank\nimport bot.text.dates\n")
    try:
        assert _imports(bad) == [("index",), ("answer", "rank"), ("text", "dates")]
    finally:
        bad.unlink()


def test_the_readme_layout_table_names_every_module() -> None:
    readme = (BOT.parent / "README.md").read_text(encoding="utf-8")
    for path in FILES:
        if path.name in ("__init__.py", "__main__.py"):
            continue
        assert f"`{path.stem}`" in readme, f"README's layout table lacks {path.relative_to(BOT)}"


def test_importing_the_command_line_loads_no_word_tables() -> None:
    # The lemmatiser's and the word-frequency tables take ~0.5 s to load: a cold start
    # pays for them only when a question needs them, never at import.
    code = "import sys, bot.cli; print(sorted(m for m in ('simplemma', 'wordfreq') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"
