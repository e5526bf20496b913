"""Reading one sentence: whether it gives its answer as what was said before, and which
of its dates answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.reading import tells_earlier
from bot.answer.spans import AnswerSpan

from ..documents import article, engine_over


def _span(sentence: str, text: str) -> AnswerSpan:
    start = sentence.index(text)
    return AnswerSpan(start, start + len(text), text, text.lower())


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The ferry terminal was first promised for 2015.", "2015"),
        ("The new quay, originally due in spring 2017, will now open in 2022.", "spring 2017"),
        ("Initially, the refit was costed at £4m.", "£4m"),
        ("When it was first announced the quay was promised for 2015, at a cost of £9m.", "£9m"),
        ("The berth had been expected to reopen in March 2018.", "March 2018"),
        ("The last flats are due in 2031; the original plan was to finish in 2026.", "2026"),
        ("The lido had been rated Needs Attention since 2019.", "Needs Attention"),
    ],
)
def test_a_value_given_as_first_planned_is_an_earlier_one(sentence: str, value: str) -> None:
    assert tells_earlier(sentence, _span(sentence, value))


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The quay will be finished next summer, five years later than first planned.", "next summer"),
        ("The new quay, originally due in spring 2017, will now open in 2022.", "2022"),
        ("Originally costed at £4m, the refit has since risen to £7m.", "£7m"),
        ("The terminal opened in May 2019.", "May 2019"),
        ("The last flats are due in 2031; the original plan was to finish in 2026.", "2031"),
        ("The first date of the tour is 3 June 2024.", "3 June 2024"),
        ("The original plans for the site were approved in 2019.", "2019"),
        ("The previous figure of 400 was beaten when 520 came in May.", "520"),
    ],
)
def test_the_new_value_beside_a_mention_of_the_first_plan_is_not_an_earlier_one(
    sentence: str, value: str
) -> None:
    assert not tells_earlier(sentence, _span(sentence, value))


def test_a_date_question_takes_the_date_beside_its_event(tmp_path: Path) -> None:
    # "two years ago" stands nearer the question's first words; "in June" beside "open".
    engine = engine_over(
        tmp_path,
        {
            "2019-quay.md": """\
---
title: Harbour board finances improve
published: 2019-03-04
source: Estuary Post
---
The harbour board now expects a small surplus, after a loss two years ago, and it says the \
Kelmouth ferry terminal is still due to open in June.
"""
        },
    )
    assert engine.ask("When was the Kelmouth ferry terminal due to open?").short == "June 2019"


def test_the_passage_telling_the_news_comes_before_its_headline(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "quay.txt": "Kelmouth terminal to open next summer\n\n"
            "The harbour board said on Monday that the Kelmouth ferry terminal will open next summer, "
            "a year later than planned.\n",
            "metadata.toml": '["quay"]\ntitle = "Kelmouth terminal to open next summer"\n'
            'publisher = "Estuary Post"\npublished = "2021-04-10"\n',
        },
    )
    answer = engine.ask("When will the Kelmouth terminal open?")
    assert answer.results[0].passage.startswith("The harbour board said")


def test_the_reasons_for_what_is_asked_answer_why(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "quay-rating.md": """\
---
title: Quay rating lowered
published: 2019-05-20
source: Estuary Post
---
The ports inspectorate has lowered the Kelmouth quay's safety rating.

The principal reasons were broken lights on the pier and a slippery ramp.
"""
        },
    )
    answer = engine.ask("Why was the Kelmouth quay's safety rating lowered in 2019?")
    assert answer.results[0].passage.startswith("The principal reasons were")


def test_a_heading_naming_reasons_is_not_the_cause(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2019-report.md": """\
---
title: Cabinet report on the quay grant
published: 2019-07-16
source: Estuary Council
---
In March 2019 the ports inspectorate moved the Kelmouth quay to a provisional licence, citing the loss \
of both harbour pilot posts.

The grant for the quay is cut by a tenth.

Reasons for the recommendations

The council must find savings of £4m in 2019/20.
"""
        },
    )
    answer = engine.ask("Why was the Kelmouth quay moved to a provisional licence?")
    assert answer.results[0].passage.startswith("In March 2019 the ports inspectorate")


_FERRY_FACTS = """\
---
title: Ferry company annual report
published: 2020-02-11
source: Estuary Post
---
The Kelmouth ferry company carried out fourteen safety drills last year.

Its new waiting room has seating for travellers, an events space seating 80 people and a café.

Two harbour crane accidents were reported in the spring, and two unitary councils now share the \
company's licence.
"""


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("How many safety drills did the Kelmouth ferry company run last year?", "fourteen safety drills"),
        ("How many seats are in the ferry company's events space?", "80 people"),
        ("how many unitaries share the ferry licence", "two unitary councils"),
    ],
)
def test_a_number_counts_what_its_phrase_names(tmp_path: Path, question: str, short: str) -> None:
    assert engine_over(tmp_path, {"ferry.md": _FERRY_FACTS}).ask(question).short == short


def test_a_number_whose_phrase_says_most_of_what_is_counted_counts_it(tmp_path: Path) -> None:
    hub = article("Hub opens", "2020-09-15", "The Kelby control hub has 96 call-taking and dispatch desks.")
    answer = engine_over(tmp_path, {"2020-hub.md": hub}).ask(
        "How many call-taking and dispatch positions does the Kelby hub have?"
    )
    assert answer.short is not None and answer.short.startswith("96")


_COUNTED_OTHERWISE = article(
    "Orvell news",
    "2024-01-20",
    "Stanholt Build went into administration in June, halting work on the Orvell library.\n\n"
    "About 45 of Stanholt Build's workers lost their jobs when the firm collapsed.\n\n"
    "The Orvell gallery has 14 staff and 40 volunteers.\n\n"
    "An estimated 52,000 people visited the gallery in 2023, its busiest year.\n",
)


@pytest.mark.parametrize(
    ("question", "short"),
    [
        # Workers who lost their jobs count the jobs.
        ("How many jobs went when Stanholt Build collapsed?", "About 45"),
        # People doing what is counted count it.
        ("How many visitors did the Orvell gallery get in 2023?", "52,000 people"),
    ],
)
def test_a_count_said_of_people_counts_what_they_do(tmp_path: Path, question: str, short: str) -> None:
    assert engine_over(tmp_path, {"2024-orvell.md": _COUNTED_OTHERWISE}).ask(question).short == short


def test_a_number_before_another_noun_does_not_count_its_modifier(tmp_path: Path) -> None:
    # "Two harbour crane accidents" counts accidents, not cranes.
    answer = engine_over(tmp_path, {"ferry.md": _FERRY_FACTS}).ask(
        "How many cranes does the ferry company own?"
    )
    assert answer.abstained


def test_why_is_answered_by_the_passage_going_on_about_what_the_question_names(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2021-move.md": """\
---
title: Ferry company leaves its old offices
published: 2021-06-15
source: Estuary Post
---
Redhaven Ferries moved its staff out of Gullwing House last month, its home for forty years.

Gullwing House, an old customs building, needed £2m of repairs to its roof and lifts.

The new offices are on the quay.
"""
        },
    )
    answer = engine.ask("Why did Redhaven Ferries move out of Gullwing House?")
    assert answer.results[0].passage.startswith("Gullwing House, an old customs building")


def test_a_date_question_ending_on_people_in_the_plural_takes_the_date_after_that_event(
    tmp_path: Path,
) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2018-builder.md": """\
---
title: Terminal builder collapses
published: 2018-09-06
source: Estuary Post
---
Gullwing Marine Construction, which won the Kelmouth terminal contract in 2016, called in \
administrators on 14 August, owing its suppliers £3m.
"""
        },
    )
    answer = engine.ask("On what date did the Kelmouth terminal contractor call in administrators?")
    assert answer.short == "14 August 2018"


def test_why_a_date_moved_is_told_by_the_first_article_giving_the_new_date(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2018-delay.md": article(
                "Kelmouth terminal delayed",
                "2018-11-02",
                "The opening of the Kelmouth ferry terminal has been put back to 2021. Engineers uncovered "
                "old fuel tanks under the quay.\n",
            ),
            "2020-update.md": article(
                "Kelmouth terminal update",
                "2020-06-01",
                "The Kelmouth ferry terminal will open in 2021, three years later than first planned, the "
                "harbour board said.\n",
            ),
        },
    )
    answer = engine.ask("Why was the Kelmouth ferry terminal put back to 2021?")
    assert answer.results[0].citation.doc_id == "2018-delay"


def test_why_a_date_moved_to_a_season_is_told_by_the_first_article_giving_that_season(
    tmp_path: Path,
) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2018-grant.md": article(
                "Stanholt pavilion grant",
                "2018-03-05",
                "The Stanholt pavilion has won a lottery grant that runs until 2021. It is due to open in "
                "autumn 2019.\n",
            ),
            "2019-delay.md": article(
                "Stanholt pavilion delayed",
                "2019-08-20",
                "The opening of the Stanholt pavilion has been pushed back to spring 2021. Surveyors found "
                "a badger sett under the site.\n",
            ),
            "2022-open.md": article(
                "Stanholt pavilion opens",
                "2022-04-02",
                "The Stanholt pavilion opened on Saturday, a year after the spring 2021 date it was pushed "
                "back to.\n",
            ),
        },
    )
    answer = engine.ask("Why did the Stanholt pavilion get pushed back to spring 2021?")
    assert answer.results[0].citation.doc_id == "2019-delay"


def test_why_a_date_moved_is_told_by_the_passage_giving_the_date_it_was_moved_from(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2021-delay.md": article(
                "Wexby tram delayed",
                "2021-02-10",
                "The Wexby tram will not carry passengers until spring 2023, the operator confirmed.\n\n"
                "Photo caption: a test tram at the depot.\n\n"
                "The operator had been aiming to open the line in March 2022. It said approvals for the "
                "signals had taken far longer than expected.\n",
            ),
            "2019-plan.md": article(
                "Wexby tram on track",
                "2019-05-01",
                "The Wexby tram is on course to open in March 2022, its operator said.\n",
            ),
        },
    )
    answer = engine.ask("Why was the Wexby tram put back from March 2022 to spring 2023?")
    assert "approvals for the signals" in answer.results[0].passage


_FOOTBRIDGE_COST = {
    "2019-cost.md": article(
        "Footbridge bill rises",
        "2019-04-10",
        "The estimated cost of the Kelmouth footbridge has risen to £14m, up from £9m.\n\n"
        "The increase reflects dearer steel and a redesign of the landing ramps.\n",
    ),
    "2021-open.md": article(
        "Footbridge opens",
        "2021-07-01",
        "The Kelmouth footbridge opened on Friday; its cost of £14m had not changed since 2019, the "
        "harbour board said.\n",
    ),
}


def test_why_a_figure_changed_is_told_by_the_first_article_giving_the_figure(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, _FOOTBRIDGE_COST).ask(
        "Why did the cost of the Kelmouth footbridge rise to £14m?"
    )
    assert answer.results[0].citation.doc_id == "2019-cost"
    assert "dearer steel" in answer.results[0].passage


def test_what_caused_something_is_asked_as_why(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, _FOOTBRIDGE_COST).ask(
        "What caused the Kelmouth footbridge cost to rise to £14m?"
    )
    assert "dearer steel" in answer.results[0].passage


def test_a_cause_later_in_the_passage_that_reports_what_happened_answers_why(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2018-rating.md": article(
                "Ferry company marked down",
                "2018-05-02",
                "Redhaven Ferries named a new chief executive this week.\n\n"
                "The regulator rated Redhaven Ferries 'weak', down from 'sound'. Inspectors found that "
                "safety drills had been skipped on two vessels.\n\n"
                "Its finances have improved, and the new quay is still due to open in June.\n",
            ),
        },
    )
    answer = engine.ask("Why did the regulator mark Redhaven Ferries down in 2018?")
    assert "safety drills" in answer.results[0].passage


def test_the_holder_who_took_over_answers_not_the_one_replaced(tmp_path: Path) -> None:
    # Jo Bell's own post is given as another body's ("a former hospital trust director"),
    # so only knowing that Sam Hart was the one replaced keeps him from answering.
    engine = engine_over(
        tmp_path,
        {
            "2015-board.md": article(
                "Kelby Homes board named",
                "2015-03-01",
                "Sam Hart, a retired surveyor, chairs the board of Kelby Homes.\n",
            ),
            "2017-search.md": article(
                "Kelby Homes seeks new chief executive",
                "2017-06-29",
                "The search for a new chief executive will be led by Jo Bell, a former hospital "
                "trust director who became chair of the Kelby Homes board in January, taking over "
                "from Sam Hart.\n",
            ),
        },
    )
    answer = engine.ask("Who chaired the Kelby Homes board?", as_of="2018-06-30")
    assert answer.short == "Jo Bell"
    assert [e.said for e in answer.earlier] == ["Sam Hart"]


def test_a_why_question_lists_no_earlier_figures(tmp_path: Path) -> None:
    # The question asks a cause; the older figures of the bill it names are another fact.
    engine = engine_over(
        tmp_path,
        {
            "2016-plan.md": article(
                "Kelby library plan",
                "2016-02-01",
                "The new Kelby library will cost £8.5m, councillors agreed.\n",
            ),
            "2022-open.md": article(
                "Kelby library opens",
                "2022-09-05",
                "The new Kelby library opened on Saturday; its bill stands at £11.4m.\n",
            ),
            "2023-final.md": article(
                "Kelby library final cost",
                "2023-04-18",
                "The Kelby library's final bill has been confirmed at £12.3m, against the £11.4m quoted "
                "when it opened.\n\nShelving and lighting were ordered early last year, when energy and "
                "materials prices were climbing fastest.\n",
            ),
        },
    )
    asked_for_the_figure = engine.ask("What is the final bill for the Kelby library?")
    assert "£11.4m" in [e.said for e in asked_for_the_figure.earlier]
    answer = engine.ask("What pushed the final bill above the figure quoted when the Kelby library opened?")
    assert answer.results[0].citation.doc_id == "2023-final"
    assert answer.earlier == ()


def test_a_number_joined_to_its_noun_counts_nothing_asked(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "settled.txt": "Nursing college welcomes first students after six-year wait\n\n"
            "Kelby Post | 2 October 2023\n\n"
            "The nursing college at Kelby opened its doors to students on Monday.\n",
        },
    )
    answer = engine.ask("How many students were in the nursing college's first intake?")
    assert answer.abstained, answer.short  # the wait was six years; no count of students is given


@pytest.mark.parametrize(
    "question",
    [
        "How much was the Kelby depot meant to cost when it was first approved?",
        "What was the original cost estimate for the Kelby depot?",
    ],
)
def test_a_question_asking_the_first_value_takes_the_one_a_change_replaced(
    tmp_path: Path, question: str
) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2021-depot.md": article(
                "Kelby depot bill rises",
                "2021-05-10",
                "The board has revised the cost of the Kelby depot to £12.4 million, up from £9.8 million "
                "when the scheme was approved in 2018.\n",
            ),
        },
    )
    assert engine.ask(question).short == "£9.8 million"
    assert engine.ask("How much will the Kelby depot cost?").short == "£12.4 million"


def test_first_before_a_noun_asks_no_first_value(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2021-depot.md": article(
                "Kelby depot bill rises",
                "2021-05-10",
                "The first phase of the Kelby depot will now cost £12.4 million, up from £9.8 million "
                "when it was approved in 2018.\n",
            ),
        },
    )
    assert engine.ask("How much will the first phase of the Kelby depot cost?").short == "£12.4 million"


_FAQ = {
    "faq.txt": "Rowing at Kelby: your questions\n\n"
    "Where do the juniors train?\n\n"
    "From May they meet in the west yard of Orvell House.\n\n"
    "How much is a season ticket?\n\n"
    "It is £140 for adults, as last year.\n\n"
    "How many boats does the club own?\n\n"
    "Nine, since the spring. Of these, 4 are racing eights.\n\n"
    "Why did the old slipway close?\n\n"
    "Its timbers rotted; they were renewed in May 2023 for £40,000.\n",
    "metadata.toml": '["faq"]\ntitle = "Rowing at Kelby: your questions"\n'
    'publisher = "Kelby Rowing Club"\npublished = "2024-04-02"\n',
}


def test_an_faq_answer_answers_the_question_its_heading_asks(tmp_path: Path) -> None:
    # Neither answer shares a word with the question: the heading above it asks it.
    engine = engine_over(tmp_path, _FAQ)
    answer = engine.ask("Where do the juniors train these days?")
    assert answer.results[0].passage.startswith("From May they meet")
    assert answer.short is not None and "Orvell House" in answer.short
    assert engine.ask("how much r season tickets").short == "£140"


def test_an_faq_answer_opening_on_a_number_counts_what_its_heading_asks(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, _FAQ)
    assert engine.ask("How many boats has the rowing club got now?").short == "Nine"
    # The count further on in the answer is not the heading's: "4 are racing eights".
    assert engine.ask("How many racing boats does the club have?").short != "4"


def test_a_figure_the_answer_is_a_multiple_of_is_not_the_answer(tmp_path: Path) -> None:
    news = article(
        "Kelby Fell pavilion",
        "2025-02-01",
        "The Kelby Fell pavilion is open.\n\nIts final bill was £640,000. That is three times "
        "the £210,000 budget set for the Kelby Fell cricket pavilion in 2019.\n",
    )
    engine = engine_over(tmp_path, {"2025.md": news})
    # "Fell" in the name asks no fall: the figure measured against is still no answer.
    assert engine.ask("What did the Kelby Fell cricket pavilion end up costing?").short == "£640,000"


def test_a_question_heading_answers_only_questions_of_its_kind(tmp_path: Path) -> None:
    # "Why did the old slipway close?" asks a cause: the date and the sum below it tell
    # when and for how much it was mended, not when it closed nor what it cost to build.
    engine = engine_over(tmp_path, _FAQ)
    assert engine.ask("When did the old slipway close?").short != "May 2023"
    assert engine.ask("How much did the old slipway cost to build?").short != "£40,000"


@pytest.mark.parametrize(
    ("older", "newer"),
    [("on Tuesday 3 March 2015", "in March 2015"), ("in March 2015", "in 2015")],
)
def test_a_date_told_more_exactly_elsewhere_is_answered_exactly(
    tmp_path: Path, older: str, newer: str
) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2015-charter.md": article(
                "Rowing club charter", "2015-03-05", f"Kelby Rowing Club signed its charter {older}.\n"
            ),
            "2017-review.md": article(
                "Rowing club grows",
                "2017-06-01",
                f"Kelby Rowing Club, whose charter was signed {newer}, has 300 members.\n",
            ),
        },
    )
    exact = older.removeprefix("on Tuesday ").removeprefix("in ")
    assert engine.ask("When did Kelby Rowing Club sign its charter?").short == exact


def test_a_plan_asked_of_a_past_time_is_the_one_still_to_come_then(tmp_path: Path) -> None:
    # The first sentence names the pavilion and gives dates already past; the second
    # gives the plan that held when the article was written.
    engine = engine_over(
        tmp_path,
        {
            "2018-pavilion.md": article(
                "Pavilion late again",
                "2018-03-14",
                "Work on the Gelston cricket pavilion began in 2014 and was to end by 2016, but a "
                "flooded basement stopped it. The club now plans to reopen it in June 2020.\n",
            )
        },
    )
    answer = engine.ask("As of January 2019, when was the Gelston cricket pavilion due to reopen?")
    assert answer.short == "June 2020"


def test_a_site_every_document_names_is_still_where_something_is(tmp_path: Path) -> None:
    # "Kelby" is where every document is set and says where nothing is; "Orvell Wharf", a
    # wharf, is a site, however many documents name it.
    documents = {
        f"{year}.md": article(
            f"Canal news {year}",
            f"{year}-05-01",
            f"Boats moored at Orvell Wharf in Kelby this spring ({year}).\n",
        )
        for year in (2016, 2017, 2018)
    }
    documents["2019.md"] = article(
        "Visitor numbers",
        "2019-07-10",
        "The Gelston House visitor centre at Orvell Wharf in Kelby received 22,000 visitors last year.\n",
    )
    engine = engine_over(tmp_path, documents)
    assert engine.ask("wheres the visitor centre at").short == "Orvell Wharf in Kelby"


def test_of_two_counts_as_near_the_question_the_one_whose_phrase_says_more_of_it(tmp_path: Path) -> None:
    news = article("Depot fleet", "2023-10-01", "The Kelby depot has 40 buses and 12 electric buses.\n")
    engine = engine_over(tmp_path, {"2023.md": news})
    assert engine.ask("how many electric buses does the kelby depot have").short == "12 electric buses"


def test_a_lorry_is_a_vehicle(tmp_path: Path) -> None:
    news = article(
        "Bin fleet",
        "2023-10-01",
        "The Kelby rounds are served by nine electric vehicles.\n",
    )
    engine = engine_over(tmp_path, {"2023.md": news})
    assert engine.ask("how many electric bin lorries does kelby have").short == "nine electric vehicles"
