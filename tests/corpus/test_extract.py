"""Extraction of each accepted format from real files the tests write, and its refusals."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.corpus import DEFAULT_MAX_ADD_BYTES, PAGE_MARKER, extract, load_document, split_document
from bot.errors import DocumentError
from tests.documents import write_docx, write_encrypted_pdf, write_html, write_image_pdf, write_pdf

BUDGET = "The trust's first-year budget will be 128 million pounds, agreed by the shadow board."
STAFF = (
    "The cabinet is asked to note the progress made by officers in the transfer of staff to the "
    "trust, which has been steady throughout the winter months and is expected to complete on time."
)


def test_pdf_text_is_kept_per_page_with_paragraphs_rejoined(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "r.pdf", [["Cabinet report", "12 March 2020", STAFF], [BUDGET]], title="T")

    extracted = extract(pdf)

    assert extracted.format == "pdf"
    assert extracted.pages == 2
    assert extracted.title == "T"
    assert extracted.published is None, "a PDF's file dates are never taken as its publication date"
    paragraphs = extracted.text.split("\n\n")
    markers = [n for n, p in enumerate(paragraphs) if PAGE_MARKER.match(p)]
    assert [paragraphs[n] for n in markers] == ["<!-- page 1 -->", "<!-- page 2 -->"]
    assert STAFF in paragraphs, "a paragraph wrapped over lines is one paragraph again"
    assert paragraphs.index(BUDGET) > markers[1]


def test_stored_pdf_text_loads_with_page_numbers_on_passages(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "r.pdf", [["12 March 2020", STAFF], [BUDGET]])
    stored = tmp_path / "doc.md"
    stored.write_text(extract(pdf).text, encoding="utf-8")

    document, warnings = load_document(stored)

    assert warnings == []
    assert document.published is not None and document.published.iso() == "2020-03-12"
    assert document.date_source == "dateline"
    assert "<!--" not in document.text
    pages = {p.text: p.page for p in split_document(document)}
    assert pages[STAFF] == 1
    assert pages[BUDGET] == 2


def test_docx_paragraphs_and_title(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "a.docx", ["Published: 3 April 2021", BUDGET], title="Budget note")

    extracted = extract(path)

    assert extracted.format == "docx"
    assert extracted.title == "Budget note"
    assert extracted.text.split("\n\n") == ["Published: 3 April 2021", BUDGET]
    assert extracted.published is None


def test_html_main_text_title_site_and_date_from_page_metadata(tmp_path: Path) -> None:
    path = write_html(
        tmp_path / "p.html",
        "Trust opens its doors",
        [BUDGET, STAFF],
        published="2020-11-02T09:00:00+00:00",
        site="Daily Echo",
        url="https://example.org/trust-opens",
    )

    extracted = extract(path)

    assert extracted.format == "html"
    assert extracted.title == "Trust opens its doors"
    assert extracted.publisher == "Daily Echo"
    assert extracted.published == "2020-11-02"
    assert extracted.date_found == "page metadata"
    assert extracted.url == "https://example.org/trust-opens"
    assert BUDGET in extracted.text and STAFF in extracted.text
    assert "Sport" not in extracted.text and "Copyright" not in extracted.text, "page furniture is dropped"


def test_html_without_a_date_in_its_markup_is_not_given_one(tmp_path: Path) -> None:
    path = write_html(tmp_path / "p.html", "Trust news", [f"On 4 May 2019 the board met. {BUDGET}", STAFF])

    assert extract(path).published is None, "a date in the text is the loader's to find, not a guess"


def test_text_and_markdown_are_kept_verbatim(tmp_path: Path) -> None:
    md = tmp_path / "n.md"
    md.write_text("---\ntitle: Note\npublished: 2020-01-05\n---\nBody text here.\n", encoding="utf-8")

    extracted = extract(md)

    assert extracted.verbatim
    assert extracted.text == md.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("x.rtf", b"{\\rtf1 hello}", "unsupported format '.rtf'"),
        ("x.txt", b"caf\xe9 au lait", "not UTF-8"),
        ("x.txt", b"", "empty file"),
        ("x.pdf", b"%PDF-1.4\nthis is not really a pdf", "unreadable PDF"),
        ("x.docx", b"PK not a zip at all", "not a readable Word document"),
        (
            "x.html",
            b"<html><head><title>Photos</title></head><body><img src='a.png'></body></html>",
            "no article text",
        ),
    ],
)
def test_unusable_files_are_refused_with_the_reason(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(DocumentError) as caught:
        extract(path)

    assert problem in str(caught.value)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    plain = write_pdf(tmp_path / "plain.pdf", [[BUDGET]])
    locked = write_encrypted_pdf(tmp_path / "locked.pdf", plain)

    with pytest.raises(DocumentError, match="encrypted PDF"):
        extract(locked)


def test_image_only_page_is_refused_and_named(tmp_path: Path) -> None:
    path = write_image_pdf(tmp_path / "scan.pdf", BUDGET)

    with pytest.raises(DocumentError, match=r"page 2 is an image with no text layer"):
        extract(path)


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    assert os.path.getsize(path) > DEFAULT_MAX_ADD_BYTES

    with pytest.raises(DocumentError, match=r"too large \(200 MB; the limit is 50 MB\)"):
        extract(path)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        extract(tmp_path / "gone.pdf")


def test_html_in_its_own_charset_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    body = f"<p>The café at the family centre reopened. {BUDGET}</p><p>{STAFF}</p>"
    path.write_bytes(
        (
            "<html><head><meta charset='windows-1252'><title>Café</title></head>"
            f"<body><article>{body}</article></body></html>"
        ).encode("cp1252")
    )

    assert "The café at the family centre reopened." in extract(path).text
