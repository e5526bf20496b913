"""`trustbot corpus add | list | remove`: the corpus changed through its management facade.

May import: bot.corpus's public API, bot.engine (to rebuild the index), bot.errors,
bot.settings, and bot.cli's own modules.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..corpus import AddOptions, Rebuild, add_documents, list_documents, remove_document
from ..engine import Engine
from ..errors import UsageError
from ..exits import EXIT_OK
from ..settings import Settings
from .common import folders
from .output import print_json, say
from .render import render_added, render_listing

__all__ = ["run_corpus_add", "run_corpus_list", "run_corpus_remove"]


def _rebuild(corpus: Path, index: Path) -> Rebuild:
    """How a change rebuilds and saves the index of the corpus."""
    return lambda: Engine.open(corpus, index, rebuild=True)


def run_corpus_add(args: argparse.Namespace, settings: Settings) -> int:
    """Add files to the corpus and the index, all of them or none."""
    corpus, index = folders(args, settings)
    for flag, value in (
        ("--title", args.title),
        ("--published", args.published),
        ("--publisher", args.publisher),
        ("--url", args.url),
    ):
        if value is not None and not value.strip():  # not "unknown", which leaving it out says
            raise UsageError(f"{flag} is empty: give a value, or leave the option out")
    options = AddOptions(title=args.title, published=args.published, publisher=args.publisher, url=args.url)
    added = add_documents(corpus, _rebuild(corpus, index), [Path(p) for p in args.paths], options)
    for item in added:
        for line in render_added(item):
            print(line)
        for warning in item.warnings:
            say(f"trustbot: warning: {item.document.id}: {warning}")
    print(f"index updated in {index}")
    return EXIT_OK


def run_corpus_list(args: argparse.Namespace, settings: Settings) -> int:
    """List the documents with their dates, passages and warnings, as text or JSON."""
    corpus, _ = folders(args, settings)
    listings = list_documents(corpus)
    if args.json:
        print_json([item.to_json() for item in listings])
    else:
        print(render_listing(listings))
    return EXIT_OK


def run_corpus_remove(args: argparse.Namespace, settings: Settings) -> int:
    """Take a document out of the corpus and the index."""
    corpus, index = folders(args, settings)
    removed = remove_document(corpus, _rebuild(corpus, index), args.id)
    print(f"removed {removed.doc_id} ({', '.join(removed.files)}); {removed.documents_left} documents left")
    print(f"index updated in {index}")
    return EXIT_OK
