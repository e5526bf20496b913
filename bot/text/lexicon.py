"""Word lists of ordinary English the engine relies on: synonyms staff use, post words,
counting words. Nothing here names anything of a particular corpus.

The index keeps the stems of every word listed here (`LEXICON_WORDS`, `SYNONYM_WORDS`), so
that reading a question needs no lemmatiser; the answering package reads them as rules.
Imports nothing of trustbot.
"""

from __future__ import annotations

__all__ = [
    "ANY_BODY_WORDS",
    "ANY_COUNTED_WORDS",
    "ANY_DOCUMENT_WORDS",
    "CAPACITY_WORDS",
    "COUNTING_WORDS",
    "DEGREE_WORDS",
    "GENERIC_ROLE_WORDS",
    "LEXICON_WORDS",
    "PERSON_WORDS",
    "POST_NOUNS",
    "ROLE_ABBREVIATIONS",
    "ROLE_MODIFIERS",
    "ROLE_WORDS",
    "SYNONYM_WORDS",
]

# Plain English ways of asking about the same thing that news text says differently:
# "go live" is "in place" or "up and running", "boss" is "director" or "head". A query
# word of a group also looks for the others, as if the user had typed them.
SYNONYM_WORDS: tuple[str, ...] = (
    "live launch start begin open operate operating operation running established establish place ready "
    "welcomed",  # "welcomed the public", "welcomed its first patients": opened
    "cost costs spend spending bill budget expenditure",
    "save saving savings",
    "boss head director chief leader",
    "rate rated rating judged ranked graded verdict judgement judgment",
    "stay remain retained retain keep kept",
    "award awarded grant pledge pledged gave",
    "delay delayed postponed late",
    "staff workforce workers employees",
    "money funding funds cash",
    "councillor cllr",
    "council councils authority authorities",
    "setup created creation create establish founded formed form",
    "builder builders contractor contractors construction",
    "headquarters headquartered office offices",
    "fear fears feared scared afraid worried worries worry",
    "finish finished completion complete completed",
    "replace replaces replaced succeed succeeds succeeded",
    "crossing crossings sailing sailings",
    "home homes house houses dwelling dwellings property properties",
    "overdue lapsed expired",
    "abandon abandoned drop dropped scrap scrapped shelve shelved",
    "appeal campaign fundraiser",
    "target goal aim aiming",
    "vacancy vacancies unfilled vacant",
    "item items object objects",
    "pupil pupils student students",
    "tory tories conservative conservatives",
    "inquiry inquiries hearing hearings",
    "reply replies response responses",
    "bust administration administrators insolvency insolvent liquidation receivership",
    "lorry lorries truck trucks vehicle vehicles",
    "buy buying bought purchase purchased acquire acquired acquisition",
    "leave leaving left quit depart departure resign resigned resignation",
    "cut cuts reduce reduced reduction",
    "shut shuts closed closure closures",
    "move moved moving relocate relocated relocation",
    "visit visits visitor visitors attendance",
    "shareholder shareholders member members",
    "school schools academy academies",
)

# Words naming a post a person holds. A "who" question naming one is answered by a name
# the sentence gives that post, not another ("deputy leader" is not "leader").
ROLE_WORDS = frozenset(
    """chief executive director leader chair chairman chairwoman chairperson president member
    cabinet minister secretary manager officer councillor mayor governor founder editor
    spokesman spokeswoman spokesperson adviser advisor chancellor commissioner inspector
    treasurer trustee principal headteacher superintendent administrator controller
    deputy assistant acting interim vice former portfolio lead mp teacher headteacher headmaster
    headmistress doctor surgeon nurse coach captain proprietor landlord board master""".split()
)
#: The posts a body has: a name before one ("Kelby Homes' chief executive") or after one
#: with "of" ("director of Kelby Homes") is a body's, not a person's. Narrower than
#: ROLE_WORDS: "Tom Reid's doctor" or "Jo Bell's portfolio" still name people.
POST_NOUNS = frozenset(
    """chief executive director chair chairman chairwoman chairperson head leader manager boss
    president secretary founder owner officer governor trustee member treasurer principal
    commissioner chancellor controller administrator superintendent editor master""".split()
)
#: Adverbs of degree: they say how much, not what a question is about.
DEGREE_WORDS = frozenset(
    "fully completely entirely totally wholly altogether overall finally eventually ultimately".split()
)
#: Abbreviated role words, as index terms, and the term they stand for.
ROLE_ABBREVIATIONS = {"cllr": "councillor", "dir": "director", "ceo": "execut", "md": "director"}
#: Role words that ask about whoever is in charge, whatever the post is called.
GENERIC_ROLE_WORDS = frozenset("head boss lead charge".split())
#: Words that make a post another post: a deputy leader is not the leader.
ROLE_MODIFIERS = frozenset("deputy assistant acting interim vice former".split())

#: Words of these lists whose stems questions need: an index keeps them, so that
#: answering needs no lemmatiser.
#: Words that say a figure counts what follows: "the number of patients".
COUNTING_WORDS = ("number", "total", "count", "figure", "tally")
#: What "how many people" counts may be called anything: patients, staff, children.
ANY_COUNTED_WORDS = ("people", "person", "persons", "ones", "things", "times")
#: What "how many people" counts when it is named: "740 staff", "1,400 patients", not
#: "three tower blocks" or "30 job losses".
PERSON_WORDS = tuple(
    """people person persons staff employees employee workers worker members member patients patient
    pupils pupil students student children child adults adult residents resident tenants tenant
    visitors visitor passengers passenger customers customer volunteers volunteer nurses nurse
    doctors doctor firefighters firefighter paramedics paramedic officers officer teachers teacher
    councillors councillor households household families family users user readers reader fans
    players player spectators crew crews clients client learners learner carers carer jobs job
    posts post trainees trainee apprentices apprentice""".split()
)
#: What "which company" asks for may be any kind of body: a trust, a council, a partnership.
ANY_BODY_WORDS = tuple("company firm business organisation organization body enterprise outfit".split())
#: How the documents tell what a place holds when full: "1,050 places", "a capacity of 900",
#: "a 48-seat boat".
CAPACITY_WORDS = ("place", "places", "capacity", "seat", "seats")
#: What "which document" asks for may be called anything: a business case, a report, a plan.
ANY_DOCUMENT_WORDS = tuple("document documents paper papers item items option options".split())
LEXICON_WORDS = (
    *sorted(ROLE_WORDS | GENERIC_ROLE_WORDS | ROLE_MODIFIERS),
    *ROLE_ABBREVIATIONS,
    *COUNTING_WORDS,
    *ANY_COUNTED_WORDS,
    *ANY_BODY_WORDS,
    *ANY_DOCUMENT_WORDS,
)
