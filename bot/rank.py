"""Order passages for a question: relevance first, then the newest among those that answer.

1. BM25 (rank-bm25's BM25Okapi scores, from postings) scores the passages for the
   question's terms and their synonyms;
   under an `--as-of` cut-off, passages published later, or undated, are left out.
2. Each candidate's sentences are read: a sentence answers when it holds what the
   question asks for (a date for "when", a name for "who", ...) and that answer stands
   next to the question's words (it is "linked"). Its coverage is the share of the
   question's information (idf-weighted terms) it contains.
3. Passages that answer come first. Among those whose best sentence covers nearly as
   much of the question as the best one does (`COMPARABLE`) with a linked answer, the
   newest comes first;
   the rest follow by quality. Recency never lifts a passage that does not answer, or
   that answers clearly less of the question.
4. When no passage answers, or the best covers too little of the question, the ranking
   abstains rather than offer the least bad passage.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from .corpus import Document
from .dates import PubDate
from .index import UNDATED, Index
from .passages import Passage, split_sentences
from .query import Query
from .question import GENERIC_ROLE_WORDS, ROLE_MODIFIERS, AnswerSpan, find_answer_spans, names_noun
from .tokens import stem, tokenize

__all__ = ["COMPARABLE", "MIN_COVERAGE", "Hit", "Ranking", "rank"]

_WORD = re.compile(r"[£$€]?[\w'’]+%?")
#: Candidates read closely per question; the rest cannot reach the top anyway.
CANDIDATES = 40
#: Weight of a synonym's match against the word the user typed.
SYNONYM_WEIGHT = 1.0
#: Answering passages whose best sentence covers at least this share of what the best
#: one covers answer comparably well, and among those the newest is shown first.
COMPARABLE = 0.75
#: Below this share of the question's information matched, the ranking abstains.
MIN_COVERAGE = 0.4
#: How quality (0..1) weighs the passage's BM25 score, its best sentence's coverage of
#: the question, and how many of the question's word pairs that sentence keeps together.
WEIGHT_BM25 = 0.4
WEIGHT_COVERAGE = 0.4
WEIGHT_PROXIMITY = 0.2
#: Answering passages covering at least this share of what the best one covers answer the
#: same question: an older one that said something else is an "earlier report".
RELATED = 0.5
#: An answer span this many words or fewer from a matched question word is linked to it.
LINK_WINDOW = 6
#: Weight in coverage of a question word that the documents never use but English does
#: ("labour", "scared"): it counts a little against a passage lacking it, never decides.
UNKNOWN_WEIGHT = 0.5
#: Words either side of a person's name read as the post the sentence gives them.
ROLE_WINDOW = 8
#: Words either side of an answer read as what it is the answer to (its anchor).
ANCHOR_WINDOW = 8
#: A name found in more than this share of the documents is what the corpus is about.
SUBJECT_SHARE = 0.5
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
        if term in query.unknown:
            weights[term] = UNKNOWN_WEIGHT
            continue
        if not index.has_term(term) and synonyms:
            idf = max(index.idf(s) for s in synonyms)
        else:
            idf = index.idf(term)
        weights[term] = max(idf, 0.0) + COVERAGE_SMOOTHING
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


def _window(sentence: str, span: AnswerSpan, width: int) -> list[str]:
    """The terms of the words within `width` words either side of a span, in order."""
    stems = _word_stems(sentence)
    before = [t for start, t in stems if start < span.start][-width:]
    after = [t for start, t in stems if start >= span.end][:width]
    return before + after


def _asked(term: str, query: Query) -> str | None:
    """The question term a sentence term stands for (itself or a synonym of it), or None."""
    if term in query.terms:
        return term
    for asked, synonyms in query.expansions.items():
        if term in synonyms:
            return asked
    return None


def _holds_role(sentence: str, span: AnswerSpan, query: Query) -> bool:
    """Whether the sentence gives the person the post the question names, not another."""
    generic, modifiers = _role_stems()
    posts = [r for r in query.roles if r not in generic]
    if not posts:
        return True
    window = _window(sentence, span, ROLE_WINDOW)
    near = set(window)
    if not all(p in near for p in posts):
        return False
    # "deputy leader" is not the leader the question asks about.
    if any(a in modifiers and a not in query.roles and b in posts for a, b in itertools.pairwise(window)):
        return False
    named = set(span.value.split())
    qualifiers = [t for t in query.terms if t not in query.roles and t not in query.unknown and t not in named]
    if not qualifiers:
        return True
    held = sum(1 for t in qualifiers if t in near or query.expansions.get(t, frozenset()) & near)
    return held / len(qualifiers) >= ROLE_QUALIFIER_SHARE


@dataclass
class _Read:
    sentence: str
    coverage: float
    proximity: float
    span: AnswerSpan | None
    strength: int  # 0: holds no answer, 1: holds one, 2: holds one of the kind named
    linked: bool  # the answer stands next to the question's words, not elsewhere in the sentence
    context: float = 0.0  # coverage of the whole passage
    terms: frozenset[str] = frozenset()  # the passage's terms
    anchor: frozenset[str] = frozenset()


def _read(
    passage: Passage, document: Document, query: Query, weights: dict[str, float], total: float
) -> _Read:
    """The best sentence of a passage for the query, and whether it answers."""
    best: _Read | None = None
    passage_terms: set[str] = set()
    for sentence in _sentences(passage.text):
        terms = _sentence_terms(sentence)
        passage_terms.update(terms)
        coverage = _coverage(set(terms), query, weights, total)
        proximity = _proximity(terms, query)
        span, strength = None, 1
        if query.kind is not None:
            spans = find_answer_spans(sentence, query.kind, query.corrected, document.published)
            if query.kind == "person" and query.roles:
                spans = [s for s in spans if _holds_role(sentence, s, query)]
            if query.kind == "name" and query.noun:
                strong = [s for s in spans if names_noun(s, sentence, query.noun)]
                spans, strength = (strong, 2) if strong else (spans, 1)
            positions = _matched_positions(sentence, query)
            # The answer is the first span near the question's words; one far from them
            # answers something else the sentence says ("... an inspection four years ago").
            # Among near ones, text order: "X was appointed manager, replacing Y" names X.
            near = [_distance_in_words(sentence, s, positions) <= LINK_WINDOW for s in spans]
            first_near = near.index(True) if True in near else 0
            span = spans[first_near] if spans else None
            linked = bool(spans) and near[first_near]
            strength = strength if spans else 0
        else:
            linked = True
        candidate = _Read(sentence, coverage, proximity, span, strength if coverage > 0 else 0, linked)
        if best is None or (candidate.strength, candidate.linked, candidate.coverage, proximity) > (
            best.strength,
            best.linked,
            best.coverage,
            best.proximity,
        ):
            best = candidate
    assert best is not None
    best.terms = frozenset(passage_terms)
    best.context = _coverage(passage_terms, query, weights, total)
    if best.span is not None:
        anchor = (_asked(t, query) for t in _window(best.sentence, best.span, ANCHOR_WINDOW))
        best.anchor = frozenset(t for t in anchor if t is not None)
    return best


def _names_given(read: _Read, names: Sequence[str]) -> bool:
    """Whether the passage mentions every name given ("Slough", "Hammond")."""
    return all(t in read.terms for t in names)


def rank(index: Index, query: Query, as_of: PubDate | None = None) -> Ranking:
    """Rank the index's passages for a query, or abstain."""
    known = [t for t in query.terms if t not in query.unknown]
    if query.rare:
        return Ranking(query, (), True, f"the documents never mention {', '.join(query.rare[:3])}")
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
    top = index.top(list(query.terms), synonyms, SYNONYM_WEIGHT, CANDIDATES, _eligible(index, as_of))
    order = [i for i, _ in top]
    scores = dict(top)
    if not order:
        when = f" published by {as_of.iso()}" if as_of else ""
        return Ranking(query, (), True, f"no document{when} mentions what the question asks about")

    weights = _weights(index, query)
    total = sum(weights.values())
    top_score = float(scores[order[0]])
    reads = [
        (i, _read(index.passages[i], index.document_of(index.passages[i]), query, weights, total))
        for i in order
    ]
    top_coverage = max(r.coverage for _, r in reads) or 1.0
    strongest = max(r.strength for _, r in reads)
    # "Who picked the consultancy?" may be answered by a body, not a person: with no typed
    # answer anywhere, a who/which question without a named post takes the best sentence.
    untyped = strongest == 0 and query.kind in ("person", "name") and not query.roles
    # A name most documents use is what the corpus is about ("Northamptonshire"), not a
    # qualifier; a rarer one ("Slough") must be in the passage that answers.
    names = [t for t in query.names if index.document_share(t) <= SUBJECT_SHARE]

    hits: list[Hit] = []
    for i, read in reads:
        passage = index.passages[i]
        quality = (
            WEIGHT_BM25 * float(scores[i]) / top_score
            + WEIGHT_COVERAGE * read.coverage / top_coverage
            + WEIGHT_PROXIMITY * read.proximity
        )
        answers = read.strength == strongest and (strongest > 0 or untyped) and _names_given(read, names)
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
            )
        )

    answering = sorted((h for h in hits if h.answers), key=lambda h: -h.quality)
    if not answering:
        if not any(_names_given(r, names) for _, r in reads):
            named = ", ".join(names[:3])
            return Ranking(query, (), True, f"no passage says this about {named}")
        return Ranking(query, (), True, f"no passage gives a {query.kind} for this question")
    best = max(h.coverage for h in answering)
    if max(h.context for h in answering) < MIN_COVERAGE:
        return Ranking(query, (), True, "no passage answers enough of the question")

    band = [h for h in answering if h.linked and h.coverage >= max(COMPARABLE * best, MIN_COVERAGE)]
    band.sort(key=lambda h: (_date_key(h.document), h.quality), reverse=True)
    rest = [h for h in answering if h not in band]
    others = sorted((h for h in hits if not h.answers), key=lambda h: -h.quality)
    related = tuple(h for h in answering if h.linked and h.coverage >= max(RELATED * best, MIN_COVERAGE))
    ranked = _dedupe(band + rest + others)
    in_band = {h.passage.id for h in band}
    band_size = sum(h.passage.id in in_band for h in ranked)
    return Ranking(query, tuple(ranked), False, None, band=band_size, related=related)


def _same(hit: Hit, kept: Hit) -> bool:
    if fuzz.ratio(hit.passage.text, kept.passage.text) >= DUPLICATE_RATIO:
        return True
    return (
        len(hit.sentence.split()) >= DUPLICATE_MIN_WORDS
        and fuzz.ratio(hit.sentence, kept.sentence) >= DUPLICATE_RATIO
    )


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
