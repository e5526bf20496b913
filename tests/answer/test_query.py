"""Parsing a question against the index's vocabulary: typos corrected, English words and
common first words left alone, synonyms expanded to terms the index has."""

from __future__ import annotations

import pytest

from bot.answer.query import Query, parse_query
from bot.text.tokens import stem, tokenize

VOCABULARY = frozenset(
    {
        "childrens",
        "children",
        "trust",
        "services",
        "leads",
        "needs",
        "deeds",
        "goats",
        "coals",
        "council",
        "live",
    }
)
KNOWN_TERMS = frozenset(t for w in VOCABULARY for t in tokenize(w))


def _parse(question: str) -> Query:
    return parse_query(question, VOCABULARY, KNOWN_TERMS)


def test_typo_is_corrected_against_the_vocabulary() -> None:
    query = _parse("When will the chidlrens trust go live?")
    assert query.corrections == (("chidlrens", "childrens"),)
    assert query.corrected == "When will the childrens trust go live?"
    assert "children" in query.terms and not query.unknown
    assert query.kind == "date"


@pytest.mark.parametrize(
    ("question", "word"),
    [("Who leads Leeds council?", "leed"), ("What are the goals of the trust?", "goal")],
)
def test_english_words_are_not_corrected(question: str, word: str) -> None:
    query = _parse(question)
    assert query.corrections == ()
    assert question.split()[-2] in query.corrected  # "Leeds", "goals": not made into corpus words
    assert word in query.unknown, "a word the corpus lacks stays unknown, so the question can abstain"


def test_misspelt_question_word_is_corrected() -> None:
    query = _parse("Wehn will the trust go live?")
    assert query.corrections == (("Wehn".lower(), "when"),)
    assert query.kind == "date"


def test_synonyms_expand_to_terms_the_index_has() -> None:
    query = parse_query("When will the trust start?", VOCABULARY, KNOWN_TERMS)
    assert query.expansions == {"start": frozenset({"live"})}
    assert query.unknown == ()


def test_buying_also_finds_a_purchase() -> None:
    vocabulary = frozenset({"trust", "completed", "purchase", "mill"})
    known = frozenset(t for w in vocabulary for t in tokenize(w))
    query = parse_query("When did the trust get round to buying the mill?", vocabulary, known)
    assert query.expansions[stem("buying")] == {stem("purchase")}
    assert stem("buying") not in query.unknown


def test_common_first_words_are_not_corrected_and_text_speak_is_read() -> None:
    vocabulary = frozenset({"budget", "trust"})
    query = parse_query("show me the budget for the show", vocabulary, frozenset({"budget"}))
    assert query.corrections == ()
    casual = parse_query("wen will the trust go live", vocabulary, frozenset({"trust"}))
    assert casual.corrected.startswith("when will")  # text-speak, read as what it means
    assert casual.kind == "date"


@pytest.mark.parametrize(
    ("typed", "meant"), [("ocunty", "county"), ("cuoncil", "council"), ("chidlren", "children")]
)
def test_a_typo_anywhere_in_a_word_is_corrected_in_a_large_vocabulary(typed: str, meant: str) -> None:
    # Only words of about its length and first letters are compared with a typed word.
    vocabulary = {"trust", "county", "council", "children"} | {f"filler{n}" for n in range(5000)}
    query = parse_query(f"when will the {typed} meet", vocabulary, {stem(w) for w in vocabulary})
    assert (typed, meant) in query.corrections


@pytest.mark.parametrize(("typed", "meant"), [("galerys", "galleries"), ("compnys", "companies")])
def test_a_plural_of_a_y_word_typed_as_it_sounds_is_corrected(typed: str, meant: str) -> None:
    vocabulary = {"art", "gallery", "galleries", "company", "companies", "staff"}
    query = parse_query(f"how many art {typed} r there", vocabulary, {stem(w) for w in vocabulary})
    assert (typed, meant) in query.corrections


def test_among_equally_near_words_a_typo_is_a_letter_mistyped_not_one_left_out() -> None:
    vocabulary = {"may", "many", "staff"} | {f"filler{n}" for n in range(500)}
    query = parse_query("maay staff left", vocabulary, {stem(w) for w in vocabulary})
    assert ("maay", "many") in query.corrections


def test_another_form_of_a_word_the_index_has_is_not_unknown() -> None:
    vocabulary = frozenset({"scrutiny", "committee", "chair", "harbour"})
    known = frozenset(t for w in vocabulary for t in tokenize(w))
    query = parse_query("Who chairs the committee that scrutinises the harbour?", vocabulary, known)
    assert query.expansions[stem("scrutinises")] == {stem("scrutiny")}
    assert not query.unknown and not query.rare


def test_a_word_also_finds_the_words_of_its_family_that_stemming_leaves_apart() -> None:
    vocabulary = frozenset({"inspector", "inspection", "organ", "organisation"})
    known = frozenset(t for w in vocabulary for t in tokenize(w))
    query = parse_query("What did the inspection say?", vocabulary, known)
    assert stem("inspector") in query.expansions[stem("inspection")]
    # A short word is no family's stem: an organ is not an organisation.
    query = parse_query("Which organ was it?", vocabulary, known)
    assert stem("organ") not in query.expansions


def test_a_clipped_word_looks_for_the_word_it_clips() -> None:
    vocabulary = frozenset({"defibrillators", "charity", "paid"})
    known = frozenset(t for w in vocabulary for t in tokenize(w))
    query = parse_query("how many defibs has the charity paid for", vocabulary, known)
    assert query.expansions[stem("defibs")] == {stem("defibrillators")}
    assert not query.unknown


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("actualy", "actually"), ("finaly", "finally"), ("curently", "currently"), ("eventualy", "eventually")],
)
def test_a_misspelt_common_word_the_documents_lack_is_read_as_that_word(typed: str, meant: str) -> None:
    query = _parse(f"when did the trust {typed} go live")
    assert (typed, meant) in query.corrections
    assert stem(typed) not in query.terms


def test_a_misspelt_word_of_the_question_asking_for_now_asks_for_now() -> None:
    assert _parse("who is curently the head of the trust").asks_latest


@pytest.mark.parametrize(
    ("question", "forecast"),
    [
        ("When was the trust expected to go live?", True),
        ("When is the trust due to go live?", False),  # a report that it went live answers
        ("wen was it gonna go live", True),
        ("When did the trust go live?", False),
        ("When was the trust originally meant to go live?", False),  # the first plan, told later
    ],
)
def test_a_question_asking_what_was_planned_is_told_from_one_asking_what_happened(
    question: str, forecast: bool
) -> None:
    assert _parse(question).forecast is forecast


def test_a_word_the_documents_misspell_finds_their_spelling() -> None:
    vocabulary = frozenset({"minster", "council", "wrote"})
    known = frozenset(t for w in vocabulary for t in tokenize(w))
    query = parse_query("Which minister wrote to the council?", vocabulary, known)
    assert query.expansions[stem("minister")] == {stem("minster")}
    assert query.respelt == {stem("minster"): stem("minister")}
    assert not query.unknown


@pytest.mark.parametrize(
    "question",
    [
        "How does Jo Bell reckon commissioning the trust will save money?",
        "What does the chair believe the merger will cut?",
        "According to the leader, why was the trust set up?",
    ],
)
def test_whose_view_a_question_asks_is_asking_for_their_words(question: str) -> None:
    assert _parse(question).asks_words


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("How big is the community fund this year?", "big"),
        ("how long is the lease on the depot", "long"),
        ("How large was the fine?", "larg"),
        ("What is the size of the lifeguard team?", "size"),
        ("What's the current size of the lifeguard team?", "size"),
        ("What was the strength of the crew in 2019?", "strength"),
    ],
)
def test_the_adjective_of_how_big_says_the_kind_not_what_about(question: str, word: str) -> None:
    query = parse_query(question, frozenset(), frozenset())
    assert query.kind is not None
    assert word not in query.terms


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("When was the ferry company founded?", "found"),
        # "as chair" says which post, not the event: the date is of the start.
        ("When did Jo Bell start as chair of the harbour board?", "start"),
        ("When did Jo Bell start?", "start"),
        ("When did the harbour board appoint Jo Bell?", None),  # a name is whose date it is
        # Adverbs after the verb say nothing of the event.
        ("When did the new ferry terminal actually open in the end?", "open"),
        ("When did the ferry finally sail again?", "sail"),
        ("When did the ferry come back again?", None),  # "back" is no event alone
        ("What year did the ferry reopen again?", "reopen"),
        ("Has the ferry been delayed again?", None),  # asks whether, not when
    ],
)
def test_a_date_questions_event_is_its_last_verb_before_any_post(question: str, event: str | None) -> None:
    vocabulary = frozenset(w.strip("?").lower() for w in question.split())
    known = frozenset(t for w in vocabulary for t in tokenize(w))
    assert parse_query(question, vocabulary, known).defining_term == event


def test_replies_are_looked_for_as_responses() -> None:
    vocabulary = frozenset({"consultation", "drew", "responses"})
    known = frozenset(t for w in vocabulary for t in tokenize(w))
    query = parse_query("How many replies did the consultation get?", vocabulary, known)
    assert stem("responses") in query.expansions[stem("replies")]
    assert stem("replies") not in query.unknown


def test_a_verb_and_its_particle_find_the_noun_written_as_one_word() -> None:
    vocabulary = frozenset({"turnout", "handover", "vote"})
    known = frozenset(t for w in vocabulary for t in tokenize(w))
    query = parse_query("How many people turned out for the vote?", vocabulary, known)
    assert stem("turnout") in query.expansions[stem("turned")]
    query = parse_query("When was the site handed over?", vocabulary, known)
    assert stem("handover") in query.expansions[stem("handed")]
