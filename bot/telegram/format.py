"""Telegram HTML for the bot's replies: answers, more results, sources, help texts.

Everything that comes from the documents or from the user is escaped. Replies are built
from blocks (a passage, an earlier report, a document) and packed into messages of at
most Telegram's `MessageLimit.MAX_TEXT_LENGTH` (in UTF-16 units), splitting only between
blocks; a block too long on its own is cut at word boundaries and keeps its markup valid.

May import: the standard library, python-telegram-bot's constants, bot.engine (its
example questions), and the types that travel on its results (bot.answer, bot.corpus's
Document, bot.text.dates' PubDate).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from telegram.constants import MessageLimit

from ..answer import Answer, Citation, Result
from ..corpus import Document
from ..text.dates import PubDate
from ..text.patterns import lazy_compile

__all__ = [
    "QUOTE_CHARS",
    "DocumentSpan",
    "clip",
    "escape",
    "format_about",
    "format_abstention",
    "format_answer",
    "format_citation",
    "format_help",
    "format_more",
    "format_source",
    "format_sources",
    "format_start",
    "format_usage",
    "pack",
    "telegram_length",
]

#: The most of the user's own words (a question, its "Read as" reading, a date typed)
#: a reply quotes back, in Telegram's UTF-16 units once escaped: the question may be up
#: to 100,000 characters long, the reply must fit one message.
QUOTE_CHARS = 300
_BLOCK_GAP = "\n\n"
_TAG = lazy_compile(r"<[^>]+>")


def escape(text: str) -> str:
    """Text made safe for Telegram's HTML parse mode."""
    return html.escape(text, quote=False)


_e = escape  # short, for the many f-strings below


def clip(text: str, limit: int = QUOTE_CHARS) -> str:
    """`text` escaped, cut to at most `limit` UTF-16 units (an ellipsis marks the cut).

    The bound holds for the escaped text, so a question of "&" or emoji is cut as
    surely as one of letters, and a cut never falls inside an entity or a surrogate pair.
    """
    escaped = _e(text)
    if telegram_length(escaped) <= limit:
        return escaped
    room = max(0, limit - 1)  # the ellipsis is one unit
    kept: list[str] = []
    used = 0
    for char in text:
        piece = _e(char)
        size = telegram_length(piece)
        if used + size > room:
            break
        kept.append(piece)
        used += size
    return "".join(kept).rstrip() + "…"


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def telegram_length(text: str) -> int:
    """The length Telegram counts: UTF-16 code units (an emoji counts twice)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class DocumentSpan:
    """What the bot knows: how many documents, and the dates they span."""

    documents: int
    passages: int
    oldest: PubDate | None
    newest: PubDate | None
    built_at: str

    def dates(self) -> str:
        """ "8 December 2015 to c. November 2019", or "" when nothing is dated."""
        if self.oldest and self.newest:
            return f"{self.oldest.human()} to {self.newest.human()}"
        return ""


# --- packing ----------------------------------------------------------------------------


def _cut(block: str, limit: int) -> list[str]:
    """A block longer than a message, as plain-text pieces that each fit."""
    text = html.unescape(_TAG.sub("", block))
    pieces: list[str] = []
    current = ""
    for word in re.split(r"(\s+)", text):
        escaped = _e(word)
        if telegram_length(current + escaped) <= limit:
            current += escaped
            continue
        if current.strip():
            pieces.append(current.strip())
        current = ""
        if telegram_length(escaped) <= limit:
            current = escaped.lstrip()
            continue
        for char in word:  # one enormous "word": cut it between characters
            one = _e(char)
            if telegram_length(current + one) > limit:
                pieces.append(current)
                current = ""
            current += one
    if current.strip():
        pieces.append(current.strip())
    return pieces


def pack(blocks: Iterable[str], limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Blocks of HTML joined into as few messages as fit `limit`, split only between blocks."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        if not block:
            continue
        parts = [block] if telegram_length(block) <= limit else _cut(block, limit)
        for part in parts:
            joined = f"{current}{_BLOCK_GAP}{part}" if current else part
            if telegram_length(joined) <= limit:
                current = joined
            else:
                messages.append(current)
                current = part
    if current:
        messages.append(current)
    return messages


# --- pieces -----------------------------------------------------------------------------


def _date(published: PubDate | None) -> str:
    return published.human() if published else "undated"


def _citation(citation: Citation) -> str:
    """— Publisher, date: “Title” (the title links to the source when its URL is known)."""
    title = _e(citation.title)
    if citation.url and citation.url.startswith(("https://", "http://")):
        title = f'<a href="{_attr(citation.url)}">{title}</a>'
    publisher = _e(citation.publisher or "unknown publisher")
    page = f", page {citation.page}" if citation.page is not None else ""
    return f"— <i>{publisher}</i>, {_e(_date(citation.published))}: “{title}”{page}"


def format_citation(citation: Citation) -> str:
    """A citation line as answers show it, for other replies that cite (a watch's update)."""
    return _citation(citation)


def _passage(result: Result) -> str:
    """The passage with its answering sentence underlined, in an expandable quote."""
    passage, sentence = result.passage, result.sentence
    at = passage.find(sentence) if sentence else -1
    if at < 0:
        body = _e(passage)
    else:
        end = at + len(sentence)
        body = f"{_e(passage[:at])}<u>{_e(sentence)}</u>{_e(passage[end:])}"
    return f"<blockquote expandable>{body}</blockquote>"


def _notes(answer: Answer) -> list[str]:
    notes = []
    if answer.corrected:
        notes.append(f"<i>Read as: {clip(answer.corrected)}</i>")
    if answer.as_of:
        day = answer.as_of.value
        notes.append(f"<i>As things stood on {day.day} {day:%B %Y}</i>")
    return notes


def _result_block(result: Result, numbered: bool, short: str | None = None) -> str:
    head = f"<b>{result.rank}.</b> " if numbered else ""
    flag = "  <i>(superseded by a later report)</i>" if result.superseded else ""
    # The short answer leads, in bold; the sentence that says it follows.
    says = (
        [f"<b>{_e(short)}</b>", _e(result.answer or result.sentence)]
        if short
        else [f"{head}<b>{_e(result.answer or result.sentence)}</b>"]
    )
    lines = [
        *says,
        _citation(result.citation) + flag,
        # The same passage or statement, carried by other documents too.
        *(_citation(source.citation).replace("— ", "— also in ", 1) for source in result.also),
        _passage(result),
    ]
    return "\n".join(lines)


# --- replies ----------------------------------------------------------------------------


def format_answer(answer: Answer, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """The reply to a question: the short answer in bold, the sentence that says it, its
    citation and passage, and the earlier reports one line each."""
    if answer.abstained or not answer.results:
        return [format_abstention(answer)]
    top = answer.results[0]
    blocks = ["\n".join([*_notes(answer), _result_block(top, numbered=False, short=answer.short)])]
    if answer.earlier:
        blocks.append("<b>Earlier reports</b> — the answer has changed over time:")
        for e in answer.earlier:
            publisher = _e(e.citation.publisher or "unknown publisher")
            blocks.append(f"• <b>{_e(_date(e.citation.published))}</b>, {publisher}: {_e(e.said)}")
    return pack(blocks, limit)


def format_more(results: Sequence[Result], limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """The next passages for a question, numbered by rank."""
    if not results:
        return ["No more passages answer that question."]
    return pack((_result_block(r, numbered=True) for r in results), limit)


def format_source(result: Result, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """One passage whole, with everything known about where it comes from."""
    c = result.citation
    published = c.published
    date = _date(published)
    if published and published.inferred:
        date += " (inferred, not printed in the document)"
    lines = [
        f"<b>{_e(c.title)}</b>",
        f"Publisher: {_e(c.publisher or 'unknown')}",
        f"Published: {_e(date)}",
    ]
    if c.page is not None:
        lines.append(f"Page: {c.page}")
    if c.url:
        lines.append(f"Link: {_e(c.url)}")
    lines.append(f"Passage: <code>{_e(result.passage_id)}</code>")
    for source in result.also:
        also = source.citation
        where = f", page {also.page}" if also.page is not None else ""
        lines.append(
            f"Also in: {_e(also.title)} ({_e(also.publisher or 'unknown publisher')}, "
            f"{_e(_date(also.published))}{where})"
        )
    return pack(["\n".join(lines), _e(result.passage)], limit)


def format_abstention(answer: Answer) -> str:
    """A kind "I don't know", with what to try instead; always one message: every part
    that quotes the user (the question, its reading, the reason naming a word) is clipped."""
    lines = [*_notes(answer), f"I don't know — the documents I have don't answer “{clip(answer.question)}”."]
    if answer.reason:
        lines.append(f"<i>({clip(answer.reason, 2 * QUOTE_CHARS)})</i>")
    lines.append("You could rephrase the question, or see what I know with /sources.")
    return "\n".join(lines)


def format_sources(documents: Sequence[Document], limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Each document: title, publisher, date; newest first."""
    if not documents:
        return ["I have no documents yet."]
    blocks = [f"<b>{len(documents)} documents</b>, newest first:"]
    for d in documents:
        blocks.append(
            f"• <b>{_e(d.title)}</b>\n  {_e(d.publisher or 'unknown publisher')}, {_e(_date(d.published))}"
        )
    return pack(blocks, limit)


def format_start(
    span: DocumentSpan, topic: str, examples: Sequence[str], first_name: str | None = None
) -> str:
    """The welcome: what the bot knows, example questions, the date range."""
    hello = f"Hello {_e(first_name)}!" if first_name else "Hello!"
    known = span.dates()
    dates = f", from {_e(known)}" if known else ""
    tries = "\n".join(f"• {_e(q)}" for q in examples)
    return (
        f"{hello} I answer questions about {_e(topic)} from "
        f"<b>{span.documents} documents</b>{dates}. The latest facts come first, each with its "
        f"source, and I say when an answer has changed over time.\n\n"
        f"Try:\n{tries}\n\n"
        "Just send a question. /help lists the commands."
    )


def format_usage(command: str, example: str) -> str:
    """How to use a command that takes a question, shown with an example question."""
    date = " 2016-12-31" if command == "asof" else ""
    verb = "Watch a question" if command == "watch" else "Ask"
    return f"{verb} like this: <code>/{command}{date} {_e(example)}</code>"


def format_help(admin: bool = False) -> str:
    """The commands, and how to ask in a group."""
    lines = [
        "<b>Ask</b> by sending a question. In a group, mention me, reply to me, or use /ask.",
        "",
        "/ask <i>question</i> — ask (in groups too)",
        "/asof <i>YYYY[-MM[-DD]] question</i> — answer as things stood then",
        "/sources — the documents I answer from",
        "/about — the corpus and when its index was built",
        "/help — this text",
    ]
    lines += [
        "/watch <i>question</i> — tell me when its answer changes; /watches, /unwatch <i>N</i>",
    ]
    if admin:
        lines.append("/reload — load the index again from disk (admins)")
        lines.append("/feedback — the last ten 👎 with their replies (admins)")
    lines += [
        "",
        "Under an answer: <b>More results</b> shows the next passages, <b>Source</b> the whole passage, "
        "👍/👎 say whether it was right, 🔔 watches the question, <b>Timeline</b> draws how the answer "
        "changed over time.",
    ]
    return "\n".join(lines)


def format_about(span: DocumentSpan, version: str) -> str:
    """The corpus and index the bot answers from."""
    known = span.dates()
    dates = f"\nDates: {_e(known)}" if known else ""
    return (
        f"<b>trustbot {_e(version)}</b>\n"
        f"Documents: {span.documents}\nPassages: {span.passages}{dates}\n"
        f"Index built: {_e(span.built_at)}"
    )
