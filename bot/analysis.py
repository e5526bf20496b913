"""Split documents into passages and passages into surface words, a chunk at a time, on every core.

This is most of the cost of building an index, and each document's analysis is
independent of every other's, so large corpora are analysed by a pool of worker
processes. A worker hands back a compact `Chunk` (the passages' text as one UTF-8 blob
and their words as ids into the chunk's own small vocabulary), never lists of strings,
so little crosses between processes. Chunks come back in corpus order, so a build that
consumes them is the same whether one process analysed them or several.
"""

from __future__ import annotations

import multiprocessing
import os
from array import array
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from .corpus import Document
from .passages import split_document
from .postings import EMPTY_PASSAGE_TERM
from .tokens import STOP_WORDS, words

__all__ = ["CHUNK_CHARS", "PARALLEL_MIN_CHARS", "Chunk", "analyse", "analyse_chunk", "default_workers"]

#: Document text per chunk: large enough that sending a chunk costs little next to
#: analysing it, small enough that the chunks in flight hold little memory.
CHUNK_CHARS = 4 << 20
#: Below this much text a pool's start-up (about a second) costs more than it saves.
PARALLEL_MIN_CHARS = 16 << 20
#: Chunks sent ahead per worker: keeps every worker busy without queueing the corpus.
CHUNKS_AHEAD = 2


@dataclass(frozen=True)
class Chunk:
    """The passages of consecutive documents: their text and their surface words."""

    passages_per_document: array[int]  # how many passages each document split into
    text: bytes  # every passage's text, UTF-8, back to back
    text_ends: array[int]  # where each passage's text ends in `text`
    vocabulary: list[str]  # the chunk's distinct words, in order of first appearance
    word_ids: array[int]  # every passage's words, in text order, as indexes into `vocabulary`
    word_counts: array[int]  # how many words each passage has


def analyse_chunk(documents: Sequence[Document]) -> Chunk:
    """Split documents into passages and those into surface words (`tokens.words`).

    A passage with no word but stop words holds `EMPTY_PASSAGE_TERM` after them, the one
    term such a passage is indexed under.
    """
    per_document, text_ends, word_ids, word_counts = array("i"), array("q"), array("i"), array("i")
    text = bytearray()
    vocabulary: dict[str, int] = {}
    for document in documents:
        passages = split_document(document)
        per_document.append(len(passages))
        for passage in passages:
            text += passage.text.encode("utf-8")
            text_ends.append(len(text))
            found = words(passage.text)
            if all(word in STOP_WORDS for word in found):
                found.append(EMPTY_PASSAGE_TERM)
            word_ids.extend([vocabulary.setdefault(word, len(vocabulary)) for word in found])
            word_counts.append(len(found))
    return Chunk(per_document, bytes(text), text_ends, list(vocabulary), word_ids, word_counts)


def default_workers() -> int:
    """The worker processes a build uses: one per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _chunks(documents: Iterable[Document]) -> Iterator[list[Document]]:
    """Consecutive documents, about CHUNK_CHARS of text at a time."""
    chunk: list[Document] = []
    size = 0
    for document in documents:
        chunk.append(document)
        size += len(document.text)
        if size >= CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def analyse(documents: Iterable[Document], total_chars: int, workers: int | None = None) -> Iterator[Chunk]:
    """The chunks of a corpus's documents, in order; analysed in parallel when it is large.

    `total_chars` is the length of all the documents' text (it decides whether a pool
    pays); `workers` the processes to use, by default one per core.
    """
    workers = default_workers() if workers is None else workers
    if workers <= 1 or total_chars < PARALLEL_MIN_CHARS:
        for chunk in _chunks(documents):
            yield analyse_chunk(chunk)
        return
    # Forked, where there is fork: a spawned worker would import the caller's main module
    # again, which a script without a `__main__` guard cannot stand. The workers only run
    # `analyse_chunk`, which takes no lock a parent's thread could be holding.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        pending: deque[Future[Chunk]] = deque()
        for chunk in _chunks(documents):
            pending.append(pool.submit(analyse_chunk, chunk))
            if len(pending) >= workers * CHUNKS_AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
