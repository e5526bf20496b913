"""A question asking who played a part in an event: the firm that took on work after the
first failed (not the firm that went bust, which the documents name beside the question's
words, but "its replacement, X"), or the person who opened a place ("opened by the author
X", "X cut the ribbon")."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.query import parse_query
from bot.answer.spans import Party, opener, party, replacement

from ..documents import article, engine_over


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Which company was brought in to finish the job after the original contractor failed?", True),
        ("who finished off the depot after the first builders went bust", True),
        ("who did they get in 2 finish the pier after the 1st lot went under", True),
        ("Which firm took over the build when the first contractor collapsed?", True),
        ("Which builder went bust on the depot job?", False),
        ("How many jobs went when the original builder went under?", False),
        ("Who took over when Jo Bell retired?", False),
    ],
)
def test_a_question_asks_for_the_replacement_only_after_a_failure(question: str, asks: bool) -> None:
    assert (parse_query(question, frozenset(), frozenset()).party == "replacement") is asks


@pytest.mark.parametrize(
    ("sentence", "firm"),
    [
        (
            "Its replacement, Tarn & Wold Renewables, was a fortnight from finishing.",
            "Tarn & Wold Renewables",
        ),
        (
            "It was completed by Gelston Build Ltd, which took over the contract after the original "
            "contractor, Orvell Construction, went into administration.",
            "Gelston Build Ltd",
        ),
        ("A new main contractor, Holmbrae Build, has been appointed to finish the hall.", "Holmbrae Build"),
        ("It is a credit to the Stanholt Pike team, who picked up a difficult job.", "Stanholt Pike"),
        ("Wexby Marine was brought in to finish the berth.", "Wexby Marine"),
        ("It replaces Orvell Construction, which went into administration.", None),
        ("Administrators from Kelby Partners said they were looking for buyers.", None),
        ("Jo Bell took over as chief executive in May.", None),
    ],
)
def test_the_replacement_is_the_firm_said_to_take_the_work_on(sentence: str, firm: str | None) -> None:
    found = replacement(sentence)
    assert (found.text if found is not None else None) == firm


DOCUMENTS = {
    "2018-builder.md": article(
        "Orvell Construction to build Kelby depot",
        "2018-03-01",
        "Kelby Council has appointed Orvell Construction to build its new depot on Wexby Road. "
        "Orvell Construction will start on site in May.",
    ),
    "2019-bust.md": article(
        "Depot builder collapses",
        "2019-09-12",
        "Orvell Construction, the builder of the Kelby depot, went into administration on Monday, "
        "leaving the site fenced off.\n\n"
        "The council said a replacement contractor, Gelston Build, had been appointed under an "
        "emergency arrangement and would be back on site within weeks.",
    ),
}


@pytest.mark.parametrize(
    "question",
    [
        "Which company was brought in to finish the job after the original contractor failed?",
        "who finished off the kelby depot after the first builders went bust",
    ],
)
def test_the_replacement_answers_who_finished_after_the_first_firm_failed(
    tmp_path: Path, question: str
) -> None:
    answer = engine_over(tmp_path, DOCUMENTS).ask(question)
    assert not answer.abstained
    assert "replacement contractor" in answer.results[0].passage
    assert answer.short == "Gelston Build"


def test_who_built_it_still_names_the_firm_the_documents_give(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, DOCUMENTS).ask("Which firm was appointed to build the Kelby depot?")
    assert answer.short is not None and "Orvell Construction" in answer.short


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Who performed the official opening of the Kelby Wharf centre?", True),
        ("who cut the ribbon at the new pool", True),
        ("Who opened the new library?", True),
        ("When did the new library open?", False),
        ("Who runs the library that opened in May?", False),
    ],
)
def test_a_question_asks_who_opened_a_place(question: str, asks: bool) -> None:
    assert (parse_query(question, frozenset(), frozenset()).party == "opener") is asks


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("The centre was opened by the children's author Lina Marsh, who grew up nearby.", "Lina Marsh"),
        ("It was opened on 12 March by the novelist Dame Jo Bell, who lives in Kelby.", "Dame Jo Bell"),
        ("Trust chair Omar Reed cut the ribbon alongside Lina Marsh.", "Omar Reed"),
        ("Cllr Jo Bell, chair of the transport committee, cut the ribbon at an event.", "Cllr Jo Bell"),
        ("The ribbon was cut by Lina Marsh, 93, who swam there as a girl.", "Lina Marsh"),
        ("Omar Reed said the centre opened by the river in May.", None),
    ],
)
def test_the_opener_is_the_person_said_to_open_the_place(sentence: str, person: str | None) -> None:
    found = opener(sentence)
    assert (found.display if found is not None else None) == person


def test_the_person_who_opened_it_answers_who_performed_the_opening(tmp_path: Path) -> None:
    documents = {
        "2021-plans.md": article(
            "Kelby Wharf centre approved",
            "2021-03-01",
            "The Kelby Wharf centre will be run by Stanholt Heritage Trust, whose chair, Omar Reed, "
            "welcomed the decision.",
        ),
        "2023-open.md": article(
            "Kelby Wharf centre opens",
            "2023-05-08",
            "The Kelby Wharf centre, a converted warehouse beside the canal basin, was opened on "
            "Saturday by the children's author Lina Marsh. Boat trips from the centre run at weekends "
            "and are run by Stanholt Heritage Trust.",
        ),
    }
    question = "Who performed the official opening of the Kelby Wharf centre?"
    answer = engine_over(tmp_path, documents).ask(question)
    assert answer.short == "Lina Marsh"


@pytest.mark.parametrize(
    ("question", "part", "named"),
    [
        ("who took over wen jo bell retired", "successor", {"jo", "bell"}),
        ("who took over as ceo wen omar left", "successor", {"omar"}),
        ("Who replaced Jo Bell?", "successor", {"jo", "bell"}),
        ("who was in charge of the trust b4 reed", "predecessor", {"reed"}),
        ("Who did Lina Marsh replace as head of Kelby Trust?", "predecessor", {"lina", "marsh"}),
        ("who did bell take over from as ceo", "predecessor", {"bell"}),
        ("Who took over as chair after the elections in May?", None, set()),
    ],
)
def test_a_question_asks_who_came_after_or_before_a_person(
    question: str, part: str | None, named: set[str]
) -> None:
    query = parse_query(question, frozenset(), frozenset({"bell", "reed", "omar", "marsh", "lina", "jo"}))
    assert (query.party, set(query.succeeded)) == (part, named)


@pytest.mark.parametrize(
    ("sentence", "named", "part", "person"),
    [
        ("Omar takes over from Jo Bell, who left in March.", {"jo", "bell"}, "successor", "Omar"),
        ("Jo Bell retired in May and was succeeded by Omar Reed.", {"jo", "bell"}, "successor", "Omar Reed"),
        (
            "She takes over from Councillor Omar Reed, who stood down.",
            {"marsh"},
            "predecessor",
            "Councillor Omar Reed",
        ),
        ("He succeeds Lina Marsh, who retires in June.", {"reed"}, "predecessor", "Lina Marsh"),
        ("Jo Bell took over from Omar Reed in 2019.", {"jo", "bell"}, "predecessor", "Omar Reed"),
        ("Jo Bell thanked Omar Reed for his work.", {"jo", "bell"}, "predecessor", None),
    ],
)
def test_who_came_after_or_before_is_read_off_the_sentence(
    sentence: str, named: set[str], part: Party, person: str | None
) -> None:
    found = party(sentence, part, frozenset(named))
    assert (found.display if found is not None else None) == person


def test_a_given_name_taking_over_is_named_in_full(tmp_path: Path) -> None:
    documents = {
        "2019-new-head.md": article(
            "Kelby Hospice appoints Jo Bell",
            "2019-01-10",
            "Kelby Hospice has appointed Jo Bell as its chief executive.",
        ),
        "2021-newsletter.md": article(
            "A new chapter",
            "2021-06-20",
            "Welcome to the first issue in which you will hear from our new chief executive, Omar Reed, "
            "who joined us on 1 June.\n\n"
            "Omar takes over from Jo Bell, who left in March to run a hospice group in the north.",
        ),
    }
    answer = engine_over(tmp_path, documents).ask("who took over as ceo wen jo bell left")
    assert answer.short == "Omar Reed"
