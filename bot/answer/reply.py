"""Shape a ranking into the reply: cited results, the answer sentence, and earlier reports.

The first result is the latest answer. Older documents that answered the same question
differently (another date, name or amount) are listed as a dated "earlier reports"
timeline, and their results are marked superseded. Relative dates in the answer are
resolved against the document's date: "July next year" in a late-2019 article reads
"July next year (July 2020)".

May import `corpus`, `text` and this package's `hits`, `short` and `wording`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..corpus import Document
from ..text.dates import PubDate
from ..text.mentions import find_date_mentions
from ..text.patterns import lazy_compile
from ..text.tokens import fold, tokenize
from .hits import Hit, Ranking, is_headline, time_told
from .short import short_answer, title_head, title_said
from .spans import AnswerSpan, AnswerType, is_month_year, persons_in, span_value
from .wording import as_shown

__all__ = ["Answer", "Citation", "Earlier", "Result", "Source", "shape_answer"]


@dataclass(frozen=True)
class Citation:
    """Where a passage comes from."""

    doc_id: str
    title: str
    publisher: str | None
    published: PubDate | None
    url: str | None
    page: int | None = None  # the PDF page the passage is printed on

    @classmethod
    def of(cls, document: Document, page: int | None = None) -> Citation:
        """The citation of a document, at a page when it has pages."""
        return cls(document.id, document.title, document.publisher, document.published, document.url, page)

    def to_json(self) -> dict[str, Any]:
        """The citation's fields of the `--json` output."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published.iso() if self.published else None,
            "url": self.url,
            "page": self.page,
        }

    def human(self) -> str:
        """One line: publisher, date as precise as known, title, and page when known."""
        date = self.published.human() if self.published else "undated"
        publisher = self.publisher or "unknown publisher"
        page = f", page {self.page}" if self.page is not None else ""
        return f"{publisher}, {date}: “{self.title}”{page}"


@dataclass(frozen=True)
class Result:
    """One ranked passage with its citation and best sentence."""

    rank: int
    passage_id: str
    citation: Citation
    passage: str
    sentence: str  # the sentence that answers best, as in the passage
    answer: str | None  # the sentence with relative dates resolved
    score: float
    superseded: bool
    also: tuple[Source, ...] = ()  # other documents carrying the same passage or statement

    def to_json(self) -> dict[str, Any]:
        """The result as the `--json` output's `results` entry."""
        return {
            "rank": self.rank,
            "passage_id": self.passage_id,
            **self.citation.to_json(),
            "passage": self.passage,
            "sentence": self.sentence,
            "score": round(self.score, 6),
            "superseded": self.superseded,
            "also_in": [s.to_json() for s in self.also],
        }


@dataclass(frozen=True)
class Source:
    """Another document that carries a result's passage or statement, near enough word for word."""

    citation: Citation
    passage_id: str

    def to_json(self) -> dict[str, Any]:
        """The entry of a result's `also_in` list."""
        return {"passage_id": self.passage_id, **self.citation.to_json()}


@dataclass(frozen=True)
class Earlier:
    """An older report that answered the same question differently."""

    citation: Citation
    passage_id: str
    sentence: str
    said: str  # its short answer, resolved ("September 2016", "£9m")

    def to_json(self) -> dict[str, Any]:
        """The entry as the `--json` output's `earlier` entry."""
        return {
            "passage_id": self.passage_id,
            **self.citation.to_json(),
            "sentence": self.sentence,
            "said": self.said,
        }


@dataclass(frozen=True)
class Answer:
    """The reply to one question, ready for any front end."""

    question: str
    as_of: PubDate | None
    abstained: bool
    answer: str | None
    results: tuple[Result, ...] = ()
    short: str | None = None  # the answer itself in a few words ("July 2020"); None when no words will do
    earlier: tuple[Earlier, ...] = ()
    corrected: str | None = None  # the question as understood, when typos were fixed
    reason: str | None = None  # why it abstained

    def to_json(self) -> dict[str, Any]:
        """The answer as the `--json` output object."""
        return {
            "question": self.question,
            "as_of": self.as_of.iso() if self.as_of else None,
            "abstained": self.abstained,
            "answer": self.answer,
            "short": self.short,
            "results": [r.to_json() for r in self.results],
            "earlier": [e.to_json() for e in self.earlier],
            "corrected": self.corrected,
            "reason": self.reason,
        }


def resolve_relative(sentence: str, published: PubDate | None) -> str:
    """The sentence with each relative date followed by what it meant, in brackets."""
    out, last = [], 0
    for mention in find_date_mentions(sentence, published):
        if mention.relative and mention.resolved:
            out.append(sentence[last : mention.end])
            out.append(f" ({mention.resolved})")
            last = mention.end
    out.append(sentence[last:])
    return "".join(out)


def _said(hit: Hit) -> str | None:
    return hit.span.value if hit.span else None


def _same(said: str, other: str) -> bool:
    """Whether two values say the same: "tanner's meadow" is "tanner's meadow, elmsleigh"
    without its town, and "the wexby trust" is "wexby trust"."""
    said, other = _THE.sub("", said), _THE.sub("", other)
    return said == other or said.startswith(other + ",") or other.startswith(said + ",")


_THE = lazy_compile(r"^the\s+")  # values are folded to lower case


def _told_less_exactly(latest: str, said: str) -> bool:
    """Whether the latest value gives a date an older report gave to the day: "september
    2022" after "3 september 2022" is no change. (A plan for "november 2023" before
    "6 november 2023" is an earlier report.)"""
    return is_month_year(latest) and said.endswith(" " + latest)


def _a_person(span: AnswerSpan) -> bool:
    """Whether a name is a person's ("Jo Bell"), not a firm's or a place's."""
    return any(p.text == span.text for p in persons_in(span.text))


def _published(hit: Hit) -> dt.date:
    published = hit.document.published
    return published.value if published else dt.date.min


def _older(hit: Hit, than: PubDate | None) -> bool:
    """Whether a hit's document is older for certain: its latest possible day comes first."""
    published = hit.document.published
    return than is not None and published is not None and published.last_day < than.value


# The kinds of answer a later report may change (a post's holders have their own timeline).
_CHANGING_KINDS = frozenset({"amount", "count", "percent", "measure", "rating", "date"})


def _replaced(top: Hit, kind: AnswerType | None) -> list[AnswerSpan]:
    """The value the answer's own sentence says it replaced ("£61m, up from the £48m"), as
    reading the sentence found it."""
    old = top.supersedes
    if old is None or top.span is None or kind not in _CHANGING_KINDS or old.value == top.span.value:
        return []
    return [old]


def shape_answer(ranking: Ranking, question: str, as_of: PubDate | None, top_k: int) -> Answer:
    """The reply for a ranking: top results, answer sentence, and earlier reports."""

    def cite(hit: Hit) -> Citation:
        return Citation.of(hit.document, hit.passage.page)

    query = ranking.query
    read_as = as_shown(query.corrected)
    corrected = read_as if query.corrections or fold(read_as) != fold(query.question) else None
    if ranking.abstained or not ranking.hits:
        return Answer(question, as_of, True, None, corrected=corrected, reason=ranking.reason)
    top = ranking.hits[0]
    latest = _said(top)
    top_date = top.document.published

    # Earlier reports: older documents that answered the same question with something
    # else. Each document speaks once, through its passage about the latest time (its own
    # news, not the history it recalls), the best for the question among those; a
    # document whose passage agrees with the answer is not an earlier report.
    earlier: list[Earlier] = []
    superseded_ids: set[str] = set()

    def differs(hit: Hit) -> bool:
        said = _said(hit)
        return (
            _older(hit, top_date)
            and latest is not None
            and said is not None
            and not _same(said, latest)
            and not _told_less_exactly(latest, said)
        )

    best_of: dict[str, Hit] = {}
    # A why question asks a cause: older values of the figure it names are another fact.
    related = () if query.why else ranking.related
    # The body's passage before the headline that sums it up ("leaves grim rating behind").
    for hit in sorted(related, key=lambda h: (not is_headline(h), time_told(h), h.quality), reverse=True):
        best_of.setdefault(hit.document.id, hit)

    # Newest first: a grade the answer has again ("inadequate", then "requires improvement",
    # then "inadequate") was an earlier report once another grade came between. Grades move
    # up and down a fixed scale; names, sums and dates seldom come back.
    changed = False
    for doc_id, hit in sorted(best_of.items(), key=lambda item: _published(item[1]), reverse=True):
        if doc_id == top.document.id or hit.span is None:
            continue
        returned = (
            query.kind == "rating"
            and changed
            and latest is not None
            and _older(hit, top_date)
            and _same(hit.span.value, latest)
        )
        if not differs(hit) and not returned:
            continue
        if query.kind == "name" and top.span is not None and _a_person(hit.span) != _a_person(top.span):
            continue  # "Which firm built it?": a person named in an older report is no earlier firm
        changed = True
        earlier.append(Earlier(cite(hit), hit.passage.id, hit.sentence, span_value(query.kind, hit.span)))
        superseded_ids.update(h.passage.id for h in ranking.related if h.document.id == doc_id and differs(h))
    for value in () if query.why else _replaced(top, query.kind):
        # The answer's sentence names the value it replaced, which an older document may
        # have given in words the timeline could not find.
        before = span_value(query.kind, value)
        if not any(fold(e.said) in (fold(before), value.value) for e in earlier):
            earlier.append(Earlier(cite(top), top.passage.id, top.sentence, before))
    if not query.why and (title := title_said(top.sentence, query)) is not None:
        # "What is the cabinet post called now?": older documents' titles of the same post
        # ("cabinet member for children's services"), each document once.
        # Titles are compared by their terms: "children's service" is "children's services".
        told = {tuple(tokenize(title))}
        for hit in ranking.hits:
            said = title_said(hit.sentence, query) if _older(hit, top_date) else None
            terms = tuple(tokenize(said)) if said is not None else ()
            if said is None or title_head(said) != title_head(title) or terms in told:
                continue
            if any(e.citation.doc_id == hit.document.id for e in earlier):
                continue
            told.add(terms)
            earlier.append(Earlier(cite(hit), hit.passage.id, hit.sentence, said))
    earlier.sort(
        key=lambda e: e.citation.published.value if e.citation.published else dt.date.min, reverse=True
    )

    results = tuple(
        Result(
            rank=n,
            passage_id=hit.passage.id,
            citation=cite(hit),
            passage=hit.passage.text,
            sentence=hit.sentence,
            answer=resolve_relative(hit.sentence, hit.document.published),
            score=hit.score,
            superseded=hit.passage.id in superseded_ids,
            also=tuple(Source(cite(d), d.passage.id) for d in hit.duplicates),
        )
        for n, hit in enumerate(ranking.hits[:top_k], start=1)
    )
    return Answer(
        question=question,
        as_of=as_of,
        abstained=False,
        answer=results[0].answer,
        # A span's offsets are into the sentence as written, before relative dates are
        # resolved in brackets; words read without a span show what those dates meant.
        short=short_answer(
            query,
            top.sentence if top.span else results[0].answer or top.sentence,
            top.span,
            passage=top.passage.text,
        ),
        results=results,
        earlier=tuple(earlier),
        corrected=corrected,
    )
