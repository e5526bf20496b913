"""What a question asks for, and where a sentence holds such an answer.

A "when" question is answered only by a sentence holding a date, a "who" question by
one holding a person's name, "how much" by an amount, "how many" by a number, "what
share" by a percentage, "which X" by a name not already in the question. Other
questions ("what is ...", "how ...") accept any sentence that matches.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from .dates import PubDate, find_date_mentions
from .tokens import STOP_WORDS, fold, stem
from .wording import FILLER_WORDS

__all__ = [
    "ANY_COUNTED_WORDS",
    "COUNTING_WORDS",
    "LEXICON_WORDS",
    "ROLE_ABBREVIATIONS",
    "AnswerSpan",
    "AnswerType",
    "asked_noun",
    "counted_term",
    "expected_answer",
    "find_answer_spans",
    "is_body_word",
    "is_name_word",
    "names_noun",
    "person_terms",
    "post_qualifiers",
    "role_terms",
]

AnswerType = Literal["date", "person", "amount", "count", "percent", "name", "place", "rating"]

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    "fifty|hundred|thousand|dozen|several|a few|a handful"
)
_MONEY_NOUNS = (
    r"budget|cost|costs|spend|spending|price|fee|fees|bill|grant|funding|funds|saving|savings|"
    r"salary|pay|deficit|overspend|income|revenue|investment|value|worth|fine|fines|penalty|"
    r"compensation|bills|fare|fares|subsidy|levy|charge|charges|rent|wage|wages|price|prices"
)
_AUXILIARIES = r"is|are|was|were|will|would|does|do|did|has|have|had|can|could|should|might|may"
_ROLE_NOUNS = (
    r"councillors?|members?|ministers?|officers?|directors?|chairs?|leaders?|managers?|executives?|mps?"
)
_POLAR = r"^(is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|shall)\b"
_SCHEDULE_WORDS = (
    r"start|starts|started|starting|begin|begins|launch|launched|open|opens|opened|opening|live|due|"
    r"delay|delayed|postponed|deadline|finish|finished|complete|completed|completion|ready|pushed|"
    r"slip|slipped|slipping|schedule|scheduled"
)
_GRADING = r"rating|rated|rate|grade|graded|grading|judged|judgement|verdict"
# A grade is what a rating verb gives ("rated as X", "downgraded to X"), or a short phrase
# in quotes beside a rating word ("the “good” rating"): read from the sentence's shape.
_GRADE_AFTER_VERB = re.compile(
    r"\b(?:rated|ranked|graded|judged|assessed|evaluated|reevaluated|re-evaluated|re-rated|downgraded|"
    r"upgraded)\s+(?:(?:the|its|their|it|them)\b(?:\s+[\w'’]+){0,3}\s+)?(?:(?:as|to|at)\s+)?"
    r"(?:[“\"](?P<quoted>[^”\"]{1,40})[”\"]|(?P<grade>[a-z][a-z-]*(?:\s[a-z][a-z-]*){0,2}?)"
    r"(?=\s+(?:by|in|for|after|overall|across|from|on|and|but|since|last|this|at)\b|[,.;:]|$))"
)
_QUOTED_GRADE = re.compile(r"(?:^|(?<=\s))[“\"](?P<quoted>[a-z][a-z-]*(?:\s[a-z][a-z-]*){0,2})[”\"]")
_RATING_WORD = re.compile(r"\b(rat(ed|ing|ings)|rank(ed)?|grade[ds]?|judged|inspect\w*|verdict)\b", re.I)
_YEARISH = (
    r"(19|20)\d\d|january|february|march|april|may|june|july|august|september|october|november|december"
)
# Words that end the counted noun phrase of "how many X ...".
_COUNT_STOPS = frozenset([*_AUXILIARIES.split("|"), "r", "there"])
_SHARE_NOUNS = r"share|proportion|percentage|per ?cent|fraction|part"


def _opening(question: str) -> str:
    """The question folded, without a conversational opener ("so", "please", "hi")."""
    text = re.sub(r"^((and|but|so|ok|okay|please|hi|hey)\b[,!]?\s*)+", "", fold(question).strip())
    # "As of January 2015, when was ...": a leading date sets the time, not the question.
    return re.sub(
        rf"^(as of|as at|in|at|by|on|at the (start|end) of)\s+[\w\s/]{{1,30}}?({_YEARISH}),\s*", "", text
    )


def expected_answer(question: str) -> AnswerType | None:
    """The kind of answer a question expects, or None when any matching text will do."""
    q = _opening(question)
    if re.match(r"^(when|by when|since when|how long until)\b", q) or re.match(
        r"^(what|which) ([\w'’-]+ ){0,2}(year|month|date|day|time)\b", q
    ):
        return "date"
    if re.match(r"^where\b", q):
        return "place"
    if re.search(rf"\b({_GRADING})\b", q) and re.match(r"^(what|how|which)\b", q):
        return "rating"  # "What is the trust's current rating?", "How was it rated?"
    if re.match(rf"^which ({_ROLE_NOUNS})\b", q):
        return "person"  # "which councillor ...": a person holding a post
    if re.match(_POLAR, q):
        # "Is X still the cabinet member?", "Has the opening slipped again?": a yes or no
        # about a fact that has a value, the value decides.
        if re.search(r"\bstill\b", q) and role_terms(q):
            return "person"
        if re.search(rf"\b({_SCHEDULE_WORDS})\b", q):
            return "date"
        if re.search(rf"\b({_GRADING})\b", q):
            return "rating"  # "Did the 'requires improvement' grade stick?"
        if re.search(rf"\b({_MONEY_NOUNS})\b", q) and re.search(
            r"\b(up|down|rise|risen|rose|fall|fallen|fell|again|still|more|less)\b", q
        ):
            return "amount"  # "Has the cost gone up again?"
        return None
    if (
        re.match(r"^(who|whom|whose)\b", q)
        or re.match(r"^(what|which) (is|was) the name of\b", q)
        or re.match(r"^(name|identify)\b.*\bwho\b", q)
    ):
        return "person"
    if re.match(rf"^(what|which) ({_SHARE_NOUNS})\b", q) or re.match(
        rf"^what (is|was) the ({_SHARE_NOUNS})\b", q
    ):
        return "percent"
    after_much = re.match(r"^how much\s+([a-z'’-]+)", q)
    if after_much and not re.fullmatch(
        rf"{_AUXILIARIES}|{_MONEY_NOUNS}|money|cash|more|less|of|extra", after_much.group(1)
    ):
        return None  # "how much independence": a measure of something, not a sum of money
    if (
        re.match(r"^how much\b", q)
        or re.match(rf"^(what|which) (is|was|are|were) (the )?([\w'’-]+ ){{0,4}}({_MONEY_NOUNS})\b", q)
        or re.match(rf"^(what|which) ([\w'’-]+ ){{0,3}}({_MONEY_NOUNS})\b", q)
        or re.match(
            rf"^how (big|large|high|low|small) (is|was|were|are) (the )?([\w'’-]+ ){{0,3}}({_MONEY_NOUNS})\b",
            q,
        )
    ):
        return "amount"
    if re.match(r"^how many\b", q):
        return "count"
    if re.match(r"^which (?!(is|are|was|were|of)\b)[a-z'-]+", q):
        return "name"
    return None


@dataclass(frozen=True)
class AnswerSpan:
    """A piece of a sentence that answers: its place, its text, and what it means."""

    start: int
    end: int
    text: str
    value: str  # normalised for comparison across documents ("july 2020", "£9m")
    # How the answer reads when not as written: what a relative date meant ("July 2020"
    # for "July next year"), a person with their title ("Councillor Amira Shah").
    resolved: str | None = None

    @property
    def display(self) -> str:
        """The answer as people should read it."""
        return self.resolved or self.text


# A person: two or three capitalised words, none a word of organisations, places or roles.
_NAME_WORD = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"
_PERSON = re.compile(rf"\b{_NAME_WORD}(?:\s+[A-Z]\.)?(?:\s+{_NAME_WORD}){{1,2}}\b")
_FUNCTION_WORDS = frozenset(
    """the a an this that these those in on at for of and to by from with as it its our we they
    he she i you if but or so then when while after before since until during""".split()
)
_CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december spring summer autumn
    winter""".split()
)
# Words of titles, roles, organisations and places: never part of a person's name, and
# too general to make a name distinctive on their own.
_GENERIC_WORDS = frozenset(
    """mr mrs ms dr cllr councillor sir dame lord lady minister minster secretary director
    chief executive leader deputy chair chairman cabinet member mayor officer head manager
    council county city borough district parish government department ministry office agency
    authority authorities trust trusts board committee service services children children's
    childrens families family education schools school skills learning disabilities care social
    health nhs police court union university college company group partnership network
    association society foundation charity england britain wales scotland ireland uk london
    north south east west northern southern eastern western new old national local royal
    street road house hall centre center park library hospital school station museum
    bridge church court academy primary secondary clinic ofsted dfe party
    memorandum understanding direction plan plans report model programme review strategy
    limited ltd plc inc news telegraph chronicle echo times post herald gazette press""".split()
)
_NOT_NAME_WORDS = _FUNCTION_WORDS | _CALENDAR_WORDS | _GENERIC_WORDS
_MONEY_SPAN = re.compile(
    r"(?:[£$€]\s?\d[\d,.]*\s?(?:million|billion|thousand|mn|bn|m|k)?\b|\b\d[\d,.]*\s?(?:million|billion)\s+(?:pounds|euros|dollars)\b)",
    re.IGNORECASE,
)
_PERCENT_SPAN = re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|per\s?cent\b)", re.IGNORECASE)
_COUNT_SPAN = re.compile(
    rf"(?<![£$€\d.,])\b(?:\d[\d,]*(?:\.\d+)?|{_NUMBER_WORDS})\b(?!\s?%|/\d)", re.IGNORECASE
)
_PROPER = re.compile(r"\b[A-Z][\w'’&-]*(?:(?:\s+|,\s+|\s+(?:and|of|for|&)\s+)[A-Z][\w'’&-]*)*")


# A title people are named with: "Councillor Amira Shah" is how the answer should read.
_TITLE_BEFORE = re.compile(
    r"\b(Councillor|Cllr|Dr|Doctor|Professor|Prof|Sir|Dame|Lord|Lady|Baroness|Mr|Mrs|Ms|Miss|Rev|Canon)\.?\s+$"
)


def _bare(word: str) -> str:
    """A folded word without possessive or surrounding punctuation."""
    return re.sub(r"['’]s?$", "", fold(word).strip(".,;:!?\"()'‘’“”"))


def _question_words(question: str) -> set[str]:
    words = {_bare(w) for w in re.findall(r"[\w'’]+", question)}
    return words | {w[:-1] for w in words if w.endswith("s")}  # "councils" names "council" too


def _is_person(text: str) -> bool:
    parts = [p for p in re.split(r"\s+", text) if not re.fullmatch(r"[A-Z]\.", p)]
    return all(fold(p).strip("'’") not in _NOT_NAME_WORDS for p in parts)


# A post followed by "of": what comes next is the body that has the post.
_POST_OF = re.compile(
    r"\b(?:executive|chief|director|chair|chairman|chairwoman|head|leader|manager|officer|"
    r"president|secretary|governor|trustee|member)\s+(?:of|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _persons(sentence: str) -> list[AnswerSpan]:
    spans = []
    for match in _PERSON.finditer(sentence):
        words = match.group(0).split()
        # A name ending in a body's word is the body's: "Harbour Arts Centre".
        if fold(words[-1]).strip("'’") in _BODY_WORDS:
            continue
        # Trim role and place words off either end: "Councillor Matthew Golby" -> "Matthew Golby".
        while words and fold(words[0]) in _NOT_NAME_WORDS:
            words = words[1:]
        while words and fold(words[-1]) in _NOT_NAME_WORDS:
            words = words[:-1]
        if len(words) >= 2 and _is_person(" ".join(words)):
            text = " ".join(words)
            start = sentence.index(text, match.start())
            if _POST_OF.search(sentence[max(0, start - 40) : start]):
                continue  # "chief executive of Redhaven Ferries": the body, not its holder

            title = _TITLE_BEFORE.search(sentence[max(0, start - 16) : start])
            shown = f"{title.group(1)} {text}" if title else None
            spans.append(AnswerSpan(start, start + len(text), text, fold(text), shown))
    return spans


def _regex_spans(pattern: re.Pattern[str], sentence: str) -> list[AnswerSpan]:
    return [
        AnswerSpan(m.start(), m.end(), m.group(0), re.sub(r"\s+", "", fold(m.group(0))))
        for m in pattern.finditer(sentence)
    ]


def _amounts(sentence: str) -> list[AnswerSpan]:
    spans = []
    for span in _regex_spans(_MONEY_SPAN, sentence):
        value = span.value.replace("million", "m").replace("billion", "bn").replace("thousand", "k")
        spans.append(AnswerSpan(span.start, span.end, span.text, value))
    return spans


def _proper_names(sentence: str) -> Iterator[tuple[int, str]]:
    """Runs of capitalised words (offset, text), a sentence's capitalised first word aside."""
    for match in _PROPER.finditer(sentence):
        text = match.group(0).strip(" ,")
        if match.start() == 0 and " " not in text:
            continue  # a capitalised first word is just the start of the sentence
        yield match.start(), text


def _names(sentence: str, question_words: set[str]) -> list[AnswerSpan]:
    spans = []
    for start, text in _proper_names(sentence):
        words = {_bare(w) for w in re.split(r"[\s,]+", text)} - _FUNCTION_WORDS - _CALENDAR_WORDS - {""}
        distinctive = words - _GENERIC_WORDS
        # A name answers only with something the question does not already say:
        # "Northamptonshire County Council" does not answer "which councils ... before
        # Northamptonshire?", nor "Children's Trust" a question about children's trusts.
        if not words or (distinctive <= question_words if distinctive else bool(words & question_words)):
            continue
        spans.append(AnswerSpan(start, start + len(text), text, fold(text)))
    return spans


def names_noun(span: AnswerSpan, sentence: str, noun: str) -> bool:
    """Whether a name is of the kind asked for: "Slough Council" for "which councils"."""
    stem = noun[:-1] if noun.endswith("s") else noun
    before = fold(sentence[max(0, span.start - 30) : span.start])
    head = _bare(span.text.split()[-1])
    # The noun heads the name ("Slough Council") or stands right before it in apposition
    # ("consultancy Mutual Ventures").
    return head.startswith(stem) or bool(re.search(rf"\b{re.escape(stem)}\w*\W*$", before))


def asked_noun(question: str) -> str | None:
    """The noun of a "which X" question: "councils" in "which councils set up ...?"."""
    match = re.match(r"^which\s+([a-z'-]+)", _opening(question))
    return match.group(1) if match else None


def find_answer_spans(
    sentence: str,
    kind: AnswerType,
    question: str,
    published: PubDate | None = None,
    keep: frozenset[str] = frozenset(),
) -> list[AnswerSpan]:
    """The pieces of a sentence that could answer a question of this kind; a value the
    question already says is no answer, unless its words are in `keep` ("Is X still ...?")."""
    question_words = _question_words(question) - keep
    if kind == "date":
        return [
            AnswerSpan(m.start, m.end, m.text, fold(m.resolved or m.text), m.resolved)
            for m in find_date_mentions(sentence, published)
            if fold(m.text) not in question_words
        ]
    if kind == "person":
        return [s for s in _persons(sentence) if not set(s.value.split()) <= question_words]
    if kind == "amount":
        return _amounts(sentence)
    if kind == "percent":
        return _regex_spans(_PERCENT_SPAN, sentence)
    if kind == "count":
        # "8 February 2017" counts nothing: a number inside a date is the date's.
        dates = [(m.start, m.end) for m in find_date_mentions(sentence, published)]
        return [
            s for s in _regex_spans(_COUNT_SPAN, sentence)
            if not re.fullmatch(r"(19|20)\d\d", s.value) and s.value not in question_words
            and not any(a <= s.start < b for a, b in dates)
        ]  # fmt: skip
    if kind == "place":
        return _places(sentence, question_words)
    if kind == "rating":
        return _grades(sentence, question_words)
    return _names(sentence, question_words)


_LOCATIVE = re.compile(
    r"\b(in|at|on|near|from|to|inside|outside|based|headquartered|located|sited)\W*$", re.I
)


_WITHIN = re.compile(r"(?:,|\s+(?:in|on))\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:,\s+[A-Z][\w'’-]*)?")


def _places(sentence: str, question_words: set[str]) -> list[AnswerSpan]:
    """Capitalised names the question does not give, standing where a place does ("at X",
    "X-based"): where something is or happens."""
    spans = []
    people = {s.text for s in _persons(sentence)}
    for start, text in _proper_names(sentence):
        if text in people or not (
            _LOCATIVE.search(sentence[max(0, start - 25) : start]) or text.endswith("-based")
        ):
            continue
        words = {_bare(w) for w in re.split(r"[\s,-]+", text)} - _FUNCTION_WORDS - _CALENDAR_WORDS - {""}
        if not words or words <= question_words or words <= _GENERIC_WORDS - {"london"}:
            continue
        # "Fenwick House in Saltbridge": the town a building stands in is part of where.
        wider = _WITHIN.match(sentence, start + len(text))
        shown = text + wider.group(0) if wider else None
        spans.append(AnswerSpan(start, start + len(text), text, fold(text), shown))
    return spans


# Words naming a post a person holds. A "who" question naming one is answered by a name
# the sentence gives that post, not another ("deputy leader" is not "leader").
_ROLE_WORDS = frozenset(
    """chief executive director leader chair chairman chairwoman chairperson president member
    cabinet minister secretary manager officer councillor mayor governor founder editor
    spokesman spokeswoman spokesperson adviser advisor chancellor commissioner inspector
    treasurer trustee principal headteacher superintendent administrator controller
    deputy assistant acting interim vice former portfolio lead mp teacher headteacher headmaster
    headmistress doctor surgeon nurse coach captain proprietor landlord board""".split()
)
#: Abbreviated role words, as index terms, and the term they stand for.
ROLE_ABBREVIATIONS = {"cllr": "councillor", "dir": "director", "ceo": "execut", "md": "director"}
#: Role words that ask about whoever is in charge, whatever the post is called.
GENERIC_ROLE_WORDS = frozenset("head boss lead charge".split())
#: Words that make a post another post: a deputy leader is not the leader.
ROLE_MODIFIERS = frozenset("deputy assistant acting interim vice former".split())


def role_terms(question: str) -> tuple[str, ...]:
    """The terms of the role words a question names, in order ("chief", "execut")."""
    roles = _ROLE_WORDS | GENERIC_ROLE_WORDS
    found = []
    for word in re.findall(r"[a-z]+", fold(question)):
        # "chairs", "chaired", "directors": a role word with an ending; not "control" (stem
        # of "controller") or other words whose stem a role word shares.
        base = next((b for b in (word, *_role_bases(word)) if b in roles), None)
        if base is not None:
            found.append(stem(base))
    return tuple(dict.fromkeys(found))


def _role_bases(word: str) -> tuple[str, ...]:
    """A word without the endings a role word takes: "chairs" -> "chair", "chaired" -> "chair"."""
    return tuple(word[: -len(end)] for end in ("s", "es", "ed", "ing", "d") if word.endswith(end))


@functools.cache
def role_stems() -> frozenset[str]:
    """The terms of every role word."""
    return frozenset(stem(w) for w in _ROLE_WORDS | GENERIC_ROLE_WORDS)


def is_name_word(word: str) -> bool:
    """Whether a capitalised word may be part of a name: not a role, place kind or month."""
    bare = _bare(word)
    return bool(bare) and bare not in _NOT_NAME_WORDS and bare not in _ROLE_WORDS


_PREPOSITIONS = frozenset("of for at in on with within to from".split())
_TIME_PREPOSITIONS = frozenset("in at by during since before after until on as".split())


def post_qualifiers(question: str) -> tuple[str, ...]:
    """The terms that say which post a question means: "council's", "for finance", "of Slough"."""
    words = re.findall(r"[\w'’]+", fold(question))
    roles = _ROLE_WORDS | GENERIC_ROLE_WORDS
    at = [n for n, w in enumerate(words) if w in roles or any(b in roles for b in _role_bases(w))]
    if not at:
        return ()
    first, last = at[0], at[-1]
    picked: list[str] = []
    # Before the post: "the county council's deputy leader", "Children England chief executive".
    n = first - 1
    while n >= 0 and words[n] not in _FUNCTION_WORDS and words[n] not in STOP_WORDS | FILLER_WORDS:
        picked.append(words[n])
        n -= 1
    # After it, within a phrase it governs: "member for finance", "leader of the council",
    # or what a role verb governs: "chairs the board of the company".
    verb = words[last] not in _ROLE_WORDS and words[last] not in GENERIC_ROLE_WORDS
    if last + 1 < len(words) and (words[last + 1] in _PREPOSITIONS or verb):
        for n in range(last + 1, len(words)):
            # "at the end of 2015", "in June 2014": when, not which post.
            ahead = words[n + 1 : n + 5]
            if words[n] in _TIME_PREPOSITIONS and any(w in _CALENDAR_WORDS or w[:1].isdigit() for w in ahead):
                break
            if words[n] not in _ROLE_WORDS and words[n] not in _PREPOSITIONS:
                picked.append(words[n])
    # A date says when, not which post: "chief executive in June 2014".
    kept = [
        b
        for w in picked
        if (b := _bare(w)) and b not in _FUNCTION_WORDS | _CALENDAR_WORDS | STOP_WORDS | FILLER_WORDS
    ]
    return tuple(dict.fromkeys(stem(b) for b in kept if not b[0].isdigit()))


def person_terms(question: str) -> frozenset[str]:
    """The terms of the people a question names ("Matthew Golby")."""
    return frozenset(stem(w) for span in _persons(question) for w in span.value.split())


def counted_term(question: str) -> str | None:
    """The term of what a "how many" question counts: "bed" in "how many inpatient beds"."""
    match = re.match(r"^how many\s+(.*)", _opening(question))
    if match is None:
        return None
    # The counted thing is the last word before the verb: "how many inpatient beds does".
    counted = None
    for word in re.findall(r"[a-z][a-z'’-]*", match.group(1)):
        if word in _COUNT_STOPS:
            break
        counted = _bare(word) or counted
    return stem(counted) if counted else None


# Words that make a name the name of a body or place, not of a person.
_BODY_WORDS = _GENERIC_WORDS - _FUNCTION_WORDS - frozenset(
    """mr mrs ms dr cllr councillor sir dame lord lady minister minster secretary director chief
    executive leader deputy chair chairman cabinet member mayor officer head manager new old
    street road house hall centre center park library station museum bridge church court
    north south east west northern southern eastern western national local royal""".split()
) | frozenset("commission hospitals ltd water council's trust's agency institute".split())


def is_body_word(word: str) -> bool:
    """Whether a word names a kind of body or place: "Council", "Trust", "Hospitals"."""
    return _bare(word) in _BODY_WORDS


def _grades(sentence: str, question_words: set[str]) -> list[AnswerSpan]:
    """The grades a sentence gives, in text order."""
    found: dict[int, AnswerSpan] = {}
    matches = list(_GRADE_AFTER_VERB.finditer(sentence))
    if _RATING_WORD.search(sentence):
        matches += list(_QUOTED_GRADE.finditer(sentence))
    for match in matches:
        group = "quoted" if match.groupdict().get("quoted") else "grade"
        start, end = match.span(group)
        text = sentence[start:end]
        words = set(fold(text).split())
        if not words or words <= question_words or words <= _FUNCTION_WORDS | STOP_WORDS:
            continue
        found.setdefault(start, AnswerSpan(start, end, text, fold(text)))
    return [found[k] for k in sorted(found)]


#: Words of these lists whose stems questions need: an index keeps them, so that
#: answering needs no lemmatiser.
#: Words that say a figure counts what follows: "the number of patients".
COUNTING_WORDS = ("number", "total", "count", "figure", "tally")
#: What "how many people" counts may be called anything: patients, staff, children.
ANY_COUNTED_WORDS = ("people", "person", "persons", "ones", "things", "times")
LEXICON_WORDS = (
    *sorted(_ROLE_WORDS | GENERIC_ROLE_WORDS | ROLE_MODIFIERS),
    *ROLE_ABBREVIATIONS,
    *COUNTING_WORDS,
    *ANY_COUNTED_WORDS,
)
