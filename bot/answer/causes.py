"""A why question's answer: the passage of the reporting document that gives the cause.

"Why was the reservoir delayed in 2016?" is answered by the article that reported the
delay, and in it by the passage that says what caused it, which often shares no word with
the question ("engineers had found far more waterlogged clay ..."): the headline only
restates what happened. The reporting article is, for a date moved ("pushed back to
2021"), the first that gives the new date; else the one published in a year the question
names, or in the year after; else the newest. Its cause is a passage among the candidates, or one of the few
after the lead that gives a cause, or the one right after it that goes on about a name
the question gives.

May import `corpus`, `index`, `text` and this package's `tuning`, `asked`, `hits`,
`reading`, `sentences` and `spans`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..index import Index
from ..text.dates import MONTHS, SEASONS
from ..text.patterns import lazy_compile
from ..text.tokens import tokenize
from . import tuning
from .asked import Asked
from .hits import Hit
from .reading import gives_cause, read_passage
from .sentences import place_of, sentences_of
from .spans import is_year, years_in

__all__ = ["lead_with_cause"]

# A passage sharing no word with the question gives its cause only if it says so in so
# many words: "after" or "following" there mostly tell the time.
_SAYS_CAUSE = lazy_compile(
    r"\b(because|due to|owing to|as a result|caused|blamed|forced|led to|reasons?|found|uncovered|discovered|"
    r"revealed|follows|reflects?|reflecting|stems? from|driven by|attributed to)\b",
    re.IGNORECASE,
)


def _reporting(band: Sequence[Hit], answering: Sequence[Hit], question: str) -> Hit:
    """The hit from the article that reported what the question asks about: for a move to
    a year ("pushed back to 2021"), the first article that gives that year; else one
    published in a year the question names, or in the year after; else the band's first."""
    target = _TO_YEAR.search(question)
    # "Why did the budget rise to £40 million?": the article that first gave the figure.
    figures = {t for t in tokenize(question) if any(c.isdigit() for c in t) and not is_year(t)}
    wider = [*band, *(h for h in answering if h not in band and h.context >= tuning.MIN_COVERAGE)]
    if target or figures:
        giving = [
            h
            for h in wider
            if h.document.published
            and (target.group(2) in h.passage.text if target else figures <= set(tokenize(h.passage.text)))
        ]
        if target and target.group(1) != target.group(2):
            # "to spring 2021": an article giving the season too, before one giving the year.
            season = target.group(1).lower()
            told_so = [h for h in giving if season in " ".join(h.passage.text.lower().split())]
            giving = told_so or giving
        if giving:
            first = min(h.document.published.value for h in giving if h.document.published)
            return max(
                (h for h in giving if h.document.published and h.document.published.value == first),
                key=lambda h: h.quality,
            )
    years = {int(y) for y in years_in(question)}
    if not years:
        return band[0]
    # "Why was it marked down in 2019?": told that year, or the next (a review late in 2019
    # reported the spring after); in the band first, else among the candidates that say
    # enough of the question.
    for told_in in (years, {y + 1 for y in years}):
        for hits in (band, wider):
            dated = [h for h in hits if h.document.published and h.document.published.value.year in told_in]
            if dated:
                return max(dated, key=lambda h: h.quality)
    return band[0]


# A move to a year: "pushed back to 2021", "slip to 2023", "put back to spring 2021" (the
# season or month kept: the first article that gives it is the one that moved the date).
_TO_YEAR = lazy_compile(
    rf"\b(?:to|until|till)\s+(?:early\s+|late\s+|mid-?|the\s+end\s+of\s+)?"
    rf"((?:(?:{'|'.join(sorted([*SEASONS, *MONTHS], key=len, reverse=True))})\s+)?((?:19|20)\d\d))\b",
    re.IGNORECASE,
)


def _first_cause(said: Sequence[str]) -> str | None:
    """The first of some sentences that gives a cause in so many words."""
    return next((s for s in said if gives_cause(s, _SAYS_CAUSE)), None)


def _causes_after(index: Index, i: int, told: Hit, asked: Asked) -> list[Hit]:
    """Hits for the passages after `told` (passage i) in its document whose best sentence
    gives a cause; else the passage right after it when it opens on a name the question
    gives ("Brigade House, a Victorian police station, needed £3m of repairs")."""
    found: list[Hit] = []
    # "Why was it put back from December 2020 to spring 2022?": the date it was moved from.
    question = asked.query.corrected
    moved = _TO_YEAR.search(question)
    marks = {t for t in tokenize(question) if any(c.isdigit() for c in t)} if moved else set()
    untold = marks - set(tokenize(told.passage.text))
    for j in range(i + 1, min(i + 1 + tuning.CAUSE_REACH, len(index.passages))):
        passage = index.passages[j]
        if passage.doc_id != told.passage.doc_id:
            break
        read = read_passage(passage, told.document, asked)
        sentence = read.sentence
        if not (read.cause and gives_cause(sentence, _SAYS_CAUSE)):
            # "The increase reflects two separate problems." shares no word with the
            # question, so it is seldom the sentence read as the passage's best.
            sentence = _first_cause(sentences_of(passage.text)) or sentence
        said = gives_cause(sentence, _SAYS_CAUSE)
        # Right after it, a passage opening on a name the question gives; or soon after it,
        # for a date moved, one giving a date of the question that `told` does not ("had been
        # aiming to open in December 2020" after "will not open until spring 2022").
        goes_on = (
            j == i + 1 and bool(set(asked.query.names) & set(tokenize(" ".join(passage.text.split()[:3]))))
        ) or bool(untold & set(tokenize(passage.text)))
        if said or (goes_on and not found):
            found.append(
                Hit(
                    passage,
                    told.document,
                    0.0,
                    0.0,
                    read.coverage,
                    sentence,
                    None,
                    True,
                    True,
                    cause=True,
                )
            )
    said_so = [h for h in found if gives_cause(h.sentence, _SAYS_CAUSE)]
    return said_so or found


def _named_elsewhere(told: Hit, answering: Sequence[Hit]) -> list[Hit]:
    """The reporting document's other passages that name a cause, however little of the
    question they repeat ("The main reason for the lower grade is ..." for "Why was it
    marked down?"), those repeating most of it first."""
    named = [
        h
        for h in answering
        if h.cause
        and h.document.id == told.document.id
        and h is not told
        and gives_cause(h.sentence, _NAMES_CAUSE)
    ]
    return sorted(named, key=lambda h: (-h.context, -h.quality))


# Words that name a cause, where "found" or "revealed" may only report what was seen.
_NAMES_CAUSE = lazy_compile(
    r"\b(because|due to|owing to|as a result|caused|blamed|led to|reasons?|stems? from|driven by|"
    r"attributed to)\b",
    re.IGNORECASE,
)


def lead_with_cause(
    index: Index, band: list[Hit], answering: Sequence[Hit], asked: Asked, where: Mapping[str, int]
) -> list[Hit]:
    """The band with, first, the passage giving the cause of what the question asks about;
    `where` gives each candidate passage's number in the index."""
    if not band:
        return band
    told = _reporting(band, answering, asked.query.corrected)
    if told.cause:
        return [told, *(h for h in band if h is not told)]
    # "The CQC has rated the trust 'requires improvement' ... Inspectors found that ...":
    # the cause often follows in the same passage.
    said = sentences_of(told.passage.text)
    at = place_of(told.sentence, said)
    cause = _first_cause(said[at + 1 :]) if at is not None else None
    if cause is not None:
        return [replace(told, sentence=cause, cause=True), *(h for h in band if h is not told)]
    causes = [
        h
        for h in answering
        if h.cause and h.document.id == told.document.id and h.context >= tuning.MIN_COVERAGE
    ]
    if not causes:
        causes = _causes_after(index, where[told.passage.id], told, asked)
        causes = causes or _named_elsewhere(told, answering)
        return [*causes[:1], told, *(h for h in band if h is not told and h not in causes[:1])]
    best = max(causes, key=lambda h: (h.context, h.quality))
    return [best, *(h for h in band if h is not best)]
