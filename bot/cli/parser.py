"""The `trustbot` command line as argparse reads it: commands, options, help.

A command line that does not parse is one line on stderr and exit status 2.

May import: bot's version, and bot.cli's command modules.
"""

from __future__ import annotations

import argparse
from typing import NoReturn

from .. import __version__
from ..exits import EXIT_USAGE
from .chat import run_chat
from .commands import run_ask, run_eval, run_index_build, run_index_info, run_serve
from .corpus_commands import run_corpus_add, run_corpus_list, run_corpus_remove
from .records import run_feedback_export, run_feedback_list, run_watch_list

__all__ = ["build_parser"]


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _add_record_commands(commands: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    feedback = commands.add_parser("feedback", help="the 👍/👎 votes staff gave in Telegram")
    actions = feedback.add_subparsers(dest="feedback_command", metavar="ACTION", parser_class=_Parser)
    listing = actions.add_parser("list", help="the votes, newest first")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument("--bad", action="store_true", help="only the 👎")
    listing.set_defaults(run=run_feedback_list)
    export = actions.add_parser(
        "export", parents=[common], help="write the votes as question-answer pairs for review and eval"
    )
    export.add_argument("path", metavar="QA.jsonl", help="the file to write")
    export.set_defaults(run=run_feedback_export)
    watch = commands.add_parser("watch", help="the questions staff watch in Telegram")
    watch_actions = watch.add_subparsers(dest="watch_command", metavar="ACTION", parser_class=_Parser)
    watch_list = watch_actions.add_parser("list", help="every watched question with its last answer")
    watch_list.add_argument("--json", action="store_true", help="print a JSON array")
    watch_list.set_defaults(run=run_watch_list)


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
    add.set_defaults(run=run_corpus_add)
    listing = actions.add_parser("list", parents=[common], help="list the documents with dates and warnings")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(run=run_corpus_list)
    remove = actions.add_parser("remove", parents=[common], help="remove a document and update the index")
    remove.add_argument("id", metavar="ID", help="the document's id, as `corpus list` shows it")
    remove.set_defaults(run=run_corpus_remove)


def build_parser() -> argparse.ArgumentParser:
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
    ask.set_defaults(run=run_ask)

    chat = commands.add_parser("chat", parents=[common], help="ask questions in a conversation")
    chat.add_argument("--as-of", metavar="DATE", help="start answering as things stood then")
    chat.add_argument("--top-k", type=int, metavar="N", help="also show the N best passages")
    chat.set_defaults(run=run_chat)

    index = commands.add_parser("index", help="build or describe the index")
    index_commands = index.add_subparsers(dest="index_command", metavar="ACTION", parser_class=_Parser)
    build = index_commands.add_parser("build", parents=[common], help="(re)build the index from the corpus")
    build.set_defaults(run=run_index_build)
    info = index_commands.add_parser("info", parents=[common], help="describe the saved index")
    info.set_defaults(run=run_index_info)

    serve = commands.add_parser(
        "serve", parents=[common], help="run the Telegram bot (needs TRUSTBOT_TELEGRAM_TOKEN)"
    )
    serve.set_defaults(run=run_serve)

    _add_corpus_commands(commands, common)
    _add_record_commands(commands, common)

    ev = commands.add_parser("eval", parents=[common], help="score the engine on question-answer pairs")
    ev.add_argument("qa", metavar="QA.jsonl", help="question-answer pairs, one JSON object a line")
    ev.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ev.set_defaults(run=run_eval)
    return parser
