"""Date-aware ranking on a second, invented corpus: the Eastbridge library project.

The seed corpus is about one children's trust; these tests build another corpus in a
temporary folder, about a town library whose planned opening (autumn 2018 → 2019 →
July 2020 → April 2021), project manager (Helen Morris → David Okafor) and budget
(£12m → £15m → £18.5m) change over the years, so that nothing here can pass by being
tuned to the seeds. The corpus also holds an undated leaflet, a document dated only by
a dateline, a metadata.toml entry overriding front matter, a paragraph quoted verbatim
by two documents, distractor passages that share words without answering, and page
clutter (ads, newsletter prompts, a doubled caption, a paywall).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.answer import Answer, Result
from bot.answer.query import parse_query
from bot.answer.rank import rank
from bot.corpus import load_corpus
from bot.engine import Engine
from bot.text.dates import PubDate

from ..documents import article, engine_over, write_corpus

WHEN = "When will the Eastbridge library open?"
WHO = "Who is the project manager for the Eastbridge library?"
HOW_MUCH = "How much will the Eastbridge library cost?"

UNDATED = "eastbridge-library-leaflet"
DATELINED = "2019-03-new-project-manager"
OVERRIDDEN = "2020-11-costs-rise-again"
DUPLICATE_PARAGRAPH = (
    "Councillor Priya Shah, cabinet member for culture, said: “Eastbridge deserves a library fit for "
    "the 21st century, and we are determined to deliver it.”"
)
CAPTION = "The site of the new library on Mill Street."

DOCUMENTS: dict[str, str] = {
    "2016-05-library-approved.md": f"""\
---
title: Council approves £12m central library for Eastbridge
published: 2016-05-10
source: Eastbridge Gazette
url: https://gazette.example/news/2016/05/library-approved
---
Hide Ad

Plans for a new central library in Eastbridge were approved by the borough council's planning \
committee on Monday night.

The Eastbridge library will cost £12m and is due to open in autumn 2018, the council said.

The project manager for the Eastbridge library, Helen Morris, said the building on Mill Street \
would replace the cramped 1960s branch on Station Road.

Sign up to our daily newsletter

{CAPTION}{CAPTION}

Residents can see the designs at the town hall until the end of the month.

{CAPTION}
""",
    "2017-09-library-delayed.md": f"""\
---
title: Eastbridge library delayed as costs rise to £15m
published: 2017-09-20
source: Eastbridge Gazette
url: https://gazette.example/news/2017/09/library-delayed
---
19 September 2017

The opening of the new Eastbridge library has been delayed until 2019 after problems with the \
foundations.

The council said the cost of the Eastbridge library had risen to £15m.

{DUPLICATE_PARAGRAPH}

Project manager Helen Morris said contractors would return to the site in October.
""",
    "2017-09-council-statement.md": f"""\
---
title: Statement on the central library
published: 2017-09-21
source: Eastbridge Borough Council
url: https://eastbridge.example/news/central-library-statement
---
The council has agreed a revised programme for the new central library after ground surveys \
found old mine workings under the site.

{DUPLICATE_PARAGRAPH}
""",
    "2018-02-steel-frame.md": """\
---
title: Steel frame rises on Mill Street library site
published: 2018-02-07
source: Eastbridge Gazette
url: https://gazette.example/news/2018/02/steel-frame
---
The steel frame of the new Eastbridge library is now visible from Mill Street.

The Eastbridge library remains on course to open in 2019, project manager Helen Morris said.
""",
    # No front matter: dated only by the dateline at its top.
    f"{DATELINED}.md": """\
14 March 2019

New manager for Eastbridge library project

David Okafor has been appointed project manager for the Eastbridge library, replacing Helen \
Morris, who has retired.

Mr. Okafor said the Eastbridge library is now expected to open in July next year.

He previously managed the restoration of the Corn Exchange in Hadley.

Mr. Okafor said the rooftop garden would be planted next spring.
""",
    # Front matter and dateline carry a draft's date; metadata.toml has the real one.
    f"{OVERRIDDEN}.md": """\
---
title: Draft — library update
published: 2019-02-01
source: Eastbridge Gazette
---
1 February 2019

The cost of the new Eastbridge library has risen again, to £18.5m, council papers show.

The Eastbridge library will now open in April next year, project manager David Okafor told \
councillors.

Extra fire safety work added to the bill, the papers say.
""",
    # The newest document: passages that share the questions' words but do not answer them.
    "2021-06-fit-out.md": """\
---
title: Fit-out begins at Eastbridge library
published: 2021-06-15
source: Eastbridge Gazette
url: https://gazette.example/news/2021/06/fit-out
---
Fit-out work has begun inside the new library on Mill Street.

The library opening hours will be decided after a consultation with Eastbridge residents.

Councillor Priya Shah, who chairs the project board, toured the Eastbridge library building with \
pupils from Hadley Road Primary.

Register Now to Continue Reading

Subscribers read that the library budget was secretly cut to £1m.
""",
    # No front matter, no dateline: restates the 2016 facts.
    f"{UNDATED}.txt": """\
A new library for Eastbridge

The new Eastbridge library on Mill Street will cost £12m and is due to open in autumn 2018.

Ask at the town hall for the full plans.
""",
    "metadata.toml": f"""\
["{OVERRIDDEN}"]
title = "Eastbridge library costs rise to £18.5m"
publisher = "Eastbridge Gazette"
published = "2020-11"
url = "https://gazette.example/news/2020/11/costs-rise-again"
""",
}


@pytest.fixture(scope="module")
def library_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Eastbridge corpus, written once per module."""
    return write_corpus(tmp_path_factory.mktemp("eastbridge") / "corpus", DOCUMENTS)


@pytest.fixture(scope="module")
def engine(library_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """An engine over the Eastbridge corpus, built once per module."""
    return Engine.open(library_corpus, tmp_path_factory.mktemp("eastbridge-index"))


def _ask(engine: Engine, question: str, as_of: str | None = None) -> Answer:
    return engine.ask(question, as_of=as_of, top_k=20)


def _rank_of(answer: Answer, doc_id: str, contains: str = "") -> int:
    ranks = [r.rank for r in answer.results if r.citation.doc_id == doc_id and contains in r.passage]
    assert ranks, f"{doc_id} ({contains!r}) not among the results: {[r.passage_id for r in answer.results]}"
    return ranks[0]


def _dated(result: Result) -> dt.date:
    assert result.citation.published is not None
    return result.citation.published.value


# --- the latest answer first, earlier ones listed -------------------------------------


@pytest.mark.parametrize(
    ("question", "top_doc", "latest", "earlier_said"),
    [
        (WHEN, OVERRIDDEN, "April 2021", ["July 2020", "2019", "autumn 2018"]),
        (WHO, OVERRIDDEN, "David Okafor", ["Helen Morris"]),
        (HOW_MUCH, OVERRIDDEN, "£18.5m", ["£15m", "£12m"]),
    ],
    ids=["when", "who", "how-much"],
)
def test_latest_answer_first_and_earlier_answers_listed_newest_first(
    engine: Engine, question: str, top_doc: str, latest: str, earlier_said: list[str]
) -> None:
    answer = _ask(engine, question)
    assert not answer.abstained
    top = answer.results[0]
    assert top.citation.doc_id == top_doc
    assert answer.answer is not None and latest in answer.answer
    assert not top.superseded

    # Earlier reports: older documents, newest first, each saying something else.
    said = [e.said for e in answer.earlier]
    deduplicated = [s for n, s in enumerate(said) if n == 0 or said[n - 1] != s]
    assert deduplicated == earlier_said
    dates = [e.citation.published.value for e in answer.earlier if e.citation.published]
    assert len(dates) == len(answer.earlier), "an undated document cannot be an earlier report"
    assert dates == sorted(dates, reverse=True)
    assert all(d < _dated(top) for d in dates)
    assert all(latest not in e.said for e in answer.earlier)

    # Their results are marked superseded; the ones giving the latest answer are not.
    by_id = {r.passage_id: r for r in answer.results}
    for entry in answer.earlier:
        assert by_id[entry.passage_id].superseded, entry.passage_id
    for result in answer.results:
        if latest in (result.answer or result.sentence):  # resolved: "April next year (April 2021)"
            assert not result.superseded, result.passage_id


def test_when_lists_every_older_plan_for_the_opening(engine: Engine) -> None:
    answer = _ask(engine, WHEN)
    assert [e.citation.doc_id for e in answer.earlier] == [
        DATELINED,
        "2018-02-steel-frame",
        "2017-09-library-delayed",
        "2016-05-library-approved",
    ]


# --- as things stood then -------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "as_of", "top_docs", "expected"),
    [
        (WHEN, "2017-12", ("2017-09-library-delayed",), "2019"),
        # A month counts from its first day: the 14 March 2019 article is not yet out.
        (WHEN, "2019-03", ("2018-02-steel-frame",), "2019"),
        (WHEN, "2019-03-14", (DATELINED,), "July 2020"),
        (WHEN, "2020-10-31", (DATELINED,), "July 2020"),
        # A document dated to a month counts from its first day too.
        (WHEN, "2020-11-01", (OVERRIDDEN,), "April 2021"),
        # Both of these name Helen Morris: either may lead.
        (WHO, "2018", ("2017-09-library-delayed", "2016-05-library-approved"), "Helen Morris"),
        (WHO, "2019-04", (DATELINED,), "David Okafor"),
        (HOW_MUCH, "2017-09-19", ("2016-05-library-approved",), "£12m"),
        (HOW_MUCH, "2018-12-31", ("2017-09-library-delayed",), "£15m"),
    ],
)
def test_as_of_gives_the_answer_as_it_stood(
    engine: Engine, question: str, as_of: str, top_docs: tuple[str, ...], expected: str
) -> None:
    answer = _ask(engine, question, as_of)
    assert not answer.abstained, answer.reason
    assert answer.results[0].citation.doc_id in top_docs
    assert answer.answer is not None and expected in answer.answer
    cutoff = answer.as_of
    assert cutoff is not None
    for result in answer.results:
        published = result.citation.published
        assert published is not None, f"undated {result.citation.doc_id} shown for a cut-off"
        assert published.value <= cutoff.value, result.citation.doc_id
    for entry in answer.earlier:
        assert entry.citation.published is not None and entry.citation.published.value <= cutoff.value


@pytest.mark.parametrize(
    ("question", "as_of", "earlier_said"),
    [
        (WHEN, "2019-12", ["2019", "autumn 2018"]),
        (WHO, "2019-04", ["Helen Morris"]),
        (HOW_MUCH, "2018-12-31", ["£12m"]),
    ],
)
def test_as_of_lists_what_was_said_before_then(
    engine: Engine, question: str, as_of: str, earlier_said: list[str]
) -> None:
    answer = _ask(engine, question, as_of)
    said = list(dict.fromkeys(e.said for e in answer.earlier))
    assert said == earlier_said


def test_month_cut_off_counts_from_the_first_of_the_month(engine: Engine) -> None:
    march = _ask(engine, WHEN, "2019-03")
    assert march.as_of == PubDate(dt.date(2019, 3, 1), "month")
    assert DATELINED not in {r.citation.doc_id for r in march.results}
    april = _ask(engine, WHEN, "2019-04")
    assert april.results[0].citation.doc_id == DATELINED


def test_documents_after_the_cut_off_never_appear(engine: Engine) -> None:
    for question in (WHEN, WHO, HOW_MUCH, "What did Councillor Priya Shah say about the library?"):
        answer = _ask(engine, question, "2017-09-20")
        shown = {r.citation.doc_id for r in answer.results} | {e.citation.doc_id for e in answer.earlier}
        assert shown <= {"2016-05-library-approved", "2017-09-library-delayed"}, (question, shown)


# --- recency only breaks ties among answers -------------------------------------------


def test_newer_passage_without_a_date_does_not_outrank_an_older_date(engine: Engine) -> None:
    answer = _ask(engine, WHEN)
    hours = _rank_of(answer, "2021-06-fit-out", "opening hours")
    assert hours > _rank_of(answer, "2016-05-library-approved", "autumn 2018")
    assert hours > _rank_of(answer, "2017-09-library-delayed", "until 2019")
    assert "opening hours" not in (answer.answer or "")


def test_newer_councillor_does_not_outrank_the_project_manager(engine: Engine) -> None:
    answer = _ask(engine, WHO)
    councillor = _rank_of(answer, "2021-06-fit-out", "Priya Shah")
    assert councillor > _rank_of(answer, "2016-05-library-approved", "Helen Morris")
    assert "Priya Shah" not in (answer.answer or "")


def test_newer_passage_without_an_amount_does_not_outrank_an_older_amount(engine: Engine) -> None:
    answer = _ask(engine, HOW_MUCH)
    bill = _rank_of(answer, OVERRIDDEN, "fire safety")
    assert bill > _rank_of(answer, "2016-05-library-approved", "£12m")


# --- undated documents ----------------------------------------------------------------


def test_undated_document_loads_with_a_warning(engine: Engine, library_corpus: Path) -> None:
    undated_notices = [n for n in engine.notices if n.kind == "undated"]
    assert len(undated_notices) == 1 and UNDATED in str(undated_notices[0])
    warnings = load_corpus(library_corpus).warnings
    assert any(w.kind == "undated" and UNDATED in str(w) for w in warnings)
    assert engine.index.documents[UNDATED].published is None


@pytest.mark.parametrize(("question", "marker"), [(HOW_MUCH, "£"), (WHEN, "20")], ids=["how-much", "when"])
def test_undated_document_ranks_behind_dated_ones_that_answer(
    engine: Engine, question: str, marker: str
) -> None:
    answer = _ask(engine, question)
    undated = _rank_of(answer, UNDATED)
    same_facts_dated = _rank_of(answer, "2016-05-library-approved", "£12m")
    assert undated > same_facts_dated
    answering_dated = [
        r.rank for r in answer.results if r.citation.published is not None and marker in r.sentence
    ]
    assert answering_dated and max(answering_dated) < undated

    # Within the band of comparable answers, the undated one is last.
    index = engine.index
    ranking = rank(index, parse_query(question, index.vocabulary, frozenset(index.bm25.idf)))
    band = ranking.hits[: ranking.band]
    assert UNDATED in {h.document.id for h in band}
    assert band[-1].document.id == UNDATED


def test_undated_document_is_left_out_of_a_cut_off(engine: Engine) -> None:
    answer = _ask(engine, HOW_MUCH, "2030")
    assert UNDATED not in {r.citation.doc_id for r in answer.results}


# --- duplicates and clutter -----------------------------------------------------------


def test_verbatim_duplicate_paragraph_appears_once(engine: Engine) -> None:
    copies = [p for p in engine.index.passages if p.text == DUPLICATE_PARAGRAPH]
    assert len(copies) == 2, "both documents carry the paragraph"
    answer = _ask(engine, "What did Councillor Priya Shah say about the library?")
    assert not answer.abstained
    shown = [r for r in answer.results if "fit for the 21st century" in r.passage]
    assert len(shown) == 1
    assert len({r.passage for r in answer.results}) == len(answer.results)


def test_page_clutter_is_not_in_any_passage(engine: Engine) -> None:
    texts = [p.text for p in engine.index.passages]
    for text in texts:
        assert "Hide Ad" not in text
        assert "newsletter" not in text.lower()
        assert "Register Now" not in text
        assert "secretly cut" not in text, "text after a paywall line is not article"
        assert CAPTION * 2 not in text
        assert text not in ("19 September 2017", "14 March 2019", "1 February 2019"), "datelines are metadata"
    assert sum(text.count(CAPTION) for text in texts) == 1


# --- abstaining and typos -------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "When will the Mill Street car park reopen?",
        "How much will the fire safety work cost?",
        pytest.param(
            "Who will run the café at the Eastbridge library?",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known limitation: synonyms are context-blind, 'run' a café matches 'open' a library",
            ),
        ),
        "Who is the head teacher of Hadley Road Primary?",
    ],
)
def test_unanswerable_question_sharing_words_abstains(engine: Engine, question: str) -> None:
    answer = _ask(engine, question)
    assert answer.abstained, f"answered {answer.answer!r}"
    assert answer.answer is None and answer.results == ()
    assert answer.reason


@pytest.mark.parametrize(
    ("question", "fixed", "expected"),
    [
        ("When will the Eastbrdige library open?", "Eastbridge", "April 2021"),
        ("Who is the project mangaer for the Eastbridge library?", "manager", "David Okafor"),
        ("How much will the Eastbridge library csot?", "cost", "£18.5m"),
    ],
)
def test_question_with_a_transposed_letter_still_answers(
    engine: Engine, question: str, fixed: str, expected: str
) -> None:
    answer = _ask(engine, question)
    assert not answer.abstained, answer.reason
    assert answer.corrected is not None and fixed.lower() in answer.corrected.lower()
    assert answer.answer is not None and expected in answer.answer
    assert answer.results[0].citation.doc_id == OVERRIDDEN


# --- where dates come from ------------------------------------------------------------


def test_metadata_wins_over_front_matter_and_dateline(engine: Engine) -> None:
    document = engine.index.documents[OVERRIDDEN]
    assert document.published == PubDate(dt.date(2020, 11, 1), "month")
    assert document.date_source == "metadata"
    assert document.title == "Eastbridge library costs rise to £18.5m"
    assert document.url == "https://gazette.example/news/2020/11/costs-rise-again"


def test_front_matter_wins_over_dateline(engine: Engine) -> None:
    document = engine.index.documents["2017-09-library-delayed"]
    assert document.published == PubDate(dt.date(2017, 9, 20), "day")
    assert document.date_source == "front matter"
    assert document.publisher == "Eastbridge Gazette"


def test_dateline_dates_a_document_without_front_matter(engine: Engine) -> None:
    document = engine.index.documents[DATELINED]
    assert document.published == PubDate(dt.date(2019, 3, 14), "day")
    assert document.date_source == "dateline"
    assert document.title == "New manager for Eastbridge library project"


# --- relative dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "as_of", "top_doc", "resolved"),
    [
        (WHEN, None, OVERRIDDEN, "April next year (April 2021)"),
        (WHEN, "2019-12", DATELINED, "July next year (July 2020)"),
        ("When will the rooftop garden be planted?", None, DATELINED, "2020"),
    ],
    ids=["april-next-year", "july-next-year", "next-spring"],
)
def test_relative_dates_are_resolved_against_the_document_date(
    engine: Engine, question: str, as_of: str | None, top_doc: str, resolved: str
) -> None:
    answer = _ask(engine, question, as_of)
    assert not answer.abstained, answer.reason
    assert answer.results[0].citation.doc_id == top_doc
    assert answer.answer is not None and resolved in answer.answer
    assert resolved not in answer.results[0].sentence, "the resolved date is added, it is not in the text"


_APPEAL_NEWS = {
    "2019-appeal.md": article(
        "Hospice appeal grows",
        "2019-03-01",
        "The Larkfield Hospice building appeal has raised £4.1m so far, the hospice said.\n",
    ),
    "2024-review.md": article(
        "Annual review",
        "2024-07-01",
        "The Larkfield Hospice building fund, launched in 2014 with a target of £3m and backed by local "
        "firms, closed in December, the appeal having raised £6.6m.\n",
    ),
}


def test_asked_what_holds_in_the_end_a_newer_answer_that_fits_less_well_comes_first(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, _APPEAL_NEWS)
    answer = engine.ask("how much did the larkfield hospice appeal raise in the end")
    assert answer.short == "£6.6m"
    assert [e.said for e in answer.earlier] == ["£4.1m"]


def test_a_question_about_now_takes_the_newer_answer_that_fits_a_little_less(tmp_path: Path) -> None:
    older = article(
        "Ferry trust plans",
        "2016-10-04",
        "The harbour cabinet will be dealing next week with the outline business case for the ferry trust.",
    )
    newer = article(
        "Ferry trust plans move on",
        "2019-11-05",
        "The harbour cabinet will note the memorandum of understanding for the ferry trust tomorrow.",
    )
    engine = engine_over(tmp_path, {"2016-case.md": older, "2019-mou.md": newer})
    now = engine.ask("Which paper is the harbour cabinet now dealing with to set up the ferry trust?")
    assert "memorandum of understanding" in now.results[0].sentence


_POOL_NEWS = {
    "2021-tickets.md": article(
        "Kelby pool season tickets sell out",
        "2021-03-02",
        "Kelby Lido sold 1,240 season tickets this year, up from 1,100, and the trust says it "
        "will open an extra lane on weekday mornings.\n\n"
        '"You cannot keep renewing season tickets and then turning swimmers away," a regular '
        "told the trust's board.\n",
    ),
}
_POOL_GUIDE = {
    **_POOL_NEWS,
    "2021-guide.md": article(
        "Kelby Lido season tickets, a guide for swimmers",
        "2021-09-01",
        "You can renew a season ticket online through the Kelby Lido website until 15 January.\n",
    ),
}


def test_how_do_i_is_not_answered_by_a_report_on_what_others_did(tmp_path: Path) -> None:
    # The quote's "you" speaks to the board, not to the reader.
    engine = engine_over(tmp_path, _POOL_NEWS)
    answer = engine.ask("how do i renew a season ticket at Kelby Lido")
    assert answer.abstained
    assert answer.reason == "no passage tells readers how to do this"


def test_how_do_i_is_answered_by_a_passage_that_tells_its_readers(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, _POOL_GUIDE)
    answer = engine.ask("how do i renew a season ticket at Kelby Lido")
    assert not answer.abstained
    assert "renew a season ticket online" in answer.results[0].sentence


def test_how_can_i_find_out_asks_a_fact_not_an_errand(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, _POOL_NEWS)
    answer = engine.ask("how can i find out how many season tickets Kelby Lido sold")
    assert not answer.abstained
    assert "1,240" in answer.results[0].sentence


_MILL_NEWS = {
    "2019-mill.md": article(
        "Brinkworth Mill reopens for the season",
        "2019-04-02",
        "At Brinkworth Mill an adult ticket costs £4.50 this season, and children go free.\n",
    ),
    "2023-mill.md": article(
        "Brinkworth Mill ticket price to rise",
        "2023-03-10",
        "Visitors to the restored watermill will pay more from next month.\n\n"
        "From 1 April an adult ticket will cost £6, up from £4.50.\n",
    ),
}


def test_a_newer_document_saying_the_answer_was_replaced_gives_the_value_that_holds(tmp_path: Path) -> None:
    # The newer sentence stands next to less of the question ("adult ticket" without the
    # mill), but it says the value found was replaced.
    engine = engine_over(tmp_path, _MILL_NEWS)
    answer = engine.ask("how much is an adult ticket at the mill")
    assert answer.short == "£6"
    assert [e.said for e in answer.earlier] == ["£4.50"]


def test_is_it_still_a_sum_is_answered_no_with_the_sum_that_holds(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, _MILL_NEWS)
    assert engine.ask("is an adult ticket at the mill still £4.50").short == "no — £6"


def test_asked_for_the_original_value_a_replacement_does_not_lead(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, _MILL_NEWS)
    answer = engine.ask("what did an adult ticket at the mill originally cost")
    assert answer.short == "£4.50"


def test_an_ordinary_word_the_documents_write_capitalised_is_no_name(tmp_path: Path) -> None:
    # "Unit 4" is the only "unit" the documents have; "unit price" is ordinary English.
    engine = engine_over(
        tmp_path,
        {
            "2024-heat.md": article(
                "Heat bills to fall in Kelby",
                "2024-04-18",
                "Households on Kelby's community heat network will see bills come down.\n\n"
                "The society that runs the network will cut the price of its heat to 8.4p per kWh "
                "from 1 May.\n\n"
                "Its office moves to Unit 4 on the Harnford estate in June.\n",
            ),
            "2022-heat.md": article(
                "Kelby heat network gains homes",
                "2022-10-06",
                "The Kelby heat network now serves 171 homes and the village school.\n",
            ),
            "2020-solar.md": article(
                "Solar farm approved", "2020-02-11", "A solar farm near Kelby was passed.\n"
            ),
        },
    )
    answer = engine.ask("what is the unit price for heat on the kelby network")
    assert answer.short == "8.4p per kWh"


def test_the_nth_council_to_do_it_answers_how_many_councils_have(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2016-buses.md": article(
                "Eastholm to move buses into a company",
                "2016-02-01",
                "Eastholm is set to become the third local authority to move its buses into an "
                "arm's-length company, after Westby and Northam did so in 2014.\n\n"
                "The council says the change will save £2m a year.\n",
            ),
            "2016-fares.md": article(
                "Bus fares frozen", "2016-03-01", "Eastholm council froze bus fares for the year.\n"
            ),
        },
    )
    answer = engine.ask("If Eastholm went ahead, how many councils would have moved buses into a company?")
    assert answer.short == "three (the third)"


def test_a_figure_told_as_a_change_is_no_value_of_the_fact(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2016-budget.md": article(
                "Library budget set", "2016-03-01", "The Eastholm library budget is £2m.\n"
            ),
            "2018-budget.md": article(
                "More money for the library",
                "2018-03-01",
                "The draft plan proposes a £300,000 spending increase in the Eastholm library budget.\n",
            ),
            "2019-budget.md": article(
                "Library budget agreed", "2019-03-01", "The Eastholm library budget for the year is £2.5m.\n"
            ),
        },
    )
    answer = engine.ask("What is the Eastholm library budget?")
    assert answer.short == "£2.5m"
    assert [e.said for e in answer.earlier] == ["£2m"]


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("Is the Eastbridge library still due to open in July 2020?", "no — April 2021"),
        ("Is the Eastbridge library still due to open in 2021?", "yes — April 2021"),
    ],
)
def test_is_it_still_due_then_compares_the_date_named_with_the_latest(
    engine: Engine, question: str, short: str
) -> None:
    assert engine.ask(question).short == short


def test_does_it_still_have_a_count_is_answered_with_the_count_that_holds(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2017-stations.md": article(
                "Ambulance stations review",
                "2017-11-01",
                "Eastholm Ambulance Service runs 41 ambulance stations.\n",
            ),
            "2024-stations.md": article(
                "Two new stations open",
                "2024-06-13",
                "Two new stations opened in March, taking Eastholm Ambulance Service to 39 ambulance "
                "stations.\n",
            ),
        },
    )
    assert engine.ask("Does Eastholm Ambulance Service still run 41 ambulance stations?").short == (
        "no — 39 ambulance stations"
    )


def test_the_date_of_the_event_asked_is_the_one_beside_its_own_word_not_a_synonym(tmp_path: Path) -> None:
    # "start" is a synonym of "open" (a trust "starts" when it goes live), but here it is
    # when building starts, and "open" is in the sentence itself.
    engine = engine_over(
        tmp_path,
        {
            "2016-library.md": article(
                "Library plans approved",
                "2016-06-08",
                "Work is expected to start on site early next year, and the Eastholm library is due to "
                "open to the public in spring 2019.\n",
            )
        },
    )
    assert engine.ask("When is the Eastholm library expected to open?").short == "spring 2019"


def test_a_number_before_a_preposition_does_not_count_the_noun_after_it(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2017-retire.md": article(
                "Eastholm librarian to retire",
                "2017-10-01",
                "Eastholm's county librarian will retire next spring, after almost forty in public "
                "libraries.\n",
            ),
            "2021-branches.md": article(
                "Eastholm library service", "2021-05-11", "Eastholm now runs eleven branch libraries.\n"
            ),
        },
    )
    answer = engine.ask("How many branch libraries does Eastholm run?")
    assert answer.short == "eleven branch libraries"
    assert answer.earlier == ()


def test_as_things_stood_on_a_date_the_newest_answer_by_then_leads(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2016.md": article(
                "Kelby reservoir scheme approved",
                "2016-03-02",
                "The Kelby reservoir scheme is expected to cost £48 million, the Kelby water board said.",
            ),
            "2017.md": article(
                "Reservoir costs climb",
                "2017-06-10",
                "Engineers now say the reservoir will cost £52m after clay was found.",
            ),
            "2019.md": article(
                "Reservoir opens",
                "2019-06-10",
                "The Kelby reservoir scheme finally cost £61m when it opened in May.",
            ),
        },
    )
    # The 2017 report names less of the scheme, but it is what was expected at the end of 2017.
    answer = engine.ask("What was the Kelby reservoir scheme expected to cost?", as_of="2017-12-31")
    assert answer.short == "£52m"
    assert [e.said for e in answer.earlier] == ["£48m"]


def test_a_why_question_about_a_cost_is_not_read_as_asking_what_a_cost_is_for(tmp_path: Path) -> None:
    report = article(
        "Pier costs rise",
        "2020-01-22",
        "The pier's forecast cost has risen to £9m because old mine workings were found under the site.",
    )
    engine = engine_over(tmp_path, {"2020-pier.md": report})
    # "cost to jump" is no "cost to park": "jump", a word the documents lack, is not the point.
    answer = engine.ask("What caused the pier's forecast cost to jump to £9m?")
    assert not answer.abstained, answer.reason


def test_as_of_a_date_a_count_of_what_is_asked_stands_for_the_question(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2009.md": article(
                "Kelby trust keeps its wardens",
                "2009-04-02",
                "The Kelby trust kept its books balanced this year. "
                '"Our nine wardens are the heart of this reserve," the Kelby trust\'s chair said.',
            ),
            "2011.md": article(
                "Reserve cuts",
                "2011-10-05",
                "The warden service went down from nine to seven wardens when the grant ended.",
            ),
            "2016.md": article(
                "Reserve reopens", "2016-05-01", "The Kelby reserve reopened its hides in May."
            ),
        },
    )
    # "on its books" is the asker's way of putting it: the newest count of wardens by then answers.
    answer = engine.ask("How many wardens were on the trust's books at the end of 2012?", as_of="2012-12-31")
    assert answer.short == "seven wardens"


def _gallery_documents() -> dict[str, str]:
    return {
        "2016.md": article(
            "Gallery plans",
            "2016-03-02",
            "The Kelby gallery is expected to take its first visitors in September 2019.",
        ),
        "2019.md": article(
            "Gallery delayed",
            "2019-05-10",
            "The Kelby gallery will now take its first visitors in March 2021.",
        ),
        "2022.md": article(
            "Gallery opens",
            "2022-06-01",
            "The Kelby gallery took its first visitors in May 2022, three years late.",
        ),
    }


def test_when_an_event_with_a_first_in_it_happened_the_newest_report_answers(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, _gallery_documents())
    # "its first visitors" names the event; it does not ask for the first report of it.
    answer = engine.ask("When were the Kelby gallery's first visitors let in?")
    assert answer.short == "May 2022"


def test_what_was_first_planned_is_still_the_first_report(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, _gallery_documents())
    answer = engine.ask("When was the Kelby gallery first expected to take visitors?")
    assert answer.short == "September 2019"


def test_when_something_happened_a_date_that_had_come_leads_a_plan(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2018.md": article(
                "Depot move",
                "2018-02-01",
                "The Kelby bus depot is due to move to Quarry Road in June 2019.",
            ),
            "2020.md": article(
                "Depot",
                "2020-02-01",
                "Kelby's buses now run from Quarry Road, where the depot moved in October 2019.",
            ),
            "2021.md": article(
                "Depot plans",
                "2021-02-01",
                "The Kelby bus depot will move to a bigger Quarry Road site in June 2023.",
            ),
        },
    )
    # The newest report is a plan for another move; what happened was said before it.
    answer = engine.ask("When did the Kelby bus depot move to Quarry Road?")
    assert answer.short == "October 2019"


def test_a_date_right_after_the_sentence_telling_the_event_is_its_date(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2019.md": article(
                "Jetty delayed",
                "2019-09-17",
                "Kelby's new jetty is now expected to finally open to boats early next year.",
            ),
            "2021.md": article(
                "Jetty open at last",
                "2021-05-27",
                "Kelby's new jetty has opened to boats, two years late. "
                "The ferry Tern moored at the jetty on Thursday 20 May, a week before.",
            ),
        },
    )
    # The date is in the sentence after the one that says it opened.
    answer = engine.ask("When did the new jetty finally open?")
    assert answer.short == "20 May 2021"


def test_when_did_it_open_is_answered_by_the_sentence_saying_it_opened(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2018.md": article(
                "Kelby depot delayed again",
                "2018-10-02",
                "The new Kelby fire depot at Quarry Road is now expected to open next spring, "
                "the fire authority said. Crews will move in over a fortnight.",
            ),
            "2019.md": article(
                "Kelby crews move in",
                "2019-12-04",
                "Kelby's fire depot at Quarry Road opened its doors on Monday, a year late. "
                "Forty firefighters moved in over the weekend, and the mayor cut the ribbon.",
            ),
        },
    )
    answer = engine.ask("When did the new Kelby fire depot open?")
    assert answer.results[0].citation.doc_id == "2019"
    assert answer.short == "2 December 2019"


def test_a_sentence_saying_it_opened_outranks_one_giving_the_date_it_was_due(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2019-report.md": article(
                "Fire authority annual report",
                "2019-06-12",
                "The new Kelby fire depot at Quarry Road was due to open to crews in March 2019, "
                "the authority's annual report said.",
            ),
            "2019-opening.md": article(
                "Depot opens",
                "2019-12-04",
                "The Kelby depot opened on 2 December 2019, nine months late.",
            ),
        },
    )
    answer = engine.ask("When did the new Kelby fire depot open?")
    assert answer.short == "2 December 2019"


def test_of_two_sentences_saying_as_much_the_one_about_the_later_time_answers(tmp_path: Path) -> None:
    news = article(
        "Hub delayed",
        "2014-02-11",
        "The trust had said that the hub would open in 2012. "
        "Its latest plan says the hub will not open until 2014.",
    )
    engine = engine_over(tmp_path, {"2014-hub.md": news})
    assert engine.ask("When was the hub expected to open?").short == "2014"


def test_a_count_of_the_year_asked_leads_a_newer_count_of_another_year(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2017.md": article(
                "Parking report", "2017-06-01", "The Kelby station had 940 parking complaints in 2016."
            ),
            "2024.md": article(
                "Annual review",
                "2024-03-03",
                "The Kelby station had 1,210 parking complaints during the year.",
            ),
        },
    )
    answer = engine.ask("How many parking complaints came in during 2016?")
    assert answer.short == "940 parking complaints"


def test_when_a_state_the_question_names_after_from_ended_is_the_next_sentences_date(tmp_path: Path) -> None:
    report = article(
        "Pool rating",
        "2017-03-01",
        'The Kelby lido was rated "poor" by inspectors in 2011. They re-rated it "fair" in May 2014.',
    )
    engine = engine_over(tmp_path, {"2017-lido.md": report})
    assert engine.ask("When did inspectors move the Kelby lido up from poor?").short == "May 2014"


def test_when_it_first_happened_is_the_first_report_of_it(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2015.md": article("Lido history", "2015-05-01", "The Kelby lido was first opened in June 1936."),
            "2022.md": article(
                "Lido reopens", "2022-06-01", "The Kelby lido was opened again in May 2022 after repairs."
            ),
        },
    )
    # "first" before the verb asks when it first happened, not for the newest report.
    assert engine.ask("When was the Kelby lido first opened?").short == "June 1936"


def test_a_count_said_to_be_the_figure_of_what_is_asked_is_linked_however_far(tmp_path: Path) -> None:
    documents = {
        "2019.md": article("Museum news", "2019-05-01", "The Kelby museum had 30,000 visitors in 2018."),
        "2022.md": article(
            "Museum review",
            "2022-05-01",
            "The trust said it needed the rise to keep visitor numbers at their current level "
            "of 41,000 a year.",
        ),
        **{
            f"201{n}.md": article("Notes", f"201{n}-03-01", f"The Kelby museum opened a cafe in 201{n}.")
            for n in range(3)
        },
    }
    engine = engine_over(tmp_path, documents)
    assert engine.ask("How many visitors does the museum get now?").short == "41,000 a year"


def _hospice_inspected(tmp_path: Path) -> Engine:
    """A hospice's 2019 inspection, told in no grade the reader knows, and a 2020 appeal."""
    documents = {
        "2019.md": article(
            "Hospice inspected",
            "2019-05-01",
            "Kelby Hospice was inspected in March.\n\nIn their rating, inspectors found the hospice good "
            "in every area they looked at.",
        ),
        "2020.md": article("Hospice appeal", "2020-05-01", "Kelby Hospice began an appeal.\n\nIt made £2m."),
    }
    return engine_over(tmp_path, documents)


def test_a_rating_question_no_sentence_grades_in_so_many_words_takes_the_best_sentence(
    tmp_path: Path,
) -> None:
    answer = _hospice_inspected(tmp_path).ask("What rating was the hospice given?")
    assert not answer.abstained
    assert "good in every area" in answer.results[0].sentence


def test_a_sentence_of_no_typed_answer_from_another_year_is_no_answer(tmp_path: Path) -> None:
    # It does not say when it holds, so asked about another year, it answers nothing.
    assert _hospice_inspected(tmp_path).ask("What rating was the hospice given in 2021?").abstained


def test_a_newer_figure_worded_like_the_one_found_is_the_same_fact_told_again(tmp_path: Path) -> None:
    # The newer report shares one word with the question but tells the figure in the older
    # report's words: asked what holds now, it leads, and the older figure is its timeline.
    documents = {
        "2016.md": article(
            "Hospital figures",
            "2016-06-01",
            "Kelby General Hospital published its figures.\n\nThe median orthopaedic wait at "
            "Kelby General, the average waiting time for hip operations, stood at 31 weeks in May.",
        ),
        "2019.md": article(
            "Hospital figures",
            "2019-06-01",
            "Kelby General Hospital published its figures.\n\nThe median orthopaedic wait at "
            "Kelby General stood at 24 weeks in May.",
        ),
        **{
            f"201{n}.md": article(
                "Notes", f"201{n}-03-01", f"Kelby General Hospital opened a ward in 201{n}."
            )
            for n in range(3)
        },
    }
    answer = engine_over(tmp_path, documents).ask(
        "What is the latest average waiting time for hip operations?"
    )
    assert answer.short == "24 weeks"
    assert [e.said for e in answer.earlier] == ["31 weeks"]


def test_an_older_report_of_the_same_name_with_the_is_no_earlier_value(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2019.md": article(
                "Regatta", "2019-03-01", "The Wexby Rowing Club is the regatta's main sponsor."
            ),
            "2022.md": article(
                "Regatta", "2022-03-01", "Wexby Rowing Club, the regatta's main sponsor, gave £3,000."
            ),
        },
    )
    answer = engine.ask("Which club is the regatta's main sponsor?")
    assert answer.short is not None and "Wexby Rowing Club" in answer.short
    assert answer.earlier == ()


def test_a_person_in_an_older_report_is_no_earlier_value_of_a_firm(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        {
            "2016.md": article(
                "Depot",
                "2016-03-01",
                "The council has asked Omar Reed to oversee the building of the new depot.",
            ),
            "2018.md": article("Depot", "2018-03-01", "Holmbrae Construction is building the new depot."),
            "2019.md": article(
                "Depot", "2019-03-01", "Wexby Builders has taken over the building of the new depot."
            ),
        },
    )
    answer = engine.ask("Which firm is building the new depot?")
    assert answer.short == "Wexby Builders"
    assert [e.said for e in answer.earlier] == ["Holmbrae Construction"]
