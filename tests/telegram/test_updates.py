"""Malformed updates of every shape, named and generated, through the real
python-telegram-bot stack and the Bot API stand-in: the bot never crashes, logs each bad
update once in one line, moves its offset past it, and keeps answering."""

from __future__ import annotations

import copy
import logging
import random
import time
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Update

from bot.engine import Engine
from bot.telegram import RetryingRateLimiter
from bot.telegram.updates import update_problem, vet_updates

from ..botapi_standin import (
    BOT_ID,
    BOT_USERNAME,
    BotAPIStandIn,
    message,
)
from .harness import (
    QUESTION,
    bot_settings,
    running,
    until,
)


async def test_a_malformed_update_is_skipped_once_and_others_answered(
    standin: BotAPIStandIn, seed_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    # A poll without its required fields: PTB cannot parse it, and used to fail the
    # whole batch and fetch it again, forever, answering nobody.
    bad = standin.push_raw({"poll": {"id": "p1"}})
    good = standin.push(message(QUESTION, 20))
    async with running(bot_settings(standin), seed_engine):
        await until(standin, lambda s: bool(s.sent(chat_id=20)))
        await until(standin, lambda s: bool(s.offsets) and s.offsets[-1] > good)
    assert "July 2020" in standin.sent(chat_id=20)[0].text
    assert standin.times_served[bad] == 1  # fetched once: the offset moved past it
    assert standin.offsets == sorted(standin.offsets)
    skipped = [r.getMessage() for r in caplog.records if "malformed" in r.getMessage()]
    assert len(skipped) == 1 and skipped[0].startswith(f"skipped malformed update {bad}: ")
    assert "\n" not in skipped[0] and len(skipped[0]) < 300  # one short line
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


SENDER = 900


_FAST = RetryingRateLimiter(base_delay=0.05, overall_max_rate=0, group_max_rate=0, max_retries=0)


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
