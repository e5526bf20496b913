"""Cleaning a scraped page's lines: ads, newsletter and sign-in prompts, pull quotes and
doubled captions go; the text after a paywall line goes; article sentences stay."""

from __future__ import annotations

import pytest

from bot.corpus import clean_lines


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


def test_clean_lines_keeps_article_sentences_that_start_like_prompts() -> None:
    lines = [
        "Sign up to our daily newsletter",
        "The newsletter was sent to 4,000 foster carers.",
        "Read more than 40 books, the pupils were told.",
        "Register to continue reading the full report, the council said.",
        "The last line stays.",
    ]
    assert clean_lines(lines) == lines[1:]
