"""The short answer to a question about a cause: the clause that gives it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.query import parse_query
from bot.answer.short import short_answer
from bot.engine import Engine

from ..documents import article, engine_over

DOCUMENTS = {
    "2021-pier.md": article(
        "Pier opening put back",
        "2021-03-04",
        "Engineers found soft clay beneath the landing stage of Wexcombe pier last winter. As a "
        "result the opening of the pier has been put back by a year, to June 2022.\n\n"
        "The pier trust has 14 volunteers.",
    ),
    "2022-bridge.md": article(
        "Footbridge link slips",
        "2022-01-12",
        "Then a cracked bearing on the river crossing pushed the footbridge link back from "
        "January to March.\n\nThe footbridge will carry cyclists as well as walkers.",
    ),
    "2023-museum.md": article(
        "Museum head to leave",
        "2023-06-02",
        "Dana Pryce, who has led Wexcombe museum since 2017, is leaving because she wants to "
        "return to teaching.\n\nThe museum cafe raised its prices due to higher milk costs.",
    ),
    "2023-lido.md": article(
        "Lido charges rise",
        "2023-08-20",
        "The lido trust said the rise in its day ticket came from two sources: a dearer gas "
        "contract for the boilers and the new lifeguard pay scale.",
    ),
    "2023-pool.md": article(
        "Pool prices",
        "2023-09-02",
        "The Wexcombe pool season ticket went up for two reasons. Its heating oil supplier "
        "doubled its price and the county cut its grant.",
    ),
    "2024-market.md": article(
        "Market hall plan refused",
        "2024-02-14",
        "The council refused the Wexcombe market hall extension in January, after councillors "
        "accepted traders' arguments that the narrow yard could not take delivery lorries at "
        "the same time as shoppers.",
    ),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """An engine over a town's three short news items."""
    return engine_over(tmp_path_factory.mktemp("causes"), DOCUMENTS)


def _short(engine: Engine, question: str) -> str:
    answer = engine.ask(question)
    assert not answer.abstained, answer
    assert answer.short is not None, answer
    return answer.short


def test_a_sentence_opening_on_as_a_result_is_explained_by_the_one_before(engine: Engine) -> None:
    assert "soft clay" in _short(engine, "Why was the pier opening put back?")


def test_a_cause_with_no_because_is_the_subject_of_what_happened(engine: Engine) -> None:
    assert "cracked bearing" in _short(engine, "Why did the footbridge link slip to March?")


def test_since_a_year_says_when_not_why(engine: Engine) -> None:
    assert _short(engine, "Why is Dana Pryce leaving?").startswith("because she wants")


def test_what_made_something_happen_asks_for_its_cause(engine: Engine) -> None:
    assert "cracked bearing" in _short(engine, "What pushed the footbridge link back?")


_SCHOOL = {
    "2024-school.md": article(
        "School opens at last",
        "2024-09-09",
        "Wexcombe school opened on Monday after delays caused by flooding risks, forgotten brick "
        "pits beneath the site and the pandemic.\n\nThe school trust is being wound up after a "
        "series of failings in its finance team and has not been able to recover.",
    ),
}


def test_a_cause_cut_short_ends_on_a_whole_phrase(tmp_path: Path) -> None:
    short = _short(engine_over(tmp_path, _SCHOOL), "Why is the school trust being wound up?")
    assert short == "after a series of failings in its finance team"


def test_a_cause_listing_several_keeps_the_list(tmp_path: Path) -> None:
    assert "brick pits" in _short(engine_over(tmp_path, _SCHOOL), "Why was Wexcombe school late to open?")


def test_a_heading_is_no_cause_told() -> None:
    known = frozenset({"price", "report"})
    query = parse_query("Why did the price go up?", known, known)
    assert short_answer(query, "Report", None) is None
    # Nor is a pronoun: "reflects that" points back to the sentence before.
    assert short_answer(query, "The price reflects that.", None) != "that"
    # A quote cut short loses its lone mark.
    long = (
        'Jo Bell said the crossing "had stopped paying its way once the new road bridge opened to traffic".'
    )
    cut = short_answer(query, long, None)
    assert cut and cut.startswith("the crossing had stopped paying") and '"' not in cut
    # What someone said is told without "said"; not what someone who said nothing did.
    assert (
        short_answer(query, "Jo Bell said that costs had risen sharply.", None) == "costs had risen sharply"
    )
    silent = short_answer(query, "Jo Bell, who said nothing at the meeting, voted for the rise.", None)
    assert silent is None or not silent.startswith("said")
    # Nor what someone said that only says the question again.
    said = short_answer(query, "Jo Bell said the price went up.", None)
    assert said is None or not said.startswith("the price")


@pytest.mark.parametrize(
    ("said", "question", "short"),
    [
        (
            "To keep the fares down, the crossing will run with one boat, not the two promised in 2019.",
            "Why will the crossing run with one boat?",
            "to keep the fares down",
        ),
        (
            "The choir left its old rooms in the chapel hall in May, as the building is being "
            "converted into flats.",
            "Why did the choir move out of the chapel hall?",
            "the building is being converted into flats",
        ),
        (
            "Wexcombe Buses will not bid for the school route again, saying it cannot find enough "
            "drivers for the early runs.",
            "Why won't Wexcombe Buses bid for the school route?",
            "it cannot find enough drivers for the early runs",
        ),
        (
            "The cost of the sea wall has risen to £9m after divers found the old stone foundations "
            "cracked along most of their length.",
            "Why did the cost of the sea wall rise?",
            "divers found the old stone foundations cracked along most of their length",
        ),
        # What someone found or blamed is the cause, without who found it.
        (
            "Surveyors found that the harbour wall had been undermined by the winter storms.",
            "Why is the harbour wall being rebuilt?",
            "the harbour wall had been undermined by the winter storms",
        ),
        # Failing a word of cause, the reason someone gave.
        (
            'Jo Bell, the harbour master, said the ferry "no longer paid its way" in winter.',
            "Why did Jo Bell stand down as harbour master?",
            'the ferry "no longer paid its way" in winter',
        ),
        (
            "The ferry company blamed the rise on higher fuel prices and a shortage of crew.",
            "Why did the ferry company put its prices up?",
            "higher fuel prices and a shortage of crew",
        ),
    ],
)
def test_a_cause_is_told_in_its_own_clause(tmp_path: Path, said: str, question: str, short: str) -> None:
    news = {"2020-town.md": article("Town news", "2020-07-01", said)}
    assert _short(engine_over(tmp_path, news), question) == short


def test_causes_counted_before_a_colon_are_what_follows_it(engine: Engine) -> None:
    assert "dearer gas contract" in _short(engine, "What caused the rise in the lido's day ticket?")


def test_causes_counted_at_a_sentences_end_are_the_next_sentence(engine: Engine) -> None:
    assert "heating oil" in _short(engine, "Why did the pool season ticket go up?")


def test_a_cause_too_long_to_tell_whole_is_told_from_what_was_argued(engine: Engine) -> None:
    short = _short(engine, "Why did the council refuse the market hall extension?")
    assert short.startswith("the narrow yard could not take delivery lorries")


def test_a_sentence_telling_what_happened_is_explained_by_one_beside_it(tmp_path: Path) -> None:
    depot = article(
        "Depot opening",
        "2024-05-06",
        "The Wexcombe bus depot will not now open until spring 2026, two years late. Work on the "
        "site stopped for four months after floodwater filled the foundations last winter.",
    )
    answer = engine_over(tmp_path, {**DOCUMENTS, "2024-depot.md": depot}).ask(
        "Why is the Wexcombe bus depot two years late?"
    )
    assert answer.answer is not None and answer.answer.endswith("two years late.")
    assert answer.short == "after floodwater filled the foundations last winter"


@pytest.mark.parametrize(
    ("text", "question", "short"),
    [
        (
            "The Kelby depot will open in 2026 after three changes of contractor. The site covers "
            "four acres.",
            "Why will the Kelby depot open in 2026?",
            "after three changes of contractor",
        ),
        (
            "Kelby baths shut for a month because of two problems with the roof. Swimmers used "
            "the Ordley pool instead.",
            "Why did Kelby baths shut for a month?",
            "because of two problems with the roof",
        ),
    ],
)
def test_a_sentence_counting_its_causes_in_its_own_clause_gives_them(
    tmp_path: Path, text: str, question: str, short: str
) -> None:
    engine = engine_over(tmp_path, {**DOCUMENTS, "2024-kelby.md": article("Kelby news", "2024-07-01", text)})
    assert engine.ask(question).short == short


_INSPECTION = {
    "2018-inspection.md": article(
        "Gelston planning service inspection report",
        "2018-03-22",
        "The Planning Inspectorate has graded the Gelston Council planning service as requires "
        "improvement. At the previous inspection, in 2015, the service was graded good.\n\n"
        "The main reason for the lower grade is the service's handling of appeals from residents. "
        "Half of all appeals waited more than a year for a decision.\n\n"
        "The council told inspectors that a new case system is scheduled for summer 2019. "
        "Inspectors will revisit the service in the autumn.",
    ),
    "2016-planning.md": article(
        "Planning service wins praise",
        "2016-05-02",
        "The Gelston Council planning service dealt with 2,100 applications last year, the council said.",
    ),
}


def test_a_cause_named_in_few_of_the_questions_words_answers_why(tmp_path: Path) -> None:
    # "marked down" is said nowhere; "the reason for the lower grade" names the cause.
    engine = engine_over(tmp_path, _INSPECTION)
    question = "Why was the planning service marked down by the inspectorate in 2018?"
    assert "reason for the lower grade" in engine.ask(question).results[0].passage
    assert _short(engine, question) == "the service's handling of appeals from residents"
