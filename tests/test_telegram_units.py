"""The Telegram front end's parts on their own: HTML formatting and splitting, the rate
limit, log redaction, and the Telegram settings."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace

import pytest

from bot.answer import Answer, Citation, Result, Source
from bot.dates import PubDate
from bot.engine import Engine
from bot.settings import Settings
from bot.telegram_bot import BriefTelegramErrors, TokenRedactor, UserRateLimit
from bot.telegram_format import (
    MAX_MESSAGE_CHARS,
    format_abstention,
    format_answer,
    format_more,
    format_source,
    format_sources,
    pack,
    telegram_length,
)

from .test_telegram import assert_valid_html


def _result(passage: str, sentence: str, rank: int = 1, title: str = "A <title> & more") -> Result:
    citation = Citation("doc", title, "Gazette & Co", PubDate(dt.date(2019, 11, 1), "month", True), None)
    return Result(rank, f"doc#{rank}", citation, passage, sentence, sentence, 1.0, False)


def test_pack_splits_only_between_blocks() -> None:
    blocks = [f"<b>block {n}</b> " + "word " * 150 for n in range(12)]
    messages = pack(blocks, limit=2000)
    assert len(messages) > 1
    assert all(telegram_length(m) <= 2000 for m in messages)
    assert "\n\n".join(messages) == "\n\n".join(blocks)  # nothing lost, nothing cut


def test_pack_cuts_a_block_longer_than_a_message_into_valid_pieces() -> None:
    block = "<b>" + "&lt;tag&gt; " * 2000 + "</b>"
    messages = pack([block])
    assert len(messages) >= 5
    for message in messages:
        assert telegram_length(message) <= MAX_MESSAGE_CHARS
        assert_valid_html(message)
    assert sum(m.count("&lt;tag&gt;") for m in messages) == 2000


@pytest.mark.parametrize(
    "block",
    [
        "a " * 2046 + "&amp;" * 9000,  # a piece nearly full when an enormous escaped word comes
        "x" * 10_000,
        "👍" * 3000 + " tail",
        "<b>" + "word &lt; " * 1500 + "</b>",
    ],
)
def test_cut_pieces_never_exceed_a_message(block: str) -> None:
    messages = pack([block])
    assert len(messages) >= 2
    for message in messages:
        assert telegram_length(message) <= MAX_MESSAGE_CHARS
        assert_valid_html(message)


def test_pack_counts_emoji_as_telegram_does() -> None:
    assert telegram_length("👍") == 2
    messages = pack(["👍" * 1500, "👍" * 1500], limit=MAX_MESSAGE_CHARS)
    assert len(messages) == 2  # 3000 emoji are 6000 UTF-16 units, over one message


def test_answer_is_bold_cited_and_escaped(seed_engine: Engine) -> None:
    answer = seed_engine.ask("when will the trust go live?")
    [text] = format_answer(answer)
    assert_valid_html(text)
    first, second = text.split("\n")[:2]
    assert first == "<b>July 2020</b>"  # the short answer leads, in bold
    assert second.endswith("(July 2020).")  # then the sentence that says it
    assert "— <i>Northamptonshire Telegraph</i>, c. November 2019" in text
    assert "<u>" in text  # the answering sentence, marked in its passage
    assert text.index("Earlier reports") > text.index("<blockquote")


def test_passage_text_from_documents_is_escaped() -> None:
    result = _result("Costs rose <sharply> & fast. The trust opens in 2020.", "The trust opens in 2020.")
    answer = Answer("when?", None, False, result.answer, (result,))
    [text] = format_answer(answer)
    assert "&lt;sharply&gt; &amp; fast" in text and "<sharply>" not in text
    assert "“A &lt;title&gt; &amp; more”" in text
    assert_valid_html(text)
    [source] = format_source(result)
    assert "Published: c. November 2019 (inferred" in source
    assert_valid_html(source)


def test_a_link_in_a_citation_is_an_escaped_anchor() -> None:
    result = _result("The trust opens in 2020.", "The trust opens in 2020.")
    linked = replace(result, citation=replace(result.citation, url='https://x.example/a?b=1&c="2"'))
    [text] = format_answer(Answer("when?", None, False, linked.answer, (linked,)))
    assert '<a href="https://x.example/a?b=1&amp;c=&quot;2&quot;">' in text
    assert_valid_html(text)
    unsafe = replace(result, citation=replace(result.citation, url="javascript:alert(1)"))
    [text] = format_answer(Answer("when?", None, False, unsafe.answer, (unsafe,)))
    assert "<a " not in text  # only web links become links


def test_pages_and_other_sources_are_cited() -> None:
    result = _result("About 1,300 staff will transfer.", "About 1,300 staff will transfer.")
    paged = replace(result, citation=replace(result.citation, page=2))
    other = Source(replace(result.citation, title="Press release", publisher="Trust", page=None), "d2#1")
    carried = replace(paged, also=(other,))
    [text] = format_answer(Answer("how many staff?", None, False, carried.answer, (carried,)))
    assert "“A &lt;title&gt; &amp; more”, page 2" in text
    assert "— also in <i>Trust</i>, c. November 2019: “Press release”" in text
    assert_valid_html(text)
    [source] = format_source(carried)
    assert "Page: 2" in source and "Also in: Press release (Trust, c. November 2019)" in source


def test_more_results_are_numbered_and_flag_superseded() -> None:
    results = [_result("Old plan: April 2019.", "Old plan: April 2019.", rank=2)]
    results[0] = replace(results[0], superseded=True)
    [text] = format_more(results)
    assert text.startswith("<b>2.</b>") and "superseded" in text
    assert format_more([]) == ["No more passages answer that question."]


def test_abstention_is_kind_and_quotes_the_question_safely() -> None:
    answer = Answer("who won <the> cup?" + "x" * 500, None, True, None, reason="no document mentions it")
    text = format_abstention(answer)
    assert text.startswith("I don't know")
    assert "&lt;the&gt;" in text and "…”" in text and len(text) < 600  # quoted, escaped, shortened
    assert "/sources" in text and "rephrase" in text
    assert_valid_html(text)


def test_sources_list_with_no_documents() -> None:
    assert format_sources([]) == ["I have no documents yet."]


def test_rate_limit_window() -> None:
    limit = UserRateLimit(2, window=60)
    assert [limit.check(1, now=t) for t in (0, 1, 2, 3)] == ["ok", "ok", "warn", "drop"]
    assert limit.check(2, now=3) == "ok"  # another user
    assert limit.wait(1, now=30) == 30
    assert limit.check(1, now=60.5) == "ok"  # the first question left the window
    assert limit.check(1, now=61.5) == "ok"
    assert limit.check(1, now=62) == "warn"  # warned again in a new episode


def _record(msg: str, *args: object, exc: BaseException | None = None, name: str = "x") -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, exc_info)


def test_token_redactor_cleans_message_arguments_and_traceback() -> None:
    token = "123:SECRET"
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{token}/getMe failed")
    except RuntimeError as exc:
        record = _record("calling %s", f"/bot{token}/sendMessage", exc=exc)
    TokenRedactor(token).filter(record)
    formatted = logging.Formatter().format(record)
    assert "SECRET" not in formatted
    assert "/bot[redacted]/sendMessage" in formatted and "/bot[redacted]/getMe" in formatted


def test_telegram_errors_from_ptb_are_one_line() -> None:
    from telegram.error import InvalidToken

    record = _record(
        "Error while initializing", exc=InvalidToken("The token was rejected"), name="telegram.ext"
    )
    BriefTelegramErrors().filter(record)
    text = logging.Formatter().format(record)
    assert "\n" not in text and "InvalidToken: The token was rejected" in text
    ours = _record("error while handling", exc=ValueError("boom"), name="bot.telegram_bot")
    BriefTelegramErrors().filter(ours)
    assert ours.exc_info is not None  # our own errors keep their traceback


def test_telegram_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTBOT_ALLOWED_USERS", "12, 34;56")
    monkeypatch.setenv("TRUSTBOT_ALLOWED_CHATS", "-1001")
    monkeypatch.setenv("TRUSTBOT_TELEGRAM_TOKEN", "  ")
    settings = Settings(_env_file=None)
    assert settings.allowed_users == {12, 34, 56} and settings.allowed_chats == {-1001}
    assert settings.telegram_token is None  # blank, as `.env.example` leaves it, means unset
    assert settings.telegram_api_url == "https://api.telegram.org/bot"


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("TRUSTBOT_ALLOWED_USERS", "alice,bob", "numeric Telegram ids"),
        ("TRUSTBOT_TELEGRAM_API_URL", "api.telegram.org/bot", "https://"),
        ("TRUSTBOT_RATE_LIMIT", "0", "rate_limit"),
    ],
)
def test_bad_telegram_settings_are_refused(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, problem: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=problem):
        Settings(_env_file=None)
