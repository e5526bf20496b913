"""End-to-end tests of the `trustbot` command line.

Every test runs the installed `trustbot` console script in a subprocess (through
`run_cli` from conftest.py) against a temporary copy of the bundled corpus and a
temporary index folder, and checks the exit status and what reaches stdout and stderr:
answers with citations, the `--json` shape, `--as-of`, abstention, option checking,
one-line errors without stack traces, bad documents, stale and corrupt indexes, the
chat loop and the evaluation command.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DEV_SET, assert_no_traceback, one_line, run_cli, where

GO_LIVE = "when will the trust go live?"
FULLY_ESTABLISHED = "When was the trust expected to be fully established?"
LATEST_DOC = "003_a462725dfeccbf7f"
DELAY_DOC = "002_e60fef3cf035d9cf"
SEED_DOCS = 5

Result = subprocess.CompletedProcess[str]


# --- helpers ----------------------------------------------------------------------------


def ask_json(corpus_dir: Path, index_dir: Path, question: str, *extra: str) -> tuple[Result, dict[str, Any]]:
    """Run `ask --json`, check it succeeded, and parse stdout as one JSON object."""
    result = run_cli("ask", question, "--json", *extra, *where(corpus_dir, index_dir))
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    data = json.loads(result.stdout)  # the whole of stdout is one JSON document
    assert isinstance(data, dict)
    return result, data


def build(corpus_dir: Path, index_dir: Path) -> Result:
    """Run `index build`."""
    result = run_cli("index", "build", *where(corpus_dir, index_dir))
    assert_no_traceback(result)
    return result


# --- ask --------------------------------------------------------------------------------


def test_ask_gives_latest_answer_with_citation_and_earlier_reports(corpus_dir: Path, index_dir: Path) -> None:
    result = run_cli("ask", GO_LIVE, *where(corpus_dir, index_dir))

    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    assert result.stderr == ""  # a first build of a clean corpus is silent
    out = result.stdout
    answer = out.split("—", 1)[0]  # the answer, before its citation
    assert "July 2020" in answer  # "July next year" resolved against the 2019 article
    assert "Northamptonshire Telegraph" in out
    assert "Earlier reports" in out
    earlier = out.split("Earlier reports", 1)[1].split("Passages:", 1)[0]
    assert "December 2017" in earlier
    assert "September 2016" in earlier
    assert earlier.index("December 2017") < earlier.index("September 2016")  # newest first
    assert "Passages:" not in out and "[superseded]" not in out  # passages only when asked for
    assert out.splitlines()[0] == "**July 2020**"  # the short answer leads
    assert len(out.splitlines()) <= 15 and max(map(len, out.splitlines())) <= 88
    assert (index_dir / "CURRENT").is_file()  # the index went where it was told


def test_ask_with_top_k_also_lists_passages_marking_superseded_ones(
    corpus_dir: Path, index_dir: Path
) -> None:
    result = run_cli("ask", GO_LIVE, "--top-k", "3", *where(corpus_dir, index_dir))
    assert result.returncode == 0, result.stderr
    passages = result.stdout.split("Passages:")[1]
    assert [line.split(".")[0].strip() for line in passages.splitlines() if re.match(r"^ ?\d\. ", line)] == [
        "1",
        "2",
        "3",
    ]
    assert "[superseded]" in passages


def test_ask_json_is_one_object_with_ranked_cited_results(corpus_dir: Path, index_dir: Path) -> None:
    result, data = ask_json(corpus_dir, index_dir, GO_LIVE)

    assert result.stderr == ""
    assert {"question", "as_of", "abstained", "answer", "results", "earlier"} <= data.keys()
    assert data["question"] == GO_LIVE
    assert data["as_of"] is None
    assert data["abstained"] is False
    assert "July 2020" in data["answer"]

    results = data["results"]
    assert 1 <= len(results) <= 5
    for n, r in enumerate(results, start=1):
        assert type(r["rank"]) is int and r["rank"] == n
        for key in ("doc_id", "title", "publisher", "published", "passage", "sentence"):
            assert isinstance(r[key], str) and r[key], key
        assert "url" in r and (r["url"] is None or isinstance(r["url"], str))
        assert isinstance(r["score"], float)
        assert isinstance(r["superseded"], bool)
        assert r["sentence"] in r["passage"]

    top = results[0]
    assert top["doc_id"] == LATEST_DOC
    assert top["publisher"] == "Northamptonshire Telegraph"
    assert top["superseded"] is False

    earlier = data["earlier"]
    assert earlier
    said = {e["doc_id"]: e["said"] for e in earlier}
    assert said[DELAY_DOC] == "December 2017"
    assert "September 2016" in said.values()
    # Every earlier report is older than the answer, and its results are marked superseded.
    assert all(e["published"] < top["published"] for e in earlier)
    later_from_earlier = [r for r in results[1:] if r["doc_id"] in said]
    assert later_from_earlier
    assert all(r["superseded"] for r in later_from_earlier)


@pytest.mark.parametrize(
    ("question", "as_of", "docs", "expected"),
    [
        (
            "Who was the cabinet member for children's services?",
            "2015-12-31",
            {"000_7221a45d64e2d799", "001_3f58470cc91bc144"},
            "Heather Smith",
        ),
        (FULLY_ESTABLISHED, "2016-12-31", {DELAY_DOC}, "December 2017"),
    ],
    ids=["cabinet-member-2015", "fully-established-2016"],
)
def test_ask_as_of_answers_as_things_stood(
    corpus_dir: Path, index_dir: Path, question: str, as_of: str, docs: set[str], expected: str
) -> None:
    _, data = ask_json(corpus_dir, index_dir, question, "--as-of", as_of)

    assert data["as_of"] == as_of
    assert data["abstained"] is False
    top = data["results"][0]
    assert top["doc_id"] in docs
    assert expected in top["passage"]
    assert expected in data["answer"]
    assert all(r["published"] <= as_of for r in data["results"])  # nothing from after the cut-off


@pytest.mark.parametrize(
    "question",
    ["What is the population of Leeds?", "How many goals did Northampton Town score last season?"],
    ids=["leeds", "football"],
)
def test_ask_abstains_when_the_documents_do_not_answer(
    corpus_dir: Path, index_dir: Path, question: str
) -> None:
    _, data = ask_json(corpus_dir, index_dir, question)
    assert data["abstained"] is True
    assert data["results"] == []
    assert data["answer"] is None
    assert data["earlier"] == []

    readable = run_cli("ask", question, *where(corpus_dir, index_dir))
    assert readable.returncode == 0, readable.stderr
    assert_no_traceback(readable)
    assert "I don't know" in readable.stdout
    assert "Passages:" not in readable.stdout


def test_top_k_limits_the_results(corpus_dir: Path, index_dir: Path) -> None:
    _, data = ask_json(corpus_dir, index_dir, GO_LIVE, "--top-k", "2")
    assert [r["rank"] for r in data["results"]] == [1, 2]
    assert data["results"][0]["doc_id"] == LATEST_DOC


@pytest.mark.parametrize("value", ["0", "999", "-1", "abc"])
def test_top_k_out_of_range_is_a_usage_error(corpus_dir: Path, index_dir: Path, value: str) -> None:
    result = run_cli("ask", GO_LIVE, "--top-k", value, *where(corpus_dir, index_dir))

    assert result.returncode == 2
    assert_no_traceback(result)
    assert result.stdout == ""
    assert "--top-k" in one_line(result.stderr)
    assert not index_dir.exists()  # refused before anything was built


# --- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "status", "fragments"),
    [
        (("ask", ""), 1, ("question", "empty")),
        (("ask", "   "), 1, ("question", "empty")),
        (("ask", "word " * 25_000), 1, ("question", "too long")),
        (("ask", "when\x07 will the trust go live?"), 1, ("control characters",)),
        (("ask", GO_LIVE, "--as-of", "31/12/2016"), 1, ("31/12/2016", "YYYY-MM-DD")),
        (("ask", GO_LIVE, "--as-of", "2016-13-01"), 1, ("not a real date", "month")),
        (("ask", GO_LIVE, "--as-of", "2016-02-30"), 1, ("not a real date", "day")),
    ],
    ids=["empty", "whitespace", "too-long", "control-chars", "as-of-format", "as-of-month", "as-of-day"],
)
def test_bad_question_or_date_is_a_one_line_error(
    corpus_dir: Path, index_dir: Path, args: tuple[str, ...], status: int, fragments: tuple[str, ...]
) -> None:
    result = run_cli(*args, *where(corpus_dir, index_dir))

    assert result.returncode == status
    assert_no_traceback(result)
    assert result.stdout == ""
    line = one_line(result.stderr)
    assert line.startswith("trustbot: error: ")
    assert len(line) < 200  # the question is not echoed back
    for fragment in fragments:
        assert fragment in line


def test_question_of_a_megabyte_is_refused_in_chat_and_the_session_goes_on(
    corpus_dir: Path, index_dir: Path
) -> None:
    # A single argument is capped at 128 KiB by the kernel (MAX_ARG_STRLEN), so a 1 MB
    # question can only arrive on stdin; `ask` is tested with the largest argument above.
    stdin = "word " * 200_000 + f"\n:asof 13/13\n:bogus\n{GO_LIVE}\n:quit\n"
    result = run_cli("chat", *where(corpus_dir, index_dir), stdin=stdin)

    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    assert len(result.stderr) < 1000
    problems = result.stderr.strip().splitlines()
    assert len(problems) == 3
    assert "too long" in problems[0] and "1,000" in problems[0]
    assert "13/13" in problems[1]
    assert ":bogus" in problems[2]
    assert "July 2020" in result.stdout  # the question after the errors was answered
    assert "word word" not in result.stdout


def test_question_that_is_not_utf8_is_refused_cleanly(corpus_dir: Path, index_dir: Path) -> None:
    # A byte that is not UTF-8 (as from a Latin-1 terminal) reaches Python as a lone
    # surrogate. Under a UTF-8 locale, stdout is strict, as PYTHONIOENCODING makes it here.
    result = run_cli(
        "ask",
        "when will the trust go live\udca3?",
        "--json",
        *where(corpus_dir, index_dir),
        env={"PYTHONIOENCODING": "utf-8:strict"},
    )

    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stdout == ""
    assert one_line(result.stderr) == "trustbot: error: the question is not valid UTF-8 text"


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("frobnicate",), ("invalid choice", "frobnicate")),
        (("index",), ("index needs an action", "build or info")),
        (("index", "frobnicate"), ("invalid choice", "frobnicate")),
        (("ask",), ("question",)),
    ],
    ids=["unknown-command", "index-no-action", "index-unknown-action", "ask-no-question"],
)
def test_command_line_that_does_not_parse_exits_2(args: tuple[str, ...], fragments: tuple[str, ...]) -> None:
    # These fail while parsing, before any folder is touched (the `index` group itself
    # takes no --corpus/--index, so they are not passed).
    result = run_cli(*args)

    assert result.returncode == 2
    assert_no_traceback(result)
    assert result.stdout == ""
    line = one_line(result.stderr)
    assert "error" in line
    for fragment in fragments:
        assert fragment in line


def test_no_command_prints_usage_and_exits_2() -> None:
    result = run_cli()
    assert result.returncode == 2
    assert_no_traceback(result)
    assert "usage: trustbot" in result.stderr
    assert "ask" in result.stderr and "chat" in result.stderr


def test_missing_or_empty_corpus_is_a_one_line_error(tmp_path: Path, index_dir: Path) -> None:
    missing = run_cli("ask", GO_LIVE, *where(tmp_path / "nowhere", index_dir))
    assert missing.returncode == 1
    assert_no_traceback(missing)
    assert "corpus folder not found" in one_line(missing.stderr)

    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("index", "build", *where(empty, index_dir))
    assert result.returncode == 1
    assert_no_traceback(result)
    assert "no usable document" in one_line(result.stderr)


# --- documents and the index ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("zz_latin1.txt", b"\xff\xfe\x00bad", "not UTF-8"),
        ("zz_blank.txt", b"", "empty file"),
        (
            "zz_bad_date.md",
            b"---\ntitle: Trust board meets\npublished: not a date\nsource: Example Gazette\n---\n\n"
            b"The trust board met on Tuesday to agree its first budget.\n",
            "not a date",
        ),
    ],
    ids=["not-utf8", "empty", "bad-front-matter-date"],
)
def test_bad_document_is_reported_and_the_rest_still_load(
    corpus_dir: Path, index_dir: Path, name: str, content: bytes, problem: str
) -> None:
    (corpus_dir / name).write_bytes(content)

    result = build(corpus_dir, index_dir)
    assert result.returncode == 1
    assert f"indexed {SEED_DOCS} documents" in result.stdout
    line = one_line(result.stderr)
    assert name in line
    assert problem in line

    answer = run_cli("ask", GO_LIVE, *where(corpus_dir, index_dir))
    assert answer.returncode == 0, answer.stderr
    assert_no_traceback(answer)
    assert "July 2020" in answer.stdout


NEW_ARTICLE = """\
---
title: Northamptonshire Children's Trust takes over children's services
published: 2021-03-01
source: Northamptonshire Chronicle & Echo
url: https://www.northamptonchron.co.uk/news/politics/childrens-trust-takes-over-2021
---

Northamptonshire Children's Trust takes over children's services

The independent trust now runs social care for vulnerable children across the county, after years of \
failings at Northamptonshire County Council.

The children's trust went live in November 2020, when around 1,000 social workers and support staff \
transferred from the county council.

The trust is owned by the two new unitary councils, West Northamptonshire and North Northamptonshire, \
which pay for the services it delivers under a ten-year contract.

Its chief executive said the first months had been spent stabilising the workforce and cutting the \
reliance on agency staff.
"""


def test_new_document_makes_the_index_stale_and_is_answered_after_a_rebuild(
    corpus_dir: Path, index_dir: Path
) -> None:
    assert build(corpus_dir, index_dir).returncode == 0
    info = run_cli("index", "info", *where(corpus_dir, index_dir))
    assert info.returncode == 0, info.stderr
    assert "up to date" in info.stdout

    (corpus_dir / "005_trust_live.md").write_text(NEW_ARTICLE, encoding="utf-8")

    info = run_cli("index", "info", *where(corpus_dir, index_dir))
    assert info.returncode == 0, info.stderr
    assert_no_traceback(info)
    assert "changed since" in info.stdout

    result, data = ask_json(corpus_dir, index_dir, GO_LIVE)
    assert "stale" in one_line(result.stderr)
    top = data["results"][0]
    assert top["doc_id"] == "005_trust_live"
    assert top["url"] == "https://www.northamptonchron.co.uk/news/politics/childrens-trust-takes-over-2021"
    assert top["published"] == "2021-03-01"
    assert top["publisher"] == "Northamptonshire Chronicle & Echo"
    assert "November 2020" in data["answer"]
    assert LATEST_DOC in {r["doc_id"] for r in data["results"]}  # the old answer is still listed

    info = run_cli("index", "info", *where(corpus_dir, index_dir))
    assert "up to date" in info.stdout  # the rebuild was saved
    assert "documents   6" in info.stdout


@pytest.mark.parametrize(
    ("name", "garbage", "notice"),
    [("passage_text.bin", "garbage\x00[[[", "corrupt"), ("manifest.json", "{not json", "unreadable")],
    ids=["passages", "manifest"],
)
def test_corrupt_index_is_rebuilt(
    corpus_dir: Path, index_dir: Path, name: str, garbage: str, notice: str
) -> None:
    assert build(corpus_dir, index_dir).returncode == 0
    generation = index_dir / (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    (generation / name).write_text(garbage, encoding="utf-8")

    result = run_cli("ask", GO_LIVE, *where(corpus_dir, index_dir))
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    assert "July 2020" in result.stdout
    line = one_line(result.stderr)
    assert name in line
    assert notice in line
    assert "rebuilding" in line
    rebuilt = index_dir / (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    assert rebuilt != generation
    json.loads((rebuilt / "manifest.json").read_text(encoding="utf-8"))  # saved again, whole


def test_unwritable_index_folder_answers_from_memory(corpus_dir: Path, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "index-file"
    not_a_folder.write_text("", encoding="utf-8")

    result = run_cli("ask", GO_LIVE, *where(corpus_dir, not_a_folder))
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    assert "July 2020" in result.stdout
    assert "could not save the index" in one_line(result.stderr)


def test_index_info_without_an_index_is_a_one_line_error(corpus_dir: Path, index_dir: Path) -> None:
    result = run_cli("index", "info", *where(corpus_dir, index_dir))
    assert result.returncode == 1
    assert_no_traceback(result)
    assert "no index" in one_line(result.stderr)


def test_undated_document_loads_with_a_warning(corpus_dir: Path, index_dir: Path) -> None:
    (corpus_dir / "zz_undated.txt").write_text(
        "Trust board appoints new chair\n\n"
        "The board of the children's trust has appointed a new chair to lead it through its first year.\n\n"
        "The appointment was approved by both unitary councils.\n",
        encoding="utf-8",
    )

    result = build(corpus_dir, index_dir)
    assert result.returncode == 0, result.stderr
    assert f"indexed {SEED_DOCS + 1} documents" in result.stdout
    line = one_line(result.stderr)
    assert "undated" in line
    assert "zz_undated.txt" in line

    answer = run_cli("ask", GO_LIVE, *where(corpus_dir, index_dir))
    assert answer.returncode == 0, answer.stderr
    assert_no_traceback(answer)
    assert "July 2020" in answer.stdout


# --- chat -------------------------------------------------------------------------------


def test_chat_answers_keeps_history_and_survives_bad_commands(corpus_dir: Path, index_dir: Path) -> None:
    stdin = f"{GO_LIVE}\n:asof 2016-12-31\n{FULLY_ESTABLISHED}\n:history\n:asof 13/13\n:bogus\n:quit\n"
    result = run_cli("chat", *where(corpus_dir, index_dir), stdin=stdin)

    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    out = result.stdout
    assert "July 2020" in out
    assert "answering as things stood on 31 December 2016" in out
    second = out.split("answering as things stood on 31 December 2016", 1)[1]
    assert "December 2017" in second
    assert "July 2020" not in second  # the cut-off hides the 2019 article
    assert f"  1  {GO_LIVE}" in out
    assert f"  2  {FULLY_ESTABLISHED}" in out
    assert "13/13" not in out and "bogus" not in out  # commands are not questions

    problems = result.stderr.strip().splitlines()
    assert len(problems) == 2
    assert "13/13" in problems[0] and "YYYY-MM-DD" in problems[0]
    assert ":bogus" in problems[1]


# --- eval -------------------------------------------------------------------------------


def test_eval_reports_metrics_as_json_and_text(corpus_dir: Path, index_dir: Path) -> None:
    result = run_cli("eval", str(DEV_SET.resolve()), "--json", *where(corpus_dir, index_dir))
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    report = json.loads(result.stdout)
    for key in ("hit_at_1", "mrr_at_5", "abstention_accuracy"):
        assert isinstance(report[key], int | float) and not isinstance(report[key], bool), key
        assert 0.0 <= report[key] <= 1.0, key
    assert report["questions"] == sum(
        1 for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()
    )

    readable = run_cli("eval", str(DEV_SET.resolve()), *where(corpus_dir, index_dir))
    assert readable.returncode == 0, readable.stderr
    assert_no_traceback(readable)
    assert "hit@1" in readable.stdout
    assert "MRR@5" in readable.stdout


def test_eval_malformed_file_names_the_file_and_line(
    corpus_dir: Path, index_dir: Path, tmp_path: Path
) -> None:
    qa = tmp_path / "broken.jsonl"
    qa.write_text(
        '{"id": "x", "question": "What is the population of Leeds?", "kind": "none"}\n{oops\n', "utf-8"
    )

    result = run_cli("eval", str(qa), *where(corpus_dir, index_dir))
    assert result.returncode == 1
    assert_no_traceback(result)
    assert result.stdout == ""
    assert f"{qa}:2" in one_line(result.stderr)


# --- version ----------------------------------------------------------------------------


def test_version() -> None:
    script = run_cli("--version")
    assert script.returncode == 0
    assert script.stdout.startswith("trustbot ")

    module = subprocess.run(
        [sys.executable, "-m", "bot", "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert module.returncode == 0, module.stderr
    assert module.stdout == script.stdout


def test_index_build_that_cannot_save_fails(corpus_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    done = run_cli("index", "build", "--corpus", str(corpus_dir), "--index", str(blocker))
    assert done.returncode == 1
    assert "could not be saved" in done.stderr and "indexed" not in done.stdout
