"""Order passages for a question: what it asks, whose answer, then the newest that says it.

1. BM25 (rank-bm25's BM25Okapi scores, from postings) scores the passages for the
   question's terms and their synonyms; under an `--as-of` cut-off, passages published
   later, or undated, are left out. In a small corpus, where BM25 weighs common words at
   nothing, passages holding them join the candidates.
2. Each candidate's sentences are read for an answer of the kind asked (a date, a person,
   a sum, a count, a rating, a place, a name) standing next to the question's words
   ("linked") and belonging to what the question names: a person the sentence gives the
   post asked about, a figure no other body named beside it owns, a count of the thing
   asked about. Coverage is the share of the question's idf-weighted words a sentence
   (or its passage) holds.
3. Passages that answer the same fact form a band, newest first (within a document, the
   statement about the latest time first); the rest follow by quality. Recency never
   lifts a passage that does not answer, answers less of the question, or tells an
   earlier value ("first costed at ...").
4. The ranking abstains when a name or rare word of the question is nowhere in the
   documents, when no passage gives that kind of answer for what the question names, or
   when none covers enough of it. `docs/answers.md` has the whole account and figures.

May import `corpus`, `text`, `index` and the modules of this package below it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from functools import cache, partial

import numpy as np

from ..corpus import Document, Passage
from ..index import UNDATED, Index
from ..text.dates import PubDate
from ..text.lexicon import CAPACITY_WORDS, DEGREE_WORDS
from ..text.patterns import lazy_compile
from ..text.tokens import fold, stem, tokenize, words
from . import tuning
from .asked import Asked, role_and_modifier_stems, term_weights
from .causes import lead_with_cause
from .figures import FIGURE_KINDS
from .hits import Hit, Ranking, dedupe, earliest_first, newest_first
from .initials import initials_said, with_names_spelled
from .posts import attributed_elsewhere, same_post
from .query import Query, graded
from .question import asks_yes_or_no
from .reading import (
    PassageRead,
    after_published,
    answers_heading,
    asked_above,
    before_published,
    counting_terms,
    opening_terms,
    passage_or_title_terms,
    read_passage,
    speaks,
    terms_before,
    title_terms,
)
from .rivals import rival_terms, untitled_terms
from .sentences import WORD, sentence_terms, sentences_of, sides
from .spans import (
    TITLE,
    credited,
    destination,
    dimension_terms,
    fate,
    find_answer_spans,
    former_use_told,
    funding,
    is_month_year,
    is_name_word,
    is_year,
    party,
    persons_in,
    purpose,
    years_in,
)
from .wording import zipf, zipf_of_lemma

__all__ = ["Hit", "Ranking", "fact_words", "rank", "wording_overlap"]

#: Answer types a sentence of no particular type may answer when none of the type does,
#: or when none of the type answers enough of the question ("Who picked the consultancy?"
#: "The DfE appointed it"; "What rating was the lido given?" "Assessors found it clean and
#: safe throughout"), if it is of a year the question names.
_UNTYPED_FALLBACK = frozenset({"person", "name", "place", "measure", "rating"})


_ASKS_YEAR = lazy_compile(r"\b(?:what|which) year\b", re.IGNORECASE)
# "On what date did it take over?", "What day did she start?": a day, not a month or year.
# Not "What day does the mobile library come?", which asks a day of the week.
_ASKS_DAY = lazy_compile(
    r"\W*(?:on\s+(?:what|which)\s+(?:date|day)|(?:what|which)\s+(?:exact\s+)?day)\b(?!\s+(?:does|do)\b)", re.I
)
# A date giving its day: "1 April 2014", "April 1", "Tuesday 3 June"; not "the week of 31
# March", which "last week" is read as.
_DAY_GIVEN = lazy_compile(
    r"^(?!week\b)(?:.*?)(?:\b\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+|\b[a-z]+\s+\d{1,2}\b)", re.I
)
# "When did it open?", "when did they move": asks when something happened.
_WHEN_DID = lazy_compile(r"\W*(?:when|what\s+(?:date|day|month|year))\s+did\b", re.IGNORECASE)
# Words that make a sentence tell a plan, not what happened: "due to open", "pushed back to".
_PLANNING = lazy_compile(
    r"\b(will|would|due|expected|set to|scheduled|planned|plans?|hopes?|hoped|on course|on track|pushed back|"
    r"put back|delayed|until|could|should|aims?|intends?|target|forecast|supposed|meant to|likely)\b",
    re.IGNORECASE,
)
_WORD = lazy_compile(r"[a-z]+")
# Past forms of the verbs of events that take no "-ed": "the pool shut", "work began".
_PAST_FORMS = frozenset("began begun shut went built took made set won lost held".split())


def _done_terms(query: Query) -> frozenset[str]:
    """The stems of the question's words that may tell its event ("open", "start", "shut")."""
    return frozenset(query.terms) - set(query.names)


_QUOTE_MARK = lazy_compile(r"[“”\"]")
# A sentence addressed to its readers: "you can apply online", "please write to us".
_TO_READER = lazy_compile(r"\b(you|your|yours|please)\b", re.IGNORECASE)
_QUOTED = lazy_compile(r"[“\"][^”\"]*[”\"]")


def _eligible(index: Index, as_of: PubDate | None) -> np.ndarray | None:
    """Which passages may answer: under a cut-off, those published by then (None: all)."""
    if as_of is None:
        return None
    published = index.published_ordinals()
    # As things stood then: later documents did not exist yet, undated ones may not have.
    eligible: np.ndarray = (published != UNDATED) & (published <= as_of.value.toordinal())
    return eligible


_SENTENCE_END = lazy_compile(r"[.!?:\"“‘(]\s*$")


def _written_as_name(term: str, texts: Sequence[str], stems: Mapping[str, str]) -> bool:
    """Whether the documents write a word only as a name: "stanholt" in a lower-case
    question is the "Stanholt" they mention, capitalised mid-sentence every time."""
    capitalised = 0
    for text in texts:
        for match in WORD.finditer(text):
            word = match.group(0)
            if word[0].isdigit() or word[0] in "£$€":
                continue
            folded = fold(word)
            # A name's stem is a prefix of it; only those words are looked up, and only
            # through the stems the index keeps (a lemmatiser costs a cold start 0.5 s).
            if not folded.startswith(term[:4]) or stems.get(folded) != term:
                continue
            if not word[0].isupper() or not is_name_word(word):
                return False  # written in lower case somewhere, or a month, role or kind of body
            if match.start() > 0 and not _SENTENCE_END.search(
                text[max(0, match.start() - 3) : match.start()]
            ):
                capitalised += 1
    return capitalised > 0


def _publisher_meant(query: Query, passage: Passage, document: Document) -> frozenset[str]:
    """The terms of a passage's publisher when the passage means it by a common noun the
    question asks of too: a council's own report says "the council's chief executive"."""
    published_by = set(tokenize(document.publisher or ""))
    nouns = {t for t in query.terms if t in published_by and t not in query.names}
    if nouns and any(
        a == "the" and stem(b) in nouns for a, b in itertools.pairwise(words(fold(passage.text)))
    ):
        return frozenset(published_by)
    return frozenset()


def _names_given(
    read: PassageRead, names: Sequence[str], rivals: AbstractSet[str], title: AbstractSet[str]
) -> bool:
    """Whether the passage, the ones just before it or its document's title mention every
    name given ("Stanholt", "Ludbury"): a quote runs on for paragraphs after the name of who
    said it, and an article's title says what "the project" of its passages is. A rival
    body's name must be in the passage or the title: "Our pass rate rose again" after a
    paragraph about Stanholt is still the subject's."""
    return all(t in read.terms or t in title or (t in read.before and t not in rivals) for t in names)


def fact_words(index: Index, hit: Hit) -> dict[str, float]:
    """The words a hit's sentence tells its fact in, each weighed by how informative it is;
    its value and any figure aside."""
    value = set(sentence_terms(hit.span.value)) if hit.span is not None else set()
    return {
        t: index.idf(t)
        for t in sentence_terms(hit.sentence)
        if t not in value and not any(c.isdigit() for c in t)
    }


def wording_overlap(one: Mapping[str, float], other: Mapping[str, float]) -> float:
    """The weight of the words two sentences share, as a share of the lighter one's."""
    shared = math.fsum(w for t, w in one.items() if t in other)
    return shared / (min(math.fsum(one.values()), math.fsum(other.values())) or 1.0)


def _plain(value: str) -> str:
    return fold(value).strip(" .,;:'’\"“”")


def _superseding(lead: Hit, answering: Sequence[Hit]) -> Hit:
    """The newest answer that replaced the lead's value, or one that replaced that, and so
    on; the lead itself when no newer document says its value was replaced."""
    seen = {lead.passage.id}
    while lead.span is not None and lead.document.published is not None:
        value, published = _plain(lead.span.value), lead.document.published.value
        newer = [
            h
            for h in answering
            if h.passage.id not in seen
            and h.span is not None
            and h.linked
            and not h.retrospective
            and h.supersedes is not None
            and _plain(h.supersedes.value) == value
            and h.document.published is not None
            and h.document.published.value > published
            and max(h.coverage, h.context) >= tuning.MIN_COVERAGE
        ]
        if not newer:
            break
        lead = newest_first(newer)[0]
        seen.add(lead.passage.id)
    return lead


def rank(index: Index, query: Query, as_of: PubDate | None = None) -> Ranking:
    """Rank the index's passages for a query, or abstain."""
    ranking = _rank(index, query, as_of)
    if query.kind is not None or not ranking.hits or not asks_yes_or_no(query.corrected):
        return ranking
    # "Is the lido still needs work, or back to fair?" names grades with no word for a
    # rating: the passages found say they are grades.
    asked = _padded(query.corrected)
    grades = {
        span.text
        for hit in ranking.hits
        for span in find_answer_spans(hit.passage.text, "rating", "")
        if _padded(span.text) in asked
    }
    if not grades:
        return ranking
    # "Was it needs attention in 2019?" asks, as a rating question, how things stood then.
    rating, cutoff = graded(query, grades).dated(as_of)
    regraded = _rank(index, rating, cutoff)
    # With nothing but the grades to go by ("did they get good back?"), no sentence giving
    # one need lead; the question is then read as it was.
    if not regraded.hits or regraded.hits[0].span is None:
        return ranking
    return replace(regraded, as_of=cutoff) if cutoff is not as_of else regraded


@cache
def _capacity_terms() -> frozenset[str]:
    """The terms of words that say a count is what a place holds: "places", "capacity", "seats"."""
    return frozenset(stem(w) for w in CAPACITY_WORDS)


def _holds(hit: Hit) -> bool:
    """Whether the hit's count is said as what a place holds: "a 900-place school",
    "capacity 900", "room for 900 places"."""
    assert hit.span is not None
    before, after = sides(hit.sentence, hit.span, tuning.COUNT_WINDOW)
    near = {t for _, t in after} | {t for _, t in before[-2:]}  # "capacity 900", "900 places"
    return bool(near & _capacity_terms())


def _with_answers(index: Index, top: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The candidates, each FAQ question heading among them followed by the passage that
    answers it, at its score: the answer may share few words with the question."""
    found = {i for i, _ in top}
    out = []
    for i, score in top:
        out.append((i, score))
        if i + 1 not in found and answers_heading(index, i + 1):
            found.add(i + 1)
            out.append((i + 1, score))
    return out


#: A person a document names: their titles, then their names ("Dr", "Jo Bell").
Named = tuple[tuple[str, ...], tuple[str, ...]]


def _people_named(index: Index, i: int) -> list[Named]:
    """Everyone the document of passage i names, in every passage of it."""
    doc = index.passages[i].doc_id
    first = last = i
    while first > 0 and index.passages[first - 1].doc_id == doc:
        first -= 1
    while last + 1 < len(index.passages) and index.passages[last + 1].doc_id == doc:
        last += 1
    people = []
    for j in range(first, last + 1):
        for person in persons_in(index.passages[j].text):
            said = person.display.split()
            people.append(
                (
                    tuple(w for w in said if TITLE.fullmatch(w)),
                    tuple(w for w in said if not TITLE.fullmatch(w)),
                )
            )
    return people


def _named_in_full(hit: Hit, people: Callable[[], Sequence[Named]]) -> Hit:
    """The hit, its person named as fully as their document names them (`people()`, read
    only for a person named by one name alone): "Dr Bell" as "Dr Jo Bell" when the document
    names one person of that surname in full, with no other title than the answer's; "Jo"
    as "Jo Bell" when it names one person of that given name and none of that surname."""
    span = hit.span
    if span is None:
        return hit
    words = span.display.split()
    titles = tuple(w for w in words if TITLE.fullmatch(w))
    names = [w for w in words if not TITLE.fullmatch(w)]
    if len(names) != 1:
        return hit
    named = people()
    full = {
        given
        for own, given in named
        if len(given) >= 2 and given[-1] == names[0] and (not own or not titles or own == titles)
    }
    if not full and not titles:
        # "Anjali takes over from ...": a given name alone, of the one person it begins.
        full = {given for _, given in named if len(given) >= 2 and given[0] == names[0]}
    if len(full) != 1:
        return hit  # none, or two people of that surname: which is meant is not said
    (whole,) = full
    shown = " ".join([*titles, *whole])
    return replace(hit, span=replace(span, value=fold(" ".join(whole)), resolved=shown))


def _padded(text: str) -> str:
    """A text's folded words between spaces, to find one text's words whole in another's."""
    return f" {' '.join(words(fold(text)))} "


#: Values a newer document may give again in passing ("the £31m building").
_RESTATED_KINDS = frozenset({"amount", "count", "percent", "measure", "name", "rating"})

# A value with two digits or a currency or per cent sign ("£31m", "42%") is seldom another
# thing's; "nine" often is.
_DISTINCTIVE = lazy_compile(r"\d.*\d|[£$€%]")

# A date that gives its year ("11 March 2019"), not one read from the article's date
# ("yesterday", "on Monday").
_YEAR_WRITTEN = lazy_compile(r"\b\d{4}\b")


def _restated_later(index: Index, query: Query, lead: Hit, eligible: np.ndarray | None) -> Hit | None:
    """The passage of the newest document, newer than the lead's, that gives the lead's value
    again in a document naming what the question names ("the £31m building" in the story of
    the hub's opening): the latest report of the value, though it says little else. A date
    read off the lead's document ("on Saturday") is given again by the month it fell in, or
    by a passage of the same document writing it out."""
    published, span, kind = lead.document.published, lead.span, query.kind
    value_terms = tokenize(span.text) if span is not None else []
    if kind == "date" and span is not None:
        # "Saturday" is found as "3 September 2022": its month and year are what a
        # restatement writes.
        value_terms = tokenize(" ".join(span.value.split()[-2:]))
    if published is None or span is None or kind is None or not value_terms:
        return None
    distinctive = kind == "name" or bool(_DISTINCTIVE.search(span.text))
    # "opened to patients yesterday": a passage of the same document writing the date out
    # reports it as well, and better.
    written_out = kind == "date" and not _YEAR_WRITTEN.search(span.text)

    def same_value(value: str) -> bool:
        # "on Saturday" (3 September 2022) is restated as "September 2022", not as "2022".
        return value == span.value or (
            written_out and is_month_year(value) and span.value.endswith(" " + value)
        )

    content = {t for t in query.terms if t not in query.roles} - set(value_terms)
    named = list(query.names)
    # The documents naming each name the question gives (in a passage or the title): what
    # the corpus is about too, for a sum said in passing says no more than itself.
    naming = [index.documents_holding(t) for t in named]
    best: Hit | None = None
    for i, share in index.holding(value_terms, tuning.CANDIDATES, eligible):
        if share < 1.0:
            break  # most held first: the rest lack a word of the value
        passage = index.passages[i]
        document = index.document_of(passage)
        when = document.published
        newest = best.document.published if best is not None else published
        if when is None or newest is None:
            continue
        if when.value <= newest.last_day and not (
            best is None and written_out and passage.doc_id == lead.passage.doc_id and passage != lead.passage
        ):
            continue
        titled = title_terms(document)
        if not all(passage.doc_id in docs or t in titled for t, docs in zip(named, naming, strict=True)):
            continue
        shares = bool(content & (set(tokenize(passage.text)) | titled))
        if not shares and (not named or not distinctive):
            continue  # "nine", or a sum in a document naming nothing asked: another thing's
        for sentence in sentences_of(passage.text):
            same = [
                s
                for s in find_answer_spans(sentence, kind, query.corrected, when)
                if same_value(s.value) and (kind != "date" or _YEAR_WRITTEN.search(s.text))
            ]
            if same:
                best = replace(
                    lead,
                    passage=passage,
                    document=document,
                    sentence=sentence,
                    span=same[0],
                    score=0.0,
                    supersedes=None,
                    retrospective=False,
                    duplicates=(),
                )
                break
    return best


# A grade lost, as a report tells it: "downgraded the cooperative to Bronze", "cut to
# Silver", "marked down", "lost its Gold rating".
_DOWNGRADED = lazy_compile(
    r"\b(?:downgrad\w+|marked\s+(?:\w+\s+)?down|lost\s+its|losing\s+its|cut\s+to|lowered|stripped|"
    r"down\s+(?:a\s+grade|from)|(?:fell|dropped)\s+to)\b",
    re.I,
)


def _tells_downgrade(text: str) -> bool:
    """Whether a text tells a grade lost as news, not as the time since ("restored two
    years after we were downgraded")."""
    return any(not _SINCE.search(text, 0, m.start()) for m in _DOWNGRADED.finditer(text))


# What a grade lost is recalled after: "two years after being marked down".
_SINCE = lazy_compile(r"\b(?:after|since)\s+(?:\w+\s+){0,3}$", re.I)


# A capitalised word past the first: a named body in what a reader read.
_NAMED_PLACE = lazy_compile(r"(?<=\s)[A-Z][a-z]")


def _first_saying(text: str, reader: Callable[[str], str | None]) -> str | None:
    """The first sentence of a text in which a reader finds what it reads, or None."""
    return next((s for s in sentences_of(text) if reader(s) is not None), None)


def _first_credit(index: Index, hits: Iterable[Hit], where: Mapping[str, int]) -> Hit | None:
    """The first of some hits whose passage, or one just after it, says what assessors
    credited or found (`_credit_told`); None if none does."""
    return next((c for h in hits if (c := _credit_told(index, where[h.passage.id], h))), None)


def _credit_told(index: Index, i: int, hit: Hit) -> Hit | None:
    """The hit as told by the first sentence saying what assessors credited, in its
    passage (i) or one of the few just after it in its document ("is now rated good",
    then "Inspectors said the service had cleared a backlog of ..."); None if none says."""
    for j in range(i, min(i + 1 + tuning.CAUSE_REACH, len(index.passages))):
        passage = index.passages[j]
        if passage.doc_id != hit.passage.doc_id:
            break
        says = _first_saying(passage.text, credited)
        if says is not None:
            if j == i:
                return replace(hit, sentence=says)
            return replace(hit, passage=passage, sentence=says, span=None)
    return None


def _rank(index: Index, query: Query, as_of: PubDate | None) -> Ranking:
    known = [t for t in query.terms if t not in query.unknown]
    for asked_about in (query.noun_term, query.counted):
        if query.asks_before:
            break  # "Which job did X leave?" is answered by the post X held, however named
        if (
            asked_about
            and asked_about in query.unknown
            and asked_about not in counting_terms()[1]
            and asked_about not in dimension_terms()  # "What size is ...?" asks for units
        ):
            # "Which football club ...?", "How many goals ...?": what is asked about, the
            # documents never mention; unless a word before it that they do says which
            # ("which business document": the business case is one).
            # A kind of thing may go unnamed where its instances are named ("Which practice
            # designed it?": "Moor Lund Architects"); a quantity's noun ("What salary ...?")
            # is what the figure is of, and the documents would say it.
            at = query.terms.index(asked_about)
            asked_first = at == 0 and query.kind in FIGURE_KINDS
            if asked_first or (
                at > 0 and (query.terms[at - 1] in query.unknown or query.terms[at - 1] in query.names)
            ):
                return Ranking(query, (), True, f"the documents never mention {query.typed(asked_about)}")
    if query.costed is not None and query.costed in query.unknown and not query.why:
        # "How much does it cost to park?": what the cost is for is the question's point
        # (not in "Why did the cost jump to £9m?", which asks a cause).
        return Ranking(query, (), True, f"the documents never mention {query.typed(query.costed)}")
    spelled = initials_said(index, query)
    if query.rare:
        rare = [t for t in query.rare if t not in spelled]
        if rare:
            missing = ", ".join(query.typed(t) for t in rare[:3])
            return Ranking(query, (), True, f"the documents never mention {missing}")
    query = with_names_spelled(index, query, spelled)
    content = [t for t in query.terms if t not in query.roles]
    # An adverb of degree ("fully", "altogether") says how much, not what about.
    lacking = [t for t in content if t in query.unknown and query.typed(t) not in DEGREE_WORDS]
    if (
        len(lacking) >= 2
        and len(lacking) >= tuning.UNKNOWN_SHARE * len(content)
        and any(zipf_of_lemma(fold(query.typed(t))) < tuning.SPECIFIC_ZIPF for t in lacking)
    ):
        # Ordinary words the documents never use do not stop an answer by themselves, but
        # when they are most of what is asked, one of them specific ("who won the football
        # derby?", "when are the bins collected?"), the documents are about something else.
        # The most common words ("holds the brief", "push the trust forward") are only the
        # asker's way of putting it.
        missing = ", ".join(query.typed(t) for t in lacking[:3])
        return Ranking(query, (), True, f"the documents never mention {missing}")
    if not known:
        reason = (
            "none of the question's words appear in the documents"
            if query.terms
            else "no words to search for"
        )
        return Ranking(query, (), True, reason)
    synonyms = sorted({t for group in query.expansions.values() for t in group})
    # The best CANDIDATES by BM25 of the terms plus that of their synonyms, from postings:
    # the same passages, order and scores as rank-bm25's get_scores over every passage.
    eligible = _eligible(index, as_of)
    top = index.top(list(query.terms), synonyms, tuning.SYNONYM_WEIGHT, tuning.CANDIDATES, eligible)
    if len(top) < tuning.FEW_CANDIDATES:
        # In a small corpus a word of the question may be in half the passages or more,
        # where BM25 weighs it at nothing: passages holding such words are candidates too,
        # after those BM25 found.
        found = {i for i, _ in top}
        extra = index.holding([*query.terms, *synonyms], tuning.CANDIDATES, eligible)
        top = top + [(i, 0.0) for i, _ in extra if i not in found][: tuning.CANDIDATES - len(top)]
    top = _with_answers(index, top)
    order = [i for i, _ in top]
    where = {index.passages[i].id: i for i in order}  # each candidate's place in the index
    scores = dict(top)
    if not order:
        when = f" published by {as_of.iso()}" if as_of else ""
        return Ranking(query, (), True, f"no document{when} mentions what the question asks about")

    weights = term_weights(index, query)
    total = sum(weights.values())
    # How much each question word says, unknown ones most: "finance" in "cabinet member
    # for finance" is what tells that post from the one the documents name.
    informative = {t: index.idf(t) + tuning.COVERAGE_SMOOTHING for t in (*query.terms, *query.qualifiers)}

    rivals = rival_terms(index)
    # A partner most documents name but no title does ("our partners at Wexby") is not what
    # they are about, nor is a rival.
    untitled = untitled_terms(index)
    not_subject = rivals | untitled

    @cache
    def is_subject(term: str) -> bool:
        # "EVAS" is the corpus's subject when the name it spells is ("Elmbury Vale ...").
        if term in spelled:
            return all(is_subject(t) for t in spelled[term])
        return index.document_share(term) > tuning.SUBJECT_SHARE and term not in not_subject

    subject = frozenset(t for t in query.qualifiers if is_subject(t))

    # The words of the person a "still" question names: a value to find, not to exclude.
    words = [w.strip("?.,!'’") for w in fold(query.corrected).split()] if query.about else []
    keep = frozenset(w for w in words if w and stem(w) in query.about)
    asked = Asked(
        query, weights, total, informative, subject, is_subject, keep, len(index.documents), rivals, untitled
    )
    top_score = float(scores[order[0]]) or 1.0  # all zero: candidates BM25 could not weigh
    reads = [
        (
            i,
            read_passage(
                index.passages[i],
                index.document_of(index.passages[i]),
                asked,
                opening_terms(index, i, asked),
                asked_above(index, i, query),
            ),
        )
        for i in order
    ]
    top_coverage = max(r.coverage for _, r in reads) or 1.0
    # The strongest kind of answer among passages that cover enough of the question: a
    # name beside "firm" in a passage about something else does not outrank one beside
    # "main contractor" that is about the reservoir asked after.
    strongest = max(
        (r.strength for _, r in reads if max(r.coverage, r.context) >= tuning.MIN_COVERAGE),
        default=0,
    ) or max(r.strength for _, r in reads)
    # "Who picked the consultancy?" may be answered by a body, not a person: with no typed
    # answer anywhere, a who/which question without a named post takes the best sentence.
    untyped = strongest == 0 and query.kind in _UNTYPED_FALLBACK and not query.roles
    # A name most documents use is what the corpus is about ("Kelby"), not a
    # qualifier; a rarer one ("Stanholt") must be in the passage that answers.
    texts = [index.passages[i].text for i in order]
    lower = (t for t in query.terms if t not in query.names and t not in query.about and not is_subject(t))
    # A word of ordinary English ("unit") is no name, however the documents write it
    # (looked up last: wordfreq's tables cost a cold start 0.3 s).
    written = (t for t in lower if _written_as_name(t, texts, index.stems))
    given = (*query.names, *(t for t in written if zipf(fold(query.typed(t))) < tuning.NAME_ZIPF))
    names = [t for t in dict.fromkeys(given) if not is_subject(t)]
    if names:  # only a name to find needs the passages before each candidate
        for i, read in reads:
            read.before = terms_before(index, i) | title_terms(index.document_of(index.passages[i]))
        if query.kind is None and query.asks_words:
            # "What did Jo Bell say ...?": a quote runs on after the name of who said it,
            # so a passage of the quote holds the speaker's name through the one before.
            for i, read in reads:
                if _QUOTE_MARK.search(index.passages[i].text):
                    speaker = [t for t in names if t not in read.terms and t in read.before]
                    said_by = sum(weights.get(t, 0.0) for t in speaker) / total if total else 0.0
                    read.coverage += said_by
                    read.context += said_by
            top_coverage = max(r.coverage for _, r in reads) or 1.0

    asked_years = years_in(query.corrected) - set(query.about)  # not the year of a value in question

    def of_the_year(i: int) -> bool:
        # "What rating did it get in 2018?": a sentence of no typed answer does not say when
        # it holds, so it must be of the year asked: its document's, or one it names.
        if not asked_years:
            return True
        passage = index.passages[i]
        published = index.document_of(passage).published
        said = years_in(passage.text) | ({str(published.value.year)} if published else set())
        return bool(asked_years & said)

    def names_given(i: int, read: PassageRead) -> bool:
        # Most questions give no name to find: no title to look up then.
        if not names:
            return True
        passage = index.passages[i]
        document = index.document_of(passage)
        return _names_given(
            read, names, rivals, title_terms(document) | _publisher_meant(query, passage, document)
        )

    def collect(untyped: bool) -> list[Hit]:
        hits = []
        for i, read in reads:
            passage = index.passages[i]
            quality = (
                tuning.WEIGHT_BM25 * float(scores[i]) / top_score
                + tuning.WEIGHT_COVERAGE * read.coverage / top_coverage
                + tuning.WEIGHT_PROXIMITY * read.proximity
                + tuning.WEIGHT_CAUSE * read.cause
            )
            typed = read.strength == strongest and strongest > 0
            answers = (typed or (untyped and read.coverage > 0 and of_the_year(i))) and names_given(i, read)
            hits.append(
                Hit(
                    passage,
                    index.document_of(passage),
                    float(scores[i]),
                    quality,
                    read.coverage,
                    read.sentence,
                    read.span,
                    answers,
                    read.linked,
                    context=read.context,
                    anchor=read.anchor,
                    retrospective=read.retrospective,
                    posts=read.posts,
                    cause=read.cause,
                    supersedes=read.supersedes,
                )
            )
        return hits

    hits = collect(untyped)
    answering = [h for h in hits if h.answers]
    if (
        not untyped
        and query.kind in _UNTYPED_FALLBACK
        and not query.roles
        and max((h.context for h in answering), default=0.0) < tuning.MIN_COVERAGE
    ):
        # "Which council report ...?" may be answered by "the monthly financial report":
        # when no name answers enough of the question, any sentence that does may.
        untyped = True
        hits = collect(untyped)
        # "How much independence?" was read as a quantity by a guess: lacking one, it is
        # asked as any other question, with no stricter bar.
        bar = tuning.MIN_COVERAGE if query.kind == "measure" else tuning.FALLBACK_COVERAGE
        told_before = query.asks_before and any(h.cause for h in hits)
        if max((h.context for h in hits if h.answers), default=0.0) < bar and not told_before:
            return Ranking(query, (), True, f"no passage gives a {query.kind} for this question")

    answering = sorted((h for h in hits if h.answers), key=lambda h: -h.quality)
    if not answering and query.asks_before:
        # "Where was she working before she joined Kelby?": "Jo Bell, currently deputy
        # chief at Stanholt" says, though the place it names is another body's.
        answering = sorted((replace(h, answers=True) for h in hits if h.cause), key=lambda h: -h.quality)
    if not answering:
        if not any(names_given(i, r) for i, r in reads):
            named = ", ".join(query.typed(t) for t in names[:3])
            return Ranking(query, (), True, f"no passage says this about {named}")
        return Ranking(query, (), True, f"no passage gives a {query.kind} for this question")
    if max(h.context for h in answering) < tuning.MIN_COVERAGE:
        return Ranking(query, (), True, "no passage answers enough of the question")
    if query.former_use and not any(former_use_told(h.sentence) for h in answering[: tuning.CANDIDATES]):
        # "What used to be on the site?": a sentence using the question's words ("the
        # council is using ...") without saying what any site was answers nothing.
        return Ranking(query, (), True, "no passage says what the site was before")
    if query.errand:
        # "How do I renew a season ticket?" is answered by a passage that tells its readers
        # what to do ("you can renew online"), not one that reports on renewals, nor a
        # quote that says "you".
        answering = [h for h in answering if _TO_READER.search(_QUOTED.sub("", h.sentence))]
        if not answering:
            return Ranking(query, (), True, "no passage tells readers how to do this")
    if (
        query.kind is None
        and query.asks_words
        and query.people
        and not any(speaks(index, where[h.passage.id], query.people) for h in answering)
    ):
        # "What did Peter Ludbury say about the trust?": only a passage where the person
        # speaks can answer, not one that only names them.
        named = " ".join(query.typed(t) for t in dict.fromkeys(query.terms) if t in query.people)
        return Ranking(query, (), True, f"no passage says what {named} said")
    if query.rare and not untyped and not any(h.linked for h in answering):
        # The question names things the documents never do (not ordinary words they happen
        # not to use, as "left" for "leaves"), and the date or name found never stands
        # next to what they share with it: it answers something else.
        return Ranking(query, (), True, f"no passage gives a {query.kind} for what the question asks about")

    # The names of the question a passage is about: said in it, or in its document's
    # title ("Fairholm" for "the project budget of £40 million" in an article about it).
    topics = {}
    for i, read in reads:
        title = title_terms(index.document_of(index.passages[i]))
        topics[index.passages[i].id] = frozenset(t for t in query.names if t in read.terms or t in title)

    # What a count is of: the thing counted and the names the question gives.
    counted_whole = (
        {query.counted, *query.names} & set(query.terms)
        if query.kind == "count" and query.counted and query.counted not in counting_terms()[1]
        else set()
    )
    counted_total = math.fsum(weights.get(t, 0.0) for t in counted_whole) or 1.0

    def fit(hit: Hit) -> float:
        # How well a hit answers the question asked: for a typed answer, how much of the
        # question stands next to it, or names what the passage is about (the same fact,
        # told in other words); else coverage.
        if hit.span is None:
            return hit.coverage
        if holds_post:
            return 1.0  # it passed the check that the person holds the post asked about
        around = hit.anchor | topics.get(hit.passage.id, frozenset())
        # Summed exactly: a set's order (which differs from run to run) must not tip a tie.
        beside = math.fsum(weights.get(t, 0.0) for t in around) / total if total else 0.0
        # A quantity in units (minutes, tonnes) is of the kind asked wherever the sentence
        # says it: "the average response to Category 1 calls, which cover ..., was 9 minutes".
        if query.kind == "measure":
            return max(beside, hit.coverage)
        if counted_whole:
            # "How many vehicles are in the fleet?": "now runs 251 vehicles" counts them.
            held = math.fsum(weights.get(t, 0.0) for t in counted_whole if t in around)
            return max(beside, held / counted_total)
        return beside

    def counts_it(hit: Hit) -> bool:
        # "How many wardens did it have on its payroll in 2012?": as things stood then, a
        # count beside all that is counted answers, however little of the rest of the
        # question's wording it shares.
        around = hit.anchor | topics.get(hit.passage.id, frozenset())
        timed = query.asks_latest or as_of is not None
        return timed and bool(counted_whole) and hit.span is not None and counted_whole <= around

    generic, modifiers = role_and_modifier_stems()
    holds_post = query.kind == "person" and any(r not in generic and r not in modifiers for r in query.roles)

    def no_plan(hit: Hit) -> bool:
        # "When was it expected to open?": a date already past when its document was
        # written ("when it opened in 2014") was no plan then.
        published = hit.document.published
        return (
            query.kind == "date"
            and query.forecast
            and hit.span is not None
            and published is not None
            and before_published(hit.span, published)
        )

    planned = [h for h in answering if not no_plan(h)] or answering
    best_fit = max((fit(h) for h in planned if h.linked or untyped), default=0.0)
    if query.kind == "date" and _WHEN_DID.match(query.corrected) and not query.asks_plan:
        # "When did it open?": a date still to come when its document was written was a
        # plan; one that had come tells what happened, if it answers the same question.
        def plan(hit: Hit) -> bool:
            published = hit.document.published
            return hit.span is not None and published is not None and after_published(hit.span, published)

        done = _done_terms(query)

        def told_done(hit: Hit) -> bool:
            # "The hub opened on Monday" tells it happened, where "is now expected to open
            # next spring" or "was pushed back to 2020" tells a plan.
            return not _PLANNING.search(hit.sentence) and any(
                (w.endswith("ed") or w in _PAST_FORMS) and stem(w) in done
                for w in _WORD.findall(hit.sentence.lower())
            )

        happened = [
            h
            for h in planned
            if (h.linked or untyped)
            and h.span is not None
            and not plan(h)
            and (fit(h) >= best_fit or (told_done(h) and fit(h) >= tuning.COMPARABLE * best_fit))
        ]
        planned = happened or planned
    # "What did it cost in the end?", "Who runs it now?": a newer document's answer that
    # fits less well may be the one that holds now, so the band takes it in.
    # A question asked as things stood on a date asks what held then, as "now" does today;
    # a sentence of no typed answer still needs to say as much as the best one.
    comparable = tuning.COMPARABLE_LATEST if query.asks_latest or as_of is not None else tuning.COMPARABLE
    comparable_untyped = tuning.COMPARABLE_UNTYPED_LATEST if query.asks_latest else tuning.COMPARABLE_UNTYPED

    band = [
        h
        for h in planned
        if (h.linked or untyped)
        and not (h.retrospective and not query.past)
        and fit(h) >= (comparable if h.span is not None else comparable_untyped) * best_fit
        and (
            max(h.coverage, h.context) >= tuning.MIN_COVERAGE
            or (holds_post and h.span is not None)
            or counts_it(h)
        )
    ]
    values = {h.span.value for h in band if h.span is not None}
    band += [
        h
        for h in answering
        if h not in band
        and h.linked
        and h.span is not None
        and h.span.value in values
        and not h.retrospective
        and (max(h.coverage, h.context) >= tuning.MIN_COVERAGE or fit(h) >= tuning.COMPARABLE * best_fit)
    ]  # a later document giving the same value restates the same fact ("set in 2018")
    if (query.asks_latest or as_of is not None) and query.kind is not None:
        # "What is the latest waiting time for hip operations?": a newer report of the figure
        # may share few of the question's words yet be worded like one found; of the same
        # kind and standing next to the question's words, it tells the same fact again.
        told = [fact_words(index, h) for h in band if h.span is not None]
        band += [
            h
            for h in answering
            if h not in band
            and h.span is not None
            and h.linked
            and not h.retrospective
            and any(wording_overlap(fact_words(index, h), words) >= tuning.SAME_FACT for words in told)
        ]
    doers = [h for h in hits if h.cause and query.doing and max(h.coverage, h.context) >= tuning.MIN_COVERAGE]
    if doers and not any(h.span is not None for h in band):
        # "Who will own the trust?" with no person found: "owned by the county council"
        # says who does it; "its own employee contracts" only shares the word.
        band = doers
    before = [h for h in hits if h.cause and query.asks_before]
    if before:
        # "What job did Jo Bell have before?": "Jo Bell, previously finance director at
        # X" says it, whatever kind of answer the question's words ask for.
        band = sorted(before, key=lambda h: -h.quality)
    years = {t for t in query.terms if is_year(t) and t not in query.about}
    if years and any(years & h.anchor for h in band):
        # "How many parking fines were issued in 2016?": the count beside that year, not a
        # newer report's count of another year.
        band = [h for h in band if years & h.anchor]
    defining = query.defining_term
    of_defining = defining is not None and any(defining in h.anchor for h in band)
    if of_defining:
        # "When was the authority founded?": a date beside the authority's name but not
        # its founding ("when I joined two years ago") is the date of something else.
        band = [h for h in band if defining in h.anchor]
    # Newest document first; within one document, the statement about the latest time
    # ("rated poor in 2012" then "fair in May 2015"); "who was the first chair?" asks for
    # the earliest (`Query.asks_first_value`).
    earliest_asked = query.asks_first_value
    band = earliest_first(band) if earliest_asked else newest_first(band)
    if earliest_asked and query.kind == "date":
        # "What year was it originally founded?": the earliest date told ("founded in 1965"),
        # whichever document tells it (a newer one may recall the founding).
        band.sort(key=lambda h: min(years_in(h.span.value), default="9999") if h.span else "9999")
    if (
        query.kind == "date"
        and band
        and band[0].span is not None
        and (is_year(band[0].span.value) or is_month_year(band[0].span.value))
        and not _ASKS_YEAR.search(query.corrected)
    ):
        # "opened in 2020": another passage giving the same year more exactly ("September
        # 2020", or "September 2020" as "14 September 2020") about as much of the question
        # says when.
        year = band[0].span.value
        finer = next(
            (
                h
                for h in answering
                if h.span is not None
                and h.linked
                and not h.retrospective
                and h.span.value != year
                and h.span.value.endswith(" " + year)
                and fit(h) >= tuning.RELATED * best_fit
                and max(h.coverage, h.context) >= tuning.MIN_COVERAGE
            ),
            None,
        )
        if finer is not None:
            band = [finer, *(h for h in band if h is not finer)]
    asks_day = query.kind == "date" and _ASKS_DAY.match(query.corrected) is not None
    if asks_day and band and not (band[0].span is not None and _DAY_GIVEN.search(band[0].span.value)):
        # "On what date did it take over?": the comparable answer that gives the day ("on
        # 1 April 2014"), before a newer one giving only the month.
        day = next(
            (
                h
                for h in dict.fromkeys([*band, *answering])
                if h.span is not None
                and _DAY_GIVEN.search(h.span.value)
                and h.linked
                and not h.retrospective
                and fit(h) >= tuning.RELATED * best_fit
                and max(h.coverage, h.context) >= tuning.MIN_COVERAGE
            ),
            None,
        )
        if day is not None:
            band = [day, *(h for h in band if h is not day)]
    if band and band[0].span is not None and not query.asks_earlier and not earliest_asked:
        # "From April an adult ticket will cost £6, up from £4.50": a newer document that
        # says the value found was replaced tells the value that holds now, though it
        # stands next to less of the question.
        lead = _superseding(band[0], [h for h in answering if fit(h) >= tuning.RELATED * best_fit])
        if lead is not band[0]:
            band = [lead, *(h for h in band if h is not lead)]
    told_happened = (
        query.kind == "date"
        and bool(band)
        and band[0].span is not None
        and band[0].document.published is not None
        and not after_published(band[0].span, band[0].document.published)
    )
    # A newer document telling the date again as a month is no answer to "On what date?".
    restate = (
        ((query.asks_latest or query.asks_so_far) and query.kind in _RESTATED_KINDS) or told_happened
    ) and not asks_day
    if restate and band and not earliest_asked:
        # "How much is the hub costing now?": a newer document giving the value found again,
        # in passing ("the £31m building"), is the latest report of it. So is one telling
        # again when something happened ("five months after it opened in September 2022").
        later = _restated_later(index, query, band[0], eligible)
        if later is not None:
            band = [later, *band]
    if query.why and query.grade_lost:
        # "Why did the council take its Gold rating away?": what the assessors found, in or
        # just after the best candidate passage telling a grade lost.
        losing = (h for h in answering[: tuning.CANDIDATES] if _tells_downgrade(h.passage.text))
        finding = _first_credit(index, losing, where)
        if finding is not None:
            band = [finding, *band]
        else:
            band = lead_with_cause(index, band, answering, asked, where)
    elif query.why:
        band = lead_with_cause(index, band, answering, asked, where)
    elif query.party is not None:
        # "Who finished it after the first builders went bust?": "its replacement, X" says,
        # where a sentence naming the firm that failed only shares the question's words;
        # "Who opened it?": "opened by the author Jo Bell".
        of_event, part = set(query.names), query.party
        taking = [
            h
            for h in answering[: tuning.CANDIDATES]
            if party(h.sentence, part, query.succeeded) is not None
            and (
                not of_event
                or of_event & passage_or_title_terms(h.passage, h.document)
                # "The council said a replacement, X, was appointed" goes on about the depot
                # the passage before named.
                or of_event & terms_before(index, where[h.passage.id])
            )
        ]
        if taking:
            band = [taking[0], *(h for h in band if h is not taking[0])]
    elif query.capacity:
        # "How many pupils will it hold once it is full?": a count said as places or a
        # capacity ("a 900-place school", "capacity 900") leads a newer count of those there
        # now ("opened with 180 pupils").
        holding = [h for h in answering[: tuning.CANDIDATES] if h.span is not None and _holds(h)]
        if holding:
            lead = newest_first(holding)[0]
            band = [lead, *(h for h in band if h.passage.id != lead.passage.id)]
    elif query.doing:
        # "Who is building the dam?": "it will be built by X" says who, where "the works
        # was built in the 1930s" only shares the verb.
        band.sort(key=lambda h: not h.cause)
    elif query.fate_of:
        # "What is happening to the old library?": the newest sentence saying what became
        # of it ("which closed last month and will be sold"), naming at least half of it.
        befallen = [
            h
            for h in answering[: tuning.CANDIDATES]
            if fate(h.sentence) is not None
            and 2 * len(query.fate_of & set(tokenize(h.sentence))) >= len(query.fate_of)
        ]
        if befallen:
            latest = newest_first(befallen)[0]
            band = [latest, *(h for h in band if h is not latest)]
    elif query.funded is not None:
        # "How will the hospice pay for the overspend?": a sentence saying what pays ("met
        # from reserves"), in a passage naming some of what is paid for (it is often told in
        # other words: "the extra cost"); the newest, or the first told when the question
        # asks what was meant at first.
        paid = query.funded
        paying: list[Hit] = [
            replace(h, sentence=pays)
            for h in answering[: tuning.CANDIDATES]
            if (pays := _first_saying(h.passage.text, funding))
        ]
        of_it = [h for h in paying if paid & passage_or_title_terms(h.passage, h.document)]
        if of_it or paying:
            payer = (earliest_first if query.asks_first_told else newest_first)(of_it or paying)[0]
            band = [payer, *(h for h in band if h.passage.id != payer.passage.id)]
    elif query.purpose is not None:
        # "What was the 2017 rise in dues meant to pay for?": a sentence saying what money
        # goes to ("the extra income would go towards the replacement of the pontoons"), in
        # the best passage naming some of the money asked about, of the year asked if any.
        # The money is often told in other words ("the increase" for "the extra money").
        money = query.purpose
        serving = [
            replace(h, sentence=serves)
            for h in sorted(hits, key=lambda h: -h.quality)[: tuning.CANDIDATES]
            if (serves := _first_saying(h.passage.text, purpose))
        ]
        serving.sort(
            key=lambda h: (not of_the_year(where[h.passage.id]), not money & set(tokenize(h.passage.text)))
        )
        if serving:
            band = [serving[0], *(h for h in band if h.passage.id != serving[0].passage.id)]
    elif query.grade_means:
        # "How did the co-op get its Silver rating back?": what the assessors credited
        # ("The assessors noted that every survey is now done by our own surveyors"), in the
        # best candidate passage, or just after it, saying so.
        crediting = _first_credit(index, answering[: tuning.CANDIDATES], where)
        if crediting is not None:
            band = [crediting, *(h for h in band if h.passage.id != crediting.passage.id)]
    elif query.destination:
        # "What job did Jo Bell leave Kelby to take up?": "she is leaving to become director
        # of ..." says, in a sentence or passage naming her.
        # The body gone to, named ("Stanholt Homes"), says more than "one of the largest
        # landlords in the south-west"; the first sentence of the passage that tells it.
        leaver = query.people
        going = [
            replace(h, sentence=said)
            for h in answering[: tuning.CANDIDATES]
            if leaver & set(tokenize(h.passage.text))
            and (said := _first_saying(h.passage.text, partial(destination, people=leaver)))
        ]
        going.sort(key=lambda h: not _NAMED_PLACE.search(destination(h.sentence, leaver) or ""))
        if going:
            band = [going[0], *(h for h in band if h.passage.id != going[0].passage.id)]
    elif query.former_use:
        # "What used to be on the plot?": "on the site of the former bus garage" says, where
        # a sentence about the new building only shares the place's name.
        site = max(answering[: tuning.CANDIDATES], key=lambda h: former_use_told(h.sentence), default=None)
        if site is not None and former_use_told(site.sentence):
            band = [site, *(h for h in band if h is not site)]
    rest = [h for h in answering if h not in band]
    others = sorted((h for h in hits if not h.answers), key=lambda h: -h.quality)
    # The timeline: older answers to the same question, which only a typed answer (a date,
    # a name, a sum) can show. Another document's value counts when it stands next to as
    # much of the question as a comparable answer does: the same fact, not a neighbour's.
    related = tuple(
        h
        for h in answering
        if h.span is not None
        and h.linked
        and not h.retrospective
        and (not of_defining or defining in h.anchor)
        and fit(h) >= tuning.RELATED * best_fit
        and max(h.coverage, h.context) >= tuning.MIN_COVERAGE
    )
    ranked = dedupe(band + rest + others)
    if query.kind == "person" and ranked[0].posts:
        # "Who is in charge?" may be answered by any post, but the timeline is of one: the
        # earlier holders of the post the answer holds, not of every post named.
        related = tuple(h for h in related if same_post(h.posts, ranked[0].posts))
    elsewhere: frozenset[str] = frozenset()
    if query.kind == "person":
        # "Sam Hart, captain of the Stanholt Rowing Club" held another body's post, however
        # alike: no earlier holder of this one.
        elsewhere = frozenset(
            h.passage.id
            for h in answering
            if h.span is not None and attributed_elsewhere(h.sentence, h.span, asked, tuning.ROLE_WINDOW)
        )
        related = tuple(h for h in related if h.passage.id not in elsewhere)
    in_band = {h.passage.id for h in band}
    band_size = sum(h.passage.id in in_band for h in ranked)
    if query.kind == "person":
        # "Dr Bell" is the "Dr Jo Bell" their document names in full.
        # A document is read for the people it names once, and only when needed.
        people: dict[str, list[Named]] = {}

        def people_of(hit: Hit) -> list[Named]:
            if hit.passage.doc_id not in people:
                people[hit.passage.doc_id] = _people_named(index, where[hit.passage.id])
            return people[hit.passage.doc_id]

        in_full = {h.passage.id: _named_in_full(h, partial(people_of, h)) for h in (*ranked[:1], *related)}
        ranked[0] = in_full[ranked[0].passage.id]
        related = tuple(in_full[h.passage.id] for h in related)
    return Ranking(query, tuple(ranked), False, None, band=band_size, related=related, elsewhere=elsewhere)
