"""Turn a question into a query: fix typos, find its terms and what it asks for.

Words the corpus does not know are corrected against its vocabulary with rapidfuzz, but
only when they are not ordinary English words (wordfreq): "chidlrens" becomes
"children", while "Leeds" and "goals" stay what they are, so that a question about
something the corpus never mentions is still recognised as such.

May import `text` and this package's `asked_time`, `kept`, `question`, `spans` and `wording`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from ..text.dates import MONTHS, PubDate
from ..text.lexicon import CAPACITY_WORDS, SYNONYM_WORDS
from ..text.patterns import lazy_compile
from ..text.tokens import STOP_WORDS, fold, stem, tokenize, words
from .asked_time import implied_cutoff, time_terms
from .kept import once_per
from .question import (
    ASKS_CAPACITY,
    ASKS_CAUSE,
    ASKS_DESTINATION,
    ASKS_FORMER_USE,
    ASKS_GRADE_LOST,
    ASKS_GRADE_MEANS,
    ASKS_OPENER,
    ASKS_REPLACEMENT,
    asked_noun,
    asks_yes_or_no,
    counted_term,
    expected_answer,
    fate_asked,
    funding_asked,
    person_terms,
    post_qualifiers,
    purpose_asked,
    role_terms,
    succession_asked,
)
from .spans import AnswerType, Party, find_answer_spans, is_body_word, is_name_word, name_words
from .wording import FILLER_WORDS, as_shown, common_spelling, informal_to_plain, is_common_english, zipf

__all__ = ["FIRST", "SYNONYM_WORDS", "Query", "grade_terms", "graded", "parse_query", "synonym_groups"]

QUESTION_WORDS = ("when", "who", "what", "which", "where", "why", "how", "whose")
#: Words at least this common in English (Zipf scale) are never "corrected".
ENGLISH_WORD_ZIPF = 3.0
#: A first word this common ("show", "there") is not a mistyped question word ("wen").
COMMON_WORD_ZIPF = 4.0


@cache
def synonym_groups() -> tuple[frozenset[str], ...]:
    """The synonym groups as index terms (worked out on first use: stemming has a cost)."""
    return tuple(frozenset(stem(w) for w in group.split()) for group in SYNONYM_WORDS)


@cache
def _synonym_terms() -> frozenset[str]:
    return frozenset().union(*synonym_groups())


_EARLIER = lazy_compile(
    r"\b(originally|initially|first|at first|planned|expected|meant|supposed|budgeted|forecast|estimated|"
    r"promised|due)\b",
    re.IGNORECASE,
)
#: Words that speak of the first of a fact's values: "its first chair", "the original cost".
FIRST = lazy_compile(r"\b(first|original|originally|initial|initially|founding)\b", re.IGNORECASE)
# "first" before the verb asks when it first happened ("When was it first opened?");
# before a noun it names the event ("its first students").
_FIRST_DONE = lazy_compile(
    r"\bfirst\s+[a-z]+ed\b|\b(?:originally|initially)\s+[a-z]+(?:ed|en)\b"
    # "What year did it first open its doors?": "first" after the subject, before a verb
    # (not "its first students").
    r"|\b(?:did|does|do)\s+(?:\S+\s+){1,4}?(?<!\bits\s)(?<!\btheir\s)(?<!\bthe\s)(?<!\bour\s)(?<!\bher\s)"
    r"(?<!\bhis\s)first\s+(?!(?:time|day|week|month|year)s?\b)[a-z]+\b",
    re.I,
)
# What asks the value a change replaced, not a first thing: "originally meant to cost",
# "the initial estimate", "when it was first approved"; not "the first phase".
_ORIGINAL_VALUE = lazy_compile(
    r"\b(originally|initially|original|initial)\b|\bfirst\s+[a-z]+(?:ed|t)\b|\bwhen\s+(?:\w+\s+){0,2}first\b",
    re.IGNORECASE,
)
_FORECAST = lazy_compile(
    r"\b(due|expected|planned|scheduled|supposed to|meant to|set to|going to|on course|on track|will|"
    r"forecast|estimated|target)\b",
    re.IGNORECASE,
)
_COST_TO = lazy_compile(r"\bcosts?\s+(?:\w+\s+)?to\s+([a-z]+)\b", re.IGNORECASE)
_FIRST_PLAN = lazy_compile(r"\b(originally|initially|first|at first)\b", re.IGNORECASE)
_BEFORE = lazy_compile(r"\b(before|previous|previously|formerly|prior|used to)\b", re.I)
_LEFT = lazy_compile(r"\b(leave|left|quit)\b", re.I)
# "Why ...?", "How come ...?", "What made / pushed / was behind ...?" ask for a cause.
_JOB = lazy_compile(r"\b(job|post|role|position)\b", re.I)
# The asker's own errand: "how do I renew ...?"; not "how can I find out how many ...?",
# which asks a fact.
_ERRAND = lazy_compile(
    r"\W*how (do|can|should|must|could) i (?!find\b|know\b|tell\b|see\b|check\b)[a-z]", re.I
)
# The adjective of "how big", "how long": what kind of answer, not what about.
_HOW_SCALE = lazy_compile(
    r"\s*how\s+(big|large|small|high|low|long|old|far|tall|wide|deep|heavy|expensive|costly|late|early)\b",
    re.IGNORECASE,
)
# "the size of the team" asks how many are in it: "size" says the kind of answer, as "how big" does.
_SIZE_OF = lazy_compile(
    r"\s*what(?:['’]s|\s+(?:is|was|are|were))\s+the\s+(?:[a-z]+\s+)?(size|strength)\s+of\b", re.IGNORECASE
)
# "in the end" and "these days" read as "finally" and "now" (see `wording`).
_LATEST = lazy_compile(r"\b(finally|final|eventually|ultimately|now|currently|current|latest)\b", re.I)
# "How much has it cost?": the present perfect asks the tally so far, the latest one; not
# "have to". (Not for counts: "how many have left?" counts an event, and measured so it
# cost a held-out answer.)
_SO_FAR = lazy_compile(r"\b(?:has|have|so far|to date)\b(?!\s+to\b)", re.I)


@dataclass(frozen=True)
class Query:
    """A question ready to search."""

    question: str
    terms: tuple[str, ...]  # index terms of the question, once each, in order
    expansions: dict[str, frozenset[str]] = field(default_factory=dict)  # term -> synonyms in the index
    unknown: tuple[str, ...] = ()  # terms the index does not have
    corrections: tuple[tuple[str, str], ...] = ()  # (typed, corrected)
    kind: AnswerType | None = None
    noun: str | None = None  # the X of "which X"
    plain: str = ""  # the question with casual wording read as plain English
    rare: tuple[str, ...] = ()  # unknown terms that are no ordinary English word: named content
    names: tuple[str, ...] = ()  # terms of words the question capitalises (after its first)
    roles: tuple[str, ...] = ()  # terms naming a role the question asks about ("chief", "director")
    qualifiers: tuple[str, ...] = ()  # terms saying which post: "council", "financ" in "... for finance"
    counted: str | None = None  # the term of what "how many X" counts
    about: tuple[str, ...] = ()  # terms of the person whose post a "still" question checks
    # The documents' misspellings of the question's terms, each to the term it stands
    # for: "recieve" -> "receiv" when the documents write "recieve" for "receive".
    respelt: dict[str, str] = field(default_factory=dict)

    def typed(self, term: str) -> str:
        """The word of the question a term comes from ("Leeds" for "leed"), or the term."""
        words: list[str] = re.findall(r"[\w'’-]+", self.corrected)
        return next((word for word in words if term in tokenize(word)), term)

    @property
    def noun_term(self) -> str | None:
        """The term of the X of "which X"."""
        found = tokenize(self.noun) if self.noun else []
        return found[0] if found else None

    @property
    def costed(self) -> str | None:
        """The term of what a cost is for: "park" in "how much does it cost to park?"."""
        found = _COST_TO.search(self.corrected)
        terms = tokenize(found.group(1)) if found else []
        return terms[0] if terms else None

    @property
    def past(self) -> bool:
        """Whether the question asks what was said or planned before ("did they expect")."""
        return bool(re.search(r"\b(did|was|were|had|originally|initially|first)\b", self.corrected, re.I))

    @property
    def future(self) -> bool:
        """Whether the question asks what is to happen ("when will it open?")."""
        return not self.past and bool(
            re.search(
                r"\b(will|going to|due|expected|planned|scheduled|set to|when (is|are))\b",
                self.corrected,
                re.I,
            )
        )

    @property
    def asks_plan(self) -> bool:
        """Whether the question asks about a plan or forecast ("expected", "due", "will")."""
        return bool(_FORECAST.search(self.corrected))

    @cached_property  # read for every sentence of every candidate
    def asks_first_value(self) -> bool:
        """Whether the question asks the first of the values a fact took: "What was it
        first meant to cost?", "When was it first opened?", "Who was its first chair?";
        not "When did it take its first students?", an event the newest report tells best."""
        return self.kind is not None and bool(
            FIRST.search(self.corrected)
            and (self.kind != "date" or self.asks_plan or _FIRST_DONE.search(self.corrected))
        )

    @cached_property  # read for every sentence of every candidate
    def asks_original_value(self) -> bool:
        """Whether the question asks the value a change replaced: "What was it originally
        meant to cost?", "How much was it to cost when it was first approved?"; not "How
        much will the first phase cost?"."""
        return self.kind is not None and bool(_ORIGINAL_VALUE.search(self.corrected))

    @property
    def forecast(self) -> bool:
        """Whether the question asks what was planned at a past time, not what happened:
        "When was it expected to open?"; not what was first planned, nor "When will it
        open?", which a report that it has opened answers."""
        return (
            self.asks_plan
            and bool(re.search(r"\b(was|were|had)\b", self.corrected, re.I))
            and not _FIRST_PLAN.search(self.corrected)
        )

    @property
    def asks_words(self) -> bool:
        """Whether the question asks what someone said: "What did she say ...?", "How did
        he describe ...?", "What does she hope ...?"."""
        return bool(_SAYING.search(self.corrected))

    @property
    def asks_latest(self) -> bool:
        """Whether the question asks what holds now or in the end ("currently", "finally")."""
        return bool(_LATEST.search(self.corrected))

    @property
    def asks_so_far(self) -> bool:
        """Whether the question asks a sum as it stands so far ("How much has it cost?")."""
        return self.kind == "amount" and bool(_SO_FAR.search(self.corrected))

    @property
    def errand(self) -> bool:
        """Whether the question asks how the asker should do something ("how do I renew ...?")."""
        return bool(_ERRAND.match(self.corrected))

    @property
    def why(self) -> bool:
        """Whether the question asks for a cause ("why ...", "how come ...", "what made ...")."""
        return bool(ASKS_CAUSE.match(self.corrected))

    @property
    def destination(self) -> bool:
        """Whether the question asks where a person went on leaving ("What job did Jo Bell
        leave Kelby to take up?")."""
        return bool(self.people) and bool(ASKS_DESTINATION.match(self.corrected))

    @property
    def capacity(self) -> bool:
        """Whether the question asks how many a place holds when full ("How many pupils will
        it hold once it is full?")."""
        return bool(ASKS_CAPACITY.match(self.corrected))

    @property
    def former_use(self) -> bool:
        """Whether the question asks what a site was before ("What used to be on the plot?")."""
        return bool(ASKS_FORMER_USE.match(self.corrected))

    @cached_property  # read for every sentence of every candidate
    def party(self) -> Party | None:
        """The part in an event the question asks who played: "replacement" for the firm
        that took the work on after the first failed ("Which company was brought in to
        finish the job after the original contractor failed?"), "opener" for who opened a
        place ("Who performed the official opening?"), "successor" or "predecessor" of
        the person it names (`succeeded`: "Who took over when Jo Bell retired?")."""
        if self.kind not in ("person", "name"):
            return None
        if ASKS_REPLACEMENT.match(self.corrected):
            return "replacement"
        if ASKS_OPENER.match(self.corrected):
            return "opener"
        succession = self._succession
        return succession[0] if succession is not None and self.kind == "person" and self.succeeded else None

    @cached_property
    def _succession(self) -> tuple[Literal["successor", "predecessor"], str] | None:
        """`question.succession_asked` of the question as read, worked out once."""
        return succession_asked(as_shown(self.corrected))

    @cached_property
    def fate_of(self) -> frozenset[str]:
        """The terms of what the question asks became of ("castl", "hill", "librari" of
        "What is happening to the old Castle Hill library?"); empty if it asks no such thing."""
        return self._untyped_asked(fate_asked) or frozenset()

    @cached_property
    def funded(self) -> frozenset[str] | None:
        """The terms of what the question asks how it is paid for ("overspend" of "How will
        the hospice pay for the overspend?"); None if it asks no such thing."""
        return self._untyped_asked(funding_asked)

    @property
    def purpose(self) -> frozenset[str] | None:
        """The terms of the money the question asks the purpose of ("increase", "due" of
        "What was the increase in dues meant to pay for?"); None if it asks no such thing."""
        return self._untyped_asked(purpose_asked)

    def _untyped_asked(self, reader: Callable[[str], str | None]) -> frozenset[str] | None:
        """The terms of the words a reader finds an untyped, non-why question asks about
        (what became of, what is paid for); None if it finds none."""
        if self.kind is not None or self.why:
            return None
        asked = reader(as_shown(self.corrected))
        return frozenset(tokenize(asked)) - STOP_WORDS if asked is not None else None

    @property
    def grade_means(self) -> bool:
        """Whether the question asks how a grade was won ("How did the co-op get its Silver
        rating back?"): what the assessors credited answers."""
        return self.kind is None and not self.why and bool(ASKS_GRADE_MEANS.match(self.corrected))

    @property
    def grade_lost(self) -> bool:
        """Whether the question asks why a grade was lost ("Why did the council take its
        Gold rating away?"): what the assessors found answers."""
        return self.why and bool(ASKS_GRADE_LOST.match(self.corrected))

    @property
    def asks_first_told(self) -> bool:
        """Whether the question asks what was said at first: "How did it originally intend
        to pay?", "... when it was first announced?"."""
        return bool(_ORIGINAL_VALUE.search(self.corrected))

    @cached_property
    def succeeded(self) -> frozenset[str]:
        """The words naming the person whose successor or predecessor the question asks
        ("jo", "bell" of "Who took over when Jo Bell retired?"); empty if it asks neither."""
        succession = self._succession
        return name_words(succession[1]) - STOP_WORDS if succession is not None else frozenset()

    @cached_property  # read for every body beside every answer of every candidate
    def names_body_kind(self) -> bool:
        """Whether the question names a kind of body ("Dunnock Council", "the trust"), not
        only a body's name ("When did Dunnock go bust?")."""
        return any(is_body_word(w) for w in self.corrected.split())

    def without(self, dropped: AbstractSet[str]) -> Query:
        """The query without some of its terms (a time it names: "as of October 2018")."""
        if not dropped or not set(self.terms) - dropped:
            return self
        keep = [t for t in self.terms if t not in dropped]
        return replace(
            self,
            terms=tuple(keep),
            expansions={t: e for t, e in self.expansions.items() if t not in dropped},
            unknown=tuple(t for t in self.unknown if t not in dropped),
            rare=tuple(t for t in self.rare if t not in dropped),
            names=tuple(t for t in self.names if t not in dropped),
        )

    def dated(self, cutoff: PubDate | None) -> tuple[Query, PubDate | None]:
        """The query as of a cut-off: the one given, else the one its named time implies
        ("Who was the chair in 2014?"); without the words that name that time, which say
        when to look, not what to look for."""
        if cutoff is None:
            cutoff = implied_cutoff(self.corrected, self.kind)
        return (self.without(time_terms(self.corrected, cutoff)) if cutoff is not None else self), cutoff

    @cached_property  # read for every sentence of every candidate
    def doing(self) -> str | None:
        """The term of what a "who" question asks who does: "own" in "who will own the
        trust?", answered by "owned by the county council"."""
        match = re.match(
            r"\W*who(?:['’]s)?\s+(?:(?:will|would|did|does|do|has|have|had|is|was|are|were)\s+)?"
            # "who finally built it", "who ended up building it"
            r"(?:(?:finally|actually|eventually|ultimately|then|now|first|originally|really|also|still)\s+)?"
            r"([a-z]+)\b",
            fold(self.corrected),
        )
        if match is None or match.group(1) in STOP_WORDS or self.roles:
            return None
        found = tokenize(match.group(1))
        return found[0] if found else None

    @cached_property  # read for every sentence of every candidate
    def asks_earlier(self) -> bool:
        """Whether the question asks what was first planned or said: "What was it
        originally meant to cost?"."""
        return bool(_EARLIER.search(self.corrected))

    @cached_property  # read for every sentence of every candidate
    def asks_before(self) -> bool:
        """Whether the question asks what a person it names did before: "What job did Jo
        Bell have before?", "Where was she working before she joined?", "Which job did
        she leave to join?"."""
        return (
            self.kind != "person"
            and bool(self.people)
            and not self.destination
            and bool(
                _BEFORE.search(self.corrected)
                or (_LEFT.search(self.corrected) and _JOB.search(self.corrected))
            )
        )

    @cached_property  # read for every sentence of every candidate of a "which X" question
    def kind_terms(self) -> frozenset[str]:
        """The terms of the question's lower-case words, its posts and the noun it asks
        about aside: what says which kind is asked ("grid" in "Which grid company ...?")."""
        said = {t for w in self.corrected.split() if w[:1].islower() for t in tokenize(w)}
        return frozenset(said - {*self.roles, self.noun_term or ""})

    @cached_property  # read for every sentence of every candidate
    def people(self) -> frozenset[str]:
        """The terms of the people the question names ("Tobias Grell")."""
        return person_terms(self.corrected)

    @cached_property  # read for every sentence of every candidate
    def bodies(self) -> frozenset[str]:
        """The terms of the names the question gives that are no person's ("Larkfield" in
        "Who chairs Larkfield's board?", not "Jo Bell" in "Who succeeded Jo Bell?")."""
        return frozenset(self.names) - self.people

    @cached_property  # read for every sentence of every candidate of a date question
    def defining_term(self) -> str | None:
        """The term an answer must stand beside to be of the thing asked: the event a date
        question ends on ("found" in "When was X founded?"), the post a "which firm is the
        main contractor on X?" question gives its name ("contractor")."""
        if not self.terms:
            return None
        last = ""
        ending = self.terms[-1]
        if self.kind == "date":
            said = re.findall(r"[\w'’-]+", self.corrected)
            # "When did Jo Bell start as chair?": the event is the verb before "as".
            at = next(
                (
                    n
                    for n in range(len(said) - 2, max(len(said) - _AS_REACH, 0), -1)
                    if said[n].casefold() == "as"
                ),
                0,
            )
            if at:
                said = said[:at]
                ending = next((t for w in reversed(said) for t in reversed(tokenize(w))), ending)
            # "When did it actually open in the end?": the event is the verb before the
            # adverbs; not a particle ("pushed back again"), which names no event alone, nor
            # in "Has it been delayed again?", which asks whether, not when.
            kept = said
            while len(kept) > 2 and kept[-1].casefold() in _TRAILING_ADVERBS:
                kept = kept[:-1]
            if (
                kept is not said
                and kept[-1].casefold() not in _TRAILING_PARTICLES
                and not asks_yes_or_no(self.corrected)
            ):
                said = kept
                ending = next((t for w in reversed(said) for t in reversed(tokenize(w))), ending)
            last = said[-1].casefold() if said else ""
            found = tokenize(last) if last else []
        elif self.kind == "name":
            match = _DEFINED.match(fold(self.corrected).strip())
            found = tokenize(match.group(1)) if match else []
        else:
            return None
        term = found[0] if found else None
        # A name or a post is whose the date is, not the event ("... appointed Jo Bell",
        # "take up the post of chief executive"); people in the plural are no post ("call
        # in administrators").
        whose = {*self.names, *self.about, *(self.roles if not last.endswith("s") else ())}
        if term is None or term not in self.terms or term in whose:
            return None
        if self.kind == "date" and term != ending:
            return None
        return term

    @property
    def corrected(self) -> str:
        """The question as read: casual wording made plain, typos corrected."""
        text = self.plain or self.question
        for wrong, right in self.corrections:
            text = re.sub(rf"(?i)\b{re.escape(wrong)}\b", right, text, count=1)
        return text


# Adverbs a date question may end on after its event: "When did it open in the end?"
# (read as "finally"), "When will it reopen again?".
_TRAILING_ADVERBS = frozenset(
    "finally eventually ultimately actually again now yet then first originally initially".split()
)

_TRAILING_PARTICLES = frozenset("back up down off out over on in away forward".split())

# Verbs of saying: a question holding one asks for someone's words.
_SAYING = lazy_compile(
    r"\b(say|said|says|describe|described|call|called|told|tell|hope|hopes|think|thinks|want|wants|"
    r"reckon|reckons|believe|believes|argue|argues|argued|claim|claims|claimed|according to)\b",
    re.IGNORECASE,
)

_DEFINED = lazy_compile(
    r"^(?:which|what) [\w'’-]+ (?:is|was|are|were|will be) (?:the |an? )?(?:[\w'’-]+ ){0,2}?"
    r"([\w'’-]+)(?: (?:on|of|for|at|in|to|behind|building)\b|\W*$)"
)


def _shapes(vocabulary: AbstractSet[str]) -> dict[tuple[int, int, str], list[str]]:
    """The vocabulary's words by length and first or second letter."""
    shapes: dict[tuple[int, int, str], list[str]] = {}
    for w in vocabulary:
        for place in (0, 1):
            if len(w) > place:
                shapes.setdefault((len(w), place, w[place]), []).append(w)
    return shapes


#: A word the documents may misspell is at least this long: "minister" as "minster".
MISSPELT_MIN_LETTERS = 6


def _misspelt_in_corpus(
    term: str, surface: list[str], vocabulary: AbstractSet[str], known_terms: AbstractSet[str]
) -> str | None:
    """The known term of a rare word one letter from a common one the question uses and
    the documents never do: the documents' misspelling of it ("minster" for "minister")."""
    word = next((w for w in surface if tokenize(w) == [term]), None)
    if (
        word is None
        or len(word) < MISSPELT_MIN_LETTERS
        or not word.isalpha()
        or zipf(word) < COMMON_WORD_ZIPF
    ):
        return None
    for near in _words_like(word, vocabulary):
        found = tokenize(near)
        if (
            DamerauLevenshtein.distance(word, near) == 1
            and zipf(near) < COMMON_WORD_ZIPF
            and found
            and found[0] in known_terms
        ):
            return found[0]
    return None


def _words_like(word: str, vocabulary: AbstractSet[str]) -> list[str]:
    """The vocabulary's words a typo of `word` may be: within two letters of its length,
    with its first or second letter in first or second place (a 100,000-word vocabulary
    read whole for every unknown word cost ~40 ms)."""
    shapes = once_per("shapes", vocabulary, _shapes)
    return list(
        dict.fromkeys(
            w
            # Its own length first: among equally near words, a typo is likelier a letter
            # mistyped ("maay": "many") than one left out ("may").
            for length in (len(word), len(word) - 1, len(word) + 1, len(word) - 2, len(word) + 2)
            for place, letter in ((0, word[0]), (1, word[1]), (0, word[1]), (1, word[0]))
            for w in shapes.get((length, place, letter), ())
        )
    )


_PARTICLES = frozenset("out up over down off back".split())
_AS_REACH = 9  # words from a date question's end back to the "as" of its post ("as chief executive of ...")
_FORM_PREFIX = 5  # letters a form of a word shares with it, at the least
_RELATIVE_MIN = 6  # letters of the shorter of two words of one family, at the least
_RELATIVE_EXTRA = 2  # letters the longer adds, at most


def _prefixes(known_terms: AbstractSet[str]) -> dict[str, list[str]]:
    """The known terms by their first letters."""
    prefixes: dict[str, list[str]] = {}
    for k in known_terms:
        if len(k) > _FORM_PREFIX:
            prefixes.setdefault(k[:_FORM_PREFIX], []).append(k)
    return prefixes


def _form_of(term: str, known_terms: AbstractSet[str]) -> str | None:
    """The known term an unknown one is another form of, differing only in its last
    letters: "scrutinis" ("scrutinises") of "scrutini" ("scrutiny")."""
    if len(term) < _FORM_PREFIX or not term.isalpha():
        return None
    clipped = not is_common_english(term)
    forms = [
        k
        for k in once_per("prefixes", known_terms, _prefixes).get(term[:_FORM_PREFIX], ())
        if (abs(len(k) - len(term)) <= 2 and (term.startswith(k[:-1]) or k.startswith(term[:-1])))
        or (clipped and k.startswith(term))  # "defib" for "defibrillator"
    ]
    return min(forms, key=lambda k: (abs(len(k) - len(term)), k)) if forms else None


#: The fewest letters each part of a compound word has: "housebuilder", not "in" + "come".
_COMPOUND_PART = 4


def _compound_of(
    term: str, surface: Sequence[str], vocabulary: AbstractSet[str], known_terms: AbstractSet[str]
) -> frozenset[str]:
    """The known terms of the two words an unknown compound word joins ("hous", "builder" for
    "housebuilder"); empty when it is no two words the documents use."""
    for word in surface:
        if not word.isalpha() or term not in tokenize(word):
            continue
        for at in range(len(word) - _COMPOUND_PART, _COMPOUND_PART - 1, -1):
            head, tail = word[:at], word[at:]
            if head in vocabulary and tail in vocabulary:
                parts = [*tokenize(head), *tokenize(tail)]
                if len(parts) == 2 and all(t in known_terms for t in parts):
                    return frozenset(parts)
    return frozenset()


def _relatives(term: str, known_terms: AbstractSet[str]) -> frozenset[str]:
    """Known terms of the same word family as a known one, one the other's stem with a few
    letters more: "inspector" for "inspect" ("inspection"), which stemming leaves apart."""
    if len(term) < _RELATIVE_MIN or term not in known_terms:
        return frozenset()
    return frozenset(
        k
        for k in once_per("prefixes", known_terms, _prefixes).get(term[:_FORM_PREFIX], ())
        if k != term
        and len(k) >= _RELATIVE_MIN
        and abs(len(k) - len(term)) <= _RELATIVE_EXTRA
        and (k.startswith(term) or term.startswith(k))
    )


def _correct(
    word: str, vocabulary: AbstractSet[str], known_terms: AbstractSet[str], first: bool
) -> str | None:
    """The vocabulary word a typed word was meant to be, or None."""
    if first and word not in QUESTION_WORDS and word not in vocabulary:
        match = process.extractOne(word, QUESTION_WORDS, scorer=fuzz.ratio, score_cutoff=70)
        # wordfreq is asked last, only for a near miss: "show" is a word, "wen" a typo.
        if (
            match is not None
            and DamerauLevenshtein.distance(word, match[0]) <= 1
            and zipf(word) < COMMON_WORD_ZIPF
        ):
            return str(match[0])
    if len(word) < 4 or not word.isalpha() or word in vocabulary or word in STOP_WORDS:
        return None
    term = stem(word)
    if term in known_terms or term in _synonym_terms():
        return None  # another form of a word the corpus has ("rated" for "rating"), or a synonym
    if zipf(word) >= ENGLISH_WORD_ZIPF:
        return None
    limit = 1 if len(word) <= 5 else 2
    # "libarys": the plural of a word ending in y, typed as it sounds, when the word as
    # typed is near no word of the documents.
    forms = (word, word[:-2] + "ies") if _Y_PLURAL.search(word) else (word,)
    for form in forms:
        match = process.extractOne(
            form,
            _words_like(form, vocabulary),
            scorer=DamerauLevenshtein.normalized_similarity,
            score_cutoff=0.75,
        )
        candidate = str(match[0]) if match is not None else ""
        if candidate and DamerauLevenshtein.distance(form, candidate) <= limit:
            return candidate
    # A common word the documents never use, misspelt: "actualy", "finaly".
    return common_spelling(word)


_Y_PLURAL = lazy_compile(r"[^aeiou]ys$")


_CAPITALISED = lazy_compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][\w'’-]*")


def _capitalised_terms(question: str) -> frozenset[str]:
    """Terms of the words a question capitalises past its first word: names it gives."""
    return frozenset(
        t
        for m in _CAPITALISED.finditer(question.strip())
        if is_name_word(m.group(0))
        for t in tokenize(m.group(0))
    )


# A phrase in single quotes, not an apostrophe: "the 'needs work' grade".
_SINGLE_QUOTED = lazy_compile(r"(?<![\w'’])['‘]([a-z][a-z -]{0,38}[a-z])['’](?![\w'’])", re.IGNORECASE)
# A year, with the month before it if any: "May 2019".
_A_TIME = lazy_compile(rf"\b(?:(?:{'|'.join(MONTHS)})\.?\s+)?(?:19|20)\d\d\b", re.IGNORECASE)
# Words asking whether a state lasted: then a time the question gives is when it began.
_LASTED = lazy_compile(
    r"\b(still|stick|stuck|last|lasted|hold|held|keep|kept|remain|remained)\b", re.IGNORECASE
)


def grade_terms(question: str, grades: Iterable[str] = ()) -> frozenset[str]:
    """The terms of the grades a yes-or-no question names (`grades`, or those its wording
    shows to be grades: "rated good", "the 'fair' grade"), and, when it asks whether the
    grade lasted, of the time it gives: "Did the 'fair' grade from May 2019 stick?"."""
    quoted = _SINGLE_QUOTED.sub(r'"\1"', question).rstrip(" ?!")
    named = [*grades, *(s.text for s in find_answer_spans(quoted, "rating", ""))]
    found = {t for g in named for t in tokenize(g)}
    if found and _LASTED.search(question):
        found |= {t for m in _A_TIME.finditer(question) for t in tokenize(m.group(0))}
    return frozenset(found & set(tokenize(question)))


def graded(query: Query, grades: Iterable[str]) -> Query:
    """The query read as asking whether the grades it names hold (see `grade_terms`)."""
    about = grade_terms(query.corrected, grades)
    return replace(
        query,
        kind="rating",
        about=tuple(sorted(about)),
        names=tuple(t for t in query.names if t not in about),
    )


# How the documents tell what a site was ("on the site of the former bus garage"), and the
# question's words that ask it ("What used to be on the plot?", "What is it built on?").
_FORMER_WORDS = "former disused derelict old site"
_FORMER_ASKED = "used before built site land plot ground stood previously originally"


def _said_as(
    key: str | None,
    said: str,
    terms: Sequence[str],
    expansions: dict[str, frozenset[str]],
    known: AbstractSet[str],
) -> None:
    """Count the words the documents may say a question's term with as its synonyms."""
    found = frozenset(t for t in tokenize(said) if t in known) - set(terms)
    if key is not None and found:
        expansions[key] = expansions.get(key, frozenset()) | found


# A lower-case word of a question that may be a name.
_LOWER_WORD = lazy_compile(r"(?<![\w'’-])[a-z][a-z]{2,}(?![\w-])")


def _names_cased(text: str, is_name: Callable[[str], bool]) -> str:
    """The text with each lower-case word `is_name` says is a name capitalised."""
    return _LOWER_WORD.sub(lambda m: m.group(0).capitalize() if is_name(m.group(0)) else m.group(0), text)


def parse_query(
    question: str,
    vocabulary: AbstractSet[str],
    known_terms: AbstractSet[str],
    is_name: Callable[[str], bool] | None = None,
) -> Query:
    """Analyse a question against an index's vocabulary and terms; `is_name` says which
    lower-case words are names the documents write, for a question capitalising none."""
    plain = informal_to_plain(question, vocabulary)
    # A rare word in lower case is specific content ("caseload") where the asker
    # capitalises names past the first letter; typed in lower case (a phone capitalises
    # only the first), it may be a name, slang or a typo alike, and does not decide "I
    # don't know" alone.
    cased = any(c.isupper() for c in plain[1:])
    if not cased and is_name is not None:
        # "who took over wen gillian marsh retired": "Gillian Marsh", as the documents write her.
        plain = _names_cased(plain, is_name)
    typed = [w for w in words(plain) if w not in FILLER_WORDS]
    corrections: list[tuple[str, str]] = []
    for position, word in enumerate(typed):
        fixed = _correct(word, vocabulary, known_terms, first=position == 0)
        if fixed is not None and fixed != word:
            corrections.append((word, fixed))
    query = Query(question=question, terms=(), corrections=tuple(corrections), plain=plain)
    corrected = query.corrected
    surface = [w for w in words(corrected) if w not in FILLER_WORDS]
    terms = tuple(dict.fromkeys(t for w in surface for t in tokenize(w)))
    expansions: dict[str, frozenset[str]] = {}
    for term in terms:
        related = frozenset().union(*(g for g in synonym_groups() if term in g)) - {term}
        present = frozenset(t for t in related if t in known_terms) | _relatives(term, known_terms)
        if present:
            expansions[term] = present
    for verb, particle in itertools.pairwise(surface):
        # "turned out" asks about the "turnout", "set up" the "setup", "handed over" the
        # "handover" that the documents write as one word.
        if particle in _PARTICLES and (found := tokenize(verb)):
            joined = stem(found[0] + particle)
            if joined in known_terms and joined != found[0]:
                expansions[found[0]] = expansions.get(found[0], frozenset()) | {joined}
    if ASKS_FORMER_USE.match(corrected):
        asked = set(tokenize(_FORMER_ASKED))
        _said_as(next((t for t in terms if t in asked), None), _FORMER_WORDS, terms, expansions, known_terms)
    if ASKS_CAPACITY.match(corrected):
        # "How many pupils will it hold when full?" counts its places.
        _said_as(counted_term(corrected), " ".join(CAPACITY_WORDS), terms, expansions, known_terms)
    capitalised = _capitalised_terms(corrected)
    respelt: dict[str, str] = {}
    for term in terms:
        # "scrutinises" asks about the "scrutiny" the documents speak of.
        if term not in known_terms and term not in expansions and term not in capitalised:
            form = _form_of(term, known_terms)
            misspelt = None if form else _misspelt_in_corpus(term, surface, vocabulary, known_terms)
            if misspelt is not None:
                respelt[misspelt] = term
            if form or misspelt:
                expansions[term] = frozenset({form or misspelt or term})
            elif parts := _compound_of(term, surface, vocabulary, known_terms):
                expansions[term] = parts  # "housebuilder": a house builder, in two known words
    unknown = tuple(t for t in terms if t not in known_terms and t not in expansions)
    # An unknown word of ordinary English ("actually", "labour") is no sign the documents
    # cannot answer; an unknown name or rare word is what the question is about.
    # Only the words the corpus lacks are looked up (wordfreq's tables cost ~0.5 s to load).
    lacking = [w for w in surface if any(t in unknown for t in tokenize(w))]
    common = {t for w in lacking if is_common_english(w) for t in tokenize(w)}
    rare = tuple(t for t in unknown if t in capitalised or (cased and t not in common))
    # Capitalised words the question has: "Stanholt", "Ludbury" (role words and months aside).
    # "What was the increase in dues meant to pay for?" asks a thing, not a sum.
    kind = None if purpose_asked(corrected) is not None else expected_answer(corrected)
    for scale in (
        _HOW_SCALE.match(corrected) if kind is not None else None,
        _SIZE_OF.match(corrected) if kind == "count" else None,
    ):
        if scale is not None:
            # "How big is the fund?" asks a sum: "big" says what kind of answer, as "much"
            # does, and a sentence giving the sum need not say it; so "size" of a team.
            terms = tuple(t for t in terms if t not in tokenize(scale.group(1)))
    # Asked whether a person still holds a post, their name is the value in question, not
    # a qualifier the answer must repeat.
    polar = asks_yes_or_no(corrected)
    asked_about = person_terms(corrected) if kind == "person" and polar else frozenset()
    still = polar and re.search(r"\bstill\b", corrected, re.I) is not None
    if kind == "rating" and polar:
        asked_about = grade_terms(corrected)
    if kind in ("amount", "date", "count") and still:
        # "Is it still £40m?", "Is it still due in June 2024?", "Does it still run 12
        # stations?": the value named is the value in question, as a person is.
        named = find_answer_spans(corrected, kind, "")
        asked_about = frozenset(t for span in named for t in tokenize(span.text) if t in terms)
    return Query(
        question=question,
        terms=terms,
        expansions=expansions,
        unknown=unknown,
        corrections=tuple(corrections),
        kind=kind,
        noun=asked_noun(corrected),
        plain=plain,
        rare=rare,
        names=tuple(t for t in terms if t in capitalised and t not in asked_about),
        roles=role_terms(corrected),
        qualifiers=post_qualifiers(corrected),
        counted=counted_term(corrected) if kind == "count" else None,
        about=tuple(sorted(asked_about)),
        respelt=respelt,
    )
