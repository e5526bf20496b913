"""`metadata.toml`: what is known about each document of a corpus folder, keyed by its id.

Read with tomllib; changed with tomlkit, so that an entry is added or removed and every
other line of the file (the user's entries, comments, layout) stays as it was. A comment
written just above an entry belongs to that entry: it goes when the entry is removed.

May import: bot.errors, bot.corpus.cleaning, bot.corpus.notices.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import tomlkit
from pydantic import BaseModel, BeforeValidator, ConfigDict
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import Comment, Item, KeyType, Null, SingleKey, Table, Trivia, Whitespace

from ..errors import CorpusChangeError, CorpusError
from .cleaning import text_field
from .notices import Notice

__all__ = [
    "METADATA_FILE",
    "MetadataEntry",
    "add_entries",
    "check_metadata",
    "read_entries",
    "read_metadata",
    "remove_entry",
]

METADATA_FILE = "metadata.toml"


def _flag(value: object) -> bool | None:
    return None if value is None else bool(value)


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


Text = Annotated[str | None, BeforeValidator(text_field)]


class MetadataEntry(BaseModel):
    """One entry of `metadata.toml`. Values are read leniently, as a hand-written file holds
    them: text of any type becomes one line; fields of its own a user adds are kept."""

    model_config = ConfigDict(frozen=True, extra="allow")

    title: Text = None
    publisher: Text = None
    kind: Text = None  # press release, trade news, ...
    published: Any = None  # as written (a string, a TOML date, a year); the loader parses it
    inferred: Annotated[bool | None, BeforeValidator(_flag)] = None  # date worked out, not printed
    note: Text = None  # how the date is known
    url: Text = None
    format: Text = None  # the format of the file it was added from: txt, md, html, pdf, docx
    source_file: Text = None  # the name of the file it was added from
    pages: Annotated[int | None, BeforeValidator(_count)] = None  # a PDF's page count
    added: Text = None  # the day it was added


def read_metadata(folder: Path) -> tuple[dict[str, dict[str, object]], list[Notice]]:
    """The entries of a folder's metadata file as written, by document id, and a notice per problem."""
    path = folder / METADATA_FILE
    if not path.exists():
        return {}, []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return {}, [Notice("skipped", f"metadata file ignored, it does not parse ({exc})", str(path))]
    except OSError as exc:
        reason = f"metadata file ignored, it cannot be read ({exc.strerror or exc})"
        return {}, [Notice("skipped", reason, str(path))]
    entries = {k: v for k, v in data.items() if isinstance(v, dict)}
    return entries, []


def read_entries(folder: Path) -> tuple[dict[str, MetadataEntry], list[Notice]]:
    """The entries of a folder's metadata file by document id, and a notice per problem."""
    raw, problems = read_metadata(folder)
    return {doc_id: MetadataEntry.model_validate(entry) for doc_id, entry in raw.items()}, problems


# --- changes ------------------------------------------------------------------------------


def _parse(text: str, path: Path) -> tomlkit.TOMLDocument:
    """The metadata file as tomlkit edits it; CorpusError when it does not parse."""
    try:
        tomllib.loads(text)  # the message a user sees is tomllib's, as for loading
        return tomlkit.parse(text)
    except (tomllib.TOMLDecodeError, TOMLKitError) as exc:
        raise CorpusError(f"{path} does not parse ({exc}); fix it before changing the corpus") from None


def check_metadata(text: str, path: Path) -> None:
    """Nothing when the metadata file's text parses; CorpusError saying why when it does not."""
    _parse(text, path)


def add_entries(text: str, path: Path, entries: Mapping[str, MetadataEntry]) -> str:
    """The metadata file's text with these entries at its end, replacing any of the same id."""
    document = _parse(text, path)
    for doc_id, entry in entries.items():
        if doc_id in document:  # left behind by a document deleted by hand: no longer applies
            _remove(document, doc_id)
        table = tomlkit.table()
        for key, value in entry.model_dump(exclude_none=True).items():
            table[key] = value
        document.append(SingleKey(doc_id, t=KeyType.Basic), table)  # quoted, as ids are written by hand
    return document.as_string()


def remove_entry(text: str, path: Path, doc_id: str) -> str:
    """The metadata file's text without the entry of `doc_id`; the text as it was when it has none."""
    document = _parse(text, path)
    if doc_id not in document:
        return text
    _remove(document, doc_id)
    changed = document.as_string()
    try:
        left = doc_id in tomllib.loads(changed)
    except tomllib.TOMLDecodeError:
        left = True
    if left:
        raise CorpusChangeError(f"cannot remove the entry {doc_id!r} from {path}: edit it by hand")
    return changed


def _last_body(body: list[tuple[Any, Item]]) -> list[tuple[Any, Item]]:
    """The body whose end holds the lines below a table: that of its last sub-table, if any."""
    while body and isinstance(body[-1][1], Table):
        body = body[-1][1].value.body
    return body


def _remove(document: tomlkit.TOMLDocument, doc_id: str) -> None:
    """Take an entry out of the document with the comments just above it; the comments
    below it, which head the next entry, stay."""
    body = document.body
    slots = [n for n, (key, _) in enumerate(body) if key is not None and key.key == doc_id]
    if len(slots) != 1 or not isinstance(body[slots[0]][1], Table):
        document.remove(doc_id)  # an inline table, or one in pieces: as tomlkit removes it
        return
    slot = slots[0]
    # tomlkit keeps the lines between two entries at the end of the first one's body: the
    # end of the body above this entry holds its comments, the end of its own the next one's.
    own = _last_body(body[slot][1].value.body)
    below = "".join(item.as_string() for key, item in _trailing(own))
    if slot > 0 and isinstance(body[slot - 1][1], Table):
        above = _last_body(body[slot - 1][1].value.body)
        while above and above[-1][0] is None and isinstance(above[-1][1], Comment):
            above.pop()  # keyless lines at a body's end: no index of the table points past them
        if above and above[-1][0] is None and isinstance(above[-1][1], Whitespace):
            above.pop()  # the blank line that separated the entry
    elif slot > 0 and body[slot - 1][0] is None and isinstance(body[slot - 1][1], Whitespace):
        # The first entry: the comments above it open the file and stay; the blank line goes
        # (emptied in place, as the document's index counts slots).
        body[slot - 1] = (None, Null())
    document.remove(doc_id)  # leaves an empty slot where the entry was
    if below:
        body[slot] = (None, Comment(Trivia(indent="", comment=below, trail="")))


def _trailing(body: list[tuple[Any, Item]]) -> list[tuple[Any, Item]]:
    """The comments and blank lines at the end of a body, after its last key."""
    start = len(body)
    while start > 0 and body[start - 1][0] is None and isinstance(body[start - 1][1], Comment | Whitespace):
        start -= 1
    return body[start:]
