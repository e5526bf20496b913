"""Whose post a sentence gives a person, and which body or person a value belongs to.

"Cllr Jo Bell, chair of the harbour committee" is not the chair of the board a question
asks about; "its chief executive" after another body's name is that body's; "Jo Bell,
who took charge of the company" holds the post the sentence before named.
May import `tokens` and this package's `tuning`, `question`, `sentences` and `asked`.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

from ..text.lexicon import ANY_BODY_WORDS, ROLE_ABBREVIATIONS, ROLE_MODIFIERS, ROLE_WORDS
from ..text.patterns import lazy_compile
from ..text.tokens import STOP_WORDS, fold, stem, tokenize
from . import tuning
from .asked import Asked, asked_term, role_and_modifier_stems
from .question import role_stems
from .sentences import (
    CAPITALISED_RUN,
    WORD,
    former_terms,
    initials_of,
    past_aside_terms,
    sentence_terms,
    sides,
    window_terms,
)
from .spans import (
    SAINT_WORDS,
    AnswerSpan,
    bare_word,
    is_body_word,
    is_name_word,
    names_post_holder,
    people_in,
)

__all__ = [
    "ELSEWHERE",
    "attributed_elsewhere",
    "foreign_bodies",
    "holds_role",
    "of_another_person",
    "plain_terms",
    "points_back",
    "posts_of",
    "said_of_ours",
    "same_post",
    "succeeded_the_one_asked",
]


# A role word that names a place, not a post: "head office".
_NO_POST = lazy_compile(r"\bhead\s+(?:office|offices|quarters)\b", re.IGNORECASE)


def holds_role(sentence: str, span: AnswerSpan, asked: Asked, previous: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence gives the person the post the question names, not another."""
    query, informative = asked.query, asked.informative
    # "the reception of our head office at Hollins Moor": an office, no head (blanked, so
    # that the span's offsets still hold).
    sentence = _NO_POST.sub(lambda m: " " * len(m.group(0)), sentence)
    generic, modifiers = role_and_modifier_stems()
    posts = [r for r in query.roles if r not in generic and r not in modifiers]
    # Posts are matched word for word: a director is not a leader, though a question
    # about "the boss" or who is "in charge" may be answered by any post.
    # "Jo Bell, a solicitor who has been our treasurer since 2013, took over as chair": the
    # post after an aside is the person's too, however long the aside.
    said_around = window_terms(sentence, span, tuning.ROLE_WINDOW)
    said_around += past_aside_terms(sentence, span, tuning.ROLE_WINDOW // 2)
    window = [query.respelt.get(t, ROLE_ABBREVIATIONS.get(t, t)) for t in said_around]
    # An acting post is held for the time being, as an interim one is ("acting chief
    # executive"; not "will act quickly"): the question reads it so too.
    window = [
        "interim" if t == _acting() and k + 1 < len(window) and window[k + 1] in role_stems() else t
        for k, t in enumerate(window)
    ]
    near = set(window)
    pointing = points_back(sentence, span)
    if pointing and near & generic:
        # "Jo Bell, who took charge of the company" after "The new chief executive of X":
        # the one who leads the body holds the post the sentence before named.
        near |= previous & role_stems()
    if not any(p in near for p in posts or role_stems()):
        return False
    # "Who chairs the board?": "Jo Bell, the chief executive, joined our board" holds no chair.
    held_posts = [p for p in posts if p not in _BODY_POSTS]
    if held_posts and not any(p in near for p in held_posts):
        return False
    if _of_another_body(sentence, span, asked) or _its_other_body(sentence, span, asked):
        return False  # "The Foundation's chief executive, Mina Lyndon"
    around = _AROUND_SOMEONE.search(query.corrected) is not None
    if posts and not around and not _holds_a_mention(sentence, span, posts):
        return False  # "X, formerly finance director at Y, succeeded Z as chief executive"
    if any(_other_kind(query.corrected, sentence, span, p) for p in held_posts):
        return False  # "Omar Reed, commercial director" is not the managing director
    if held_posts and not around:
        # "Jo Bell, previously operations director at X, took over as chief executive"
        # is no operations director now, unless the sentence gives her the post again.
        was = former_terms(sentence, span)
        terms = sentence_terms(sentence)
        if all(p in was and terms.count(p) == 1 for p in held_posts):
            return False
    # "deputy leader" is not the leader the question asks about, nor the director the
    # deputy director a question asks about; an interim chief executive holds the post
    # for the time being, so is one of its holders.
    # "former interim chief executive" is still a former one: the check reads past "interim".
    lasting = modifiers - _for_now()
    kept = [t for t in window if t not in _for_now() or t in query.roles]
    if any(a in lasting and a not in query.roles and b in posts for a, b in itertools.pairwise(kept)):
        return False
    # "former Larkfield chief fire officer" is no chief fire officer either.
    lo, hi = _reach(sentence, span, tuning.ROLE_WINDOW)
    for phrase in _MODIFIER_NAME.finditer(sentence, lo, hi):
        modifier, post = tokenize(phrase.group(1)), tokenize(phrase.group(2))
        if (
            modifier
            and modifier[0] in lasting
            and modifier[0] not in query.roles
            and post
            and post[0] in posts
        ):
            return False
    # Nor is a deputy the boss "in charge": the post given right beside the name decides.
    beside = [t for t in window_terms(sentence, span, tuning.POST_BESIDE) if t not in _for_now()]
    if not posts and any(
        a in lasting and a not in query.roles and b in role_stems() for a, b in itertools.pairwise(beside)
    ):
        return False
    if any(m in query.roles and m not in near for m in modifiers):
        return False
    # The post's qualifiers ("of the county council", "for finance"), weighed by how
    # informative they are: a rare one missing matters more than a common one.
    named = set(span.value.split()) | set(query.names) | set(query.about)
    # A post word the sentence lacks qualifies the post it has: "chair" of a committee is
    # not the "chair of the board of trustees" asked about.
    missing = [p for p in posts if p not in near and p not in query.unknown and not asked.is_subject(p)]
    qualifiers = [t for t in query.qualifiers if t not in query.roles and t not in named] + missing
    if (
        pointing
        and ELSEWHERE in previous
        and not previous & {*query.names, *query.qualifiers}
        and not _names_a_body(sentence)
        and not _given_by_ours(sentence, span, posts, asked)
    ):
        # "The neighbouring Dunholme Ferry Company ... Its chief executive, Kay Moss"; not
        # "Kelby Borough Council's cabinet member, Cllr Jo Bell", which names its own.
        return False
    foreign, ours = foreign_bodies(sentence, span, asked, tuning.ROLE_WINDOW)
    ours_by_name = _subject_body_beside(sentence, span, asked)
    if query.names and foreign and not ours:
        return False  # "chief executive of the Dunholme Ferry Company" is not Redhaven's
    if foreign & asked.rivals and not ours:
        return False  # "Stanholt, whose chief executive is Jo Bell": the rival's
    said_here = near | (previous if pointing else frozenset())
    if query.names and (ours or ours_by_name) and not set(query.names) & said_here:
        # "chair of Kelby Fire Authority" is not the chair of Keldby's fire authority a
        # question names, though the documents are about both.
        return False
    if (
        query.names
        and not set(query.names) & {*sentence_terms(sentence), *previous}
        and _names_a_body(sentence)
    ):
        # "Jo Hart ... now chairs the board of Ferrybridge Homes" names whose board it is,
        # and it is not the Elmbank Living the question names.
        return False
    total = sum(informative[t] for t in qualifiers)
    if not total:
        return True
    if (
        not pointing
        and _BODY_NAMED not in previous
        and _bare(sentence, span)
        and all(asked.is_subject(t) for t in qualifiers)
    ):
        # "The treasurer, Ruth Mossley, presented the accounts", right after no body was
        # named but the one asked about: the post is of the body the corpus is about,
        # which goes without saying.
        return True
    # What the corpus is about ("the trust") goes without saying once the sentence points
    # at it ("Trust chair Owen Colby"), unless it gives the post to another body by name
    # ("Families Forum chief executive ...").
    if pointing:
        # "Its chief executive, Owen Hale", "Jo Bell, who took charge of the company":
        # "its" and "the company" are the body the sentence before named.
        near |= previous
    elsewhere = bool(foreign) and not ours
    if elsewhere:
        # "chief executive of the Keldby Learning Trust" is not "of the trust": a
        # qualifier said only as a word of another body's name is that body's.
        near -= foreign - set(plain_terms(sentence, span, tuning.ROLE_WINDOW))
    # "chief executive of the Corbridge Valley Schools Partnership", a body named in words
    # most documents use, is the body the corpus is about: "the trust" of the question.
    # So is "Cressbrook's board", its name's first word beside the post, when what else the
    # question qualifies the post with is only the rest of that name ("Resource Services").
    # The first word of the name ("Cressbrook's"), not a common later one ("Parks").
    name_beside = (
        bool(query.names) and query.names[0] in window and _qualifiers_named(query.question, qualifiers)
    )
    points = any(t in near for t in qualifiers) or (not elsewhere and (ours_by_name or name_beside))
    implied = asked.subject if points and not elsewhere else frozenset()
    if name_beside and not elsewhere:
        implied |= frozenset(qualifiers)  # the rest of the name goes without saying
    held = sum(informative[t] for t in qualifiers if t in near or t in implied)
    return held / total >= tuning.ROLE_QUALIFIER_SHARE


def _qualifiers_named(question: str, qualifiers: Sequence[str]) -> bool:
    """Whether every qualifier of the post is a word the question capitalises, of the name
    of the body it asks about ("Services" of "Cressbrook Resource Services"), not a kind
    of work ("nursing")."""
    capitalised = {t for w in re.findall(r"\b[A-Z][\w'’-]*", question) for t in tokenize(w)}
    return all(t in capitalised for t in qualifiers)


# A person's own post, in apposition ("Jo Bell, the commercial director") or as a title
# ("commercial director Jo Bell").
_OWN_POST_AFTER = lazy_compile(r",\s+(?:(?:the|our|its|their|a)\s+)?([a-z][a-z-]+)\s+([a-z]+)\b")
_OWN_POST_BEFORE = lazy_compile(r"\b([a-z][a-z-]+)\s+([a-z]+)\s+$")


@functools.lru_cache(maxsize=tuning.SENTENCE_CACHE_SIZE)  # one question, asked of every candidate
def _post_kind(text: str, post: str) -> str | None:
    """The term of the word that says which kind of `post` a phrase names ("commerci")."""
    for kind, word in itertools.pairwise(re.findall(r"[a-z][\w'’-]*", fold(text))):
        if tokenize(word)[:1] == [post] and kind not in STOP_WORDS and (terms := tokenize(kind)):
            return None if kind in ROLE_WORDS else terms[0]
    return None


@functools.cache
def _for_now() -> frozenset[str]:
    """The terms of modifiers of a post held for the time being: "interim", "acting"."""
    return frozenset((stem("interim"), _acting()))


@functools.cache
def _acting() -> str:
    return stem("acting")  # at first use: stemming loads word tables an import must not


# A post and what it is of: "director of marketing" (a kind of work, said bare), "director
# of the port" or "director of Kelby Museum" (a body).
_POST_OF = lazy_compile(r"\b([A-Za-z][\w'’-]*)\s+of\s+(the\s+)?([A-Za-z][\w'’-]*)")


def _post_of(text: str, post: str, near: int | None = None) -> str | None:
    """The term of the work a post is of, in the "<post> of X" of a text nearest offset
    `near` (else its first): "market" in "director of marketing"; None when X is a body,
    a name or a word of no weight."""
    found = [m for m in _POST_OF.finditer(text) if tokenize(m.group(1))[:1] == [post]]
    if near is not None:
        found.sort(key=lambda m: abs(m.start() - near))
    if not found:
        return None
    what, word = found[0].group(2), found[0].group(3)
    terms = tokenize(word)
    if what or not terms or word in STOP_WORDS or word[0].isupper():
        return None
    return None if is_body_word(word) or word in ROLE_WORDS else terms[0]


def _other_kind(question: str, sentence: str, span: AnswerSpan, post: str) -> bool:
    """Whether the post the sentence gives the person is another kind of the one asked:
    "commercial director" for "managing director", "director of operations" for
    "director of marketing"."""
    of_asked = _post_of(question, post)
    # A question typed in lower case may name a body as if it were work ("director of
    # kelby museum"): a word the sentence writes as a name is the body's.
    named = {t for w in re.findall(r"\b[A-Z][\w'’-]*", sentence) for t in tokenize(w)}
    if of_asked is not None and of_asked not in named:
        lo, hi = _reach(sentence, span, tuning.ROLE_WINDOW)
        of_said = _post_of(sentence[lo:hi], post, span.start - lo)
        if of_said is not None and of_said != of_asked:
            return True
    asked = _post_kind(question, post)
    if asked is None:
        return False
    own = _OWN_POST_AFTER.match(sentence, span.end) or _OWN_POST_BEFORE.search(sentence[: span.start])
    if own is None or tokenize(own.group(2))[:1] != [post] or own.group(1) in STOP_WORDS:
        return False
    if own.group(1).endswith("ed"):
        return False  # "the panel backed commissioner Jo Bell's budget": a verb, no kind of post
    said = tokenize(own.group(1))
    return bool(said) and own.group(1) not in ROLE_WORDS and said[0] != asked


# From a former holder to the one who holds the post now: "Y has been succeeded by X".
_SUCCEEDED_BY = lazy_compile(r"\b(?:succeeded|replaced|followed) by\b|\bhand(?:s|ed|ing)? over to\b", re.I)

# "Who was chair before Nair?", "Who did Nair take over from?" ask about the one a post
# passed from or to.
_AROUND_SOMEONE = lazy_compile(
    # (the question as read may hold a casual word's plain reading between "over" and "from")
    r"\b(before|after|succeed\w*|replac\w*|previous|predecessor|successor"
    r"|(?:tak\w+|took) over (?:\S+ )?from)\b",
    re.I,
)


# A post modifier, a name, then the post: "former Larkfield chief fire officer".
_MODIFIER_NAME = lazy_compile(
    rf"\b((?i:{'|'.join(sorted(ROLE_MODIFIERS))}))\s+(?:[A-Z][\w'’-]*\s+){{1,3}}([a-z]+)\b"
)

# Role words that name the body a post is of as much as a post: "board".
_BODY_POSTS = frozenset(("board",))


def _holder(sentence: str, at: int, people: Sequence[AnswerSpan]) -> AnswerSpan | None:
    """Whose a post word at offset `at` is: the name it titles ("chair Tom Reid"), else the
    name it follows in apposition ("Jo Bell, the chair"), else the nearest."""
    after = [p for p in people if p.start >= at]
    before = [p for p in people if p.end <= at]
    between = sentence[at : after[0].start] if after else ""
    # "director, and Omar Reed": a comma parts a title from the name after it, as "from"
    # does ("inherits the post of treasurer from Omar Reed").
    if (
        after
        and len(between.split()) <= tuning.TITLE_GAP
        and "," not in between
        and not _TURNS.search(between)
    ):
        return after[0]
    gap = sentence[before[-1].end : at] if before else ""
    # "Jo Bell, the chair" is apposition; "Jo Bell, and then the chair" turns to another
    # (not "Jo Bell, promoted to chair").
    if before and len(gap.split()) <= tuning.APPOSITION_GAP and not _TURNS_TO_ANOTHER.match(gap):
        return before[-1]
    nearest = [*before[-1:], *after[:1]]
    return min(nearest, key=lambda p: abs(p.start - at)) if nearest else None


# Words that part a post from a name after it: "manager from Jo Bell", "chair to Jo Bell".
_TURNS = lazy_compile(r"\b(?:or|and|to|with|from|by|nor|but)\b", re.IGNORECASE)
# A coordinator opening the words after a name: "Jo Bell, and then the chair" is another's post.
_TURNS_TO_ANOTHER = lazy_compile(r"\W*(?:or|and|nor|but)\b", re.IGNORECASE)


# A name running on into capitalised words is part of a body's name, not a person's.
_RUNS_ON = lazy_compile(r"\s+[A-Z]")


def _holds_a_mention(sentence: str, span: AnswerSpan, posts: Sequence[str]) -> bool:
    """Whether some mention of a post the question names near the answer is the answer's,
    not another person's the sentence also names."""
    # Not "Eastport Valley" of "the Eastport Valley Transport Executive's chief executive".
    people = sorted(
        (p for p in people_in(sentence) if not _RUNS_ON.match(sentence, p.end)), key=lambda p: p.start
    )
    if len(people) < 2:
        return True
    before, after = sides(sentence, span, tuning.ROLE_WINDOW)
    mentions = [at for at, term in (*before, *after) if ROLE_ABBREVIATIONS.get(term, term) in posts]
    if not mentions:
        return True
    for at in mentions:
        holder = _holder(sentence, at, people)
        if holder is None or (holder.start < span.end and span.start < holder.end):
            return True
        # "X succeeded Y as chief executive", "Y ... has been succeeded by X": X holds it now.
        if span.end <= holder.start and _SUCCEEDING.search(sentence[span.end : holder.start]):
            return True
        if holder.end <= span.start and _SUCCEEDED_BY.search(sentence[holder.end : span.start]):
            return True
    return False


# Words someone is quoted saying, to the quote's close or the sentence's end.
_QUOTED = lazy_compile(r"[“\"][^”\"]*[”\"]?")


def _bare(sentence: str, span: AnswerSpan) -> bool:
    """Whether a sentence names nothing but the answer: "The treasurer, Ruth Mossley,
    presented the accounts" gives the post to no body, so to the one the corpus is about."""
    quoted = [m.span() for m in _QUOTED.finditer(sentence)]
    for run in CAPITALISED_RUN.finditer(sentence):
        if (run.start() == 0 and " " not in run.group(0)) or span.start <= run.start() < span.end:
            continue  # a sentence's first word, or the answer
        if run.start() < span.start < run.end() and not any(
            is_name_word(w) for w in sentence[run.start() : span.start].split()
        ):
            continue  # the answer after its title ("Director Jo Bell"), not "Kelby Gallery Director"
        if any(a < run.start() < b for a, b in quoted):
            continue  # the names in what they said are not whose post it is
        if all(stem(w) in role_stems() or w.lower() in ("of", "the", "and") for w in run.group(0).split()):
            continue  # the post itself, capitalised: "Chair of Trustees"
        if any(is_name_word(w) for w in run.group(0).split()):
            return False
    return True


# A body's possessive right before a post: "The Foundation's chief executive, ...".
_OWNER_POST = lazy_compile(r"\b([A-Za-z][\w-]*)['’]s?\s+((?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*)\W*$")


# A body's possessive right after a name: "Dr Ivo Ames, the trust's chief executive".
_POST_OWNER = lazy_compile(
    r",\s+(?:the\s+)?((?:[A-Z][\w-]*\s+){0,3}[A-Za-z][\w-]*)['’]s?\s+((?:[a-z]+\s+){0,2}[a-z]+)"
)


# A name right before a post and the holder's name: "Carrick Sands harbour master Captain".
_NAME_POST = lazy_compile(
    r"\b((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)\s+((?:[a-z]+\s+){0,2}[a-z]+)\s+(?:[A-Z][a-z]+\.?\s+)?$"
)


def _named_owner(sentence: str, start: int) -> re.Match[str] | None:
    """A name and post right before the holder named at `start` ("Carrick Sands harbour
    master Captain"); a sentence's capitalised first word alone ("New chair Jo Bell")
    names nothing."""
    found = _NAME_POST.search(sentence, max(0, start - 60), start)
    if found is None or not all(is_name_word(w) for w in found.group(1).split()):
        return None
    if not names_post_holder(sentence, found.end(1)):
        return None  # "Jo Bell and chair Tom Reid": two people
    at_start = not sentence[: found.start()].strip()
    return None if at_start and " " not in found.group(1) else found


# A post of a body given in lower case right after a name: "Jo Kerr, chief executive of
# the community trust".
_POST_OF_BODY = lazy_compile(
    r",\s+(?:the\s+)?((?:[a-z]+\s+){0,2}[a-z]+)\s+(?:of|at)\s+(?:the|a|an)\s+((?:[a-z]+\s+){0,2}[a-z]+)\b"
)


def _of_another_body(sentence: str, span: AnswerSpan, asked: Asked) -> bool:
    """Whether the post right before or after the name is another body's: "The Foundation's
    chief executive, X", "X, the trust's chief executive" and "X, chief executive of the
    community trust" are not the chief executive of the harbour board a question asks about."""
    of_body = _POST_OF_BODY.match(sentence, span.end)
    said = of_body.group(2).split() if of_body is not None else []
    # The owner ends on its kind of body: "a hospital trust" of "a hospital trust in the Midlands".
    kinds = [k for k, word in enumerate(said) if is_body_word(word)]
    # "who took charge of the company": "the company" may be any body, the one asked too.
    if (
        of_body is not None
        and set(tokenize(of_body.group(1))) & role_stems()
        and kinds
        and fold(said[kinds[-1]]) not in ANY_BODY_WORDS
    ):
        owner = tokenize(" ".join(said[: kinds[-1] + 1]))
        # A question naming its body ("Larkfield Hospice's") asks about that one, not
        # about another the documents mention as often ("the community trust").
        named = bool(asked.query.names)
        if not any(asked_term(t, asked.query) or (not named and asked.is_subject(t)) for t in owner):
            return True
    before = sentence[max(0, span.start - 60) : span.start]
    found = (
        _OWNER_POST.search(before)
        or _POST_OWNER.match(sentence, span.end)
        or _named_owner(sentence, span.start)
    )
    # The owner is a kind of body ("the trust's") or a name ("Colby's"), not "its".
    if found is None or not (is_body_word(found.group(1).split()[-1]) or found.group(1)[0].isupper()):
        return False
    if not set(tokenize(found.group(2))) & role_stems():
        return False
    owner = tokenize(found.group(1))
    if not owner or any(asked_term(t, asked.query) for t in owner):
        return False
    # "the trust's chief executive" is not the harbour board's, however many documents
    # mention the trust: the question names its own kind of body ("the company's" may be
    # any body).
    names_a_body = any(is_body_word(w) for w in asked.query.corrected.split())
    if names_a_body and fold(found.group(1)) not in ANY_BODY_WORDS:
        return True
    # "Who is Larkfield's chair?": "Stanholt's chair, X" is another's, however many
    # documents mention Stanholt.
    if found.group(1)[0].isupper() and asked.query.bodies:
        return True
    return not any(asked.is_subject(t) for t in owner)


# "The consultancy was appointed ... and its managing director X": the body "its" is.
_ITS_BODY = lazy_compile(r"\b[Tt]he\s+([a-z]+)\b(?!\s+[A-Z])[^.;]*\b(?:its|their)\b[^.;]*$")


def _its_other_body(sentence: str, span: AnswerSpan, asked: Asked) -> bool:
    """Whether "its" before the answer is a body the same sentence named first, of another
    kind than the question asks about: "The consultancy was appointed by the DfE and its
    managing director Neil Foy" is the consultancy's director, not the council's."""
    found = _ITS_BODY.search(sentence[: span.start])
    if found is None or not is_body_word(found.group(1)) or fold(found.group(1)) in ANY_BODY_WORDS:
        return False
    return not any(asked_term(t, asked.query) or asked.is_subject(t) for t in tokenize(found.group(1)))


def plain_terms(sentence: str, span: AnswerSpan, width: int) -> list[str]:
    """The terms of the lower-case words beside an answer: what is said, not named."""
    before, after = sides(sentence, span, width)
    return [t for start, t in (*before, *after) if not sentence[start : start + 1].isupper()]


#: Stands among a sentence's terms when it names a body the question does not ask about.
ELSEWHERE = "\x00elsewhere"
# Marks a sentence that names a body the question does not, even one most documents name.
_BODY_NAMED = "\x00body"


def said_of_ours(sentence: str, terms: Sequence[str], asked: Asked) -> frozenset[str]:
    """A sentence's terms without the names of bodies the question does not ask about:
    what "its" in the next sentence may point back to ("The neighbouring Elmbury Vale
    Hospitals NHS Trust ... Its chief executive" is not the trust asked about). When it
    names such a body, the terms hold `ELSEWHERE`."""
    foreign: set[str] = set()
    other = False
    for run in CAPITALISED_RUN.finditer(sentence):
        if run.start() == 0 and " " not in run.group(0):
            continue  # a sentence's first word
        # "Customer Services" is a team; "Kelby Trust" a body that may be another.
        said = run.group(0).split()
        if run.start() == 0 and said[0].casefold() in _TELLING_VERBS:
            said = said[1:]  # "Contact Member Services first": a reader told what to do
        if any(is_body_word(w) for w in said) and any(is_name_word(w) and not is_body_word(w) for w in said):
            named = [t for w in said for t in tokenize(w)]
            # A body the question does not name, where it names one ("Larkfield"), is
            # another, however many documents mention it ("St Ives Hospice").
            bodies = asked.query.bodies
            others = bodies and not set(named) & bodies
            # "Tarnholme Schools Partnership" is the "Tarnholme" a question names; "Tarnholme
            # Police" is not the "Tarnholme Fire" it names.
            called = bool(asked.query.names) and set(asked.query.names) <= set(named)
            if not called and (
                others or any(not (asked_term(t, asked.query) or asked.is_subject(t)) for t in named)
            ):
                foreign.update(named)
            other = other or any(not asked_term(t, asked.query) for t in named)
    marks = ({ELSEWHERE} if foreign else set()) | ({_BODY_NAMED} if other else set())
    return frozenset(terms) - foreign | marks


# Verbs an FAQ or a notice opens a sentence with, telling its reader what to do ("Contact
# Member Services"): no part of a body's name.
_TELLING_VERBS = frozenset(
    "contact call email phone ring write ask visit see speak talk send tell book join apply check".split()
)

# A body's possessive before a post, a word or two apart: "the trust's first chief executive".
_OWNERS_POST = lazy_compile(r"\b([A-Za-z][\w-]*)['’]s?\s+((?:[a-z][a-z-]*\s+){0,2}[a-z]+)\b")


def _given_by_ours(sentence: str, span: AnswerSpan, posts: Sequence[str], asked: Asked) -> bool:
    """Whether the sentence gives a post asked about to the body asked, by its possessive:
    "Stanholt College lent us its bursar, Jo Bell, now the trust's chief executive" (though "its" is
    another body's)."""
    lo, hi = _reach(sentence, span, tuning.ROLE_WINDOW)
    for found in _OWNERS_POST.finditer(sentence, lo, hi):
        owner, post = tokenize(found.group(1)), tokenize(found.group(2))
        if owner and set(post) & set(posts):
            # Where the question names its body, "the authority's" may be anyone's.
            if asked.query.names:
                return bool(set(owner) & set(asked.query.names))
            return all(asked_term(t, asked.query) or asked.is_subject(t) for t in owner)
    return False


def _reach(sentence: str, span: AnswerSpan, width: int) -> tuple[int, int]:
    """Where the `width` words either side of an answer begin and end in its sentence."""
    before, after = sides(sentence, span, width)
    last = WORD.match(sentence, after[-1][0]) if after else None
    return (before[0][0] if before else span.start), (last.end() if last else span.end)


def points_back(sentence: str, span: AnswerSpan) -> bool:
    """Whether the words by a person point back to a body named before: "its chief
    executive, Jo Bell", "Jo Bell, who took charge of the company"."""
    possessive = _POSSESSIVE.search(sentence[max(0, span.start - 40) : span.start])
    taken = _TOOK_ITS_POST.match(sentence, span.end)  # "Jo Bell took over as its chair"
    return possessive is not None or taken is not None or _the_body(sentence, span)


def _the_body(sentence: str, span: AnswerSpan) -> bool:
    """Whether "the" and a kind of body ("the company", "the trust") stand beside a person."""
    lo, hi = _reach(sentence, span, tuning.ROLE_WINDOW)
    # The reach starts at a word of meaning: the "the" before it is read too.
    if (the := _THE_BEFORE.search(sentence[:lo])) is not None:
        lo = the.start()
    return any(
        is_body_word(m.group(1)) and not _POST_AFTER_AND.match(sentence, m.end())
        for m in _THE_WORD.finditer(sentence, lo, hi)
    )


# "the company", not "the Company of Watermen": a name is another body.
_THE_WORD = lazy_compile(r"\b[Tt]he\s+([a-z]+)\b(?!\s+[A-Z])")
_THE_BEFORE = lazy_compile(r"\b[Tt]he\s+$")
# "the port and harbour officer" is a post, not "the port" pointing back.
_POST_AFTER_AND = lazy_compile(rf"\s+(?:and|&)\s+(?:[a-z]+\s+){{0,2}}(?:{'|'.join(sorted(ROLE_WORDS))})\b")


def _names_a_body(sentence: str) -> bool:
    """Whether a sentence names a body, in two or more capitalised words that name no
    person ("Ferrybridge Homes"), or a name and its kind ("Kelby Borough Council");
    a sentence's capitalised first word alone names nothing."""
    people = [(p.start, p.end) for p in people_in(sentence)]
    for run in CAPITALISED_RUN.finditer(sentence):
        said = run.group(0).split()
        if (run.start() == 0 and len(said) == 1) or any(a < run.end() and run.start() < b for a, b in people):
            continue
        if said[0] in SAINT_WORDS and not any(is_body_word(w) for w in said):
            continue  # a church, a school or a street ("St Anne's"), not "St Anne's Hospice"
        # A letter is a grade or a class, no word of a name: "a Band D home".
        words = [w for w in said if is_name_word(w) and len(w) > 1]
        if len(words) >= 2 or (words and any(is_body_word(w) for w in said)):
            return True
    return False


def foreign_bodies(
    sentence: str, span: AnswerSpan, asked: Asked, width: int = tuning.ATTRIBUTION_WINDOW
) -> tuple[frozenset[str], bool]:
    """The terms of bodies the question does not name that stand beside the answer
    ("Elmbury Vale Hospitals"), and whether the body the question names stands there too."""
    lo, hi = _reach(sentence, span, width)
    foreign: set[str] = set()
    ours = False
    # A question naming no kind of body ("Dunnock", not "Dunnock Council") names any body
    # whose other words it gives.
    bare = not asked.query.names_body_kind
    for run in CAPITALISED_RUN.finditer(sentence, lo, hi):
        if span.start <= run.start() < span.end:
            continue
        words = [w for w in run.group(0).split() if is_name_word(w)]
        # Only another body counts ("Stanholt Council", "Elmbury Vale Hospitals", a rival
        # named bare: "Stanholt has 2,100 staff"): a person quoted beside a date or figure
        # ("Mr Hart said ...") does not make it theirs.
        rival = bool(asked.rivals) and any(t in asked.rivals for w in words for t in tokenize(w))
        if run.start() == 0 and not rival:
            continue  # a sentence's first word may be any word
        if not words or not (rival or any(is_body_word(w) for w in run.group(0).split())):
            continue
        if _gave_or_named_it(sentence, span, run):
            continue
        # "the Care Inspectorate rated the hospice outstanding": the judge, as above.
        if run.end() <= span.start and _JUDGED.match(sentence, run.end()):
            continue
        # "Care Quality Commission" is the "CQC" the question names.
        initials = initials_of(run.group(0))
        if len(initials) >= 2 and initials in asked.query.terms:
            continue
        terms = [t for w in words for t in tokenize(w)]
        named = [t for w in words if not is_body_word(w) for t in tokenize(w)]
        if bare and named and all(asked_term(t, asked.query) for t in named):
            # "When did Dunnock go bust?" names "Dunnock Construction" bare.
            ours = True
        elif any(not (asked_term(t, asked.query) or asked.is_subject(t)) for t in terms):
            foreign.update(t for w in run.group(0).split() for t in tokenize(w))
        elif any(t in asked.query.names for t in terms):
            ours = True  # the body the question names stands there too
    return frozenset(foreign), ours


# A body judging what follows: "... Inspectorate rated the hospice outstanding".
_JUDGED = lazy_compile(
    r"\s+(?:(?:has|have|had)\s+)?(?:rated|graded|judged|assessed|downgraded|upgraded|gave|awarded)\b"
)


def _gave_or_named_it(sentence: str, span: AnswerSpan, run: re.Match[str]) -> bool:
    """Whether a body named after a value gave it or named what had it, rather than owns
    it: "rated good by the Library Partnership" (who judged), "Gold in the Teaching
    Excellence Review" (the assessment) "by the Office for Students" (its assessor),
    "founded in 1971 as Kelby School of Art" (what the body was called then)."""
    if run.start() < span.end:
        return False
    between = (span.end, run.start())
    return bool(
        _AGENT.fullmatch(sentence, *between)
        or _AFTER_ASSESSMENT.search(sentence, *between)
        or _AS_NAMED.fullmatch(sentence, *between)
        or (_IN_THE.fullmatch(sentence, *between) and bare_word(run.group(0).split()[-1]) in _ASSESSMENTS)
    )


_AS_NAMED = lazy_compile(r"\s+as\s+(?:the\s+)?")
# What stands between a grade and the assessment that gave it: "Gold in the ...".
_IN_THE = lazy_compile(
    r"[\W]*\s*(?:in|at|under|from)\s+(?:the|its|their|this|that|last|latest)\s+(?:[\w'’]+\s+)?"
)
_ASSESSMENTS = frozenset(
    "review reviews inspection inspections survey surveys assessment assessments audit audits table tables "
    "ranking rankings awards scheme framework index".split()
)
_AFTER_ASSESSMENT = lazy_compile(
    rf"\b(?:{'|'.join(sorted(_ASSESSMENTS))})\s+(?:carried out\s+|conducted\s+)?by\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# What stands between a value and the body that gave it: '"good" by the ', '"good" again by the '.
_AGENT = lazy_compile(r"[\W]*\s*(?:again\s+)?by\s+(?:the\s+)?")


def _subject_body_beside(sentence: str, span: AnswerSpan, asked: Asked) -> bool:
    """Whether a body named in words most documents use stands beside the answer."""
    lo, hi = _reach(sentence, span, tuning.ROLE_WINDOW)
    for run in CAPITALISED_RUN.finditer(sentence, lo, hi):
        if span.start <= run.start() < span.end or not any(is_body_word(w) for w in run.group(0).split()):
            continue
        terms = [t for w in run.group(0).split() if is_name_word(w) for t in tokenize(w)]
        if len(terms) >= 2 and all(asked.is_subject(t) for t in terms):
            return True
    return False


def attributed_elsewhere(
    sentence: str, span: AnswerSpan, asked: Asked, width: int = tuning.ATTRIBUTION_WINDOW
) -> bool:
    """Whether a body the question does not name stands beside the answer: "Elmbury Vale
    Hospitals was rated good" does not answer how the trust the corpus is about was rated."""
    foreign, ours = foreign_bodies(sentence, span, asked, width)
    return bool(foreign) and not ours


_POSSESSIVE = lazy_compile(r"\b(its|their)\b[^.;]*$", re.IGNORECASE)
# "Jo Bell took over as its chief executive", "... became their chair": the post is of the
# body "its" points back to.
_TOOK_ITS_POST = lazy_compile(
    r"\s+(?:(?:has|had|was|is|will|has been|had been)\s+)?"
    r"(?:took over|taken over|take over|takes over|became|become|becomes|appointed|named|joined|"
    r"serves|served)"
    r"(?:\s+as)?\s+(?:its|their)\b",
    re.IGNORECASE,
)


def posts_of(sentence: str, span: AnswerSpan) -> frozenset[str]:
    """The role terms beside a person's name, a modifier joined to the word it modifies
    ("deputi leader"): the posts the sentence gives them."""
    _, modifiers = role_and_modifier_stems()
    window = [ROLE_ABBREVIATIONS.get(t, t) for t in window_terms(sentence, span, tuning.ROLE_WINDOW)]
    posts = set()
    for n, term in enumerate(window):
        if term in role_stems() and term not in modifiers:
            before = window[n - 1] if n else ""
            posts.add(f"{before} {term}" if before in modifiers else term)
    return frozenset(posts)


def same_post(posts: frozenset[str], answer: frozenset[str]) -> bool:
    """Whether two people's role terms share a post ("deputy leader" is not "leader")."""
    generic, _ = role_and_modifier_stems()
    return bool((posts & answer) - generic)


def of_another_person(sentence: str, span: AnswerSpan, named: frozenset[str]) -> bool:
    """Whether a value is said of another person than the one a question names: in "Ms
    Cole, who is deputy head at Rowanby, succeeds Dr Tom Reid, who leaves to join
    Elmbury University", Rowanby is Ms Cole's, not Tom Reid's. `named` is the terms of
    the question's person's names; a value goes with the last person named before it."""
    if not named:
        return False
    people = sorted((p.start, p.end, p.text) for p in people_in(sentence))
    if not any(named & set(tokenize(text)) for _, _, text in people):
        return False
    before = [text for _, end, text in people if end <= span.start]
    return bool(before) and not named & set(tokenize(before[-1]))


# Between a successor and the one they followed: "Hanna Birk took over as chair,
# succeeding Lena Nair".
_SUCCEEDING = lazy_compile(
    r"\b(succeed(?:s|ed|ing)?|replac(?:es|ed|ing)|took over from|takes over from|taking over from|"
    r"in place of|in succession to|after)\b",
    re.IGNORECASE,
)
_BEFORE_NAME = lazy_compile(r"\bbefore\s+((?:[A-Z][\w'’-]+\s*)+|[a-z][\w'’-]+)\W*$")


def succeeded_the_one_asked(sentence: str, span: AnswerSpan, question: str) -> bool:
    """Whether a question asks who held a post before someone ("who was chair before
    Nair?") and the sentence gives this person as that someone's successor: "Hanna
    Birk took over as chair, succeeding Lena Nair"."""
    asked = _BEFORE_NAME.search(question.strip())
    if asked is None:
        return False
    names = set(tokenize(asked.group(1)))
    for m in re.finditer(r"[A-Z][\w'’-]+", sentence[span.end :]):
        if names & set(tokenize(m.group(0))):
            between = sentence[span.end : span.end + m.start()]
            return bool(_SUCCEEDING.search(between))
    return False
