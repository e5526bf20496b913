"""Ordinary words the documents never use are read as what they mean, not as a sign that
the documents cannot answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine

from ..documents import article, engine_over

DOCUMENTS = {
    "2020-kelda.md": article(
        "Kelda estate plans approved",
        "2020-05-04",
        "The Kelda estate regeneration will deliver 640 new homes.\n\nThe first homes are due in 2023.",
    ),
    "2024-kelda.md": article(
        "Kelda estate grows again",
        "2024-09-10",
        "The Kelda estate regeneration will now deliver 780 new homes, with the final homes to be "
        "completed in 2027.",
    ),
    "2022-office.md": article(
        "Housing group moves office", "2022-01-20", "The housing group moved its office to Mill Lane."
    ),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """An engine over a housing estate's three short news items."""
    return engine_over(tmp_path_factory.mktemp("kelda"), DOCUMENTS)


def test_houses_are_homes(engine: Engine) -> None:
    assert engine.ask("how many new houses will they build at kelda").short == "780 new homes"


def test_an_adverb_of_degree_is_no_reason_to_abstain(engine: Engine) -> None:
    answer = engine.ask("By what year should the Kelda redevelopment be fully finished?")
    assert not answer.abstained, answer.reason


def test_which_document_may_be_answered_by_any_kind_of_paper(tmp_path: Path) -> None:
    plan = article(
        "Pool plan goes to the board",
        "2021-02-02",
        "The board is now considering an outline business case for the new Kelda pool.",
    )
    answer = engine_over(tmp_path, {"2021-pool.md": plan}).ask("Which document is the board now considering?")
    assert not answer.abstained, answer.reason
    assert "outline business case" in answer.results[0].sentence


_CABINET = {
    "2019-cabinet.md": article(
        "Cabinet reshuffle",
        "2019-05-20",
        "Cllr Nia Rowe is the new cabinet member for children's services.\n\n"
        "The cabinet meets on Tuesday to discuss the school transport contract.",
    ),
    "2020-budget.md": article(
        "Council budget agreed", "2020-02-20", "The council agreed its budget for children's services."
    ),
}


def test_the_askers_own_common_words_are_no_reason_to_abstain(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, _CABINET)
    answer = engine.ask("Which councillor holds the children's brief in cabinet at the moment?")
    assert not answer.abstained, answer.reason
    assert answer.short == "Cllr Nia Rowe"


def test_an_inflected_common_word_is_as_common_as_its_stem(tmp_path: Path) -> None:
    documents = {
        "2021-gift.md": article(
            "Kelby museum income",
            "2021-04-02",
            "Beyond its grant from the council, the Kelby museum trust earns income from its shop and cafe.",
        )
    }
    # "pays" (Zipf 4.3) is as ordinary as "pay" (5.3): the asker's words, not what is asked.
    answer = engine_over(tmp_path, documents).ask(
        "How is the Kelby museum going to raise money on top of what the council pays it?"
    )
    assert not answer.abstained, answer.reason
    assert answer.results[0].citation.doc_id == "2021-gift"


def test_a_question_mostly_of_specific_words_the_documents_lack_is_not_answered(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, _CABINET).ask("Which councillor won the football derby?")
    assert answer.abstained


_APPEAL = {
    "2019-appeal.md": article(
        "Lifeboat station appeal",
        "2019-03-02",
        "The Carrow lifeboat station appeal has a target of £800,000.\n\n"
        "The station's crew attended 61 shouts last year.\n\n"
        "Stanholt Marine started on the station's slipway in May 2016.\n\n"
        "In March 2018 Stanholt Marine went into administration.\n\n"
        'In its latest review the station was rated "good" by inspectors.\n',
    ),
}


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("How much is the Carrow lifeboat campaign aiming for?", "£800,000"),
        ("What verdict did inspectors reach on the Carrow lifeboat station?", "good"),
        ("wen did stanholt marine go bust", "March 2018"),
        ("When did the slipway contractor go under?", "March 2018"),
    ],
)
def test_plain_synonyms_reach_the_documents_words(tmp_path: Path, question: str, short: str) -> None:
    answer = engine_over(tmp_path, _APPEAL).ask(question)
    assert not answer.abstained, answer.reason
    assert answer.short == short


_MOVES = {
    "2021-gallery.md": article(
        "Holmbrae gallery news",
        "2021-09-14",
        "Jo Bell joined the Holmbrae Gallery as its director in 2015.\n\n"
        "Jo Bell resigned as director in June 2021.\n\n"
        "The gallery's shop took 12,000 orders last year.\n\n"
        "Attendance reached 41,000 last year.\n\n"
        "Until 2019 the gallery's collection was kept in Wexby.\n\n"
        "In 2019 the collection was relocated to Stanholt.\n\n"
        "The gallery's Orvell Street annexe closed in March 2020.\n\n"
        "The gallery's Orvell Street annexe reopened as a café in May 2021.\n",
    ),
}


@pytest.mark.parametrize(
    ("question", "short", "said"),
    [
        ("When did Jo Bell quit the gallery?", "June 2021", "resigned"),
        ("how many people visited the gallery last yr", "41,000", "Attendance"),
        ("Where did the gallery's collection move to?", "Stanholt", "relocated"),
        ("When did the Orvell Street annexe shut?", "March 2020", "closed"),
    ],
)
def test_everyday_verbs_reach_the_documents_formal_ones(
    tmp_path: Path, question: str, short: str, said: str
) -> None:
    answer = engine_over(tmp_path, _MOVES).ask(question)
    assert not answer.abstained, answer.reason
    assert answer.short == short
    assert said in (answer.answer or "")


_SHARES = {
    "2021-coop.md": article(
        "Tarnholme energy co-op grows",
        "2021-04-02",
        "The Tarnholme Energy Co-operative had 1,400 members at its annual meeting.\n\n"
        "Its solar roof on the Orvell school produced 90 megawatt hours last year.\n",
    ),
    "2024-coop.md": article(
        "Tarnholme energy co-op opens a new share offer",
        "2024-05-20",
        "The Tarnholme Energy Co-operative, which now counts 1,850 members, will open a share "
        "offer in June.\n",
    ),
}


_ACADEMIES = {
    "2022-trust.md": article(
        "Wexby Learning Trust grows",
        "2022-09-05",
        "After taking on Orvell Primary, the Wexby Learning Trust now runs 9 academies.\n",
    ),
    "2025-trust.md": article(
        "Wexby Learning Trust annual report",
        "2025-02-11",
        "This year the trust's 12 academies taught 5,200 pupils.\n",
    ),
}


@pytest.mark.parametrize(
    ("documents", "question", "short", "earlier"),
    [
        # A co-operative's shareholders are its members.
        (_SHARES, "How many shareholders does the co-op have?", "1,850 members", ["1,400"]),
        # An academy is a school.
        (_ACADEMIES, "How many schools does the Wexby trust run now?", "12 academies", ["9"]),
    ],
)
def test_a_count_said_in_another_word_is_found_with_its_earlier_counts(
    tmp_path: Path, documents: dict[str, str], question: str, short: str, earlier: list[str]
) -> None:
    answer = engine_over(tmp_path, documents).ask(question)
    assert not answer.abstained, answer.reason
    assert answer.short == short
    assert [e.said for e in answer.earlier] == earlier


def test_a_compound_of_two_words_the_documents_use_is_read_as_those_words(tmp_path: Path) -> None:
    news = article(
        "Gelston homes go ahead",
        "2023-03-01",
        "The Gelston Fields estate will be built by Tarnholme Homes, the builder chosen by the "
        "council, and the first house is due in 2025.\n",
    )
    engine = engine_over(tmp_path, {"2023-gelston.md": news})
    answer = engine.ask("Which housebuilder is developing the Gelston Fields estate?")
    assert not answer.abstained
    assert answer.short == "Tarnholme Homes"
