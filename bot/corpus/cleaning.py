"""Clean the text of a document: decode it, drop page clutter, tidy metadata values.

What a web page or a PDF prints around an article (ads, sign-up prompts, paywall tails,
captions printed twice) is recognised by what it says, not by which site printed it.

May import: bot.errors.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import DocumentError
from ..text.patterns import lazy_compile

__all__ = ["clean_lines", "decode_text", "normalise_line", "text_field"]

# Page clutter, recognised by what it says rather than by which site printed it. A line is
# clutter when it is short and its words are those of ads, sign-up and paywall prompts.
_CLUTTER_LINE = lazy_compile(
    r"""(?ix)^(
        (hide|show|skip)\s+ad(vert(isement)?)?s? | advert(isement)?s? | sponsored(\s+content)? |
        (sign\s+up|subscribe|get|receive|join|register)\b.{0,40}\bnewsletters?\b.{0,40} |
        .{0,40}\bnewsletters?\b.{0,40}[^.!?"”] |
        (sign|log)\s+(up|in)\b.{0,60} | subscribe\b.{0,60} | .{0,40}\bsubscriber[- ]only\b.{0,40} |
        already\s+(have\s+an\s+account|a\s+subscriber)\b.{0,60} |
        (register|subscribe)\s+(now|today)\b.{0,60} | why\s+not\s+register\b.* |
        what'?s\s+included | read\s+more\b.{0,60} | share\s+(this|on)\b.{0,40} |
        (click|tap)\s+here\b.{0,60} | .{0,20}\bcookies?\b.{0,60}\b(accept|consent|policy)\b.{0,20} |
        (image|photo|picture)\s*(credit)?\s*:.{0,80} | [-–—•*·|]+
    )$""",
)
# A paywall: everything from a "register/subscribe to continue reading" line on is not article.
_PAYWALL_START = lazy_compile(
    r"(?i)^(register|subscribe|sign\s+up|log\s+in)\b.{0,30}\bto\s+(continue|keep)\s+reading\W*$"
)
_CLUTTER_MAX_WORDS = 12
# A prompt is a fragment; a line ending like a sentence is article text, whatever its words.
_SENTENCE_END = lazy_compile(r"[.!?][\"”’')]*$")


def decode_text(path: str, data: bytes, advice: str = "") -> str:
    """The text of a file's bytes, UTF-8 with or without a byte-order mark; DocumentError
    for bytes that are not UTF-8 (`advice` follows the reason) or that are binary."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(path, f"not UTF-8 text (byte {exc.start}){advice}") from None
    if "\x00" in text:
        raise DocumentError(path, "binary file, not text")
    return text


def text_field(value: object) -> str | None:
    """A metadata value as one line of text, spaces collapsed; None when it is blank or absent."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def normalise_line(line: str) -> str:
    """A line with its runs of spaces (no-break spaces too) collapsed to one."""
    return " ".join(line.replace("\u00a0", " ").split())


def _undouble(line: str) -> str:
    """A caption printed twice on one line ("X.X.") becomes one ("X.")."""
    half = len(line) // 2
    for cut in (half, half + 1, half - 1):
        left, right = line[:cut].strip(), line[cut:].strip()
        if left and left == right:
            return left
    return line


def clean_lines(lines: Iterable[str]) -> list[str]:
    """Drop page clutter, paywall tails and lines repeated within the document."""
    kept: list[str] = []
    seen: set[str] = set()
    for raw in lines:
        line = _undouble(normalise_line(raw))
        if not line:
            kept.append("")
            continue
        if _PAYWALL_START.match(line):
            break
        if (
            len(line.split()) <= _CLUTTER_MAX_WORDS
            and _CLUTTER_LINE.match(line)
            and not _SENTENCE_END.search(line)
        ):
            continue
        key = line.casefold()
        if key in seen:
            continue  # repeated captions, pull quotes and ads say nothing new
        seen.add(key)
        kept.append(line)
    return kept
