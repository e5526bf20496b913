"""Generated questions and answers through the HTML formatter (Hypothesis): every message
fits Telegram's limit and is valid HTML."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram.constants import MessageLimit

from bot.answer import Answer, Citation, Earlier, Result, Source
from bot.corpus import Document
from bot.settings import DEFAULT_EXAMPLE_QUESTIONS, DEFAULT_TOPIC
from bot.telegram.format import (
    DocumentSpan,
    format_abstention,
    format_answer,
    format_more,
    format_source,
    format_sources,
    format_start,
    telegram_length,
)
from bot.text.dates import PubDate

from .harness import (
    assert_valid_html,
    make_result,
)

_user_text = st.one_of(
    st.text(max_size=200),
    # Long questions: a random piece repeated, up to 100,000 characters.
    st.builds(
        lambda piece, times: (piece * times)[:100_000],
        st.text(min_size=1, max_size=30),
        st.integers(1, 10_000),
    ),
    st.text(alphabet="&<>\"'👍é ", max_size=6000),
)


@settings(max_examples=150, deadline=None, database=None)
@given(
    question=_user_text,
    read_as=st.one_of(st.none(), _user_text),
    reason=st.one_of(st.none(), _user_text),
    passage=_user_text,
    short=st.one_of(st.none(), st.text(max_size=100)),
)
def test_every_reply_piece_fits_a_message_and_is_valid_html(
    question: str, read_as: str | None, reason: str | None, passage: str, short: str | None
) -> None:
    result = make_result(passage or "x", passage[:50])
    as_of = PubDate(dt.date(2016, 12, 31), "day", False)
    for answer in (
        Answer(question, as_of, True, None, corrected=read_as, reason=reason),
        Answer(question, None, False, result.answer, (result,), short=short, corrected=read_as),
    ):
        texts = format_answer(answer)
        assert texts
        for text in texts:
            assert 0 < telegram_length(text) <= MessageLimit.MAX_TEXT_LENGTH
            assert_valid_html(text)
        if answer.abstained:
            assert texts == [format_abstention(answer)]


texts = st.one_of(st.text(max_size=300), st.text(alphabet="&<>\"'👍é\u200d ab\n", max_size=3000))


long_texts = st.one_of(
    texts,
    st.builds(lambda piece, times: (piece * times)[:100_000], st.text(min_size=1, max_size=20),
              st.integers(1, 8000)),
)  # fmt: skip


dates = st.one_of(
    st.none(),
    st.builds(PubDate, st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
              st.sampled_from(["day", "month", "year"]), st.booleans()),
)  # fmt: skip


urls = st.one_of(
    st.none(), st.text(max_size=50), st.builds("https://x.example/{}".format, st.text(max_size=80))
)


citations = st.builds(
    Citation, st.text(max_size=20), texts, st.one_of(st.none(), texts), dates, urls,
    st.one_of(st.none(), st.integers(1, 10_000)),
)  # fmt: skip


@st.composite
def results(draw: st.DrawFn, rank: int = 1) -> Result:
    passage = draw(long_texts)
    start = draw(st.integers(0, len(passage)))
    sentence = passage[start : start + draw(st.integers(0, 500))] if draw(st.booleans()) else draw(texts)
    also = tuple(draw(st.lists(st.builds(Source, citations, st.text(max_size=10)), max_size=3)))
    return Result(rank, f"doc#{rank}", draw(citations), passage, sentence, draw(st.one_of(st.none(), texts)),
                  1.0, draw(st.booleans()), also)  # fmt: skip


@st.composite
def answers(draw: st.DrawFn) -> Answer:
    found = tuple(draw(results(rank)) for rank in range(1, draw(st.integers(0, 5)) + 1))
    earlier = tuple(draw(st.lists(st.builds(Earlier, citations, st.just("d#1"), texts, texts), max_size=30)))
    return Answer(
        draw(long_texts), draw(dates), draw(st.booleans()), draw(st.one_of(st.none(), texts)), found,
        draw(st.one_of(st.none(), texts)), earlier, draw(st.one_of(st.none(), long_texts)),
        draw(st.one_of(st.none(), long_texts)),
    )  # fmt: skip


def _fit(messages: list[str]) -> None:
    assert messages
    for text in messages:
        assert 0 < telegram_length(text) <= MessageLimit.MAX_TEXT_LENGTH, telegram_length(text)
        assert_valid_html(text)


def _every_reply(answer: Answer, first_name: str | None) -> None:
    _fit(format_answer(answer))
    _fit([format_abstention(answer)])
    _fit(format_more(answer.results))
    for result in answer.results:
        _fit(format_source(result))
    documents = [
        Document(r.citation.doc_id, r.citation.title, r.passage, r.citation.publisher, r.citation.published)
        for r in answer.results
    ]
    _fit(format_sources(documents))
    span = DocumentSpan(len(documents), 7, answer.as_of, answer.as_of, "2024-01-01")
    _fit([format_start(span, DEFAULT_TOPIC, DEFAULT_EXAMPLE_QUESTIONS, first_name)])


_first_names = st.one_of(st.none(), st.text(max_size=64))


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers(), first_name=_first_names)
def test_every_formatted_reply_fits_a_message_and_is_valid_html(
    answer: Answer, first_name: str | None
) -> None:
    _every_reply(answer, first_name)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers(), first_name=_first_names)
def test_every_formatted_reply_fits_a_message_and_is_valid_html_3000(
    answer: Answer, first_name: str | None
) -> None:
    _every_reply(answer, first_name)
