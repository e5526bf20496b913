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
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import numpy as np
from rapidfuzz import fuzz

from .corpus import Document, Passage, split_sentences
from .dates import PubDate, latest_mentioned
from .index import UNDATED, Index
from .query import Query
from .question import (
    ANY_COUNTED_WORDS,
    COUNTING_WORDS,
    GENERIC_ROLE_WORDS,
    ROLE_ABBREVIATIONS,
    ROLE_MODIFIERS,
    AnswerSpan,
    AnswerType,
    find_answer_spans,
    is_body_word,
    is_name_word,
    names_noun,
    role_stems,
)
from .tokens import fold, stem, tokenize

__all__ = ["COMPARABLE", "MIN_COVERAGE", "Hit", "Ranking", "rank"]

_WORD = re.compile(r"[£$€]?[\w'’]+%?")
#: Answer types whose value may belong to another body the sentence names.
_ATTRIBUTED_KINDS = frozenset({"date", "amount", "count", "percent", "rating"})
#: A sentence of no particular type answering a typed question must cover this much of it.
FALLBACK_COVERAGE = 0.8
#: Answer types a sentence of no particular type may answer when none of the type does
#: ("Who picked the consultancy?" "The DfE appointed it").
_UNTYPED_FALLBACK = frozenset({"person", "name", "place"})
#: Answer types where the figure nearest the question's words is the answer.
_NEAREST_KINDS = frozenset({"amount", "count", "percent"})
#: Candidates read closely per question; the rest cannot reach the top anyway.
CANDIDATES = 40
#: With fewer BM25 candidates than this, passages holding the question's common words join.
FEW_CANDIDATES = 10
#: Weight of a synonym's match against the word the user typed.
SYNONYM_WEIGHT = 1.0
#: Typed answers with at least this share of the best one's fit (the question's weight
#: standing next to them) answer the same fact, and among those the newest comes first.
COMPARABLE = 0.6
#: The same for answers of no particular type, compared by coverage of the question.
COMPARABLE_UNTYPED = 0.9
#: Below this share of the question's information matched, the ranking abstains.
MIN_COVERAGE = 0.4
#: How quality (0..1) weighs the passage's BM25 score, its best sentence's coverage of
#: the question, and how many of the question's word pairs that sentence keeps together.
WEIGHT_BM25 = 0.4
WEIGHT_COVERAGE = 0.4
WEIGHT_PROXIMITY = 0.2
#: Added to the quality of a passage whose sentence gives a cause, for a why question.
WEIGHT_CAUSE = 0.2
#: Typed answers fitting the question at least this share as well as the best one does
#: answer the same question: an older one that said something else is an "earlier report".
RELATED = 0.75
#: An answer span this many words or fewer from a matched question word is linked to it.
LINK_WINDOW = 6
#: Weight in coverage of a question word that the documents never use but English does
#: ("labour", "scared"): it counts a little against a passage lacking it, never decides.
UNKNOWN_WEIGHT = 0.5
#: Words either side of a person's name read as the post the sentence gives them.
ROLE_WINDOW = 8
#: Words either side of a value where a name the question lacks makes it another body's.
ATTRIBUTION_WINDOW = 6
#: Passages before an answer where a name the question gives may stand instead (a quote
#: goes on for paragraphs after the name of who said it).
QUOTE_PASSAGES = 2
#: Words after a number where what it counts must stand ("32 inpatient beds").
COUNT_WINDOW = 3
#: Words either side of an answer read as what it is the answer to (its anchor).
ANCHOR_WINDOW = 8
#: A name found in more than this share of the documents is what the corpus is about.
SUBJECT_SHARE = 0.5
#: Weight in coverage of a word that more than SUBJECT_SHARE of the documents use.
SUBJECT_WEIGHT = 1.0
#: Share of the question's other words (the post's qualifiers: "of the county council")
#: that must stand near a person's name for the sentence to give them the post asked about.
ROLE_QUALIFIER_SHARE = 0.5
#: Added to every term's idf when measuring coverage.
COVERAGE_SMOOTHING = 1.0
#: Passages this similar (rapidfuzz ratio) are one passage told twice.
DUPLICATE_RATIO = 95.0
#: Best sentences this long and as similar as DUPLICATE_RATIO are one statement quoted by
#: two documents (a press release's paragraph in two papers), even in different passages.
DUPLICATE_MIN_WORDS = 8
#: Sentences (and passages) whose analysis is remembered across questions: candidates
#: recur from question to question, and re-tokenising them was most of a question's cost.
#: Bounded: about 30 MB at most for both caches (measured with 25-word sentences).
SENTENCE_CACHE_SIZE = 1 << 14


@dataclass(frozen=True)
class Hit:
    """A passage ranked for a question, with the sentence that answers best."""

    passage: Passage
    document: Document
    score: float  # BM25 of the question's terms plus that of their synonyms
    quality: float  # 0..1: BM25 and sentence coverage, relative to the best candidate
    coverage: float  # share of the question's information in the best sentence
    sentence: str
    span: AnswerSpan | None  # the piece of the sentence that answers, for typed questions
    answers: bool
    linked: bool  # the answer stands next to the question's words
    duplicates: tuple[Hit, ...] = ()  # lower-ranked hits of other documents saying the same
    context: float = 0.0  # share of the question's information in the whole passage
    anchor: frozenset[str] = frozenset()  # question terms standing next to the answer
    retrospective: bool = False  # tells an earlier value ("was first promised for 2015")
    posts: frozenset[str] = frozenset()  # for a person: the role terms the sentence gives them


@dataclass(frozen=True)
class Ranking:
    """The ordered hits for a query, or an abstention with its reason."""

    query: Query
    hits: tuple[Hit, ...]
    abstained: bool
    reason: str | None = None
    band: int = 0  # how many of the first hits were comparable, and so ordered by date
    related: tuple[Hit, ...] = ()  # hits that answer the same question, for the timeline


def _date_key(document: Document) -> dt.date:
    # Undated documents rank behind every dated one.
    return document.published.value if document.published else dt.date.min


def _mentioned(hit: Hit) -> tuple[int, int]:
    """The latest time a hit's sentence mentions, (0, 0) when none."""
    return latest_mentioned(hit.sentence, hit.document.published) or (0, 0)


def _eligible(index: Index, as_of: PubDate | None) -> np.ndarray | None:
    """Which passages may answer: under a cut-off, those published by then (None: all)."""
    if as_of is None:
        return None
    published = index.published_ordinals()
    # As things stood then: later documents did not exist yet, undated ones may not have.
    eligible: np.ndarray = (published != UNDATED) & (published <= as_of.value.toordinal())
    return eligible


def _weights(index: Index, query: Query) -> dict[str, float]:
    # idf plus a constant: rare words count more, but a passage sharing one rare word
    # does not cover a question whose other words it lacks. A word the corpus lacks but
    # reaches through synonyms weighs what they weigh, not what an unseen word would.
    weights = {}
    for term in query.terms:
        synonyms = query.expansions.get(term, frozenset())
        if term in query.about:
            continue  # "Is X still ...?": X is the value in question, not what the answer shares
        if term in query.unknown:
            weights[term] = UNKNOWN_WEIGHT
            continue
        if not index.has_term(term) and synonyms:
            idf = max(index.idf(s) for s in synonyms)
        else:
            idf = index.idf(term)
        weight = max(idf, 0.0) + COVERAGE_SMOOTHING
        # What nearly every document is about ("the trust") tells passages apart little.
        if index.document_share(term) > SUBJECT_SHARE:
            weight *= SUBJECT_WEIGHT
        weights[term] = weight
    return weights


def _coverage(stems: set[str], query: Query, weights: dict[str, float], total: float) -> float:
    matched = 0.0
    for term, weight in weights.items():
        if term in stems:
            matched += weight
        elif query.expansions.get(term, frozenset()) & stems:
            matched += SYNONYM_WEIGHT * weight
    return matched / total if total else 0.0


def _proximity(terms: Sequence[str], query: Query) -> float:
    """Share of the question's adjacent word pairs that stand together in the sentence."""
    pairs = list(itertools.pairwise(query.terms))
    if not pairs:
        return 0.0
    present = set(itertools.pairwise(terms))
    return sum((a, b) in present for a, b in pairs) / len(pairs)


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def _sentences(text: str) -> tuple[str, ...]:
    """The sentences of a passage's text (the text itself when it splits into none)."""
    return tuple(split_sentences(text)) or (text,)


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def _sentence_terms(sentence: str) -> tuple[str, ...]:
    """The index terms of a sentence, in order."""
    return tuple(tokenize(sentence))


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def _word_stems(sentence: str) -> tuple[tuple[int, str], ...]:
    """Each word of a sentence that has an index term: its character offset and first term."""
    return tuple((m.start(), stems[0]) for m in _WORD.finditer(sentence) if (stems := tokenize(m.group(0))))


def _matched_positions(sentence: str, query: Query) -> list[int]:
    """Character offsets of the sentence's words that match a question term or synonym."""
    wanted = set(query.terms).union(*query.expansions.values())
    return [start for start, first in _word_stems(sentence) if first in wanted]


def _distance_in_words(sentence: str, span: AnswerSpan, positions: list[int]) -> int:
    """Words between an answer span and the nearest matched question word."""
    if not positions:
        return 10**6
    best = 10**6
    for pos in positions:
        if span.start <= pos < span.end:
            return 0
        lo, hi = (pos, span.start) if pos < span.start else (span.end, pos)
        best = min(best, len(_WORD.findall(sentence[lo:hi])))
    return best


@lru_cache(maxsize=1)
def _role_stems() -> tuple[frozenset[str], frozenset[str]]:
    """The terms of generic role words ("head") and of post modifiers ("deputy")."""
    return frozenset(stem(w) for w in GENERIC_ROLE_WORDS), frozenset(stem(w) for w in ROLE_MODIFIERS)


def _sides(
    sentence: str, span: AnswerSpan, width: int
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The words (offset, first term) within `width` words before and after a span."""
    stems = _word_stems(sentence)
    before = [w for w in stems if w[0] < span.start][-width:]
    after = [w for w in stems if w[0] >= span.end][:width]
    return before, after


def _window(sentence: str, span: AnswerSpan, width: int) -> list[str]:
    """The terms of the words within `width` words either side of a span, in order."""
    before, after = _sides(sentence, span, width)
    return [t for _, t in (*before, *after)]


def _asked(term: str, query: Query) -> str | None:
    """The question term a sentence term stands for (itself or a synonym of it), or None."""
    if term in query.terms:
        return term
    for asked, synonyms in query.expansions.items():
        if term in synonyms:
            return asked
    return None


def _holds_role(
    sentence: str, span: AnswerSpan, asked: _Asked, previous: frozenset[str] = frozenset()
) -> bool:
    """Whether the sentence gives the person the post the question names, not another."""
    query, informative = asked.query, asked.informative
    generic, modifiers = _role_stems()
    posts = [r for r in query.roles if r not in generic and r not in modifiers]
    # Posts are matched word for word: a director is not a leader, though a question
    # about "the boss" or who is "in charge" may be answered by any post.
    window = [ROLE_ABBREVIATIONS.get(t, t) for t in _window(sentence, span, ROLE_WINDOW)]
    near = set(window)
    if not any(p in near for p in posts or role_stems()):
        return False
    # "deputy leader" is not the leader the question asks about, nor the director the
    # deputy director a question asks about.
    if any(a in modifiers and a not in query.roles and b in posts for a, b in itertools.pairwise(window)):
        return False
    if any(m in query.roles and m not in near for m in modifiers):
        return False
    # The post's qualifiers ("of the county council", "for finance"), weighed by how
    # informative they are: a rare one missing matters more than a common one.
    named = set(span.value.split()) | set(query.names) | set(query.about)
    qualifiers = [t for t in query.qualifiers if t not in query.roles and t not in named]
    total = sum(informative[t] for t in qualifiers)
    if not total:
        return True
    # What the corpus is about ("the trust") goes without saying once the sentence points
    # at it ("Trust chair Helen Carrow"), unless it gives the post to another body by name
    # ("Children England chief executive ...").
    if _POSSESSIVE.search(sentence[max(0, span.start - 40) : span.start]):
        near |= previous  # "Its chief executive, Graham Lyle": "its" is the body just named
    foreign, ours = _foreign_bodies(sentence, span, asked, ROLE_WINDOW)
    elsewhere = bool(foreign) and not ours
    if elsewhere:
        # "chief executive of the Stavely Learning Trust" is not "of the trust": a
        # qualifier said only as a word of another body's name is that body's.
        near -= foreign - set(_plain_terms(sentence, span, ROLE_WINDOW))
    points = any(t in near for t in qualifiers)
    implied = asked.subject if points and not elsewhere else frozenset()
    held = sum(informative[t] for t in qualifiers if t in near or t in implied)
    return held / total >= ROLE_QUALIFIER_SHARE


@dataclass
class _Read:
    sentence: str
    coverage: float
    proximity: float
    span: AnswerSpan | None
    strength: int  # 0: holds no answer, 1: holds one, 2: holds one of the kind named
    linked: bool  # the answer stands next to the question's words, not elsewhere in the sentence
    context: float = 0.0  # coverage of the whole passage
    cause: bool = False  # it gives a cause, as a why question asks
    terms: frozenset[str] = frozenset()  # the passage's terms
    anchor: frozenset[str] = frozenset()
    retrospective: bool = False  # the sentence tells what was said before ("first costed at")
    posts: frozenset[str] = frozenset()  # role terms beside a person's name ("cabinet", "member")
    before: frozenset[str] = frozenset()  # terms of the passages just before, in the same document
    anchor_words: frozenset[str] = frozenset()  # terms near the answer, or the sentence's it goes on from


@dataclass(frozen=True)
class _Asked:
    """What reading a candidate needs to know about the question, worked out once."""

    query: Query
    weights: dict[str, float]  # coverage weight of each question term
    total: float
    informative: dict[str, float]  # idf-like weight of question terms and qualifiers
    subject: frozenset[str]  # qualifiers the corpus is about, implied where not said
    is_subject: Callable[[str], bool]  # whether a term is what most documents are about
    keep: frozenset[str] = frozenset()  # folded words of the person a "still" question names


def _plain_terms(sentence: str, span: AnswerSpan, width: int) -> list[str]:
    """The terms of the lower-case words beside an answer: what is said, not named."""
    before, after = _sides(sentence, span, width)
    return [t for start, t in (*before, *after) if not sentence[start : start + 1].isupper()]


def _foreign_bodies(
    sentence: str, span: AnswerSpan, asked: _Asked, width: int = ATTRIBUTION_WINDOW
) -> tuple[frozenset[str], bool]:
    """The terms of bodies the question does not name that stand beside the answer
    ("Kestrel Valley Hospitals"), and whether the body the question names stands there too."""
    before, after = _sides(sentence, span, width)
    lo = before[0][0] if before else span.start
    last = _WORD.match(sentence, after[-1][0]) if after else None
    hi = last.end() if last else span.end
    foreign: set[str] = set()
    ours = False
    for run in _CAPITALISED_RUN.finditer(sentence, lo, hi):
        if run.start() == 0 or span.start <= run.start() < span.end:
            continue
        words = [w for w in run.group(0).split() if is_name_word(w)]
        # Only another body counts ("Slough Council", "Kestrel Valley Hospitals"): a person
        # quoted beside a date or figure ("Mr Okafor said ...") does not make it theirs.
        if not words or not any(is_body_word(w) for w in run.group(0).split()):
            continue
        # "Care Quality Commission" is the "CQC" the question names.
        initials = _initials(run.group(0))
        if len(initials) >= 2 and initials in asked.query.terms:
            continue
        terms = [t for w in words for t in tokenize(w)]
        if any(not (_asked(t, asked.query) or asked.is_subject(t)) for t in terms):
            foreign.update(t for w in run.group(0).split() for t in tokenize(w))
        elif any(t in asked.query.names for t in terms):
            ours = True  # the body the question names stands there too
    return frozenset(foreign), ours


def _attributed_elsewhere(
    sentence: str, span: AnswerSpan, asked: _Asked, width: int = ATTRIBUTION_WINDOW
) -> bool:
    """Whether a body the question does not name stands beside the answer: "Kestrel Valley
    Hospitals was rated good" does not answer how the trust the corpus is about was rated."""
    foreign, ours = _foreign_bodies(sentence, span, asked, width)
    return bool(foreign) and not ours


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def _acronyms(text: str) -> frozenset[str]:
    """The initials of the text's multi-word names: "cqc" for "Care Quality Commission"."""
    found = set()
    for run in _CAPITALISED_RUN.finditer(text):
        if len(capitals := _initials(run.group(0))) >= 2:
            found.add(capitals)
            found.add(_initials(run.group(0), connectors=True))  # "MoU": Memorandum of Understanding
    return frozenset(found)


def _initials(name: str, connectors: bool = False) -> str:
    """The folded initials of a name's capitalised words ("cqc" for "The Care Quality
    Commission"), and of its lower-case connecting words too when asked ("mou")."""
    words = [w for w in name.split() if w not in _ARTICLES]
    return "".join(w[0] for w in words if connectors or w[0].isupper()).casefold()


@cache
def _counting() -> tuple[frozenset[str], frozenset[str]]:
    """The terms of counting words ("number of") and of things anything may be ("people")."""
    return frozenset(map(stem, COUNTING_WORDS)), frozenset(map(stem, ANY_COUNTED_WORDS))


def _counts_asked(sentence: str, span: AnswerSpan, query: Query) -> bool:
    """Whether a number counts what "how many X" asks about: "32 inpatient beds" for beds."""
    counting, any_counted = _counting()
    if query.counted is None or query.counted in any_counted:
        return True
    wanted = {query.counted} | query.expansions.get(query.counted, frozenset())
    if wanted & {t for _, t in _sides(sentence, span, COUNT_WINDOW)[1]}:
        return True
    # "The number of patients waiting ... now stands at 1,120".
    before = {t for _, t in _sides(sentence, span, ANCHOR_WINDOW)[0]}
    return bool(wanted & before) and bool(counting & before)


def _later(sentence: str, before: str, published: PubDate | None) -> bool:
    """Whether a sentence tells of a later time than the one before it ("in April 2016"
    after "in 2013"): the update of what that one said."""
    now, then = latest_mentioned(sentence, published), latest_mentioned(before, published)
    return now is not None and then is not None and now > then


def _value_dropped(sentence: str, before: str, query: Query) -> bool:
    """Whether the question names a value ("rated inadequate") that the sentence before
    gives and this one does not: then this one tells of another state of things."""
    for kind in _VALUE_KINDS - {query.kind}:
        for span in find_answer_spans(before, kind, ""):
            if set(tokenize(span.text)) <= set(query.terms) and fold(span.text) not in fold(sentence):
                return True
    return False


def _read(passage: Passage, document: Document, asked: _Asked) -> _Read:
    """The best sentence of a passage for the query, and whether it answers."""
    query = asked.query
    best: _Read | None = None
    passage_terms: set[str] = set()
    previous: frozenset[str] = frozenset()
    last: _Read | None = None  # the read of the sentence before
    for sentence in _sentences(passage.text):
        terms = _sentence_terms(sentence)
        passage_terms.update(terms)
        # "Care Quality Commission" says the "CQC" a question names.
        coverage = _coverage(set(terms) | _acronyms(sentence), query, asked.weights, asked.total)
        proximity = _proximity(terms, query)
        span, strength = None, 1
        if query.kind is not None:
            spans = find_answer_spans(sentence, query.kind, query.corrected, document.published, asked.keep)
            if query.kind == "person" and query.roles:
                spans = [s for s in spans if _holds_role(sentence, s, asked, previous)]
            elif query.kind in _ATTRIBUTED_KINDS:
                spans = [s for s in spans if not _attributed_elsewhere(sentence, s, asked)]
            if query.kind == "count":
                spans = [s for s in spans if _counts_asked(sentence, s, query)]
            if query.kind == "date" and query.future:
                # "three years ago" cannot be when something will happen.
                spans = [s for s in spans if not _PAST_RELATIVE.search(s.text)]
            if query.kind == "amount" and not _RATE_ASKED.search(query.corrected):
                # "£250,000 a year" is what something costs to run, not what it costs.
                spans = [s for s in spans if not _RATE_AFTER.match(sentence, s.end)]
            if query.kind == "name" and query.noun:
                strong = [s for s in spans if names_noun(s, sentence, query.noun)]
                spans, strength = (strong, 2) if strong else (spans, 1)
            positions = _matched_positions(sentence, query)
            # The answer is the first span near the question's words; one far from them
            # answers something else the sentence says ("... an inspection four years ago").
            # Among near ones, text order: "X was appointed manager, replacing Y" names X;
            # but a figure is the one nearest ("first costed at £18m, will now cost £31m").
            distances = [_distance_in_words(sentence, s, positions) for s in spans]
            near = [d <= LINK_WINDOW for d in distances]
            if query.kind in _NEAREST_KINDS and spans:
                first_near = distances.index(min(distances))
            else:
                first_near = near.index(True) if True in near else 0
            span = spans[first_near] if spans else None
            linked = bool(spans) and near[first_near]
            strength = strength if spans else 0
        else:
            linked = True
        # A why question is answered by a sentence that gives a cause.
        cause = query.why and bool(_CAUSE.search(sentence))
        carried: frozenset[str] = frozenset()
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
            carried = last.anchor_words
            strength = max(strength, last.strength)
        candidate = _Read(
            sentence, coverage, proximity, span, strength if coverage > 0 else 0, linked, cause=cause
        )
        candidate.anchor_words = carried | (
            frozenset(_window(sentence, span, ANCHOR_WINDOW)) if span is not None else frozenset()
        )
        previous = frozenset(terms)
        before, last = last, candidate
        if (
            best is None
            or (candidate.strength, candidate.linked, cause, candidate.coverage, proximity)
            > (
                best.strength,
                best.linked,
                best.cause,
                best.coverage,
                best.proximity,
            )
            # A sentence that updates the best one so far takes its place.
            or (follows and best is before)
        ):
            best = candidate
    assert best is not None
    best.retrospective = best.span is not None and bool(_RETROSPECTIVE.search(best.sentence))
    best.terms = frozenset(passage_terms) | _acronyms(passage.text)
    best.context = _coverage(passage_terms, query, asked.weights, asked.total)
    if best.span is not None:
        anchor = (_asked(t, query) for t in best.anchor_words)
        best.anchor = frozenset(t for t in anchor if t is not None)
        if query.kind == "person":
            best.posts = _posts(best.sentence, best.span)
    return best


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’&-]*(?:\s+(?:of|and|for|the|&)?\s*[A-Z][\w'’&-]*)*")
_ARTICLES = frozenset({"The", "A", "An"})
# A sum followed by "a year" (or asked about per year) is a rate, not a total.
_RATE_AFTER = re.compile(
    r"\s*(?:(?:a|an|per|each|every)\s+(?:year|annum|month|week|day|head|person)\b|annually\b|yearly\b|monthly\b)",
    re.IGNORECASE,
)
# A question about what is paid again and again (a bill, a fare, pay) is answered by a rate.
_RATE_ASKED = re.compile(
    r"\b(?:a|per|each|every)\s+(?:year|annum|month|week|day)\b|\b(?:annual|yearly|monthly)|"
    r"\b(?:bills?|fares?|salar(?:y|ies)|pay|wages?|rents?|subsid(?:y|ies)|tax|charges?|prices?|fees?)\b",
    re.I,
)
_PAST_RELATIVE = re.compile(r"\b(ago|last|previous|earlier)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\b(its|their)\b[^.;]*$", re.IGNORECASE)
# A sentence that says what was said or planned before, not what holds now.
_RETROSPECTIVE = re.compile(
    r"\b(originally|initially|at first|first (announced|promised|planned|costed|proposed|set|estimated)|"
    r"had (been|originally been) (due|expected|planned|promised|scheduled|meant)|previously|"
    r"used to|was first|were first)\b",
    re.IGNORECASE,
)
# Words that give a cause: what a "why" question asks for.
_CAUSE = re.compile(
    r"\b(because|due to|owing to|as a result|result of|following|after|since|so that|in order to|"
    r"led to|caused|blamed|reason|found|amid|means|meant|by \w+ing)\b",
    re.IGNORECASE,
)
_VALUE_KINDS: frozenset[AnswerType] = frozenset({"rating", "person", "amount"})
# A sentence that goes on about the subject of the one before it.
_CONTINUES = re.compile(r"\W*(They|It|This|These|He|She|That)\b")
_SENTENCE_END = re.compile(r"[.!?:\"“‘(]\s*$")


def _written_as_name(term: str, texts: Sequence[str], stems: Mapping[str, str]) -> bool:
    """Whether the documents write a word only as a name: "slough" in a lower-case
    question is the "Slough" they mention, capitalised mid-sentence every time."""
    capitalised = 0
    for text in texts:
        for match in _WORD.finditer(text):
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


def _names_given(read: _Read, names: Sequence[str]) -> bool:
    """Whether the passage, or the ones just before it, mentions every name given
    ("Slough", "Hammond"): a quote runs on for paragraphs after the name of who said it."""
    return all(t in read.terms or t in read.before for t in names)


def _terms_before(index: Index, i: int) -> frozenset[str]:
    """The terms of the passages just before passage i in its document."""
    doc = index.passages[i].doc_id
    found: set[str] = set()
    for j in range(max(0, i - QUOTE_PASSAGES), i):
        passage = index.passages[j]
        if passage.doc_id == doc:
            for sentence in _sentences(passage.text):
                found.update(_sentence_terms(sentence))
    return frozenset(found)


def rank(index: Index, query: Query, as_of: PubDate | None = None) -> Ranking:
    """Rank the index's passages for a query, or abstain."""
    known = [t for t in query.terms if t not in query.unknown]
    for asked_about in (query.noun_term, query.counted):
        if asked_about and asked_about in query.unknown and asked_about not in _counting()[1]:
            # "Which football club ...?", "How many goals ...?": what is asked about, the
            # documents never mention.
            return Ranking(query, (), True, f"the documents never mention {query.typed(asked_about)}")
    if query.rare:
        missing = ", ".join(query.typed(t) for t in query.rare[:3])
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
    top = index.top(list(query.terms), synonyms, SYNONYM_WEIGHT, CANDIDATES, eligible)
    if len(top) < FEW_CANDIDATES:
        # In a small corpus a word of the question may be in half the passages or more,
        # where BM25 weighs it at nothing: passages holding such words are candidates too,
        # after those BM25 found.
        found = {i for i, _ in top}
        extra = index.holding([*query.terms, *synonyms], CANDIDATES, eligible)
        top = top + [(i, 0.0) for i, _ in extra if i not in found][: CANDIDATES - len(top)]
    order = [i for i, _ in top]
    scores = dict(top)
    if not order:
        when = f" published by {as_of.iso()}" if as_of else ""
        return Ranking(query, (), True, f"no document{when} mentions what the question asks about")

    weights = _weights(index, query)
    total = sum(weights.values())
    # How much each question word says, unknown ones most: "finance" in "cabinet member
    # for finance" is what tells that post from the one the documents name.
    informative = {t: index.idf(t) + COVERAGE_SMOOTHING for t in (*query.terms, *query.qualifiers)}
    subject = frozenset(t for t in query.qualifiers if index.document_share(t) > SUBJECT_SHARE)

    @cache
    def is_subject(term: str) -> bool:
        return index.document_share(term) > SUBJECT_SHARE

    # The words of the person a "still" question names: a value to find, not to exclude.
    words = [w.strip("?.,!'’") for w in fold(query.corrected).split()] if query.about else []
    keep = frozenset(w for w in words if w and stem(w) in query.about)
    asked = _Asked(query, weights, total, informative, subject, is_subject, keep)
    top_score = float(scores[order[0]]) or 1.0  # all zero: candidates BM25 could not weigh
    reads = [(i, _read(index.passages[i], index.document_of(index.passages[i]), asked)) for i in order]
    top_coverage = max(r.coverage for _, r in reads) or 1.0
    strongest = max(r.strength for _, r in reads)
    # "Who picked the consultancy?" may be answered by a body, not a person: with no typed
    # answer anywhere, a who/which question without a named post takes the best sentence.
    untyped = strongest == 0 and query.kind in _UNTYPED_FALLBACK and not query.roles
    # A name most documents use is what the corpus is about ("Northamptonshire"), not a
    # qualifier; a rarer one ("Slough") must be in the passage that answers.
    texts = [index.passages[i].text for i in order]
    lower = (t for t in query.terms if t not in query.names and t not in query.about and not is_subject(t))
    given = (*query.names, *(t for t in lower if _written_as_name(t, texts, index.stems)))
    names = [t for t in dict.fromkeys(given) if not is_subject(t)]
    if names:  # only a name to find needs the passages before each candidate
        for i, read in reads:
            read.before = _terms_before(index, i)

    def collect(untyped: bool) -> list[Hit]:
        hits = []
        for i, read in reads:
            passage = index.passages[i]
            quality = (
                WEIGHT_BM25 * float(scores[i]) / top_score
                + WEIGHT_COVERAGE * read.coverage / top_coverage
                + WEIGHT_PROXIMITY * read.proximity
                + WEIGHT_CAUSE * read.cause
            )
            typed = read.strength == strongest and strongest > 0
            answers = (typed or (untyped and read.coverage > 0)) and _names_given(read, names)
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
                )
            )
        return hits

    hits = collect(untyped)
    answering = [h for h in hits if h.answers]
    if (
        not untyped
        and query.kind in _UNTYPED_FALLBACK
        and not query.roles
        and max((h.context for h in answering), default=0.0) < MIN_COVERAGE
    ):
        # "Which council report ...?" may be answered by "the monthly financial report":
        # when no name answers enough of the question, any sentence that does may.
        untyped = True
        hits = collect(untyped)
        if max((h.context for h in hits if h.answers), default=0.0) < FALLBACK_COVERAGE:
            return Ranking(query, (), True, f"no passage gives a {query.kind} for this question")

    answering = sorted((h for h in hits if h.answers), key=lambda h: -h.quality)
    if not answering:
        if not any(_names_given(r, names) for _, r in reads):
            named = ", ".join(query.typed(t) for t in names[:3])
            return Ranking(query, (), True, f"no passage says this about {named}")
        return Ranking(query, (), True, f"no passage gives a {query.kind} for this question")
    if max(h.context for h in answering) < MIN_COVERAGE:
        return Ranking(query, (), True, "no passage answers enough of the question")
    if query.unknown and not untyped and not any(h.linked for h in answering):
        # The question says things the documents never do, and the date or name found
        # never stands next to what they share with it: it answers something else.
        return Ranking(query, (), True, f"no passage gives a {query.kind} for what the question asks about")

    def fit(hit: Hit) -> float:
        # How well a hit answers the question asked: for a typed answer, how much of the
        # question stands next to it (the same fact, told in other words); else coverage.
        if hit.span is None:
            return hit.coverage
        if holds_post:
            return 1.0  # it passed the check that the person holds the post asked about
        return sum(weights.get(t, 0.0) for t in hit.anchor) / total if total else 0.0

    generic, modifiers = _role_stems()
    holds_post = query.kind == "person" and any(r not in generic and r not in modifiers for r in query.roles)

    best_fit = max((fit(h) for h in answering if h.linked or untyped), default=0.0)
    band = [
        h
        for h in answering
        if (h.linked or untyped)
        and not (h.retrospective and not query.past)
        and fit(h) >= (COMPARABLE if h.span is not None else COMPARABLE_UNTYPED) * best_fit
        and (max(h.coverage, h.context) >= MIN_COVERAGE or (holds_post and h.span is not None))
    ]
    # Newest document first; within one document, the statement about the latest time
    # ("rated inadequate in 2013" then "requires improvement in April 2016").
    band.sort(key=lambda h: (_date_key(h.document), _mentioned(h), h.quality), reverse=True)
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
        and fit(h) >= RELATED * best_fit
        and max(h.coverage, h.context) >= MIN_COVERAGE
    )
    ranked = _dedupe(band + rest + others)
    if query.kind == "person" and ranked[0].posts:
        # "Who is in charge?" may be answered by any post, but the timeline is of one: the
        # earlier holders of the post the answer holds, not of every post named.
        related = tuple(h for h in related if _same_post(h.posts, ranked[0].posts))
    in_band = {h.passage.id for h in band}
    band_size = sum(h.passage.id in in_band for h in ranked)
    return Ranking(query, tuple(ranked), False, None, band=band_size, related=related)


def _posts(sentence: str, span: AnswerSpan) -> frozenset[str]:
    """The role terms beside a person's name, a modifier joined to the word it modifies
    ("deputi leader"): the posts the sentence gives them."""
    _, modifiers = _role_stems()
    window = [ROLE_ABBREVIATIONS.get(t, t) for t in _window(sentence, span, ROLE_WINDOW)]
    posts = set()
    for n, term in enumerate(window):
        if term in role_stems() and term not in modifiers:
            before = window[n - 1] if n else ""
            posts.add(f"{before} {term}" if before in modifiers else term)
    return frozenset(posts)


def _same_post(posts: frozenset[str], answer: frozenset[str]) -> bool:
    """Whether two people's role terms share a post ("deputy leader" is not "leader")."""
    generic, _ = _role_stems()
    return bool((posts & answer) - generic)


def _alike(a: str, b: str) -> bool:
    """Whether two texts are one told twice (rapidfuzz ratio at least DUPLICATE_RATIO)."""
    # The ratio is at most 2·min/(len a + len b): texts of unlike length are never alike,
    # and most pairs are told apart by that alone.
    shorter, longer = sorted((len(a), len(b)))
    if 200 * shorter < DUPLICATE_RATIO * (shorter + longer):
        return False
    return fuzz.ratio(a, b, score_cutoff=DUPLICATE_RATIO) >= DUPLICATE_RATIO


def _same(hit: Hit, kept: Hit) -> bool:
    if _alike(hit.passage.text, kept.passage.text):
        return True
    return _word_count(hit.sentence) >= DUPLICATE_MIN_WORDS and _alike(hit.sentence, kept.sentence)


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def _word_count(sentence: str) -> int:
    return len(sentence.split())


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """Rank once what several documents say alike (a press release quoted twice); the
    first hit keeps the others as its duplicates, so every source can be cited."""
    kept: list[Hit] = []
    for hit in hits:
        for n, first in enumerate(kept):
            if _same(hit, first):
                sources = {first.document.id} | {d.document.id for d in first.duplicates}
                if hit.document.id not in sources:
                    kept[n] = replace(first, duplicates=(*first.duplicates, hit))
                break
        else:
            kept.append(hit)
    return kept
