"""`trustbot corpus add / list / remove`, end to end through the real command line.

Each test copies the seed corpus, writes real files of each format (a PDF with fpdf2, a
Word file with python-docx, an HTML page with its date in `article:published_time`),
adds them, asks about them, lists and removes them, and checks that a failed add or
remove leaves the corpus and the index byte for byte as they were.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.engine import Engine
from tests.conftest import SEED_CORPUS, TRUSTBOT, assert_no_traceback, one_line, run_cli, tree_hash, where
from tests.documents import write_docx, write_encrypted_pdf, write_html, write_image_pdf, write_pdf

SEED_IDS = 5
BUDGET = "The trust's first-year budget for children's social care will be 128 million pounds."
BUDGET_Q = "What will the first-year budget for children's social care be?"
STAFF = (
    "Officers reported that the transfer of staff to the trust has been steady throughout the "
    "winter months and is expected to complete on time."
)
RECRUIT = "The trust will recruit 40 more foster carers over the next year, its chief executive said."
RECRUIT_Q = "How many foster carers will the trust recruit?"

Result = subprocess.CompletedProcess[str]


def ok(result: Result) -> Result:
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    return result


def corpus_add(corpus_dir: Path, index_dir: Path, *args: str) -> Result:
    result = run_cli("corpus", "add", *args, *where(corpus_dir, index_dir))
    assert_no_traceback(result)
    return result


def listing(corpus_dir: Path, index_dir: Path) -> dict[str, dict[str, Any]]:
    result = ok(run_cli("corpus", "list", "--json", *where(corpus_dir, index_dir)))
    return {item["id"]: item for item in json.loads(result.stdout)}


def ask(corpus_dir: Path, index_dir: Path, question: str) -> dict[str, Any]:
    result = ok(run_cli("ask", question, "--json", *where(corpus_dir, index_dir)))
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def added_id(result: Result) -> str:
    first = result.stdout.splitlines()[0]
    assert first.startswith("added "), result.stdout
    return first.split()[1]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed corpus with its index built, shared by tests that must change nothing."""
    root = tmp_path_factory.mktemp("pristine")
    corpus_dir, index_dir = root / "corpus", root / "index"
    shutil.copytree(SEED_CORPUS, corpus_dir, ignore=shutil.ignore_patterns(".*"))
    ok(run_cli("index", "build", *where(corpus_dir, index_dir)))
    return corpus_dir, index_dir


@pytest.fixture
def built(pristine: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of the seed corpus and its built index."""
    corpus_dir, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(pristine[0], corpus_dir)
    shutil.copytree(pristine[1], index_dir)
    return corpus_dir, index_dir


# --- add, ask, list, remove on each format ------------------------------------------------


def test_add_pdf_then_ask_cites_it_with_date_and_page(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, index_dir = built
    pdf = write_pdf(
        tmp_path / "cabinet.pdf",
        [["Cabinet report", "12 March 2020", STAFF], [BUDGET]],
        title="Cabinet report: trust budget",
    )

    result = corpus_add(corpus_dir, index_dir, str(pdf), "--publisher", "Northamptonshire County Council")

    assert result.returncode == 0, result.stderr
    doc_id = added_id(result)
    assert "2020-03-12 (found in text)" in result.stdout
    assert (corpus_dir / f"{doc_id}.md").is_file()
    assert (corpus_dir / "originals" / f"{doc_id}.pdf").read_bytes() == pdf.read_bytes()
    entry = tomllib.loads((corpus_dir / "metadata.toml").read_text(encoding="utf-8"))[doc_id]
    assert entry["format"] == "pdf" and entry["pages"] == 2 and entry["source_file"] == "cabinet.pdf"

    data = ask(corpus_dir, index_dir, BUDGET_Q)  # a new process: loads the saved index
    top = data["results"][0]
    assert top["doc_id"] == doc_id
    assert top["page"] == 2
    assert top["published"] == "2020-03-12"
    assert top["publisher"] == "Northamptonshire County Council"
    assert top["title"] == "Cabinet report: trust budget"
    assert "128 million" in data["answer"]

    text = ok(run_cli("ask", BUDGET_Q, *where(corpus_dir, index_dir))).stdout
    assert "12 March 2020: “Cabinet report: trust budget”, page 2" in " ".join(text.split())  # as wrapped


def test_add_docx_then_ask_cites_it(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, index_dir = built
    path = write_docx(tmp_path / "note.docx", ["Published: 3 April 2021", RECRUIT], title="Fostering update")

    doc_id = added_id(ok(corpus_add(corpus_dir, index_dir, str(path))))

    top = ask(corpus_dir, index_dir, RECRUIT_Q)["results"][0]
    assert top["doc_id"] == doc_id
    assert top["published"] == "2021-04-03"
    assert top["title"] == "Fostering update"
    assert top["page"] is None
    item = listing(corpus_dir, index_dir)[doc_id]
    assert item["format"] == "docx" and item["date_source"] == "found in text"


def test_add_html_takes_title_site_and_date_from_the_page(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, index_dir = built
    page = write_html(
        tmp_path / "opens.html",
        "Children's trust opens its doors",
        [RECRUIT, STAFF],
        published="2020-11-02T09:00:00+00:00",
        site="Daily Echo",
        url="https://example.org/trust-opens",
    )

    doc_id = added_id(ok(corpus_add(corpus_dir, index_dir, str(page))))

    item = listing(corpus_dir, index_dir)[doc_id]
    assert item["title"] == "Children's trust opens its doors"
    assert item["publisher"] == "Daily Echo"
    assert (item["published"], item["precision"], item["date_source"]) == (
        "2020-11-02",
        "day",
        "front matter",
    )
    assert item["warnings"] == []
    top = ask(corpus_dir, index_dir, RECRUIT_Q)["results"][0]
    assert (top["doc_id"], top["published"], top["url"]) == (
        doc_id,
        "2020-11-02",
        "https://example.org/trust-opens",
    )


def test_add_text_and_markdown(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, index_dir = built
    md = tmp_path / "release.md"
    md.write_text(
        f"---\ntitle: Fostering drive\npublished: 2021-06\nsource: The Trust\n---\n{RECRUIT}\n",
        encoding="utf-8",
    )
    txt = tmp_path / "update.txt"
    txt.write_text(f"9 July 2021\n\n{BUDGET}\n", encoding="utf-8")

    result = ok(corpus_add(corpus_dir, index_dir, str(md), str(txt)))

    ids = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("added ")]
    assert len(ids) == 2
    assert (corpus_dir / f"{ids[0]}.md").read_bytes() == md.read_bytes(), "stored as it is"
    assert (corpus_dir / f"{ids[1]}.txt").read_bytes() == txt.read_bytes()
    items = listing(corpus_dir, index_dir)
    assert (items[ids[0]]["published"], items[ids[0]]["precision"]) == ("2021-06", "month")
    assert items[ids[0]]["date_source"] == "front matter"
    assert (items[ids[1]]["published"], items[ids[1]]["date_source"]) == ("2021-07-09", "found in text")
    assert ask(corpus_dir, index_dir, RECRUIT_Q)["results"][0]["doc_id"] == ids[0]


def test_explicit_options_win_over_what_the_file_says(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, index_dir = built
    page = write_html(tmp_path / "p.html", "Page title", [RECRUIT], published="2020-11-02", site="Echo")

    result = ok(
        corpus_add(
            corpus_dir, index_dir, str(page), "--published", "14 January 2021", "--title", "Given title",
            "--publisher", "Given publisher", "--url", "https://example.org/given",
        )
    )  # fmt: skip

    item = listing(corpus_dir, index_dir)[added_id(result)]
    assert (item["published"], item["date_source"]) == ("2021-01-14", "metadata")
    assert (item["title"], item["publisher"]) == ("Given title", "Given publisher")
    top = ask(corpus_dir, index_dir, RECRUIT_Q)["results"][0]
    assert top["url"] == "https://example.org/given"


def test_undated_document_is_added_with_a_warning(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, index_dir = built
    path = write_docx(tmp_path / "memo.docx", [RECRUIT])

    result = ok(corpus_add(corpus_dir, index_dir, str(path)))

    doc_id = added_id(result)
    assert "undated" in result.stdout
    assert f"warning: {doc_id}: undated" in result.stderr
    item = listing(corpus_dir, index_dir)[doc_id]
    assert item["published"] is None and item["date_source"] == "undated"
    assert any(w.startswith("undated") for w in item["warnings"])


def test_list_shows_every_document_with_date_source_and_passages(built: tuple[Path, Path]) -> None:
    corpus_dir, index_dir = built

    items = listing(corpus_dir, index_dir)
    text = ok(run_cli("corpus", "list", *where(corpus_dir, index_dir))).stdout

    assert len(items) == SEED_IDS
    seed = items["001_3f58470cc91bc144"]
    assert (seed["published"], seed["precision"], seed["date_source"]) == (
        "2015-12",
        "month",
        "metadata, inferred",
    )
    assert seed["passages"] > 0 and seed["publisher"] == "Children & Young People Now"
    assert "2015-12 (month, metadata, inferred)" in text
    assert text.rstrip().endswith("5 documents")


def test_remove_takes_the_document_out_of_corpus_and_index(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, index_dir = built
    metadata_before = (corpus_dir / "metadata.toml").read_text(encoding="utf-8")
    pdf = write_pdf(tmp_path / "c.pdf", [["12 March 2020", BUDGET]])
    doc_id = added_id(ok(corpus_add(corpus_dir, index_dir, str(pdf))))
    assert ask(corpus_dir, index_dir, BUDGET_Q)["results"][0]["doc_id"] == doc_id

    result = ok(run_cli("corpus", "remove", doc_id, *where(corpus_dir, index_dir)))

    assert f"removed {doc_id}" in result.stdout
    assert doc_id not in listing(corpus_dir, index_dir)
    assert not list(corpus_dir.glob(f"{doc_id}*")) and not list((corpus_dir / "originals").glob(f"{doc_id}*"))
    assert (corpus_dir / "metadata.toml").read_text(encoding="utf-8") == metadata_before
    data = ask(corpus_dir, index_dir, BUDGET_Q)
    assert doc_id not in {r["doc_id"] for r in data["results"]}
    info = ok(run_cli("index", "info", *where(corpus_dir, index_dir))).stdout
    assert "up to date" in info and "documents   5" in info


def test_remove_a_seed_document_keeps_the_other_entries(built: tuple[Path, Path]) -> None:
    corpus_dir, index_dir = built

    ok(run_cli("corpus", "remove", "002_e60fef3cf035d9cf", *where(corpus_dir, index_dir)))

    metadata = tomllib.loads((corpus_dir / "metadata.toml").read_text(encoding="utf-8"))
    assert set(metadata) == {
        "000_7221a45d64e2d799", "001_3f58470cc91bc144", "003_a462725dfeccbf7f", "004_ec632f764ce49bd5",
    }  # fmt: skip
    assert metadata["003_a462725dfeccbf7f"]["published"] == "2019-11"
    assert set(listing(corpus_dir, index_dir)) == set(metadata)


# --- failures change nothing --------------------------------------------------------------


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    plain = write_pdf(tmp_path / "plain.pdf", [[BUDGET]])
    huge = tmp_path / "huge.pdf"
    with open(huge, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    clutter = tmp_path / "clutter.txt"
    clutter.write_text("Sign up to our newsletter\nAdvertisement\nHide Ad\n", encoding="utf-8")
    return {
        "encrypted": (write_encrypted_pdf(tmp_path / "locked.pdf", plain), "encrypted PDF"),
        "image-only": (
            write_image_pdf(tmp_path / "scan.pdf", BUDGET),
            "page 2 is an image with no text layer",
        ),
        "200 MB": (huge, "too large (200 MB; the limit is 50 MB)"),
        "corrupt": (corrupt, "unreadable PDF"),
        "empty after cleaning": (clutter, "empty after cleaning"),
        "unsupported": (tmp_path / "slides.pptx", "unsupported format '.pptx'"),
        "missing": (tmp_path / "nowhere.pdf", "no such file"),
    }


@pytest.mark.parametrize(
    "case",
    ["encrypted", "image-only", "200 MB", "corrupt", "empty after cleaning", "unsupported", "missing"],
)
def test_failed_add_says_why_and_changes_nothing(
    pristine: tuple[Path, Path], tmp_path: Path, case: str
) -> None:
    corpus_dir, index_dir = pristine
    (tmp_path / "files").mkdir()
    path, reason = _bad_files(tmp_path / "files")[case]
    before = tree_hash(corpus_dir, index_dir)

    result = corpus_add(corpus_dir, index_dir, str(path))

    assert result.returncode == 1
    assert result.stdout == ""
    line = one_line(result.stderr)
    assert line.startswith("trustbot: error: ") and reason in line and path.name in line
    assert tree_hash(corpus_dir, index_dir) == before


def test_one_bad_file_among_good_ones_adds_none(pristine: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, index_dir = pristine
    good = write_docx(tmp_path / "good.docx", ["Published: 3 April 2021", RECRUIT])
    bad = write_image_pdf(tmp_path / "scan.pdf", BUDGET)
    before = tree_hash(corpus_dir, index_dir)

    result = corpus_add(corpus_dir, index_dir, str(good), str(bad))

    assert result.returncode == 1 and "scan.pdf" in one_line(result.stderr)
    assert tree_hash(corpus_dir, index_dir) == before


def test_the_same_file_twice_is_refused(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, index_dir = built
    path = write_docx(tmp_path / "note.docx", ["Published: 3 April 2021", RECRUIT])
    doc_id = added_id(ok(corpus_add(corpus_dir, index_dir, str(path))))
    before = tree_hash(corpus_dir, index_dir)

    result = corpus_add(corpus_dir, index_dir, str(path))

    assert result.returncode == 1
    assert f"already in the corpus as {doc_id}" in one_line(result.stderr)
    assert tree_hash(corpus_dir, index_dir) == before


def test_bad_date_option_is_refused_before_anything_changes(
    pristine: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus_dir, index_dir = pristine
    path = write_docx(tmp_path / "note.docx", [RECRUIT])
    before = tree_hash(corpus_dir, index_dir)

    result = corpus_add(corpus_dir, index_dir, str(path), "--published", "sometime soon")

    assert result.returncode == 1 and "does not parse" in one_line(result.stderr)
    assert tree_hash(corpus_dir, index_dir) == before


def test_failed_index_save_rolls_the_corpus_back(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, _ = built
    path = write_docx(tmp_path / "note.docx", ["Published: 3 April 2021", RECRUIT])
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the index folder should be", encoding="utf-8")
    before = tree_hash(corpus_dir)

    result = run_cli("corpus", "add", str(path), "--corpus", str(corpus_dir), "--index", str(blocked))

    assert_no_traceback(result)
    assert result.returncode == 1
    assert "nothing added" in one_line(result.stderr)
    assert tree_hash(corpus_dir) == before


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("remove", "999_nosuchdocument"), 1, "no document '999_nosuchdocument'"),
        (("add",), 2, "the following arguments are required"),
        (("frobnicate",), 2, "invalid choice"),
    ],
)
def test_bad_corpus_commands_get_one_line(
    pristine: tuple[Path, Path], args: tuple[str, ...], status: int, message: str
) -> None:
    corpus_dir, index_dir = pristine
    before = tree_hash(corpus_dir, index_dir)

    result = run_cli("corpus", *args, *where(corpus_dir, index_dir))

    assert_no_traceback(result)
    assert result.returncode == status
    assert message in one_line(result.stderr)
    assert tree_hash(corpus_dir, index_dir) == before


def test_removing_the_last_document_is_refused(tmp_path: Path) -> None:
    corpus_dir, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus_dir.mkdir()
    (corpus_dir / "only.txt").write_text(f"9 July 2021\n\n{BUDGET}\n", encoding="utf-8")
    ok(run_cli("index", "build", *where(corpus_dir, index_dir)))
    before = tree_hash(corpus_dir, index_dir)

    result = run_cli("corpus", "remove", "only", *where(corpus_dir, index_dir))

    assert result.returncode == 1
    assert "nothing removed" in one_line(result.stderr) and "no usable document" in result.stderr
    assert tree_hash(corpus_dir, index_dir) == before


# --- near-duplicates ------------------------------------------------------------------------

QUOTED = (
    "A spokesman for the council said the new children's trust would employ 350 social workers "
    "when it takes over children's services from the county council next April."
)


def test_a_paragraph_quoted_by_two_papers_is_answered_once_citing_both(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus_dir, index_dir = built
    echo = write_html(
        tmp_path / "echo.html", "Trust to employ 350", [STAFF, QUOTED], published="2021-02-01", site="Echo"
    )
    post = write_html(
        tmp_path / "post.html",
        "Social workers for the trust",
        [QUOTED, RECRUIT],
        published="2021-02-03",
        site="Post",
    )
    ok(corpus_add(corpus_dir, index_dir, str(echo), str(post)))

    data = ask(corpus_dir, index_dir, "How many social workers will the new children's trust employ?")

    carrying = [r for r in data["results"] if QUOTED in r["passage"]]
    assert len(carrying) == 1, "the quoted paragraph is answered once"
    sources = {carrying[0]["publisher"]} | {s["publisher"] for s in carrying[0]["also_in"]}
    assert sources == {"Echo", "Post"}
    text = ok(
        run_cli("ask", "How many social workers will the trust employ?", *where(corpus_dir, index_dir))
    ).stdout
    assert "also in Echo" in text or "also in Post" in text


def test_list_warns_of_near_duplicate_documents(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, index_dir = built
    first = tmp_path / "a.txt"
    first.write_text(f"9 July 2021\n\n{BUDGET}\n\n{STAFF}\n", encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text(f"10 July 2021\n\n{BUDGET}\n\n{STAFF} Updated.\n", encoding="utf-8")

    result = ok(corpus_add(corpus_dir, index_dir, str(first), str(second)))

    ids = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("added ")]
    assert f"warning: {ids[0]}: near-duplicate of {ids[1]}" in result.stderr
    assert result.stderr.count("near-duplicate of") == 2, "each pair is reported once per document"
    items = listing(corpus_dir, index_dir)
    assert any(w.startswith(f"near-duplicate of {ids[1]}") for w in items[ids[0]]["warnings"])
    assert any(w.startswith(f"near-duplicate of {ids[0]}") for w in items[ids[1]]["warnings"])
    assert not any("near-duplicate" in w for w in items["000_7221a45d64e2d799"]["warnings"])


# --- readers during an add -------------------------------------------------------------------


def test_readers_keep_answering_while_documents_are_added(built: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, index_dir = built
    failures: list[str] = []
    answered: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            result = subprocess.run(
                [
                    str(TRUSTBOT),
                    "ask",
                    "when will the trust go live?",
                    "--json",
                    *where(corpus_dir, index_dir),
                ],
                capture_output=True,
                text=True,
                timeout=120,
            )
            if result.returncode != 0 or json.loads(result.stdout)["short"] != "July 2020":
                failures.append(result.stderr[-300:])
            answered.append(1)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for n in range(3):
            path = write_docx(tmp_path / f"n{n}.docx", [f"Published: {n + 3} April 2021", RECRUIT])
            ok(corpus_add(corpus_dir, index_dir, str(path)))
    finally:
        stop.set()
        thread.join()
    assert answered and failures == []
    assert len(listing(corpus_dir, index_dir)) == SEED_IDS + 3


def test_an_engine_opened_on_the_saved_index_cites_pdf_pages(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus_dir, index_dir = built
    pdf = write_pdf(tmp_path / "c.pdf", [["12 March 2020", STAFF], [BUDGET]])
    doc_id = added_id(ok(corpus_add(corpus_dir, index_dir, str(pdf))))

    engine = Engine.open(corpus_dir, index_dir)  # what a reloading front end does

    assert engine.notices == (), "the saved index is current: loaded, not rebuilt"
    budget = engine.ask(BUDGET_Q).results[0]
    staff = engine.ask("How has the transfer of staff to the trust gone over the winter months?").results[0]
    assert (budget.citation.doc_id, budget.citation.page) == (doc_id, 2)
    assert (staff.citation.doc_id, staff.citation.page) == (doc_id, 1)
    assert "page 2" in budget.citation.human()


def test_remove_finds_a_document_with_an_upper_case_suffix(corpus_dir: Path, index_dir: Path) -> None:
    (corpus_dir / "REPORT.TXT").write_text("Report\n\nPublished: 3 March 2020\n\nThe trust met in March.\n")
    assert "REPORT" in run_cli("corpus", "list", *where(corpus_dir, index_dir)).stdout
    removed = run_cli("corpus", "remove", "REPORT", *where(corpus_dir, index_dir))
    assert removed.returncode == 0, removed.stderr
    assert not (corpus_dir / "REPORT.TXT").exists()


def test_a_failed_add_to_a_corpus_without_metadata_leaves_none(corpus_dir: Path, tmp_path: Path) -> None:
    (corpus_dir / "metadata.toml").unlink()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the index folder should be")
    document = tmp_path / "note.txt"
    document.write_text("Note\n\nPublished: 1 May 2020\n\nThe trust met.\n")
    result = run_cli("corpus", "add", str(document), "--corpus", str(corpus_dir), "--index", str(blocked))
    assert result.returncode == 1 and "nothing added" in result.stderr
    assert not (corpus_dir / "metadata.toml").exists()
