"""Read a candidate passage: its best sentence for the question, and whether it answers.

A sentence answers when it holds a value of the kind asked, next to the question's words,
belonging to what the question names; a pronoun sentence with a later date updates the
one before it ("They were re-rated 'fair' in May 2015").
May import `corpus`, `dates`, `index`, `passages`, `tokens` and this package's `tuning`,
`query`, `question`, `sentences`, `spans`, `figures`, `asked` and `posts`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import cache

from ..corpus import Document, Passage
from ..index import Index
from ..text.dates import PubDate
from ..text.lexicon import ANY_BODY_WORDS, ANY_COUNTED_WORDS, ANY_DOCUMENT_WORDS, COUNTING_WORDS, PERSON_WORDS
from ..text.mentions import latest_mentioned
from ..text.patterns import lazy_compile
from ..text.tokens import STOP_WORDS, fold, stem, tokenize
from . import tuning
from .asked import Asked, asked_term, coverage_of, proximity_of
from .figures import RATE_AFTER
from .posts import (
    attributed_elsewhere,
    holds_role,
    of_another_person,
    points_back,
    posts_of,
    said_of_ours,
    succeeded_the_one_asked,
)
from .query import Query
from .question import expected_answer, head_noun, is_plural, role_stems
from .sentences import (
    acronyms,
    distance_in_words,
    doer_of,
    former_post,
    matched_positions,
    sentence_terms,
    sentences_of,
    sides,
    spelled_out,
    window_terms,
    word_stems,
)
from .spans import (
    COMPANY_WORDS,
    GRADING,
    PERSON_TITLES,
    STREET_KINDS,
    AnswerSpan,
    AnswerType,
    find_answer_spans,
    is_body_word,
    names_a_site,
    names_noun,
    party,
    replaced_by,
)

__all__ = [
    "PassageRead",
    "after_published",
    "answers_heading",
    "asked_above",
    "before_published",
    "counting_terms",
    "gives_cause",
    "opening_terms",
    "passage_or_title_terms",
    "read_passage",
    "speaks",
    "terms_before",
]

#: Answer types whose value may belong to another body the sentence names.
_ATTRIBUTED_KINDS = frozenset({"date", "amount", "count", "percent", "measure", "rating"})

#: Answer types where the figure nearest the question's words is the answer.
_NEAREST_KINDS = frozenset({"amount", "count", "percent", "measure"})


@dataclass
class PassageRead:
    sentence: str
    coverage: float
    proximity: float
    span: AnswerSpan | None
    strength: int  # 0: holds no answer, 1: holds one, 2: holds one of the kind named
    linked: bool  # the answer stands next to the question's words, not elsewhere in the sentence
    context: float = 0.0  # coverage of the whole passage
    cause: bool = False  # it gives what the question's shape asks beyond a value: a why
    # question's cause, who does what a "who will own it?" asks, what a person did before
    terms: frozenset[str] = frozenset()  # the passage's terms
    anchor: frozenset[str] = frozenset()
    retrospective: bool = False  # the sentence tells what was said before ("first costed at")
    posts: frozenset[str] = frozenset()  # role terms beside a person's name ("cabinet", "member")
    before: frozenset[str] = frozenset()  # terms of the passages just before, in the same document
    anchor_words: frozenset[str] = frozenset()  # terms near the answer, or the sentence's it goes on from
    pointed: frozenset[str] = frozenset()  # terms of the sentence "the company" or "its" points back to
    supersedes: AnswerSpan | None = None  # the value the sentence says the answer replaced ("up from £5")
    planned: bool = True  # not only dates already past when its document was written, asked a plan


#: Nouns of a body a "which X" question may ask the name of, besides the kinds of body
#: names end on ("council", "trust"): "which contractor", "which landlord".
_BODY_NOUNS = frozenset(
    """contractor contractors builder builders developer operator supplier landlord
    association charity group partner consultancy consultant""".split()
)


_TITLE_OF = lazy_compile(rf"(?:{PERSON_TITLES})\.?\s")
_TITLE_BEFORE = lazy_compile(rf"\b(?:{PERSON_TITLES})\.?\s+$")


def _names_a_body_kind(noun: str) -> bool:
    """Whether a "which X" noun names a kind of body, which no person is."""
    word = fold(noun)
    return word in ANY_BODY_WORDS or word in _BODY_NOUNS or word in COMPANY_WORDS or is_body_word(word)


def _standing(read: PassageRead) -> tuple[int, bool, bool, bool, float, float]:
    """How well a sentence answers, compared between the sentences of a passage."""
    return (read.strength, read.linked, read.planned, read.cause, read.coverage, read.proximity)


@cache
def counting_terms() -> tuple[frozenset[str], frozenset[str]]:
    """The terms of counting words ("number of") and of things anything may be ("people",
    for "which company" any body, for "which document" a business case)."""
    anything = (*ANY_COUNTED_WORDS, *ANY_BODY_WORDS, *ANY_DOCUMENT_WORDS)
    return frozenset(map(stem, COUNTING_WORDS)), frozenset(map(stem, anything))


_PERSON_WORDS = frozenset(PERSON_WORDS)


# "60 of the firm's workers", "45 of Stanholt Build's staff": what the number is a part of.
_PARTITIVE = lazy_compile(
    r"\s+of\s+(?:(?:the|its|their|our)\s+)?(?:[A-Z][\w-]*\s+){0,3}?(?:[\w-]+['’]s?\s+)?"
)

#: Who hold jobs: a count of them counts jobs.
_WORKER_WORDS = frozenset("staff employees employee workers worker workforce".split())


@cache
def _job_terms() -> frozenset[str]:
    """The terms of "job" and "jobs"."""
    return frozenset(map(stem, ("job", "jobs")))


@cache
def _people_terms() -> frozenset[str]:
    """The terms of "people" and "person" (worked out on first use: stemming has a cost)."""
    return frozenset(map(stem, ("people", "person", "persons")))


def _counts_asked(
    sentence: str, span: AnswerSpan, query: Query, heading: frozenset[str] = frozenset()
) -> bool:
    """Whether a number counts what "how many X" asks about: "32 inpatient beds" for beds;
    under an FAQ heading that names X, the bare number its answer opens on."""
    any_counted = counting_terms()[1]
    if _LABEL_BEFORE.search(sentence[: span.start]) or _STREET_AFTER.match(sentence, span.end):
        return False  # "our number one job", "platform 3", "12 Market Street": a label, not a count
    if (
        query.counted is not None
        and query.counted in heading
        and len(sentence[: span.start].split()) <= _FAQ_OPENING_WORDS
        and not _JOINED_TO.match(sentence, span.end)
    ):
        return True  # "How many boats does the club own?" answered "Nine, since the spring."
    # What is counted and the words the documents may say it with ("places" for pupils).
    wanted = (
        frozenset({query.counted, *query.expansions.get(query.counted, ())}) if query.counted else frozenset()
    )
    joined = _JOINED_TO.match(sentence, span.end)
    if joined and stem(joined.group(1)) not in wanted and fold(joined.group(1)) != "strong":
        # "a six-month wait", "a five-storey block": a number joined to its noun describes the
        # thing after it, it counts nothing asked (though "a 40-strong team" counts people,
        # and "a 900-place school" the pupils it will hold).
        return False
    if query.counted in _people_terms():
        # "How many people ...?" may count staff or patients, but not tower blocks.
        head = head_noun(sentence[span.end :], STOP_WORDS, tuning.COUNT_WINDOW)
        return head is None or not is_plural(head) or fold(head) in _PERSON_WORDS
    if query.counted is None or query.counted in any_counted:
        return True
    if query.counted in _job_terms():
        # "How many jobs went?": "60 of the firm's workers lost their jobs" counts one job a
        # worker.
        of = _PARTITIVE.match(sentence, span.end)
        head = head_noun(sentence[of.end() if of else span.end :], STOP_WORDS, tuning.COUNT_WINDOW)
        if head is not None and fold(head) in _WORKER_WORDS:
            return True
    # The number counts the noun its phrase ends on: "32 inpatient beds" counts beds, and
    # "two child murders" counts murders, not children. A word before a body's kind names
    # the body ("two unitary councils" counts unitaries), as before a word that is no plural
    # ("6,200 Safe and Well visits").
    # "almost thirty in public parks" counts years, not parks: a phrase that opens on
    # a preposition ("of" aside) is not what the number counts.
    elided = _PREPOSITION_AFTER.match(sentence, span.end) is not None
    head = None if elided else head_noun(sentence[span.end :], STOP_WORDS, tuning.COUNT_WINDOW)
    if head is not None and stem(head) in wanted:
        return True
    following = set() if elided else {t for _, t in sides(sentence, span, tuning.COUNT_WINDOW)[1]}
    # "3.4 million people visited the park" counts its visitors.
    if (
        head is None
        or not is_plural(head)
        or is_body_word(head.removesuffix("s"))
        or stem(head) in _people_terms()
    ) and wanted & following:
        return True
    # "96 call-taking and dispatch desks" counts the "call-taking and dispatch positions"
    # asked about: its phrase says most of what the question's does, though not its noun.
    if head is not None and len(following & set(query.terms) - wanted) >= _SHARED_COUNT_WORDS:
        return True
    preceding = sides(sentence, span, tuning.ANCHOR_WINDOW)[0]
    # "an events space seating 120 people" counts seats; not "years in housing, thirty of
    # them here", where a comma ends the phrase before the number.
    if (
        preceding
        and preceding[-1][1] in wanted
        and not _CLAUSE_BREAK.search(sentence, preceding[-1][0], span.start)
    ):
        return True
    return _number_of_before(sentence, span, wanted)


#: Words an FAQ's answer may say before its count: "About", "Just over".
_FAQ_OPENING_WORDS = 2

# The phrase after a count, to a comma, a stop or "and": "electric buses" of "12 electric buses and".
_PHRASE = lazy_compile(r"[^,;.]*?(?=\s+(?:and|or|but)\b|[,;.]|$)")


def _phrase_terms(sentence: str, end: int) -> set[str]:
    """The terms of the phrase right after offset `end`, to its comma, stop or "and"."""
    found = _PHRASE.match(sentence, end)
    return set(tokenize(found.group(0))) if found else set()


# A house number: "12 Market Street", "4 Mill Lane".
_STREET_AFTER = lazy_compile(rf"\s+(?:[A-Z][\w'’-]*\s+){{1,3}}(?:{STREET_KINDS}|Gardens|Wharf)\b")
_LABEL_BEFORE = lazy_compile(
    r"\b(?:number|no\.|platform|gate|route|junction|phase|stage|unit|item)\s+$", re.IGNORECASE
)


def _number_of_before(sentence: str, span: AnswerSpan, wanted: Set[str]) -> bool:
    """Whether a number is the figure of a count said before it: "The number of patients
    waiting ... now stands at 1,120", "to keep warden numbers at their current level of 90"."""
    before = {t for _, t in sides(sentence, span, tuning.ANCHOR_WINDOW)[0]}
    return bool(wanted & before) and bool(counting_terms()[0] & before)


_SHARED_COUNT_WORDS = 2
_JOINED_TO = lazy_compile(r"-([a-z]+)\b", re.IGNORECASE)
_PREPOSITION_AFTER = lazy_compile(
    r"\s*(?:in|at|on|to|for|from|by|since|after|before|into|during|across|within|with)\b", re.IGNORECASE
)
# A place named in so few words, all of them in most documents, is where they are all set.
_SETTING_WORDS = 2
# In fewer documents, every word of one is in most of them.
_SETTING_DOCUMENTS = 3


def _is_setting(span: AnswerSpan, asked: Asked) -> bool:
    """Whether a place is where every document is set ("Kelbyshire"), not where
    something in particular is."""
    return (
        asked.documents >= _SETTING_DOCUMENTS
        and len(span.text.split()) <= _SETTING_WORDS
        and not names_a_site(span)  # "Kelby Wharf", however often named, is a site
        # A town most documents name, though no title does, is where they are set.
        and all(asked.is_subject(t) or t in asked.untitled for t in tokenize(span.text))
    )


def _changed_to(
    sentence: str, spans: Sequence[AnswerSpan], people: bool
) -> tuple[list[AnswerSpan], dict[int, AnswerSpan]]:
    """The spans without the old value of a change, before the new one ("rose from £600 to
    £750" gives £750, "X retired and was succeeded by Y" gives Y) or after it ("£61m, up
    from £48m" gives £61m, "Y became chair, taking over from X" gives Y); and for each new
    value kept (by place in the list kept), the old one it replaced, the nearest if two."""
    kept: list[AnswerSpan] = []
    replaced: dict[int, AnswerSpan] = {}
    old: AnswerSpan | None = None
    for s, after in itertools.zip_longest(spans, spans[1:]):
        if after is not None and replaced_by(sentence, s, after, people):
            old = s
            continue
        if old is not None:
            replaced[len(kept)] = old
            old = None
        if kept and replaced_by(sentence, s, kept[-1], people):
            replaced.setdefault(len(kept) - 1, s)
            continue
        kept.append(s)
    return kept, replaced


# A first name and an initial: "Carol T", a reader who signs a comment.
_INITIALLED = lazy_compile(r"[A-Z][a-z]+ [A-Z]\.?")


def _firms(sentence: str, query: Query) -> list[AnswerSpan]:
    """The names of firms a sentence gives: "Elmbury Ward Construction", "Birch & Lowe"."""
    return [
        s
        for s in find_answer_spans(sentence, "name", query.corrected)
        if fold(s.text.split()[-1]).strip("'’") in COMPANY_WORDS or _PARTNERS.search(s.text)
    ]


# "Birch & Lowe": two surnames joined; not "A & E".
_PARTNERS = lazy_compile(r"\b[A-Z][a-z]+\s+&\s+[A-Z][a-z]+\b")


def before_published(span: AnswerSpan, published: PubDate) -> bool:
    """Whether a date span is of a time before a publication date (a year before its year,
    a month before its month)."""
    return _against_published(span, published) < 0


def after_published(span: AnswerSpan, published: PubDate) -> bool:
    """Whether a date span is of a time after a publication date (a year after its year,
    a month after its month): a plan when it was written, not an event."""
    return _against_published(span, published) > 0


def _against_published(span: AnswerSpan, published: PubDate) -> int:
    """-1, 0 or 1 as a date span tells of a time before, at (or not known against) or
    after its document's publication; a month counts only where both give one."""
    told = latest_mentioned(span.display, published)
    if told is None:
        return 0
    year, month = told
    now = published.value
    if year != now.year:
        return -1 if year < now.year else 1
    if month == 0 or published.precision == "year" or month == now.month:
        return 0
    return -1 if month < now.month else 1


def _later(sentence: str, before: str, published: PubDate | None) -> bool:
    """Whether a sentence tells of a later time than the one before it ("in May 2015"
    after "in 2013"): the update of what that one said."""
    now, then = latest_mentioned(sentence, published), latest_mentioned(before, published)
    return now is not None and then is not None and now > then


def _value_dropped(sentence: str, before: str, query: Query) -> bool:
    """Whether the question names a value ("rated inadequate") that the sentence before
    gives and this one does not: then this one tells of another state of things."""
    for kind in _VALUE_KINDS - {query.kind}:
        for span in find_answer_spans(before, kind, ""):
            if set(tokenize(span.text)) <= set(query.terms) and fold(span.text) not in fold(sentence):
                if re.search(rf"\b(?:from|out of)\s+{re.escape(fold(span.text))}\b", fold(query.corrected)):
                    continue  # "When did it move up from inadequate?" asks when that state ended
                return True
    return False


def read_passage(
    passage: Passage,
    document: Document,
    asked: Asked,
    opening: frozenset[str] = frozenset(),
    heading: frozenset[str] = frozenset(),
) -> PassageRead:
    """The best sentence of a passage for the query, and whether it answers; `opening` is
    the terms of the sentence before the passage, in its document, and `heading` those of
    the question heading it answers, in an FAQ."""
    query = asked.query
    best: PassageRead | None = None
    passage_terms: set[str] = set()
    previous = opening
    asks_post = query.kind == "person" and bool(query.roles)
    # What the question says of the figure it asks, read once rather than per sentence.
    # Not a name's word: "Kelby Fell" asks no fall.
    change_asked = any(
        not (m.group(0)[0].isupper() and _NAMES_WORD.search(query.corrected, 0, m.start()))
        for m in _CHANGE_ASKED.finditer(query.corrected)
    )
    rate_asked = _RATE_ASKED.search(query.corrected) is not None
    price_asked = _PRICE_ASKED.search(query.corrected) is not None
    last: PassageRead | None = None  # the read of the sentence before
    for number, sentence in enumerate(sentences_of(passage.text)):
        terms = sentence_terms(sentence)
        passage_terms.update(terms)
        # "Care Quality Commission" says the "CQC" a question names.
        # and "the memorandum of understanding" the "mou".
        # The question an FAQ answers below it ("How much is a season ticket?") is asked
        # of every sentence of the answer, as if each said it.
        said = set(terms) | acronyms(sentence) | spelled_out(sentence, query.unknown) | heading
        coverage = coverage_of(said, query, asked.weights, asked.total)
        proximity = proximity_of(terms, query)
        span, strength, old, planned = None, 1, None, True
        # Terms of the body a person's "the company" points back to; or those a sentence
        # naming who played a part in an event says in other words (`party`).
        pointed: frozenset[str] = frozenset()
        if query.kind is not None:
            spans = find_answer_spans(sentence, query.kind, query.corrected, document.published, asked.keep)
            if query.kind == "person" and not query.roles and not query.about:
                # "Who built the tram line?" may be answered by a firm.
                spans = sorted(spans + _firms(sentence, query), key=lambda s: s.start)
            if query.kind == "person":
                spans = [s for s in spans if not succeeded_the_one_asked(sentence, s, query.corrected)]
            if asks_post:
                spans = [s for s in spans if holds_role(sentence, s, asked, previous)]
                if spans and previous and points_back(sentence, spans[0]):
                    # "Jo Bell, who took charge of the company, said": what the question
                    # shares with the sentence before is what "the company" says here.
                    pointed = previous
                    shared = set(terms) | previous
                    coverage = max(coverage, coverage_of(shared, query, asked.weights, asked.total))
            elif query.kind in _ATTRIBUTED_KINDS:
                spans = [s for s in spans if not attributed_elsewhere(sentence, s, asked)]
            if query.kind == "place":
                # "in Kelbyshire", where every document is set, says where nothing is.
                spans = [s for s in spans if not _is_setting(s, asked)]
            if not asks_post and query.people:
                spans = [s for s in spans if not of_another_person(sentence, s, query.people)] or spans
            if query.kind == "count":
                # The count an FAQ's answer opens on is the heading's; not one further on.
                faq_heading = heading if number == 0 else frozenset()
                spans = [s for s in spans if _counts_asked(sentence, s, query, faq_heading)]
            if query.kind == "date" and query.future:
                # "three years ago" cannot be when something will happen.
                spans = [s for s in spans if not _PAST_RELATIVE.search(s.text)]
            if query.kind == "date" and query.forecast and document.published is not None:
                # "When was it expected to open?": a date already past when the document
                # was written ("cost £8m when it opened in 2014") was no plan then; a
                # sentence of only such dates tells the plan less than one of dates to come.
                ahead = [s for s in spans if not before_published(s, document.published)]
                planned = bool(ahead) or not spans
                spans = ahead or spans
            if query.kind in ("amount", "count") and not change_asked:
                # "a £2m spending increase", "the bill has risen by more than £3m": by how
                # much something changed, not what it is.
                spans = [s for s in spans if not _tells_change(sentence, s)]
                # "three times the £40,000 first quoted": what the answer is measured against.
                spans = [s for s in spans if not _MEASURED_AGAINST.search(sentence, 0, s.start)]
            if query.kind == "amount" and not rate_asked:
                # "£250,000 a year" is what something costs to run, not what it costs.
                spans = [s for s in spans if not RATE_AFTER.match(sentence, s.end)]
            if query.kind == "amount" and price_asked:
                # "How much is a family ticket?": what one person pays is never millions.
                spans = [s for s in spans if not _MILLIONS.search(s.text)]
            elif query.kind == "amount" and not rate_asked:
                # "What did the bridge cost to build?": never a sum in pence.
                spans = [s for s in spans if not _PENCE.match(s.text.strip())]
            if query.kind == "name" and query.noun_term in counting_terms()[1]:
                # "Which company runs the ferry?": a reader signing "Carol T" is none.
                spans = [s for s in spans if not _INITIALLED.fullmatch(s.text)]
            if query.kind == "name" and query.noun and _names_a_body_kind(query.noun):
                # "Which firm built it?": a person named with a title ("Ms Vance") is no firm.
                spans = [
                    s
                    for s in spans
                    if not _TITLE_OF.match(s.text) and not _TITLE_BEFORE.search(sentence[: s.start])
                ]
            if query.kind == "name" and query.noun:
                strong = [s for s in spans if names_noun(s, sentence, query.noun)]
                spans, strength = (strong, 2) if strong else (spans, 1)
                # "Which grid company ...?": "Keldby Grid Networks", not "Colby Road".
                spans = [s for s in spans if set(tokenize(s.text)) & query.kind_terms] or spans
            taken = party(sentence, query.party, query.succeeded) if query.party is not None else None
            if taken is not None:
                # "Its replacement, Corrie & Pask, ...": the firm that took the work on, not
                # the one that failed, whatever else the sentence names ("opened by the
                # author Jo Bell": who opened it). It says what the question says of the
                # event ("brought in to finish the job after the first contractor failed"),
                # in other words; what the event was of, it must name.
                spans = [taken]
                implied = frozenset(query.terms) - frozenset(query.names)
                passage_terms.update(implied)
                pointed = pointed | implied
                coverage = max(coverage, coverage_of(said | implied, query, asked.weights, asked.total))
            spans, replaced = _changed_to(sentence, spans, query.kind == "person")
            positions = matched_positions(sentence, query)
            # The answer is the first span near the question's words; one far from them
            # answers something else the sentence says ("... an inspection four years ago").
            # Among near ones, text order: "X was appointed manager, replacing Y" names X;
            # but a figure is the one nearest ("first costed at £18m, will now cost £31m").
            # A new value stands where the old one it replaced does: "the estimated cost
            # has risen from £48 million to £67 million" links £67 million to the cost.
            distances = [
                min(
                    distance_in_words(sentence, s, positions),
                    distance_in_words(sentence, replaced[k], positions) if k in replaced else len(sentence),
                )
                for k, s in enumerate(spans)
            ]
            near = [d <= tuning.LINK_WINDOW for d in distances]
            event = _event_positions(sentence, query) if query.kind == "date" and len(spans) > 1 else []
            if query.kind == "count" and len(spans) > 1:
                # As near as each other, the count whose phrase says more of the question:
                # "40 buses and 12 electric buses" for "how many electric buses".
                phrased = [len(_phrase_terms(sentence, s.end) & set(query.terms)) for s in spans]
                first_near = min(range(len(spans)), key=lambda k: (distances[k], -phrased[k]))
            elif query.kind in _NEAREST_KINDS and spans:
                first_near = distances.index(min(distances))
            elif (
                query.kind == "rating"
                and len(spans) > 1
                and (which := _qualifying_positions(sentence, asked))
            ):
                # "our G1 grading for governance and our viability grading at V2": the
                # grade is the one beside what the question says is graded.
                by_what = [distance_in_words(sentence, s, which) for s in spans]
                first_near = by_what.index(min(by_what))
            elif event and True in near:
                # "less than three years ago, and it says the hub is still due to open in
                # January": the date of the event asked about is the one beside its word.
                by_event = [distance_in_words(sentence, s, event) for s in spans]
                # As near either way, the date after the event is its date: "called in
                # administrators on 14 August", not "won in 2016, called in ...".
                first_near = min(
                    (k for k in range(len(spans)) if near[k]),
                    key=lambda k: (by_event[k], spans[k].start < event[0]),
                )
            else:
                first_near = near.index(True) if True in near else 0
            if spans and not query.asks_earlier and tells_earlier(sentence, spans[first_near]):
                # "originally meant to cost £11.5m, but ... pushed the final bill to
                # £16.3m": the value that holds now is the other one beside the question.
                now = [k for k in range(len(spans)) if near[k] and not tells_earlier(sentence, spans[k])]
                first_near = now[0] if now else first_near
            span = spans[first_near] if spans else None
            old = replaced.get(first_near) if spans else None
            if old is not None and query.asks_original_value:
                # "What was it first meant to cost?" of "now £17m, up from £14m when it was
                # approved": the value the change replaced.
                span, old = old, None
            # Under "Where do the rowers train?", "Since May, at Kelby Wharf" says where.
            linked = bool(spans) and (near[first_near] or bool(pointed) or bool(heading) or taken is not None)
            if spans and not linked and query.kind == "count" and query.counted is not None:
                # "warden numbers at their current level of 90": the count is said to be of
                # what is asked, however many words stand between.
                counted = {query.counted} | query.expansions.get(query.counted, frozenset())
                linked = _number_of_before(sentence, spans[first_near], counted)
            strength = strength if spans else 0
        else:
            linked = True
        # A why question is answered by a sentence that gives a cause, a "who will own
        # it?" by one that says who does it: "owned by the county council".
        cause = (
            (query.why and gives_cause(sentence))
            or (query.doing is not None and doer_of(sentence, query.doing) is not None)
            or (query.asks_before and former_post(sentence, query.people) is not None)
        )
        carried = pointed | heading
        follows = (
            span is not None
            and last is not None
            and last.span is not None
            and last.linked
            and _CONTINUES.match(sentence) is not None
            and _later(sentence, last.sentence, document.published)
            and not _value_dropped(sentence, last.sentence, query)
        )
        if follows and last is not None:
            # "They were re-rated 'good' in 2016." goes on about what the sentence before
            # said: its subject, and so its words, are the pronoun's, and it says the later.
            coverage, linked, proximity = max(coverage, last.coverage), True, max(proximity, last.proximity)
            carried = carried | last.anchor_words
            strength = max(strength, last.strength)
        if query.kind == "date" and span is not None and linked and last is not None and last.span is None:
            # "The jetty is in use at last. The ferry Tern moored there on Thursday 3 June.":
            # a date right after a sentence that tells the event but gives none is its date.
            told = sentence_terms(last.sentence)
            coverage = max(coverage, coverage_of({*terms, *told}, query, asked.weights, asked.total))
            carried = carried | frozenset(told)
        candidate = PassageRead(
            sentence, coverage, proximity, span, strength if coverage > 0 else 0, linked, cause=cause
        )
        candidate.pointed = pointed
        candidate.supersedes = old
        candidate.planned = planned
        candidate.anchor_words = carried | (
            frozenset(window_terms(sentence, span, tuning.ANCHOR_WINDOW)) if span is not None else frozenset()
        )
        if asks_post:  # only a post's check reads what the sentence before said
            previous = said_of_ours(sentence, terms, asked)
        before, last = last, candidate
        if (
            best is None
            or _standing(candidate) > _standing(best)
            # A sentence that updates the best one so far takes its place.
            or (follows and best is before)
            # Of two that say as much, the one about the later time is the news: "had said
            # the hall would open in 2012. Its latest plan puts the opening in 2014."
            or (
                candidate.span is not None
                and best.span is not None
                and _standing(candidate) == _standing(best)
                and _later(sentence, best.sentence, document.published)
            )
        ):
            best = candidate
    assert best is not None
    best.retrospective = best.span is not None and tells_earlier(best.sentence, best.span)
    best.terms = (
        frozenset(passage_terms) | acronyms(passage.text) | spelled_out(passage.text, query.unknown) | heading
    )
    best.context = coverage_of(set(best.terms), query, asked.weights, asked.total)
    if best.span is not None:
        anchor = (asked_term(t, query) for t in best.anchor_words)
        best.anchor = frozenset(t for t in anchor if t is not None)
        if query.kind == "person":
            # "Jo Bell, who took charge of the company" holds the post the sentence before
            # gave: "The new chief executive of X ...".
            best.posts = posts_of(best.sentence, best.span) | (best.pointed & role_stems())
    return best


# A sum followed by "a year" (or asked about per year) is a rate, not a total.
_VALUE_KINDS: frozenset[AnswerType] = frozenset({"rating", "person", "amount"})
# What one person pays for one thing: "an adult ticket", "the single fare", "to park",
# "the weekly rent" (not "ticket sales" or "fare income").
_PRICE_ASKED = lazy_compile(
    r"\b(?:(?:a|an|one|adult|child|single|return|family|season|day|weekly|monthly)\s+(?:[\w'’-]+\s+)?"
    r"(?:ticket|fare|pass)\b(?!\s+(?:sales|revenue|income|receipts))|to park|parking (?:fee|charge|cost)s?|"
    r"(?:weekly|monthly|average) rent|(?:entry|entrance|admission) (?:fee|price|charge)s?|"
    r"(?:hourly|daily|nightly) rates?|rates? (?:per|an|a) (?:hour|day|night))",
    re.I,
)
_MILLIONS = lazy_compile(r"\d\s*(?:m|bn|million|billion)\b", re.I)
_PENCE = lazy_compile(r"\d+(?:\.\d+)?p\b")
# A question about what is paid again and again (a bill, a fare, pay) is answered by a rate.
_RATE_ASKED = lazy_compile(
    r"\b(?:a|an|per|each|every)\s+(?:year|annum|month|week|day|hour|night)\b|\b(?:annual|yearly|monthly|hourly)|"
    r"\b(?:bills?|fares?|salar(?:y|ies)|pay|wages?|rents?|subsid(?:y|ies)|tax|charges?|prices?|fees?|dues|tariffs?|"
    r"bursar(?:y|ies)|grants?|allowances?|scholarships?|stipends?|pensions?|giv(?:e|es|ing)|worth)\b",
    re.I,
)

# A question about a change: "by how much did it rise?", "how big was the increase?".
# A capitalised word right before: the word after it is part of a name ("Kelby Fell").
_NAMES_WORD = lazy_compile(r"\b[A-Z][\w'’-]*\s+$")
_CHANGE_ASKED = lazy_compile(
    r"\b(?:increase[sd]?|rise|rises|rose|risen|raise[sd]?|extra|more|additional|further|cut|cuts|reduction|"
    r"reduced|saving|savings|save|overspend|overrun|shortfall|difference|gap|up|down|grow|grew|growth|fall|"
    r"fell|drop|dropped|change|changed|boost|top-up|uplift)\b",
    re.IGNORECASE,
)
# A figure told as a change: "a £2m spending increase", "up by £2m", "an extra £3m".
_CHANGE_AFTER = lazy_compile(
    r"\s*(?:[a-z][\w-]*\s+)?(?:increase|rise|uplift|boost|hike|cut|reduction|drop|fall|overspend|overrun)s?\b",
    re.IGNORECASE,
)
_CHANGE_BEFORE = lazy_compile(
    r"\b(?:(?:rise|rises|rose|risen|increase[sd]?|grow|grew|grown|fall|falls|fell|fallen|cut|reduced|up|down)"
    r"(?:\s+[a-z]+)?\s+by|an extra|a further|an additional|another)\s+"
    r"(?:(?:more than|nearly|almost|about|around|over)\s+)?$",
    re.IGNORECASE,
)


def _tells_change(sentence: str, span: AnswerSpan) -> bool:
    """Whether a figure is by how much something changed, not what it is."""
    end = span.start + len(span.text.rstrip(" ,.;:"))
    return bool(_CHANGE_AFTER.match(sentence, end)) or bool(_CHANGE_BEFORE.search(sentence, 0, span.start))


# A figure the answer is a multiple of: "twice the £40,000 first quoted", "three times the 40 of 2019".
_MEASURED_AGAINST = lazy_compile(
    r"\b(?:double|twice|treble|triple|half|(?:two|three|four|five|ten) times)\s+(?:the|its|their|our)\s+$",
    re.IGNORECASE,
)

_PAST_RELATIVE = lazy_compile(r"\b(ago|last|previous|earlier)\b", re.IGNORECASE)

# A sentence that says what was said or planned before, not what holds now.
_RETROSPECTIVE = lazy_compile(
    r"\b(originally|initially|at first|first (announced|promised|planned|costed|proposed|set|estimated)|"
    # "had been rated 'fair' since 2019": a grade held until the news the sentence tells.
    r"had (been|originally been) (due|expected|planned|promised|scheduled|meant|rated|graded|judged|ranked)|"
    r"previously|"
    r"used to|was first|were first|"
    # "the original plan was to finish in 2026", "the initial estimate put it at £3m"
    r"the (?:original|initial|earlier|previous) (?:plan|estimate|budget|forecast|timetable|deadline|price|"
    r"cost|schedule) (?:was|had been|put|of))\b",
    re.IGNORECASE,
)

_CLAUSE_BREAK = lazy_compile(r"[,;:()\u2013\u2014]|\b(but|and)\b", re.IGNORECASE)
_UPDATED = lazy_compile(
    r"\b(now|since|but|however|instead|later|revised|risen|rose|slipped)\b", re.IGNORECASE
)
_EARLIER_REACH = 8  # words from "first promised" to the value it governs
_OPENING_WORDS = 4  # "When it was first announced, ..." sets the time of the whole sentence
_LATER_THAN = lazy_compile(r"\b(after|since)\b", re.IGNORECASE)


def tells_earlier(sentence: str, span: AnswerSpan) -> bool:
    """Whether the sentence gives its answer as what was said or planned before.

    The marker must lead up to the answer in the same clause ("was first promised for
    2015", "originally due in 2017"), or open the sentence ("When it was first announced,
    ... at a cost of £18m") with nothing saying the answer came later: the value in "will
    open next summer, five years later than first planned" is the new one.
    """
    for match in _RETROSPECTIVE.finditer(sentence, 0, span.start):
        between = sentence[match.end() : span.start]
        if _UPDATED.search(between):
            continue
        opening = sentence[: match.start()]
        # "Seven years after it was first announced, the hub opened": the rest came later.
        later = _LATER_THAN.search(opening) is not None
        if not _CLAUSE_BREAK.search(opening) and len(opening.split()) <= _OPENING_WORDS and not later:
            return True
        if not _CLAUSE_BREAK.search(between) and len(between.split()) <= _EARLIER_REACH:
            return True
    return False


# Words that give a cause: what a "why" question asks for. "since" only before a clause
# ("since costs rose"), not a time ("since 2015", "since it began").
_CAUSE = lazy_compile(
    r"\b(because|due to|owing to|as a result|result of|following|after|so that|in order to|"
    r"led to|caused|blamed|reasons?|found|uncovered|discovered|revealed|amid|means|meant|by \w+ing|"
    r"follows|reflects?|reflecting|stems? from|driven by|attributed to|thanks to)\b",
    re.IGNORECASE,
)

# "is still due to open" says when, not why.
_SCHEDULED = lazy_compile(
    r"\b(?:is|are|was|were|be|been|being|still|now|not|originally|initially|also|then)\s+due to\b", re.I
)


def gives_cause(sentence: str, words: re.Pattern[str] = _CAUSE) -> bool:
    """Whether a sentence gives a cause in one of `words` ("because", "found", "follows");
    a heading ("Reasons for the recommendations") only names one to come."""
    if _HEADING.fullmatch(sentence):
        return False
    return bool(words.search(_SCHEDULED.sub(" ", sentence)))


# A heading: a few words that end on no stop.
_HEADING = lazy_compile(r"\s*\S+(?:\s+\S+){0,5}?\s*(?<![.!?:;\"'”’)])\s*")


# A sentence that goes on about the subject of the one before it.
_CONTINUES = lazy_compile(r"\W*(They|It|This|These|He|She|That)\b")


def opening_terms(index: Index, i: int, asked: Asked) -> frozenset[str]:
    """For a question about a post: the terms of the sentence before passage i in its
    document, which "the company" or "its" at the passage's start may point back to."""
    query = asked.query
    if query.kind != "person" or not query.roles or i == 0:
        return frozenset()
    before = index.passages[i - 1]
    if before.doc_id != index.passages[i].doc_id:
        return frozenset()
    sentences = sentences_of(before.text)
    return said_of_ours(sentences[-1], sentence_terms(sentences[-1]), asked) if sentences else frozenset()


@cache
def _grading_terms() -> frozenset[str]:
    return frozenset(map(stem, GRADING.split("|")))


def _qualifying_positions(sentence: str, asked: Asked) -> list[int]:
    """Where the sentence says the question's most telling word other than a grading one
    ("viability" in "What viability grade does the regulator give?")."""
    query = asked.query
    said = [(start, first) for start, first in word_stems(sentence) if first not in _grading_terms()]
    found = {asked_term(first, query) for _, first in said} - {None}
    if not found:
        return []
    telling = max(found, key=lambda t: asked.informative.get(t or "", 0.0))
    return [start for start, first in said if asked_term(first, query) == telling]


def _event_positions(sentence: str, query: Query) -> list[int]:
    """Where the sentence says the event a date question ends on ("open" in "due to open")."""
    event = query.defining_term
    if event is None:
        return []
    stems = word_stems(sentence)
    # The word itself before its synonyms: in "work is to start this winter, and the pool
    # is due to open in spring 2026", "open" is the event, not "start".
    exact = [start for start, first in stems if first == event]
    if exact:
        return exact
    alike = query.expansions.get(event, frozenset())
    return [start for start, first in stems if first in alike]


@cache
def title_terms(document: Document) -> frozenset[str]:
    """The terms of a document's title: what its passages are about."""
    return frozenset(tokenize(document.title or ""))


def passage_or_title_terms(passage: Passage, document: Document) -> frozenset[str]:
    """The terms a passage says itself or takes from its document's title."""
    return frozenset(tokenize(passage.text)) | title_terms(document)


# A question an FAQ answers in the paragraph below it: "How much is a season ticket?".
_ASKED_HEADING = lazy_compile(r"[^|]*\?")
_HEADING_WORDS = 20


def _is_asked_heading(passage: Passage) -> bool:
    """Whether a passage is one short question standing alone, as an FAQ's headings are."""
    text = passage.text.strip()
    # The cheap tests first: most candidates are long paragraphs ending on a stop.
    if passage.position == 0 or not _ASKED_HEADING.fullmatch(text) or len(text.split()) > _HEADING_WORDS:
        return False
    return len(sentences_of(text)) == 1


def answers_heading(index: Index, i: int) -> bool:
    """Whether passage i is an FAQ's answer: it directly follows a question heading in its
    document, and is none itself."""
    if not 0 < i < len(index.passages):
        return False
    above, passage = index.passages[i - 1], index.passages[i]
    return above.doc_id == passage.doc_id and _is_asked_heading(above) and not _is_asked_heading(passage)


def asked_above(index: Index, i: int, query: Query) -> frozenset[str]:
    """The terms of the question heading passage i answers (`answers_heading`), when it
    asks the kind of answer the query does (none otherwise: under "Why did the pool
    close?", a date is no answer to "When did it close?")."""
    if not answers_heading(index, i):
        return frozenset()
    above = index.passages[i - 1].text
    return frozenset(sentence_terms(above)) if expected_answer(above) == query.kind else frozenset()


def _passages_before(index: Index, i: int) -> list[Passage]:
    """The passages just before passage i in its document, where a quote in it may have
    begun (`QUOTE_PASSAGES`)."""
    doc = index.passages[i].doc_id
    around = (index.passages[j] for j in range(max(0, i - tuning.QUOTE_PASSAGES), i))
    return [passage for passage in around if passage.doc_id == doc]


def terms_before(index: Index, i: int) -> frozenset[str]:
    """The terms of the passages just before passage i in its document."""
    found: set[str] = set()
    for passage in _passages_before(index, i):
        for sentence in sentences_of(passage.text):
            found.update(sentence_terms(sentence))
    return frozenset(found)


# Words that tell what someone said: "said", "told the committee", "warned".
_SPEECH = lazy_compile(
    r"\b(said|says|say|told|tells|added|adds|stated|states|warned|warns|commented|explained|insisted|"
    r"admitted|described|describes|called|calls|hopes|hoped|believes|believed|argued|argues|claimed|"
    r"claims|wrote|writes|announced|announces|promised|promises)\b",
    re.IGNORECASE,
)


def speaks(index: Index, i: int, people: frozenset[str]) -> bool:
    """Whether someone the question names speaks in passage i or in the passages just
    before it in its document (a quote runs on after the name of who said it)."""
    for passage in (*_passages_before(index, i), index.passages[i]):
        for sentence in sentences_of(passage.text):
            if _SPEECH.search(sentence) and people & set(sentence_terms(sentence)):
                return True
    return False
