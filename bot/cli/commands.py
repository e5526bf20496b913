"""The `trustbot` command line: ask, chat, index build/info, corpus add/list/remove, eval,
feedback list/export, watch list, serve.

Errors are one line on stderr and a non-zero exit: 1 for a problem with the input or
the corpus, 2 for a command line that does not parse. No stack trace reaches the user
unless TRUSTBOT_DEBUG=1 asks for it.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import os
import re
import sys
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from pydantic import ValidationError

from . import __version__
from .answer import Answer
from .corpus import Document
from .dates import PubDate, parse_as_of
from .engine import EXAMPLE_QUESTIONS, Engine
from .errors import DateError, TrustbotError
from .evaluate import evaluate, load_pairs, render
from .feedback import export_pairs, write_pairs
from .library import AddOptions, Listing, add_documents, date_source_label, list_documents, remove_document
from .settings import Settings
from .store import Store, Vote, Watch

__all__ = ["main"]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
WRAP = 88
#: Corpora with more documents than this show a progress bar while they are indexed.
PROGRESS_MIN_DOCUMENTS = 200


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def _say(line: str, stream: TextIO | None = None) -> None:
    """One line on stderr: a line break or control character in it (from a file name, say)
    is shown escaped, so a message stays one line."""
    line = _CONTROL.sub(lambda m: repr(m.group())[1:-1], line)
    print(line, file=stream or sys.stderr, flush=True)


def _tolerant_output() -> None:
    """Characters the terminal's encoding cannot show (PYTHONIOENCODING=ascii, a C locale, a
    file name that is not UTF-8) are printed replaced, not a crash."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors=errors)


def _print_json(data: object) -> None:
    """Print JSON on stdout, with \\u escapes when stdout's encoding cannot show a character."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(data, ensure_ascii=True, indent=2)  # the same JSON, in ASCII
    print(text)


def _cutoff(value: str | None) -> PubDate | None:
    """The cut-off date given with --as-of; None when not given. An empty value is refused:
    it is not "no cut-off", which is what leaving the option out says."""
    if value is None:
        return None
    if not value.strip():
        raise DateError("--as-of is empty: give a date, YYYY, YYYY-MM or YYYY-MM-DD")
    return parse_as_of(value)


def _open_engine(
    args: argparse.Namespace, settings: Settings, *, rebuild: bool = False, quiet: bool = False
) -> Engine:
    """Open the engine for a command; notices go to stderr unless `quiet` (the caller logs them)."""
    progress = None
    if sys.stderr.isatty():

        def progress(documents: Iterable[Document]) -> Iterable[Document]:
            from tqdm import tqdm

            items = list(documents)
            return tqdm(items, desc="indexing", unit="doc", disable=len(items) < PROGRESS_MIN_DOCUMENTS)

    engine = Engine.open(
        Path(args.corpus or settings.corpus_dir),
        Path(args.index or settings.index_dir),
        rebuild=rebuild,
        progress=progress,
        max_question_chars=settings.max_question_chars,
    )
    if not quiet:
        for notice in engine.notices:
            _say(f"trustbot: {notice}")
    return engine


# --- rendering --------------------------------------------------------------------------


def _day(cutoff: PubDate) -> str:
    """A cut-off as the day it starts from: "2016" is read as 1 January 2016."""
    return f"{cutoff.value.day} {cutoff.value:%B %Y}"


def _bold(text: str, color: bool) -> str:
    return f"\033[1m{text}\033[0m" if color else f"**{text}**"


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, WRAP, initial_indent=indent, subsequent_indent=indent)


def _line(text: str, indent: str) -> str:
    """One line of at most WRAP columns, shortened with an ellipsis."""
    return textwrap.shorten(text, WRAP, placeholder=" …", initial_indent=indent) if text else indent


def render_answer(answer: Answer, color: bool = False, passages: int = 0) -> str:
    """An answer as readable text: the short answer, the sentence that says it, its source,
    the earlier reports one line each, and `passages` ranked passages when asked for."""
    lines: list[str] = []
    if answer.corrected:
        lines.append(_line(f"(read as: {answer.corrected})", ""))
    if answer.as_of:
        lines.append(f"(as things stood on {_day(answer.as_of)})")
    if answer.abstained:
        lines.append("I don't know: the documents do not answer that.")
        if answer.reason:
            lines.append(_line(f"({answer.reason})", ""))
        return "\n".join(lines)
    top = answer.results[0]
    sentence = answer.answer or top.sentence
    if answer.short:
        lines.append(_bold(answer.short, color))
        lines.append(_wrap(sentence, ""))
    else:
        lines.append(_bold(_wrap(sentence, ""), color))
    lines.append(_wrap(f"— {top.citation.human()}", "  "))
    if top.citation.url:
        lines.append(f"  {top.citation.url}")
    for source in top.also:
        lines.append(_line(f"— also in {source.citation.human()}", "  "))
    if answer.earlier:
        lines.append("Earlier reports (the answer has changed since):")
        for e in answer.earlier:
            date = e.citation.published.human() if e.citation.published else "undated"
            lines.append(_line(f"• {date}, {e.citation.publisher or 'unknown publisher'}: {e.said}", "  "))
    if passages:
        lines.append("")
        lines.append("Passages:")
        for r in answer.results[:passages]:
            flag = "  [superseded]" if r.superseded else ""
            lines.append(f"{r.rank:>2}. {r.citation.human()}  [{r.passage_id}]{flag}")
            for source in r.also:
                lines.append(_wrap(f"also in {source.citation.human()}  [{source.passage_id}]", "    "))
            marked = r.passage.replace(r.sentence, _bold(r.sentence, color), 1)
            lines.append(_wrap(marked, "    "))
    return "\n".join(lines)


# --- commands ---------------------------------------------------------------------------


def _cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    as_of = _cutoff(args.as_of)
    engine = _open_engine(args, settings)
    answer = engine.ask(args.question, as_of=as_of, top_k=args.top_k or settings.top_k)
    if args.json:
        _print_json(answer.to_json())
    else:
        print(render_answer(answer, color=sys.stdout.isatty(), passages=args.top_k or 0))
    if args.timeline:
        from .timeline_plot import render_timeline  # matplotlib loads only for a picture

        target = Path(args.timeline)
        try:
            target.write_bytes(render_timeline(answer))
        except OSError as exc:
            raise TrustbotError(f"cannot write {target}: {exc.strerror or exc}") from None
        _say(f"trustbot: timeline written to {target}")
    return EXIT_OK


_CHAT_HELP = """Ask a question, or:
  :asof YYYY[-MM[-DD]]  answer as things stood on that date   (:asof off to stop)
  :sources              list the documents
  :history              your questions so far
  :help                 this text
  :quit                 leave (or Ctrl-D)"""


def _cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    interactive = sys.stdin.isatty()
    as_of: PubDate | None = _cutoff(args.as_of)
    engine = _open_engine(args, settings)
    color = sys.stdout.isatty()
    if interactive:
        with contextlib.suppress(ImportError):  # not on every platform
            import readline  # noqa: F401 - gives input() line editing and history
        oldest, newest = engine.date_range()
        span = f", {oldest.human()} to {newest.human()}" if oldest and newest else ""
        print(f"trustbot {__version__}: {engine.info().documents} documents{span}.")
        print(f"Try: {EXAMPLE_QUESTIONS[0]!r}. Type :help for commands, :quit to leave.")
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
                print(_render_sources(engine.sources()))
            elif command == "asof":
                if rest.strip().lower() in ("", "off", "none", "now"):
                    as_of = None
                    print("answering with every document")
                else:
                    try:
                        as_of = parse_as_of(rest)
                    except TrustbotError as exc:
                        _say(f"trustbot: {exc}")
                        continue
                    print(f"answering as things stood on {_day(as_of)}")
            else:
                _say(f"trustbot: unknown command :{command} (:help lists them)")
            continue
        history.append(text)
        try:
            answer = engine.ask(text, as_of=as_of, top_k=args.top_k or settings.top_k)
        except TrustbotError as exc:
            _say(f"trustbot: {exc}")
            continue
        print(render_answer(answer, color=color, passages=args.top_k or 0))
        print()
    return EXIT_OK


def _render_sources(documents: Sequence[Document]) -> str:
    lines = []
    for d in documents:
        date = d.published.human() if d.published else "undated"
        lines.append(f"{d.id}  {date:<20} {d.publisher or 'unknown publisher'}")
        lines.append(_wrap(d.title, "    "))
    return "\n".join(lines)


def _cmd_index_build(args: argparse.Namespace, settings: Settings) -> int:
    engine = _open_engine(args, settings, rebuild=True)
    info = engine.info()
    folder = Path(args.index or settings.index_dir)
    if not engine.saved:
        _say(f"trustbot: error: the index could not be saved to {folder}")
        return EXIT_ERROR
    print(f"indexed {info.documents} documents, {info.passages} passages into {folder}")
    return EXIT_ERROR if engine.skipped else EXIT_OK


def _cmd_index_info(args: argparse.Namespace, settings: Settings) -> int:
    folder = Path(args.index or settings.index_dir)
    corpus = Path(args.corpus or settings.corpus_dir)
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


def _cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    pairs = load_pairs(Path(args.qa))
    engine = _open_engine(args, settings)
    report = evaluate(engine, pairs)
    if args.json:
        _print_json(report.to_json())
    else:
        print(render(report))
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from .telegram_bot import serve  # PTB loads only for this command

    return serve(settings, lambda: _open_engine(args, settings, quiet=True))


def _render_vote(vote: Vote) -> str:
    mark = "👍" if vote.good else "👎"
    as_of = f" (as of {vote.as_of})" if vote.as_of else ""
    lines = [f"{vote.id:>5} {mark} {vote.at}  user {vote.user_id}  “{vote.question}”{as_of}"]
    lines.append(_line(f"shown: {vote.short or '(no short answer)'}  [{', '.join(vote.passages)}]", "      "))
    if vote.reply:
        lines.append(_wrap(f"reply: {vote.reply}", "      "))
    return "\n".join(lines)


def _cmd_feedback_list(args: argparse.Namespace, settings: Settings) -> int:
    votes = Store(settings.data_dir).votes(bad_only=args.bad)
    if args.json:
        _print_json([v.to_json() for v in votes])
        return EXIT_OK
    for vote in votes:
        print(_render_vote(vote))
    print(_count(len(votes), "vote"))
    return EXIT_OK


def _cmd_feedback_export(args: argparse.Namespace, settings: Settings) -> int:
    votes = Store(settings.data_dir).votes()
    corpus, _ = _folders(args, settings)
    made = export_pairs(votes, [item.doc_id for item in list_documents(corpus)])
    write_pairs(Path(args.path), made.rows)
    print(f'exported {_count(len(made.rows), "question")} to {args.path} ("reviewed": false: review them)')
    if made.unanswered:
        _say(f"trustbot: left out {_count(made.unanswered, '👎 vote')} without a reply (no answer to test)")
    if made.no_answer:
        _say(f"trustbot: left out {_count(made.no_answer, '👍 vote')} on answers without a short answer")
    return EXIT_OK


def _render_watch(watch: Watch) -> str:
    as_of = f" (as of {watch.as_of})" if watch.as_of else ""
    now = watch.short or "(no answer)"
    return f"{watch.id:>5} chat {watch.chat_id}  user {watch.user_id}  “{watch.question}”{as_of}  now: {now}"


def _cmd_watch_list(args: argparse.Namespace, settings: Settings) -> int:
    watches = Store(settings.data_dir).watches()
    if args.json:
        _print_json([w.to_json() for w in watches])
        return EXIT_OK
    for watch in watches:
        print(_render_watch(watch))
    print(_count(len(watches), "watched question"))
    return EXIT_OK


def _add_record_commands(commands: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    feedback = commands.add_parser("feedback", help="the 👍/👎 votes staff gave in Telegram")
    actions = feedback.add_subparsers(dest="feedback_command", metavar="ACTION", parser_class=_Parser)
    listing = actions.add_parser("list", help="the votes, newest first")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument("--bad", action="store_true", help="only the 👎")
    listing.set_defaults(run=_cmd_feedback_list)
    export = actions.add_parser(
        "export", parents=[common], help="write the votes as question-answer pairs for review and eval"
    )
    export.add_argument("path", metavar="QA.jsonl", help="the file to write")
    export.set_defaults(run=_cmd_feedback_export)
    watch = commands.add_parser("watch", help="the questions staff watch in Telegram")
    watch_actions = watch.add_subparsers(dest="watch_command", metavar="ACTION", parser_class=_Parser)
    watch_list = watch_actions.add_parser("list", help="every watched question with its last answer")
    watch_list.add_argument("--json", action="store_true", help="print a JSON array")
    watch_list.set_defaults(run=_cmd_watch_list)


def _folders(args: argparse.Namespace, settings: Settings) -> tuple[Path, Path]:
    return Path(args.corpus or settings.corpus_dir), Path(args.index or settings.index_dir)


def _cmd_corpus_add(args: argparse.Namespace, settings: Settings) -> int:
    corpus, index = _folders(args, settings)
    for flag, value in (
        ("--title", args.title),
        ("--published", args.published),
        ("--publisher", args.publisher),
        ("--url", args.url),
    ):
        if value is not None and not value.strip():  # not "unknown", which leaving it out says
            raise TrustbotError(f"{flag} is empty: give a value, or leave the option out")
    options = AddOptions(title=args.title, published=args.published, publisher=args.publisher, url=args.url)
    added = add_documents(corpus, index, [Path(p) for p in args.paths], options)
    for item in added:
        d = item.document
        date = f"{d.published.iso()} ({date_source_label(d)})" if d.published else "undated"
        print(f"added {d.id}  {date}  {_count(item.passages, 'passage')}  from {item.source}")
        print(_wrap(f"“{d.title}”" + (f", {d.publisher}" if d.publisher else ""), "    "))
        for warning in item.warnings:
            _say(f"trustbot: warning: {d.id}: {warning}")
    print(f"index updated in {index}")
    return EXIT_OK


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _render_listing(listings: Sequence[Listing]) -> str:
    lines = []
    for item in listings:
        if item.published:
            date = f"{item.published.iso()} ({item.published.precision}, {item.date_source})"
        else:
            date = "undated"
        lines.append(f"{item.doc_id}  {date}  {_count(item.passages, 'passage')}  [{item.format}]")
        title = f"“{item.title}”" if item.title else f"({item.file})"
        lines.append(_wrap(f"{item.publisher or 'unknown publisher'}: {title}", "    "))
        for warning in item.warnings:
            lines.append(_wrap(f"! {warning}", "    "))
    lines.append(_count(len(listings), "document"))
    return "\n".join(lines)


def _cmd_corpus_list(args: argparse.Namespace, settings: Settings) -> int:
    corpus, _ = _folders(args, settings)
    listings = list_documents(corpus)
    if args.json:
        _print_json([item.to_json() for item in listings])
    else:
        print(_render_listing(listings))
    return EXIT_OK


def _cmd_corpus_remove(args: argparse.Namespace, settings: Settings) -> int:
    corpus, index = _folders(args, settings)
    removed = remove_document(corpus, index, args.id)
    print(f"removed {removed.doc_id} ({', '.join(removed.files)}); {removed.documents_left} documents left")
    print(f"index updated in {index}")
    return EXIT_OK


def _add_corpus_commands(commands: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    corpus = commands.add_parser("corpus", help="add, list or remove documents")
    actions = corpus.add_subparsers(dest="corpus_command", metavar="ACTION", parser_class=_Parser)
    add = actions.add_parser(
        "add", parents=[common], help="add .txt, .md, .html, .pdf or .docx files and update the index"
    )
    add.add_argument("paths", nargs="+", metavar="PATH", help="the files to add")
    add.add_argument("--title", metavar="T", help="the document's title (one file only)")
    add.add_argument(
        "--published", metavar="DATE", help="publication date (YYYY, YYYY-MM, YYYY-MM-DD or written out)"
    )
    add.add_argument("--publisher", metavar="P", help="who published it")
    add.add_argument("--url", metavar="U", help="where it was published (one file only)")
    add.set_defaults(run=_cmd_corpus_add)
    listing = actions.add_parser("list", parents=[common], help="list the documents with dates and warnings")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(run=_cmd_corpus_list)
    remove = actions.add_parser("remove", parents=[common], help="remove a document and update the index")
    remove.add_argument("id", metavar="ID", help="the document's id, as `corpus list` shows it")
    remove.set_defaults(run=_cmd_corpus_remove)


def _build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--corpus", metavar="DIR", help="folder of documents (default: corpus/)")
    common.add_argument("--index", metavar="DIR", help="folder of the index (default: index/)")

    parser = _Parser(
        prog="trustbot",
        description="Answers questions from dated documents, latest facts first, with citations.",
    )
    parser.add_argument("--version", action="version", version=f"trustbot {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    ask = commands.add_parser("ask", parents=[common], help="answer one question")
    ask.add_argument("question", help="the question, in quotes")
    ask.add_argument(
        "--as-of", metavar="DATE", help="answer as things stood then (YYYY, YYYY-MM or YYYY-MM-DD)"
    )
    ask.add_argument(
        "--top-k",
        type=int,
        metavar="N",
        help="also show the N best passages (--json always has 5 unless set)",
    )
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--timeline", metavar="FILE.png", help="also draw how the answer was reported over time")
    ask.set_defaults(run=_cmd_ask)

    chat = commands.add_parser("chat", parents=[common], help="ask questions in a conversation")
    chat.add_argument("--as-of", metavar="DATE", help="start answering as things stood then")
    chat.add_argument("--top-k", type=int, metavar="N", help="also show the N best passages")
    chat.set_defaults(run=_cmd_chat)

    index = commands.add_parser("index", help="build or describe the index")
    index_commands = index.add_subparsers(dest="index_command", metavar="ACTION", parser_class=_Parser)
    build = index_commands.add_parser("build", parents=[common], help="(re)build the index from the corpus")
    build.set_defaults(run=_cmd_index_build)
    info = index_commands.add_parser("info", parents=[common], help="describe the saved index")
    info.set_defaults(run=_cmd_index_info)

    serve = commands.add_parser(
        "serve", parents=[common], help="run the Telegram bot (needs TRUSTBOT_TELEGRAM_TOKEN)"
    )
    serve.set_defaults(run=_cmd_serve)

    _add_corpus_commands(commands, common)
    _add_record_commands(commands, common)

    ev = commands.add_parser("eval", parents=[common], help="score the engine on question-answer pairs")
    ev.add_argument("qa", metavar="QA.jsonl", help="question-answer pairs, one JSON object a line")
    ev.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ev.set_defaults(run=_cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    _tolerant_output()
    parser = _build_parser()
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
        _say(f"trustbot: error: cannot read the settings (.env): {exc}")
        return EXIT_ERROR
    except ValidationError as exc:
        problems = "; ".join(
            f"TRUSTBOT_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in exc.errors()
        )
        _say(f"trustbot: error: bad setting: {problems}")
        return EXIT_ERROR
    try:
        return int(args.run(args, settings))
    except TrustbotError as exc:
        _say(f"trustbot: error: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: no stack trace for users
        if os.environ.get("TRUSTBOT_DEBUG", "").lower() in ("1", "true", "yes"):
            raise
        _say(
            f"trustbot: internal error: {type(exc).__name__}: {str(exc)[:200]}"
            " (TRUSTBOT_DEBUG=1 shows details)"
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
