"""The commands about questions and the index: ask, index build, index info, eval, serve.

May import: bot.engine, bot.errors, bot.eval, bot.settings, bot.timeline_picture and the
Telegram front end (each deferred to the command that needs it), and bot.cli's own modules.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from ..engine import Engine
from ..errors import OutputError
from ..eval import evaluate, load_pairs, render
from ..exits import EXIT_ERROR, EXIT_OK
from ..settings import Settings
from .common import cutoff, folders, open_engine
from .output import print_json, say
from .render import render_answer

__all__ = ["run_ask", "run_eval", "run_index_build", "run_index_info", "run_serve"]


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer one question, as text or JSON, and draw its timeline when asked."""
    as_of = cutoff(args.as_of)
    engine = open_engine(args, settings)
    answer = engine.ask(args.question, as_of=as_of, top_k=args.top_k or settings.top_k)
    if args.json:
        print_json(answer.to_json())
    else:
        print(render_answer(answer, color=sys.stdout.isatty(), passages=args.top_k or 0))
    if args.timeline:
        from ..timeline_picture import render_timeline  # matplotlib loads only for a picture

        target = Path(args.timeline)
        try:
            target.write_bytes(render_timeline(answer))
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
        say(f"trustbot: timeline written to {target}")
    return EXIT_OK


def run_index_build(args: argparse.Namespace, settings: Settings) -> int:
    """Rebuild the index; exit 1 when it could not be saved or a document was left out."""
    engine = open_engine(args, settings, rebuild=True)
    info = engine.info()
    _, folder = folders(args, settings)
    if not engine.saved:
        say(f"trustbot: error: the index could not be saved to {folder}")
        return EXIT_ERROR
    print(f"indexed {info.documents} documents, {info.passages} passages into {folder}")
    return EXIT_ERROR if engine.skipped else EXIT_OK


def run_index_info(args: argparse.Namespace, settings: Settings) -> int:
    """Describe the saved index, every file checked, and whether the corpus changed since."""
    corpus, folder = folders(args, settings)
    status = Engine.inspect(corpus, folder)  # every file checked whole, as a load would
    print(f"index       {folder}")
    if status.problem is not None:
        print(f"state       {status.problem}: the next question rebuilds it")
        return EXIT_OK
    print(f"format      {status.format_version}")
    print(f"built       {status.built_at}")
    print(f"documents   {status.documents}")
    print(f"passages    {status.passages}")
    if status.params is not None:
        print("bm25        " + ", ".join(f"{k}={v}" for k, v in dataclasses.asdict(status.params).items()))
    state = "up to date" if status.fresh else "changed since: the next question rebuilds it"
    print(f"corpus      {corpus} ({state})")
    return EXIT_OK


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    """Score the engine on question-answer pairs, as text or JSON."""
    pairs = load_pairs(Path(args.qa))
    engine = open_engine(args, settings)
    report = evaluate(engine, pairs)
    if args.json:
        print_json(report.to_json())
    else:
        print(render(report))
    return EXIT_OK


def run_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Run the Telegram bot until it is stopped."""
    from ..telegram import serve  # PTB loads only for this command

    return serve(settings, lambda: open_engine(args, settings, quiet=True))
