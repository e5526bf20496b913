"""What a question asks for: the kind of answer, the post, the thing counted.

A "when" question is answered only by a sentence holding a date, a "who" question by
one holding a person's name, "how much" by an amount, "how many" by a number, "what
share" by a percentage, "which X" by a name not already in the question. Other
questions ("what is ...", "how ...") accept any sentence that matches.
May import `dates`, `lexicon`, `tokens` and this package's `wording` and `spans`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Literal

from ..text.lexicon import ANY_DOCUMENT_WORDS, GENERIC_ROLE_WORDS, ROLE_WORDS
from ..text.patterns import lazy_compile
from ..text.tokens import STOP_WORDS, fold, one_spelling, stem
from .spans import CALENDAR_WORDS, FUNCTION_WORDS, GRADING, AnswerType, bare_word, persons_in
from .wording import FILLER_WORDS

__all__ = [
    "ASKS_CAPACITY",
    "ASKS_CAUSE",
    "ASKS_DESTINATION",
    "ASKS_FORMER_USE",
    "ASKS_GRADE_LOST",
    "ASKS_GRADE_MEANS",
    "ASKS_OPENER",
    "ASKS_REPLACEMENT",
    "AnswerType",
    "asked_noun",
    "asks_yes_or_no",
    "counted_term",
    "expected_answer",
    "fate_asked",
    "funding_asked",
    "head_noun",
    "is_plural",
    "person_terms",
    "post_qualifiers",
    "purpose_asked",
    "role_stems",
    "role_terms",
    "succession_asked",
]


_MONEY_NOUNS = (
    r"budget|cost|costs|spend|spending|price|fee|fees|bill|grant|funding|fund|funds|saving|savings|"
    r"turnover|profit|profits|surplus|reserves|debt|debts|loan|loans|borrowing|tariff|tariffs|dues|"
    r"salary|pay|deficit|overspend|income|revenue|investment|value|worth|fine|fines|penalty|"
    r"compensation|bills|fare|fares|subsidy|levy|charge|charges|rent|wage|wages|price|prices|"
    r"payment|payments|pledge|pledges|donation|donations|contribution|contributions|sum|sums|amount"
)
_SUM_WORDS = frozenset(_MONEY_NOUNS.split("|"))

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

# Words opening a clause that says when: "Going into 2021, ...", "Back in 2013, ...".
_TIME_LEAD = (
    r"going into|heading into|entering|back in|early in|late in|during|before|after|around|throughout|"
    r"at the (?:start|end|beginning) of|by the (?:start|end) of|towards the end of|"
    r"as things stood (?:in|on|at)"
)
_QUESTION_OPENERS = r"what|which|who|whose|when|where|how|why|is|are|was|were|did|does|do|has|have|had|will"
_YEARISH = (
    r"(19|20)\d\d|january|february|march|april|may|june|july|august|september|october|november|december"
)

# Words that end the counted noun phrase of "how many X ...".
_COUNT_STOPS = frozenset(
    [*_AUXILIARIES.split("|"), "r", "there", *"of in on at for from to with by out into over under".split()]
)

# Plurals that do not end in -s: the head of "how many people work there".
_PLURALS = frozenset("people children staff men women police personnel cattle sheep fish data".split())

_SHARE_NOUNS = r"share|proportion|percentage|per ?cent|fraction|part"

# "What is the name of the first builder ...?": the name of a thing, its noun last.
_NAME_OF = lazy_compile(r"^(?:what|which)(?: is| was|['’]s) the name of the ([a-z'-]+)")

# A rate that is a share, not a grade: "the interest rate", "the rate of turnover".
_RATE_KINDS = (
    r"interest|tax|growth|inflation|vacancy|turnover|unemployment|occupancy|success|pass|completion|"
    r"uptake|take-up|error|return|response|recycling|attendance|absence|sickness|default"
)
_RATE_OF = rf"\b(({_RATE_KINDS})\s+rates?|rates?\s+of\s+({_RATE_KINDS}))\b"

# Nouns that name a quantity in units: "what is the average response time".
_MEASURE_NOUNS = (
    r"time|times|duration|distance|length|speed|weight|tonnage|tonnages|capacity|volume|depth|height|"
    r"throughput|output|traffic|consumption|size|width|breadth|area"
)

# Words that put a measure noun in another phrase: "at the time", "for the first time".
_NOT_OF_A_MEASURE = (
    r"at|in|on|by|for|to|from|with|during|of|this|that|same|first|last|next|each|every|any|some|"
    r"doing|done|happening|said|saying|being"
)

# Nouns of a group whose size is a count: "how big is the fleet".
_GROUP_NOUNS = r"fleet|workforce|staff|team|membership|crew|network|estate|collection|roll|intake|stock"

# Nouns that name a number of things: "what is the number of stations".
# Words before "number" that still ask a count: "the total number", "the latest number".
_COUNT_QUALIFIERS = r"(?:the|total|overall|average|latest|current)\b"
_COUNT_NOUNS = r"number|numbers|tally|population|figure|total|headcount|attendance"
# Numbers that name rather than count: "the phone numbers", "the route numbers".
_NAMING_NUMBERS = (
    r"phone|telephone|contact|reference|registration|account|serial|case|mobile|fax|house|route|bus|"
    r"platform|ticket|policy|tracking|helpline|emergency|pin|card|plate|flight|lottery|winning|charity|"
    r"company|vat|order|invoice|office|room|seat|shirt|squad|model|part|batch|licence|license"
)

# "What stream ran under the site?", "what firm built it": a noun and then its verb asks
# for a name, as "which" does; "what kind of", "what happened" do not.
# Kinds of body a "what X" question asks the name of, whatever its verb: "what airline
# flies the most from here?".
_NAMED_NOUNS = (
    r"firm|company|business|charity|airline|carrier|contractor|builder|developer|consultancy|"
    r"operator|supplier|bank|club|school|college|hospital|newspaper|paper"
)
# "What was the first plane to land on the runway?": the name of the one that did it
# first; not "the first year that ...", "the only way to ...".
_FIRST_TO = lazy_compile(
    r"^(?:what|which)\s+(?:is|was|were|are)\s+the\s+(?:first|last|only|newest|latest|next)\s+"
    r"(?!(?:year|month|week|day|date|time|season|amount|sum|figure|number|total|price|cost|way|step|"
    r"thing|reason|part|stage|phase|place|point)s?\b)[a-z'-]+\s+(?:to|that|which)\b"
)
_WHAT_NOUN = lazy_compile(
    rf"^what\s+(?!(?:{_AUXILIARIES}|kind|type|sort|sorts|happens|happened|about|else|if|r|s|u|job|role|post|position)\b)"
    r"([a-z'-]+)\s+(?=(?:is|was|are|were|did|does|do|will|has|had|[a-z]+ed|won|ran|runs|built|went)\b)"
)


def _opening(question: str) -> str:
    """The question folded, without a conversational opener ("so", "please", "hi")."""
    text = re.sub(r"^((and|but|so|ok|okay|please|hi|hey)\b[,!]?\s*)+", "", fold(question).strip())
    text = re.sub(r"^(what|who|where|when|how)['’]s\b", r"\1 is", text)  # "What's the charge?"
    # "In what year ...?", "On which date ...?" ask what "what year" asks.
    text = re.sub(r"^(in|on|by|at|from|since|until|till|for)\s+(?=(what|which|when|how)\b)", "", text)
    # "If the plan went ahead, how many ...": a leading condition sets the case, not the question.
    text = re.sub(
        r"^(if|once|assuming|supposing|provided)\b[^,?]{1,80},\s*(?=(what|which|who|when|where|how|why)\b)",
        "",
        text,
    )
    # "As of January 2015, when was ...", "Going into 2021, what ...": a leading time sets
    # when, not what is asked.
    text = re.sub(
        rf"^(as of|as at|in|at|by|on|at the (start|end) of)\s+[\w\s/-]{{1,30}}?({_YEARISH}),\s*", "", text
    )
    text = re.sub(
        rf"^({_TIME_LEAD})\s+[\w\s/-]{{0,25}}?\b({_YEARISH})\b[\w/-]*,\s*(?=({_QUESTION_OPENERS})\b)",
        "",
        text,
    )
    # "On average, how quickly ...?", "At the moment, who ...?": a leading word of
    # manner or time says how to read the question, which follows it.
    text = re.sub(
        r"^(on average|on the whole|overall|in total|all told|in the end|at the moment|right now|"
        r"currently|these days|at present|nowadays|so far|to date)\s*,\s*",
        "",
        text,
    )
    # "ferry passenger numbers what are they": the question written after its subject.
    return re.sub(
        r"^(?!(?:what|which|who|when|where|how|why)\b)([^?]{3,60}?)\s+(what|who|when|where)\s+"
        r"(is|are|was|were)\s+(?:it|they|those|these|that|he|she)\W*$",
        r"\2 \3 \1",
        text,
    )


# Two or more capitalised words in a row, past the question's first word: a name.
_NAME_RUN = lazy_compile(r"(?<=\s)(?:[A-Z][\w'’-]*\s+)+[A-Z][\w'’-]*")


def _unnamed(question: str, folded: str) -> str:
    """The folded question with the sum words that are part of a name put out of reach:
    "What did Ola Grant say?" asks no sum, nor "What does Bill Hart think?"."""
    names = {fold(w) for run in _NAME_RUN.findall(question) for w in run.split()}
    for word in names & _SUM_WORDS:
        folded = re.sub(rf"\b{re.escape(word)}\b", "someone", folded)
    return folded


# Verbs that give a grade: "How was it rated?". Not "grade", a noun as often as a verb
# ("How did it get its grade up?").
_GRADING_VERBS = r"rated|rate|rates|graded|judged|ranked"

# What something got at an inspection, or how it did there, asks its grade.
_INSPECTION_OUTCOME = (
    r"^(?:what (?:did|does|has|have) [\w'’ -]+ "
    r"(?:get|gets|got|receive|received|score|scored|achieve|achieved)"
    r"|how (?:did|does|has|have) [\w'’ -]+ (?:do|did|done|fare|fared|come out)) (?:at|in) "
    r"(?:its|their|the|his|her|our) "
    r"(?:(?:last|latest|most recent|recent|first|previous) [\w'’-]+|(?:inspection|assessment)s?\b)"
)

# A rate charged by the hour, day or night is a price: "the hourly rate", "the rate per night".
_PRICE_RATE = (
    r"\b(?:hourly|daily|nightly|weekly|monthly|night) rates?\b(?!\s+of\b)"
    r"|\brates? (?:per|an|a) (?:hour|day|night|week|month)\b"
)

# A number before a noun, not a sum or a year: "12 stations".
_COUNT_NAMED = r"(?<![£$€\d.,])\b(?!(?:19|20)\d\d\b)\d[\d,]*\s+[a-z]"


# An address asked for, the noun after a determiner: not "help address the issue".
_ADDRESS = lazy_compile(
    r"\b(?:what|which|the|its|their|our|your|[\w-]+['’]s)\s+"
    r"(?:(?:postal|office|full|home|registered|street|head|main|correspondence)\s+){0,2}address(?:es)?\b"
    # A speech is an address too: not one whose theme is asked, nor one that says or covers.
    r"(?!\s+(?:say|said|says|cover|covered|covers|mention|mentioned|focus|focused|to)\b)"
)
_SPEECH_OF = lazy_compile(r"\b(?:theme|subject|topic|point|gist|content)s? of\b")


#: A question asking for a cause: "why", "what made ...", "what was the reasoning behind ...".
ASKS_CAUSE = lazy_compile(
    r"\W*(why|how come|what (made|caused|pushed|prompted|forced|led to|drove|went wrong"
    r"|(is|was|lay|lies) behind"
    r"|(is|was|are|were) the (main |real )?(reasons?|reasoning|rationale|thinking|causes?) (behind|for)))\b",
    re.I,
)

#: A question asking what a site was before: "What used to be on the plot?", "What was the
#: site used for before ...?", "What is the depot being built on?".
ASKS_FORMER_USE = lazy_compile(
    r"\W*(?:what|wat|wot)\b(?=.*\b(?:used to (?:be|stand)"
    r"|(?:was|were|stood) (?:there|on (?:it|the \w+(?: \w+)?)) (?:before|previously|originally)"
    r"|(?:site|land|plot|ground|building)s? (?:was |were )?(?:used|occupied) (?:for|by)"
    r"|(?:is|was|are|were) (?:\w+ ){1,6}(?:being )?(?:built|going up|sited) on\W*$))",
    re.I,
)

#: A question asking how many a place holds: "How many pupils will it hold once it is full?",
#: "How many people can the boat carry?".
ASKS_CAPACITY = lazy_compile(
    r"\W*how many\b(?=.*\b(?:(?:can|could|will|would)\b(?: \w+){0,4} "
    r"(?:take|hold|fit|seat|accommodate|carry|house)\b"
    r"|(?:when|once|if|wen)\b(?: \w+){0,2} full\b|at (?:full )?capacity\b))",
    re.I,
)

#: A question asking where a person went on leaving: "What job did Jo Bell leave Kelby to
#: take up?", "Which firm did she leave the council for?", "Where did he go when he left?".
ASKS_DESTINATION = lazy_compile(
    r"\W*(?:(?:what|which|wat)\b.*\b(?:leave|left|quit)\b.*\b(?:to (?:take up|become|run|join|lead|head|do)"
    r"|for)\W*$"
    r"|where did .*\bgo\b)",
    re.I,
)

#: A question asking who took on work after the first firm failed: "Which company was
#: brought in to finish the job after the original contractor failed?", "who finished off
#: the hub after the first builders went bust".
ASKS_REPLACEMENT = lazy_compile(
    r"\W*(?:who|which|what|wat|wot)\b(?=.*\b(?:after|when|wen|once|following|since)\b(?:\s+[\w'’&-]+){0,6}?"
    r"\s+(?:went\s+(?:bust|under|into\s+administration)|gone\s+(?:bust|under)|collapsed|failed|folded"
    r"|pulled\s+out|went\s+bankrupt)\b)",
    re.I,
)

#: A question asking who opened a place: "Who performed the official opening of the
#: centre?", "who cut the ribbon", "Who opened the new library?".
ASKS_OPENER = lazy_compile(
    r"\W*who\b(?=.*\b(?:(?:officially|formally)\s+open(?:ed|s)?|open(?:ed|s)?\s+(?:the|it)\b"
    r"|(?:performed|did|carried\s+out|will\s+perform)\s+the\s+(?:official\s+)?opening|cut\s+the\s+ribbon))",
    re.I,
)

# Who held a post before the person named: "who was chair before Jo Bell?", "who was in
# charge b4 bell took over", "Who did Jo Bell replace as head of Kelby Trust?", "Jo Bell's
# predecessor".
_ASKS_PREDECESSOR = lazy_compile(
    r"\W*who\b(?:.*\b(?:before|b4|prior\s+to)\s+(?P<before>.+?)"
    r"(?:\s+(?:took\s+over|took\s+charge|came\s+in|came|joined|started|arrived|was\s+appointed|became)\b.*)?"
    r"|\s+did\s+(?P<did>.+?)\s+(?:replace|succeed|take\s+over\s+from|follow)\b.*"
    r"|.*\b(?P<of>\w+(?:\s+\w+)?)['’]s\s+predecessor\b.*)\W*$",
    re.I,
)
# Who held a post after the person named: "who took over when Jo Bell retired?", "Who
# replaced Jo Bell?", "Jo Bell's successor".
_ASKS_SUCCESSOR = lazy_compile(
    r"\W*who\b(?:.*\b(?:took\s+over|takes\s+over|replaced|succeeded|came\s+in|stepped\s+in|took\s+charge)\b.*?"
    r"\b(?:when|wen|after|once)\s+(?P<when>.+?)\s+(?:retired|left|quit|resigned|stepped\s+down|went|moved\s+on"
    r"|departed|stood\s+down)\b.*"
    r"|\s+(?:replaced|succeeded|took\s+over\s+from|followed)\s+(?P<from>.+?)(?:\s+as\b.*)?"
    r"|.*\b(?P<of>\w+(?:\s+\w+)?)['’]s\s+successor\b.*)\W*$",
    re.I,
)


def succession_asked(question: str) -> tuple[Literal["successor", "predecessor"], str] | None:
    """Whether a question asks who held a post after or before a person, and the words
    naming that person: ("predecessor", "Jo Bell") for "Who was chair before Jo Bell?"."""
    found = _ASKS_SUCCESSOR.match(question)
    if found is not None:
        return "successor", _person_asked(found)
    found = _ASKS_PREDECESSOR.match(question)
    return ("predecessor", _person_asked(found)) if found is not None else None


def _person_asked(found: re.Match[str]) -> str:
    """The words naming the person a succession is asked of, without the post ("as ceo")."""
    return re.sub(r"\s+as\s+.*$", "", next(g for g in found.groups() if g))


# What became of something: "what happened to the first lot of builders", "what is going
# to happen to the old house", "What is planned for the old headquarters site?".
_ASKS_FATE = lazy_compile(
    r"\W*(?:what|wat|wot)\b(?:\s+\w+){0,4}?\s+(?:happen(?:s|ed|ing)?|planned|in\s+store)\s+(?:to|for)\s+"
    r"(?P<what>.+?)\W*$",
    re.I,
)


_CLAUSE_AFTER = lazy_compile(r"\s+(?:before|after|when|once|if|while|until|since|now)\b")


def fate_asked(question: str) -> str | None:
    """The words naming what a question asks became of ("the old house" of "What will
    happen to the old house?"), or None if it asks no such thing."""
    found = _ASKS_FATE.match(question)
    if found is None:
        return None
    # "services before the trust is fully ready": what became of the services.
    return _CLAUSE_AFTER.split(found.group("what"), maxsplit=1)[0]


# How something is paid for: "How will the hospice pay for the overspend?", "How is the
# fine to be paid?", "Where is the money for the new stations coming from?". Not "How much
# did it pay for ...?" (a sum), nor "How do I pay for parking?" (an errand).
_ASKS_FUNDING = lazy_compile(
    r"\W*(?:"
    r"how\s+(?!(?:do|can|could|should)\s+(?:i|you|u|we)\b)(?:is|was|are|were|will|would|did|does|do|can|could)\b"
    r"(?:\s+\S+){0,6}?\s+(?:pay|paying|fund|funding|finance|financing|cover|meet|bridge|plug)\s+(?:for\s+)?"
    r"(?P<paid>.+?)"
    r"|how\s+(?:is|was|are|were|will|would)\s+(?P<subject>.+?)\s+(?:(?:going\s+)?to\s+be|being|be)?\s*"
    r"(?:paid(?:\s+for)?|funded|financed|met|covered)"
    r"|where(?:['’]s|\s+(?:is|was|are|were|will|does|did))\s+(?:all\s+)?(?:the\s+)?(?:money|funding|cash|funds)"
    r"(?:\s+for\s+(?P<for>.+?))?\s+(?:(?:going\s+to\s+)?come|coming|comes)\s+from"
    r")\W*$",
    re.I,
)


def funding_asked(question: str) -> str | None:
    """The words naming what a question asks how it is paid for ("the overspend" of "How
    will the hospice pay for the overspend?"; "" when it names nothing), or None if it asks
    no such thing."""
    found = _ASKS_FUNDING.match(question)
    if found is None:
        return None
    paid = next((g for g in (found.group("paid"), found.group("subject"), found.group("for")) if g), "")
    # "the medical school when it was first announced": what is paid for.
    return _CLAUSE_AFTER.split(paid, maxsplit=1)[0]


#: A question asking what money is for: "What was the 2017 rise in dues meant to pay for?",
#: "What will the extra income go towards?", "What is the grant for?" (a bare "for" only
#: after a word for money: not "What is the trust responsible for?").
_ASKS_PURPOSE = lazy_compile(
    r"\W*(?:what|wat|wot)\s+(?:is|was|are|were|will|would|did|does|do)\s+(?P<paid>.+?)\s+(?:"
    r"(?:(?:meant|supposed|intended|going|set|used|needed)\s+to\s+)?"
    r"(?:pay\s+for|fund|go\s+towards|be\s+spent\s+on|be\s+used\s+for)"
    r"|(?:be\s+|being\s+)?(?:spent\s+on|used\s+for)"
    r"|(?P<bare>for)"
    r")\W*$",
    re.I,
)
# Words for money whose purpose a bare "What is X for?" asks.
_MONEY = lazy_compile(
    r"\b(?:money|income|cash|grant|funding|funds?|rise|increase|levy|surplus|proceeds)\b", re.I
)


def purpose_asked(question: str) -> str | None:
    """The words naming the money a question asks the purpose of ("the 2017 increase in
    yacht dues" of "What was the 2017 increase in yacht dues meant to pay for?"), or None."""
    found = _ASKS_PURPOSE.match(question)
    if found is None or (found.group("bare") and not _MONEY.search(found.group("paid"))):
        return None
    paid = found.group("paid")
    return _CLAUSE_AFTER.split(paid, maxsplit=1)[0]


#: A question asking how a grade was won: "How did the co-op get its Silver rating back?",
#: "How did the school manage to get to a good rating?", "How did it win back Band A?".
ASKS_GRADE_MEANS = lazy_compile(
    r"\W*how\s+(?:did|has|have|had)\b"
    r"(?=.*\b(?:get|got|gotten|win|won|regain(?:ed)?|earn(?:ed)?|achieve[d]?|reach(?:ed)?|climb(?:ed)?|move[d]?"
    r"|turn(?:ed)?|improve[d]?|raise[d]?|lift(?:ed)?|br(?:ing|ought)|pull(?:ed)?|recover(?:ed)?|restore[d]?)\b)"
    r"(?=.*\b(?:rating|rated|grade|graded|band|stars?|judge?ment|accreditation|inspection|ofsted)\b)",
    re.I,
)


#: A question about a grade lost: "Why did the council take its Gold rating away?", "What
#: led to it losing its Silver grade?", "Why was it marked down in 2021?".
ASKS_GRADE_LOST = lazy_compile(
    r"(?=.*\b(?:rating|rated|grade|graded|band|stars?|accreditation|judge?ment|marked\s+down)\b)"
    r"(?=.*\b(?:lose|loses|lost|losing|away|downgrad\w*|marked\s+down|down\s+a\s+grade|lower(?:ed|ing)?"
    r"|cut|strip(?:ped)?|cost)\b)",
    re.I,
)


#: Nouns of a time: "what year", "the date", "what time".
_TIME_NOUNS = r"year|month|date|day|time"


def expected_answer(question: str) -> AnswerType | None:
    """The kind of answer a question expects, or None when any matching text will do."""
    q = _unnamed(question, _opening(question))
    if ASKS_CAUSE.match(q):
        return None  # "What drove the cost up to £21m?" asks a cause, not a sum
    if _ASKS_FUNDING.match(q):
        return None  # "Where is the money coming from?" asks what pays, not a place
    if (
        re.match(r"^(when|by when|since when|how long until)\b", q)
        # A noun of time not after a verb: "What does a day ticket cost?" asks a price.
        or re.match(rf"^(what|which) ((?!(?:{_AUXILIARIES})\b)[\w'’-]+ ){{0,2}}({_TIME_NOUNS})\b", q)
        # "What was the year the pier opened?", "What is the time of the meeting?"
        or re.match(rf"^(what|which) (is|was|are|were) the ({_TIME_NOUNS})\b", q)
        # "What's the current target date for ...?", "What is the deadline?"
        or re.match(r"^(what|which) (is|was|are|were) (the )?([\w'’-]+ ){0,3}(date|deadline)(?![\w-])", q)
    ):
        return "date"
    if re.match(r"^where\b", q) and not re.match(r"^where (do|does|did|is|are) [\w'’ -]+ stand\b", q):
        return "place"  # not "Where does the trust stand with the regulator?"
    if re.match(r"^(what|which)\b", q) and _ADDRESS.search(q) and not _SPEECH_OF.search(q):
        return "place"  # "What address do I write to?", "What is the office's address?"
    if re.search(_RATE_OF, q) and re.match(r"^(what|how|which)\b", q):
        return "percent"  # "What is the interest rate on shares?"
    if re.match(
        r"^(what|which)(?: (?:is|was|are|were|will|would)(?: be)?)?(?: the)? (return|interest)(?!\w)"
        r"(?!\s+(?:in|from|among|shown|groups?)\b)",
        q,
    ):
        # "What return do members get on their shares?", "what is the interest on shares going
        # to be?"; not "the interest in the scheme", which is how many want it.
        return "percent"
    if re.search(_PRICE_RATE, q) and re.match(r"^(what|which|how much)\b", q):
        return "amount"  # "What is the hourly rate for a research visit?": a price, no grade
    if re.search(rf"\b({GRADING})\b", q) and re.match(r"^(what|which)\b", q):
        return "rating"  # "What is the trust's current rating?"
    if re.match(r"^how\b(?! (often|many|much|long)\b)", q) and re.search(rf"\b({_GRADING_VERBS})\b", q):
        # "How was it rated?"; not "How did it earn back its star rating?", which asks the
        # means, nor "How often is it rated?".
        return "rating"
    if re.match(_INSPECTION_OUTCOME, q):
        return "rating"  # "What did it get at its last inspection?", "How did it do at its assessment?"
    if re.match(rf"^which ({_ROLE_NOUNS})\b", q):
        return "person"  # "which councillor ...": a person holding a post
    if re.match(_POLAR, q):
        # "Is X still the cabinet member?", "Has the opening slipped again?": a yes or no
        # about a fact that has a value, the value decides.
        if re.search(r"\bstill\b", q) and role_terms(q):
            return "person"
        if re.search(rf"\b({_SCHEDULE_WORDS})\b", q):
            return "date"
        if re.search(rf"\b({GRADING})\b", q):
            return "rating"  # "Did the 'requires improvement' grade stick?"
        if re.search(rf"\b({_MONEY_NOUNS})\b", q) and re.search(
            r"\b(up|down|rise|risen|rose|fall|fallen|fell|again|still|more|less)\b", q
        ):
            return "amount"  # "Has the cost gone up again?"
        if re.search(r"\bstill\b", q) and re.search(r"[£$€]\s?\d", q):
            return "amount"  # "Is the line still estimated at £40m?": the sum is the value in question
        if re.search(r"\bstill\b", q) and re.search(_COUNT_NAMED, q):
            return "count"  # "Does it still run 12 stations?"
        return None
    if (
        re.match(r"^(who|whom|whose)\b", q)
        or (
            re.match(r"^(what|which)( is| was|['’]s) the name of\b", q)
            and (role_terms(q) or not _NAME_OF.match(q))
        )
        or re.match(r"^(name|identify)\b.*\bwho\b", q)
    ):
        return "person"
    if re.match(rf"^(what|which) ({_SHARE_NOUNS}|%)(?!\w)", q) or re.match(
        rf"^what (is|was) the ({_SHARE_NOUNS})\b", q
    ):
        return "percent"
    if re.match(
        rf"^how much of (the|its|their|our|this|that) (?!([\w'’/-]+ ){{0,2}}({_MONEY_NOUNS}|money|cash)\b)", q
    ):
        return "percent"  # "How much of the berth had been built?": a share of it
    after_much = re.match(r"^how much\s+([a-z'’-]+)\b(?!\s+(?:money|cash|funding|funds)\b)", q)
    # "How much additional transition funding ...?" asks a sum, whatever words come first.
    money_after = re.match(rf"^how much\s+([\w'’-]+\s+){{0,3}}({_MONEY_NOUNS}|money|cash|funds)\b", q)
    if (
        after_much
        and not money_after
        and not re.fullmatch(
            rf"{_AUXILIARIES}|{_MONEY_NOUNS}|money|cash|more|less|of|extra", after_much.group(1)
        )
    ):
        # "how much cargo", "how much independence": a quantity of something, not a sum of
        # money; in units if the documents give one.
        return "measure"
    if (
        re.match(r"^how much\b", q)
        or re.match(rf"^(what|which) (is|was|are|were) (the )?([\w'’-]+ ){{0,6}}({_MONEY_NOUNS})\b", q)
        or re.match(rf"^(what|which) ([\w'’-]+ ){{0,3}}({_MONEY_NOUNS})\b", q)
        # "What was it meant to cost?", "what did it end up costing us"
        or re.match(r"^what\b.*\b(cost|costing|costs)(\s+(us|them|you|me))?\W*$", q)
        # "What did the centre cost in the end?", "what did it end up costing to build?"
        or re.match(rf"^what ({_AUXILIARIES})\b.*\b(cost|costing)\b", q)
        # "What does a tenant pay?", "What does the firm charge for a permit?"
        or re.match(r"^what (does|do|did|will|would) ([\w'’-]+ ){1,4}(pay|charge)\b", q)
        # "What did the hall get out of the turbine fund?": a share of a sum is a sum.
        or re.match(
            rf"^what (does|do|did|will|would) ([\w'’-]+ ){{1,4}}(get|gets|got|receive|received)\b"
            rf"( [\w'’-]+){{0,3}} (out of|outta|from) ([\w'’-]+ ){{0,4}}({_MONEY_NOUNS}|money|cash|pot)\b",
            q,
        )
        # "What does the council hand the trust each year?": a sum given at a period.
        or re.match(
            r"^what (does|do|did|will|would) ([\w'’-]+ ){1,4}(give|hand|contribute|grant|award|donate)\b"
            r".*\b((each|every|a|per) (year|month|week)|annually|yearly)\b",
            q,
        )
        # "What was the co-op charging per unit?"
        or re.match(r"^what (is|was|are|were|will) ([\w'’-]+ ){1,4}(charging|paying|earning)\b", q)
        or re.match(
            rf"^how (big|large|high|low|small) (is|was|were|are) (the )?([\w'’-]+ ){{0,3}}({_MONEY_NOUNS})\b",
            q,
        )
    ):
        return "amount"
    if re.match(
        rf"^what (is|was|are|were) the ([a-z]+ )?(size|strength) of (the |its |their |our )?"
        rf"([\w'’-]+ ){{0,2}}({_GROUP_NOUNS})\b",
        q,
    ):
        return "count"  # "What is the size of the lifeguard team?": how many lifeguards
    if (
        re.match(r"^how (long|far|fast|quickly|heavy|deep|tall|wide)\b", q)
        # "How large an area does the park cover?"
        or re.match(
            r"^how (large|big|long|wide|deep|tall|high) an? [\w'’-]+ (is|was|are|were|does|do|did|will)\b", q
        )
        # "What was the service's average category 1 response time?"; not "what was it doing
        # at the time".
        or re.match(
            rf"^(what|which) (is|was|are|were) (the )?((?!(?:{_NOT_OF_A_MEASURE})\b)[\w'’-]+ ){{0,6}}"
            rf"({_MEASURE_NOUNS})\b",
            q,
        )
        or re.match(rf"^what ([\w'’-]+ ){{0,2}}({_MEASURE_NOUNS})\b", q)
    ):
        return "measure"  # "How long does it take?", "What is the average response time?"
    if re.match(rf"^how (big|large) (is|was|are|were) (the )?([\w'’-]+ ){{0,3}}({_GROUP_NOUNS})\b", q):
        return "count"  # "How big is the fishing fleet?": how many vessels
    if re.match(r"^how many\b", q) or (
        re.match(rf"^(what|which) (is|was|are|were) (the )?([\w'’-]+ ){{0,5}}({_COUNT_NOUNS})\b", q)
        # "the charity number", "its phone number" name something; "the number of ..." counts.
        and not re.search(rf"\b(?!{_COUNT_QUALIFIERS})[a-z]+ number\b(?! of\b)", q)
        and not re.search(rf"\b({_NAMING_NUMBERS}) numbers\b", q)
    ):
        return "count"  # "What is the number of fire stations?"
    if re.match(rf"^(which|what) ([\w'’-]+ )?({'|'.join(ANY_DOCUMENT_WORDS)})\b", q):
        return None  # "Which document ...?": "the memorandum of understanding", no name
    if re.match(
        r"^what (is|was|are|were|will be|would be) [\w'’ -]+ (called|named|known as)\W*$", q
    ) and not (role_terms(q) or re.search(r"\b(post|role|job|title|position|portfolio)\b", q)):
        return "name"  # "What is the staff newsletter called?"; not a post's title
    if (
        re.match(r"^which (?!(is|are|was|were|of)\b)[a-z'-]+", q)
        or _WHAT_NOUN.match(q)
        or _NAME_OF.match(q)
        or re.match(rf"^what ({_NAMED_NOUNS})\b", q)
        or _FIRST_TO.match(q)
    ):
        return "name"  # "What is the name of the first builder?": no post, so not a person
    return None


def asks_yes_or_no(question: str) -> bool:
    """Whether a question is answered yes or no: "Is X still the cabinet member?"."""
    return re.match(_POLAR, _opening(question)) is not None


def asked_noun(question: str) -> str | None:
    """The noun of a "which X" question: "councils" in "which councils set up ...?",
    "handler" in "which call handler took ...?"; of "what X" before its verb: "stream"
    in "what stream ran under the site?"; of "the name of X": "centre" in "the name of the
    service's new control centre"."""
    q = _opening(question)
    named = _NAME_OF.match(q)
    if named:
        phrase = q[named.start(1) :]
        return _phrase_head(re.split(r"\w['’]s\s+", phrase)[-1]) or named.group(1)
    match = re.match(r"^which\s+([a-z'-]+)", q) or _WHAT_NOUN.match(q)
    return _phrase_head(q[match.start(1) :]) or match.group(1) if match else None


# Short past forms whose lemma is themselves: they end a noun phrase as any verb does.
_SHORT_PASTS = frozenset("won set put cut bid hit let beat cost quit shut spread".split())


def _looks_verb(word: str) -> bool:
    """Whether a word after a noun is likely its verb: "took", "holds", "currently"."""
    import simplemma  # deferred, as in `tokens.stem`: loaded there for any unknown word

    return word in _SHORT_PASTS or word.endswith(("ed", "ly")) or simplemma.lemmatize(word, lang="en") != word


def _phrase_head(phrase: str) -> str | None:
    """The last noun of a noun phrase that opens `phrase`, before its verb: "handler" in
    "call handler took the first call"; a plural ends it ("councils set up")."""
    return head_noun(phrase, _COUNT_STOPS | FUNCTION_WORDS, width=len(phrase), ends=_looks_verb)


def role_terms(question: str) -> tuple[str, ...]:
    """The terms of the role words a question names, in order ("chief", "execut")."""
    roles = ROLE_WORDS | GENERIC_ROLE_WORDS
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
    return frozenset(stem(w) for w in ROLE_WORDS | GENERIC_ROLE_WORDS)


_PREPOSITIONS = frozenset("of for at in on with within to from".split())

_TIME_PREPOSITIONS = frozenset("in at by during since before after until on as".split())


# Words that open a clause after a post: what follows says when or what happened.
_CLAUSE_OPENERS = frozenset("when whenever while after before once until till as because".split())


def post_qualifiers(question: str) -> tuple[str, ...]:
    """The terms that say which post a question means: "council's", "for finance", "of Stanholt"."""
    words = re.findall(r"[\w'’]+", one_spelling(fold(question)))
    roles = ROLE_WORDS | GENERIC_ROLE_WORDS
    at = [n for n, w in enumerate(words) if w in roles or any(b in roles for b in _role_bases(w))]
    if not at:
        return ()
    first, last = at[0], at[-1]
    picked: list[str] = []
    # Before the post: "the county council's deputy leader", "Families Forum chief executive".
    n = first - 1
    while n >= 0 and words[n] not in FUNCTION_WORDS and words[n] not in STOP_WORDS | FILLER_WORDS:
        picked.append(words[n])
        n -= 1
    # After it, within a phrase it governs: "member for finance", "leader of the council",
    # or what a role verb governs: "chairs the board of the company".
    verb = words[last] not in ROLE_WORDS and words[last] not in GENERIC_ROLE_WORDS
    if last + 1 < len(words) and (words[last + 1] in _PREPOSITIONS or verb):
        for n in range(last + 1, len(words)):
            # "at the end of 2015", "in June 2014": when, not which post.
            ahead = words[n + 1 : n + 5]
            if words[n] in _TIME_PREPOSITIONS and any(w in CALENDAR_WORDS or w[:1].isdigit() for w in ahead):
                break
            if words[n] in _CLAUSE_OPENERS:
                break  # "leader of the council when the deal was struck": when, not which post
            if words[n] not in ROLE_WORDS and words[n] not in _PREPOSITIONS:
                picked.append(words[n])
    # A date says when, not which post: "chief executive in June 2014".
    kept = [
        b
        for w in picked
        if (b := bare_word(w)) and b not in FUNCTION_WORDS | CALENDAR_WORDS | STOP_WORDS | FILLER_WORDS
    ]
    return tuple(dict.fromkeys(stem(b) for b in kept if not b[0].isdigit()))


def person_terms(question: str) -> frozenset[str]:
    """The terms of the people a question names ("Dale Carwick")."""
    return frozenset(stem(w) for span in persons_in(question) for w in span.value.split())


def counted_term(question: str) -> str | None:
    """The term of what a "how many" question counts: "bed" in "how many inpatient beds"."""
    match = re.match(r"^how many\s+(.*)", _opening(question)) or re.match(
        rf"^(?:what|which) (?:is|was|are|were) (?:the )?(?:[\w'’-]+ ){{0,2}}(?:{_COUNT_NOUNS}) of\s+(.*)",
        _opening(question),
    )
    if match is None:
        return None
    phrase = re.sub(r"^of\s+((the|its|their|these|those|our)\s+)?", "", match.group(1))
    counted = head_noun(phrase, _COUNT_STOPS)
    return stem(counted) if counted else None


def head_noun(
    phrase: str,
    stops: frozenset[str],
    width: int = 8,
    ends: Callable[[str], bool] = lambda w: w.endswith("ed"),
) -> str | None:
    """The noun a phrase counts, its plural or else its last word before a stop word or
    a word that `ends` it, a verb: "beds" in "inpatient beds does", "murders" in "child
    murders were"."""
    head = None
    for word in re.findall(r"[a-z][a-z'’-]*", fold(phrase))[:width]:
        word = bare_word(word)
        if word in stops or (head is not None and ends(word)):
            break
        if word:
            head = word
        if head is not None and is_plural(head):
            break
    return head


def is_plural(word: str) -> bool:
    """Whether a word looks like a plural noun: "beds", "people"."""
    return word in _PLURALS or (word.endswith("s") and not word.endswith("ss"))
