"""The one engine every front end uses: open a corpus and its index, answer questions.

`Engine.open` loads the saved index, or builds and saves it when it is missing, stale
(the corpus changed) or unreadable, and says so in `notices`. `Engine.ask` validates a
question and returns an `Answer`.

May import `text`, `corpus`, `index`, `answer`, `settings` and `errors`: the layers below it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .answer import (
    Answer,
    Query,
    Ranking,
    rank,
    read_question,
    relate,
    rerank,
    shape_answer,
)
from .corpus import Document, Notice, fingerprint, load_corpus
from .errors import IndexError_, QuestionError
from .index import (
    BM25Params,
    Index,
    build_index,
    corpus_signature,
    current_generation,
    index_present,
    load_index,
    save_index,
    verify_index,
)
from .settings import DEFAULT_MAX_QUESTION_CHARS, DEFAULT_TOP_K
from .text.dates import PubDate, parse_as_of
from .text.patterns import lazy_compile

__all__ = [
    "DEFAULT_MAX_QUESTION_CHARS",
    "DEFAULT_TOP_K",
    "Engine",
    "IndexInfo",
    "IndexStatus",
    "validate_question",
]

_CONTROL = lazy_compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE = lazy_compile(r"[\ud800-\udfff]")
_INVISIBLE = lazy_compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

Progress = Callable[[Iterable[Document]], Iterable[Document]]


def validate_question(question: str, max_chars: int = DEFAULT_MAX_QUESTION_CHARS) -> str:
    """The question, trimmed; QuestionError when empty, too long or holding control characters."""
    if not isinstance(question, str):
        raise QuestionError("the question must be text")
    if _CONTROL.search(question):
        raise QuestionError("the question contains control characters")
    # Invisible marks (a byte-order mark, a direction override) are no part of the words,
    # and letters styled as mathematical or full-width ones are the letters they show.
    text = " ".join(unicodedata.normalize("NFKC", _INVISIBLE.sub("", question)).split())
    if not text:
        raise QuestionError("the question is empty: ask something about the documents")
    if len(text) > max_chars:
        raise QuestionError(
            f"the question is too long ({len(text):,} characters; the limit is {max_chars:,})"
        )
    if _CONTROL.search(text):
        raise QuestionError("the question contains control characters")
    if _SURROGATE.search(text):  # undecodable bytes from a terminal in another encoding
        raise QuestionError("the question is not valid UTF-8 text")
    return text


@dataclass(frozen=True)
class IndexInfo:
    """What a loaded index holds, for `trustbot index build` and the bot's /about."""

    documents: int
    passages: int
    oldest: PubDate | None
    newest: PubDate | None
    built_at: str
    generation: str | None


@dataclass(frozen=True)
class IndexStatus:
    """The saved index of a folder, every file checked, compared with its corpus."""

    folder: Path
    problem: str | None  # why it cannot be used (the next question rebuilds it); None if usable
    format_version: int | None = None
    built_at: str | None = None
    documents: int | None = None
    passages: int | None = None
    params: BM25Params | None = None
    fresh: bool = False  # built from the corpus as it is now


@dataclass
class Engine:
    """A loaded index and the means to question it."""

    index: Index
    notices: tuple[Notice, ...] = ()  # rebuilds, skipped documents, warnings; each prints as one line
    max_question_chars: int = DEFAULT_MAX_QUESTION_CHARS
    skipped: tuple[Notice, ...] = ()  # documents left out of a rebuild, with the reason
    saved: bool = True  # False when a rebuilt index could not be written to disk
    index_dir: Path | None = None  # where the index is saved; None for one built in memory only

    @classmethod
    def open(
        cls,
        corpus_dir: Path,
        index_dir: Path,
        *,
        rebuild: bool = False,
        params: BM25Params | None = None,
        progress: Progress | None = None,
        max_question_chars: int = DEFAULT_MAX_QUESTION_CHARS,
    ) -> Engine:
        """Open the index of a corpus, building it first when needed."""
        params = params or BM25Params()
        # Taken before anything reads the corpus: a file changed later shows up next time.
        signature = corpus_signature(corpus_dir) if corpus_dir.is_dir() else None
        current: str | None = None
        notices: list[Notice] = []
        skipped: tuple[Notice, ...] = ()
        saved = True
        index: Index | None = None
        if not rebuild:
            try:
                index = load_index(index_dir)
            except IndexError_ as exc:
                if index_present(index_dir):
                    notices.append(Notice("rebuilding", f"{exc}: rebuilding"))
            else:
                # Same files, sizes and times as at build time: the same corpus, without
                # reading every file again (what a cold start on a large corpus would cost).
                unchanged = signature is not None and index.corpus_signature == signature
                current = index.fingerprint if unchanged else fingerprint(corpus_dir)
                if index.fingerprint != current:
                    notices.append(Notice("rebuilding", "index is stale (the corpus changed): rebuilding"))
                    index = None
                elif index.params != params:
                    notices.append(Notice("rebuilding", "index was built with other settings: rebuilding"))
                    index = None
        if index is None:
            current = current or fingerprint(corpus_dir)
            corpus = load_corpus(corpus_dir)
            skipped = corpus.problems
            notices.extend(corpus.problems)
            notices.extend(corpus.warnings)
            index = build_index(corpus, current, params, progress)
            index.corpus_signature = signature
            try:
                save_index(index, index_dir)
            except OSError as exc:
                saved = False
                reason = f"could not save the index to {index_dir} ({exc.strerror or exc})"
                notices.append(Notice("not saved", f"{reason}; using it from memory"))
        return cls(index, tuple(notices), max_question_chars, skipped, saved, index_dir)

    @staticmethod
    def inspect(corpus_dir: Path, index_dir: Path) -> IndexStatus:
        """The saved index of `index_dir`, checked whole as a load would; IndexError_ if there is none."""
        try:
            manifest = verify_index(index_dir)
        except IndexError_ as exc:
            if not index_present(index_dir):
                raise
            return IndexStatus(index_dir, str(exc))
        return IndexStatus(
            index_dir,
            None,
            format_version=manifest.format_version,
            built_at=manifest.built_at,
            documents=manifest.documents,
            passages=manifest.passages,
            params=manifest.params,
            fresh=manifest.fingerprint == fingerprint(corpus_dir),
        )

    @property
    def generation(self) -> str | None:
        """The saved generation this engine answers from; None for an index held in memory only."""
        if self.index.generation:
            return self.index.generation
        return current_generation(self.index_dir) if self.index_dir else None

    def generation_on_disk(self) -> str | None:
        """The generation the index folder points to now: another one means a newer index was saved."""
        return current_generation(self.index_dir) if self.index_dir else None

    def info(self) -> IndexInfo:
        """What the index holds: counts, the documents' date range, when it was built."""
        oldest, newest = self.date_range()
        return IndexInfo(
            len(self.index.documents),
            len(self.index.passages),
            oldest,
            newest,
            self.index.built_at,
            self.generation,
        )

    def ask(self, question: str, as_of: str | PubDate | None = None, top_k: int = DEFAULT_TOP_K) -> Answer:
        """Answer a question, as things stood on `as_of` when given."""
        text = validate_question(question, self.max_question_chars)
        cutoff = parse_as_of(as_of) if isinstance(as_of, str) else as_of
        if top_k < 1:
            raise QuestionError("top-k must be at least 1")
        query, cutoff = self.analyse(text, cutoff)
        ranking = self.ranking(query, cutoff)
        return shape_answer(ranking, text, ranking.as_of or cutoff, top_k)

    def analyse(self, question: str, cutoff: PubDate | None = None) -> tuple[Query, PubDate | None]:
        """The question read against the index, and the date it is asked as of (given or implied)."""
        question = validate_question(question, self.max_question_chars)
        return read_question(self.index, question).dated(cutoff)

    def ranking(self, query: Query, cutoff: PubDate | None, learned: bool = True) -> Ranking:
        """The ranking of an analysed question: reordered, and its timeline widened, by the
        learned models unless `learned` is off."""
        ranking = rank(self.index, query, cutoff)
        if not learned:
            return ranking
        cutoff = ranking.as_of or cutoff  # a cut-off the ranking found the question implies
        return relate(self.index, rerank(self.index, ranking, cutoff), cutoff)

    def date_range(self) -> tuple[PubDate | None, PubDate | None]:
        """The oldest and newest publication dates of the documents; (None, None) if none is dated."""
        dated = [d.published for d in self.index.documents.values() if d.published]
        if not dated:
            return None, None
        return min(dated, key=lambda d: d.value), max(dated, key=lambda d: d.value)

    def sources(self) -> list[Document]:
        """The documents of the index, newest first, undated last."""
        return sorted(
            self.index.documents.values(),
            key=lambda d: (d.published is not None, d.published.value if d.published else None, d.id),
            reverse=True,
        )
