"""Read casual wording as what it means: text-speak, slang, dropped apostrophes and g's.

Staff type "whens the trust startin", "wat r ppl scared of", "how much r we spending on
kids". Before a question is searched, each such word is replaced by the plain English it
stands for, from word lists of ordinary informal English (nothing about any one corpus).
A dropped "g" ("startin") or apostrophe ("childrens", "dont") is restored only when the
restored word is a common English word and the typed one is not.

Imports nothing of trustbot; wordfreq is loaded only when a word needs it.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache

from ..text.patterns import lazy_compile

__all__ = [
    "FILLER_WORDS",
    "as_shown",
    "common_spelling",
    "informal_to_plain",
    "is_common_english",
    "plain_forms",
    "unshout",
    "zipf",
    "zipf_of_lemma",
]

#: A question of at least this many words, this share of them capitalised, is shouted or in
#: Title Case, not naming things: "When Will The Trust Go Live?".
SHOUT_MIN_WORDS = 3
SHOUT_SHARE = 0.8
#: A word at least this common in English (Zipf scale) is an ordinary word.
COMMON_ZIPF = 3.0
#: Words whose verdict (ordinary English or not) is remembered: each may cost some 450
#: frequency lookups of its one-letter variants.
COMMON_WORDS_KEPT = 4096
#: A word ending in "s" is a possessive without its apostrophe when the word without the
#: "s" is this much more common ("childrens" 3.0 against "children" 5.5; "news" 5.4 and "new" 6.3).
DROPPED_APOSTROPHE_ZIPF_GAP = 1.5

# Text-speak and spoken forms, each with the plain words it stands for.
_PLAIN: dict[str, str] = {
    "r": "are", "u": "you", "ur": "your", "b4": "before", "in2": "into",
    "wat": "what", "wot": "what", "wht": "what", "whut": "what", "wut": "what", "whats": "what is",
    "wots": "what is", "wats": "what is", "bldg": "building", "bldgs": "buildings", "mgmt": "management",
    "hw": "how", "whr": "where", "abt": "about", "bout": "about", "wk": "week", "wks": "weeks",
    "til": "until", "shud": "should", "wud": "would", "cud": "could", "ment": "meant",

    "wen": "when", "whn": "when", "whens": "when is", "wheres": "where is", "whos": "who is",
    "hows": "how is", "whys": "why is", "wer": "where", "wher": "where",
    "ppl": "people", "peeps": "people", "govt": "government", "gov": "government", "guvmint": "government",
    "thru": "through", "tho": "though", "cos": "because", "coz": "because", "cuz": "because",
    "bc": "because", "pls": "please", "plz": "please", "thx": "thanks",
    "gonna": "going to", "wanna": "want to", "gotta": "got to", "dunno": "do not know",
    "kinda": "kind of", "sorta": "sort of", "lemme": "let me", "gimme": "give me",
    "tmrw": "tomorrow", "tmw": "tomorrow", "yr": "year", "yrs": "years", "mth": "month",
    "mths": "months", "approx": "approximately", "info": "information", "yeah": "yes", "nope": "no",
    "kids": "children", "kid": "child", "kiddies": "children", "kiddos": "children",
    "boss": "head", "bosses": "heads", "dept": "department", "depts": "departments",
    "mgr": "manager", "exec": "executive", "execs": "executives", "hq": "headquarters",
    "ceo": "chief executive", "md": "managing director", "vc": "vice chancellor",
    "cfo": "chief financial officer", "coo": "chief operating officer", "n": "and", "em": "them", "nah": "no",
    "goin": "going", "doin": "doing", "lib": "library", "libs": "libraries",
    "bcos": "because", "bcoz": "because", "becos": "because", "gunna": "going to", "gona": "going to",
    "hav": "have", "wiv": "with", "dat": "that", "dis": "this", "nxt": "next", "yest": "yesterday",
    "prob": "probably", "probs": "probably", "obvs": "obviously", "rly": "really", "ya": "you",
    "yer": "your", "eta": "expected date", "tbh": "", "imo": "", "fyi": "",
    "cllr": "councillor", "cttee": "committee", "mil": "million",
    "mn": "million", "bil": "billion", "rn": "now", "atm": "now", "dosh": "money", "quid": "pounds",
    "startin": "starting", "stuff": "things", "nite": "night", "nites": "nights", "tonite": "tonight",
    "rd": "road", "genny": "generator", "ave": "avenue", "yrly": "yearly", "avg": "average",
    "outta": "out of", "im": "i am", "ive": "i have", "assoc": "association", "assn": "association",
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "isnt": "is not", "wasnt": "was not",
    "arent": "are not", "werent": "were not", "havent": "have not", "hasnt": "has not",
    "hadnt": "had not", "wont": "will not", "cant": "can not", "couldnt": "could not",
    "shouldnt": "should not", "wouldnt": "would not", "thats": "that is", "theres": "there is",
    "theyre": "they are", "youre": "you are", "whatre": "what are", "there's": "there is",
    "sposed": "supposed", "spozed": "supposed", "okd": "approved", "ok'd": "approved",
    "okayed": "approved", "oked": "approved",
}  # fmt: skip
# Phrases of several words: "in charge of" is what a head or director is.
# Marks a word added only to search by ("take over" also looks for "start"), not to show.
_SEARCH_MARK = "\u2063"  # invisible separator: no word character, so no term of its own
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"(?i)\b{pattern}\b"), plain)
    for pattern, plain in (
        (r"in charge( of)?", "head of"),
        # "acting chief executive" is the interim one: documents say either.
        (
            r"(acting|caretaker|stand-in)(?= (chief|head|director|chair|manager|principal|leader)\b)",
            "interim",
        ),
        (r"(?<=\bwho )(runs|leads|heads)\b", "is head of"),
        (r"(?<=\bwho )(is|was|'s|’s) (running|leading|heading)\b", r"\1 head of"),
        (r"\bstill (running|leading|heading)\b", "still head of"),
        (r"pushed back|put back|kicked down the road", "delayed"),
        (r"up and running", "in place"),
        (r"(?<=\bbe )(done|built|finished)\b", "completed"),  # "when will it be done"
        (r"kick(s|ed)? off", "start"),
        # A firm that "went under", not a road that "goes under the railway" nor a price that
        # "went under £2".
        (
            r"(go|goes|going|gone|went) under(?=\s*(?:$|[?.!,;]|(?:in|on|after|before|when|last|and|or|"
            r"but|because|or wat|or what)\b))",
            r"\1 bust",
        ),
        # "the min to buy in", "the max u can invest": not "a 10 min walk", nor Max Reed.
        (r"(?<=\bthe )min", "minimum"),
        (r"(?<=\bthe )max", "maximum"),
        (r"meant to", "supposed to"),  # a plan, not "the refusal meant a delay"
        (r"(set|put) aside", "budgeted"),  # money "set aside for" a thing is its budget
        (r"(come|comes|came|coming|go|goes|went|put) into (use|service|operation)", "open"),
        (r"(go|goes|going|gone|went) ahead", "proceed"),
        (r"take over", f"take over {_SEARCH_MARK}start"),
        # "take over as chief executive": succeed someone in a post.
        (rf"take over {_SEARCH_MARK}start(?= as\b)", rf"\g<0> {_SEARCH_MARK}succeeded"),
        (r"sign[- ]off", "approval"),
        (r"set(ting)? up", rf"\g<0> {_SEARCH_MARK}founded"),
        (r"based(?=\W*$)", rf"based {_SEARCH_MARK}headquartered"),  # "where is the trust based?"
        (r"\b(was|were)\b.*?\b(started|begun)\b", rf"\g<0> {_SEARCH_MARK}founded"),  # "when was X started"
        (r"how come|^y(?= )", "why"),  # "y did we ..."
        (r"(will|would|could|should|might|must|to|not|it|they|we|you) b(?= |$)", r"\1 be"),  # "gonna b"
        (r"bin(ned)? off|binned|ditch(ed)?", "abandoned"),
        (r"second[- ]in[- ]command|number two", "deputy head"),
        (r"(big|top|main) (head|cheese|dog)|head honcho", "head"),  # "the big boss"
        (r"at (the )?(moment|present)|these days|right now|as things stand|as it stands", "now"),
        (r"a lot of|lots of", "many"),
        (r"(get|gets|got|getting) out of", "benefit from"),  # "what do members get out of it"
        (r"(end|ends|ended|ending) up|in the end", "finally"),  # "what did it end up costing"
        (r"at the (start|outset|beginning)(?! of)|to begin with", "originally"),
        (r"back (?=(in|then|when|at the (start|end|beginning)) )", ""),  # "back in 2014"
        # "How many people work for it?": its staff.
        (
            r"(?<=\bhow many )people (?=(work|works|worked|are employed|were employed) (for|at|by)\b)",
            "staff ",
        ),
    )
)
# Figures written with a short unit ("4mil"), read before the words are: "4 million".
_FIGURES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"(?i)\b{pattern}\b"), plain)
    for pattern, plain in (
        (r"(\d+(?:\.\d+)?)\s?(mil|mill|mn)", r"\1 million"),
        (r"(\d+(?:\.\d+)?)\s?bil", r"\1 billion"),
        # Text-speak with figures in it: "2day", "2moro", "gr8", "l8r".
        (r"2day", "today"),
        (r"2mor+ow|2moro", "tomorrow"),
        (r"2nite", "tonight"),
        (r"gr8", "great"),
        (r"l8r|l8", "later"),
        # "the 1st builder": an ordinal written with figures.
        (r"1st", "first"),
        (r"2nd", "second"),
        (r"3rd", "third"),
    )
)
# Words that carry the asking, not what is asked about: that the corpus lacks one of them
# says nothing about whether it can answer ("what do u actually get out of it").
FILLER_WORDS = frozenset(
    """actually really basically exactly currently presently honestly seriously literally
    anyway anyways like please thanks thank hi hello hey ok okay yes no yeah know tell think
    mean happen happens happened happening thing things something anything everything stuff
    someone somebody anyone anybody people person whatever whoever kind sort bit lot lots
    still again ever even yet already right sure guess wonder apart besides except mate
    quick quickly exactly precisely roughly approximately around about get got gets getting
    want wants wanted need needs needed say says said ask asked find found look looking
    give gives gave given come comes came current currently latest recent recently new now
    today these days nowadays anymore last next previous share proportion percentage percent fraction figure
    number amount total sum date year month day time name named called kind type according""".split()
)
_DROPPED_G = lazy_compile(r"^[a-z]{3,}in$")
_DROPPED_APOSTROPHE = lazy_compile(r"^[a-z]{3,}s$")


@cache
def zipf(word: str) -> float:
    """How common a word is in English, on the Zipf scale (0 for a non-word)."""
    from wordfreq import zipf_frequency  # deferred: loading its tables costs ~0.3 s

    return float(zipf_frequency(word, "en"))


# Inflections, each with what to put back: "pays" is "pay", "closes" "close", "taxes" "tax".
_INFLECTIONS = (
    ("ies", "y"),
    ("es", ""),
    ("es", "e"),
    ("s", ""),
    ("ied", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
)


@cache
def zipf_of_lemma(word: str) -> float:
    """How common a word is in English counting its commonest inflected form: "pays" is as
    common as "pay" (4.3 against 5.3); a folded word."""
    forms = [word] + [
        word[: -len(ending)] + back
        for ending, back in _INFLECTIONS
        if word.endswith(ending) and len(word) - len(ending) >= 3
    ]
    return max(zipf(form) for form in forms)


@lru_cache(maxsize=COMMON_WORDS_KEPT)
def is_common_english(word: str) -> bool:
    """Whether a folded word is an ordinary English word (or informal wording of one, or
    a misspelling of a very common one: "actualy", "goverment")."""
    return (
        word in FILLER_WORDS
        or word in _PLAIN
        or zipf(word) >= COMMON_ZIPF
        or _misspelt_common(word)
        or _derived_common(word)
    )


# Endings that make a word from another: "lengthened" from "length".
_DERIVING = ("ened", "ening", "ens", "en", "ed", "ing", "ers", "er", "es", "s", "ly", "ment", "ments")


def _derived_common(word: str) -> bool:
    """Whether a word is a very common English word with an ending added: "lengthened"."""
    return any(
        word.endswith(end) and len(word) - len(end) >= 4 and zipf(word[: -len(end)]) >= MISSPELT_ZIPF - 1
        for end in _DERIVING
    )


#: A word one letter away from a word at least this common is taken for a misspelling of it.
MISSPELT_ZIPF = 5.0
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


#: A word the corpus lacks is read as the English word one letter away when that word is
#: at least this common ("actualy" as "actually", "eventualy" as "eventually").
CORRECTED_ZIPF = 4.5


def _edits(word: str) -> list[list[str]]:
    """The words one letter away from a word: swapped, added, changed, dropped, in the
    order a typist's slip is likeliest ("actualy" lacks a letter more often than
    "actual" gains one)."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return [
        [a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1],
        [a + c + b for a, b in cuts for c in _LETTERS],
        [a + c + b[1:] for a, b in cuts if b for c in _LETTERS],
        [a + b[1:] for a, b in cuts if b],
    ]


def _misspelt_common(word: str) -> bool:
    """Whether a word is one letter dropped, added, changed or swapped from a very common one."""
    if len(word) < 5 or not word.isalpha():
        return False
    return any(zipf(e) >= MISSPELT_ZIPF for edits in _edits(word) for e in edits if e != word)


def common_spelling(word: str) -> str | None:
    """The common English word a folded word misspells by one letter, or None: "actually"
    for "actualy"."""
    if len(word) < 5 or not word.isalpha() or zipf(word) >= COMMON_ZIPF:
        return None
    for edits in _edits(word):
        best = max((e for e in edits if e != word), key=zipf, default="")
        if best and zipf(best) >= CORRECTED_ZIPF:
            return best
    return None


def _plain_word(word: str, first: bool, known: AbstractSet[str]) -> str:
    lower = word.casefold()
    if word[0].isupper() and not first and not (word.isupper() and lower in _PLAIN):
        return word  # a name ("Mill Street"), not text-speak; "HQ" is still short for a word
    if lower in _PLAIN:
        return _PLAIN[lower]
    if lower in known:
        return word  # the documents use it as it is
    # "startin" -> "starting", when the typed form is no word and the restored one is.
    if _DROPPED_G.match(lower) and zipf(lower + "g") >= max(COMMON_ZIPF, zipf(lower) + 1):
        return word + "g"
    # "childrens" -> "children's": a possessive whose apostrophe was dropped. The typed form
    # may be a common misspelling itself, so it is compared with the word it comes from
    # ("news" is nearly as common as "new" and stays).
    if (
        _DROPPED_APOSTROPHE.match(lower)
        and zipf(lower[:-1]) >= COMMON_ZIPF  # "defibs" is a plural of a rarer word, no possessive
        and zipf(lower[:-1]) - zipf(lower) >= DROPPED_APOSTROPHE_ZIPF_GAP
    ):
        return f"{word[:-1]}'s"
    return word


_WORD_OR_GAP = lazy_compile(r"([A-Za-z][A-Za-z0-9']*|\d+)")  # "b4" is one word
_TO_CONTEXT = lazy_compile(r"^[a-z]+$")
# What a number stands before: a plural or a unit ("2 stations", "2 million", "2 people").
_COUNTED = lazy_compile(
    r"^[a-z]+[^s]s$|^(people|staff|children|men|women|million|billion|thousand|hundred|dozen|per|percent)$"
)
# Words after which a lone "2" reads as "to" ("what happens 2 staff", "going 2 open").
_BEFORE_TO = frozenset(
    """happen happens happened happening go going goes went gone come comes came coming move
    moved moving moves transfer transferred transfers due up back next similar according
    able want wants wanted need needs needed have has had talk talking speak speaking belong
    belongs listen related access applies apply applied set meant supposed used""".split()
)


# Words a lone "2" stands before only when it reads as "to": "2 the depot", "2 us"; not
# "2 a day" or "2 each".
_AFTER_TO = frozenset("the us me them my our your ur his her their".split())
# Verbs after which a lone "4" reads as "for": "who do we pay 4 kelby parking", "voted 4 it".
_BEFORE_FOR = frozenset(
    """work works worked working pay pays paid paying wait waits waited waiting look looking
    looked apply applied applies vote voted votes voting stand stands stood standing go going
    went ask asked asking bid bidding""".split()
)
# Units a number stands before as a modifier: "4 day weeks", "4 hour shifts".
_UNIT_WORDS = frozenset("minute hour day week month year mile metre star seat bed room".split())
# Words a lone "4" stands before when it reads as "for": "4 an adult", "4 us".
_AFTER_FOR = frozenset(
    "a an the us me you u it them this that my our your ur his her their every each".split()
)


def _reads_to(before: str, after: str, spaced: bool) -> bool:
    """Whether a lone 2 between `before` and `after` reads as "to": "what happens 2 staff"."""
    # After a word that leads to "to" ("happens 2 staff"), or between words where no count
    # can stand: "the first boat 2 skerra" (a count comes before a plural).
    leads = (
        before.casefold() in _BEFORE_TO or (before.isalpha() and zipf(before.casefold()) >= COMMON_ZIPF)
    ) and not _COUNTED.match(after.casefold())
    # A count never stands before "the" or "us": "wot happend 2 the old depot".
    leads = leads or after.casefold() in _AFTER_TO
    return leads and _TO_CONTEXT.match(after.casefold()) is not None and spaced


def _reads_for(before: str, after: str, spaced: bool, known: AbstractSet[str]) -> bool:
    """Whether a lone 4 between `before` and `after` reads as "for"."""
    # "how much is it 4 an adult": a count never stands before "an"; "who do we pay 4
    # kelby parking": nor after a verb before a word it could not count.
    if after.casefold() in _AFTER_FOR:
        return True
    if not (before.casefold() in _BEFORE_FOR and _TO_CONTEXT.match(after.casefold()) and spaced):
        return False
    plain_after = _plain_word(after, False, known).casefold()
    return not _COUNTED.match(plain_after) and plain_after not in _UNIT_WORDS


def unshout(question: str) -> str:
    """The question in lower case when it is written in capitals or Title Case: then a
    capital says nothing about what is a name ("WHEN WILL THE TRUST GO LIVE?")."""
    letters = [w for w in re.findall(r"[^\W\d_]+", question) if len(w) > 1]
    capitalised = sum(w[0].isupper() for w in letters)
    if len(letters) >= SHOUT_MIN_WORDS and capitalised >= SHOUT_SHARE * len(letters):
        return question.lower()
    return question


def informal_to_plain(question: str, known: AbstractSet[str] = frozenset()) -> str:
    """The question with text-speak, slang and casual spelling replaced by plain English;
    a word in `known` (the corpus's own words) is taken as it is, unless it is text-speak."""
    text = unshout(question)
    for pattern, plain in _FIGURES:
        text = pattern.sub(plain, text)
    pieces = _WORD_OR_GAP.split(text)
    out: list[str] = []
    for n, piece in enumerate(pieces):
        if n % 2 == 0:
            out.append(piece)
            continue
        if piece in ("2", "4"):
            # The words either side; the one before as plain English ("sposed 2" is
            # "supposed to"), worked out only here: it may cost a word-frequency look-up.
            before = (
                _plain_word(pieces[n - 2], n == 3, known) if n >= 2 and pieces[n - 2][:1].isalpha() else ""
            )
            after = pieces[n + 2] if n + 2 < len(pieces) else ""
            spaced = pieces[n - 1] == " " and n + 1 < len(pieces) and pieces[n + 1] == " "
            if piece == "2" and _reads_to(before, after, spaced):
                out.append("to")
                continue
            if piece == "4" and _reads_for(before, after, spaced, known):
                out.append("for")
                continue
        out.append(_plain_word(piece, n == 1, known) if piece[0].isalpha() else piece)
    # Phrases are read once their words are plain: "whos runnin" is "who is running".
    text = "".join(out)
    for pattern, plain in _PHRASES:
        text = pattern.sub(plain, text)
    return text


def as_shown(text: str) -> str:
    """The question as read, without the words added only to search by: "take over",
    not "take over start"."""
    return re.sub(rf"\s*{_SEARCH_MARK}\w+", "", text)


def plain_forms() -> frozenset[str]:
    """The plain words the casual spellings and short forms stand for ("chief operating officer")."""
    return frozenset(_PLAIN.values())
