"""The real `trustbot` command line against what used to reach its "internal error" exit
(70) or pass silently: empty option values, a terminal that cannot show Unicode, a bad
document among good ones, a file name that would split an error over two lines.

Every refusal is one line on stderr, exit status 1, nothing on stdout and nothing changed.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_commands import GO_LIVE, SEED_DOCS
from tests.conftest import assert_no_traceback, one_line, run_cli, tree_hash, where

NOTE = "The trust will open its new office in Kettering in May 2020, the council said.\n"


def refused(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """A one-line refusal with exit status 1 and nothing on stdout; the line is returned."""
    assert_no_traceback(result)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    line = one_line(result.stderr)
    assert line.startswith("trustbot: error: ")
    for fragment in fragments:
        assert fragment in line
    return line


# --- empty option values --------------------------------------------------------------------


@pytest.mark.parametrize("command", ["ask", "chat"])
def test_empty_as_of_is_refused_not_read_as_no_cut_off(
    corpus_dir: Path, index_dir: Path, command: str
) -> None:
    args = ("ask", GO_LIVE) if command == "ask" else ("chat",)

    result = run_cli(*args, "--as-of", "", *where(corpus_dir, index_dir), stdin=f"{GO_LIVE}\n:quit\n")

    refused(result, "--as-of is empty", "YYYY-MM-DD")
    assert not index_dir.exists()  # refused before anything was built


@pytest.mark.parametrize("flag", ["--published", "--title", "--publisher", "--url"])
def test_empty_add_option_is_refused_not_ignored(
    corpus_dir: Path, index_dir: Path, tmp_path: Path, flag: str
) -> None:
    path = tmp_path / "note.txt"
    path.write_text(NOTE, encoding="utf-8")
    before = tree_hash(corpus_dir)

    result = run_cli("corpus", "add", str(path), flag, "", *where(corpus_dir, index_dir))

    refused(result, f"{flag} is empty")
    assert tree_hash(corpus_dir) == before
    assert not index_dir.exists()


# --- a terminal that cannot show Unicode ----------------------------------------------------

ASCII = {"PYTHONIOENCODING": "ascii"}


def test_ascii_terminal_gets_the_answer_with_characters_replaced(corpus_dir: Path, index_dir: Path) -> None:
    result = run_cli("ask", GO_LIVE, *where(corpus_dir, index_dir), env=ASCII)

    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "July 2020" in result.stdout
    assert "children?s trust" in result.stdout  # a curly apostrophe the terminal cannot show


def test_ascii_terminal_gets_the_same_json_in_escapes(corpus_dir: Path, index_dir: Path) -> None:
    result = run_cli("ask", GO_LIVE, "--json", *where(corpus_dir, index_dir), env=ASCII)

    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii()
    data = json.loads(result.stdout)
    assert "children\u2019s trust" in data["answer"]  # nothing lost: \u2019 in the JSON text


def test_ascii_terminal_gets_the_corpus_list(corpus_dir: Path, index_dir: Path) -> None:
    result = run_cli("corpus", "list", *where(corpus_dir, index_dir), env=ASCII)

    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert f"{SEED_DOCS} documents" in result.stdout


# --- one bad document among good ones -------------------------------------------------------

LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]
)  # not expanded (no `title: *i`): tests/corpus/test_hostile_files.py measures that one, memory capped
BAD_DOCUMENTS = {
    "feb-30": ("title: Office news\npublished: 2016-02-30", "day is out of range"),
    "year-0": ("title: Office news\npublished: 0000-01-01", "year 0 is out of range"),
    "billion-laughs": (LAUGHS, "aliases"),
}


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS))
def test_bad_document_among_good_ones_is_one_warning_and_the_rest_answer(
    corpus_dir: Path, index_dir: Path, case: str
) -> None:
    front, problem = BAD_DOCUMENTS[case]
    (corpus_dir / "zz_bad.md").write_text(f"---\n{front}\n---\n\n{NOTE}", encoding="utf-8")

    answer = run_cli("ask", GO_LIVE, *where(corpus_dir, index_dir))

    assert_no_traceback(answer)
    assert answer.returncode == 0, answer.stderr
    assert "July 2020" in answer.stdout
    line = one_line(answer.stderr)
    assert "zz_bad.md: front matter does not parse" in line and problem in line

    listed = run_cli("corpus", "list", "--json", *where(corpus_dir, index_dir))
    assert_no_traceback(listed)
    assert listed.returncode == 0, listed.stderr
    items = {item["file"]: item for item in json.loads(listed.stdout)}
    assert len(items) == SEED_DOCS + 1
    assert problem in items["zz_bad.md"]["warnings"][0]

    build = run_cli("index", "build", *where(corpus_dir, index_dir))
    assert_no_traceback(build)
    assert build.returncode == 1  # as for any document left out of a build
    assert f"indexed {SEED_DOCS} documents" in build.stdout
    assert "zz_bad.md" in one_line(build.stderr)


# --- errors stay one line -------------------------------------------------------------------


def test_file_name_with_a_line_break_keeps_the_error_on_one_line(
    corpus_dir: Path, index_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "two\nlines.txt"

    line = refused(run_cli("corpus", "add", str(path), *where(corpus_dir, index_dir)), "no such file")

    assert "two\\nlines.txt" in line
