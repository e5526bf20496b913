"""The short answer follows the question's shape, in a small corpus written for the test.

A ferry company's new terminal: who speaks for it, what its scheme is called, which
report found what, what a charity is, how a rating was later revised. Each test names the
shape of question it checks; none of these sentences is in any other corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.figures import figure_as_said
from bot.answer.query import parse_query
from bot.answer.short import short_answer
from bot.answer.spans import find_answer_spans
from bot.engine import Engine
from bot.text.mentions import find_date_mentions

from ..documents import article, engine_over, write_corpus

DOCUMENTS = {
    "2018-terminal-plans.md": """\
---
title: Ferry company sets out terminal plans
published: 2018-03-02
source: Estuary Post
---
Redhaven Ferries has set out plans for a new passenger terminal on the north quay.

Lena Holt, chief executive of the company, said the terminal was long overdue.

Redhaven Ferries appointed Arthur Penrose its first chief executive in 1990.

The company, which has its head office at Gullwing House in Kelmouth, runs six crossings a day.

The Kelmouth terminal is expected to cost £12m.

Redhaven Ferries was founded in 1872 and carries some 1850 vehicles a week. It employs \
about 240 crew.

Councillor Nadia Brook, chair of the harbour committee, said the terminal would help the \
port handle the growing number of foot passengers.

The annual harbour review found that waiting times at the old terminal had doubled.

The company is working with rowing charity Oarsworth Trust on a new slipway.

Redhaven Ferries funds beach cleans with its long-standing partner charity, the Gull Point \
Trust, every spring.

Lena Holt called the slipway a welcome boost for young rowers.

Under a scheme called Tidepass, regular travellers will pay a single monthly fee.

The old terminal was rated "poor" by the ports inspectorate in 2015. It was re-rated as \
"fair" in May 2017.

Mira Stone, chair of the company's board of directors, opened the exhibition.

The Labour-run harbour board owns the quay.

The Seabird Fund, the company's grant for island families, is worth £300 a year.
""",
    "2022-new-chief.md": """\
---
title: New ferry chief promises faster crossings
published: 2022-05-01
source: Estuary Post
---
The new chief executive of Redhaven Ferries has promised faster crossings by next year.

Tom Avery, who took charge of the company in March, said new engines had been ordered. Sara \
Quinn, the company's deputy chief executive, said the timetable would follow.

Redhaven Ferries carried a record number of passengers in 2021.

The neighbouring Ridgeway Ferry Company was fined last year. Its chief executive, Kay Moss, apologised.
""",
    "2019-fund-doubled.md": """\
---
title: Ferry fund doubled
published: 2019-09-20
source: Estuary Post
---
Seabird Fund doubled

The Seabird Fund has risen from £300 to £600 a year to help island families with travel costs.

The company said the fund was doubled because two island schools closed and families now travel daily.
""",
    "2021-terminal-delay.md": """\
---
title: Terminal opening put back
published: 2021-04-10
source: Estuary Post
---
Redhaven Ferries said the new terminal will now open next summer.

Divers found an old wreck lying across the line of the new pier, which forced engineers to \
move it twenty metres east.

The new terminal will be built by Saltmarsh Marine, which was chosen as main contractor last year.

The engineering firm Gannet Design drew the plans for a ticket office.

Kay Moss, chief executive of the Ridgeway Ferry Company, said her crossings would share the quay.

Councillor Omar Reed, chair of the quay users' forum, said the delay was disappointing.

Islanders fear the delay could lead to higher fares on the winter crossings.

Lena Holt, who chairs the islanders' travel panel, said: “The delay is hard on families who \
cross every day, and on the crews who have worked through two winters on the old quay.

“What islanders deserve is a crossing they can rely on in every season.”
""",
    "2023-terminal-budget.md": """\
---
title: Kelmouth terminal budget rises
published: 2023-02-14
source: Estuary Post
---
Tom Avery said the terminal's budget had risen to £15m because steel prices had climbed.

Tom Avery, chief executive of Redhaven Ferries since March 2022, said the first sailings from \
the new terminal would be announced in the spring.

The long-delayed terminal has been put back several times since the plans were first drawn up.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """An engine over the ferry-terminal corpus."""
    corpus = write_corpus(tmp_path_factory.mktemp("ferry") / "corpus", DOCUMENTS)
    return Engine.open(corpus, tmp_path_factory.mktemp("ferry-index"))


def _short(engine: Engine, question: str, as_of: str | None = None) -> str:
    answer = engine.ask(question, as_of=as_of)
    assert not answer.abstained, answer
    assert answer.short is not None
    return answer.short


def test_a_question_ending_on_a_verb_is_answered_by_what_follows_that_verb(engine: Engine) -> None:
    short = _short(engine, "What did Nadia Brook say the terminal would help the port handle?")
    assert "growing number of foot passengers" in short


def test_which_noun_is_answered_by_the_phrase_that_noun_heads(engine: Engine) -> None:
    short = _short(engine, "Which review found that waiting times had doubled?")
    assert "annual harbour review" in short


def test_which_noun_late_in_the_question_is_answered_by_the_phrase_it_heads(engine: Engine) -> None:
    short = _short(engine, "Waiting times at the old terminal doubled according to which review?")
    assert "annual harbour review" in short


def test_a_description_keeps_its_article(engine: Engine) -> None:
    assert _short(engine, "How did Lena Holt describe the slipway?").startswith("a welcome boost")


@pytest.mark.parametrize("kind", ["firm", "business"])
def test_which_firm_is_the_post_is_answered_by_the_name_given_that_post(engine: Engine, kind: str) -> None:
    # "firm" stands beside Gannet Design, in a sentence about something else; "business"
    # is a word the documents never use, and any kind of body may be the answer.
    question = f"Which {kind} is the main contractor on the new terminal?"
    assert _short(engine, question) == "Saltmarsh Marine"


def test_a_newer_value_in_an_article_whose_title_names_the_subject_is_the_latest(engine: Engine) -> None:
    # "the terminal" is the Kelmouth one because the article's title says so.
    answer = engine.ask("What is the latest cost of the Kelmouth terminal?")
    assert answer.short == "£15m"
    assert [e.said for e in answer.earlier] == ["£12m"]


def test_what_someone_said_is_found_in_the_quote_running_on_after_their_name(engine: Engine) -> None:
    answer = engine.ask("What does Lena Holt say islanders deserve?")
    assert answer.results[0].passage.startswith("“What islanders deserve")
    assert "a crossing they can rely on" in (answer.short or "")


def test_why_in_a_year_is_answered_by_that_years_report_of_the_cause(engine: Engine) -> None:
    # The cause shares no word with the question; a newer article only restates the delay.
    answer = engine.ask("Why was the opening of the terminal put back in 2021?")
    assert answer.results[0].passage.startswith("Divers found an old wreck")


def test_being_scared_of_something_is_fearing_it(engine: Engine) -> None:
    answer = engine.ask("wat r islanders scared of")
    assert answer.results[0].sentence.startswith("Islanders fear the delay")


def test_what_is_it_called_is_answered_by_the_name(engine: Engine) -> None:
    assert _short(engine, "What is the scheme for regular travellers called?") == "Tidepass"


def test_what_kind_of_body_is_answered_by_the_words_before_its_name(engine: Engine) -> None:
    # Said as a title ("rowing charity Oarsworth Trust"), the kind of one body takes "a".
    assert _short(engine, "What kind of organisation is Oarsworth Trust?") == "a rowing charity"


def test_what_kind_of_bodies_takes_no_article_and_a_vowel_takes_an(tmp_path: Path) -> None:
    body = "The ferry company is backed by independent watchdog Kelby Watch and rowing clubs Oarsmen United."
    engine = engine_over(tmp_path, {"2019-backers.md": article("Ferry backers", "2019-06-01", body)})
    assert _short(engine, "What kind of body is Kelby Watch?") == "an independent watchdog"
    assert _short(engine, "What kind of organisations are Oarsmen United?") == "rowing clubs"


def test_what_kind_of_body_keeps_the_article_the_sentence_gives_it(tmp_path: Path) -> None:
    body = "Each summer the ferry company sponsors a youth sailing club Seaspray Juniors on the estuary."
    engine = engine_over(tmp_path, {"2019-sponsor.md": article("Ferry sponsors sailors", "2019-06-01", body)})
    assert _short(engine, "What kind of organisation is Seaspray Juniors?") == "a youth sailing club"


def test_a_person_is_named_with_their_title(engine: Engine) -> None:
    assert _short(engine, "Who chairs the harbour committee?") == "Councillor Nadia Brook"


def test_a_sentence_going_on_with_a_later_date_gives_the_current_rating(engine: Engine) -> None:
    answer = engine.ask("How was the old terminal rated by the ports inspectorate?")
    assert answer.short == "fair (May 2017)"


def test_a_question_naming_the_earlier_rating_keeps_its_own_sentence(engine: Engine) -> None:
    answer = engine.ask("When was the old terminal rated poor?")
    assert answer.short == "2015"


def test_next_summer_in_an_april_article_is_next_years_summer(engine: Engine) -> None:
    assert _short(engine, "When will the new terminal open?") == "summer 2022"


def test_a_place_is_given_with_the_town_it_stands_in(engine: Engine) -> None:
    assert _short(engine, "Where is the company's head office?") == "Gullwing House in Kelmouth"


def test_headquarters_is_a_head_office(engine: Engine) -> None:
    assert _short(engine, "Where are Redhaven Ferries' headquarters?") == "Gullwing House in Kelmouth"


def test_a_year_before_1900_after_a_preposition_is_a_date(engine: Engine) -> None:
    assert _short(engine, "When was Redhaven Ferries founded?") == "1872"
    assert [m.text for m in find_date_mentions("some 1850 vehicles, and 1872 seats")] == []


def test_what_year_asks_for_the_date_of_the_event_the_question_ends_on(engine: Engine) -> None:
    # The newer "carried a record number of passengers in 2021" names the company and a
    # year, but not its founding.
    assert _short(engine, "In what year was Redhaven Ferries founded?") == "1872"


def test_a_number_inside_a_date_counts_nothing() -> None:
    sentence = "Kelmouth, 8 February 2017 - The company employs 85 people."
    spans = find_answer_spans(sentence, "count", "How many people does the company employ?")
    assert [s.text for s in spans] == ["85"]


def test_a_post_of_another_body_named_with_the_same_word_is_not_the_post_asked(engine: Engine) -> None:
    # As things stood in 2021, when the Ridgeway Ferry Company's chief executive was quoted.
    assert _short(engine, "Who is the chief executive of the company?", as_of="2021-12-31") == "Lena Holt"


def test_a_post_of_another_body_is_not_the_post_asked_about(engine: Engine) -> None:
    # The newer article's chair chairs the harbour committee; the board's chair is asked about.
    assert _short(engine, "Who chairs the company's board of directors?") == "Mira Stone"


def test_a_figure_keeps_how_exact_it_is(engine: Engine) -> None:
    assert _short(engine, "How many crew does Redhaven Ferries employ?") == "about 240"


def test_a_change_from_one_value_to_another_gives_the_new_one(engine: Engine) -> None:
    assert _short(engine, "How much does the Seabird Fund give?") == "£600 a year"


def test_a_change_with_words_between_its_values_gives_the_new_one(tmp_path: Path) -> None:
    cut = article(
        "Island ferry cut",
        "2022-10-01",
        "Orla Line is cutting the Skerra ferry from six sailings a day to five sailings a day.",
    )
    engine = engine_over(tmp_path, {"2022-cut.md": cut})
    assert engine.ask("How many sailings a day does the Skerra ferry make?").short == "five sailings a day"


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("Who is the ambulance service's chief executive now?", "Sandra Kilby"),
        ("Who did Sandra Kilby succeed?", "Derek Mallow"),
    ],
)
def test_who_was_succeeded_by_whom_gives_the_new_holder(tmp_path: Path, question: str, short: str) -> None:
    news = article(
        "Ambulance chief retires",
        "2023-02-01",
        "The ambulance service's chief executive Derek Mallow has retired and been "
        "succeeded by Sandra Kilby.",
    )
    assert engine_over(tmp_path, {"2023-chief.md": news}).ask(question).short == short


def test_which_kind_of_company_is_the_name_that_says_that_kind(tmp_path: Path) -> None:
    news = article(
        "Solar farm connected",
        "2024-04-18",
        "The Ravensdyke solar farm on Moor Road was energised on Tuesday, when engineers from the "
        "grid operator, Northern Grid Networks, completed the connection.",
    )
    answer = engine_over(tmp_path, {"2024-solar.md": news}).ask("Which grid company connected Ravensdyke?")
    assert answer.short == "Northern Grid Networks"


def test_an_aside_between_commas_does_not_part_a_value_from_its_subject(engine: Engine) -> None:
    # As things stood in 2018: "The Seabird Fund, the company's grant ..., is worth £300 a year".
    assert _short(engine, "How much does the Seabird Fund give?", as_of="2018-12-31") == "£300 a year"


def test_a_past_question_naming_a_point_in_time_is_answered_as_of_then(engine: Engine) -> None:
    answer = engine.ask("How much was the Seabird Fund worth at the end of 2018?")
    assert answer.as_of is not None and answer.as_of.iso() == "2018-12-31"
    assert answer.short == "£300 a year"


def test_a_why_question_is_answered_by_the_cause_not_the_headline(engine: Engine) -> None:
    answer = engine.ask("Why was the Seabird Fund doubled?")
    assert not answer.abstained
    assert "because two island schools closed" in answer.results[0].sentence


def test_the_company_points_back_to_the_body_the_paragraph_before_named(engine: Engine) -> None:
    # "The new chief executive of Redhaven Ferries ..." then "Tom Avery, who took charge of the company".
    answer = engine.ask("whos the boss of redhaven ferries now")
    assert answer.short == "Tom Avery"
    assert [e.said for e in answer.earlier] == ["Lena Holt"]  # not the history it recalls


def test_the_first_holder_of_a_post_is_the_earliest_not_the_latest(engine: Engine) -> None:
    assert _short(engine, "Who was the first chief executive of Redhaven Ferries?") == "Arthur Penrose"


def test_its_after_another_body_is_that_body_and_a_deputy_is_not_the_boss(engine: Engine) -> None:
    answer = engine.ask("Who is the chief executive of Redhaven Ferries?")
    said = [answer.short, *(e.said for e in answer.earlier)]
    assert answer.short == "Tom Avery"
    assert "Kay Moss" not in said and "Sara Quinn" not in said


def test_is_it_this_or_that_is_answered_by_the_one_the_sentence_says(engine: Engine) -> None:
    assert _short(engine, "is the harbour board tory or labour") == "Labour"


def test_is_it_this_or_that_is_answered_by_a_synonym_the_sentence_says(tmp_path: Path) -> None:
    news = article("Ferry vote", "2019-02-01", "The Conservative-run ferry board approved the new timetable.")
    engine = engine_over(tmp_path, {"2019-vote.md": news})
    assert _short(engine, "is the ferry board tory or labour") == "Conservative"


def test_a_question_mostly_of_words_the_documents_never_use_is_not_answered(engine: Engine) -> None:
    # Each word is ordinary English; together they are about something the documents are not.
    answer = engine.ask("Who won the harbour football match last season?")
    assert answer.abstained


def test_what_noun_is_answered_by_a_name_that_noun_stands_before(engine: Engine) -> None:
    answer = engine.ask("wat charity does redhaven ferries fund beach cleans with")
    assert answer.short == "Gull Point Trust"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Cllr Rory O'Brien, chair of the harbour committee, spoke.", "Rory O'Brien"),
        ("The award went to Fiona McAllister last year.", "Fiona McAllister"),
        ("Ewan MacLeod said the ferry would sail.", "Ewan MacLeod"),
        ("Dr Priya D’Souza opened the terminal.", "Priya D’Souza"),
    ],
)
def test_a_surname_with_a_prefix_is_a_name(sentence: str, name: str) -> None:
    assert [s.text for s in find_answer_spans(sentence, "person", "")] == [name]


def test_a_place_moved_from_is_not_where_it_is_now_and_an_address_keeps_its_number(tmp_path: Path) -> None:
    moved = """\
---
title: Redhaven Ferries moves its head office
published: 2023-01-09
source: Estuary Post
---
Forty Redhaven Ferries staff have moved from Gullwing House in Kelmouth to the harbour, and the company's \
postal address is now Harbour House, 4 Quay Street.
"""
    engine = engine_over(tmp_path, {"2023-move.md": moved})
    answer = engine.ask("Where is the Redhaven Ferries head office now?")
    assert answer.short == "Harbour House, 4 Quay Street"


def test_the_person_a_question_names_is_not_its_answer(tmp_path: Path) -> None:
    handover = """\
---
title: Redhaven Ferries names new chair
published: 2021-07-01
source: Estuary Post
---
Councillor Ada Quill, the new chair of Redhaven Ferries, succeeds Councillor Ben Roe, who \
chaired the company for six years.
"""
    engine = engine_over(tmp_path, {"2021-chair.md": handover})
    assert engine.ask("Who chaired Redhaven Ferries before Quill?").short == "Councillor Ben Roe"


def test_us_is_no_content_word(tmp_path: Path) -> None:
    cost = """\
---
title: Redhaven Ferries terminal bill settled
published: 2022-02-01
source: Estuary Post
---
The final cost of the Redhaven Ferries terminal was £14.2 million.
"""
    assert engine_over(tmp_path, {"2022-cost.md": cost}).ask(
        "wat did the terminal end up costin us"
    ).short == ("£14.2 million")


def test_who_does_it_is_answered_by_whom_it_is_done(tmp_path: Path) -> None:
    owner = """\
---
title: Redhaven Ferries to be sold
published: 2024-03-01
source: Estuary Post
---
The ferry company will run its own booking office on the quay from next year.

Redhaven Ferries will be owned by the harbour trust and run on its behalf by a board.
"""
    answer = engine_over(tmp_path, {"2024-sale.md": owner}).ask("Who will own Redhaven Ferries?")
    assert answer.short == "the harbour trust"
    assert answer.results[0].passage.startswith("Redhaven Ferries will be owned")


def test_who_does_it_leads_with_the_sentence_that_says_by_whom(tmp_path: Path) -> None:
    slipway = """\
---
title: New slipway for Redhaven
published: 2019-06-01
source: Estuary Post
---
Harbour master Tom Reid said: "Our slipway at Penmore Mill was built in 1934 and has served us well."

The new slipway will be built by Marlow Marine Works, which won the contract after a tender.
"""
    engine = engine_over(tmp_path, {"2019-slipway.md": slipway})
    questions = ("Who is building the new slipway?", "who's buildin the slipway", "who ended up building it")
    for question in questions:
        assert engine.ask(question).short == "Marlow Marine Works", question


def test_who_someone_replaced_is_not_that_someone(tmp_path: Path) -> None:
    handover = """\
---
title: Redhaven Ferries chair named
published: 2015-05-01
source: Estuary Post
---
Ben Roe became chair of Redhaven Ferries this week, replacing Councillor Ivy Marsh as chair.
"""
    engine = engine_over(tmp_path, {"2015-chair.md": handover})
    assert engine.ask("Who did Ben Roe replace as chair of Redhaven Ferries?").short == "Councillor Ivy Marsh"


_CROSSINGS = {
    "2018-crossing.md": """\
---
title: Redhaven Ferries timetable
published: 2018-04-02
source: Estuary Post
---
The average crossing time to the island is 55 minutes.
""",
    "2023-crossing.md": """\
---
title: Faster ferry for Redhaven
published: 2023-05-10
source: Estuary Post
---
The average crossing to the island, which now leaves from the new north quay, takes \
41 minutes, the company said.
""",
}


@pytest.mark.parametrize(
    "question", ["What is the average crossing time to the island?", "How long does the crossing take?"]
)
def test_a_quantity_in_units_is_answered_latest_first(tmp_path: Path, question: str) -> None:
    answer = engine_over(tmp_path, _CROSSINGS).ask(question)
    assert answer.short == "41 minutes"
    assert [e.said for e in answer.earlier] == ["55 minutes"]


@pytest.mark.parametrize(
    ("sentence", "measures"),
    [
        ("The average response was 8 minutes 41 seconds.", ["8 minutes 41 seconds"]),
        ("It handled 455,000 tonnes, up from 1.2m tonnes.", ["455,000 tonnes", "1.2m tonnes"]),
        ("A 12-mile route takes seven minutes and 36 seconds.", ["12-mile", "seven minutes and 36 seconds"]),
        ("It cost £40 and opened in 2019.", []),
        ("The turbine adds 900kW and the solar farm 2.4MW.", ["900kW", "2.4MW"]),
    ],
)
def test_a_quantity_is_a_number_with_its_units(sentence: str, measures: list[str]) -> None:
    assert [s.text for s in find_answer_spans(sentence, "measure", "")] == measures


@pytest.mark.parametrize(
    ("question", "measures"),
    [
        ("How tall is the mast?", ["67 metres"]),
        ("What size is the solar farm?", ["900kW", "67 metres", "12 hectares"]),
        ("How long does it take?", ["900kW", "67 metres", "12 hectares", "3 weeks"]),
    ],
)
def test_a_dimension_asked_is_answered_in_its_units(question: str, measures: list[str]) -> None:
    sentence = "The 900kW unit stands 67 metres on a 12 hectares site and took 3 weeks."
    assert [s.text for s in find_answer_spans(sentence, "measure", question)] == measures


def test_a_dimension_word_the_documents_never_use_is_no_reason_to_abstain(tmp_path: Path) -> None:
    farm = article(
        "Solar farm opens",
        "2019-07-01",
        "The Wexcombe solar farm opened this week. The 3MW Wexcombe solar farm stands on 12 "
        "hectares of former pasture and was built by Sunreach Arrays.",
    )
    answer = engine_over(tmp_path, {"2019-farm.md": farm}).ask("What size is the Wexcombe solar farm?")
    assert answer.short in {"3MW", "12 hectares"}, answer


def test_a_firm_is_no_person_but_may_answer_who_built_it(tmp_path: Path) -> None:
    built = """\
---
title: Redhaven Ferries opens new slipway
published: 2019-08-01
source: Estuary Post
---
The new slipway was built by Hollin Marine Construction and cost £2m.
"""
    assert find_answer_spans("Hollin Marine Construction built it.", "person", "") == []
    engine = engine_over(tmp_path, {"2019-slipway.md": built})
    assert engine.ask("Who built the new slipway?").short == "Hollin Marine Construction"


def test_two_names_joined_by_an_ampersand_are_a_firm(tmp_path: Path) -> None:
    built = article("Slipway opens", "2019-08-01", "The new slipway was built by Marsh & Pike and cost £2m.")
    engine = engine_over(tmp_path, {"2019-slipway.md": built})
    assert engine.ask("Who built the new slipway?").short == "Marsh & Pike"


_FERRY_SERVICE = {
    "2019-chief.md": """\
---
title: New chief for island ferries
published: 2019-02-01
source: Estuary Post
---
The Kelmouth Harbour Ferry Service has appointed Dr Mae Lund as its chief executive.

The service runs four boats and carries 300,000 passengers a year.
""",
    "2022-boats.md": """\
---
title: Island ferries add a boat
published: 2022-06-01
source: Estuary Post
---
The Kelmouth Harbour Ferry Service now runs six boats, its chief executive Dr Mae Lund said.
""",
}


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("whos in charge at khfs these days", "Dr Mae Lund"),
        ("How many boats does KHFS run now?", "six boats"),
    ],
)
def test_initials_are_the_name_they_spell(tmp_path: Path, question: str, short: str) -> None:
    assert engine_over(tmp_path, _FERRY_SERVICE).ask(question).short == short


_CLUB_MINUTES = {
    "2019-agm.md": article(
        "Wexcombe Rowing Club annual meeting",
        "2019-11-02",
        "Wexcombe Rowing Club held its annual meeting in the boathouse. WRC now has 140 members.\n\n"
        "The treasurer, Janet Pryce, presented the accounts.\n\n"
        "The neighbouring Ferrybridge Sailing Club sent greetings. The secretary, Ann Bell, read "
        "them out.",
    ),
    "2020-regatta.md": article(
        "Rowing club regatta returns", "2020-06-01", "Wexcombe Rowing Club will hold its regatta in July."
    ),
    "2021-boathouse.md": article(
        "Rowing club boathouse repaired",
        "2021-03-01",
        "Wexcombe Rowing Club has repaired its boathouse roof.",
    ),
}


@pytest.mark.parametrize("question", ["whos the treasurer at wrc", "Who is the club's treasurer?"])
def test_a_post_given_to_no_body_is_of_the_body_the_corpus_is_about(tmp_path: Path, question: str) -> None:
    assert engine_over(tmp_path, _CLUB_MINUTES).ask(question).short == "Janet Pryce"


def test_a_post_given_to_no_body_after_another_body_is_named_is_not_ours(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, _CLUB_MINUTES).ask("whos the secretary at wrc")
    assert answer.short != "Ann Bell"


@pytest.mark.parametrize(
    ("sentence", "people"),
    [
        ("Margaret Inchley chairs the Kilnworth Residents' Association.", ["Margaret Inchley"]),
        ("The first homes on Quarrybank's Kilnworth estate are finished.", []),
        ("Families moved into new homes on Phase One of the scheme.", []),
        ("Attending for Quarrybank Homes: Daniel Okafor, chief executive.", ["Daniel Okafor"]),
        ("She is returning to Wexby Airport, this time as chief executive.", []),
        ("Passengers switched to Gannet Airways and Tarn Valley Buses.", []),
    ],
)
def test_a_body_a_place_of_a_bodys_or_a_numbered_phase_is_no_person(sentence: str, people: list[str]) -> None:
    assert [s.text for s in find_answer_spans(sentence, "person", "")] == people


def test_a_name_running_on_to_a_body_word_is_no_person() -> None:
    sentence = "The Kelmouth Harbour Ferry Service has appointed Dr Mae Lund."
    assert [s.text for s in find_answer_spans(sentence, "person", "")] == ["Mae Lund"]


def test_an_unknown_noun_after_a_known_word_that_says_which_is_no_reason_to_abstain(tmp_path: Path) -> None:
    plan = """\
---
title: Redhaven Ferries terminal plan
published: 2016-01-10
source: Estuary Post
---
The harbour board will consider an outline business case for the Redhaven Ferries terminal next week.
"""
    engine = engine_over(tmp_path, {"2016-plan.md": plan})
    assert not engine.ask("Which business document is the harbour board considering?").abstained
    assert engine.ask("Which football club is the harbour board considering?").abstained


def test_a_sum_in_pence_is_an_amount() -> None:
    sentence = "Customers now pay 9.8p per unit, up from 6.9 pence."
    assert [s.text for s in find_answer_spans(sentence, "amount", "")] == ["9.8p", "6.9 pence"]


def test_a_count_of_the_thing_asked_is_the_same_fact_in_other_words(tmp_path: Path) -> None:
    fleet = {
        "2018-fleet.md": article(
            "Ferry news",
            "2018-03-01",
            "The ferry company runs a fleet of 12 boats from the north quay, where its crews are based.\n",
        ),
        "2020-quay.md": article(
            "Ferry news", "2020-03-01", "The ferry company opened a cafe on the north quay.\n"
        ),
        "2021-crews.md": article(
            "Ferry news", "2021-03-01", "The ferry company's crews voted for a new rota.\n"
        ),
        "2023-fleet.md": article(
            "Ferry news",
            "2023-03-01",
            "The ferry company says its fleet has never been busier. Redhaven now runs 15 boats, after the "
            "island route opened in the spring.\n",
        ),
    }
    answer = engine_over(tmp_path, fleet).ask("How many boats are in the ferry company's fleet?")
    assert answer.short == "15 boats"
    assert [e.said for e in answer.earlier] == ["12"]


def test_the_value_that_holds_now_beats_the_one_first_planned_in_the_same_sentence(tmp_path: Path) -> None:
    bill = """\
---
title: Kelmouth terminal bill settled
published: 2021-05-01
source: Estuary Post
---
The Kelmouth terminal was originally meant to cost £4m, but flooding pushed the opening back to \
May 2021 and the final bill up to £7m.
"""
    engine = engine_over(tmp_path, {"2021-bill.md": bill})
    assert engine.ask("How much did the Kelmouth terminal cost in the end?").short == "£7m"
    assert engine.ask("What was the Kelmouth terminal originally meant to cost?").short == "£4m"


def test_up_to_after_a_rise_is_where_it_rose_to_not_a_bound() -> None:
    rose = "Flooding pushed the opening back to May and the final bill up to £7m."
    bound = "The plant can treat up to 60 million litres a day."
    assert [figure_as_said(rose, s) for s in find_answer_spans(rose, "amount", "")] == ["£7m"]
    first = find_answer_spans(bound, "count", "")[0]
    assert figure_as_said(bound, first).startswith("up to 60")


def test_a_figure_keeps_its_period_when_what_it_measures_comes_between() -> None:
    sentence = "The new plant will treat about 40 million litres of river water a day."
    span = find_answer_spans(sentence, "measure", "How much water will it treat each day?")[0]
    assert figure_as_said(sentence, span) == "about 40 million litres a day"


def test_a_name_joined_to_a_describing_word_is_no_name_but_still_a_place() -> None:
    sentence = "The council is using London-based consultancy Harbour Ventures to set up the trust."
    assert [s.text for s in find_answer_spans(sentence, "name", "Which consultancy is helping?")] == [
        "Harbour Ventures"
    ]
    places = find_answer_spans(sentence, "place", "Where is Harbour Ventures based?")
    assert places and "London" in places[0].text


def test_a_capitalised_word_opening_a_quote_is_no_name() -> None:
    sentence = '"Losing the late boat is a nightmare for the island," said one reader.'
    assert find_answer_spans(sentence, "name", "Which company runs the boat?") == []


def test_a_reader_signing_with_an_initial_runs_no_company(tmp_path: Path) -> None:
    docs = {
        "2019-operator.md": article(
            "Island ferry", "2019-04-01", "Tern Line now runs the island boat, with six sailings a day.\n"
        ),
        "2022-comment.md": article(
            "Island ferry",
            "2022-10-01",
            '"Cutting the late island boat is a nightmare for shift workers." – Carol T\n',
        ),
    }
    assert engine_over(tmp_path, docs).ask("Which company runs the island boat?").short == "Tern Line"


def test_how_much_of_a_thing_not_money_is_a_quantity_in_units(tmp_path: Path) -> None:
    works = """\
---
title: Kelmouth terminal works resume
published: 2020-09-01
source: Estuary Post
---
The Kelmouth terminal contractor lost 11 weeks to the shutdown, at a cost of £300,000.
"""
    engine = engine_over(tmp_path, {"2020-works.md": works})
    assert engine.ask("How much time did the shutdown cost the Kelmouth terminal works?").short == "11 weeks"


def test_sailings_are_crossings(tmp_path: Path) -> None:
    ferry = """\
---
title: Island ferry timetable
published: 2022-10-01
source: Estuary Post
---
From April the island ferry will run five sailings a day, one fewer than this summer.
"""
    engine = engine_over(tmp_path, {"2022-ferry.md": ferry})
    assert engine.ask("How many crossings a day does the island ferry make?").short == "five sailings a day"


def test_what_time_asks_for_a_time_of_day_not_a_sum() -> None:
    sentence = "The first boat leaves at 07:10 and the last at 6.45pm, or 9am on Sundays, for £7.10."
    spans = find_answer_spans(sentence, "date", "What time is the first boat?")
    assert [s.text for s in spans] == ["07:10", "6.45pm", "9am"]


@pytest.mark.parametrize(
    ("sentence", "grades"),
    [
        ("Governance: G2.", ["G2"]),
        ("The regulator moved its viability grading from V1 to V2.", ["V1", "V2"]),
        ("This is a downgrade from G1.", ["G1"]),
        ("Members asked whether V2 would affect tenants.", []),  # no grading word
        ("The A14 was widened to the M11.", []),
    ],
)
def test_a_grade_may_be_a_code_beside_a_grading_word(sentence: str, grades: list[str]) -> None:
    assert [s.text for s in find_answer_spans(sentence, "rating", "")] == grades


def test_of_two_grades_the_one_beside_what_the_question_says_is_graded_answers(tmp_path: Path) -> None:
    grades = article(
        "Regulator keeps housing grades",
        "2025-07-17",
        "The regulator confirmed our G1 grading for governance and kept our viability grading at V2.",
    )
    others = {
        f"202{k}-visit.md": article("Regulator visit", f"202{k}-03-01", "The regulator visited our offices.")
        for k in range(3)
    }
    engine = engine_over(tmp_path, {"2025-grades.md": grades, **others})
    assert engine.ask("What viability grade does the regulator give us?").short == "V2"
    assert engine.ask("What governance grade does the regulator give us?").short == "G1"


@pytest.mark.parametrize(
    ("said", "short"),
    [
        ("A decision on the pier will be made by the end of December.", "end of December 2019"),
        ("The pier is now due to open in early 2022.", "early 2022"),
        ("The pier should reopen by mid-2020.", "mid-2020"),
        ("The pier should reopen in the first half of 2021.", "first half of 2021"),
        ("The pier should reopen by Easter 2021.", "Easter 2021"),
        ("The pier should reopen in Q3 2021.", "Q3 2021"),
    ],
)
def test_a_date_keeps_the_part_of_it_the_sentence_gives(tmp_path: Path, said: str, short: str) -> None:
    news = article("Pier update", "2019-11-05", said)
    answer = engine_over(tmp_path, {"2019-pier.md": news}).ask("When will it happen for the pier?")
    assert answer.short == short


def _one_article_short(tmp_path: Path, body: str, question: str) -> str | None:
    news = article("Harbour trust news", "2020-06-01", body)
    return engine_over(tmp_path, {"2020-harbour.md": news}).ask(question).short


def test_what_a_phrase_of_only_the_questions_words_is_said_to_be_answers(tmp_path: Path) -> None:
    body = (
        "The planned legal status of the harbour trust is a community interest company "
        "which the council will fund.\n"
    )
    short = _one_article_short(tmp_path, body, "What legal status will the harbour trust have?")
    assert short == "a community interest company"


def test_a_question_ending_on_a_noun_has_no_gap_after_it(tmp_path: Path) -> None:
    body = (
        "The agreement states that dredging duties of the port are to be passed to the trust. "
        "The trust will then report to the mayor.\n"
    )
    short = _one_article_short(tmp_path, body, "Which of the port's duties are to be passed to the trust?")
    assert short is not None and "dredging duties" in short and "report" not in short


def test_how_someone_described_a_thing_is_answered_by_their_quoted_words(tmp_path: Path) -> None:
    body = (
        'Harbour master Ola Dunn said the vote would be "a turning point" in the long effort to '
        "reopen the fish market and bring visitors back to the quay.\n"
    )
    short = _one_article_short(tmp_path, body, "How did Ola Dunn describe the vote?")
    assert short == "a turning point"


def test_a_run_before_the_questions_words_ends_where_they_begin(tmp_path: Path) -> None:
    body = (
        "“By sharing one office with the port, the trust will cut its rent, pool its staff "
        'and allow quicker repairs to the sea wall thanks to fewer layers of approval," she said.\n'
    )
    short = _one_article_short(tmp_path, body, "What will fewer layers of approval make possible?")
    assert short is not None and "quicker repairs to the sea wall" in short and "rent" not in short


def test_an_infinitive_after_the_asked_verb_is_the_answer_whole(tmp_path: Path) -> None:
    body = "“Every fisher on this coast deserves to be paid fairly and have a safe berth,” said Ola Dunn.\n"
    short = _one_article_short(tmp_path, body, "What does Ola Dunn say every fisher deserves?")
    assert short == "to be paid fairly and have a safe berth"


@pytest.mark.parametrize(
    "question",
    [
        "What is the cabinet post covering harbours called?",
        "What's the full title of the cabinet portfolio for harbours?",
    ],
)
def test_a_post_asked_by_its_title_is_answered_by_the_title(tmp_path: Path, question: str) -> None:
    body = (
        "Cllr Ravi Shah, cabinet member for harbours, coasts and tourism, said the trust would "
        "open in the spring.\n"
    )
    assert _one_article_short(tmp_path, body, question) == "cabinet member for harbours, coasts and tourism"


def test_a_relative_date_before_the_answer_does_not_shift_what_is_read_around_it(tmp_path: Path) -> None:
    body = "Last month the harbour trust took on 12 volunteer wardens for the summer.\n"
    short = _one_article_short(tmp_path, body, "How many volunteer wardens did the harbour trust take on?")
    assert short == "12 volunteer wardens"


def test_a_number_joined_to_what_is_counted_is_told_with_it(tmp_path: Path) -> None:
    body = "The harbour trust has agreed a 25-year lease on the old fish market.\n"
    short = _one_article_short(
        tmp_path, body, "For how many years will the harbour trust lease the fish market?"
    )
    assert short == "25 years"


def test_a_measure_written_as_a_describing_word_is_told_in_its_units(tmp_path: Path) -> None:
    body = "The harbour trust will build a 300-metre sea wall next year.\n"
    assert _one_article_short(tmp_path, body, "How long will the sea wall be?") == "300 metres"


def test_a_posts_title_lists_the_older_titles_of_the_same_post_as_earlier_reports(tmp_path: Path) -> None:
    documents = {
        "2015-harbour.md": article(
            "Harbour plans",
            "2015-03-01",
            "Cllr Ravi Shah, cabinet member for harbours, said the trust would open.\n",
        ),
        "2017-harbour.md": article(
            "Harbour update",
            "2017-03-01",
            "Cllr Ravi Shah, cabinet member for harbour, said work would start.\n\n"
            "Jo Bell, director of harbour services, said the plans were ready.\n",
        ),
        "2019-harbour.md": article(
            "Harbour opens",
            "2019-03-01",
            "Cllr Ana Cole, cabinet member for harbours, coasts and tourism, said the trust had opened.\n",
        ),
    }
    answer = engine_over(tmp_path, documents).ask("What is the cabinet post covering harbours called now?")
    assert answer.short == "cabinet member for harbours, coasts and tourism"
    # "harbour" and "harbours" are one title; a director's title is another post.
    assert [e.said for e in answer.earlier] == ["cabinet member for harbour"]


def test_a_share_is_written_short_with_a_per_cent_sign(tmp_path: Path) -> None:
    vote = article("Vote count", "2012-11-19", "Turnout across the district was 12.5 per cent, a record low.")
    engine = engine_over(tmp_path, {"2012-vote.md": vote})
    # "turned out" asks about the "turnout" the article writes as one word.
    assert engine.ask("What share of voters turned out in the district?").short == "12.5%"


def test_which_firm_is_never_answered_by_a_person_named_with_a_title(tmp_path: Path) -> None:
    body = "Ms Vance, who chairs the board, worked for a building firm in Kelby before she joined.\n"
    engine = engine_over(tmp_path, {"2019-board.md": article("Board news", "2019-08-01", body)})
    answer = engine.ask("Which firm is building the new slipway?")
    assert answer.short is None or "Vance" not in answer.short


@pytest.mark.parametrize(
    ("body", "question"),
    [
        ("Rebuilding the pier is now the board's number one job.", "How many jobs went at the pier?"),
        (
            "After twenty years in shipping, eight of them at Kelby, he retired.",
            "How many ships does Kelby have?",
        ),
        ("Letters go to the pier office, 12 Harbour Street, Kelby.", "What is the population of Kelby?"),
    ],
)
def test_a_label_a_house_number_or_a_number_past_a_comma_counts_nothing_asked(
    tmp_path: Path, body: str, question: str
) -> None:
    engine = engine_over(tmp_path, {"2019-pier.md": article("Pier news", "2019-08-01", body)})
    assert engine.ask(question).short is None


def test_a_rating_answered_by_a_sentence_of_no_read_grade_gives_the_grade_it_says(engine: Engine) -> None:
    index = engine.index
    query = parse_query("What rating did the terminal get?", index.vocabulary, index.known_terms)
    assert (
        short_answer(query, 'Port assessors rated the terminal "excellent" this spring.', None) == "excellent"
    )
    # Of a move from one grade to another, the one it moved to.
    assert short_answer(query, "The terminal was upgraded from Amber to Green.", None) == "Green"


def test_a_choice_between_two_things_is_not_answered_yes_or_no(engine: Engine) -> None:
    index = engine.index
    query = parse_query(
        "Will the terminal be run by the harbour board or independent of it?",
        index.vocabulary,
        index.known_terms,
    )
    # The sentence says one of the two: that one.
    said = short_answer(query, "The terminal will be independent, with its own directors.", None)
    assert said == "independent"
    # It says neither: what it does say, with no "yes" or "no" before it.
    neither = short_answer(query, "The terminal will be run by a new company, Kelby Quays Ltd.", None)
    assert neither and not neither.startswith(("yes", "no"))


def _graded(engine: Engine, question: str, sentence: str) -> str | None:
    """The short answer a sentence's "good" gives a rating question."""
    index = engine.index
    query = parse_query(question, index.vocabulary, index.known_terms)
    span = next(s for s in find_answer_spans(sentence, "rating", query.corrected) if s.text == "good")
    return short_answer(query, sentence, span)


def test_a_grade_is_given_with_the_date_the_sentence_gives_it(engine: Engine) -> None:
    asked = "What rating did inspectors give the terminal?"
    sentence = 'Port assessors rated the terminal "good" in June 2020.'
    assert _graded(engine, asked, sentence) == "good (June 2020)"
    # A yes/no answer keeps the bracket whole.
    assert _graded(engine, "Is the terminal still rated excellent?", sentence) == "no — good (June 2020)"
    # A date far from the grade tells when something else happened.
    far = (
        'Port assessors rated the terminal "good", and the waiting room that the harbour board '
        "opened in June 2020 was praised."
    )
    assert _graded(engine, asked, far) == "good"


def test_a_question_ending_on_a_preposition_asks_what_follows_it(tmp_path: Path) -> None:
    body = 'Traders on the quay fear the closure of the ferry could lead to a "ghost town" by the water.'
    short = _one_article_short(tmp_path, body, "What are traders afraid the ferry closure leads to?")
    assert short == "a ghost town by the water"


def test_a_choice_the_sentence_denies_or_a_yes_no_question_with_or_keeps_yes_or_no(engine: Engine) -> None:
    index = engine.index
    closed = parse_query(
        "Is the terminal closed on Mondays or Tuesdays now?", index.vocabulary, index.known_terms
    )
    said = short_answer(closed, "The terminal is not closed on Mondays.", None)
    assert said is not None and said.startswith("no")
    fallen = parse_query("Has the number of staff or volunteers fallen?", index.vocabulary, index.known_terms)
    told = short_answer(fallen, "The number of volunteers has fallen to 40.", None)
    assert told is not None and told.startswith("yes")


def test_a_date_before_a_grade_is_its_date_only_with_no_other_grade_between(engine: Engine) -> None:
    asked = "What rating does the terminal have now?"
    assert (
        _graded(engine, asked, 'In June 2020 port assessors rated the terminal "good".') == "good (June 2020)"
    )
    assert _graded(engine, asked, 'The terminal, rated "fair" in 2016, is now rated "good".') == "good"


def test_the_kind_of_one_thing_takes_the_article_it_sounds_with(tmp_path: Path) -> None:
    body = "The ferry is run with NHS trust Kelby Care and university body Stanholt Learning."
    engine = engine_over(tmp_path, {"2019-partners.md": article("Ferry partners", "2019-06-01", body)})
    assert _short(engine, "What kind of organisation is Kelby Care?") == "an NHS trust"
    assert _short(engine, "What kind of organisation is Stanholt Learning?") == "a university body"


def test_a_kind_of_thing_asked_first_may_go_unnamed_but_a_quantitys_noun_may_not(tmp_path: Path) -> None:
    # "practice" names a kind of firm whose name the documents give without the word;
    # "salary" is what the figure asked for is of, and no document speaks of one.
    engine = engine_over(
        tmp_path,
        {
            "2019-library.md": article(
                "Kelby library designs chosen",
                "2019-03-02",
                "Moor Lund Architects designed the new Kelby library, which will cost £6.2m.\n",
            ),
            "2020-library.md": article(
                "Kelby library opens",
                "2020-09-14",
                "The Kelby library opened on Monday, with 40,000 books on its shelves.\n",
            ),
        },
    )
    assert "Moor Lund Architects" in (
        engine.ask("Which practice designed the new Kelby library?").short or ""
    )
    assert engine.ask("What salary does the Kelby library director get?").abstained
