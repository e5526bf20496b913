"""Build the index of a corpus: split, tokenise and index its documents, a chunk at a time.

The documents may come as a stream: each is read once, analysed (`analysis.py`, on
every core for a large corpus), its passages' text written to a temporary file as it
comes, and only what the index needs of it kept. So a build never holds the whole
corpus's text, only the postings being assembled.

May import: the standard library, NumPy, `bot.corpus` (its types), `bot.query` and
`bot.question` (their word lists, whose stems the index keeps), `bot.tokens`,
`.analysis`, `.model`, `.params`, `.postings`, `.store` and `.strings`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence

import numpy as np
import numpy.typing as npt

from ..corpus import Document, LoadedCorpus
from ..text.lexicon import LEXICON_WORDS as QUESTION_LEXICON
from ..text.lexicon import SYNONYM_WORDS
from ..text.tokens import MONEY_UNITS, STOP_WORDS, known_stems, stem
from .analysis import analyse
from .model import Index
from .params import BM25Params
from .postings import SKIPPED_ROW, PostingsBuilder
from .store import PassageStore
from .strings import StringIndex, StringTableWriter

__all__ = ["Progress", "build_index"]

Progress = Callable[[Iterable[Document]], Iterable[Document]]


def build_index(
    corpus: LoadedCorpus | Iterable[Document],
    fingerprint: str,
    params: BM25Params | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Index:
    """Split, tokenise and index every document of a corpus.

    A large corpus is analysed on `workers` processes (by default one per core); the
    index is the same either way. The documents of a `LoadedCorpus` are kept in the
    index as they are (their caller holds them anyway); documents given as any other
    iterable are read one at a time and kept without their text, so that no moment
    holds all of it. The passages' text goes to a temporary file as it comes, and the
    index reads it from there until it is saved. `progress` wraps the documents to show
    how far the reading has got.
    """
    params = params or BM25Params()
    loaded = isinstance(corpus, LoadedCorpus)
    stream: Iterable[Document] = corpus.documents if isinstance(corpus, LoadedCorpus) else corpus
    documents: dict[str, Document] = {}

    def kept(source: Iterable[Document]) -> Iterator[Document]:
        for document in source:
            documents[document.id] = document if loaded else dataclasses.replace(document, text="")
            yield document

    builder = PostingsBuilder()
    word_rows: dict[str, int] = {}  # surface word -> its term's row, or SKIPPED_ROW for a stop word
    passages_per_document, pages = array("i"), array("i")
    rows_by_source: dict[int, npt.NDArray[np.int64]] = {}  # each analysing process's word -> row
    texts = StringTableWriter()
    try:
        for chunk in analyse(kept(stream if progress is None else progress(stream)), workers):
            passages_per_document.extend(chunk.passages_per_document)
            pages.extend(chunk.pages)
            texts.write(chunk.text, chunk.text_ends)
            known = rows_by_source.get(chunk.source, np.empty(0, dtype=np.int64))
            rows = rows_by_source[chunk.source] = np.concatenate(
                (known, _rows_of(chunk.new_words, word_rows, builder))
            )
            word_ids = np.frombuffer(chunk.word_ids, dtype=np.int32)
            builder.add_many(rows[word_ids], np.frombuffer(chunk.word_counts, dtype=np.int32))
        rows_by_source.clear()
        postings = builder.build(params.k1, params.b, params.epsilon)
        store = _store(list(documents), passages_per_document, pages, texts)
    except BaseException:
        texts.close()
        raise
    return Index(
        params=params,
        fingerprint=fingerprint,
        built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        documents=documents,
        passages=store,
        postings=postings,
        surface_words=StringIndex.of(w for w in word_rows if w.isalpha()),
        stems=known_stems(
            [
                *word_rows,
                *MONEY_UNITS,
                *(w for group in SYNONYM_WORDS for w in group.split()),
                *QUESTION_LEXICON,
            ]
        ),
    )


def _store(
    doc_ids: list[str], passages_per_document: array[int], pages: array[int], texts: StringTableWriter
) -> PassageStore:
    """The passage store of a build: each passage's document and place in it, from the
    count of passages of each document."""
    counts = np.frombuffer(passages_per_document, dtype=np.int32)
    passage_doc = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
    # A document's passages are numbered from 0: each passage's number is its place
    # after the first passage of its document.
    starts = np.repeat(np.cumsum(counts, dtype=np.int64) - counts, counts)
    positions = (np.arange(len(passage_doc), dtype=np.int64) - starts).astype(np.int32)
    return PassageStore(doc_ids, passage_doc, positions, np.frombuffer(pages, dtype=np.int32), texts.finish())


def _rows_of(
    vocabulary: Sequence[str], word_rows: dict[str, int], builder: PostingsBuilder
) -> npt.NDArray[np.int64]:
    """The term row of each word (SKIPPED_ROW for a stop word), new words given rows in order.

    Each distinct word is stemmed once per build and its term given a row in order of
    first appearance (rank-bm25's order): the same terms `tokenize` gives.
    """
    rows = []
    for word in vocabulary:
        row = word_rows.get(word)
        if row is None:
            row = word_rows[word] = SKIPPED_ROW if word in STOP_WORDS else builder.row(stem(word))
        rows.append(row)
    return np.array(rows, dtype=np.int64)
