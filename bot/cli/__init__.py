"""The `trustbot` command line: ask, chat, index build/info, corpus add/list/remove, eval,
feedback list/export, watch list, serve.

Errors are one line on stderr and a non-zero exit (see `exits`): 1 for a problem with the
input or the corpus, 2 for a command line that does not parse. No stack trace reaches the
user unless TRUSTBOT_DEBUG=1 asks for it.

    parser            argparse: the commands and their options
    commands          ask, index build/info, eval, serve
    chat              the chat loop
    corpus_commands   corpus add/list/remove, through bot.corpus's management facade
    records           feedback list/export, watch list
    render, output    what is printed, and how
    common, exits     the folders and engine of a command; exit statuses

May import: bot.engine, bot.errors, bot.settings, bot.corpus's public API, bot.staff,
bot.staff, bot.eval, bot.timeline_picture, the types that travel on the engine's
results (Answer, Document, PubDate); never the index, ranking or question internals.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from pydantic import ValidationError

from ..errors import TrustbotError
from ..exits import EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from ..settings import Settings, debug_enabled
from .output import say, tolerant_output
from .parser import build_parser

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "run", None) is None:
        if args.command == "index":
            parser.error("index needs an action: build or info")
        if args.command == "corpus":
            parser.error("corpus needs an action: add, list or remove")
        if args.command == "feedback":
            parser.error("feedback needs an action: list or export")
        if args.command == "watch":
            parser.error("watch needs an action: list")
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if getattr(args, "top_k", None) is not None and not 1 <= args.top_k <= 50:
        parser.error("--top-k must be between 1 and 50")
    try:
        settings = Settings()
    except (UnicodeDecodeError, OSError) as exc:
        say(f"trustbot: error: cannot read the settings (.env): {exc}")
        return EXIT_ERROR
    except ValidationError as exc:
        problems = "; ".join(
            f"TRUSTBOT_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in exc.errors()
        )
        say(f"trustbot: error: bad setting: {problems}")
        return EXIT_ERROR
    try:
        return int(args.run(args, settings))
    except TrustbotError as exc:
        say(f"trustbot: error: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: no stack trace for users
        if debug_enabled():
            raise
        say(
            f"trustbot: internal error: {type(exc).__name__}: {str(exc)[:200]}"
            " (TRUSTBOT_DEBUG=1 shows details)"
        )
        return EXIT_INTERNAL
