"""A picture of how a fact was reported over time: one point per dated report.

The report's publication date runs along the x axis. When every reported value is a date
(a go-live date, a deadline), the promised date is the y axis, so slippage shows as a
rising line; otherwise (names, sums, ratings) the values are labelled points in order,
one row per distinct value. Drawn with matplotlib's Agg backend, 1000×600 px, large
fonts, dates written "Dec 2015".

May import `answer` (its result types), `text` and `errors`; matplotlib loads only to draw.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from .answer import Answer
from .errors import NoTimelineError, TrustbotError
from .text.dates import PubDate, parse_published
from .text.mentions import find_date_mentions

__all__ = [
    "DPI",
    "FIGURE_INCHES",
    "MIN_POINTS",
    "Point",
    "has_timeline",
    "render_timeline",
    "timeline_points",
    "value_date",
]

#: Reports needed for a timeline: the answer and at least one earlier report.
MIN_POINTS = 2
#: 10 × 6 inches at 100 dots an inch: 1000 × 600 px, readable on a phone.
FIGURE_INCHES = (10.0, 6.0)
DPI = 100
FONT_SIZE = 16
TITLE_SIZE = 18
TITLE_CHARS = 70
LINE_COLOUR = "#1f5fa8"
LATEST_COLOUR = "#c0392b"
DATE_FORMAT = "%b %Y"  # "Dec 2015"


@dataclass(frozen=True)
class Point:
    """One dated report of the fact: when it was published, what it said, who said it."""

    reported: dt.date
    value: str
    publisher: str | None
    latest: bool  # the answer's own report


def timeline_points(answer: Answer) -> list[Point]:
    """The dated reports of an answer's fact, oldest first; undated reports are left out."""
    if answer.abstained or not answer.results or not answer.short:
        return []
    top = answer.results[0].citation
    reports = [(top.published, answer.short, top.publisher, True)]
    reports += [(e.citation.published, e.said, e.citation.publisher, False) for e in answer.earlier]
    points = [Point(d.value, v, p, latest) for d, v, p, latest in reports if d is not None]
    return sorted(points, key=lambda p: (p.reported, p.latest))


def has_timeline(answer: Answer) -> bool:
    """Whether the answer has enough dated reports for a picture."""
    return len(timeline_points(answer)) >= MIN_POINTS


def value_date(value: str, reported: dt.date | None = None) -> dt.date | None:
    """The date a value states ("July 2020", "1 November 2020", "July next year"), read
    against the report's date; None when the value is not a date."""
    base = PubDate(reported) if reported else None
    mentions = find_date_mentions(value, base)
    if len(mentions) != 1 or not mentions[0].resolved:
        return None
    try:
        return parse_published(mentions[0].resolved).value
    except TrustbotError:
        return None


def _title(question: str) -> str:
    text = " ".join(question.split())
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


def render_timeline(answer: Answer) -> bytes:
    """The PNG picture of an answer's timeline; TrustbotError when it has too few dated reports."""
    points = timeline_points(answer)
    if len(points) < MIN_POINTS:
        raise NoTimelineError("no timeline: the answer has fewer than two dated reports")
    import matplotlib  # deferred: only a timeline needs it, and it costs start-up time

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    promised = [value_date(p.value, p.reported) for p in points]
    dated = all(d is not None for d in promised)
    x = [float(mdates.date2num(p.reported)) for p in points]
    with plt.rc_context({"font.size": FONT_SIZE, "axes.titlesize": TITLE_SIZE}):
        figure, axes = plt.subplots(figsize=FIGURE_INCHES, dpi=DPI)
        try:
            if dated:
                y: list[float] = [float(mdates.date2num(d)) for d in promised if d is not None]
                axes.yaxis.set_major_formatter(mdates.DateFormatter(DATE_FORMAT))
                axes.set_ylabel("Promised date")
            else:
                rows = list(dict.fromkeys(p.value for p in points))
                y = [float(rows.index(p.value)) for p in points]
                axes.set_yticks(range(len(rows)), [_title(v)[:24] for v in rows])
                axes.set_ylim(-0.5, len(rows) - 0.5)
                axes.set_ylabel("Reported value")
            axes.plot(x, y, color=LINE_COLOUR, linewidth=2.5, marker="o", markersize=10, zorder=2)
            previous = None
            for point, xv, yv in zip(points, x, y, strict=True):
                colour = LATEST_COLOUR if point.latest else LINE_COLOUR
                axes.scatter([xv], [yv], s=160, color=colour, zorder=3)
                if point.value == previous:  # the same value again: one label for the run
                    continue
                previous = point.value
                axes.annotate(
                    point.value, (xv, yv), textcoords="offset points", xytext=(8, 10),
                    color=colour, fontsize=FONT_SIZE - 2,
                )  # fmt: skip
            axes.xaxis.set_major_formatter(mdates.DateFormatter(DATE_FORMAT))
            axes.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
            if dated:
                axes.yaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
            axes.set_xlabel("Reported on")
            axes.set_title(f"“{_title(answer.question)}”")
            axes.margins(x=0.15, y=0.15)
            axes.grid(True, alpha=0.3)
            figure.tight_layout()
            out = io.BytesIO()
            figure.savefig(out, format="png", dpi=DPI)
        finally:
            plt.close(figure)
    return out.getvalue()
