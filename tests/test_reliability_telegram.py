"""Reliability of the Telegram front end.

Malformed updates of every shape, named and generated, go to the real python-telegram-bot
stack through the Bot API stand-in: the bot must never crash, log each bad update once in
one line, move its offset past it, and keep answering. Random questions and answers go
through the HTML formatter: every message must fit Telegram's limit and be valid HTML.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import random
import time
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Update

from bot.answer import Answer, Citation, Earlier, Result, Source
from bot.corpus import Document
from bot.dates import PubDate
from bot.engine import Engine
from bot.telegram_bot import RetryingRateLimiter, update_problem, vet_updates
from bot.telegram_format import (
    MAX_MESSAGE_CHARS,
    DocumentSpan,
    format_abstention,
    format_answer,
    format_more,
    format_source,
    format_sources,
    format_start,
    telegram_length,
)

from .botapi_standin import BOT_ID, BOT_USERNAME, BotAPIStandIn, message, press
from .test_telegram import QUESTION, assert_valid_html, bot_settings, buttons, running, until

#: Where the shapes below come from; questions asked after them come from other chats.
SENDER = 900
_FAST = RetryingRateLimiter(base_delay=0.05, overall_max_rate=0, group_max_rate=0, max_retries=0)


@pytest.fixture
def standin() -> Iterator[BotAPIStandIn]:
    server = BotAPIStandIn().start()
    yield server
    server.stop()


def _user(user_id: int = SENDER) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Sam"}


def _msg(chat_id: int = SENDER, text: Any = QUESTION, **fields: Any) -> dict[str, Any]:
    """A message as Telegram sends it, with `fields` changed; a field given as ... is left out."""
    chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup", "title": "Staff"}
    msg: dict[str, Any] = {
        "message_id": 1,
        "date": int(time.time()),
        "chat": chat,
        "from": _user(),
        "text": text,
    }
    msg.update(fields)
    return {k: v for k, v in msg.items() if v is not ...}


def _deep_reply(depth: int) -> dict[str, Any]:
    msg = _msg()
    for _ in range(depth):
        msg = _msg(reply_to_message=msg)
    return msg


# --- named shapes -------------------------------------------------------------------------

#: Updates python-telegram-bot cannot parse, or the handlers could not read: each is
#: skipped and logged once.
MALFORMED: dict[str, Any] = {
    "message without a chat": {"message": _msg(chat=...)},
    "message with a null chat": {"message": _msg(chat=None)},
    "message without a date": {"message": _msg(date=...)},
    "message with a date as text": {"message": _msg(date="yesterday")},
    "message with a date beyond the calendar": {"message": _msg(date=2**70)},
    "message with null id, chat and date": {"message": _msg(message_id=None, chat=None, date=None)},
    "message that is a string": {"message": "when will the trust go live?"},
    "message that is a list": {"message": [1, 2, 3]},
    "chat without a type": {"message": _msg(chat={"id": SENDER})},
    "chat without an id": {"message": _msg(chat={"type": "private"})},
    "chat id as text": {"message": _msg(chat={"id": "900", "type": "private"})},
    "text that is a number": {"message": _msg(text=42)},
    "text that is an object": {"message": _msg(text={"b": "bold"})},
    "text with a lone surrogate": {"message": _msg(text="when \ud800 will the trust go live?")},
    "first name with a lone surrogate": {"message": _msg(**{"from": {**_user(), "first_name": "\udcff"}})},
    "entity without offset and length": {"message": _msg(entities=[{"type": "mention"}])},
    "entities that are text": {"message": _msg(entities="bot_command")},
    "sender without an id": {"message": _msg(**{"from": {"is_bot": False, "first_name": "S"}})},
    "reply to a message without a date": {"message": _msg(reply_to_message={"message_id": 2})},
    "poll missing its fields": {"poll": {"id": "p1"}},
    "poll with null fields": {"poll": {"id": "p2", "question": None, "options": None}},
    "poll answer without a poll id": {"poll_answer": {"option_ids": [0]}},
    "callback without a sender": {"callback_query": {"id": "q1", "chat_instance": "c", "data": "m:a:1"}},
    "callback without an id": {"callback_query": {"from": _user(), "chat_instance": "c", "data": "m:a:1"}},
    "callback data as a number": {
        "callback_query": {"id": "q2", "from": _user(), "chat_instance": "c", "data": 7}
    },
    "callback on a message without a chat": {
        "callback_query": {"id": "q3", "from": _user(), "chat_instance": "c", "message": _msg(chat=...)}
    },
    "edited message without a chat": {"edited_message": _msg(chat=..., edit_date=int(time.time()))},
    "channel post without a date": {"channel_post": _msg(-100900, date=...)},
    "update id as text": {"update_id": "12345", "message": _msg()},
    "update id as a float": {"update_id": 1.5, "message": _msg()},
    "update id as true": {"update_id": True, "message": _msg()},
    "update id null": {"update_id": None, "message": _msg()},
}
#: Strange but well-formed: parsed and handled (or ignored) without a log line.
ODD_BUT_WELL_FORMED: dict[str, Any] = {
    "a kind of update not known yet": {"something_new": {"x": 1}},
    "a message reaction": {
        "message_reaction": {
            "chat": {"id": SENDER, "type": "private"},
            "message_id": 1,
            "date": int(time.time()),
            "old_reaction": [],
            "new_reaction": [{"type": "emoji", "emoji": "👍"}],
        }
    },
    "a null message": {"message": None},
    # Kinds no handler reads: PTB's leniency with their nulls harms nothing.
    "chat member update of nulls": {"my_chat_member": {"chat": None, "from": None, "date": None}},
    "inline query without a sender": {"inline_query": {"id": "i", "query": "x", "offset": ""}},
    "nothing but an id": {},
    "a huge text (a megabyte)": {"message": _msg(text="why " * 250_000)},
    "a huge text in a group, mentioning the bot": {
        "message": _msg(
            -100901,
            f"@{BOT_USERNAME} " + "why " * 50_000,
            entities=[{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}],
        )
    },
    "an empty text": {"message": _msg(text="")},
    "a null text": {"message": _msg(text=None)},
    "null optional fields": {"message": _msg(entities=None, reply_to_message=None, caption=None)},
    "an entity past the end of the text": {
        "message": _msg(text="/ask", entities=[{"type": "bot_command", "offset": 0, "length": 400}])
    },
    "a mention entity past the end": {
        "message": _msg(-100902, "hi", entities=[{"type": "mention", "offset": 50, "length": 9}])
    },
    "control characters": {"message": _msg(text="when\x00 will \x1b the trust\u2028")},
    "an edited question": {"edited_message": _msg(edit_date=int(time.time()))},
    "a channel post": {"channel_post": _msg(-100903, **{"from": ...})},
    "a message with no sender": {"message": _msg(**{"from": ...})},
    "a reply to the bot with no sender": {
        "message": _msg(-100904, reply_to_message={**_msg(**{"from": ...}), "message_id": 5})
    },
    "a reply chain fifty deep": {"message": _deep_reply(50)},
    "a command with an unknown bot": {
        "message": _msg(
            text="/ask@other_bot hi", entities=[{"type": "bot_command", "offset": 0, "length": 14}]
        )
    },
    "a reply to the bot in a group": {
        "message": _msg(
            -100905,
            "when will the trust go live?",
            reply_to_message={**_msg(-100905), "from": {"id": BOT_ID, "is_bot": True, "first_name": "t"}},
        )
    },
    "an inaccessible message pressed": {
        "callback_query": {
            "id": "q9",
            "from": _user(),
            "chat_instance": "c",
            "data": "m:abcdefgh:1",
            "message": {"chat": {"id": SENDER, "type": "private"}, "message_id": 3, "date": 0},
        }
    },
    "a game button pressed (no data)": {
        "callback_query": {"id": "q10", "from": _user(), "chat_instance": "c", "game_short_name": "g"}
    },
}


def _skipped(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("skipped malformed update")]


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


async def test_every_named_shape_is_survived_and_the_next_question_answered(
    standin: BotAPIStandIn, seed_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    shapes = {**MALFORMED, **ODD_BUT_WELL_FORMED}
    ids: dict[str, int] = {}
    async with running(bot_settings(standin, rate_limit=10_000), seed_engine, limiter=_FAST):
        for n, (name, shape) in enumerate(shapes.items()):
            chat = 10_000 + n
            with standin.together():  # the shape, then a question, in one batch
                ids[name] = standin.push_raw(copy.deepcopy(shape))
                standin.push(message(QUESTION, chat))
            await until(
                standin, lambda s, chat=chat: any("July 2020" in c.text for c in s.sent(chat_id=chat))
            )
        last = standin.push(message(QUESTION, 19_999))
        await until(standin, lambda s: bool(s.sent(chat_id=19_999)) and s.offsets[-1] > last)
    assert not _errors(caplog)
    assert not standin.rejected  # no reply Telegram would refuse (too long, bad HTML)
    # Each update was handed out once: the offset always moved past it, bad or not.
    assert set(standin.times_served.values()) == {1}
    assert standin.offsets == sorted(standin.offsets)
    skipped = _skipped(caplog)
    assert len(skipped) == len(MALFORMED)  # once each, and none for the odd-but-valid
    numbered = [ids[name] for name, shape in MALFORMED.items() if "update_id" not in shape]
    assert all(any(line.startswith(f"skipped malformed update {i}: ") for line in skipped) for i in numbered)
    assert all("\n" not in line and len(line) < 300 for line in skipped)
    assert len(caplog.text) < 50_000  # the log stays small (it once grew 65 MB in 20 s)
    # The megabyte question got a short refusal, not an apology.
    [huge] = [c for c in standin.sent(chat_id=SENDER) if "too long" in c.text]
    assert "999,999 characters" in huge.text  # "why " * 250,000, its last space trimmed


async def test_forged_button_presses_are_answered_as_expired(
    standin: BotAPIStandIn, seed_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    async with running(bot_settings(standin), seed_engine, limiter=_FAST):
        [answer] = await _ask_once(standin, 31)
        key = buttons(answer)["More results"].split(":")[1]
        forged = [
            f"m:{key}:²", f"s:{key}:³", f"m:{key}:१", f"s:{key}:٣", f"m:{key}:0", f"m:{key}:-1",
            f"m:{key}:99999999999999999999999", f"m:{key}:1e3", f"m:{key}:0x1", f"m:{key}: 1",
            f"m:{key}:1\n", f"m:{key}:", f"m:{key}", f"q:{key}:1", f"s:{key}:1:1", f":{key}:1",
            "m:no-such-key:1", "", ":", "::", "m", "s:😀:1", "m:" + "k" * 200 + ":1", "\x00" * 64,
            "<b>m:x:1</b>", f"m:{'../' * 10}:1",
        ]  # fmt: skip
        for data in forged:
            standin.push(press(data, 31, on=answer))
        no_data = press("x", 31, on=answer)
        del no_data["callback_query"]["data"]
        standin.push(no_data)
        await until(standin, lambda s: len(s.sent("answerCallbackQuery")) == len(forged) + 1)
        [after] = await _ask_once(standin, 31)
        # A real press still works after all that.
        [more] = await _press(standin, buttons(after)["More results"], after)
    presses = standin.sent("answerCallbackQuery")
    assert all("expired" in str(c.params.get("text")) for c in presses[: len(forged) + 1])
    assert "July 2020" in after.text and "<b>2.</b>" in more.text
    assert not _errors(caplog) and not standin.rejected


async def _ask_once(standin: BotAPIStandIn, chat: int) -> list[Any]:
    before = len(standin.sent(chat_id=chat))
    standin.push(message(QUESTION, chat))
    await until(standin, lambda s: len(s.sent(chat_id=chat)) > before)
    return standin.sent(chat_id=chat)[before:]


async def _press(standin: BotAPIStandIn, data: str, on: Any) -> list[Any]:
    chat = int(on.params["chat_id"])
    before = len(standin.sent(chat_id=chat))
    standin.push(press(data, chat, on=on))
    await until(standin, lambda s: len(s.sent(chat_id=chat)) > before)
    return standin.sent(chat_id=chat)[before:]


# --- generated shapes ---------------------------------------------------------------------

#: Well-formed updates the generated ones are mutated from.
TEMPLATES: list[dict[str, Any]] = [
    {"message": _msg()},
    {"message": _msg(text="/ask when will the trust go live?",
                     entities=[{"type": "bot_command", "offset": 0, "length": 4}])},
    {"message": _msg(-100800, f"@{BOT_USERNAME} when will the trust go live?",
                     entities=[{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}])},
    {"message": _msg(reply_to_message={**_msg(), "from": {"id": BOT_ID, "is_bot": True, "first_name": "t"}})},
    {"edited_message": _msg(edit_date=int(time.time()))},
    {"callback_query": {"id": "q", "from": _user(), "chat_instance": "c", "data": "s:abcdefgh:1",
                        "message": _msg()}},
    {"poll": {"id": "p", "question": "q?", "options": [{"text": "a", "voter_count": 0}],
              "total_voter_count": 0, "is_closed": False, "is_anonymous": True, "type": "regular",
              "allows_multiple_answers": False}},
]  # fmt: skip
#: What a generated update may hold where a field was.
ODD_VALUES: list[Any] = [
    None, "", "²", "x" * 5000, 0, -1, 2**63, 2**70, 1.5, True, False, [], {}, [None], {"id": None},
    [{"type": "mention"}], {"id": 1, "type": "private"}, "<b>", "\ud800",
]  # fmt: skip


def _places(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside a JSON document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key)
            yield from _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*path, index)
            yield from _places(value, (*path, index))


def _mutate(update: dict[str, Any], choose: Any, value: Any) -> None:
    """Delete, replace or add one field somewhere in the update, as `choose` picks."""
    places = list(_places(update))
    if not places:
        return
    path = places[choose(len(places))]
    parent: Any = update
    for step in path[:-1]:
        parent = parent[step]
    action = choose(3)
    if action == 0 and isinstance(parent, dict):
        del parent[path[-1]]
    elif action == 1 or not isinstance(parent, dict):
        parent[path[-1]] = copy.deepcopy(value)
    else:
        parent[f"unknown_{choose(5)}"] = copy.deepcopy(value)


def _generated(seed: int, count: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    updates = []
    for _ in range(count):
        update = copy.deepcopy(rng.choice(TEMPLATES))
        for _ in range(rng.randint(1, 3)):
            _mutate(update, rng.randrange, rng.choice(ODD_VALUES))
        updates.append(update)
    return updates


async def _survive_generated(
    standin: BotAPIStandIn, engine: Engine, caplog: pytest.LogCaptureFixture, count: int
) -> None:
    updates = _generated(seed=20240611 + count, count=count)
    expected_skips = 0
    async with running(bot_settings(standin, rate_limit=10_000), engine, limiter=_FAST):
        for update in updates:
            update_id = standin.push_raw(update)
            expected_skips += update_problem({"update_id": update_id, **update}) is not None
        last = standin.push(message(QUESTION, 29_999))
        await until(standin, lambda s: bool(s.sent(chat_id=29_999)), timeout=120)
        await until(standin, lambda s: s.offsets[-1] > last)
    assert "July 2020" in standin.sent(chat_id=29_999)[0].text
    assert not _errors(caplog), _errors(caplog)[:3]
    assert not standin.rejected, [c.text[:100] for c in standin.rejected[:3]]
    assert set(standin.times_served.values()) == {1}
    assert 0 < expected_skips < count  # the mix held both kinds
    assert len(_skipped(caplog)) == expected_skips


async def test_generated_malformed_updates_are_survived(
    standin: BotAPIStandIn, seed_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    await _survive_generated(standin, seed_engine, caplog, count=300)


@pytest.mark.slow
async def test_generated_malformed_updates_are_survived_5000(
    standin: BotAPIStandIn, seed_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    await _survive_generated(standin, seed_engine, caplog, count=5000)


# --- vetting, with Hypothesis ---------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
_QUICK = settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def mutated_updates(draw: st.DrawFn) -> dict[str, Any]:
    update = copy.deepcopy(draw(st.sampled_from(TEMPLATES)))
    for _ in range(draw(st.integers(1, 4))):
        _mutate(
            update, lambda n: draw(st.integers(0, n - 1)), draw(st.sampled_from(ODD_VALUES) | json_values)
        )
    return {"update_id": draw(st.integers(1, 2**31)), **update}


@_QUICK
@given(batch=st.lists(mutated_updates() | json_values, max_size=8))
def test_vetting_leaves_nothing_ptb_cannot_parse(batch: list[Any]) -> None:
    vetted = vet_updates(batch)
    updates = Update.de_list(vetted, None)  # what PTB parses next: it must not raise
    numbered = [u for u in batch if isinstance(u, dict) and type(u.get("update_id")) is int]
    # Every numbered update is kept, bare when malformed, so the offset moves past it.
    assert [u.update_id for u in updates] == [raw["update_id"] for raw in numbered]
    for raw, update in zip(numbered, updates, strict=True):
        problem = update_problem(raw)
        assert problem is None or update.to_dict() == {"update_id": raw["update_id"]}
        assert problem is None or ("\n" not in problem and len(problem) <= 200)


# --- the HTML formatter, with Hypothesis ----------------------------------------------------

#: Text from documents: short, or long and full of what HTML and UTF-16 make hard.
texts = st.one_of(st.text(max_size=300), st.text(alphabet="&<>\"'👍é\u200d ab\n", max_size=3000))
#: Text from the user (a question, its reading) or a whole passage: up to 100,000 characters.
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
        assert 0 < telegram_length(text) <= MAX_MESSAGE_CHARS, telegram_length(text)
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
    _fit([format_start(span, first_name)])


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
