"""Updates vetted before python-telegram-bot parses them: each malformed shape is found,
each well-formed one passes, and a batch keeps its good updates."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest
from telegram import Update

from bot.telegram.updates import update_problem, vet_updates


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
