"""Whose post a sentence gives a person: "the charity" of a question is the body the
corpus is about, even where a sentence calls it by its full name."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.posts import _holds_a_mention, points_back
from bot.answer.spans import AnswerSpan
from bot.engine import Engine
from bot.text.tokens import stem

from ..documents import article, engine_over, write_corpus

DOCUMENTS = {
    "2015-homes.md": """\
---
title: Housing charity sets out plans
published: 2015-03-10
source: Vale Courier
---
Dr Nina Ashe, chief executive of the Orchard Vale Housing Trust, said the first homes would be let next year.

The charity owns about 900 homes across the district.
""",
    "2017-new-chief.md": """\
---
title: New chief for housing charity
published: 2017-05-02
source: Vale Courier
---
Leo Marsh has taken over as chief executive of the Orchard Vale Housing Trust.

Mr Marsh, who was finance director at Brookfield Homes, succeeds Dr Nina Ashe, who leaves \
the trust next month to become a lecturer at Westcombe University.

The charity now owns about 1,100 homes.
""",
    "2018-offices.md": """\
---
title: Charity moves offices
published: 2018-09-14
source: Vale Courier
---
The charity has moved its offices to Mill Street, the Orchard Vale Housing Trust said.
""",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """An engine over the housing charity's corpus."""
    corpus = write_corpus(tmp_path_factory.mktemp("charity") / "corpus", DOCUMENTS)
    return Engine.open(corpus, tmp_path_factory.mktemp("charity-index"))


@pytest.mark.parametrize(
    ("question", "holder"),
    [
        ("Who was the charity's chief executive in 2015?", "Dr Nina Ashe"),
        ("Who is the chief executive of the charity?", "Leo Marsh"),
    ],
)
def test_the_body_the_corpus_is_about_holds_the_post_under_its_full_name(
    engine: Engine, question: str, holder: str
) -> None:
    assert engine.ask(question).short == holder


def test_a_place_goes_with_the_person_named_last_before_it(engine: Engine) -> None:
    # Brookfield Homes is where Mr Marsh was, not where Dr Ashe went.
    assert engine.ask("Where did Nina Ashe go when she left the trust?").short == "Westcombe University"


def test_the_body_that_gave_a_rating_does_not_own_it(tmp_path: Path) -> None:
    rated = """\
---
title: Housing charity's rating goes up
published: 2019-06-20
source: Vale Courier
---
The Orchard Vale Housing Trust has been rated "strong" by the Housing Standards Board, up \
from "fair" at its last check.
"""
    engine = engine_over(tmp_path, {**DOCUMENTS, "2019-rating.md": rated})
    assert engine.ask("What rating did the charity get at its last check?").short == "strong"


def test_an_ordinary_word_the_documents_lack_does_not_unlink_the_answer(tmp_path: Path) -> None:
    # "left" is not in the documents ("leaves" is); the place still answers.
    engine = engine_over(tmp_path, {"2017-new-chief.md": DOCUMENTS["2017-new-chief.md"]})
    assert engine.ask("Where did Nina Ashe go when she left the trust?").short == "Westcombe University"


@pytest.mark.parametrize(
    "aside",
    [
        "The Foundation's chief executive, Kay Moss, said the housing trust was a good partner.",
        "Kay Moss, the foundation's chief executive, said the housing trust was a good partner.",
        "Kay Moss, Brightwell's chief executive, said the housing trust was a good partner.",
    ],
)
def test_a_post_with_another_bodys_possessive_is_that_bodys(tmp_path: Path, aside: str) -> None:
    partner = f"""\
---
title: Housing charity teams up with foundation
published: 2016-04-01
source: Vale Courier
---
The Orchard Vale Housing Trust is working with the Brightwell Foundation on new homes.

{aside}

Dr Nina Ashe, chief executive of the Orchard Vale Housing Trust, said the homes were needed.
"""
    engine = engine_over(tmp_path, {**DOCUMENTS, "2016-partner.md": partner})
    assert engine.ask("Who was the chief executive of the housing trust in 2016?").short == "Dr Nina Ashe"


_APPOINTED = """\
---
title: Housing charity names new chief
published: 2020-01-15
source: Vale Courier
---
The Orchard Vale Housing Trust has appointed Dr Rae Quinn as its chief executive.

Dr Quinn, 48, is currently director of housing at Brookfield Council, where she has worked \\
for ten years. She replaces Leo Marsh.

Mr Marsh, previously finance director at Westcombe Homes, said the trust was in good hands.
"""


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("What job did Rae Quinn have before?", "director of housing at Brookfield Council"),
        ("Which job did Leo Marsh leave to join the trust?", "finance director at Westcombe Homes"),
    ],
)
def test_what_a_person_did_before_is_read_after_their_name(tmp_path: Path, question: str, short: str) -> None:
    engine = engine_over(tmp_path, {**DOCUMENTS, "2020-quinn.md": _APPOINTED})
    assert engine.ask(question).short == short


_JOINING = {
    "2021-new-head.md": article(
        "Gelston Fire Authority names its next chief",
        "2021-06-01",
        "Gelston Fire Authority has named Dr Lina Marsh, currently deputy chief fire officer at "
        "Tarnholme Fire and Rescue Service, as its next chief fire officer. She starts in October.",
    ),
    "2019-trust-head.md": article(
        "Orvell Learning Trust appoints chief executive",
        "2019-05-01",
        "The Orvell Learning Trust has appointed Dr Jo Bell as its new chief executive. "
        "Jo is currently director of education at the Wexby Schools Partnership, where she "
        "oversaw twelve schools.",
    ),
}


@pytest.mark.parametrize(
    ("question", "where"),
    [
        # The body she worked at is another than the one named: no reason to say "I don't know".
        ("Where was Lina Marsh working before she joined Gelston?", "Tarnholme Fire and Rescue Service"),
        # Her first name alone, once the article has named her in full.
        ("Where did Jo Bell work before she joined Orvell?", "Wexby Schools Partnership"),
    ],
)
def test_where_someone_worked_before_is_read_however_they_are_named(
    tmp_path: Path, question: str, where: str
) -> None:
    answer = engine_over(tmp_path, _JOINING).ask(question)
    assert not answer.abstained
    assert answer.short is not None and where in answer.short


def test_who_held_a_post_before_someone_is_not_their_successor(tmp_path: Path) -> None:
    docs = {
        **DOCUMENTS,
        "2018-chair.md": article(
            "Housing charity chair",
            "2018-03-01",
            "Tom Reeve became chair of the Orchard Vale Housing Trust in May after Jean Moss stood down.\n",
            "Vale Courier",
        ),
        "2023-chair.md": article(
            "Housing charity chair",
            "2023-03-01",
            "Asha Patel took over as chair of the Orchard Vale Housing Trust, succeeding Tom Reeve.\n",
            "Vale Courier",
        ),
    }
    assert engine_over(tmp_path, docs).ask("who was chair b4 reeve").short == "Jean Moss"


@pytest.mark.parametrize(
    "question",
    ["Who did Omar Reed take over from as chief executive?", "who did omar reed take over from as boss"],
)
def test_who_someone_took_over_from_is_the_one_before_them(tmp_path: Path, question: str) -> None:
    docs = {
        "2017.md": article(
            "Kelby Homes", "2017-03-01", "Kelby Homes has named Jo Bell as its chief executive.\n"
        ),
        "2020.md": article(
            "Kelby Homes",
            "2020-03-01",
            "Omar Reed became chief executive of Kelby Homes in April, taking over from Jo Bell.\n",
        ),
    }
    assert engine_over(tmp_path, docs).ask(question).short == "Jo Bell"


def test_another_kind_of_bodys_post_is_not_ours_however_often_that_body_is_named(tmp_path: Path) -> None:
    documents = {
        "2021-berth.md": article(
            "Harbour berth opens",
            "2021-05-27",
            "Helen Quayle, the harbour board's chief executive, said the berth was busy. The "
            "Kelp Coast Trust will plant seagrass nearby.",
        ),
        "2022-seagrass.md": article(
            "Seagrass planted", "2022-06-01", "The Kelp Coast Trust planted seagrass by the harbour."
        ),
        "2023-seagrass.md": article(
            "Seagrass thrives",
            "2023-04-18",
            "Dr Fen Gault, the trust's chief executive, told the harbour board the seagrass was thriving.",
        ),
    }
    answer = engine_over(tmp_path, documents).ask("Who is the harbour board's chief executive?")
    assert answer.short == "Helen Quayle"


def test_its_after_a_body_the_same_sentence_named_is_that_bodys(tmp_path: Path) -> None:
    documents = {
        "2017-director.md": article(
            "Children's services director welcomes grant",
            "2017-03-01",
            "Lena Hogg, director of children's services at the county council, welcomed the grant.",
        ),
        "2018-advisers.md": article(
            "Advisers for the council",
            "2018-06-01",
            "The consultancy was appointed by the ministry and its managing director Ann Lake once "
            "advised a minister on children's services at the county council.",
        ),
    }
    answer = engine_over(tmp_path, documents).ask("Who is the council's director for children's services?")
    assert answer.short == "Lena Hogg"


def test_a_post_of_another_body_in_lower_case_is_not_the_named_bodys(tmp_path: Path) -> None:
    # "the health trust" is in every document, as partner, but the question names Larkfield.
    engine = engine_over(
        tmp_path,
        {
            "2020-unit.md": article(
                "Larkfield Hospice opens day unit",
                "2020-04-01",
                "Larkfield Hospice has opened a day unit, working with the health trust.\n\n"
                "Its chief executive, Maya Orr, said the unit would see 40 patients a week.\n",
            ),
            "2021-review.md": article(
                "Referrals review",
                "2021-05-05",
                "Larkfield Hospice takes most referrals from the health trust.\n\n"
                "Tom Vane, chief executive of the health trust, said Larkfield Hospice referrals were "
                "now made online.\n",
            ),
        },
    )
    answer = engine.ask("Who is Larkfield Hospice's chief executive?")
    assert answer.short == "Maya Orr"


def test_a_post_someone_else_held_beside_the_answer_is_theirs(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2021-chief.md": article(
                "Larkfield Hospice names chief executive",
                "2021-04-01",
                "Larkfield Hospice has a new chief executive.\n\n"
                "Sam Tull, formerly finance director at a hospital trust in the north, succeeded Ruth "
                "Kaye as chief executive in March.\n",
            ),
        },
    )
    assert engine.ask("Who is Larkfield Hospice's finance director?").abstained


def test_a_post_before_a_name_titles_that_name(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2022-visit.md": article(
                "Hospice leaders meet minister",
                "2022-02-01",
                "Larkfield Hospice chief executive Jo Bell and chair Tom Reid met the minister on Monday.\n",
            ),
        },
    )
    assert engine.ask("Who chairs Larkfield Hospice?").short == "Tom Reid"
    assert engine.ask("Who is the chief executive of Larkfield Hospice?").short == "Jo Bell"


def test_joining_a_board_is_not_chairing_it(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2023-session.md": article(
                "Joint board session",
                "2023-04-01",
                "Ashgrove Living and Larkfield Homes now share a repairs team.\n\n"
                "Marcus Penhale, Ashgrove's chief executive, joined our board for a joint session.\n",
            ),
        },
    )
    assert engine.ask("Who chairs the board of Ashgrove Living?").abstained


def test_a_former_holder_named_with_a_place_does_not_hold_the_post(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2023-grades.md": article(
                "Fire services graded",
                "2023-06-01",
                "Eastport Fire and Rescue Service, led by former Larkfield chief fire officer Dan Oke, "
                "was graded good.\n",
            ),
        },
    )
    assert engine.ask("Who is the chief fire officer of Larkfield Fire and Rescue Service?").abstained


def test_its_post_after_a_neighbour_of_the_same_kind_is_the_neighbours(tmp_path: Path) -> None:
    # Every document names both hospices, so word counts alone cannot tell them apart.
    documents = {
        f"{year}-news.md": article(
            f"Hospice news {year}",
            f"{year}-05-01",
            f"Larkfield Hospice's chief executive, {ours}, opened a new garden.\n\n"
            "The plans come as St Alder's Hospice, which serves the neighbouring Teasel Valley, "
            "prepares to refurbish its own ward. Its chief executive, Ray Dunn, said the two charities "
            "would share training.\n",
        )
        for year, ours in ((2019, "Ann Pike"), (2021, "Ann Pike"), (2023, "Joe Marsh"))
    }
    answer = engine_over(tmp_path, documents).ask("Who is Larkfield Hospice's chief executive?")
    assert answer.short == "Joe Marsh"
    assert {e.said for e in answer.earlier} == {"Ann Pike"}


def test_a_post_of_one_named_body_is_not_the_post_of_another_the_question_names(tmp_path: Path) -> None:
    # Both authorities are in every document, so both pass for what the corpus is about.
    documents = {
        f"201{n}-news.md": article(
            f"Fire news {n}",
            f"201{n}-03-01",
            "Kelby Fire Authority and Dunmore Fire Authority share a training ground.\n\n"
            + (
                "Councillor Jo Bell, chair of Kelby Fire Authority, said the ground would stay open."
                if n == 5
                else ""
            )
            + ("Dunmore crews trained there 40 times last year." if n != 5 else ""),
        )
        for n in range(3, 7)
    }
    engine = engine_over(tmp_path, documents)
    assert engine.ask("Who chairs Kelby Fire Authority?").short == "Councillor Jo Bell"
    assert engine.ask("Who chairs Dunmore's fire authority?").short != "Councillor Jo Bell"


def test_a_post_the_sentence_gives_a_named_body_is_not_another_bodys(tmp_path: Path) -> None:
    news = article(
        "Ashgrove Living and Quarrybank Homes share a repairs firm",
        "2019-05-01",
        "Ashgrove Living and Quarrybank Homes signed the deal on Monday.\n\n"
        "The firm starts work in June.\n\n"
        "Robert Hallam, who now chairs the board of Quarrybank Homes, thanked the staff.",
    )
    engine = engine_over(tmp_path, {"2019-news.md": news})
    assert engine.ask("Who chairs the board of Quarrybank Homes?").short == "Robert Hallam"
    assert engine.ask("Who chairs the board of Ashgrove Living?").short != "Robert Hallam"


def test_a_post_held_before_is_not_held_now(tmp_path: Path) -> None:
    news = article(
        "Port gets new chief",
        "2021-02-01",
        "Wexby Port has a new chief executive. Lina Marsh, previously finance director at a "
        "Welsh ferry group, took over as chief executive in January.\n",
    )
    engine = engine_over(tmp_path, {"2021-port.md": news})
    assert engine.ask("Who is Wexby Port's finance director?").abstained
    assert engine.ask("Who is Wexby Port's chief executive?").short == "Lina Marsh"


def test_a_director_of_another_kind_is_not_the_director_asked(tmp_path: Path) -> None:
    news = article(
        "Port team grows",
        "2024-03-01",
        "Wexby Port is hiring. Lina Marsh, our managing director, and Omar Reed, commercial "
        "director, have doubled the team since 2022.\n",
    )
    engine = engine_over(tmp_path, {"2024-port.md": news})
    assert engine.ask("Who is Wexby Port's managing director?").short == "Lina Marsh"
    assert engine.ask("Who is the commercial director at Wexby Port?").short == "Omar Reed"


def test_a_director_of_another_thing_is_not_the_director_of_what_is_asked(tmp_path: Path) -> None:
    news = article(
        "Port team grows",
        "2024-03-01",
        "Wexby Port is hiring. Omar Reed, director of operations, has doubled his team since 2022. "
        "Its marketing budget doubled too.\n",
    )
    engine = engine_over(tmp_path, {"2024-port.md": news})
    assert engine.ask("Who is Wexby Port's director of operations?").short == "Omar Reed"
    assert engine.ask("Who is Wexby Port's director of marketing?").abstained


_AIRPORT = {
    "2016-airport.md": article(
        "Kelby Airport grows",
        "2016-05-01",
        "Kelby Airport carried a record number of passengers. Gannet Air flies from Kelby twice a day.\n",
    ),
    "2017-airline.md": article(
        "Airline doubts",
        "2017-11-07",
        "Kelby Airport hopes to win new routes from Gannet Air.\n\n"
        "Ian Pole, Tern Skyways' chief executive, said Kelby did not fit its network.\n",
    ),
}


def test_a_name_owning_a_post_is_a_body_not_a_person(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, _AIRPORT)
    assert engine.ask("Who runs Gannet Air as chief executive?").abstained


def test_a_sentence_opening_on_its_bodys_name_gives_the_post_of_that_body(tmp_path: Path) -> None:
    documents = {
        "2019-museums.md": article(
            "Museum grant cut",
            "2019-02-01",
            "The Tarn Valley Museums Trust will lose a fifth of its grant. The Ridgeway Arts "
            "Foundation has also cut its grant.\n\n"
            "Kelby Borough Council's cabinet member for culture, Cllr Ravi Shah, said the council "
            "could not add to its offer.\n",
        ),
        "2020-museums.md": article(
            "Museum opens wing", "2020-05-01", "The Tarn Valley Museums Trust opened its new wing.\n"
        ),
    }
    answer = engine_over(tmp_path, documents).ask(
        "Which councillor looks after culture on the borough cabinet?"
    )
    assert answer.short == "Cllr Ravi Shah"


def test_names_in_what_a_post_holder_is_quoted_saying_do_not_make_the_post_anothers(tmp_path: Path) -> None:
    documents = {
        "2014-hub.md": article(
            "Hub plans",
            "2014-02-11",
            "The Wexby health trust has set out plans for a new hub.\n\n"
            'Chief executive Jo Bell said: "People in Kelby and Saltbridge are tired of travelling."\n',
        ),
        "2016-hub.md": article(
            "Hub opens",
            "2016-05-01",
            "The Wexby health trust opened its hub. Chief executive Sam Reed cut the ribbon.\n",
        ),
    }
    answer = engine_over(tmp_path, documents).ask("Who was the trust's chief executive?", as_of="2014-06-30")
    assert answer.short == "Jo Bell"


_HARBOURS = {
    "2017-harbour.md": article(
        "New berth planned",
        "2017-06-20",
        "The Brinmouth Harbour Board has approved a new deep-water berth.\n\n"
        "The harbour master, Captain Ellen Rowe, said the berth would bring bigger ships.\n",
    ),
    "2018-harbour.md": article(
        "Harbour dues rise",
        "2018-03-09",
        "The Brinmouth Harbour Board will raise its dues in April.\n\n"
        "The harbour master, Captain Ellen Rowe, said visiting yachts were up a little.\n",
    ),
    "2019-harbour.md": article(
        "Harbour works",
        "2019-09-17",
        "The Brinmouth Harbour Board says its new berth is late.\n\n"
        "Up the coast, Carrick Sands harbour master Captain Owen Tate said he felt for his "
        "neighbours.\n",
    ),
    "2023-harbour.md": article(
        "Harbour trade up",
        "2023-04-18",
        "The Brinmouth Harbour Board handled more cargo last year.\n\n"
        "The harbour master, Captain Lena Holt, said the big ships set the week.\n\n"
        "The neighbouring Port of Dunholm had a harder year. Its long-serving harbour "
        "master, Captain Ivor Penn, is to retire.\n",
    ),
}


def test_a_name_before_a_post_and_its_holder_is_the_body_not_a_person(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, _HARBOURS).ask("Who was harbour master in 2019?", as_of="2019-12-31")
    assert answer.short == "Captain Ellen Rowe"


def test_its_post_after_a_named_port_is_the_ports(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, _HARBOURS).ask("Who is the current harbour master at Brinmouth?")
    assert answer.short == "Captain Lena Holt"
    assert not any("Ivor Penn" in result.passage for result in answer.results)


def test_its_post_after_another_named_body_is_that_bodys_however_often_it_is_mentioned(
    tmp_path: Path,
) -> None:
    # Both hospices are in every document, so "St Ives Hospice" passes for a subject by
    # its share of the documents; the question names Larkfield, and "its" is St Ives'.
    engine = engine_over(
        tmp_path,
        {
            "2014-appeal.md": article(
                "Larkfield Hospice launches appeal",
                "2014-10-02",
                "Larkfield Hospice chief executive Helen Pryor launched a £3m appeal for a new ward. "
                "St Ives Hospice said it would not hold a rival appeal.\n",
            ),
            "2016-ward.md": article(
                "Larkfield Hospice ward approved",
                "2016-07-19",
                "Larkfield Hospice won planning permission for its new ward.\n\n"
                "St Ives Hospice is seeking £2m for a day centre. Its chief executive, Margaret Oyelaran, "
                "said there was room for both.\n",
            ),
            "2020-ward.md": article(
                "Larkfield Hospice ward delayed",
                "2020-11-26",
                "Larkfield Hospice chief executive Marcus Tennant said the ward would open in 2022. "
                "St Ives Hospice opened its day centre in October.\n",
            ),
        },
    )
    answer = engine.ask("Who is Larkfield Hospice's chief executive at the moment?")
    assert answer.short == "Marcus Tennant"
    assert [e.said for e in answer.earlier] == ["Helen Pryor"]


def test_a_person_the_question_names_does_not_make_every_body_another(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2017-ceo.md": article(
                "New chief at Larkfield",
                "2017-09-01",
                "Larkfield Hospice has made an appointment. Its chief executive from October, "
                "Marcus Tennant, succeeds Helen Pryor.\n",
            ),
            "2016-ward.md": article(
                "Larkfield ward", "2016-07-19", "Larkfield Hospice will build a new ward.\n"
            ),
        },
    )
    assert engine.ask("Who succeeded Helen Pryor as chief executive?").short == "Marcus Tennant"


def test_a_post_a_rival_named_in_most_documents_owns_is_not_the_named_bodys(tmp_path: Path) -> None:
    # Stanholt is in every document, so it passes for what the corpus is about; the
    # question names Kelby's post, and "Stanholt's vice-chancellor" is not that.
    documents = {
        f"201{n}-news.md": article(
            f"Kelby University news {n}",
            f"201{n}-03-01",
            "Kelby University and Stanholt University share a library.\n\n"
            + (
                "Stanholt's vice-chancellor, Professor Ann Lee, welcomed the plan.\n\n"
                "Vice-Chancellor Professor Tom Reid said Kelby would pay half."
                if n == 5
                else "Kelby students use the library most."
            ),
        )
        for n in range(3, 7)
    }
    engine = engine_over(tmp_path, documents)
    assert engine.ask("Who is Kelby's vice-chancellor?").short == "Professor Tom Reid"


def test_a_bodys_earlier_name_after_as_is_not_another_body(tmp_path: Path) -> None:
    history = article(
        "University appoints new head",
        "2016-03-02",
        "Kelby University opened a new library in 2015.\n\n"
        "Kelby University was founded in 1971 as Kelby School of Art.",
    )
    news = article("University budget", "2017-04-01", "Kelby University has set its budget for the year.")
    engine = engine_over(tmp_path, {"2016-appointment.md": history, "2017-budget.md": news})
    assert engine.ask("When was Kelby University founded?").short == "1971"


def test_a_post_said_of_the_body_the_sentence_before_names_is_held_far_from_the_name(
    tmp_path: Path,
) -> None:
    summary = article(
        "Harbour committee decisions",
        "2020-01-22",
        "This summary covers the Harbour Works Committee at its meeting in Kelby on 20 January 2020. "
        "The committee was chaired by Cllr Ann Ware. Members agreed the dredging budget.",
    )
    # Fee notes make "committee" common and "meeting" rare, so the meeting the sentence
    # before names is most of what the question's post says.
    documents = {
        "2020-01-summary.md": summary,
        **{
            f"201{n}-fees.md": article(
                "Harbour fees", f"201{n}-05-01", f"The harbour committee set fees for 201{n}."
            )
            for n in range(3)
        },
    }
    engine = engine_over(tmp_path, documents)
    # "The committee" is the one the sentence before names, however many words before the name.
    answer = engine.ask("Which councillor chaired the Harbour Works Committee meeting?")
    assert answer.short == "Cllr Ann Ware"


def test_a_post_of_two_words_joined_by_and_is_no_body_pointing_back(tmp_path: Path) -> None:
    report = article(
        "Forum meets",
        "2014-02-04",
        "The Kelby Harbour Users Forum met at the town hall. "
        "The port and harbour officer, Jo Tarrant, attended.",
    )
    later = article("Harbour officer", "2016-05-10", "Sam Rusk is the port and harbour officer for Kelby.")
    engine = engine_over(tmp_path, {"2014-forum.md": report, "2016-officer.md": later})
    # "The port and harbour officer" is the post, not "the port" pointing back to the forum.
    answer = engine.ask("Who is the port and harbour officer for Kelby?")
    assert [e.said for e in answer.earlier] == ["Jo Tarrant"]


@pytest.mark.parametrize(
    ("sentence", "name", "points"),
    [
        ("Jo Bell, who took charge of the company and its shops, spoke.", "Jo Bell", True),
        ("The committee was chaired by Cllr Ann Ware.", "Ann Ware", True),
        ("The port and harbour officer, Jo Tarrant, attended.", "Jo Tarrant", False),
        ("Lina Marsh took over as its chief executive last year.", "Lina Marsh", True),
        ("Omar Reed became their chair in May.", "Omar Reed", True),
        ("Omar Reed thanked the staff of the museum.", "Omar Reed", False),
    ],
)
def test_the_its_or_a_body_word_beside_a_name_point_back_unless_they_begin_a_post(
    sentence: str, name: str, points: bool
) -> None:
    start = sentence.index(name)
    span = AnswerSpan(start, start + len(name), name, name.casefold(), None)
    assert points_back(sentence, span) is points


@pytest.mark.parametrize(
    ("written", "asked"), [("interim", "acting"), ("acting", "interim"), ("acting", "caretaker")]
)
def test_an_acting_post_is_the_interim_one(tmp_path: Path, written: str, asked: str) -> None:
    news = article(
        "Port chief leaves",
        "2024-03-01",
        f"Lina Marsh has left Wexby Port, and Omar Reed is {written} chief executive while the "
        "board looks for someone.\n",
    )
    engine = engine_over(tmp_path, {"2024-port.md": news})
    assert engine.ask(f"Who is Wexby Port's {asked} chief executive?").short == "Omar Reed"


def test_a_person_named_by_surname_is_answered_by_their_full_name(tmp_path: Path) -> None:
    news = article(
        "New chair for the port",
        "2024-03-01",
        "Professor Nia Gelston has been elected chair of Wexby Port.\n\n"
        "Professor Gelston chairs the board from April.\n",
    )
    engine = engine_over(tmp_path, {"2024-port.md": news})
    answer = engine.ask("Who chairs the board of Wexby Port from April?")
    assert answer.short == "Professor Nia Gelston"


def test_its_post_after_the_body_the_question_names_is_that_bodys(tmp_path: Path) -> None:
    news = article(
        "Kelby trust opens a school",
        "2022-09-07",
        "The Kelby Learning Trust, whose chief executive is Ana Ruiz, opened its new school on Monday.\n\n"
        "Across the river, the Tarnholme Schools Partnership wants a school of its own by 2026. Its "
        "chief executive, Jo Bell, said land had to be found first.\n",
    )
    others = {
        f"{year}-trust.md": article(
            "Kelby trust grows", f"{year}-05-01", "The Kelby Learning Trust took on a school.\n"
        )
        for year in (2019, 2020, 2021)
    }
    engine = engine_over(tmp_path, {"2022-school.md": news, **others})
    assert engine.ask("Who is the chief executive of Tarnholme?").short == "Jo Bell"
    assert engine.ask("Who is the chief executive of the Kelby Learning Trust?").short == "Ana Ruiz"


def test_an_interim_holder_is_an_earlier_holder_of_the_post_a_deputy_is_not(tmp_path: Path) -> None:
    def news(year: int, text: str) -> str:
        return article("Port news", f"{year}-05-01", text + "\n")

    engine = engine_over(
        tmp_path,
        {
            "2019.md": news(
                2019, "Until a new appointment is made, Wexby Port's interim chief executive is Lina Marsh."
            ),
            "2020.md": news(2020, "Jo Bell, deputy chief executive of Wexby Port, opened the new quay."),
            "2021.md": news(
                2021, "Ana Ruiz, the former interim chief executive of Wexby Port, spoke at the quay."
            ),
            "2022.md": news(2022, "Omar Reed has been chief executive of Wexby Port since March."),
        },
    )
    answer = engine.ask("Who is the chief executive of Wexby Port now?")
    assert answer.short == "Omar Reed"
    assert [e.said for e in answer.earlier] == ["Lina Marsh"]


def test_a_post_given_by_the_asked_bodys_possessive_is_its_own_after_another_body(tmp_path: Path) -> None:
    founding = article(
        "Schools form a trust",
        "2014-09-03",
        "Three schools formed the Kelby Learning Trust this week, with help from Stanholt College. "
        "Its bursar, Jo Bell, becomes the trust's chief executive.\n",
    )
    later = article(
        "New chief for schools trust",
        "2021-04-22",
        "Ana Ruiz took over as chief executive of the Kelby Learning Trust on Monday.\n",
    )
    engine = engine_over(tmp_path, {"2014.md": founding, "2021.md": later})
    answer = engine.ask("Who is the chief executive of the trust now?")
    assert answer.short == "Ana Ruiz"
    assert [e.said for e in answer.earlier] == ["Jo Bell"]


def test_a_post_after_a_comma_and_a_coordinator_is_the_next_persons_not_the_one_before(
    tmp_path: Path,
) -> None:
    letter = article(
        "Rowing club letter",
        "2025-02-01",
        "The Wexby Rowing Club thanks its members.\n\n"
        "Letters reach our treasurer, Omar Reed, and then the chair of the club, Lina Marsh.\n",
    )
    engine = engine_over(tmp_path, {"2025.md": letter})
    assert engine.ask("Who chairs the club?").short == "Lina Marsh"
    assert engine.ask("Who is the treasurer?").short == "Omar Reed"


@pytest.mark.parametrize(
    "sentence",
    [
        "Jo Bell, promoted to chair last year, thanked Omar Reed.",
        "Jo Bell, founder and chair, thanked Omar Reed.",
    ],
)
def test_words_inside_an_apposition_keep_the_post_the_name_before(sentence: str) -> None:
    start = sentence.index("Omar Reed")
    span = AnswerSpan(start, start + len("Omar Reed"), "Omar Reed", "omar reed", None)
    assert not _holds_a_mention(sentence, span, [stem("chair")])


def test_a_cooperative_named_before_its_is_another_body(tmp_path: Path) -> None:
    news = article(
        "Energy prices",
        "2025-02-01",
        "Omar Reed has run the Wexby Energy Cooperative as chief executive since 2022.\n\n"
        "A battery store opened in June at Stanholt Valley Energy Co-operative. Its chief executive, "
        "Jo Bell, cut the ribbon.\n",
    )
    older = article("Co-op news", "2023-02-01", "The Wexby Energy Cooperative has 900 members.\n")
    engine = engine_over(tmp_path, {"2025.md": news, "2023.md": older})
    assert engine.ask("Who is the chief executive of Wexby Energy Cooperative?").short == "Omar Reed"


def test_a_post_before_from_is_not_the_next_persons(tmp_path: Path) -> None:
    news = article(
        "New treasurer",
        "2017-10-04",
        "The Wexby Rowing Club has a new treasurer. Lina Marsh inherits the post of treasurer from "
        "Omar Reed, who retires.\n",
    )
    engine = engine_over(tmp_path, {"2017.md": news})
    assert engine.ask("Who is the treasurer of the Wexby Rowing Club?").short == "Lina Marsh"


def _museum_with_a_quote(tmp_path: Path, quote: str) -> Engine:
    """A museums trust's director named in 2017, and a 2024 article ending on `quote`."""
    appointed = article(
        "New director", "2017-09-14", "The Kelby Museums Trust has named Omar Reed as its new director.\n"
    )
    cafe = article(
        "A cafe for the museum",
        "2024-05-20",
        f"The Kelby Museums Trust opens a cafe in June.\n\nIt seats forty.\n\n{quote}\n",
    )
    return engine_over(tmp_path, {"2017.md": appointed, "2024.md": cafe})


def test_a_title_before_the_name_does_not_make_a_sentence_name_another_body(tmp_path: Path) -> None:
    engine = _museum_with_a_quote(
        tmp_path, 'It took two years to plan. "It was worth the wait," Director Lina Marsh told us.'
    )
    answer = engine.ask("whos runnin the museums trust now")
    assert answer.short == "Lina Marsh"
    assert [e.said for e in answer.earlier] == ["Omar Reed"]


def test_a_body_named_with_a_title_is_that_bodys_post(tmp_path: Path) -> None:
    engine = _museum_with_a_quote(
        tmp_path, '"It was worth the wait," Stanholt Gallery Director Lina Marsh told us.'
    )
    assert engine.ask("whos runnin the museums trust now").short == "Omar Reed"


def test_a_post_after_a_long_aside_is_the_persons_before_it(tmp_path: Path) -> None:
    news = article(
        "Rowing club news",
        "2018-03-01",
        "Lina Marsh, a retired solicitor who has kept the Wexby Rowing Club's accounts for many "
        "years, took over as chair.\n",
    )
    engine = engine_over(tmp_path, {"2018.md": news})
    assert engine.ask("Who chairs the Wexby Rowing Club?").short == "Lina Marsh"


def test_a_sentence_telling_the_reader_whom_to_contact_names_no_other_body(tmp_path: Path) -> None:
    # "Visit Head Office first" opens on a verb, not on a body's name, so the post
    # after it is still the library's.
    documents = {
        "2020.md": article("Kelby Libraries news", "2020-05-01", "Kelby Libraries opened two branches.\n"),
        "2021.md": article("Kelby Libraries news", "2021-05-01", "Kelby Libraries lent more books.\n"),
        "2022.md": article(
            "Kelby Libraries complaints",
            "2022-05-01",
            "Kelby Libraries answers most complaints within a week.\n\n"
            "Visit Head Office first. If that does not help, write to the chair of the board, "
            "Jo Bell, at the central library.\n",
        ),
    }
    assert engine_over(tmp_path, documents).ask("Who chairs the Kelby Libraries board?").short == "Jo Bell"


def test_a_verb_before_a_post_says_no_kind_of_it(tmp_path: Path) -> None:
    news = article(
        "Precept rises",
        "2025-02-12",
        "Households in Wexby will pay more towards policing after the county's police and crime "
        "panel backed commissioner Lina Marsh's budget on Monday.\n",
    )
    engine = engine_over(tmp_path, {"2025-precept.md": news})
    assert engine.ask("Who is the police and crime commissioner for Wexby?").short == "Lina Marsh"


def test_a_letter_grade_names_no_body(tmp_path: Path) -> None:
    news = article(
        "Police precept set",
        "2023-02-10",
        "The police and crime commissioner, Omar Reed, has set a Band D precept of £251.92 for 2023/24.\n\n"
        "The rise will pay for twelve more officers across Wexby.\n",
    )
    engine = engine_over(tmp_path, {"2023-precept.md": news})
    assert engine.ask("Who is the police and crime commissioner for Wexby?").short == "Omar Reed"


def test_a_post_of_the_body_named_by_a_word_of_its_name_is_its_own(tmp_path: Path) -> None:
    older = article(
        "Orvell Waste Services appoints chair",
        "2019-03-01",
        "Orvell Waste Services has appointed Omar Reed as chair of its board.\n",
    )
    newer = article(
        "Orvell recycling plant costs more",
        "2024-06-12",
        "The new recycling plant cost £25m. Lina Marsh, who chairs Orvell's board, said the cost had been "
        "painful but worth it.\n",
    )
    engine = engine_over(tmp_path, {"2019.md": older, "2024.md": newer})
    answer = engine.ask("Who is the current chair of Orvell Waste Services?")
    assert answer.short == "Lina Marsh"
    # Not when the question qualifies the post with more than the body's name.
    assert engine.ask("Who is in charge of nursing at Orvell?").short != "Lina Marsh"


_HEAD_OFFICE = {
    "2021-new-chief.md": article(
        "Kelby Waste names new chief executive",
        "2021-05-04",
        "Kelby Waste, the council-owned bin company, has appointed Omar Reed as chief executive. "
        "He joins from Orvell Council in July.",
    ),
    "2024-prices.md": article(
        "Kelby Waste garden bin prices",
        "2024-02-01",
        "Garden bin permits for Kelby Waste customers go on sale on 1 March. You can buy online "
        "or at the reception of our head office at Gelston Moor, Orvell Road, where we moved "
        "last June.\n\n"
        'Omar Reed, our chief executive, said: "We held the price last year while our costs rose."',
    ),
}


def test_a_head_office_has_no_head(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, _HEAD_OFFICE).ask("Who is the boss at Kelby Waste now?")
    assert answer.short == "Omar Reed"


def test_a_post_written_in_capitals_names_no_other_body(tmp_path: Path) -> None:
    documents = {
        "2014-appeal.md": article(
            "Wexby hospice appeal",
            "2014-10-02",
            "The Wexby hospice has launched an appeal for a new ward.\n\n"
            "The appeal will run for two years, and local firms have pledged support.\n\n"
            "A sponsored walk and a monthly lottery draw will raise money for the building fund.\n\n"
            "Jo Bell, Chair of Trustees, thanked 40 local firms.\n",
        ),
    }
    # "Chair of Trustees" is the post, not a body the post belongs to: the hospice's.
    answer = engine_over(tmp_path, documents).ask("Who is the hospice's chair of trustees?")
    assert not answer.abstained, answer.reason
    assert answer.short == "Jo Bell"
