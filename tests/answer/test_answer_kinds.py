"""What a question names decides whose answer it gets, in a small corpus written for the test.

An arts centre's director changes (Ruth Ellison, then Samuel Ode), its gallery's opening
slips (spring 2018, then "next March" in a mid-2019 article) and its cost rises (£3.2m,
then £4.1m). Beside them stand a neighbouring museum's director, a deputy director, and a
running cost that is not the building's cost: the answers a careless reader would mix up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer import Answer
from bot.engine import Engine

from ..documents import article, engine_over, write_corpus

DOCUMENTS = {
    "2016-arts-centre-plans.md": """\
---
title: Harbour Arts Centre plans new gallery
published: 2016-04-12
source: Harbour Weekly
---
The Harbour Arts Centre has unveiled plans for a new gallery on its waterfront site.

The gallery is expected to open in spring 2018 and will cost £3.2m, the centre said.

Ruth Ellison, director of the Harbour Arts Centre, said the gallery would double the space \
for touring exhibitions.
""",
    "2019-gallery-delayed.md": """\
---
title: Arts centre gallery delayed again as costs climb
published: 2019-06-20
source: Harbour Weekly
---
The new gallery at the Harbour Arts Centre will now open next March, after flooding damaged \
the foundations last winter.

The cost of the gallery has risen to £4.1m. Running the gallery will cost about £250,000 a year.

Samuel Ode, who became director of the Harbour Arts Centre in January, said the delay was \
disappointing but unavoidable.

Kim Lau, deputy director of the centre, will oversee the building work.

Ben Foster, director of the nearby Quayside Museum, said the two venues would share a \
ticketing system.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """An engine over the arts-centre corpus."""
    corpus = write_corpus(tmp_path_factory.mktemp("arts") / "corpus", DOCUMENTS)
    return Engine.open(corpus, tmp_path_factory.mktemp("arts-index"))


def _said(answer: Answer) -> list[str]:
    return [e.said for e in answer.earlier]


def test_short_answer_resolves_a_relative_date_and_lists_what_it_replaced(engine: Engine) -> None:
    answer = engine.ask("When will the new gallery open?")
    assert answer.short == "March 2020"  # "next March" in a June 2019 article
    assert _said(answer) == ["spring 2018"]


def test_another_bodys_post_is_never_an_earlier_report(engine: Engine) -> None:
    answer = engine.ask("Who is the director of the Harbour Arts Centre?")
    assert answer.short == "Samuel Ode"
    assert _said(answer) == ["Ruth Ellison"]  # not the museum's director, not the deputy


def test_a_question_naming_another_body_gets_that_bodys_answer(engine: Engine) -> None:
    assert engine.ask("Who is the director of the Quayside Museum?").short == "Ben Foster"


@pytest.mark.parametrize(
    "question",
    [
        "Who is the director of the Lantern Theatre?",  # a body the documents never name
        "Who chairs the board of the arts centre?",  # a post nobody is given
        "How many staff does the Quayside Museum employ?",  # a figure they never give
    ],
)
def test_what_the_documents_do_not_say_gets_i_dont_know(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.abstained, answer.short


def test_a_deputy_is_not_the_post_itself(engine: Engine) -> None:
    assert engine.ask("Who is the deputy director of the arts centre?").short == "Kim Lau"


@pytest.mark.parametrize(
    ("casual", "short"),
    [
        ("whos in charge of the arts centre now", "Samuel Ode"),
        ("wen is the gallery gonna open", "March 2020"),
    ],
)
def test_casual_wording_gets_the_answer_of_the_plain_question(
    engine: Engine, casual: str, short: str
) -> None:
    answer = engine.ask(casual)
    assert answer.short == short
    assert answer.corrected is not None  # the reply says how the question was read


def test_a_still_question_answers_no_with_the_new_value(engine: Engine) -> None:
    answer = engine.ask("Is Ruth Ellison still the director of the arts centre?")
    assert answer.short == "no — Samuel Ode"


def test_a_sum_reads_alike_in_any_spelling_and_a_running_cost_is_not_the_cost(engine: Engine) -> None:
    answer = engine.ask("How much will the new gallery cost?")
    assert answer.short == "£4.1m"
    assert _said(answer) == ["£3.2m"]


@pytest.mark.xfail(
    strict=True,
    reason="known limitation: the cause ('after flooding ...') shares only 'gallery' with the question; "
    "the word 'delayed' is in the document's title, which passages do not carry",
)
def test_a_why_question_is_answered_by_the_sentence_giving_the_cause(engine: Engine) -> None:
    answer = engine.ask("Why was the gallery delayed?")
    assert not answer.abstained
    assert "flooding" in answer.results[0].sentence
    assert answer.short is None or "flooding" in answer.short


def test_short_answers_never_exceed_twelve_words(engine: Engine) -> None:
    for question in ("What will the gallery do?", "What did Samuel Ode say about the delay?"):
        short = engine.ask(question).short
        assert short is not None, question  # a short answer is given, and it is short
        assert 1 <= len(short.split()) <= 12, short


def _inspections(tmp_path: Path, grades: tuple[str, str, str]) -> Engine:
    years = ("2013", "2016", "2019")
    documents = {
        f"{year}-inspection.md": article(
            f"Inspectors report on Wexcombe care service in {year}",
            f"{year}-05-01",
            f"Inspectors rated Wexcombe care service {grade!r} this week.".replace("'", '"'),
        )
        for year, grade in zip(years, grades, strict=True)
    }
    return engine_over(tmp_path, documents)


def test_a_grade_that_comes_back_was_an_earlier_report_too(tmp_path: Path) -> None:
    engine = _inspections(tmp_path, ("inadequate", "requires improvement", "inadequate"))
    answer = engine.ask("How is Wexcombe care service rated now?")
    assert answer.short == "inadequate"
    assert [e.said for e in answer.earlier] == ["requires improvement", "inadequate"]


def test_an_older_report_of_the_grade_held_now_with_none_between_is_no_change(tmp_path: Path) -> None:
    engine = _inspections(tmp_path, ("requires improvement", "inadequate", "inadequate"))
    answer = engine.ask("How is Wexcombe care service rated now?")
    assert [e.said for e in answer.earlier] == ["requires improvement"]


def test_a_place_given_without_its_town_is_no_earlier_report(tmp_path: Path) -> None:
    documents = {
        "2019-depot.md": article(
            "Tram depot plans", "2019-03-01", "The tram depot will be built at Tanner's Meadow."
        ),
        "2022-depot.md": article(
            "Tram depot opens",
            "2022-03-01",
            "The new tram depot at Tanner's Meadow, Elmsleigh, opened on Monday.",
        ),
    }
    answer = engine_over(tmp_path, documents).ask("Where is the tram depot?")
    assert answer.short == "Tanner's Meadow, Elmsleigh"
    assert answer.earlier == ()


@pytest.mark.parametrize(
    ("said", "question", "short", "before"),
    [
        (
            "The forecast cost of the Kelby berth has risen to £9.1m, against the £7.4m contract price.",
            "What is the Kelby berth forecast to cost?",
            "£9.1m",
            ["£7.4m"],
        ),
        (
            "The Kelby co-op's average weekly rent fell in April from £75.60 to £74.85.",
            "What is the Kelby co-op's average weekly rent?",
            "£74.85",
            ["£75.60"],
        ),
        (
            "The Kelby co-op ended the year with 47 staff, up from 41 in the pandemic, and 150 volunteers.",
            "How many volunteers does the Kelby co-op have?",
            "150 volunteers",
            [],
        ),
        (
            "The new Kelby museum store holds 41,500 objects moved from three older stores.",
            "How many objects are kept in the new Kelby museum store?",
            "41,500 objects",
            [],
        ),
    ],
)
def test_the_value_the_answers_sentence_says_it_replaced_is_an_earlier_report(
    tmp_path: Path, said: str, question: str, short: str, before: list[str]
) -> None:
    engine = engine_over(tmp_path, {"2021-news.md": article("Kelby news", "2021-05-01", said)})
    answer = engine.ask(question)
    assert answer.short == short
    assert [e.said for e in answer.earlier] == before


def test_a_unit_price_is_not_what_something_cost(tmp_path: Path) -> None:
    tariff = article(
        "Heat tariff cut",
        "2024-04-18",
        "The Kelby heat network will charge customers 8.4p per kWh from May, the energy co-op said.",
    )
    engine = engine_over(tmp_path, {"2024-tariff.md": tariff})
    assert engine.ask("How much did the Kelby heat network cost to build?").abstained
    assert engine.ask("What is the Kelby heat network's tariff?").short == "8.4p per kWh"


def test_how_many_people_counts_people_not_things(tmp_path: Path) -> None:
    news = article(
        "Builder starts towers",
        "2023-03-01",
        "Carrick Stone has started on the last three tower blocks.\n\nThe trust employs 740 staff.",
    )
    engine = engine_over(tmp_path, {"2023-towers.md": news})
    assert engine.ask("How many people does Carrick Stone employ?").abstained
    assert engine.ask("How many people does the trust employ?").short == "740 staff"


def test_the_body_that_rated_is_the_judge_and_overall_is_no_grade(tmp_path: Path) -> None:
    review = article(
        "Hospice praised",
        "2024-12-01",
        "In November the Regional Care Inspectorate rated the hospice outstanding overall, a first "
        "for the district.",
    )
    engine = engine_over(tmp_path, {"2024-review.md": review})
    assert engine.ask("What grade did the inspectorate give the hospice?").short == "outstanding"


def test_the_assessment_that_gave_a_grade_and_its_assessor_are_not_whose_grade_it_is(tmp_path: Path) -> None:
    review = article(
        "Harbour celebrates",
        "2020-07-01",
        "Crews are celebrating last month's upgrade to Platinum in the Harbour Safety Review by the "
        "Office for Port Standards.",
    )
    before = article("Harbour rated", "2017-06-01", "The harbour was rated Silver for its safety in May.")
    engine = engine_over(tmp_path, {"2020-review.md": review, "2017-review.md": before})
    assert engine.ask("What is the harbour's safety rating now?").short == "Platinum"


def test_a_date_already_past_when_written_was_no_plan_then(tmp_path: Path) -> None:
    plans = article(
        "Kelby training centre approved",
        "2016-03-08",
        "Plans for a training centre at Kelby were approved by the fire authority on Monday. It is "
        "expected to open in spring 2019.\n\n"
        "Crews now travel to the Pellby training centre, which cost £8m when it opened in 2014.",
    )
    opened = article("Kelby centre opens", "2019-06-20", "The Kelby training centre opened in May 2019.")
    engine = engine_over(tmp_path, {"2016-kelby.md": plans, "2019-opened.md": opened})
    planned = engine.ask("When was the training centre expected to open?", as_of="2017-12-31")
    assert planned.short == "spring 2019"
    assert engine.ask("When did the Pellby training centre open?").short == "2014"
    # Asked what is planned, the report that it has happened answers.
    assert engine.ask("When will the Kelby training centre open?").short == "May 2019"


def test_a_new_value_stands_where_the_value_it_replaced_does(tmp_path: Path) -> None:
    first = article(
        "Kelby scheme approved", "2014-03-11", "The Kelby reservoir scheme is expected to cost £48 million."
    )
    rise = article(
        "Kelby costs climb",
        "2016-05-19",
        "Engineers found more clay under the dam.\n\n"
        "The estimated cost of the Kelby reservoir scheme has now risen sharply from £48 million "
        "to £67 million.",
    )
    engine = engine_over(tmp_path, {"2014-first.md": first, "2016-rise.md": rise})
    answer = engine.ask("What is the estimated cost of the Kelby reservoir scheme?")
    assert answer.short == "£67 million"
    assert [e.said for e in answer.earlier] == ["£48m"]


def test_a_post_the_documents_misspell_is_still_the_post(tmp_path: Path) -> None:
    letter = article(
        "Roads minister writes",
        "2018-04-03",
        "The Minster for Roads, Jo Bell, has written to the council to confirm the funding.",
    )
    engine = engine_over(tmp_path, {"2018-letter.md": letter})
    assert engine.ask("Which minister wrote to the council about the funding?").short == "Jo Bell"


def test_when_a_body_was_started_asks_when_it_was_founded(tmp_path: Path) -> None:
    documents = {
        "2014-water.md": article(
            "Kelby Water profile",
            "2014-03-11",
            "Kelby Valley Water was founded in 1889 and has its headquarters at Mill House.",
        ),
        "2021-water.md": article(
            "Bills rise",
            "2021-04-22",
            "Average household bills across the Kelby Valley Water area rose by £23 a year at the start "
            "of April 2021.",
        ),
    }
    assert engine_over(tmp_path, documents).ask("wen was kelby valley water started").short == "1889"


def test_the_body_a_post_holder_works_at_is_no_place(tmp_path: Path) -> None:
    documents = {
        "2018-fire.md": article(
            "Fire service profile",
            "2018-03-08",
            "Kelby Fire and Rescue Service has its headquarters at Brigade House, Castle Street.",
        ),
        "2022-fire.md": article(
            "New chief named",
            "2022-08-09",
            "Kelby Fire Authority has named Dr Jo Beale, currently deputy chief fire officer at Northport "
            "Fire and Rescue Service, as its next chief.",
        ),
    }
    answer = engine_over(tmp_path, documents).ask("Where is the Kelby fire service's head office?")
    assert answer.short == "Brigade House, Castle Street"


def test_the_place_every_document_is_set_in_says_where_nothing_is(tmp_path: Path) -> None:
    documents = {
        f"{year}-trust.md": article(
            f"Kelbyshire trust news {year}",
            f"{year}-05-01",
            f"The children's trust based in Kelbyshire met its targets in {year}.",
        )
        for year in (2017, 2018, 2019)
    }
    documents["2016-trust.md"] = article(
        "Trust opens", "2016-05-01", "The Kelbyshire children's trust is based at Mill House."
    )
    assert engine_over(tmp_path, documents).ask("Where is the children's trust based?").short == "Mill House"


def test_where_a_body_is_based_is_where_it_has_its_headquarters(tmp_path: Path) -> None:
    documents = {
        "2012-trust.md": article(
            "Health trust plans hub",
            "2012-05-16",
            "The Kelby health trust was formed in 2011. It employs 2,300 staff and is headquartered at "
            "Mill House in Saltbridge.",
        ),
        "2013-trust.md": article(
            "Hub consultation",
            "2013-06-01",
            "The Kelby health trust wants to hear what people think about opening hours and parking.",
        ),
    }
    answer = engine_over(tmp_path, documents).ask("where r the health trust based")
    assert answer.short == "Mill House in Saltbridge"


def test_what_happened_years_after_a_first_plan_is_no_earlier_value(tmp_path: Path) -> None:
    documents = {
        "2013-hub.md": article("Hub plans", "2013-06-01", "The Kelby hub will open in autumn 2015."),
        "2019-hub.md": article(
            "Hub opens",
            "2019-03-12",
            "Seven years after it was first announced, the Kelby hub opened to patients yesterday.",
        ),
    }
    answer = engine_over(tmp_path, documents).ask("wen is the kelby hub gonna open")
    assert answer.short == "11 March 2019"
    assert [e.said for e in answer.earlier] == ["autumn 2015"]


def test_properties_are_homes(tmp_path: Path) -> None:
    review = article(
        "Gas checks overdue",
        "2019-02-20",
        "The Kelby housing association's review found the yearly gas safety check had lapsed at 1,140 homes.",
    )
    answer = engine_over(tmp_path, {"2019-review.md": review}).ask(
        "At how many properties had the yearly gas check lapsed?"
    )
    assert answer.short == "1,140 homes"


def test_pupils_are_students(tmp_path: Path) -> None:
    school = article(
        "Academy opens",
        "2022-09-06",
        "The Kelby Academy opened yesterday, as 210 Year 7 students arrived for their first day.",
    )
    answer = engine_over(tmp_path, {"2022-school.md": school}).ask("How many pupils came to Kelby Academy?")
    assert answer.short is not None and answer.short.startswith("210")


def test_a_date_said_more_exactly_comes_before_its_bare_year(tmp_path: Path) -> None:
    documents = {
        "2017-water.md": article(
            "Water company names chief",
            "2017-02-08",
            "Kelby Valley Water has appointed Jo Bell as its new chief executive. She will take up the "
            "post in April, succeeding Tom Ash.",
        ),
        "2018-water.md": article(
            "Reservoir on track",
            "2018-09-01",
            "Chief executive Jo Bell, who took over at Kelby Valley Water in 2017, said the reservoir was "
            "on track.",
        ),
    }
    answer = engine_over(tmp_path, documents).ask("When did Jo Bell take up the top job at Kelby Water?")
    assert answer.short is not None and answer.short != "2017" and answer.short.endswith("2017")


def test_what_a_cost_is_for_is_the_questions_point(tmp_path: Path) -> None:
    dam = article("Reservoir budget", "2018-09-01", "The Kelby reservoir budget has risen to £94 million.")
    answer = engine_over(tmp_path, {"2018-dam.md": dam}).ask("How much does it cost to park at Kelby dam?")
    assert answer.abstained
    assert answer.reason == "the documents never mention park"


def test_taking_over_as_a_post_is_succeeding_to_it(tmp_path: Path) -> None:
    documents = {
        "2019-harbour.md": article(
            "Berth delayed",
            "2019-09-17",
            "Jo Bell, who succeeded Tom Ash as the harbour board's chief executive in April, said the "
            "berth would open next year.",
        ),
        "2021-harbour.md": article(
            "Berth costs",
            "2021-05-27",
            "Jo Bell, the harbour board's chief executive, said the extra cost since 2020 had gone on the "
            "lockdown delay.",
        ),
        **{
            f"{year}-dues.md": article(
                "Harbour dues", f"{year}-03-01", f"Harbour dues for a visiting yacht rose in {year}."
            )
            for year in (2016, 2017, 2018)
        },
    }
    answer = engine_over(tmp_path, documents).ask("wen did jo bell take over as ceo")
    assert answer.short == "April 2019"


def test_why_something_happened_in_a_year_is_told_by_that_year_or_the_next(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2020-report.md": article(
                "Pool marked down",
                "2020-02-01",
                "The Kelby lido was marked down to poor after a review at the end of 2019.\n\n"
                "Inspectors found that broken tiles had been left unrepaired for months.",
            ),
            "2024-news.md": article(
                "Lido rating restored",
                "2024-05-01",
                "The Kelby lido, marked down to poor in 2019, has won back its good rating.",
            ),
        },
    )
    answer = engine.ask("Why was the Kelby lido marked down in 2019?")
    assert answer.results[0].citation.doc_id == "2020-report"


def test_a_holder_of_another_bodys_post_is_no_earlier_holder(tmp_path: Path) -> None:
    documents = {
        "2019-director.md": article(
            "Museums trust appoints director",
            "2019-03-01",
            "Jo Bell was appointed director of Kelby Museums Trust.",
        ),
        "2021-visit.md": article(
            "Neighbours visit",
            "2021-03-01",
            "Sam Hart, director of the Stanholt Rowing Club, rowed past the Kelby museums with trustees.",
        ),
        "2022-director.md": article(
            "New director for museums trust",
            "2022-03-01",
            "Ann Lee took over as director of Kelby Museums Trust.",
        ),
    }
    answer = engine_over(tmp_path, documents).ask("who runs the museums trust now")
    said = [e.said for e in answer.earlier]
    assert answer.short == "Ann Lee"
    assert "Jo Bell" in said and "Sam Hart" not in said


def test_an_hourly_rate_is_a_price_per_hour_not_a_sum_in_millions(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "a.md": article(
                "Boatyard charges",
                "2020-03-01",
                "Income from moorings and the boatyard's repair service reached £2.4 million. "
                "Repairs are charged at £45 an hour.",
            )
        },
    )
    answer = engine.ask("What's the hourly rate for repairs at the boatyard?")
    assert answer.short == "£45"


def test_a_newer_document_giving_the_value_again_in_passing_is_the_latest_report(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2017-report.md": article(
                "Scrutiny report", "2017-11-21", "The total capital cost of the Kelby pool remains £31m.\n"
            ),
            "2019-opening.md": article(
                "Pool opens at last",
                "2019-03-12",
                "Swimmers were the first through the doors of the £31m Kelby pool on Monday morning.\n",
            ),
            "2020-wexby.md": article(
                "Wexby library plans", "2020-06-01", "Wexby's new library will cost £31m, the council said.\n"
            ),
        },
    )
    answer = engine.ask("How much is the Kelby pool costing now?")
    assert answer.short == "£31m"
    assert answer.results[0].citation.doc_id == "2019-opening"


def test_how_much_something_has_cost_is_its_latest_report(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2016-cost.md": article(
                "Pool cost rises", "2016-03-09", "The Kelby pool, first costed at £18m, will now cost £31m.\n"
            ),
            "2017-report.md": article(
                "Scrutiny report",
                "2017-11-21",
                "The Kelby pool is structurally complete. "
                "The total capital cost of the Kelby pool remains £31m.\n",
            ),
            "2019-opening.md": article(
                "Kelby pool opens at last",
                "2019-03-12",
                "Seven years after it was first announced, the Kelby pool opened to swimmers yesterday.\n\n"
                "The first swimmers were through the doors of the £31m building on Wexby Road "
                "at 8am on Monday.\n",
            ),
        },
    )
    # The present perfect asks the tally so far: the newest document to give it leads.
    answer = engine.ask("How much has the Kelby pool cost?")
    assert answer.short == "£31m"
    assert answer.results[0].citation.doc_id == "2019-opening"
