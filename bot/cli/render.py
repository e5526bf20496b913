"""Answers and lists as text for a terminal: the plain renderings of the command line.

JSON output is each result's own `to_json()`, printed by `output.print_json`.

May import: bot.answer's `Answer`, bot.corpus's `Document`, `Added` and `Listing`, bot.text,
bot.staff's records.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from ..answer import Answer
from ..corpus import Added, Document, Listing, date_source_label
from ..staff import Vote, Watch
from ..text.dates import PubDate

__all__ = [
    "WRAP",
    "count",
    "render_added",
    "render_answer",
    "render_cutoff",
    "render_listing",
    "render_sources",
    "render_vote",
    "render_watch",
]

WRAP = 88


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


def render_cutoff(cutoff: PubDate) -> str:
    """The line that says answers now stand on a cut-off date."""
    return f"answering as things stood on {_day(cutoff)}"


def render_sources(documents: Sequence[Document]) -> str:
    """The documents, one line each with date and publisher, then the title."""
    lines = []
    for d in documents:
        date = d.published.human() if d.published else "undated"
        lines.append(f"{d.id}  {date:<20} {d.publisher or 'unknown publisher'}")
        lines.append(_wrap(d.title, "    "))
    return "\n".join(lines)


def render_vote(vote: Vote) -> str:
    """One vote: who, when, on which question, what was shown and the reply given."""
    mark = "👍" if vote.good else "👎"
    as_of = f" (as of {vote.as_of})" if vote.as_of else ""
    lines = [f"{vote.id:>5} {mark} {vote.at}  user {vote.user_id}  “{vote.question}”{as_of}"]
    lines.append(_line(f"shown: {vote.short or '(no short answer)'}  [{', '.join(vote.passages)}]", "      "))
    if vote.reply:
        lines.append(_wrap(f"reply: {vote.reply}", "      "))
    return "\n".join(lines)


def render_watch(watch: Watch) -> str:
    """One watched question with the answer it has now."""
    as_of = f" (as of {watch.as_of})" if watch.as_of else ""
    now = watch.short or "(no answer)"
    return f"{watch.id:>5} chat {watch.chat_id}  user {watch.user_id}  “{watch.question}”{as_of}  now: {now}"


def count(n: int, noun: str) -> str:
    """`n noun`, the noun plural unless n is 1."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def render_listing(listings: Sequence[Listing]) -> str:
    """The documents of the corpus as `corpus list` prints them, and how many there are."""
    lines = []
    for item in listings:
        if item.published:
            date = f"{item.published.iso()} ({item.published.precision}, {item.date_source})"
        else:
            date = "undated"
        lines.append(f"{item.doc_id}  {date}  {count(item.passages, 'passage')}  [{item.format}]")
        title = f"“{item.title}”" if item.title else f"({item.file})"
        lines.append(_wrap(f"{item.publisher or 'unknown publisher'}: {title}", "    "))
        for warning in item.warnings:
            lines.append(_wrap(f"! {warning}", "    "))
    lines.append(count(len(listings), "document"))
    return "\n".join(lines)


def render_added(item: Added) -> list[str]:
    """The lines `corpus add` prints for one document added."""
    d = item.document
    date = f"{d.published.iso()} ({date_source_label(d)})" if d.published else "undated"
    return [
        f"added {d.id}  {date}  {count(item.passages, 'passage')}  from {item.source}",
        _wrap(f"“{d.title}”" + (f", {d.publisher}" if d.publisher else ""), "    "),
    ]
