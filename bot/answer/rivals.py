"""Bodies of the kind the corpus is about, named under another name: rivals.

A corpus about Kelby University that also reports on its neighbour Stanholt University
may name Stanholt in most documents, so by its share of documents Stanholt would pass for
what the corpus is about. Of the names that head a body of one kind ("X University",
"X Police"), the one most documents name is the subject's; another named in fewer is a
rival's, never the subject, and its posts, figures and grades are its own, even where a
sentence names it bare ("Stanholt has 2,100 staff").

May import `index`, `text` and this package's `kept`, `sentences`, `spans` and `tuning`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from ..index import Index
from ..text.patterns import lazy_compile
from ..text.tokens import tokenize
from . import tuning
from .kept import once_per
from .sentences import CAPITALISED_RUN
from .spans import FUNCTION_WORDS, bare_word, is_body_word, is_name_word

__all__ = ["rival_terms", "untitled_terms"]


def rival_terms(index: Index) -> frozenset[str]:
    """The terms of names that head a body of the subject's kind in fewer documents than
    the subject's own name: "stanholt" beside "kelbi" for "X University". Worked out once
    per index (a pass over a sample of its passages)."""
    return once_per("rivals", index, _rivals)


def _rivals(index: Index) -> frozenset[str]:
    runs: dict[str, Counter[str]] = defaultdict(Counter)  # name term -> kinds of body it heads
    for text in _sampled(index):
        for run in CAPITALISED_RUN.finditer(text):
            words = run.group(0).split()
            if len(words) < 2 or not is_body_word(words[-1]):
                continue
            first = next((w for w in words[:-1] if bare_word(w) not in FUNCTION_WORDS), None)
            if first is None or not is_name_word(first) or is_body_word(first):
                continue
            for term in tokenize(first):
                runs[term][bare_word(words[-1])] += 1
    if not runs:
        return frozenset()
    share = {t: index.document_share(t) for t in runs}
    # The subject's name: the one most documents name, heading the most bodies ("Kelby").
    subject = max(runs, key=lambda t: (share[t], runs[t].total(), t))
    kinds = set(runs[subject])
    return frozenset(
        t
        for t, heads in runs.items()
        if t != subject
        and share[t] < tuning.RIVAL_SHARE * share[subject]
        and sum(n for kind, n in heads.items() if kind in kinds) >= _RUNS
    )


_RUNS = 2  # bodies of the subject's kind a rival's name heads, at the least
_SAMPLE = 4_000  # passages read, at the most


def _sampled(index: Index) -> Iterator[str]:
    """The text of a fair sample of the passages, `_SAMPLE` at the most. Names most
    documents give are in any fair sample: a large corpus is read a passage in every
    `step`, so that the first question does not wait on all of it."""
    step = max(1, -(-len(index.passages) // _SAMPLE))
    for i in range(0, len(index.passages), step):
        yield index.passages[i].text


def untitled_terms(index: Index) -> frozenset[str]:
    """The terms of names most documents give but no document's title does, nor written
    beside the corpus's main name (the name mentioned most): a partner body, a place or a
    person the documents mention in passing ("our partners at Wexby Libraries"), not what
    they are about; "Ashgrove" of "Kelby Ashgrove Trust" is the subject's, though titles
    say only "Kelby Trust". Empty when no title gives the main name, as where titles say
    "Charity moves offices". Worked out once per index."""
    return once_per("untitled", index, _untitled)


_WORD = lazy_compile(r"[A-Za-z][\w'’-]*")
_TITLED_DOCUMENTS = 3  # in fewer, a name every document gives is what they are about
# Words that join two names in one capitalised run: "Kelby and Wexby NHS Trust" names Wexby
# beside Kelby, not as part of Kelby's name.
_JOINING = lazy_compile(r"\s+(?:and|&|of|for|the)\s+")


def _untitled(index: Index) -> frozenset[str]:
    if len(index.documents) < _TITLED_DOCUMENTS:
        return frozenset()
    lower_words: set[str] = set()  # words the documents also write in lower case: no names
    parts: Counter[tuple[str, ...]] = Counter()  # the name words of each part of a capitalised run
    for text in _sampled(index):
        lower_words.update(w for w in _WORD.findall(text) if w[0].islower())
        for run in CAPITALISED_RUN.finditer(text):
            for part in _JOINING.split(run.group(0)):
                parts[tuple(w for w in part.split() if is_name_word(w))] += 1
    title_words = {w for d in index.documents.values() for w in _WORD.findall(d.title or "")}
    # Each distinct word is tokenised once: a large corpus repeats its names thousands of times.
    terms = {w: tokenize(w) for w in lower_words | title_words | {w for part in parts for w in part}}
    # "A cafe for the museum": a title's lower-case word is a word too.
    lower = {t for w in lower_words | title_words if w[0].islower() for t in terms[w]}
    titled = {t for w in title_words if not w[0].islower() for t in terms[w]}
    named = [({t for w in part for t in terms[w]}, n) for part, n in parts.items()]
    mentions: Counter[str] = Counter()
    for part_terms, n in named:
        mentions.update(dict.fromkeys(part_terms, n))
    names = {
        t
        for t in mentions
        if len(t) > 1 and t.isalpha() and t not in lower and index.document_share(t) > tuning.SUBJECT_SHARE
    }
    main = max(names, key=lambda t: (mentions[t], t), default=None)
    if main is None or main not in titled:
        return frozenset()  # the titles do not name what the documents are about
    beside_main = {t for part_terms, _ in named if main in part_terms for t in part_terms}
    return frozenset(names - titled - beside_main)
