"""A body of the subject's kind under another name is a rival: never the subject, however
many documents name it, and another body even where a sentence names it bare."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from bot.answer.rivals import rival_terms, untitled_terms
from bot.engine import Engine
from bot.text.tokens import stem

from ..documents import article, engine_over


def _corpus(
    tmp_path: Path, subject: str, neighbour: str, years: Collection[int], news: Mapping[int, str]
) -> Engine:
    """Ten yearly reports on `subject`; `neighbour` named in the `years` given; `news` added."""
    documents = {}
    for year in range(2014, 2024):
        body = f"{subject} reported on its year in {year}."
        if year in years:
            body += f"\n\n{neighbour}, its neighbour, also reported."
        if year in news:
            body += f"\n\n{news[year]}"
        documents[f"{year}.md"] = article(f"News {year}", f"{year}-05-01", body)
    return engine_over(tmp_path, documents)


# The neighbour in seven documents of ten (its bare mentions among them): it would pass
# for the subject.
_SEVEN_OF_TEN = (2014, 2015, 2016, 2020, 2021, 2022, 2023)


def test_a_body_of_the_subjects_kind_named_in_fewer_documents_is_a_rival(tmp_path: Path) -> None:
    engine = _corpus(tmp_path, "Kelby University", "Stanholt University", _SEVEN_OF_TEN, {})
    assert rival_terms(engine.index) == {stem("Stanholt")}


def test_a_rivals_figure_answers_nothing_about_the_subject_even_named_bare(tmp_path: Path) -> None:
    news = {2018: "Kelby University now teaches 6,200 students.", 2021: "Stanholt has 14,200 students."}
    engine = _corpus(tmp_path, "Kelby University", "Stanholt University", _SEVEN_OF_TEN, news)
    assert engine.ask("How many students does the university have?").short == "6,200 students"
    # Asked about the rival by name, its own figure answers.
    assert engine.ask("How many students does Stanholt have?").short == "14,200 students"


def test_a_neighbour_named_in_few_documents_is_another_body_when_named_bare(tmp_path: Path) -> None:
    news = {2019: "Kelby Police now has 1,300 officers.", 2022: "Westby has 2,100 officers."}
    engine = _corpus(tmp_path, "Kelby Police", "Westby Police", (2016, 2018), news)
    assert stem("Westby") in rival_terms(engine.index)
    assert engine.ask("How many officers does the force have?").short == "1,300 officers"


def test_a_post_beside_a_rival_named_bare_is_the_rivals(tmp_path: Path) -> None:
    news = {
        2018: "The vice-chancellor, Professor Tom Reid, welcomed the report.",
        2021: "Stanholt, whose vice-chancellor is Professor Ann Lee, grew again.",
    }
    engine = _corpus(tmp_path, "Kelby University", "Stanholt University", _SEVEN_OF_TEN, news)
    assert engine.ask("Who is the vice-chancellor?").short == "Professor Tom Reid"


def test_a_rival_named_only_in_the_paragraph_before_does_not_own_the_figure(tmp_path: Path) -> None:
    # In 2023 the paragraph before the figure names the rival: the figure is still the
    # subject's own ("Our university ..."), not the rival's.
    news = {2015: "Stanholt has 14,200 students.", 2023: "Our university now has 6,900 students."}
    engine = _corpus(tmp_path, "Kelby University", "Stanholt University", _SEVEN_OF_TEN, news)
    assert engine.ask("How many students does Stanholt have?").short == "14,200 students"


def _partnered(
    tmp_path: Path,
    titles: Mapping[int, str],
    news: Mapping[int, str],
    aside: str = "Our partners at the Wexby Reading Alliance lent us books again.",
) -> Engine:
    """Ten yearly reports on Kelby Libraries, seven saying `aside` (by default naming its
    partner, the Wexby Reading Alliance, a body of another kind, so no rival), with the
    titles and news given."""
    documents = {}
    for year in range(2014, 2024):
        body = f"Kelby Libraries reported on its year in {year}."
        if year in _SEVEN_OF_TEN:
            body += f"\n\n{aside}"
        if year in news:
            body += f"\n\n{news[year]}"
        documents[f"{year}.md"] = article(titles.get(year, f"News {year}"), f"{year}-05-01", body)
    return engine_over(tmp_path, documents)


_KELBY_TITLES = {
    2014: "Kelby Libraries opens",
    2017: "Kelby Libraries at three",
    2021: "Kelby Libraries grows",
}


def test_a_partner_most_documents_name_but_no_title_does_is_not_the_subject(tmp_path: Path) -> None:
    news = {
        2019: "The chair, Jo Bell, opened the new reading room.",
        2022: "Kelby Libraries now has 12 branches.",
    }
    engine = _partnered(tmp_path, _KELBY_TITLES, news)
    assert untitled_terms(engine.index) == {stem("Wexby")}
    assert engine.ask("Who is the chair of Kelby Libraries?").short == "Jo Bell"
    # Asked about the partner by name, the subject's own chair and figures answer nothing.
    assert engine.ask("Who is the chair of the Wexby Reading Alliance?").abstained
    assert engine.ask("How many branches does the Wexby Reading Alliance run?").abstained


def test_titles_that_name_nothing_the_documents_share_tell_no_subject(tmp_path: Path) -> None:
    # "News 2014" and the like: the partner's share of the documents decides, as before.
    engine = _partnered(tmp_path, {}, {})
    assert untitled_terms(engine.index) == frozenset()


def test_a_town_most_documents_name_but_no_title_is_still_where_they_are_set(tmp_path: Path) -> None:
    news = {2022: "The new archive will be built in Holmbrae on the old Wexby Quay site."}
    engine = _partnered(tmp_path, _KELBY_TITLES, news, aside="Most of its branches are in Holmbrae.")
    assert stem("Holmbrae") in untitled_terms(engine.index)
    assert "Wexby Quay" in (engine.ask("Where will the new archive be built?").short or "")


def test_a_word_of_the_subjects_own_name_that_no_title_uses_is_still_the_subject(tmp_path: Path) -> None:
    # Titles say "Kelby Trust"; the documents "Kelby Ashgrove Trust" and "the Kelby and
    # Wexby Partnership": Ashgrove is part of the subject's name, Wexby a name beside it.
    documents = {
        f"{year}.md": article(
            f"Kelby Trust news {year}",
            f"{year}-05-01",
            f"Kelby Ashgrove Trust reported on its year in {year}.\n\n"
            "It works with the Kelby and Wexby Partnership on family services.\n",
        )
        for year in range(2016, 2022)
    }
    engine = engine_over(tmp_path, documents)
    assert untitled_terms(engine.index) == {stem("Wexby")}
