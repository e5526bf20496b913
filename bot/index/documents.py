"""The documents of a saved index: one JSON record each, in `documents.json`, without text.

A loaded index makes each `Document` from its record only when first asked for it, so
a cold start parses none of them. The passages carry the text (and their pages), so a
record holds neither.

May import: the standard library, `bot.corpus` (the `Document` type), `bot.dates` and `.files`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..corpus import Document
from ..text.dates import PubDate
from .files import open_regular

__all__ = ["DOCUMENTS_FILE", "SavedDocuments", "save_documents"]

DOCUMENTS_FILE = "documents.json"


def _record(d: Document) -> dict[str, Any]:
    return {
        "id": d.id,
        "title": d.title,
        "publisher": d.publisher,
        "published": (
            {
                "date": d.published.value.isoformat(),
                "precision": d.published.precision,
                "inferred": d.published.inferred,
            }
            if d.published
            else None
        ),
        "date_source": d.date_source,
        "url": d.url,
        "kind": d.kind,
        "path": d.path,
    }


def _document(data: dict[str, Any]) -> Document:
    pub = data.get("published")
    published = (
        PubDate(dt.date.fromisoformat(pub["date"]), pub["precision"], bool(pub["inferred"])) if pub else None
    )
    return Document(
        id=data["id"],
        title=data["title"],
        text="",
        publisher=data.get("publisher"),
        published=published,
        date_source=data.get("date_source"),
        url=data.get("url"),
        kind=data.get("kind"),
        path=data.get("path", ""),
    )


def save_documents(documents: Iterable[Document], folder: Path) -> list[str]:
    """Write the documents' records into a folder; the file name."""
    records = [_record(d) for d in documents]
    (folder / DOCUMENTS_FILE).write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return [DOCUMENTS_FILE]


class SavedDocuments(Mapping[str, Document]):
    """The documents of a loaded index, each made from its JSON record when first asked for."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        if not isinstance(records, list):
            raise ValueError(f"{DOCUMENTS_FILE} is not a list")
        self._records = {r["id"]: r for r in records}
        self._made: dict[str, Document] = {}

    @classmethod
    def load(cls, folder: Path) -> SavedDocuments:
        """The documents saved in a folder; ValueError (or KeyError, TypeError) when malformed."""
        with os.fdopen(open_regular(folder / DOCUMENTS_FILE), "rb") as handle:
            return cls(json.loads(handle.read().decode("utf-8")))

    def __getitem__(self, doc_id: str) -> Document:
        document = self._made.get(doc_id)
        if document is None:
            document = self._made[doc_id] = _document(self._records[doc_id])
        return document

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)
