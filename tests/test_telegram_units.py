"""The Telegram front end's parts on their own: HTML formatting and splitting, the rate
limit, log redaction, button data, update vetting, who may use the bot, and the Telegram
settings."""

from __future__ import annotations

import datetime as dt
import html
import logging
import time
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import Update

from bot.answer import Answer, Citation, Result, Source
from bot.dates import PubDate
from bot.engine import Engine
from bot.settings import Settings
from bot.telegram_bot import (
    MAX_RESULTS,
    BriefTelegramErrors,
    TokenRedactor,
    TrustBot,
    UserRateLimit,
    access_summary,
    parse_button,
    update_problem,
    vet_updates,
)
from bot.telegram_format import (
    MAX_MESSAGE_CHARS,
    QUOTE_CHARS,
    clip,
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


# --- quoting the user back ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["word " * 5000, "&" * 5000, "<" * 5000, "👍" * 5000, "a&b" * 2000])
def test_clip_bounds_the_escaped_text_and_marks_the_cut(text: str) -> None:
    clipped = clip(text)
    assert telegram_length(clipped) <= QUOTE_CHARS and clipped.endswith("…")
    assert text.startswith(html.unescape(clipped[:-1]))  # a prefix: no entity or emoji split
    assert_valid_html(clipped)
    assert clip("short & sweet") == "short &amp; sweet"  # what fits is only escaped


def test_a_long_read_as_is_clipped_in_answers_and_abstentions() -> None:
    # TRUSTBOT_MAX_QUESTION_CHARS can be 100,000: a long misspelled question came back as
    # a "Read as" line of the same length, and an "I don't know" Telegram refused.
    question = "whn wil the trst go liv & <reopen> " * 2000
    abstained = Answer(
        question,
        None,
        True,
        None,
        corrected=question.replace("whn", "when"),
        reason="no document mentions “" + "liv" * 3000 + "”",
    )
    text = format_abstention(abstained)
    assert telegram_length(text) < 1500 and text.count("…") == 3  # read as, question, reason
    assert_valid_html(text)
    result = _result("The trust opens in 2020.", "The trust opens in 2020.")
    answered = Answer(question, None, False, result.answer, (result,), corrected=question)
    [reply] = format_answer(answered)  # one message, not a dozen of "Read as"
    assert reply.startswith("<i>Read as: ") and telegram_length(reply) < 1000
    assert_valid_html(reply)


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
    result = _result(passage or "x", passage[:50])
    as_of = PubDate(dt.date(2016, 12, 31), "day", False)
    for answer in (
        Answer(question, as_of, True, None, corrected=read_as, reason=reason),
        Answer(question, None, False, result.answer, (result,), short=short, corrected=read_as),
    ):
        texts = format_answer(answer)
        assert texts
        for text in texts:
            assert 0 < telegram_length(text) <= MAX_MESSAGE_CHARS
            assert_valid_html(text)
        if answer.abstained:
            assert texts == [format_abstention(answer)]


# --- button data --------------------------------------------------------------------------


def test_button_data_is_parsed_strictly() -> None:
    assert parse_button("m:AbC-_9xy:3") == ("m", "AbC-_9xy", 3)
    assert parse_button(f"s:key:{MAX_RESULTS}") == ("s", "key", MAX_RESULTS)
    forged = [
        "m:key:²",  # str.isdigit() says yes, int() says no: it used to raise ValueError
        "s:key:١",  # an Arabic-Indic one: int() would take it, it is still not ours
        "m:key:0",
        f"m:key:{MAX_RESULTS + 1}",
        "m:key:99999999999999999999",
        "m:key:-1",
        "m:key:03",
        "m:key:1\n",
        "m:key: 1",
        "x:key:1",
        "m::1",
        "m:key",
        "m:key:",
        "",
        ":",
        "::",
        "m:ke y:1",
        "m:key:1:2",
        "m:" + "k" * 100 + ":1",
        None,
    ]
    for data in forged:
        assert parse_button(data) is None, data


@settings(max_examples=500, deadline=None, database=None)
@given(
    data=st.one_of(
        st.text(), st.from_regex(r"[ms]:[A-Za-z0-9_-]{1,16}:\w{1,4}"), st.none(), st.integers(), st.binary()
    )
)
def test_button_parsing_never_raises(data: Any) -> None:
    parsed = parse_button(data)
    if parsed is not None:
        action, key, rank = parsed
        assert action in ("m", "s") and 1 <= rank <= MAX_RESULTS
        assert data == f"{action}:{key}:{rank}"  # only data as `_buttons` writes it


# --- updates ------------------------------------------------------------------------------


def _msg(**fields: Any) -> dict[str, Any]:
    """A message as Telegram sends it, with `fields` changed; a field given as ... is left out."""
    base: dict[str, Any] = {
        "message_id": 1,
        "date": int(time.time()),
        "chat": {"id": 5, "type": "private"},
        "from": {"id": 5, "is_bot": False, "first_name": "Sam"},
        "text": "when will the trust go live?",
    }
    base.update(fields)
    return {k: v for k, v in base.items() if v is not ...}


MALFORMED_UPDATES: dict[str, Any] = {
    "poll missing its fields": {"update_id": 1, "poll": {"id": "p"}},
    "message without a chat": {"update_id": 2, "message": _msg(chat=...)},
    "message without a date": {"update_id": 3, "message": _msg(date=...)},
    "message with null fields": {"update_id": 4, "message": _msg(message_id=None, chat=None, date=None)},
    "message that is a string": {"update_id": 5, "message": "hello"},
    "chat without a type": {"update_id": 6, "message": _msg(chat={"id": 5})},
    "text that is a number": {"update_id": 7, "message": _msg(text=5)},
    "text with a lone surrogate": {"update_id": 7, "message": _msg(text="when \ud800?")},
    "entity without offsets": {"update_id": 8, "message": _msg(entities=[{"type": "mention"}])},
    "sender without an id": {"update_id": 9, "message": _msg(**{"from": {"is_bot": False}})},
    "callback without a sender": {"update_id": 10, "callback_query": {"id": "q", "chat_instance": "c"}},
    "callback data a number": {
        "update_id": 11,
        "callback_query": {
            "id": "q",
            "chat_instance": "c",
            "from": {"id": 5, "is_bot": False, "first_name": "S"},
            "data": 7,
        },
    },
    "edited message without a chat": {"update_id": 12, "edited_message": _msg(chat=..., edit_date=1)},
    "id that is text": {"update_id": "13", "message": _msg()},
    "no id": {"message": _msg()},
    "not an object": ["update_id", 14],
}
WELL_FORMED_UPDATES: dict[str, Any] = {
    "a question": {"update_id": 20, "message": _msg()},
    "an edited question": {"update_id": 21, "edited_message": _msg(edit_date=int(time.time()))},
    "an update of a kind not known yet": {"update_id": 22, "something_new": {"x": 1}},
    "a null message": {"update_id": 23, "message": None},
    "a huge text": {"update_id": 24, "message": _msg(text="why " * 250_000)},
}


@pytest.mark.parametrize("name", MALFORMED_UPDATES)
def test_malformed_updates_are_found(name: str) -> None:
    problem = update_problem(MALFORMED_UPDATES[name])
    assert problem and "\n" not in problem and len(problem) <= 200


@pytest.mark.parametrize("name", WELL_FORMED_UPDATES)
def test_well_formed_updates_pass(name: str) -> None:
    assert update_problem(WELL_FORMED_UPDATES[name]) is None


def test_a_batch_keeps_its_good_updates_and_skips_the_bad_by_id(caplog: pytest.LogCaptureFixture) -> None:
    batch = [*MALFORMED_UPDATES.values(), *WELL_FORMED_UPDATES.values()]
    vetted = vet_updates(batch)
    updates = Update.de_list(vetted, None)  # what PTB then parses: nothing left to fail
    numbered = [u["update_id"] for u in batch if isinstance(u, dict) and type(u.get("update_id")) is int]
    assert [u.update_id for u in updates] == numbered  # every numbered one, to move the offset
    bad = len(MALFORMED_UPDATES) - 3  # three have no number to skip by
    assert all(u.to_dict() == {"update_id": u.update_id} for u in updates[:bad])  # bare: no handler
    good = [Update.de_json(raw, None) for raw in WELL_FORMED_UPDATES.values()]
    assert [u.to_dict() for u in updates[bad:]] == [u.to_dict() for u in good if u]  # as they came
    assert [r.levelno for r in caplog.records] == [logging.WARNING] * len(MALFORMED_UPDATES)
    assert all("\n" not in r.getMessage() for r in caplog.records)


# --- who may use the bot ------------------------------------------------------------------


def _access(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_who_may_use_the_bot(seed_engine: Engine) -> None:
    def allowed(settings: Settings, user: int, chat: int) -> bool:
        sender = {"id": user, "is_bot": False, "first_name": "Sam"}
        group = {"id": chat, "type": "group", "title": "Staff room"}
        update = Update.de_json({"update_id": 1, "message": _msg(chat=group, **{"from": sender})}, None)
        assert update is not None
        return TrustBot(settings, seed_engine, lambda: seed_engine).allowed(update)

    closed = _access()
    assert not closed.open_to_everyone and not allowed(closed, 1, -1)  # closed by default
    assert access_summary(closed) is None
    opened = _access(open_to_everyone=True)
    assert (
        allowed(opened, 1, -1)
        and access_summary(opened) == "open to everyone (TRUSTBOT_OPEN_TO_EVERYONE=true)"
    )
    listed = _access(allowed_users="7,8", allowed_chats="-9", open_to_everyone=True)
    assert allowed(listed, 7, -1) and allowed(listed, 1, -9) and not allowed(listed, 1, -1)  # the list wins
    assert (
        access_summary(listed)
        == "2 users, 1 chat (TRUSTBOT_OPEN_TO_EVERYONE is ignored while an allow-list is set)"
    )
    assert access_summary(_access(allowed_chats="-9")) == "0 users, 1 chat"
    assert access_summary(_access(allowed_users="7")) == "1 user, 0 chats"


def test_open_to_everyone_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings(_env_file=None).open_to_everyone is False
    monkeypatch.setenv("TRUSTBOT_OPEN_TO_EVERYONE", "true")
    assert Settings(_env_file=None).open_to_everyone is True
