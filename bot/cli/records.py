"""`trustbot feedback list | export` and `trustbot watch list`: what staff did in Telegram.

May import: bot.corpus's `list_documents`, bot.staff, bot.settings, bot.staff, and
bot.cli's own modules.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..corpus import list_documents
from ..exits import EXIT_OK
from ..settings import Settings
from ..staff import Store, export_pairs, write_pairs
from .common import folders
from .output import print_json, say
from .render import count, render_vote, render_watch

__all__ = ["run_feedback_export", "run_feedback_list", "run_watch_list"]


class _Record(Protocol):
    def to_json(self) -> dict[str, Any]: ...


_R = TypeVar("_R", bound=_Record)


def _print_records(records: Sequence[_R], render: Callable[[_R], str], noun: str, as_json: bool) -> int:
    """Records as a JSON array, or one rendering each and how many there are."""
    if as_json:
        print_json([r.to_json() for r in records])
        return EXIT_OK
    for record in records:
        print(render(record))
    print(count(len(records), noun))
    return EXIT_OK


def run_feedback_list(args: argparse.Namespace, settings: Settings) -> int:
    """The votes, newest first, as text or JSON."""
    return _print_records(Store(settings.data_dir).votes(bad_only=args.bad), render_vote, "vote", args.json)


def run_feedback_export(args: argparse.Namespace, settings: Settings) -> int:
    """Write the votes as question-answer pairs to review, saying which were left out."""
    votes = Store(settings.data_dir).votes()
    corpus, _ = folders(args, settings)
    made = export_pairs(votes, [item.doc_id for item in list_documents(corpus)])
    write_pairs(Path(args.path), made.rows)
    print(f'exported {count(len(made.rows), "question")} to {args.path} ("reviewed": false: review them)')
    if made.unanswered:
        say(f"trustbot: left out {count(made.unanswered, '👎 vote')} without a reply (no answer to test)")
    if made.no_answer:
        say(f"trustbot: left out {count(made.no_answer, '👍 vote')} on answers without a short answer")
    return EXIT_OK


def run_watch_list(args: argparse.Namespace, settings: Settings) -> int:
    """Every watched question with its last answer, as text or JSON."""
    return _print_records(Store(settings.data_dir).watches(), render_watch, "watched question", args.json)
