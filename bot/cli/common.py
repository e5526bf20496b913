"""What most commands need: the folders, the engine opened on them, a --as-of date.

May import: bot.engine, bot.corpus's `Document`, bot.text, bot.errors, bot.settings.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from ..corpus import Document
from ..engine import Engine
from ..errors import DateError
from ..settings import Settings
from ..text.dates import PubDate, parse_as_of
from .output import say

__all__ = ["PROGRESS_MIN_DOCUMENTS", "cutoff", "folders", "open_engine"]

#: Corpora with more documents than this show a progress bar while they are indexed.
PROGRESS_MIN_DOCUMENTS = 200


def cutoff(value: str | None) -> PubDate | None:
    """The cut-off date given with --as-of; None when not given. An empty value is refused:
    it is not "no cut-off", which is what leaving the option out says."""
    if value is None:
        return None
    if not value.strip():
        raise DateError("--as-of is empty: give a date, YYYY, YYYY-MM or YYYY-MM-DD")
    return parse_as_of(value)


def folders(args: argparse.Namespace, settings: Settings) -> tuple[Path, Path]:
    """The corpus and index folders: the command line's, else the settings'."""
    return Path(args.corpus or settings.corpus_dir), Path(args.index or settings.index_dir)


def open_engine(
    args: argparse.Namespace, settings: Settings, *, rebuild: bool = False, quiet: bool = False
) -> Engine:
    """Open the engine for a command; notices go to stderr unless `quiet` (the caller logs them)."""
    progress = None
    if sys.stderr.isatty():

        def progress(documents: Iterable[Document]) -> Iterable[Document]:
            from tqdm import tqdm

            items = list(documents)
            return tqdm(items, desc="indexing", unit="doc", disable=len(items) < PROGRESS_MIN_DOCUMENTS)

    corpus, index = folders(args, settings)
    engine = Engine.open(
        corpus,
        index,
        rebuild=rebuild,
        progress=progress,
        max_question_chars=settings.max_question_chars,
    )
    if not quiet:
        for notice in engine.notices:
            say(f"trustbot: {notice}")
    return engine
