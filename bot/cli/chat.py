"""`trustbot chat`: questions in a conversation, with a few colon commands.

May import: bot.engine, bot.text, bot.errors, bot.settings, and bot.cli's own modules.
"""

from __future__ import annotations

import argparse
import contextlib
import sys

from .. import __version__
from ..errors import TrustbotError
from ..exits import EXIT_OK
from ..settings import Settings
from ..text.dates import PubDate, parse_as_of
from .common import cutoff, open_engine
from .output import say
from .render import render_answer, render_cutoff, render_sources

__all__ = ["run_chat"]

_CHAT_HELP = """Ask a question, or:
  :asof YYYY[-MM[-DD]]  answer as things stood on that date   (:asof off to stop)
  :sources              list the documents
  :history              your questions so far
  :help                 this text
  :quit                 leave (or Ctrl-D)"""


def run_chat(args: argparse.Namespace, settings: Settings) -> int:
    """Answer questions read from stdin until it ends or :quit; a bad one gets a line and the chat goes on."""
    interactive = sys.stdin.isatty()
    as_of: PubDate | None = cutoff(args.as_of)
    engine = open_engine(args, settings)
    color = sys.stdout.isatty()
    if interactive:
        with contextlib.suppress(ImportError):  # not on every platform
            import readline  # noqa: F401 - gives input() line editing and history
        oldest, newest = engine.date_range()
        span = f", {oldest.human()} to {newest.human()}" if oldest and newest else ""
        print(f"trustbot {__version__}: {engine.info().documents} documents{span}.")
        print(f"Try: {settings.example_questions[0]!r}. Type :help for commands, :quit to leave.")
    history: list[str] = []
    while True:
        try:
            line = input("you> " if interactive else "")
        except EOFError:
            break
        except KeyboardInterrupt:
            print()
            break
        text = line.strip()
        if not text:
            continue
        if text.startswith(":"):
            command, _, rest = text[1:].partition(" ")
            command = command.lower()
            if command in ("quit", "q", "exit"):
                break
            if command == "help":
                print(_CHAT_HELP)
            elif command == "history":
                print("\n".join(f"{n:>3}  {q}" for n, q in enumerate(history, 1)) or "(no questions yet)")
            elif command == "sources":
                print(render_sources(engine.sources()))
            elif command == "asof":
                if rest.strip().lower() in ("", "off", "none", "now"):
                    as_of = None
                    print("answering with every document")
                else:
                    try:
                        as_of = parse_as_of(rest)
                    except TrustbotError as exc:
                        say(f"trustbot: {exc}")
                        continue
                    print(render_cutoff(as_of))
            else:
                say(f"trustbot: unknown command :{command} (:help lists them)")
            continue
        history.append(text)
        try:
            answer = engine.ask(text, as_of=as_of, top_k=args.top_k or settings.top_k)
        except TrustbotError as exc:
            say(f"trustbot: {exc}")
            continue
        print(render_answer(answer, color=color, passages=args.top_k or 0))
        print()
    return EXIT_OK
