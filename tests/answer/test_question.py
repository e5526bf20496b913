"""What kind of answer a question asks for, and the noun a "which" question names."""

from __future__ import annotations

import pytest

from bot.answer.question import asked_noun, counted_term, expected_answer, post_qualifiers
from bot.answer.spans import persons_in


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When will the trust go live?", "date"),
        ("when did the library open", "date"),
        ("What year will the library open?", "date"),
        ("And when will it open?", "date"),
        ("Who is the project manager?", "person"),
        ("Whose idea was the trust?", "person"),
        ("What is the name of the director?", "person"),
        ("How much will the library cost?", "amount"),
        ("What is the budget of the library?", "amount"),
        ("What was the total cost of the new library?", "amount"),
        ("How many staff will move to the trust?", "count"),
        ("What share of staff are agency workers?", "percent"),
        ("What percentage of staff are agency workers?", "percent"),
        ("What is the proportion of agency staff?", "percent"),
        ("Which councils set up trusts before Northamptonshire?", "name"),
        ("Which consultancy advised the council?", "name"),
        ("What is a children's trust?", None),
        ("How does the trust work?", None),
        ("Which is the newest library?", None),
        ("Why was the library delayed?", None),
        ("In what year was the library founded?", "date"),
        ("As of mid-2016, when was the library due to open?", "date"),
        ("What stream turned out to run under the site?", "name"),
        ("what charity do they work with", "name"),
        ("What kind of organisation is the trust?", None),
        ("What job did she have before?", None),
        ("What is the number of branch libraries?", "count"),
        ("How long does the crossing take?", "measure"),
        ("What size is the solar farm?", "measure"),
        ("Which document is the cabinet considering?", None),
        ("Which business document is going before the cabinet?", None),
        ("What's the current target date for the trust?", "date"),
        ("What is the deadline for bids?", "date"),
        ("What is the average response time for urgent calls?", "measure"),
        ("How long until the terminal opens?", "date"),
        ("What is the name of the smartcard?", "name"),
        ("What was the first plane to land on the new runway?", "name"),
        ("What was the last ferry to leave before the strike?", "name"),
        ("What was the first year that the café made a profit?", None),
        ("What is the only way to renew a season ticket?", None),
        ("What is the name of the new chief executive?", "person"),
        ("What is the interest rate on members' shares?", "percent"),
        ("What is the ferry's safety rating?", "rating"),
        ("How was the ferry rated by inspectors?", "rating"),
        ("How did the assessors rate the ferry?", "rating"),
        # How something came about is no grade, though it speaks of one; nor how often.
        ("How did the ferry earn its star rating?", None),
        ("How often is the ferry rated?", None),
        ("How big is the harbour's fishing fleet?", "count"),
        ("How big is the terminal budget?", "amount"),
        ("how much cargo did the port handle in 2013", "measure"),
        ("What annual cargo throughput did the port report?", "measure"),
        ("What's the overnight charge for a visiting yacht?", "amount"),
        ("How much capital money has the borough put in?", "amount"),
        ("Where does the trust stand with the regulator?", None),
        ("What is the association's annual turnover?", "amount"),
        ("What is the latest forecast for the overall bill for the new pier?", "amount"),
        ("How much additional transition funding is the council asking for?", "amount"),
        ("What's the population of the island?", "count"),
        ("What is the latest visitor figure?", "count"),
        ("What was the total of new members?", "count"),
        ("What was the headcount of ferry crew at the end of 2019?", "count"),
        ("What was the attendance at the harbour festival?", "count"),
        ("What is the airport's most recent yearly passenger total?", "count"),
        ("What is the total cost of the bridge?", "amount"),
        ("What did Bill Hart say about the pier?", None),
        ("What airline flies the most routes from here?", "name"),
        ("What firm is building the bridge?", "name"),
        ("What does Ola Grant think of the plan?", None),
        ("What is the Capital Grant Fund worth?", "amount"),
        ("What's the trust's registered charity number?", None),
        ("What is the council's reference number for the planning application?", None),
        ("what did the new pier end up costing us", "amount"),
        ("What does a ferry passenger pay for a return ticket?", "amount"),
        ("How big is the harbour's community fund this year?", "amount"),
        ("How big is the housing association's stock now?", "count"),
        ("What was the foundation's first pledge towards the new pier?", "amount"),
        ("How big was the council's one-off payment towards the pier?", "amount"),
        ("What return do members currently get on their shares?", "percent"),
        ("What interest does the co-op pay its shareholders?", "percent"),
        ("If the merger went ahead, how many ferry firms would be left?", "count"),
        ("Once the pier opens, who will run it?", "person"),
        ("If so, why?", None),
        ("Is the tram line still estimated at £465m?", "amount"),
        ("Does the service still run 41 ambulance stations?", "count"),
        ("What is the size of the lifeguard team?", "count"),  # how many lifeguards
        ("What is the size of the new car park?", "measure"),
        # A leading clause that says when is not what is asked.
        ("Going into 2021, what was the ferry's safety grade?", "rating"),
        ("Back in 2013, who chaired the harbour board?", "person"),
        # ... but one that says who is kept: "according to Jo Bell in 2017, which ...".
        ("According to Jo Bell in 2017, which issue will the merger address?", None),
        # An address asked for is a place; "address" as a verb is not.
        ("What address do I write to for the ferry office?", "place"),
        ("What is the harbour board's postal address?", "place"),
        ("What did the chair address in her speech?", None),
        ("What is the ferry company's registered office address?", "place"),
        ("What was the theme of the mayor's address?", None),
        ("What did the minister's address say about ferries?", None),
        # What something got at an inspection is its grade; not what it did after one.
        ("what has the kelby ferry service received in the latest assessment", "rating"),
        ("How did the ferry company fare at its most recent inspection?", "rating"),
        ("What did the inspectors look at during the visit?", None),
        ("What did Kelby do after the inspection?", None),
        ("What did pupils get from their visit to the museum?", None),
        ("What did the council get from the review of bus routes?", None),
        # A rate charged by the hour or the night is a price, not a grade.
        ("What's the hourly rate for boat repairs at the yard?", "amount"),
        ("What is the rate per night at the hostel?", "amount"),
        ("What rate did the inspectors give the archive?", "rating"),
        # A noun of time after a verb is no date asked: "a day ticket" is a ticket.
        ("What does a day ticket to the lido cost?", "amount"),
        ("What day is the Wexby market held?", "date"),
        ("What was the year the Kelby pier opened?", "date"),
        ("What is the time of the board meeting?", "date"),
        # A sum is money, and so is what a body charges.
        ("What additional sum did the board approve?", "amount"),
        ("What amount was agreed for the roof?", "amount"),
        ("What was the co-op charging per unit last winter?", "amount"),
        ("How quickly are calls to the helpline answered?", "measure"),
        # "cost" and "charge" as verbs ask a sum wherever they stand, and so does what one
        # body hands another each year.
        ("What did the Stanholt lido cost in the end?", "amount"),
        ("what did the Kelby pool end up costing to build", "amount"),
        ("What does Wexby Waste Services charge for a green bin permit?", "amount"),
        ("What does the council currently hand the Orvell trust each year?", "amount"),
        # A word of manner or time before a comma is no part of what is asked.
        ("On average, how quickly are calls to the helpline answered?", "measure"),
        ("At the moment, who chairs the Gelston board?", "person"),
        # "numbers" counts unless it names: "visitor numbers", not "phone numbers".
        ("What are the Tarnholme visitor numbers?", "count"),
        ("What are the helpline phone numbers?", None),
        ("Kelby ferry passenger numbers what are they", "count"),
        # Interest on a sum is a share; interest in a scheme is not.
        ("what is the interest on shares going to be this year", "percent"),
        ("What is the interest in the Orvell scheme?", None),
        ("what % of its costs does the health board cover", "percent"),
        # A measure noun a few words on, not across "at the time".
        ("What was the Holmbrae service's average category 1 response time?", "measure"),
        ("What was the council doing at the time?", None),
        # Whatever the last visit of a regulator is called, what it gave is a grade.
        ("what did Wexby Park school get at its last visit", "rating"),
        # What a thing is called is a name; what a post is called is its title.
        ("what is the Wexby staff newsletter called", "name"),
        ("What was the cabinet post for Kelby's schools called?", None),
        ("How large an area does the Tarnholme park cover?", "measure"),
        ("what did the Orvell village hall get out of the turbine fund", "amount"),
        # A question asking a cause asks no figure, whatever figure it names.
        ("What drove the Kelby depot's cost estimate up to £21.8m in 2020?", None),
        ("What was the reasoning behind getting rid of overdue fines?", None),
        ("What went wrong that cost the Wexby hospice its good rating?", None),
        # How much of a thing is a share of it; how much of a sum is money.
        ("How much of the Kelby pier had been rebuilt by May?", "percent"),
        ("How much of the 2024/25 savings will not be made?", "amount"),
    ],
)
def test_expected_answer(question: str, kind: str | None) -> None:
    assert expected_answer(question) == kind


def test_an_opener_before_which_is_ignored() -> None:
    assert asked_noun("So which councils set up a trust?") == "councils"
    assert expected_answer("So which councils set up a trust?") == "name"


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("How many inpatient beds does the hospital have?", "bed"),
        ("How many recommendations came out of the 2017 review?", "recommend"),
        ("How many staff relocated from the old office?", "staff"),
        ("how many people work there", "peopl"),
        ("How many of the councils have a trust?", "council"),
        ("how many branch libraries r left", "librari"),
        ("What is the total number of fire stations?", "station"),
    ],
)
def test_how_many_counts_the_noun_before_the_verb(question: str, counted: str) -> None:
    assert counted_term(question) == counted


def test_a_what_question_names_its_noun_before_the_verb() -> None:
    assert asked_noun("What stream turned out to run under the site?") == "stream"
    assert asked_noun("What happened to the old library?") is None


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("Which call handler took the first call?", "handler"),
        ("Which councillor currently holds the brief?", "councillor"),
        ("Which councils set up a trust?", "councils"),
        ("Which business document went to cabinet?", "document"),
        ("What's the name of the ferry company's new booking office?", "office"),
    ],
)
def test_the_noun_asked_for_is_the_head_of_its_phrase(question: str, noun: str) -> None:
    assert asked_noun(question) == noun


@pytest.mark.parametrize(
    ("question", "qualifiers"),
    [
        ("Who was leader of the district council when the land deal was struck?", ("district", "council")),
        ("Who chaired the board of the ferry company?", ("ferri", "compani")),
    ],
)
def test_a_posts_qualifiers_stop_where_a_clause_begins(question: str, qualifiers: tuple[str, ...]) -> None:
    assert post_qualifiers(question) == qualifiers


def test_a_body_named_in_the_possessive_is_no_person() -> None:
    assert persons_in("Who is Orchard Hospice's chief executive?") == []
    assert [p.text for p in persons_in("Ann Pike, Orchard Hospice's chief executive, said")] == ["Ann Pike"]


def test_a_posts_qualifiers_are_read_in_the_spelling_the_index_uses() -> None:
    # "coop" is the "cooperative" a document writes.
    assert post_qualifiers("whos the boss at the kelby coop") == post_qualifiers(
        "who is head of the kelby cooperative"
    )
