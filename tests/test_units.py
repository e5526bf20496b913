"""Unit tests of the pieces under the engine: dates, cleaning, passages, tokens, questions, queries."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.answer.query import Query, parse_query
from bot.answer.question import expected_answer
from bot.corpus import MAX_PASSAGE_WORDS, Document, clean_lines, split_document, split_sentences
from bot.errors import DateError
from bot.text.dates import PubDate, find_dateline, is_date_only_line, parse_as_of, parse_published
from bot.text.mentions import find_date_mentions
from bot.text.tokens import tokenize, words

# --- bot.dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017", PubDate(dt.date(2017, 1, 1), "year")),
        ("2019-03", PubDate(dt.date(2019, 3, 1), "month")),
        ("2019-03-14", PubDate(dt.date(2019, 3, 14), "day")),
        ("2019-3-4", PubDate(dt.date(2019, 3, 4), "day")),
        ("  2020-11  ", PubDate(dt.date(2020, 11, 1), "month")),
    ],
)
def test_parse_as_of_formats(text: str, expected: PubDate) -> None:
    assert parse_as_of(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("14/03/2019", "YYYY"),
        ("March 2019", "YYYY"),
        ("", "YYYY"),
        ("yesterday", "YYYY"),
        ("2019-13", "not a real date"),
        ("2019-02-30", "not a real date"),
    ],
)
def test_parse_as_of_errors(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_as_of(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017", PubDate(dt.date(2017, 1, 1), "year")),
        (2017, PubDate(dt.date(2017, 1, 1), "year")),
        ("2015-12", PubDate(dt.date(2015, 12, 1), "month")),
        ("2015-12-08", PubDate(dt.date(2015, 12, 8), "day")),
        (dt.date(2015, 12, 8), PubDate(dt.date(2015, 12, 8), "day")),
        (dt.datetime(2015, 12, 8, 10, 50), PubDate(dt.date(2015, 12, 8), "day")),
        ("08 December 2015", PubDate(dt.date(2015, 12, 8), "day")),
        ("Tuesday, 4th October 2016", PubDate(dt.date(2016, 10, 4), "day")),
        ("December 2015", PubDate(dt.date(2015, 12, 1), "month")),
    ],
)
def test_parse_published_keeps_the_precision_it_states(value: object, expected: PubDate) -> None:
    assert parse_published(value) == expected


def test_parse_published_marks_inferred_dates() -> None:
    date = parse_published("2019-11", inferred=True)
    assert date == PubDate(dt.date(2019, 11, 1), "month", inferred=True)
    assert date.human() == "c. November 2019"
    assert date.iso() == "2019-11"


@pytest.mark.parametrize("value", ["", "   ", None, "not a date at all", 99, 3.5, ["2019"]])
def test_parse_published_errors(value: object) -> None:
    with pytest.raises(DateError):
        parse_published(value)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Tuesday, 4th October 2016, 10:50 am", "", "Text."], (0, PubDate(dt.date(2016, 10, 4), "day"))),
        (["08 December 2015", "", "A new trust..."], (0, PubDate(dt.date(2015, 12, 8), "day"))),
        (["Headline", "", "Published: 14 March 2019"], (2, PubDate(dt.date(2019, 3, 14), "day"))),
        (["December 8, 2015"], (0, PubDate(dt.date(2015, 12, 8), "day"))),
        # An "Updated ..." stamp is not the first publication.
        (
            ["Updated Wednesday, 5th October 2016, 2:20 pm", "Tuesday, 4th October 2016, 10:50 am"],
            (1, PubDate(dt.date(2016, 10, 4), "day")),
        ),
    ],
)
def test_find_dateline(lines: list[str], expected: tuple[int, PubDate]) -> None:
    assert find_dateline(lines) == expected


@pytest.mark.parametrize(
    "lines",
    [
        ["The council met on 4 October 2016 to agree its budget."],
        ["Ofsted inspected on 4 October 2016."],
        ["Updated Wednesday, 5th October 2016, 2:20 pm"],
        ["Headline", *[f"Paragraph {n}." for n in range(8)], "14 March 2019"],  # too far down
        [],
    ],
)
def test_find_dateline_rejects_what_is_not_a_dateline(lines: list[str]) -> None:
    assert find_dateline(lines) is None


def test_is_date_only_line() -> None:
    assert is_date_only_line("Updated Wednesday, 5th October 2016, 2:20 pm")
    assert is_date_only_line("08 December 2015")
    assert not is_date_only_line("The council met on 4 October 2016 to agree its budget.")
    assert not is_date_only_line("")


THURSDAY = PubDate(dt.date(2019, 3, 14), "day")  # a Thursday
LATE_2019 = PubDate(dt.date(2019, 11, 1), "month")
SOME_2017 = PubDate(dt.date(2017, 1, 1), "year")


@pytest.mark.parametrize(
    ("text", "base", "mention", "resolved", "relative"),
    [
        ("It should open in July next year.", LATE_2019, "July next year", "July 2020", True),
        ("It opened in July last year.", LATE_2019, "July last year", "July 2018", True),
        ("The board meets next Tuesday.", THURSDAY, "next Tuesday", "19 March 2019", True),
        ("The board met last Tuesday.", THURSDAY, "last Tuesday", "12 March 2019", True),
        ("Ofsted judged it inadequate four years ago.", SOME_2017, "four years ago", "2013", True),
        ("It could save £9million in 2016/17.", THURSDAY, "2016/17", "2016/17", False),
        ("It opened on 8 December 2015.", THURSDAY, "8 December 2015", "8 December 2015", False),
        ("A decision is due by the end of December.", LATE_2019, "December", "December 2019", True),
        ("It will open in spring 2021.", THURSDAY, "spring 2021", "spring 2021", False),
    ],
)
def test_find_date_mentions_resolves_against_the_document_date(
    text: str, base: PubDate, mention: str, resolved: str, relative: bool
) -> None:
    mentions = find_date_mentions(text, base)
    assert len(mentions) == 1, mentions
    found = mentions[0]
    assert found.text == mention
    assert text[found.start : found.end] == mention
    assert found.resolved == resolved
    assert found.relative is relative


def test_next_weekday_needs_a_day_precise_document_date() -> None:
    (month_only,) = find_date_mentions("The board meets next Tuesday.", PubDate(dt.date(2019, 3, 1), "month"))
    assert month_only.relative and month_only.resolved is None
    (undated,) = find_date_mentions("The board meets next Tuesday.", None)
    assert undated.relative and undated.resolved is None
    (undated_year,) = find_date_mentions("It should open in July next year.", None)
    assert undated_year.resolved is None


def test_financial_year_is_one_mention_not_a_year() -> None:
    mentions = find_date_mentions("Savings of £9million in 2016/17 and £3m in 2017.", THURSDAY)
    assert [m.text for m in mentions] == ["2016/17", "2017"]


def test_lower_case_may_and_march_are_verbs() -> None:
    mentions = find_date_mentions("The council may march on in 2020; it opens in May 2021.", THURSDAY)
    assert [m.text for m in mentions] == ["2020", "May 2021"]


# --- bot.corpus.clean_lines -----------------------------------------------------------


def test_clean_lines_drops_ad_lines() -> None:
    lines = ["Hide Ad", "Advertisement", "Sponsored content", "Skip advert", "•", "The library will open."]
    assert clean_lines(lines) == ["The library will open."]


def test_clean_lines_drops_newsletter_and_sign_in_prompts() -> None:
    lines = [
        "Sign up to our daily newsletter",
        "The i newsletter cut through the noise",
        "Already a subscriber? Log in",
        "Subscribe for unlimited access",
        "Read more: council tax to rise",
        "Photo: Eastbridge Gazette",
        "The library will open in 2021.",
    ]
    assert clean_lines(lines) == ["The library will open in 2021."]


def test_clean_lines_keeps_a_long_sentence_that_mentions_a_newsletter() -> None:
    line = (
        "The council's newsletter, sent to every household in the borough, said the library would open "
        "in spring 2021 after long delays."
    )
    assert clean_lines([line]) == [line]


def test_clean_lines_keeps_a_short_news_sentence_that_mentions_a_newsletter() -> None:
    line = "The council newsletter said the library would open in 2021."
    assert clean_lines([line]) == [line]


def test_clean_lines_stops_at_a_paywall() -> None:
    lines = ["First paragraph.", "", "Register Now to Continue Reading", "Second paragraph.", "Third."]
    assert clean_lines(lines) == ["First paragraph.", ""]
    lines = ["First paragraph.", "Subscribe now to keep reading", "Hidden."]
    assert clean_lines(lines) == ["First paragraph."]


def test_clean_lines_drops_a_repeated_line() -> None:
    lines = ["A pull quote.", "The article.", "A PULL QUOTE.", "A  pull\u00a0quote."]
    assert clean_lines(lines) == ["A pull quote.", "The article."]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("The site on Mill Street.The site on Mill Street.", "The site on Mill Street."),
        ("The site on Mill Street. The site on Mill Street.", "The site on Mill Street."),
        ("Cllr Heather Smith.Cllr Heather Smith.", "Cllr Heather Smith."),
        ("No no.", "No no."),  # not a doubled caption: different case
    ],
)
def test_clean_lines_undoubles_a_caption(line: str, expected: str) -> None:
    assert clean_lines([line]) == [expected]


def test_clean_lines_keeps_paragraph_breaks() -> None:
    assert clean_lines(["One.", "", "  ", "Two."]) == ["One.", "", "", "Two."]


# --- bot.passages ---------------------------------------------------------------------


def _document(text: str, doc_id: str = "doc") -> Document:
    return Document(id=doc_id, title="Title", text=text)


PARAGRAPHS = [
    "The council approved the new library on Monday.",
    "Cllr. Priya Shah said it would open in 2019.",
    "Mr. Okafor, the project manager, agreed.",
]


def test_passage_ids_are_doc_and_position() -> None:
    passages = split_document(_document("\n\n".join(PARAGRAPHS), "eastbridge-2016"))
    assert [p.id for p in passages] == ["eastbridge-2016#0", "eastbridge-2016#1", "eastbridge-2016#2"]
    assert [p.position for p in passages] == [0, 1, 2]
    assert {p.doc_id for p in passages} == {"eastbridge-2016"}
    assert [p.text for p in passages] == PARAGRAPHS


def test_passage_ids_are_stable() -> None:
    first = split_document(_document("\n\n".join(PARAGRAPHS)))
    again = split_document(_document("\n\n".join(PARAGRAPHS)))
    assert first == again
    longer = split_document(_document("\n\n".join([*PARAGRAPHS, "A new last paragraph."])))
    assert longer[: len(first)] == first


def _long_paragraph(sentences: int) -> str:
    return " ".join(
        f"Sentence {n} says the Eastbridge library project has reached stage {n} of its plan."
        for n in range(sentences)
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        _long_paragraph(40),
        # One run-on sentence, as a scraped list of road closures or attendees reads.
        "Roads closed during the works: "
        + "; ".join(f"Mill Street between numbers {n} and {n + 2}" for n in range(0, 200, 4))
        + ".",
    ],
    ids=["sentences", "run-on"],
)
def test_no_passage_is_much_over_the_word_limit(paragraph: str) -> None:
    assert len(paragraph.split()) > 2 * MAX_PASSAGE_WORDS
    passages = split_document(_document(paragraph))
    assert len(passages) > 1
    assert all(len(p.text.split()) <= MAX_PASSAGE_WORDS for p in passages), [
        len(p.text.split()) for p in passages
    ]
    assert " ".join(p.text for p in passages).split() == paragraph.split(), "no word lost or added"


def test_short_paragraph_is_one_passage() -> None:
    assert [p.text for p in split_document(_document(PARAGRAPHS[0]))] == [PARAGRAPHS[0]]


def test_sentence_split_keeps_abbreviations() -> None:
    text = (
        "Cllr. Priya Shah said the library would open in 2019. Mr. Okafor agreed. "
        "Dr. Jones and Mrs. Patel did not. It cost £12m. “We are pleased,” she said. Is it late? Yes!"
    )
    assert split_sentences(text) == [
        "Cllr. Priya Shah said the library would open in 2019.",
        "Mr. Okafor agreed.",
        "Dr. Jones and Mrs. Patel did not.",
        "It cost £12m.",
        "“We are pleased,” she said.",
        "Is it late?",
        "Yes!",
    ]


def test_sentence_split_keeps_initials() -> None:
    assert split_sentences("Helen J. Morris was appointed. She starts in May.") == [
        "Helen J. Morris was appointed.",
        "She starts in May.",
    ]


# --- bot.tokens -----------------------------------------------------------------------


@pytest.mark.parametrize("amount", ["£9 million", "£9million", "£9m", "£9 MILLION", "£9mn"])
def test_amounts_are_one_term(amount: str) -> None:
    assert tokenize(f"save {amount} a year") == ["save", "£9m", "year"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£18.5 million", ["£18.5m"]),
        ("£1.5bn", ["£1.5bn"]),
        ("£4.5 billion", ["£4.5bn"]),
        ("£22,000", ["£22000"]),
        ("84%", ["84%"]),
        ("2016/17", ["2016/17"]),
    ],
)
def test_amounts_percentages_and_financial_years_are_kept_whole(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


def test_percent_kept_in_a_sentence() -> None:
    assert "84%" in tokenize("Some 84% of staff agreed.")


def test_curly_quotes_and_possessives_fold() -> None:
    assert tokenize("the council’s plan") == tokenize("the council's plan") == tokenize("the council plan")
    assert tokenize("children’s services") == tokenize("children's services")
    assert tokenize("“Trust”") == tokenize('"trust"') == tokenize("trust")
    assert words("The Council’s PLAN") == ["the", "council", "plan"]


def test_stop_words_are_dropped_and_words_stemmed() -> None:
    assert tokenize("When will the libraries be opening?") == ["librari", "open"]


# --- bot.question.expected_answer -----------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When will the trust go live?", "date"),
        ("when did the library open", "date"),
        ("What year will the library open?", "date"),
        ("And when will it open?", "date"),
        ("Who is the project manager?", "person"),
        ("Whose idea was the trust?", "person"),
        ("What is the name of the director?", "person"),
        ("How much will the library cost?", "amount"),
        ("What is the budget of the library?", "amount"),
        ("What was the total cost of the new library?", "amount"),
        ("How many staff will move to the trust?", "count"),
        ("What share of staff are agency workers?", "percent"),
        ("What percentage of staff are agency workers?", "percent"),
        ("What is the proportion of agency staff?", "percent"),
        ("Which councils set up trusts before Northamptonshire?", "name"),
        ("Which consultancy advised the council?", "name"),
        ("What is a children's trust?", None),
        ("How does the trust work?", None),
        ("Which is the newest library?", None),
        ("Why was the library delayed?", None),
    ],
)
def test_expected_answer(question: str, kind: str | None) -> None:
    assert expected_answer(question) == kind


# --- bot.query.parse_query ------------------------------------------------------------

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
