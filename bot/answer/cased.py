"""Names a question types in lower case: "gillian marsh" for the "Gillian Marsh" the
documents write.

A phone capitalises only a message's first letter, and staff type names as they come; a
word the documents write capitalised wherever it stands inside a sentence is a name,
however the question typed it. Read so, "who took over wen gillian marsh retired" names
a person, as "Who succeeded Gillian Marsh?" does.

May import `index`, `text` and this package's `query`, `tuning` and `wording`.
"""

from __future__ import annotations

import re
from functools import partial

from ..index import Index
from ..text.tokens import STOP_WORDS, tokenize
from . import tuning
from .query import Query, parse_query
from .wording import zipf

__all__ = ["NAME_SHARE", "read_question", "written_as_name"]

#: Passages holding a word that are looked at for how the documents write it.
NAME_SAMPLE = 12
#: A name: at least this share of the word's uses inside a sentence capitalised ("Marsh"
#: in a corpus that never writes "the marsh"; not "Trust", which is also "the trust").
NAME_SHARE = 0.9
# What may end the text before a sentence's first word: a capital there says nothing.
_SENTENCE_OPENS = frozenset('.!?:;"“‘(|#*-–—')


def written_as_name(index: Index, word: str) -> bool:
    """Whether the documents write a lower-case word capitalised, as a name, wherever it
    stands inside a sentence (and write it at least once so), and it is no common word
    of English ("unit", however "Unit 4" is written)."""
    terms = tokenize(word)
    if len(terms) != 1 or word in STOP_WORDS or not index.has_term(terms[0]):
        return False
    pattern = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", re.IGNORECASE)
    capitalised = lower = 0
    for i, _ in index.holding(terms, NAME_SAMPLE):
        text = index.passages[i].text
        for found in pattern.finditer(text):
            before = text[: found.start()].rstrip()
            if not before or before[-1] in _SENTENCE_OPENS:
                continue
            if found.group(0)[0].isupper():
                capitalised += 1
            else:
                lower += 1
    # Looked up last: wordfreq's tables cost a cold start 0.3 s.
    return (
        capitalised > 0
        and capitalised >= NAME_SHARE * (capitalised + lower)
        and zipf(word) < tuning.NAME_ZIPF
    )


def read_question(index: Index, question: str) -> Query:
    """The question analysed against an index: its vocabulary, its terms, and the names
    it writes, for a question typed in lower case."""
    return parse_query(question, index.vocabulary, index.known_terms, partial(written_as_name, index))
