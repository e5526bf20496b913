"""Sentences as words and terms: splitting, stemming, windows beside an answer.

May import `tokens`, `passages` and this package's `tuning`, `query` and `question`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..corpus import split_sentences
from ..text.patterns import lazy_compile
from ..text.tokens import tokenize
from . import tuning
from .query import Query
from .spans import AnswerSpan, people_in

__all__ = [
    "CAPITALISED_RUN",
    "WORD",
    "acronyms",
    "distance_in_words",
    "doer_of",
    "former_post",
    "former_terms",
    "initials_of",
    "matched_positions",
    "past_aside_terms",
    "place_of",
    "sentence_terms",
    "sentences_of",
    "sides",
    "spelled_out",
    "window_terms",
    "word_count",
    "word_stems",
]

WORD = lazy_compile(r"[£$€]?[\w'’]+%?")


@lru_cache(maxsize=tuning.SENTENCE_CACHE_SIZE)
def sentences_of(text: str) -> tuple[str, ...]:
    """The sentences of a passage's text (the text itself when it splits into none)."""
    return tuple(split_sentences(text)) or (text,)


# Words of a sentence's opening that find it among its passage's sentences: a sentence
# shown may have had its relative dates resolved further on.
_OPENING_CHARS = 40


def place_of(sentence: str, said: Sequence[str]) -> int | None:
    """Where a sentence stands among its passage's sentences, found by its opening words."""
    opening = sentence.strip()[:_OPENING_CHARS]
    return next((k for k, s in enumerate(said) if s.strip()[:_OPENING_CHARS] == opening), None)


@lru_cache(maxsize=tuning.SENTENCE_CACHE_SIZE)
def sentence_terms(sentence: str) -> tuple[str, ...]:
    """The index terms of a sentence, in order."""
    return tuple(tokenize(sentence))


@lru_cache(maxsize=tuning.SENTENCE_CACHE_SIZE)
def word_stems(sentence: str) -> tuple[tuple[int, str], ...]:
    """Each word of a sentence that has an index term: its character offset and first term."""
    return tuple((m.start(), stems[0]) for m in WORD.finditer(sentence) if (stems := tokenize(m.group(0))))


# After "owned by": the doer, up to where the clause goes on ("and commissioned ...").
_DOER = lazy_compile(
    r"\s+by\s+((?:the\s+)?[\w'’-]+(?:\s+(?!(?:and|to|which|who|that|in|on|for|from|with|since|after|before|as)\b)[\w'’-]+){0,6})"
)


def doer_of(sentence: str, term: str) -> str | None:
    """Who does what `term` names, said as "<term> by X": "the county council" in "it
    will be owned by the county council and commissioned to ..." for "own"."""
    for start, first in word_stems(sentence):
        if first == term:
            word = WORD.match(sentence, start)
            found = _DOER.match(sentence, word.end()) if word else None
            if found:
                return found.group(1)
    return None


# After a person's name, what they were or are elsewhere: ", previously chief operating
# officer at Keldby General Hospital", ", currently deputy chief fire officer at X".
_FORMER = lazy_compile(
    r"(?:,\s*\d{1,3})?,?\s+(?:who\s+)?(?:(?:is|was|had been|has been)\s+)?(?:previously|formerly|currently|"
    r"until recently|most recently|former|then)\s+([^,.;:()“”\"]+)",
    re.IGNORECASE,
)


_FIRST_WORD = lazy_compile(r"[A-Z][a-z'’-]+")


def former_post(sentence: str, people: frozenset[str]) -> str | None:
    """What the sentence says a person the question names was before, in the words after
    their name: "chief operating officer at Keldby General Hospital" in "Mrs Ames,
    previously chief operating officer at Keldby General Hospital, said"."""
    # "Sunita is currently director of education at ...": a first name alone opening the
    # sentence, once its article has named her in full.
    opening = _FIRST_WORD.match(sentence)
    ends = [opening.end()] if opening and people & set(tokenize(opening.group(0))) else []
    ends += [person.end for person in people_in(sentence) if people & set(tokenize(person.text))]
    for end in ends:
        found = _FORMER.match(sentence, end)
        if found:
            return found.group(1).strip()
    return None


def former_terms(sentence: str, span: AnswerSpan) -> frozenset[str]:
    """The terms of what the sentence says the answer was before, right after it:
    "operation", "director" in "Jo Bell, previously operations director at X, took over"."""
    found = _FORMER.match(sentence, span.end)
    return frozenset(tokenize(found.group(1))) if found else frozenset()


def matched_positions(sentence: str, query: Query) -> list[int]:
    """Character offsets of the sentence's words that match a question term or synonym."""
    wanted = set(query.terms).union(*query.expansions.values())
    return [start for start, first in word_stems(sentence) if first in wanted]


_ASIDE = lazy_compile(r",[^,;:()]{1,100},")


def distance_in_words(sentence: str, span: AnswerSpan, positions: list[int]) -> int:
    """Words between an answer span and the nearest matched question word."""
    if not positions:
        return 10**6
    best = 10**6
    for pos in positions:
        if span.start <= pos < span.end:
            return 0
        lo, hi = (pos, span.start) if pos < span.start else (span.end, pos)
        # An aside between commas ("The bursary, the trust's grant for families, is now
        # worth £750") does not part the subject from what is said of it.
        best = min(best, len(WORD.findall(_ASIDE.sub(" ", sentence[lo:hi]))))
    return best


def sides(sentence: str, span: AnswerSpan, width: int) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The words (offset, first term) within `width` words before and after a span."""
    stems = word_stems(sentence)
    before = [w for w in stems if w[0] < span.start][-width:]
    after = [w for w in stems if w[0] >= span.end][:width]
    return before, after


def past_aside_terms(sentence: str, span: AnswerSpan, width: int) -> list[str]:
    """The terms of the `width` words after an aside right after a span, when they give
    it a post: "took over as chair" in "Jo Bell, a retired solicitor who has lived here
    since 2013, took over as chair"; none otherwise ("..., said she would ask the chair")."""
    aside = _ASIDE.match(sentence, span.end)
    if aside is None or not _TAKES_A_POST.match(sentence, aside.end()):
        return []
    return [t for start, t in word_stems(sentence) if start >= aside.end()][:width]


# The verb of someone taking a post: "took over as", "was appointed", "becomes".
_TAKES_A_POST = lazy_compile(
    r"\s*(?:(?:has|have|had|was|is|will|has been|will be)\s+)?"
    r"(?:takes? over as|took over as|taking over as|became|becomes|become|appointed|named|elected|"
    r"promoted to|steps? up as|stepped up as|joins as|joined as|starts as|started as)\b",
    re.IGNORECASE,
)


def window_terms(sentence: str, span: AnswerSpan, width: int) -> list[str]:
    """The terms of the words within `width` words either side of a span, in order."""
    before, after = sides(sentence, span, width)
    return [t for _, t in (*before, *after)]


@lru_cache(maxsize=tuning.SENTENCE_CACHE_SIZE)
def acronyms(text: str) -> frozenset[str]:
    """The initials of the text's multi-word names: "cqc" for "Care Quality Commission"."""
    found = set()
    for run in CAPITALISED_RUN.finditer(text):
        if len(capitals := initials_of(run.group(0))) >= 2:
            found.add(capitals)
            found.add(initials_of(run.group(0), connectors=True))  # "MoU": Memorandum of Understanding
    return frozenset(found)


def spelled_out(text: str, short: Sequence[str]) -> frozenset[str]:
    """Which of the question's unknown short words the text spells out in lower case:
    "mou" in "the memorandum of understanding"."""
    wanted = {t for t in short if 2 <= len(t) <= 5 and t.isalpha()}
    if not wanted:
        return frozenset()
    said = [w.casefold() for w in re.findall(r"[A-Za-z][\w'’-]*", text)]
    initials = "".join(w[0] for w in said)
    found = set()
    for term in wanted:
        start = initials.find(term)
        while start != -1:
            words = said[start : start + len(term)]
            if all(len(w) > 3 or (0 < k < len(words) - 1 and w in _CONNECTORS) for k, w in enumerate(words)):
                found.add(term)
                break
            start = initials.find(term, start + 1)
    return frozenset(found)


def initials_of(name: str, connectors: bool = False) -> str:
    """The folded initials of a name's capitalised words ("cqc" for "The Care Quality
    Commission"), and of its lower-case connecting words too when asked ("mou")."""
    words = [w for w in name.split() if w not in _ARTICLES]
    return "".join(w[0] for w in words if connectors or w[0].isupper()).casefold()


CAPITALISED_RUN = lazy_compile(r"[A-Z][\w'’&-]*(?:\s+(?:of|and|for|the|&)?\s*[A-Z][\w'’&-]*)*")

_ARTICLES = frozenset({"The", "A", "An"})
# Lower-case words a name's initials may take in ("memorandum of understanding").
_CONNECTORS = frozenset({"of", "and", "for", "in", "on", "to", "the"})


@lru_cache(maxsize=tuning.SENTENCE_CACHE_SIZE)
def word_count(sentence: str) -> int:
    return len(sentence.split())
