"""A body of the subject's kind under another name, named in most documents too, is a
rival: never the subject, even where a sentence names it bare."""

from __future__ import annotations

from pathlib import Path

from bot.answer.rivals import rival_terms
from bot.engine import Engine
from bot.text.tokens import stem

from ..documents import article, engine_over


def _engine(tmp_path: Path) -> Engine:
    documents = {}
    for year in range(2014, 2024):
        body = f"Kelby University reported on its year in {year}."
        if year % 10 < 7:  # Stanholt, the neighbour, is in seven documents of ten
            body += "\n\nStanholt University, its neighbour, also reported."
        if year == 2018:
            body += "\n\nKelby University now teaches 6,200 students."
        if year == 2021:
            body += "\n\nStanholt has 14,200 students, after its own growth."
        documents[f"{year}.md"] = article(f"University news {year}", f"{year}-05-01", body)
    return engine_over(tmp_path, documents)


def test_a_body_of_the_subjects_kind_named_in_fewer_documents_is_a_rival(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    assert rival_terms(engine.index) == {stem("Stanholt")}


def test_a_rivals_figure_answers_nothing_about_the_subject_even_named_bare(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    assert engine.ask("How many students does the university have?").short == "6,200 students"
    # Asked about the rival by name, its own figure answers.
    assert engine.ask("How many students does Stanholt have?").short == "14,200 students"


def test_a_neighbour_named_in_few_documents_is_another_body_when_named_bare(tmp_path: Path) -> None:
    documents = {}
    for year in range(2014, 2024):
        body = f"Kelby Police reported on its year in {year}."
        if year in (2016, 2018):
            body += "\n\nWestby Police, its neighbour, shares a helicopter with it."
        if year == 2019:
            body += "\n\nKelby Police now has 1,300 officers."
        if year == 2022:
            body += "\n\nWestby has 2,100 officers."
        documents[f"{year}.md"] = article(f"Police news {year}", f"{year}-05-01", body)
    engine = engine_over(tmp_path, documents)
    assert stem("Westby") in rival_terms(engine.index)
    assert engine.ask("How many officers does the force have?").short == "1,300 officers"


def test_a_post_beside_a_rival_named_bare_is_the_rivals(tmp_path: Path) -> None:
    documents = {}
    for year in range(2014, 2024):
        body = f"Kelby University reported on its year in {year}."
        if year % 10 < 7:
            body += "\n\nStanholt University, its neighbour, also reported."
        if year == 2018:
            body += "\n\nThe vice-chancellor, Professor Tom Reid, welcomed the report."
        if year == 2021:
            body += "\n\nStanholt, whose vice-chancellor is Professor Ann Lee, grew again."
        documents[f"{year}.md"] = article(f"University news {year}", f"{year}-05-01", body)
    engine = engine_over(tmp_path, documents)
    assert engine.ask("Who is the vice-chancellor?").short == "Professor Tom Reid"
