"""Reading sentences: the short forms a question may use for what a sentence spells out."""

from __future__ import annotations

import pytest

from bot.answer.sentences import acronyms, spelled_out


@pytest.mark.parametrize(
    ("text", "short", "found"),
    [
        ("The cabinet will note the memorandum of understanding tomorrow.", ["mou"], {"mou"}),
        ("A service level agreement was signed in May.", ["sla", "kpi"], {"sla"}),
        ("The board met on Monday.", ["mou"], set()),
        ("Make our usual checks.", ["mou"], set()),  # short words do not spell a name
        ("The memorandum of understanding was signed.", ["memorandum"], set()),  # not a short form
    ],
)
def test_a_short_form_is_found_where_the_text_spells_it_out(
    text: str, short: list[str], found: set[str]
) -> None:
    assert spelled_out(text, short) == found


def test_the_initials_of_a_capitalised_name_are_its_acronym() -> None:
    assert "cqc" in acronyms("The Care Quality Commission visited in May.")
