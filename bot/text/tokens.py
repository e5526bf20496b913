"""Turn text into index terms: fold case and quotes, keep amounts whole, stem, drop stop words.

The same function tokenises passages at build time and questions at query time, so a
question's "£9 million" meets a passage's "£9million" as the one term `£9m`, and
"wrote" meets "written" (simplemma lemmatises, PyStemmer stems).

Imports nothing of trustbot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

import Stemmer

from .patterns import lazy_compile

__all__ = [
    "MONEY_UNITS",
    "STOP_WORDS",
    "TOKENIZER_VERSION",
    "fold",
    "known_stems",
    "one_spelling",
    "remember_stems",
    "stem",
    "terms_of",
    "tokenize",
    "words",
]

#: Bump when tokenising or cleaning changes: an index built by another version is rebuilt.
TOKENIZER_VERSION = 21

# Function words that carry no topic. Question words are here too: they shape the
# expected answer (see `question.py`), not which passages match. So are the words that
# only state a plan's status ("expected", "due", "scheduled"): news says the same thing
# with "should" or "will", and an exact echo of one article's wording must not decide.
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been
    before being below between both but by can cannot could couldn't did didn't do does doesn't
    doing don't down during each few for from further had hadn't has hasn't have haven't having
    he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm
    i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor not
    of off on once only or other ought our ours ourselves out over same shan't she she'd
    she'll she's should shouldn't so some such than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've this those through
    to too under until up us very was wasn't we we'd we'll we're we've were weren't what what's
    when when's where where's which while who who's whom why why's will with won't would
    wouldn't you you'd you'll you're you've your yours yourself yourselves also much many
    s t just now said says go goes going get gets got expect expected expects expecting due
    supposed scheduled intended intends likely""".split()
)

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " "})
# The unit and the space before it go together: "£300 for" keeps its space ("£300", "for").
_MONEY = lazy_compile(
    r"([£$€])\s?(\d+(?:[.,]\d+)*)(?:\s?(million|mn|m|billion|bn|thousand|k)\b)?", re.IGNORECASE
)
_MONEY_UNIT = {"million": "m", "mn": "m", "m": "m", "billion": "bn", "bn": "bn", "thousand": "k", "k": "k"}
#: Words an amount swallows ("£9 million" is one term), though a sentence may hold them alone.
MONEY_UNITS = tuple(_MONEY_UNIT)
_TOKEN = lazy_compile(
    r"[£$€]\d+(?:[.,]\d+)*[a-z]*|\d+(?:\.\d+)?%|(?:19|20)\d{2}/\d{2}\b|\d+(?:\.\d+)?|[^\W\d_]+(?:'[^\W\d_]+)?"
)
_STEMMER = Stemmer.Stemmer("english")
_DIGIT = lazy_compile(r"\d")
_SEPARATORS = str.maketrans(dict.fromkeys('.,;:!?()[]"', " "))
# Stems an index build worked out, loaded with the index: a question's words are nearly
# all in it, so answering one needs no lemmatiser. `stem` is a pure function of the word,
# so a remembered stem is the one it would compute.
_KNOWN_STEMS: list[Mapping[str, str]] = []
#: Stem tables remembered at once (the indexes a process loaded last).
MAX_STEM_TABLES = 4


def fold(text: str) -> str:
    """Case-fold and straighten quotes, the normal form every comparison uses."""
    return text.translate(_QUOTES).casefold()


def _money(match: re.Match[str]) -> str:
    """One form for one sum: "£700k" and "£700,000" are "£700000", "£1,500,000" is "£1.5m"."""
    number = match.group(2).replace(",", "")
    unit = _MONEY_UNIT.get((match.group(3) or "").lower(), "")
    value = float(number) if number.count(".") <= 1 else None
    if unit == "k" and value is not None and (value * 1000).is_integer():
        number, unit = str(int(value * 1000)), ""
    elif not unit and value is not None and value >= 1_000_000 and value % 10_000 == 0:
        number, unit = f"{value / 1_000_000:.2f}".rstrip("0").rstrip("."), "m"
    return f"{match.group(1)}{number}{unit}"


# One word for one kind of body however it is spelt: "co-op", "coop", "co-operative".
_COOP = lazy_compile(r"\bco-?op(s?)\b|\bco-(?=operat)")


def _cooperative(match: re.Match[str]) -> str:
    return "co" if match.group(0) == "co-" else f"cooperative{match.group(1)}"


def one_spelling(folded: str) -> str:
    """A folded text with one spelling for a word spelt several ways ("co-op", "coop")."""
    if "co-op" in folded or "coop" in folded:
        return _COOP.sub(_cooperative, folded)
    return folded


def words(text: str) -> list[str]:
    """The surface words of a text, folded, amounts whole, possessives dropped."""
    folded = fold(text)
    if "£" in folded or "$" in folded or "€" in folded:
        folded = _MONEY.sub(_money, folded)
    folded = one_spelling(folded)
    # No token spans white space, so each white-space piece is tokenised alone, and a
    # piece of letters only is one token as it stands: most of a text skips the regex,
    # which is most of the cost of indexing a large corpus. Same tokens, same order.
    if "'" not in folded and not _DIGIT.search(folded):
        # Without digits or apostrophes every token is a run of letters, so punctuation
        # is only a separator and may become a space: then nearly every piece is a word.
        pieces = folded.translate(_SEPARATORS).split()
        if all(map(str.isalpha, pieces)):
            return pieces
    else:
        pieces = folded.split()
    out = []
    for piece in pieces:
        if piece.isalpha():
            out.append(piece)
            continue
        for token in _TOKEN.findall(piece):
            if "'" in token:
                if token.endswith("'s"):
                    token = token[:-2]
                token = token.strip("'")
                if not token:
                    continue
            out.append(token)
    return out


#: Distinct words remembered by `stem`: a corpus's vocabulary is Zipfian, so nearly every
#: word of a large build is a cache hit, and lemmatising + stemming is the cost of a build.
STEM_CACHE_SIZE = 1 << 18


# Words the stemmer would merge with another of a different meaning: "officers" are
# people, an "office" is a place ("offic" for both).
_DISTINCT_STEMS = {"officer": "officer", "officers": "officer"}


@lru_cache(maxsize=STEM_CACHE_SIZE)
def stem(word: str) -> str:
    """The stem of one folded word (amounts and numbers unchanged)."""
    if not word[0].isalpha():
        return word
    if word in _DISTINCT_STEMS:
        return _DISTINCT_STEMS[word]
    for table in _KNOWN_STEMS:
        known = table.get(word)
        if known is not None:
            return known
    import simplemma  # deferred: its English dictionary loads in ~0.2 s, a cold start's largest cost

    # Lemmatise first: stemming alone leaves irregular forms apart ("wrote", "written").
    return str(_STEMMER.stemWord(simplemma.lemmatize(word, lang="en").casefold()))


def remember_stems(stems: Mapping[str, str]) -> None:
    """Remember stems worked out earlier (by an index build) so `stem` need not compute them."""
    if all(stems is not table for table in _KNOWN_STEMS):
        _KNOWN_STEMS.insert(0, stems)
        del _KNOWN_STEMS[MAX_STEM_TABLES:]


def known_stems(vocabulary: Iterable[str]) -> dict[str, str]:
    """The stems of the words that `stem` lemmatises, to save with an index."""
    return {w: stem(w) for w in vocabulary if w and w[0].isalpha() and w not in STOP_WORDS}


def terms_of(surface: list[str]) -> list[str]:
    """The index terms of a text's surface words (as `words` gives them), in order."""
    return [stem(w) for w in surface if w not in STOP_WORDS]


def tokenize(text: str) -> list[str]:
    """The index terms of a text: stemmed content words and whole amounts, in order."""
    return terms_of(words(text))
