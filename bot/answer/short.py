"""The answer in a few words: "July 2020", "Cllr Jo Bell", "£22m", "no — inadequate".

A typed question ("when", "who", "how much", ...) is answered by the span its sentence
holds. Any other question is answered by the words of the sentence that the question
does not already say, next to the words it does: for "How did Carwick describe the
meeting?" and "... said next week's meeting would be a key milestone in the process",
that is "a key milestone in the process". A yes/no question leads with "yes" or "no",
read from the sentence's negation. A question about a cause ("why", "what made ...") is
answered by the clause that gives it ("because ...", "due to ..."), or else by the words
of the sentence the question lacks, led by its subject; the sentence before one opening
"As a result" gives the cause.

May import `text` and this package's `query`, `question`, `sentences`, `spans` and `figures`.
"""

from __future__ import annotations

import re

from ..text.lexicon import ROLE_WORDS
from ..text.mentions import find_date_mentions
from ..text.patterns import lazy_compile
from ..text.tokens import STOP_WORDS, fold, tokenize
from .figures import FIGURE_KINDS, RATE_AFTER, figure_as_said
from .query import Query
from .question import is_plural
from .sentences import doer_of, former_post, place_of, sentences_of
from .spans import (
    ORDINAL_COUNTS,
    AnswerSpan,
    credited,
    destination,
    fate,
    find_answer_spans,
    former_use,
    funding,
    party,
    purpose,
    replaced_by,
    span_value,
)

__all__ = ["MAX_SHORT_WORDS", "is_polar", "short_answer", "title_head", "title_said"]

#: A short answer holds at most this many words.
MAX_SHORT_WORDS = 12
_WORD = lazy_compile(r"[£$€]?[\w'’%.,/-]*[\w%]|[£$€]?\w|[;:“”\"()]|\s[–—]\s")
# Marks where a clause ends: a run of new words does not cross one.
_BREAKS = frozenset(';:“”"()–—')
_QUOTES = frozenset('“”"')
_POLAR = lazy_compile(
    r"^(is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|shall|may|might|must)\b"
)
_NEGATION = lazy_compile(
    r"\b(not|no|never|without|nor|n[o']t|no longer|none|neither|isn['’]t|wasn['’]t|aren['’]t|"
    r"doesn['’]t|didn['’]t|won['’]t|hasn['’]t|haven['’]t|cannot|can['’]t|failed|refused|rejected|"
    r"scrapped|abandoned)\b",
    re.IGNORECASE,
)
# Words that may open or close a run of new words but say nothing on their own there.
_EDGE_WORDS = STOP_WORDS | frozenset(
    """said says say told according added that which who whom whose would could should will
    shall may might must can be is are was were been being has have had also now then there
    here however but and or as so than because while when where said: says:""".split()
)
#: The words after a question's gap term that a short answer takes at most.
GAP_WORDS = 10
_ARTICLES = frozenset("the a an".split())
_COPULAS = frozenset("is are was were be been".split())
# Words that may come before a copula: "will be", "has been", "would now be".
_MODALS = _COPULAS | frozenset("will would could should may might must has have had now also still".split())
_DETERMINERS = frozenset("the a an this that these those its their our his her".split())
# Words that join a noun to the phrase that says which one ("services for children").
_LINKS = frozenset("of for with from in on".split())
_NAMING = lazy_compile(r"\b(called|named|name of|titled|known as)\b")
_CAUSE = lazy_compile(
    r"\b(because|as a result of|due to|owing to|caused by|blamed on|thanks to|so that|in order to|"
    r"after|since|following)\b"
    # ", saying it cannot justify ...": the reason given; ", as the building is being sold".
    r"|(?<=, )(saying(?: that)?|as(?= (?:the |its |their |it |they |there |this |these )?[\w'’-]+ "
    r"(?:is|are|was|were|had|has|have|could|would|will|can|did|does|do)\b))"
    # "Inspectors found that ...", "The trust blamed ...": what was found or blamed.
    # Not a passive or a clause's ("was found to be", "which found nothing").
    r"|(?<=\w )(?<!\bwas )(?<!\bwere )(?<!\bwhich )(?<!\bwho )(?<!\bbeen )"
    r"((?:had |have |has )?(?:found|concluded|discovered)(?: that)?|blamed(?: the \w+ on)?|"
    r"reflect(?:s|ed)?|(?:is|was) down to(?!\s*[£$€\d]))"
    r"(?= [\w'’£-]+[,:;]? [\w'’£-])"  # not "reflects that."
    # "The main reason for the lower grade is the handling of calls": what the reason is.
    r"|\breasons? (?:for|behind) [^,;:.]{1,60}? (?:is|was|are|were)(?: that)?(?= \w)",
    re.I,
)
# Failing any word of cause, what someone said or explained is the reason they gave.
# Not "who said nothing", nor "said in a statement", where no reason follows.
_REPORTED = lazy_compile(
    r"(?<=[\w,] )(?<!\bwho )(?:said|says|explained|added)(?: that)?"
    r"(?! (?:in|at|on|to|by|during|after|before|last|yesterday|today)\b)(?= [\w'’£-]+ [\w'’£-])",
    re.I,
)
# A sentence opening on its purpose: "To keep costs down, the wing was cut".
_PURPOSE = lazy_compile(r"^\W*(To [a-z]+\b[^,;:]*),")
# Words before a "that" which opens what was said, found or feared ("arguments that the
# lane could not cope"), not a relative clause ("faults that we could not risk").
_TELLING = lazy_compile(
    r"arguments?|claims?|fears?|concerns?|warnings?|evidence|view|belief|fact|"
    r"accepted|argued|found|showed|shown|said|concluded|decided|agreed|felt|believed|warned|feared|ruled"
)
# Causes a sentence counts: "two changes", "three sources", "several reasons".
_COUNTED_CAUSES = (
    r"\b(?:two|three|four|five|several|a number of|a few|\d+)\s+(?:[a-z-]+\s+)?"
    r"(?:reasons|sources|changes|factors|causes|problems|things|developments)\b"
)
# Counted, then listed after a colon: "came from two sources: the price, ...".
_LISTED = lazy_compile(_COUNTED_CAUSES + r"[^:]*:\s", re.IGNORECASE)
# Counted at the sentence's end, to be given in the next: "It went up for two reasons."
_COUNTED_LAST = lazy_compile(_COUNTED_CAUSES + r"\W*$", re.IGNORECASE)
# A sentence that opens on what came of the one before it.
_RESULT = lazy_compile(
    r"^\W*(as a (result|consequence)|consequently|therefore|this means|that means|because of (this|that))\b",
    re.I,
)
# A cause's clause runs on to a semicolon, a dash or a comma opening another clause, once
# it has this many words.
_CLAUSE_MIN_WORDS = 3
_CLAUSE_OPENERS = frozenset(
    "which who whom whose but while although though saying said says according and".split()
)
# Words that open a clause's verb: after "and", they begin another clause.
_AUXILIARIES = frozenset("has have had is are was were will would could can may might must".split())
# Causes that also say when: "after" and "since" before a date or a number give a time.
_WEAK_CAUSES = frozenset("after since following".split())
# Words that open a cause or something else: a time ("since May"), a purpose ("so that").
_NOT_ONLY_CAUSES = frozenset(("since", "following", "so that", "in order to"))
_DATED = lazy_compile(
    r"(\d|the$|last$|this$|that$|"
    + "|".join(
        "january february march april may june july august september october november december "
        "spring summer autumn winter".split()
    )
    + r")",
    re.I,
)


# Words before a date that say which part of it: "the end of December", "early 2022", "mid-2020",
# "the first half of 2017", "Easter 2019", "Q3 2018".
_PART_OF = lazy_compile(
    r"\b(?:the\s+)?(early|late|mid|end of|start of|beginning of|middle of|turn of|"
    r"(?:first|second) half of|(?:first|second|third|fourth|last) quarter of|easter|christmas|q[1-4])[\s-]+$",
    re.IGNORECASE,
)
# A measure written as a describing word: "450-metre", "12-mile".
_JOINED_MEASURE = lazy_compile(r"^([\d.,]+)-([a-z]+)$")


def _plural(unit: str) -> str:
    """A unit's plural: "metres", "feet", "inches"."""
    if unit == "foot":
        return "feet"
    return unit + ("es" if unit.endswith(("ch", "sh", "s", "x")) else "s")


# The noun a number is joined to: "125-year", "10-week".
_JOINED_NOUN = lazy_compile(r"-([a-z]+)\b")
_NOUN_RUN = lazy_compile(r"\s+((?:[a-z][\w'’-]*\s+){0,2}[a-z][\w'’-]*)")


def _counted_noun(sentence: str, span: AnswerSpan) -> str | None:
    """The words a number counts, up to their plural noun: "fire stations" in "21 fire
    stations and ...", none for "6,200 Safe and Well visits" or "employs 740."."""
    run = _NOUN_RUN.match(sentence, span.end)
    if run is None:
        return None
    said: list[str] = []
    end = run.start(1)
    for word in run.group(1).split():
        if fold(word) in _EDGE_WORDS:
            return None
        said.append(word)
        end = sentence.index(word, end) + len(word)
        if is_plural(fold(word)):
            rate = RATE_AFTER.match(sentence, end)  # "five sailings a day"
            return " ".join([*said, rate.group(0).strip()] if rate else said)
    return None


def is_polar(question: str) -> bool:
    """Whether a question is answered yes or no ("Is the council still ...?")."""
    return bool(_POLAR.match(fold(question).strip()))


def _trim(words: list[str]) -> list[str]:
    article = None
    while words and fold(words[0]).strip("“”\"'‘’,:;") in _EDGE_WORDS:
        article = words[0] if fold(words[0]) in _ARTICLES else None
        words = words[1:]
    words = _trim_end(words)
    # "a key milestone", not "key milestone": an article is part of the phrase it opens.
    return [article, *words] if article and words else words


def _trim_end(words: list[str]) -> list[str]:
    """The words without those at their end that say nothing there ("and", "has", "been")."""
    while words and fold(words[-1]).strip("“”\"'‘’,:;.") in _EDGE_WORDS:
        words = words[:-1]
    return words


def _phrase(text: str) -> str:
    """A phrase a reader found, cut to the short answer's length on a word that ends it."""
    words = text.split()
    return _clean(" ".join(_trim_end(words[:MAX_SHORT_WORDS]) or words[:1]))


def _clean(text: str) -> str:
    text = text.strip(" ,;:–—-“”\"'‘’()").rstrip(".")
    # A quote cut short leaves its mark alone: 'it was "the right time' reads without it.
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        text = re.sub(r'["“”]', "", text)
    return text


def _gap_term(query: Query) -> tuple[str, str | None] | None:
    """The term a question's gap follows: "manage" in "What will it help them manage?",
    with the preposition the question ends on ("lead", "to" in "What will it lead to?").

    A "what" question that ends on a content word asks for what comes after that word.
    """
    question = query.corrected.strip().rstrip("?!. ")
    if not re.match(r"(what|which)\b", fold(question)):
        return None
    words = question.split()
    # "What are people afraid it leads to?": the gap follows the verb and its preposition.
    preposition = words.pop() if len(words) > 2 and words[-1] in _GAP_PREPOSITIONS else None
    last = words[-1] if words else ""
    if not last.isalpha() or not last.islower():
        return None  # the gap follows a verb, not a name or a figure ("... in 2016/17?")
    if len(words) > 1 and fold(words[-2]) in _DETERMINERS:
        return None  # "... handed to the trust?" ends on a noun, not before a gap
    found = tokenize(last)
    return (found[0], preposition) if found and found[0] in query.terms else None


# Prepositions a question may end on, its gap after them: "leads to", "relies on".
_GAP_PREPOSITIONS = frozenset("to on about for with into from".split())


def _after_gap(tokens: list[re.Match[str]], breaks: list[bool], query: Query) -> str | None:
    """The words right after the question's gap term in a sentence, to the clause's end."""
    asked = _gap_term(query)
    if asked is None:
        return None
    gap, preposition = asked
    alike = {gap} | query.expansions.get(gap, frozenset())
    for k, token in enumerate(tokens):
        terms = tokenize(token.group(0))
        if not terms or terms[0] not in alike:
            continue
        if preposition is not None:
            if k + 1 == len(tokens) or fold(tokens[k + 1].group(0)) != preposition:
                continue
            k += 1
        words: list[str] = []
        for j in range(k + 1, len(tokens)):
            text = tokens[j].group(0)
            if text in _QUOTES:
                continue  # 'could lead to a "sell-off" of the ferry': a word quoted, not a clause's end
            if breaks[j] or len(words) >= GAP_WORDS:
                break
            words.append(text)
            if text.endswith(","):
                break
        # "deserve to be safe": an infinitive after the gap's verb is the answer whole.
        infinitive = len(words) > 2 and fold(words[0]) == "to" and fold(words[1]) not in STOP_WORDS - _COPULAS
        kept = [words[0], *_trim_end(words[1:])] if infinitive else _trim(words)
        if kept:
            return _clean(" ".join(kept))
    return None


def _asked_nouns(query: Query) -> list[str]:
    """Terms of the words after "which" or "what" that may head the answer's phrase, the
    last first: "report", "council" for "Which council report says ...?"."""
    # "Which budget ...?" and "... a share of which budget?" alike.
    # "Which of the council's functions ...?" asks which functions.
    match = re.search(
        r"\b(?:which|what)\s+(?:of\s+(?:the|its|their|our)\s+(?:[a-z-]+['’]s\s+)?)?((?:[a-z'-]+\s*){1,3})",
        fold(query.corrected).strip(),
    )
    if match is None:
        return []
    nouns = []
    for word in match.group(1).split():
        if word in _EDGE_WORDS:
            break
        nouns.extend(tokenize(word)[:1])
    return nouns[::-1]


def _capital(token: re.Match[str]) -> bool:
    return token.group(0)[:1].isupper()


def _described(tokens: list[re.Match[str]], query: Query) -> str | None:
    """What "what kind of body is X?" asks: the words naming X's kind right before X
    ("youth sailing club Seaspray Juniors")."""
    match = re.match(
        r"(?:what|which)\s+(?:kind|type|sort)\s+of\s+\w+\s+(is|are|was|were)\s+(.+)", fold(query.corrected)
    )
    if match is None:
        return None
    one = match.group(1) in ("is", "was")
    name = tokenize(match.group(2))
    for k, token in enumerate(tokens):
        if not name or tokenize(token.group(0))[:1] != name[:1]:
            continue
        start = k
        while start > 0 and k - start < GAP_WORDS // 2:
            word = fold(tokens[start - 1].group(0))
            if word in _EDGE_WORDS or tokens[start - 1].group(0).strip() in _BREAKS or word.endswith(","):
                break
            start -= 1
        if start < k:
            # The kind keeps its article: "a youth sailing club" is the phrase as said.
            if start > 0 and fold(tokens[start - 1].group(0)) in _ARTICLES - {"the"}:
                start -= 1
            kind = _clean(" ".join(t.group(0) for t in tokens[start:k]))
            if fold(tokens[start].group(0)) in _ARTICLES or not one:
                return kind
            # Said as a title ("rowing charity Oarsworth Trust"), the kind of one thing is
            # answered as English says it: "a rowing charity".
            return f"{_indefinite(kind)} {kind}"
    return None


def _indefinite(phrase: str) -> str:
    """ "a" or "an" before a phrase, as it sounds: "an NHS trust", "a university"."""
    word = phrase.split()[0]
    if len(word) > 1 and word.isupper():
        return "an" if word[0] in "AEFHILMNORSX" else "a"  # letters said one by one
    folded = fold(word)
    if folded.startswith(("uni", "use", "usu", "eu", "one", "once")):
        return "a"
    return "an" if folded[:1] in "aeiou" or folded.startswith(("hour", "honest", "honour", "heir")) else "a"


def _called(sentence: str, query: Query) -> str | None:
    """The name a "what is X called?" question asks for: the first name it does not give."""
    if not _NAMING.search(fold(query.corrected)):
        return None
    spans = find_answer_spans(sentence, "name", query.corrected)
    return spans[0].text if spans else None


_TITLE_ASKED = lazy_compile(r"\b(title|called|named|name of)\b")
_POST_ASKED = lazy_compile(r"\b(post|portfolio|role|job|position|title)\b")
_ROLE = "|".join(sorted(ROLE_WORDS, key=len, reverse=True))
# A post's title: "cabinet member for children, families and education", up to the
# holder's name, a verb of saying or the clause's end.
_TITLE = lazy_compile(
    rf"\b((?:(?:{_ROLE})\s+)?(?:{_ROLE})s?\s+(?:for|of)\s+[^.;:]*?)"
    r"(?=,?\s+(?:said|says|told|added|is|was|has|had)\b|(?-i:\s+(?:Cllr|Councillor|Mr|Mrs|Ms|Dr|Dame|Sir|Lord)\b"
    r"|\s+[A-Z][a-z]+\s+[A-Z][a-z]+|,\s+[A-Z])|[.;:]|$)",
    re.IGNORECASE,
)


def _asks_title(query: Query) -> bool:
    """Whether a question asks what a post is called: "What is the cabinet post covering
    children called?", "What's the full title of the cabinet member ...?"."""
    question = fold(query.corrected)
    return bool(_TITLE_ASKED.search(question) and _POST_ASKED.search(question))


def title_head(title: str) -> str:
    """The post words a title opens on: "cabinet member" of "cabinet member for finance"."""
    return fold(re.split(r"\s+(?:for|of)\s+", title, maxsplit=1)[0])


def title_said(sentence: str, query: Query) -> str | None:
    """The title of a post a sentence gives, for a question asking it (see `_asks_title`):
    "cabinet member for children, families and education"; None for any other question."""
    if not _asks_title(query):
        return None
    for found in _TITLE.finditer(sentence):
        title = _clean(found.group(1))
        if len(title.split()) <= MAX_SHORT_WORDS:
            return title
    return None


def _noun_phrase(tokens: list[re.Match[str]], breaks: list[bool], query: Query) -> str | None:
    """The phrase around the noun of "which X" in a sentence: "the monthly financial report"."""
    heads = (
        k for noun in _asked_nouns(query) for k, t in enumerate(tokens) if tokenize(t.group(0))[:1] == [noun]
    )
    k = next(heads, None)
    if k is None:
        return None
    start = k
    while start > 0 and not breaks[start - 1]:
        word = fold(tokens[start - 1].group(0))
        if word in _DETERMINERS - {"that"}:  # "that" mostly opens a clause
            start -= 1
            break
        if word in _EDGE_WORDS or word.endswith(","):
            break
        start -= 1
    end = k + 1
    if end < len(tokens) and fold(tokens[end].group(0)) in _LINKS:
        end += 1
        while (
            end < len(tokens)
            and end - k <= GAP_WORDS // 2
            and not breaks[end]
            and (
                fold(tokens[end].group(0)) not in _EDGE_WORDS
                or fold(tokens[end].group(0)) in _DETERMINERS
                or (_capital(tokens[end - 1]) and end + 1 < len(tokens) and _capital(tokens[end + 1]))
            )
        ):
            end += 1
        if fold(tokens[end - 1].group(0)) in _LINKS | _DETERMINERS:
            end = k + 1
    told = _complement(tokens, breaks, end, query) if _only_asked(tokens[start:end], query) else None
    return told or _clean(" ".join(t.group(0) for t in tokens[start:end]))


def _only_asked(tokens: list[re.Match[str]], query: Query) -> bool:
    """Whether a phrase says nothing the question does not: "the proposed legal form"."""
    asked = set(query.terms).union(*query.expansions.values())
    content = [t for t in tokens if fold(t.group(0)) not in _EDGE_WORDS]
    new = [t for t in content if not set(tokenize(t.group(0))) & asked]
    return len(new) < len(content) / 2


def _complement(tokens: list[re.Match[str]], breaks: list[bool], end: int, query: Query) -> str | None:
    """What a phrase is said to be, when a copula follows it: "a company limited by
    guarantee" in "The proposed legal form is a company limited by guarantee which ..."."""
    k = end
    while k < len(tokens) and fold(tokens[k].group(0)) in _MODALS:
        k += 1
    if k == end or fold(tokens[k - 1].group(0)) not in _COPULAS:
        return None
    if k < len(tokens) and (fold(tokens[k].group(0)) == "to" or tokens[k].group(0).endswith("ed")):
        return None  # "are to be passed", "was moved": what is done to it, not what it is
    words: list[str] = []
    for j in range(k, min(len(tokens), k + GAP_WORDS)):
        text = tokens[j].group(0)
        if breaks[j] or (words and fold(text) in _CLAUSE_OPENERS | {"that"}):
            break
        words.append(text)
        if text.endswith(","):
            break
    kept = _trim(words)
    return _clean(" ".join(kept)) if kept else None


def _shaped(sentence: str, query: Query, passage: str = "") -> str | None:
    """The words the question's shape points at: after its gap, its noun's phrase, the
    kind of a named thing, or the name "called" asks for; the gap also in the passage."""
    tokens = list(_WORD.finditer(sentence))
    breaks = [t.group(0).strip() in _BREAKS for t in tokens]
    found = (
        title_said(sentence, query)
        or _after_gap(tokens, breaks, query)
        or _noun_phrase(tokens, breaks, query)
        or _described(tokens, query)
        or _called(sentence, query)
    )
    if found or not passage:
        return found
    tokens = list(_WORD.finditer(passage))
    return _after_gap(tokens, [t.group(0).strip() in _BREAKS for t in tokens], query)


def _new_words(sentence: str, query: Query, cause: bool = False) -> str | None:
    """The longest run of words the question does not say, beside words it does."""
    asked = set(query.terms).union(*query.expansions.values())
    tokens = list(_WORD.finditer(sentence))
    if not tokens:
        return None
    marks = []
    breaks = []
    quoted = []
    inside = False
    for token in tokens:
        text = token.group(0).strip()
        breaks.append(text in _BREAKS)
        if text in '“”"' and text:
            inside = text != "”" and not (text == '"' and inside)
        quoted.append(inside)
        terms = tokenize(text) if not breaks[-1] else []
        marks.append(bool(terms) and terms[0] in asked)
    wants_quote = query.asks_words
    runs: list[tuple[float, int, int]] = []
    n = len(tokens)
    i = 0
    while i < n:
        if marks[i] or breaks[i]:
            i += 1
            continue
        j = i
        while j < n and not marks[j] and not breaks[j]:
            j += 1
        words = [t.group(0) for t in tokens[i:j]]
        content = [w for w in words if fold(w).strip("“”\"'‘’") not in _EDGE_WORDS]
        if content:
            # A run right after the question's words reads as what they are ("X is Y");
            # one right before them as their subject. Shorter, denser runs read better.
            after = i > 0 and (marks[i - 1] or (breaks[i - 1] and i > 1 and marks[i - 2]))
            before = j < n and marks[j]
            # A cause is mostly the subject of what the question says happened ("a faulty
            # transformer pushed the connection back").
            weights = (0.8, 1.0) if cause else (1.0, 0.8)
            score = len(content) * (weights[0] if after else weights[1] if before else 0.4)
            score -= max(0, len(content) - MAX_SHORT_WORDS) * 0.5
            if wants_quote and quoted[i]:
                score *= 2  # "What did she say ...?": the words she said
            runs.append((score, i, j))
        i = j
    if wants_quote and any(quoted[i] for _, i, _ in runs):
        runs = [run for run in runs if quoted[run[1]]]  # "How did he describe it?": as quoted
    if not runs:
        return None
    _, i, j = max(runs)
    words = _trim([t.group(0) for t in tokens[i:j]])
    if not words:
        return None
    if j < n and marks[j] and not (i > 0 and marks[i - 1]):
        # A run before the question's words ends on what they are said of: "... and
        # enable flexibility for swift change thanks to greater structural freedoms".
        cut = max((k + 1 for k, w in enumerate(words[:-2]) if w.endswith(",")), default=0)
        words = _trim(words[cut:][-MAX_SHORT_WORDS:])
    else:
        words = _trim(words[:MAX_SHORT_WORDS])
    if words and fold(words[0]) not in _ARTICLES and len(words) < MAX_SHORT_WORDS:
        first = next(k for k in range(i, j) if tokens[k].group(0) == words[0])
        if first > 0 and fold(tokens[first - 1].group(0)) in _ARTICLES:
            words.insert(0, tokens[first - 1].group(0))  # the run began after its article
    text = _clean(" ".join(words))
    return text or None


def _restates(words: list[str], query: Query) -> bool:
    """Whether words are mostly the question's own."""
    terms = [t for w in words for t in tokenize(w)]
    return not terms or 2 * sum(t in query.terms for t in terms) >= len(terms)


def _clause(said: list[str], most: int) -> list[str]:
    """The first words of a clause, at most `most`, to where it ends: a semicolon, a dash, a
    comma opening another clause ("X, Y and Z" is one), or "and" before another verb."""
    words: list[str] = []
    for k, word in enumerate(said[:most]):
        following = fold(said[k + 1]) if k + 1 < len(said) else ""
        if len(words) >= _CLAUSE_MIN_WORDS and (
            word in "–—" or (fold(word) == "and" and following in _AUXILIARIES)
        ):
            break  # "... in the department and has not been debated": another clause
        words.append(word)
        ends = word[-1] in ";:" or (word[-1] == "," and following in _CLAUSE_OPENERS)
        if ends and len(words) >= _CLAUSE_MIN_WORDS:
            break  # the clause ends here; a comma in a list ("X, Y and Z") does not end it
    return words


def _because(sentence: str, query: Query) -> str | None:
    """The clause of a sentence that gives a cause ("because of a shortage of nurses"), or
    else the words of it the question does not already say."""
    return _cause_clause(sentence, query) or _new_cause_words(sentence, query)


def _new_cause_words(sentence: str, query: Query) -> str | None:
    """The words of a sentence the question does not say, led by its subject, as a cause."""
    told = _new_words(sentence, query, cause=True)
    # One word ("Report", a heading's) is no cause told; the sentence is then the answer.
    return told if told and len(told.split()) > 1 else None


def _cause_clause(sentence: str, query: Query, only_causes: bool = False) -> str | None:
    """The clause of a sentence that gives a cause, if a word says one does ("because",
    "due to", "found that"). With `only_causes`, not a purpose it opens on, nor what someone
    "said", nor a clause after a word that may say something else ("since", "so that")."""
    purpose = _PURPOSE.match(sentence)
    if purpose and len(purpose.group(1).split()) <= MAX_SHORT_WORDS and not only_causes:
        return "to" + purpose.group(1)[2:]
    # What someone "said" beside the sentence that answers is no cause of what it tells.
    found = [(True, m) for m in _CAUSE.finditer(sentence)]
    found += [] if only_causes else [(False, m) for m in _REPORTED.finditer(sentence)]
    for is_cause, match in found:
        if only_causes and match.group(0).lower() in _NOT_ONLY_CAUSES:
            continue
        rest = sentence[match.end() :].split()
        if not rest or (match.group(0).lower() in _WEAK_CAUSES and _DATED.match(rest[0])):
            continue  # "since 2017", "after May" say when, not why
        if not is_cause and _restates(rest[:MAX_SHORT_WORDS], query):
            continue  # "we hoped to open in May" says again what the question asks about
        said = sentence[match.start() :].split()
        # A clause too long for its opening word ("after", "because") is told without it.
        opening = len(match.group(0).split())
        words = _clause(said, MAX_SHORT_WORDS + opening)
        # "because ..." keeps its word; ", saying ...", "found that ..." and "said ..." never.
        keeps_opening = is_cause and match.group(1) is not None
        start = 0
        if len(words) > MAX_SHORT_WORDS or not keeps_opening:
            start, words = opening, words[opening:][:MAX_SHORT_WORDS]
        that = next(
            (
                k
                for k in range(_CLAUSE_MIN_WORDS, len(words) - 2)
                if fold(words[k]) == "that" and _TELLING.fullmatch(fold(words[k - 1]).strip(",'’"))
            ),
            None,
        )
        if len(words) == MAX_SHORT_WORDS and that is not None:
            # "after councillors accepted residents' arguments that the lane could not cope
            # with the traffic": too long to tell whole, it is told from what was argued.
            words = _clause(said[start + that + 1 :], MAX_SHORT_WORDS)
        # Cut short, it ends on a whole phrase: not "... in the department and has not been".
        words = _trim_end(words) or words[:1]
        return _clean(" ".join(words)) or None
    return None


_PER_CENT = lazy_compile(r"(?<=\d)\s*(?:per\s*cent|percent)\b", re.IGNORECASE)
# "Is it A or B?", "Will it be run by the council or independent of it?": the word before
# "or" and the first word of the other choice.
_EITHER = lazy_compile(
    r"^(?:is|are|was|were|does|do|did|will|has|have|had)\b.*?\b(\w+) or "
    r"(?:(?:the|a|an|be|by|it|its)\s+)*(\w+)(?P<tail>[^?]*)"
)
# After the second choice, a verb of what happened: "Has the number of staff or volunteers
# fallen?" asks yes or no about both.
_HAPPENED = lazy_compile(
    r"\b(?:fallen|fell|risen|rose|gone|grown|grew|shrunk|dropped|increased|decreased|changed|improved|"
    r"worsened|declined|slipped|doubled|halved)\b"
)

_NO_CHOICE = frozenset(
    "what wat not no something anything nothing whatever so else otherwise never more less fewer later "
    "earlier longer shorter higher lower".split()
)


def _choice(question: str) -> re.Match[str] | None:
    """The two choices of "is it A or B?", or None for a yes/no question ("... or not?")."""
    match = _EITHER.match(question)
    if match is None or match.group(2) in _NO_CHOICE or _HAPPENED.search(match.group("tail")):
        return None
    return match


def _one_of(match: re.Match[str] | None, sentence: str, query: Query) -> str | None:
    """For "is it A or B?" (`match`, from `_choice`), the one of the two the sentence says,
    as it says it, or in one of its synonyms ("Conservative" for "tory")."""
    if match is None:
        return None  # "... or what?", "... or not?" asks yes or no
    if _NEGATION.search(sentence):
        return None  # "It is not closed on Mondays": the choice it names is the one it denies
    said = []
    for option in match.group(1, 2):
        found = re.search(rf"\b{re.escape(option)}\w*", sentence, re.IGNORECASE)
        if found is None:
            terms = tokenize(option)
            alike = query.expansions.get(terms[0], frozenset()) if terms else frozenset()
            found = next(
                (w for w in re.finditer(r"[\w'’]+", sentence) if set(tokenize(w.group(0))) & alike), None
            )
        if found is not None:
            said.append(found)
    return said[0].group(0) if len(said) == 1 else None


def _grade_given(sentence: str, query: Query) -> str | None:
    """The grade a sentence gives, though none was read as the answer ("assessors rated the
    lido 'excellent'"): of a move from one grade to another, the one it moved to."""
    graded = find_answer_spans(sentence, "rating", query.corrected)
    held = [
        g for g in graded if not any(replaced_by(sentence, g, other) for other in graded if other is not g)
    ]
    return held[-1].text if held else None


def _graded_when(sentence: str, span: AnswerSpan) -> str | None:
    """When the sentence says a grade was given: the date it names right after the grade
    ("rated 'good' in June 2020"), or right before it with no other grading between ("in
    June 2020 it was rated 'good'"; not "rated 'fair' in 2016, is now rated 'good'")."""
    dates = [m for m in find_date_mentions(sentence) if not m.relative]  # "this week" is news, no date
    after = [m for m in dates if 0 <= m.start - span.end <= _GRADE_DATE_REACH]
    if after:
        return min(after, key=lambda m: m.start).text
    others = [g for g in find_answer_spans(sentence, "rating", "") if g.start != span.start]
    before = [
        m
        for m in dates
        if 0 <= span.start - m.end <= _GRADE_DATE_REACH
        and not _CLAUSE_MARK.search(sentence, m.end, span.start)
        and not any(m.end <= g.start < span.start for g in others)
    ]
    return max(before, key=lambda m: m.end).text if before else None


# Between a date and a grade, the end of a clause: the date is of something else.
_CLAUSE_MARK = lazy_compile(r"[,;:]")


#: Characters between a grade and the date it was given, at most.
_GRADE_DATE_REACH = 40


def short_answer(
    query: Query,
    sentence: str,
    span: AnswerSpan | None,
    polar_no: bool | None = None,
    passage: str = "",
) -> str | None:
    """The answer in at most `MAX_SHORT_WORDS` words, or None when only the sentence will do."""
    question = fold(query.corrected).strip()
    if query.why:
        said = sentences_of(passage) if passage else []
        at = place_of(sentence, said) if said else None
        if _RESULT.match(sentence) and at:
            # "As a result the opening has been put back": the sentence before says why.
            return _because(said[at - 1], query)
        listed = _LISTED.search(sentence)
        if listed is not None:
            # "The rise came from three sources: the contractor's price, ...": what follows.
            kept = _trim_end(sentence[listed.end() :].split()[:MAX_SHORT_WORDS])
            return _clean(" ".join(kept)) or None
        told = _cause_clause(sentence, query)
        if told is not None:
            return told
        if at is not None and _COUNTED_LAST.search(sentence) and at + 1 < len(said):
            # "It went up for two reasons." or "Two reasons.": the next sentence gives them.
            return _because(said[at + 1], query)
        if at is not None:
            # "The centre will not now open until 2023." tells what happened; the sentence
            # beside it in the passage may tell why ("... after the builder went bust").
            for k in (at + 1, at - 1):
                if 0 <= k < len(said) and (told := _cause_clause(said[k], query, only_causes=True)):
                    return told
        return _new_cause_words(sentence, query)
    # "Where did she go?" asks a place, told by its span; "What job did she leave to take up?" the post.
    if (
        query.destination
        and (span is None or query.kind != "place")
        and (going := destination(sentence, query.people))
    ):
        return _phrase(going)
    if query.party is not None and (taken := party(sentence, query.party, query.succeeded)) is not None:
        # "Its replacement, Corrie & Pask Renewables": not the firm that failed; as the
        # ranking named them ("Anjali" as "Anjali Rooke") when it is the answer found.
        return (span if span is not None and span.start == taken.start else taken).display
    if query.fate_of and (became := fate(sentence)) is not None:
        return _phrase(became)
    if query.funded is not None and (paying := funding(sentence)) is not None:
        return _phrase(paying)
    if query.purpose is not None and (serves := purpose(sentence)) is not None:
        return _phrase(serves)
    if query.grade_means and (credit := credited(sentence)) is not None:
        return _phrase(credit)
    if query.former_use and (former := former_use(sentence)) is not None:
        return _clean(former)  # "the former bus garage": what the site was
    if query.asks_before and (was := former_post(sentence, query.people)) is not None:
        return _clean(" ".join(was.split()[:MAX_SHORT_WORDS]))
    choice = _choice(question)
    chosen = _one_of(choice, sentence, query)
    if chosen is not None:
        return chosen
    if span is not None:
        value: str | None = (
            figure_as_said(sentence, span) if query.kind in FIGURE_KINDS else span_value(query.kind, span)
        )
        if query.kind == "percent" and value is not None:
            value = _PER_CENT.sub("%", value)  # "12.5 per cent": "12.5%", as people write it short
        if query.kind == "count" and (made := ORDINAL_COUNTS.get(fold(span.text))):
            value = f"{made} (the {fold(span.text)})"  # "the third council to do it": three have
        elif query.kind == "count" and value is not None and (noun := _counted_noun(sentence, span)):
            value = f"{value} {noun}"  # "740 staff", "21 fire stations"
        elif query.kind == "count" and value is not None and query.counted is not None:
            joined = _JOINED_NOUN.match(sentence, span.end)
            if joined and tokenize(joined.group(1))[:1] == [query.counted]:
                value = f"{value} {joined.group(1)}s"  # "a 125-year lease": "125 years"
        if query.kind == "measure" and value and (joined := _JOINED_MEASURE.match(value)):
            value = f"{joined.group(1)} {_plural(joined.group(2))}"  # "a 450-metre runway": "450 metres"
        if query.kind == "rating" and value and (when := _graded_when(sentence, span)):
            value = f"{value} ({when})"  # "good (June 2020)": a grade is of a time
        if query.kind == "date" and value and (part := _PART_OF.search(sentence[: span.start])):
            # "by the end of December", "in early 2022", "mid-2020": which part of the time.
            said = part.group(1).lower()
            if said in ("easter", "christmas") or said[0] == "q":
                said = said.upper() if said[0] == "q" else said.capitalize()  # "Easter", "Q3"
            value = f"{said}{'-' if said == 'mid' else ' '}{value}"
        if query.kind == "name":
            # "Which services ...?": the phrase the name stands in says more than the name.
            tokens = list(_WORD.finditer(sentence))
            phrase = _noun_phrase(tokens, [t.group(0).strip() in _BREAKS for t in tokens], query)
            if phrase and fold(span.text) in fold(phrase) and len(phrase.split()) <= MAX_SHORT_WORDS:
                value = phrase
    else:
        doer = doer_of(sentence, query.doing) if query.doing else None
        value = (
            doer
            or (_grade_given(sentence, query) if query.kind == "rating" else None)
            or _shaped(sentence, query, passage)
            or _new_words(sentence, query)
        )
    if is_polar(question):
        if polar_no is None and span is not None and query.about and query.kind == "date":
            # "Is it still due in 2024?": "spring 2024" says yes, "3 July 2024" to
            # "still due in June 2024" no.
            latest, named = set(tokenize(span_value(query.kind, span))), set(query.about)
            polar_no = not (latest <= named or named <= latest)
        elif polar_no is None and span is not None and query.about:
            # "Is X still the cabinet member?": yes if the latest holder is X, else no.
            polar_no = not set(tokenize(span.text)) <= set(query.about)
        elif polar_no is None and span is not None and query.kind == "rating":
            # "Did the 'good' rating stick?": no when the latest grade is another.
            polar_no = fold(span.text) not in fold(query.corrected)
        if choice is not None and value and not _NEGATION.search(sentence):
            return value  # "Is it A or B?" is not answered yes or no, though neither is said
        no = polar_no if polar_no is not None else bool(_NEGATION.search(sentence))
        lead = "no" if no else "yes"
        if not value:
            return lead
        # "yes —" takes two of the short answer's words.
        kept = _trim(value.split()[: MAX_SHORT_WORDS - 2])
        told = _clean(" ".join(kept))
        told += ")" * (told.count("(") - told.count(")"))  # "no — good (June 2020)" keeps its bracket
        return f"{lead} — {told}" if kept else lead
    return value
