"""Casual wording is read as what it means, and ordinary words never make the bot give up."""

from __future__ import annotations

import pytest

from bot.answer.query import parse_query
from bot.answer.wording import as_shown, informal_to_plain, is_common_english, unshout
from bot.engine import Engine


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("whens the trust startin", "when is the trust starting"),
        ("how much r we spending on kids", "how much are we spending on children"),
        ("wat r ppl scared of", "what are people scared of"),
        ("what happens 2 council staff", "what happens to council staff"),
        ("wot was the 4mil from govt for", "what was the 4 million from government for"),
        ("who's in charge of the library", "who's head of the library"),
        ("u gonna tell me", "you going to tell me"),
        ("it doesnt open", "it does not open"),
        ("who runs the childrens services", "who is head of the children's services"),
        ("Who was running the library at the time?", "Who was head of the library at the time?"),
        ("wheres the hq", "where is the headquarters"),
        ("who was the boss back in 2014", "who was the head in 2014"),
        ("whats the latest news", "what is the latest news"),  # "news" is no possessive of "new"
        ("wen is the quay gonna be done", "when is the quay going to be completed"),
        ("who ran it b4 the merger", "who ran it before the merger"),
        ("is the min still £50", "is the minimum still £50"),
        ("when did the builder go under?", "when did the builder go bust?"),
        ("the road goes under the railway", "the road goes under the railway"),
        ("wots happenin to the old bldg", "what is happening to the old building"),
        ("Where was the HQ in 2021?", "Where was the headquarters in 2021?"),
        ("whos runnin the ferry company", "who is head of the ferry company"),
        ("hw far wud the crews have 2 drive", "how far would the crews have to drive"),
        ("who chairs the board at the moment", "who chairs the board now"),
        ("who is the second in command", "who is the deputy head"),
        ("how many defibs r there", "how many defibs are there"),  # a plural, no possessive
        ("wat time is the first boat 2 skerra", "what time is the first boat to skerra"),
        ("we have 2 stations left", "we have 2 stations left"),
        ("hw much is it 4 an adult", "how much is it for an adult"),
        ("who do we pay 4 kelby parking", "who do we pay for kelby parking"),
        ("wat was it sposed 2 cost when they ok'd it", "what was it supposed to cost when they approved it"),
        ("how many people work at the lido", "how many staff work at the lido"),
        ("wat r the 4 sites", "what are the 4 sites"),
        ("do u pay 2 get in2 the museum", "do you pay to get into the museum"),
        ("wot happend 2 the old depot", "what happend to the old depot"),
        ("r there still sailngs 2 a day", "are there still sailngs 2 a day"),
        ("how many nite flights r there", "how many night flights are there"),
        ("wat was it ment to cost at the start", "what was it supposed to cost originally"),
        ("when is the new runway meant to come into use", "when is the new runway supposed to open"),
        ("when did the tram go into service", "when did the tram open"),
        ("how much has been set aside for the pier", "how much has been budgeted for the pier"),
        ("how much did it cost in the end", "how much did it cost finally"),
        ("whos running it these days", "who is head of it now"),
        ("who was runnin it back in 2016", "who was head of it in 2016"),
        ("wat did the quay end up costin us", "what did the quay finally costing us"),
        ("y did we bin off the station rd site", "why did we abandoned the station road site"),
        ("why did they ditch the plan", "why did they abandoned the plan"),
        ("is y the letter after x", "is y the letter after x"),  # only a question's first word
        ("whos the big boss now", "who is the head now"),
        ("wats the avg rent", "what is the average rent"),
        ("wen will it b open", "when will it be open"),
        ("is it gonna b late", "is it going to be late"),
        ("is it plan b", "is it plan b"),
        ("who is the chief exec", "who is the chief executive"),
        ("whos the ceo n the md", "who is the chief executive and the managing director"),
        ("whos the vc rn", "who is the vice chancellor now"),
        ("hw much was the backup genny", "how much was the backup generator"),
        ("who chairs the parks assoc", "who chairs the parks association"),
        ("wots goin on at the new lib", "what is going on at the new library"),
        ("nah they told em", "no they told them"),
        ("whats the eta on the new depot", "what is the expected date on the new depot"),
        ("is it opening 2day or 2moro", "is it opening today or tomorrow"),
        ("wiv dat money", "with that money"),
        ("who took over after the 1st builder went bust", "who took over after the first builder went bust"),
        ("is the 2nd phase done", "is the second phase done"),
        ("the 1st lot of tenants", "the first lot of tenants"),  # a batch, not "many"
        ("are there lots of vacancies", "are there many vacancies"),
        ("wat do members get out of the co-op", "what do members benefit from the co-op"),
    ],
)
def test_text_speak_slang_and_dropped_letters_become_plain_english(typed: str, plain: str) -> None:
    assert informal_to_plain(typed) == plain


def test_names_and_numbers_are_left_alone() -> None:
    # "Mill" is a street's name here, not "million"; a 2 inside a figure stays a 2.
    assert informal_to_plain("When will the Mill Street car park reopen?") == (
        "When will the Mill Street car park reopen?"
    )
    assert informal_to_plain("is it £2m or 2 million") == "is it £2m or 2 million"
    # A 4 after a verb counts what follows when it can be counted.
    assert informal_to_plain("do they work 4 days a week") == "do they work 4 days a week"
    assert informal_to_plain("do they work 4 hour shifts") == "do they work 4 hour shifts"
    assert informal_to_plain("they paid 4 ppl") == "they paid 4 people"


def test_common_english_is_told_from_rare_words() -> None:
    assert is_common_english("actually") and is_common_english("labour")
    assert not is_common_english("zqxv")


@pytest.mark.parametrize("typed", ["actualy", "goverment", "becuase", "recieved", "lengthened"])
def test_a_misspelt_common_word_is_common_english(typed: str) -> None:
    assert is_common_english(typed)


@pytest.mark.parametrize("name", ["pellow", "brindlecombe", "okafor"])
def test_a_rare_name_is_not_taken_for_a_misspelling(name: str) -> None:
    assert not is_common_english(name)


def test_an_ordinary_word_the_corpus_lacks_is_not_a_reason_to_abstain() -> None:
    vocabulary = frozenset({"trust", "children", "services", "director"})
    query = parse_query(
        "who actually runs the kids services", vocabulary, frozenset({"trust", "child", "servic"})
    )
    assert query.rare == ()  # "actually" is ordinary English, "kids" means children
    assert "child" in query.terms


def test_a_name_or_rare_word_the_corpus_lacks_is_a_reason_to_abstain() -> None:
    vocabulary = frozenset({"trust", "population"})
    query = parse_query("What is the population of Leeds?", vocabulary, frozenset({"trust", "popul"}))
    assert query.rare == ("leed",)  # "Leeds", stemmed; "population" is in the corpus


@pytest.mark.parametrize(
    ("question", "rare"),
    [
        ("What is the average caseload at the Trust?", ("caseload",)),  # names capitalised
        ("what is the average caseload at the trust", ()),  # all lower case: a name or slang alike
        ("Whats the average caseload at the trust", ()),  # only the first letter, as phones write it
    ],
)
def test_a_rare_lower_case_word_decides_only_where_the_asker_capitalises_names(
    question: str, rare: tuple[str, ...]
) -> None:
    known = frozenset({"trust", "averag"})
    assert parse_query(question, frozenset({"trust", "average"}), known).rare == rare


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("WHEN WILL THE TRUST GO LIVE?", "when will the trust go live?"),
        ("When Will The Trust Go Live?", "when will the trust go live?"),
        ("Who chairs the Harbour Board in Kelmouth?", "Who chairs the Harbour Board in Kelmouth?"),  # names
        ("Go Live?", "Go Live?"),  # too short to tell
    ],
)
def test_a_question_in_capitals_or_title_case_is_read_in_lower_case(typed: str, read: str) -> None:
    assert unshout(typed) == read


def test_a_question_in_capitals_finds_the_answer_it_finds_in_lower_case(seed_engine: Engine) -> None:
    shouted, plain = (
        seed_engine.ask("WHEN WILL THE TRUST GO LIVE?"),
        seed_engine.ask("when will the trust go live?"),
    )
    assert not shouted.abstained
    assert shouted.short == plain.short


def test_words_added_only_to_search_by_are_not_shown() -> None:
    read = informal_to_plain("when will the trust take over")
    assert "start" in read and as_shown(read) == "when will the trust take over"


def test_the_reply_does_not_show_words_added_to_search_by(seed_engine: Engine) -> None:
    assert seed_engine.ask("What month is the children's trust now due to take over?").corrected is None
