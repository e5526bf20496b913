"""The tuned constants of ranking and reading, in one place.

Each is read at call time as `tuning.NAME`, so `bench/crossval.py` can try other values;
`docs/answers.md` gives each one's dev-set and 5-fold cross-validated figures.

Imports nothing.
"""

from __future__ import annotations

#: A sentence of no particular type answering a typed question must cover this much of it.
FALLBACK_COVERAGE = 0.8

#: Candidates read closely per question; the rest cannot reach the top anyway. More than
#: 40 lets older documents' answers that BM25 ranks lower into the timeline; more than 50
#: costs the 20 ms budget of `Engine.ask` at 100,000 passages.
CANDIDATES = 50

#: With fewer BM25 candidates than this, passages holding the question's common words join.
FEW_CANDIDATES = 10

#: Weight of a synonym's match against the word the user typed.
SYNONYM_WEIGHT = 1.0

#: Typed answers with at least this share of the best one's fit (the question's weight
#: standing next to them) answer the same fact, and among those the newest comes first.
COMPARABLE = 0.6
#: ... and when the question asks what holds now or in the end ("currently", "finally"),
#: for a newer document's answer may fit less well and still be the one that holds.
COMPARABLE_LATEST = 0.3

#: Like COMPARABLE, for answers of no particular type, compared by coverage of the question.
COMPARABLE_UNTYPED = 0.9
#: Like COMPARABLE_UNTYPED, when the question asks what holds now or in the end.
COMPARABLE_UNTYPED_LATEST = 0.8

#: Below this share of the question's information matched, the ranking abstains.
MIN_COVERAGE = 0.4

#: How quality (0..1) weighs the passage's BM25 score, its best sentence's coverage of
#: the question, and how many of the question's word pairs that sentence keeps together.
WEIGHT_BM25 = 0.4

WEIGHT_COVERAGE = 0.4

WEIGHT_PROXIMITY = 0.2

#: Added to the quality of a passage whose sentence gives a cause, for a why question.
WEIGHT_CAUSE = 0.2

#: Passages after a why question's reporting passage that are read for its cause.
CAUSE_REACH = 4
#: Typed answers fitting the question at least this share as well as the best one does
#: answer the same question: an older one that said something else is an "earlier report".
RELATED = 0.5
#: A newer typed answer to a "now" or "as of" question whose sentence is worded like one
#: of the band's (this share of the shorter one's idf-weighted words, its value and figures
#: aside) tells the same fact again, however little of the question it shares.
SAME_FACT = 0.7

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

#: Of two people a sentence names, a post word this many words or fewer before a name
#: titles it ("chair Tom Reid") ...
TITLE_GAP = 2
#: ... else one this many words or fewer after a name is theirs ("Jo Bell, the chair").
APPOSITION_GAP = 4

#: Share of the question's other words (the post's qualifiers: "of the county council")
#: that must stand near a person's name for the sentence to give them the post asked about.
ROLE_QUALIFIER_SHARE = 0.5

#: The share of a question's words (roles aside) the documents never use, from which the
#: question is about something else, even when those words are ordinary English.
UNKNOWN_SHARE = 0.5
#: ... and one of those words at most this common in English (Zipf scale): a specific
#: word ("bins" 3.4, "derby" 4.1), not only the asker's way of putting it ("holds" 4.6).
SPECIFIC_ZIPF = 4.3

#: A lower-case word of the question at least this common in English (Zipf scale) is
#: never read as a name the documents write capitalised ("unit" for "Unit 9").
NAME_ZIPF = 4.5

#: Words either side of a name that hold its own post ("Alan Marsh, the trust's deputy chief").
POST_BESIDE = 3

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

#: A name heading a body of the subject's kind ("Stanholt University" beside "Kelby
#: University") in fewer than this share of the documents the subject's name is in is a
#: rival's, never the subject, however many documents name it.
RIVAL_SHARE = 0.8

#: How many of the rules' first hits the learned model (`rerank`) reorders: deeper lets it
#: lift an answer the rules placed lower, at the risk of lifting a passage of another fact.
RERANK_DEPTH = 8
#: Log-odds at which the timeline model (`related`) adds an older answer: even odds. Odds
#: of 1.6 and 2.7 (0.5, 1.0) add fewer right and wrong entries alike (docs/answers.md).
TIMELINE_LOG_ODDS = 0.0
