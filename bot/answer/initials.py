"""Initials a question gives that the documents never write: "EVAS" for the "Elmbury
Vale Ambulance Service" their titles and opening passages name.

Such a word is no reason to say "I don't know": it looks for the name it spells, as a
synonym would, and as what a post is of ("the chief executive at EVAS") it is that name's
words.
May import `index`, `text` and this package's `query` and `sentences`.
"""

from __future__ import annotations

from dataclasses import replace

from ..index import Index
from ..text.tokens import tokenize
from .query import Query
from .sentences import CAPITALISED_RUN, initials_of

__all__ = ["initials_said", "with_names_spelled"]


def initials_said(index: Index, query: Query) -> dict[str, frozenset[str]]:
    """The question's unknown short words that are the initials of a name the documents
    give in their titles or first passages ("EVAS": "Elmbury Vale Ambulance Service"),
    each with the terms of that name."""
    # A known word may be initials too: "the treasurer at TCE", in documents that write
    # "TCE" but never say the name is what the post is of.
    asked = dict.fromkeys((*query.rare, *query.qualifiers))
    short = [t for t in asked if 2 <= len(t) <= _MAX_INITIALS and t.isalpha()]
    named = _corpus_initials(index) if short else {}
    return {t: named[t] for t in short if t in named}


#: The longest word read as a name's initials ("EVAS", "RNLI").
_MAX_INITIALS = 6
#: The passages of a document that introduce it, where a name is given in full.
_OPENING_PASSAGES = 3
_INITIALS: dict[int, tuple[Index, dict[str, frozenset[str]]]] = {}


def _corpus_initials(index: Index) -> dict[str, frozenset[str]]:
    """The initials of the names the documents give where they introduce what they are
    about (their titles and opening passages), with the terms of each name; worked out
    once per index."""
    kept = _INITIALS.get(id(index))
    if kept is None or kept[0] is not index:
        found: dict[str, frozenset[str]] = {}
        texts = [d.title for d in index.documents.values()]
        passages = (index.passages[i] for i in range(len(index.passages)))
        texts += [p.text for p in passages if p.position < _OPENING_PASSAGES]
        for text in texts:
            for run in CAPITALISED_RUN.finditer(text):
                initials = initials_of(run.group(0))
                if len(initials) >= 2:
                    found.setdefault(initials, frozenset(tokenize(run.group(0))))
        _INITIALS.clear()  # one index at a time: an engine keeps one
        kept = _INITIALS[id(index)] = (index, found)
    return kept[1]


def with_names_spelled(index: Index, query: Query, spelled: dict[str, frozenset[str]]) -> Query:
    """The query with each of its initials reading as the name they spell: that name's
    words as its synonyms, and as what a post is of."""
    if not spelled:
        return query
    spelled_out = {t: name & index.known_terms for t, name in spelled.items()}
    qualifiers = [q for q in query.qualifiers if q not in spelled]
    qualifiers += [t for q in query.qualifiers if q in spelled for t in sorted(spelled_out[q])]
    return replace(
        query,
        expansions={**query.expansions, **spelled_out},
        unknown=tuple(t for t in query.unknown if t not in spelled),
        rare=tuple(t for t in query.rare if t not in spelled),
        qualifiers=tuple(dict.fromkeys(qualifiers)),
    )
