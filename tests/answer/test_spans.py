"""Which value a sentence says another replaced: one reading serves both the answer (the
new value) and the timeline (the old one)."""

from __future__ import annotations

import pytest

from bot.answer.spans import AnswerSpan, AnswerType, find_answer_spans, names_noun, persons_in, replaced_by


def _spans(sentence: str, kind: AnswerType) -> dict[str, AnswerSpan]:
    """The sentence's answers of a kind, by their text."""
    return {s.text.strip(" ,."): s for s in find_answer_spans(sentence, kind, "")}


@pytest.mark.parametrize(
    ("sentence", "kind", "old", "new"),
    [
        ("The monthly fee rose from £600 a month to £750.", "amount", "£600", "£750"),
        (
            "The forecast cost has risen to £9.1m, against the £7.4m contract price.",
            "amount",
            "£7.4m",
            "£9.1m",
        ),
        ("The budget is now £61m, up from the £48m quoted in 2019.", "amount", "£48m", "£61m"),
        ("The ferry firm cut its timetable from six sailings a day to five.", "count", "six", "five"),
        ("The fee rose from the original £600 to £750.", "amount", "£600", "£750"),
        (
            "The berth will now open in autumn 2019, rather than spring 2018.",
            "date",
            "spring 2018",
            "autumn 2019",
        ),
        ("The council will pay £2m a year instead of £3m.", "amount", "£3m", "£2m"),
        (
            "The review will be led by Jo Bell, a former bank director who became chair in May, "
            "taking over from Sam Hart.",
            "person",
            "Sam Hart",
            "Jo Bell",
        ),
        ("Tom Reid was named chief executive, replacing Ann Cole.", "person", "Ann Cole", "Tom Reid"),
        ("The bill has climbed to £5.2m from the £4.8m budget.", "amount", "£4.8m", "£5.2m"),
        ("The tearoom was upgraded from Amber to Green in May.", "rating", "Amber", "Green"),
        ('Its hygiene grade went down from "fair" to "poor".', "rating", "fair", "poor"),
        (
            "Nia Shaw took over as chair last spring after Owen Platt retired.",
            "person",
            "Owen Platt",
            "Nia Shaw",
        ),
        ("After Owen Platt stepped down in May, Nia Shaw became chair.", "person", "Owen Platt", "Nia Shaw"),
        (
            "Nia Shaw took the chair in succession to Owen Platt.",
            "person",
            "Owen Platt",
            "Nia Shaw",
        ),
    ],
)
def test_a_value_the_sentence_says_was_replaced_is_the_old_one(
    sentence: str, kind: AnswerType, old: str, new: str
) -> None:
    spans = _spans(sentence, kind)
    people = kind == "person"
    assert replaced_by(sentence, spans[old], spans[new], people)
    assert not replaced_by(sentence, spans[new], spans[old], people)


@pytest.mark.parametrize(
    ("sentence", "kind", "other", "answer"),
    [
        # A value beside the answer but of something else: the volunteers, not the staff.
        ("The co-op ended the year with 47 staff, up from 41, and 150 volunteers.", "count", "41", "150"),
        # "from" after a figure says where things came from, not what came before.
        ("The store holds 41,500 objects moved from three older stores.", "count", "three", "41,500"),
        # Buses replacing other buses are not the same count told twice.
        ("The council is buying 12 electric buses, replacing 40 diesel ones.", "count", "40", "12"),
        # Money from somewhere, not a change: "£2m from the lottery" beside "£5m".
        ("The hall will cost £5m, with £2m from the lottery.", "amount", "£2m", "£5m"),
        # Thanked after another left, not taking the post.
        ("The council thanked Nia Shaw after Owen Platt retired.", "person", "Owen Platt", "Nia Shaw"),
    ],
)
def test_a_value_merely_beside_the_answer_is_not_what_it_replaced(
    sentence: str, kind: AnswerType, other: str, answer: str
) -> None:
    spans = _spans(sentence, kind)
    assert not replaced_by(sentence, spans[other], spans[answer], kind == "person")


@pytest.mark.parametrize(
    "sentence",
    [
        "Passenger numbers passed three-quarters of a million for the first time.",
        "Two thirds of the members voted for the merger.",
    ],
)
def test_a_fraction_is_no_count(sentence: str) -> None:
    assert find_answer_spans(sentence, "count", "How many passengers were there?") == []


def test_a_count_beside_a_fraction_is_still_a_count() -> None:
    sentence = "The airport has 3 terminals, and two-thirds of its flights use the newest."
    assert [s.text for s in find_answer_spans(sentence, "count", "How many terminals?")] == ["3"]


def test_a_number_after_a_place_name_is_part_of_it_with_the_town_after() -> None:
    sentence = "The depot now sits at Bay 7, Quarry Lane Trading Estate, Stanholt."
    (span,) = find_answer_spans(sentence, "place", "Where is the depot?")
    assert span.display == "Bay 7, Quarry Lane Trading Estate, Stanholt"
    # A number that runs on is no part of the name: a date, a count.
    assert [s.text for s in find_answer_spans("We met at Kelby Hall 12 May.", "place", "Where?")] == [
        "Kelby Hall"
    ]


def test_a_building_named_after_the_is_where_something_is() -> None:
    sentence = "The depot is based at the Orvell Bus Garage, Holmbrae, off the ring road."
    spans = find_answer_spans(sentence, "place", "Where is the depot?")
    assert [s.text for s in spans] == ["Orvell Bus Garage, Holmbrae"]
    # Not any name after "the": a body is no place.
    assert find_answer_spans("Jo Bell was at the Wexby Trust in May.", "place", "Where was Jo Bell?") == []


def test_the_street_after_a_place_and_its_town_is_all_of_where() -> None:
    sentence = "The depot stands at Dock 5, Holmbrae Commerce Park, Orvell Road, Kelby."
    (span,) = find_answer_spans(sentence, "place", "Where is the depot?")
    assert span.display == "Dock 5, Holmbrae Commerce Park, Orvell Road"


def test_a_part_of_a_building_names_the_building_as_where() -> None:
    sentence = "The staff are now based in the east wing of Moor Lund House, Kelby."
    places = [s.text for s in find_answer_spans(sentence, "place", "Where is the office?")]
    assert places == ["Moor Lund House, Kelby"]
    opening = "In the west yard of Orvell House the boats are kept."
    assert [s.text for s in find_answer_spans(opening, "place", "Where are the boats kept?")] == [
        "Orvell House"
    ]
    # A side taken is no place.
    taken = "The panel came down on the side of Gelston Council."
    assert find_answer_spans(taken, "place", "Where is the panel?") == []


def test_where_something_is_not_is_no_place_of_it() -> None:
    for said in (
        "Visitors should go to Ashby Road rather than to Harbour House.",
        "Visitors should go to Ashby Road instead of Harbour House.",
        "Visitors should go to Ashby Road; post should no longer go to Harbour House.",
        "Visitors should go to Ashby Road, not to Harbour House.",
    ):
        places = [s.text for s in find_answer_spans(said, "place", "Where is the office?")]
        assert places == ["Ashby Road"], said
    # "Not only in X" is in X.
    both = "The show runs not only in Orvell but in Gelston."
    assert [s.text for s in find_answer_spans(both, "place", "Where does the show run?")] == [
        "Orvell",
        "Gelston",
    ]


def test_a_street_address_answers_where_a_place_stands_and_anywhere_when_asked_for() -> None:
    sentence = (
        "Write to the ferry company at its head office: Harbour Chambers, 12 Quay Street, Kelby SH7 1QP."
    )
    asked = find_answer_spans(sentence, "place", "What address should I write to?")
    # The postal address whole, its building's name too.
    assert [s.display for s in asked] == ["Harbour Chambers, 12 Quay Street, Kelby SH7 1QP"]
    # Asked where, an address must stand where a place does.
    assert find_answer_spans(sentence, "place", "Where is the head office?") == []
    moved = find_answer_spans("The office moved to 4 Mill Lane, Stanholt.", "place", "Where is the office?")
    assert [s.display for s in moved] == ["4 Mill Lane, Stanholt"]
    # A year, a date or a count of shops is no house number.
    for said in (
        "In 2019 Harbour Road reopened.",
        "On 12 March Road works began.",
        "It has 40 High Street shops.",
    ):
        assert find_answer_spans(said, "place", "What address?") == [], said


def test_where_something_went_after_leaving_another_place_is_a_place() -> None:
    sentence = "The office left Kelby House last month for The Boathouse, Ferry Lane, Stanholt."
    places = [s.display for s in find_answer_spans(sentence, "place", "Where is the office?")]
    assert places == ["The Boathouse, Ferry Lane, Stanholt"]
    # Leaving something that is no place, or words of another clause, is no move.
    for said in (
        "The trust left room for Kelby Hall.",
        "Jo Bell left the board, and Sam Hart stood for Kelby Council.",
    ):
        assert find_answer_spans(said, "place", "Where is the office?") == [], said


def test_a_place_or_a_structure_is_no_person() -> None:
    sentence = "Boats cross the Stanholt Aqueduct to reach Kelby Wharf, which Jo Bell reopened."
    assert set(_spans(sentence, "person")) == {"Jo Bell"}


def test_where_something_moved_from_is_no_place_of_it_even_in_quotes() -> None:
    sentence = 'The office moved in 2020 from "Harbour House" to Ashby Road.'
    places = [s.text for s in find_answer_spans(sentence, "place", "Where is the office?")]
    assert "Harbour House" not in places and "Ashby Road" in places


def test_a_capitalised_grade_in_quotes_before_its_rating_word_is_a_grade() -> None:
    sentence = 'Kelby Water retained its "Good" rating, and Ashby Water was rated "Excellent".'
    grades = [s.text for s in find_answer_spans(sentence, "rating", "What rating did Kelby Water get?")]
    assert grades == ["Good", "Excellent"]


def test_a_capitalised_name_in_quotes_is_no_grade() -> None:
    sentence = 'The "Kelby Gazette" said the rating would be published in May.'
    assert find_answer_spans(sentence, "rating", "What rating did Kelby Water get?") == []


def test_a_piece_of_a_hyphenated_date_is_no_count() -> None:
    sentence = "Corporate Communications | Harnford Homes | 2025-07-17, and we own 8,900 homes."
    assert list(_spans(sentence, "count")) == ["8,900"]


def test_the_nth_to_do_something_counts_how_many_have() -> None:
    sentence = "Eastholm is set to become the third local authority to move its buses into a company."
    assert list(_spans(sentence, "count")) == ["third"]
    assert _spans("It was the third time this year.", "count") == {}


@pytest.mark.parametrize(
    ("sentence", "grade"),
    [
        ("The trust was downgraded to Bronze in 2019.", "Bronze"),
        ("Inspectors rated the service Good.", "Good"),
        ("Its Gold accreditation was restored last year.", "Gold"),
        ("It now holds Silver status under the scheme.", "Silver"),
        ("Crews cheered last week's upgrade to Platinum.", "Platinum"),
        ("Its safety rating was cut to Amber in March.", "Amber"),
    ],
)
def test_a_grade_written_capitalised_is_a_grade(sentence: str, grade: str) -> None:
    assert grade in _spans(sentence, "rating")


@pytest.mark.parametrize(
    ("sentence", "grade"),
    [
        ("The watchdog judged Stanholt Ferries excellent for safety.", "excellent"),
        ("Assessors graded Kelby Lido as Outstanding.", "Outstanding"),
        ("In May the assessors awarded it Platinum under the scheme.", "Platinum"),
        ("The judges awarded Kelby Lido Green at its first visit.", "Green"),
    ],
)
def test_a_grade_given_to_a_body_named_after_the_verb_is_a_grade(sentence: str, grade: str) -> None:
    assert grade in _spans(sentence, "rating")


@pytest.mark.parametrize(
    ("sentence", "grades"),
    [
        ("The tearoom was upgraded from Amber to Green in May.", {"Amber", "Green"}),
        ("The lido was marked down to Red after the spring visit.", {"Red"}),
        ('Its hygiene grade went down from "fair" to "poor".', {"fair", "poor"}),
    ],
)
def test_both_grades_of_a_move_from_one_to_another_are_grades(sentence: str, grades: set[str]) -> None:
    assert set(_spans(sentence, "rating")) == grades


def test_a_rank_dropped_to_is_no_grade_where_no_rating_is_spoken_of() -> None:
    assert _spans("Sales dropped from first to third place.", "rating") == {}


@pytest.mark.parametrize(
    "sentence",
    [
        # After a body, words of time, place or manner are no grade.
        "Assessors visited Kelby Lido last week and found it clean.",
        "The council ranked Kelby Road among its priorities.",
    ],
)
def test_words_after_a_body_named_after_the_verb_are_no_grade_unless_they_grade_it(sentence: str) -> None:
    assert _spans(sentence, "rating") == {}


@pytest.mark.parametrize(
    ("sentence", "grades"),
    [
        # Capitals right after the verb, with no "as", are the grade, not a body given one.
        ("The clinic was rated Needs Attention by assessors in 2020.", {"Needs Attention"}),
        ("Kelby Lido's grade went from Very Good to Good.", {"Very Good", "Good"}),
        ("Its rating improved to Very Good last spring.", {"Very Good"}),
        # British news quotes a grade in single quotes.
        ("Assessors rated the clinic 'poor' in May.", {"poor"}),
        ("The verdict was 'needs attention' for the Wexby depot.", {"needs attention"}),
        ("Orvell Water was marked down to 'Weak' after the visit.", {"Weak"}),
        ("The audit gave the fund a rating of 'partial assurance'.", {"partial assurance"}),
        ("Inspectors found the ward to be good in every area.", {"good"}),
        ("The panel judged the scheme to be Adequate overall.", {"Adequate"}),
        # A label and a letter or number, or stars.
        ("The depot now holds a Band C rating.", {"Band C"}),
        ("The college's rating was moved up to Grade 1.", {"Grade 1"}),
        ("The café kept its four-star hygiene rating.", {"four-star"}),
        ("Tarnholme's rating is three stars out of five.", {"three stars"}),
        ("Users rated the app 4 out of 5 last year.", {"4 out of 5"}),
        ("The college was given an A rating by the board.", {"A"}),
        ("The depot is now classed as 'Weak' by assessors.", {"Weak"}),
        ("Inspectors rated it as needs attention.", {"needs attention"}),
        ("Wexby school was awarded a Very Good rating.", {"Very Good"}),
        ("Stanholt holds the top rating, Excellent, for the third year.", {"Excellent"}),
    ],
)
def test_grades_in_the_shapes_news_gives_them(sentence: str, grades: set[str]) -> None:
    assert set(_spans(sentence, "rating")) == grades


def test_a_quote_mark_in_a_possessive_opens_no_grade() -> None:
    assert _spans("The inspectors' rating of the clinics' wards is published.", "rating") == {}
    assert set(_spans("Inspectors rated the pool's cafe's food good.", "rating")) == {"good"}


@pytest.mark.parametrize(
    "sentence",
    [
        "The rating covers the 24/7 helpline.",
        "Its rating, published on 12/03/2021, is online.",
        "The Grade 2 listed pier will be restored next year.",
        "Council tax for a Band D home will rise.",
        "The five-star hotel beside the lido opened.",
        "Despite the rating, Jo Bell, the chair, said it was fair.",
        "After the rating, Kelby Council, which runs the pool, apologised.",
        "The rating is due on Tuesday.",
    ],
)
def test_dates_labels_and_names_beside_a_rating_are_no_grades(sentence: str) -> None:
    assert _spans(sentence, "rating") == {}


def test_a_numbered_label_of_another_kind_is_a_grade_only_after_a_rating_word() -> None:
    assert _spans("Category 2 calls rose by a tenth.", "rating") == {}
    assert _spans("The trust's rating fell as waits for Category 1 calls rose.", "rating") == {}
    assert set(_spans("Its rating was raised to Level 3 in June.", "rating")) == {"Level 3"}


def test_the_last_word_of_a_name_before_rating_is_no_grade() -> None:
    assert _spans("The National Grid rating was unchanged.", "rating") == {}
    assert _spans("Its Charity Commission status is unchanged.", "rating") == {}


def test_a_date_takes_the_day_of_the_week_written_before_it() -> None:
    spans = find_answer_spans("The wing welcomed the public on Saturday 17 July.", "date", "", None)
    assert [s.text for s in spans] == ["Saturday 17 July"]


def test_a_name_runs_on_past_the_titles_before_it() -> None:
    spans = find_answer_spans(
        "Vice-Chancellor Professor Tom Reid said it would open.", "person", "Who is it?"
    )
    assert [s.text for s in spans] == ["Professor Tom Reid"]


def test_a_place_something_moved_to_is_no_grade_where_no_rating_is_spoken_of() -> None:
    assert _spans("The office moved to London in May.", "rating") == {}


def test_a_name_in_the_possessive_is_the_person_without_it() -> None:
    spans = find_answer_spans(
        "The panel backed commissioner Jo Bell's budget on Monday.", "person", "Who is it?"
    )
    assert [s.text for s in spans] == ["Jo Bell"]


@pytest.mark.parametrize("label", ["Band A", "Grade A"])
def test_a_label_closed_by_a_letter_is_a_name_of_the_kind_the_label_says(label: str) -> None:
    sentence = f"Our Stanholt depot holds {label}, the top mark the Kelby Regulator gives."
    kind = label.split()[0].lower()
    spans = find_answer_spans(sentence, "name", f"What {kind} does the regulator give the depot?")
    found = {s.text: s for s in spans}
    assert label in found
    assert names_noun(found[label], sentence, kind)
    assert not names_noun(found["Our Stanholt"], sentence, kind)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The boathouse appeal now needs £640,000, the Oarsworth Trust said.", "£640,000"),
        ("Entry is £4. Children go free.", "£4"),
        ("A season ticket costs £85 more than last year.", "£85"),
        ("The refit will cost £1.4 million over two years.", "£1.4m"),
    ],
)
def test_a_sum_ends_on_its_last_digit_or_unit(sentence: str, value: str) -> None:
    # A comma or full stop after a sum is the sentence's, not the sum's: the same sum must
    # read alike wherever it stands, or one document's value looks like a change.
    assert [s.value for s in find_answer_spans(sentence, "amount", "")] == [value]


def test_a_word_of_assessing_alone_makes_no_grade_of_a_place() -> None:
    assert find_answer_spans("The assessment unit moved to Kelby in May.", "rating", "") == []


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("Visits to the Kelby baths rose to 1.2m last year.", "1.2m"),
        ("The helpline answered 1.1 million calls.", "1.1 million"),
        ("The co-op now has just over three thousand members.", "three thousand"),
        ("Membership passed 2.4k in May.", "2.4k"),
    ],
)
def test_a_count_keeps_its_scale(sentence: str, count: str) -> None:
    assert [s.text for s in find_answer_spans(sentence, "count", "How many are there?")] == [count]


def test_metres_written_apart_are_no_scale_of_a_count() -> None:
    spans = find_answer_spans("The wall is 2 m high and has 40 bricks.", "count", "How many are there?")
    assert [s.text for s in spans] == ["2", "40"]


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("Trains from Platforms 2 and 3 ran late all week.", []),
        ("The council shut Gates 4, 5 and 6 for a month.", []),
        ("It runs 17 depots and 9 garages.", ["17", "9"]),
        # A date before a count is no label.
        ("In March 2019, 300 people came to the open day.", ["300"]),
        ("On Monday 3 June 2024, 45 boats left the harbour.", ["45"]),
    ],
)
def test_numbers_listed_after_a_label_are_labels_not_counts(sentence: str, counts: list[str]) -> None:
    assert [s.text for s in find_answer_spans(sentence, "count", "How many are there?")] == counts


@pytest.mark.parametrize(
    ("sentence", "people"),
    [
        ("Jo Bell, who taught at St Anne's for years, chairs the board.", ["Jo Bell"]),
        ("The office is on St Anne Street.", []),
    ],
)
def test_a_saints_name_is_a_church_school_or_street_not_a_person(sentence: str, people: list[str]) -> None:
    assert [p.text for p in persons_in(sentence)] == people


@pytest.mark.parametrize(
    "sentence",
    [
        "The museum won Lottery funding.",
        "She was awarded an MBE in June.",
        "The lido board retained Omar Reed, its manager.",
        "Labour won Kelby, as expected.",
    ],
)
def test_a_thing_won_or_awarded_is_no_grade(sentence: str) -> None:
    assert _spans(sentence, "rating") == {}


def test_a_name_ending_on_a_fell_is_no_person_though_a_weir_may_be_a_surname() -> None:
    sentence = "The report covers the Kelby Fell wind turbine run by Jo Bell's cooperative."
    assert list(_spans(sentence, "person")) == ["Jo Bell"]
    assert list(_spans("The appeal is led by Sam Weir in Kelby.", "person")) == ["Sam Weir"]


def test_a_weir_is_a_site() -> None:
    assert list(_spans("The boats moor at Kelby Weir in summer.", "place")) == ["Kelby Weir"]


def test_how_much_of_a_stuff_is_never_a_time() -> None:
    question = "How much waste did the plant sort?"
    sentence = "In its first ten months the plant sorted 61,000 tonnes of waste."
    assert [s.text for s in find_answer_spans(sentence, "measure", question)] == ["61,000 tonnes"]
    # "How much time ...?" still asks one.
    assert [s.text for s in find_answer_spans(sentence, "measure", "How much time did it take?")] == [
        "ten months",
        "61,000 tonnes",
    ]


@pytest.mark.parametrize(
    ("sentence", "address"),
    [
        (
            "Our address for all correspondence is now The Kelby Wing, Quayside, Stanholt ST1 2DW.",
            "The Kelby Wing, Quayside, Stanholt ST1 2DW",
        ),
        (
            "From 6 January the office is at The Counting House, Wexby Mill, Mill Lane, Stanholt ST4 7RD.",
            "The Counting House, Wexby Mill, Mill Lane, Stanholt ST4 7RD",
        ),
    ],
)
def test_an_address_asked_for_is_the_whole_postal_address(sentence: str, address: str) -> None:
    found = find_answer_spans(sentence, "place", "What address should post for the trust go to?")
    assert [s.text for s in found] == [address]


@pytest.mark.parametrize(
    "sentence",
    [
        "In April the trust moved its head office from Wexby House to the Old Maltings, Stanholt.",
        "The trust moved its head office from Wexby House to the first floor of the Old Maltings, Stanholt.",
    ],
)
def test_where_something_moved_to_is_where_it_is_not_where_it_left(sentence: str) -> None:
    found = find_answer_spans(sentence, "place", "Where is the trust's head office?")
    assert [s.text for s in found] == ["Old Maltings, Stanholt"]
