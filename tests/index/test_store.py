"""The passage store: each passage's text, document, place and PDF page are kept in the
index, so a citation's page needs nothing but the index at question time."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from bot.corpus import Document, LoadedCorpus, extract, load_corpus
from bot.index import build_index, load_index, save_index
from bot.index.store import PAGE_FILE
from tests.documents import write_pdf

from .helpers import generation_of

BUDGET = "The trust's first-year budget will be 128 million pounds, agreed by the shadow board."
STAFF = (
    "The cabinet is asked to note the progress made by officers in the transfer of staff to the "
    "trust, which has been steady throughout the winter months and is expected to complete on time."
)
PLAIN = "Ofsted rated the council's children's services inadequate in 2019."


def _paged_corpus(folder: Path, tmp_path: Path) -> Path:
    """A corpus of a two-page PDF's stored text and a plain text file."""
    folder.mkdir()
    pdf = write_pdf(tmp_path / "r.pdf", [["12 March 2020", STAFF], [BUDGET]])
    (folder / "005_paged.md").write_text(extract(pdf).text, encoding="utf-8")
    (folder / "006_plain.txt").write_text(PLAIN + "\n", encoding="utf-8")
    return folder


def test_each_passage_s_page_is_saved_and_read_back_without_the_corpus(tmp_path: Path) -> None:
    corpus_dir, index_dir = _paged_corpus(tmp_path / "corpus", tmp_path), tmp_path / "index"
    built = build_index(load_corpus(corpus_dir), "fingerprint")
    save_index(built, index_dir)
    shutil.rmtree(corpus_dir)  # nothing may read it again

    loaded = load_index(index_dir)

    pages = {p.text: p.page for p in loaded.passages}
    assert pages[STAFF] == 1 and pages[BUDGET] == 2, "the PDF page each passage is printed on"
    assert pages[PLAIN] is None, "a document without pages has none"
    assert [p.page for p in built.passages] == [p.page for p in loaded.passages]
    saved = np.load(generation_of(index_dir) / PAGE_FILE, allow_pickle=False)
    assert saved.dtype == np.int32 and saved.tolist() == [1, 2, 0]  # 0: no page


def test_a_passage_is_its_document_s_nth_with_its_text(tmp_path: Path) -> None:
    corpus = LoadedCorpus(
        (Document("a", "A", "First part.\n\nSecond — part."), Document("b", "B", "Only part."))
    )
    index = build_index(corpus, "fingerprint")
    save_index(index, tmp_path / "index")
    for store in (index.passages, load_index(tmp_path / "index").passages):
        assert [(p.id, p.doc_id, p.position, p.text) for p in store] == [
            ("a#0", "a", 0, "First part."),
            ("a#1", "a", 1, "Second — part."),
            ("b#0", "b", 0, "Only part."),
        ]
        assert store[-1].id == "b#0" and [p.id for p in store[1:]] == ["a#1", "b#0"]
