"""Split cleaned documents into passages and passages into sentences.

A passage is what a reader sees on a phone: a paragraph, or a few sentences of a long
one, at most about `MAX_PASSAGE_WORDS` words. Its id, `doc_id#n`, is stable as long as
the document's text is.

May import: bot.corpus.documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..text.patterns import lazy_compile
from .documents import Document

__all__ = ["MAX_PASSAGE_WORDS", "Passage", "split_document", "split_sentences"]

MAX_PASSAGE_WORDS = 120


@dataclass(frozen=True)
class Passage:
    """A piece of a document small enough to read at a glance."""

    id: str  # "doc_id#n"
    doc_id: str
    position: int  # n: 0 for the first passage of the document
    text: str
    page: int | None = None  # the PDF page it is printed on; None for unpaged documents


# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "cllr", "prof", "st", "rev", "sir", "vs", "e.g", "i.e",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "gov", "dept",
}  # fmt: skip
_BOUNDARY = lazy_compile(r"(?<=[.!?…])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9£$€])")


def split_sentences(text: str) -> list[str]:
    """The sentences of a text, in order, with abbreviations kept whole."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        chunk = text[start : match.start()].rstrip("\"”’')] ")
        last_word = re.split(r"\s+", chunk)[-1].lower().rstrip(".") if chunk else ""
        following = text[match.end() : match.end() + 1]
        if last_word in _ABBREVIATIONS or (last_word == "no" and following.isdigit()):
            continue  # "Cllr. Smith", "No. 10"
        if re.fullmatch(r"[a-z]", last_word) and chunk[-3:-2] in (" ", "."):
            continue  # an initial: "Robert J. Smith"
        sentences.append(text[start : match.start()].strip() + _closing(text, match))
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in (s.strip() for s in sentences) if s]


def _closing(text: str, match: re.Match[str]) -> str:
    """The quote marks or brackets that close a sentence, kept with it."""
    return text[match.start() : match.end()].strip()


def _short(sentence: str) -> Iterable[str]:
    """A sentence, or pieces of a run-on one: at semicolons, else every MAX_PASSAGE_WORDS words."""
    if len(sentence.split()) <= MAX_PASSAGE_WORDS:
        yield sentence
        return
    for clause in re.split(r"(?<=[;:])\s+", sentence):
        words = clause.split()
        for start in range(0, len(words), MAX_PASSAGE_WORDS):
            yield " ".join(words[start : start + MAX_PASSAGE_WORDS])


def _chunks(paragraph: str) -> Iterable[str]:
    """A paragraph, or consecutive groups of its sentences, each within the word limit."""
    if len(paragraph.split()) <= MAX_PASSAGE_WORDS:
        yield paragraph
        return
    group: list[str] = []
    count = 0
    for sentence in (piece for s in split_sentences(paragraph) for piece in _short(s)):
        words = len(sentence.split())
        if group and count + words > MAX_PASSAGE_WORDS:
            yield " ".join(group)
            group, count = [], 0
        group.append(sentence)
        count += words
    if group:
        yield " ".join(group)


def split_document(document: Document) -> list[Passage]:
    """The passages of a document, in reading order."""
    pages = document.pages
    pieces = [
        (chunk, pages[number] if number < len(pages) else None)
        for number, paragraph in enumerate(document.text.split("\n\n"))
        if paragraph.strip()
        for chunk in _chunks(paragraph.strip())
    ]
    return [
        Passage(id=f"{document.id}#{n}", doc_id=document.id, position=n, text=text, page=page)
        for n, (text, page) in enumerate(pieces)
    ]
