"""Regression tests for problems found in review: each would have given a wrong answer,
a traceback, or a false success."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answer.query import parse_query
from bot.answer.question import asked_noun, expected_answer
from bot.corpus import clean_lines, split_sentences
from bot.engine import validate_question
from bot.errors import IndexError_, QuestionError
from bot.index import load_index
from bot.text.dates import DateError, parse_as_of, parse_published
from bot.text.mentions import find_date_mentions
from bot.text.tokens import tokenize

from .conftest import run_cli

DEC_2016 = parse_as_of("2016-12-05")


def _resolved(text: str, base: object = DEC_2016) -> list[str | None]:
    return [m.resolved for m in find_date_mentions(text, base)]  # type: ignore[arg-type]


def test_modal_may_is_not_a_month() -> None:
    assert _resolved("The council may next year decide on the library.") == ["2017"]


def test_last_season_already_over_is_this_year() -> None:
    assert _resolved("Work started last summer.") == ["summer 2016"]
    assert _resolved("Work started last summer.", parse_as_of("2016-02-10")) == ["summer 2015"]


def test_by_a_month_already_past_means_next_year() -> None:
    assert _resolved("The pool will reopen by April.") == ["April 2017"]
    assert _resolved("Open since June.", parse_as_of("2016-05-01")) == ["June 2015"]


def test_relative_dates_at_the_calendar_edge_do_not_crash() -> None:
    assert find_date_mentions("next Friday", parse_as_of("9999-12-31"))[0].resolved is None


def test_relative_front_matter_date_is_refused() -> None:
    with pytest.raises(DateError):
        parse_published("yesterday")


def test_amount_at_sentence_end_is_one_term() -> None:
    assert tokenize("It could cost £7.3m.") == tokenize("£7.3m cost")[::-1]


def test_sentences_about_newsletters_are_article_text() -> None:
    lines = [
        "Sign up to our daily newsletter",
        "The newsletter was sent to 4,000 foster carers.",
        "Read more than 40 books, the pupils were told.",
        "Register to continue reading the full report, the council said.",
        "The last line stays.",
    ]
    assert clean_lines(lines) == lines[1:]


def test_common_first_words_are_not_question_typos() -> None:
    vocabulary = frozenset({"budget", "trust"})
    query = parse_query("show me the budget for the show", vocabulary, frozenset({"budget"}))
    assert query.corrections == ()
    casual = parse_query("wen will the trust go live", vocabulary, frozenset({"trust"}))
    assert casual.corrected.startswith("when will")  # text-speak, read as what it means
    assert casual.kind == "date"


def test_openers_are_ignored_for_which_questions() -> None:
    assert asked_noun("So which councils set up a trust?") == "councils"
    assert expected_answer("So which councils set up a trust?") == "name"


def test_control_characters_that_python_counts_as_space_are_refused() -> None:
    for bad in ("when\x1cwill", "when\x85will", "when\u2028will"):
        with pytest.raises(QuestionError, match="control"):
            validate_question(bad)


def test_no_ends_a_sentence_unless_a_number_follows() -> None:
    assert split_sentences("Councillors voted no. The trust went ahead.") == [
        "Councillors voted no.",
        "The trust went ahead.",
    ]
    assert len(split_sentences("It met at No. 10 Downing Street.")) == 1


@pytest.mark.parametrize("damage", [{"files": None}, {"files": [1]}, {"params": [1]}, {"fingerprint": None}])
def test_hand_edited_manifest_is_an_index_error(
    corpus_dir: Path, index_dir: Path, damage: dict[str, object]
) -> None:
    assert run_cli("index", "build", "--corpus", str(corpus_dir), "--index", str(index_dir)).returncode == 0
    path = index_dir / (index_dir / "CURRENT").read_text().strip() / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest.update(damage)
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexError_):
        load_index(index_dir)
    done = run_cli(
        "ask", "when will the trust go live?", "--corpus", str(corpus_dir), "--index", str(index_dir)
    )
    assert done.returncode == 0 and "July 2020" in done.stdout
    assert "rebuilding" in done.stderr and "Traceback" not in done.stderr


def test_index_build_that_cannot_save_fails(corpus_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    done = run_cli("index", "build", "--corpus", str(corpus_dir), "--index", str(blocker))
    assert done.returncode == 1
    assert "could not be saved" in done.stderr and "indexed" not in done.stdout


def test_unreadable_dotenv_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"TRUSTBOT_TOP_K=\xff\n")
    done = run_cli("ask", "when will the trust go live?", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("trustbot: error:") and "Traceback" not in done.stderr


def test_metadata_file_that_is_a_folder_is_reported(corpus_dir: Path, index_dir: Path) -> None:
    (corpus_dir / "metadata.toml").unlink()
    (corpus_dir / "metadata.toml").mkdir()
    done = run_cli(
        "ask", "when will the trust go live?", "--corpus", str(corpus_dir), "--index", str(index_dir)
    )
    assert done.returncode == 0 and "metadata file ignored" in done.stderr
