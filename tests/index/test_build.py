"""The index build: the same index, byte for byte, whether analysed on one process or
several, and whether its documents come loaded or as a stream read one at a time."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import pytest

from bot.corpus import Document, LoadedCorpus, load_corpus
from bot.index import analysis, build_index, current_generation, save_index
from bot.index.postings import EMPTY_PASSAGE_TERM, SKIPPED_ROW, PostingsBuilder


def _saved_files(corpus: LoadedCorpus | Iterable[Document], folder: Path, workers: int) -> dict[str, str]:
    index = build_index(corpus, "fingerprint", workers=workers)
    index.built_at = "fixed"
    save_index(index, folder)
    generation = folder / str(current_generation(folder))
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(generation.iterdir())}


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pool for a small corpus, and a chunk per document, so that both workers take some."""
    monkeypatch.setattr(analysis, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(analysis, "CHUNK_CHARS", 2_000)


def test_build_on_two_processes_saves_the_same_files_as_on_one(
    corpus_dir: Path, tmp_path: Path, small_chunks: None
) -> None:
    corpus = load_corpus(corpus_dir)
    assert len(list(analysis._batches(corpus.documents))) >= 4
    one = _saved_files(corpus, tmp_path / "one", workers=1)
    two = _saved_files(corpus, tmp_path / "two", workers=2)
    assert len(one) > 10
    assert one == two


def test_documents_read_one_at_a_time_build_what_a_loaded_corpus_does(
    corpus_dir: Path, tmp_path: Path, small_chunks: None
) -> None:
    corpus = load_corpus(corpus_dir)
    read: list[str] = []

    def stream() -> Iterator[Document]:
        for document in corpus.documents:
            read.append(document.id)
            yield document

    loaded = _saved_files(corpus, tmp_path / "loaded", workers=2)
    streamed = _saved_files(stream(), tmp_path / "streamed", workers=2)
    assert streamed == loaded
    assert read == [d.id for d in corpus.documents]  # each read once, in order


def test_a_streamed_build_keeps_no_document_text(corpus_dir: Path) -> None:
    documents = load_corpus(corpus_dir).documents
    index = build_index(iter(documents), "fingerprint")
    assert list(index.documents) == [d.id for d in documents]
    assert all(d.text == "" for d in index.documents.values())
    assert index.documents[documents[0].id].title == documents[0].title
    assert index.passages.text(0) in documents[0].text  # the passages carry the text


def test_a_process_numbers_words_across_its_chunks_and_sends_only_new_ones() -> None:
    vocabulary: dict[str, int] = {}
    first = analysis.analyse_chunk([Document("a", "A", "Budget cuts.\n\nThe budget.")], vocabulary)
    second = analysis.analyse_chunk([Document("b", "B", "Budget rises.")], vocabulary)
    assert first.new_words == ["budget", "cuts", "the"]
    assert list(first.word_ids) == [0, 1, 2, 0] and list(first.word_counts) == [2, 2]
    assert second.new_words == ["rises"]
    assert list(second.word_ids) == [0, 3]
    assert first.text == b"Budget cuts.The budget." and list(first.text_ends) == [12, 23]


def test_a_chunk_carries_each_passage_s_page() -> None:
    paged = Document("a", "A", "Budget cuts.\n\nThe budget.", pages=(3, 4))
    plain = Document("b", "B", "Budget rises.")
    chunk = analysis.analyse_chunk([paged, plain], {})
    assert list(chunk.pages) == [3, 4, analysis.NO_PAGE]


def test_a_passage_of_stop_words_holds_the_empty_passage_term() -> None:
    chunk = analysis.analyse_chunk([Document("a", "A", "It is what it is.")], {})
    assert chunk.new_words[-1] == EMPTY_PASSAGE_TERM
    assert chunk.word_counts[0] == 6


def test_adding_passages_at_once_builds_what_adding_them_one_by_one_does() -> None:
    passages = [[0, 1, 1, SKIPPED_ROW], [SKIPPED_ROW], [2] * 300 + [0], [1, 2]]
    alone, together = PostingsBuilder(), PostingsBuilder()
    for builder in (alone, together):
        for term in ("a", "b", "c"):
            builder.row(term)
    for rows in passages:
        alone.add(rows)
    together.add_many(
        np.array([r for rows in passages for r in rows], dtype=np.int64),
        np.array([len(rows) for rows in passages], dtype=np.int64),
    )
    a, b = alone.build(1.2, 0.75, 0.0), together.build(1.2, 0.75, 0.0)
    assert dict(a.terms) == dict(b.terms)
    for mine, theirs in ((a.offsets, b.offsets), (a.ids, b.ids), (a.weights, b.weights), (a.idf, b.idf)):
        assert np.array_equal(mine, theirs)
    assert EMPTY_PASSAGE_TERM in b.terms  # the passage of a stop word alone


def test_the_vocabulary_and_known_terms_are_the_same_objects_each_time(corpus_dir: Path) -> None:
    # What is worked out once from them (word shapes, prefixes) is kept by their identity.
    index = build_index(load_corpus(corpus_dir), "fingerprint")
    assert index.vocabulary is index.vocabulary
    assert index.known_terms is index.known_terms
