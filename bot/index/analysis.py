"""Split documents into passages and passages into surface words, a chunk at a time, on every core.

This is most of the cost of building an index, and each document's analysis is
independent of every other's, so large corpora are analysed by a pool of worker
processes. The documents come as a stream and are read a chunk at a time, so no moment
holds the whole corpus's text. A worker hands back a compact `Chunk` (the passages' text
as one UTF-8 blob and their words as ids into the chunk's own small vocabulary), never
lists of strings, so little crosses between processes. Chunks come back in corpus order,
so a build that consumes them is the same whether one process analysed them or several.

May import: the standard library, `bot.corpus` (the `Document` type), `bot.passages`,
`bot.tokens`, `.postings` and `.store`.
"""

from __future__ import annotations

import itertools
import os
from array import array
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..corpus import Document, split_document
from ..text.tokens import STOP_WORDS, words
from .postings import EMPTY_PASSAGE_TERM
from .store import NO_PAGE

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["CHUNK_CHARS", "PARALLEL_MIN_CHARS", "Chunk", "analyse", "analyse_chunk", "default_workers"]

#: Document text per chunk: large enough that sending a chunk costs little next to
#: analysing it, small enough that the chunks in flight hold little memory.
CHUNK_CHARS = 4 << 20
#: Below this much text a pool's start-up (about a second) costs more than it saves.
PARALLEL_MIN_CHARS = 16 << 20
#: Chunks sent ahead per worker: keeps every worker busy without queueing the corpus.
CHUNKS_AHEAD = 2

# Each build's number, and each worker's numbering of words by build.
_BUILDS = itertools.count()
_VOCABULARIES: dict[int, dict[str, int]] = {}


@dataclass(frozen=True)
class Chunk:
    """The passages of consecutive documents: their text, pages and surface words.

    Words are numbered by the process that analysed the chunk, in order of first
    appearance there, across all the chunks it analysed for one build: a chunk carries
    only the words that process had not met before, so few words cross between
    processes, and none is looked up twice.
    """

    source: int  # the process that analysed the chunk: its numbering of words
    passages_per_document: array[int]  # how many passages each document split into
    text: bytes  # every passage's text, UTF-8, back to back
    text_ends: array[int]  # where each passage's text ends in `text`
    pages: array[int]  # each passage's PDF page, NO_PAGE when its document has none
    new_words: list[str]  # words met first in this chunk, numbered from where the last ended
    word_ids: array[int]  # every passage's words, in text order, as the source numbers them
    word_counts: array[int]  # how many words each passage has


def analyse_chunk(documents: Iterable[Document], vocabulary: dict[str, int]) -> Chunk:
    """Split documents into passages and those into surface words (`tokens.words`).

    `vocabulary` numbers the words met so far (and is added to). A passage with no word
    but stop words holds `EMPTY_PASSAGE_TERM` after them, the one term such a passage
    is indexed under.
    """
    per_document, text_ends, pages = array("i"), array("q"), array("i")
    word_ids, word_counts = array("i"), array("i")
    text = bytearray()
    new: list[str] = []
    number = vocabulary.get
    for document in documents:
        passages = split_document(document)
        per_document.append(len(passages))
        for passage in passages:
            text += passage.text.encode("utf-8")
            text_ends.append(len(text))
            pages.append(NO_PAGE if passage.page is None else passage.page)
            found = words(passage.text)
            if all(word in STOP_WORDS for word in found):
                found.append(EMPTY_PASSAGE_TERM)
            ids = list(map(number, found))
            if None in ids:  # a word met for the first time (ever rarer as a build goes on)
                for word in found:
                    if word not in vocabulary:
                        vocabulary[word] = len(vocabulary)
                        new.append(word)
                ids = list(map(number, found))
            word_ids.extend(ids)  # type: ignore[arg-type]  # no None is left
            word_counts.append(len(found))
    return Chunk(os.getpid(), per_document, bytes(text), text_ends, pages, new, word_ids, word_counts)


def default_workers() -> int:
    """The worker processes a build uses: one per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _batches(documents: Iterable[Document]) -> Iterator[list[Document]]:
    """Consecutive documents, about CHUNK_CHARS of text at a time, read as they are needed."""
    batch: list[Document] = []
    size = 0
    for document in documents:
        batch.append(document)
        size += len(document.text)
        if size >= CHUNK_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _drained(items: list[list[Document]]) -> Iterator[list[Document]]:
    """The items of a list, each let go of as it is taken."""
    items.reverse()
    while items:
        yield items.pop()


def _analyse_sent(build: int, documents: list[Document]) -> Chunk:
    return analyse_chunk(documents, _VOCABULARIES.setdefault(build, {}))


def analyse(documents: Iterable[Document], workers: int | None = None) -> Iterator[Chunk]:
    """The chunks of a corpus's documents, in order; analysed in parallel when it is large.

    `workers` is the number of processes to use, by default one per core. The documents
    are read from the iterable a chunk at a time, a few chunks ahead of the analysis.
    """
    workers = default_workers() if workers is None else workers
    batches = _batches(documents)
    # Read ahead until there is enough text for a pool to pay for itself (or no more).
    first: list[list[Document]] = []
    text = 0
    for batch in batches if workers > 1 else ():
        first.append(batch)
        text += sum(len(d.text) for d in batch)
        if text >= PARALLEL_MIN_CHARS:
            break
    if text < PARALLEL_MIN_CHARS:
        vocabulary: dict[str, int] = {}
        for batch in itertools.chain(first, batches):
            yield analyse_chunk(batch, vocabulary)
        return
    # Forked, where there is fork: a spawned worker would import the caller's main module
    # again, which a script without a `__main__` guard cannot stand. The pool starts with
    # only the first chunks read, and each worker is sent the documents it analyses.
    # The workers only analyse, taking no lock a parent's thread could hold.
    # Imported here: a question never builds, and a cold start need not import them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    build = next(_BUILDS)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque[Future[Chunk]] = deque()
        for batch in itertools.chain(_drained(first), batches):
            pending.append(pool.submit(_analyse_sent, build, batch))
            if len(pending) >= workers * CHUNKS_AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
