"""The buttons under an answer, end to end: More results and Source work (after a reload
of the index too), and a press the bot does not know, stale or forged, is answered as
expired without an error."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from bot.engine import Engine
from bot.telegram import RetryingRateLimiter

from ..botapi_standin import (
    BotAPIStandIn,
    message,
    press,
)
from ..conftest import SEED_CORPUS
from .harness import (
    QUESTION,
    ask,
    assert_valid_html,
    bot_settings,
    buttons,
    running,
    until,
)


async def test_more_results_and_source_buttons(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    async with running(bot_settings(standin), seed_engine):
        [answer] = await ask(standin, message(QUESTION, 15), chat_id=15)
        data = buttons(answer)
        [more] = await ask(standin, press(data["More results"], 15, on=answer), chat_id=15)
        assert "<b>2.</b>" in more.text and "<b>3.</b>" in more.text
        assert {"Source 2", "Source 3"} <= set(buttons(more))
        # The pressed "More results" is taken off the answer; its Source button stays.
        [edit] = standin.sent("editMessageReplyMarkup", chat_id=15)
        assert set(buttons(edit)) == {"Source", "👍", "👎", "🔔", "Timeline"}

        [source] = await ask(standin, press(data["Source"], 15, on=answer), chat_id=15)
        assert "Publisher: Northamptonshire Telegraph" in source.text
        assert "Passage: <code>" in source.text
        assert "July next year" in source.text  # the whole passage, as written

        standin.push(press("m:no-such-key:1", 15))
        await until(
            standin,
            lambda s: any("expired" in str(c.params.get("text")) for c in s.sent("answerCallbackQuery")),
        )
    assert len(standin.sent("answerCallbackQuery")) == 3  # every press is acknowledged
    for call in (more, source):
        assert_valid_html(call.text)


async def test_buttons_keep_working_after_the_index_is_reloaded(
    standin: BotAPIStandIn, seed_engine: Engine, tmp_path: Path
) -> None:
    reopened: list[Engine] = []

    def reopen() -> Engine:
        reopened.append(Engine.open(SEED_CORPUS, tmp_path / "index"))
        return reopened[-1]

    async with running(bot_settings(standin, admin_users="16"), seed_engine, reopen) as trustbot:
        [answer] = await ask(standin, message(QUESTION, 16), chat_id=16)
        [reloaded] = await ask(standin, message("/reload", 16), chat_id=16)
        assert reloaded.text.startswith("Reloaded") and trustbot.engine is reopened[0]
        [more] = await ask(standin, press(buttons(answer)["More results"], 16, on=answer), chat_id=16)
        [source] = await ask(standin, press(buttons(answer)["Source"], 16, on=answer), chat_id=16)
    assert "<b>2.</b>" in more.text
    assert "Publisher: Northamptonshire Telegraph" in source.text
    assert not any("expired" in str(c.params.get("text")) for c in standin.sent("answerCallbackQuery"))


_FAST = RetryingRateLimiter(base_delay=0.05, overall_max_rate=0, group_max_rate=0, max_retries=0)


async def test_forged_button_presses_are_answered_as_expired(
    standin: BotAPIStandIn, seed_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with running(bot_settings(standin), seed_engine, limiter=_FAST):
        [answer] = await _ask_once(standin, 31)
        real = buttons(answer)["More results"]
        assert len(real) == 64  # PTB's keyboard and button ids, not the data itself
        keyboard, button = real[:32], real[32:]
        forged = [
            keyboard + "0" * 32,  # the answer's keyboard, a button it never had
            "0" * 32 + button,  # the button, under a keyboard that does not exist
            real[:-1], real + "0", real.upper(), button + keyboard, keyboard, button,
            "m:no-such-key:1", "m:key:²", "", ":", "::", "m", "s:😀:1", "k" * 200, "\x00" * 64,
            "<b>m:x:1</b>", "../" * 20,
        ]  # fmt: skip
        for data in forged:
            standin.push(press(data, 31, on=answer))
        no_data = press("x", 31, on=answer)
        del no_data["callback_query"]["data"]
        standin.push(no_data)
        await until(standin, lambda s: len(s.sent("answerCallbackQuery")) == len(forged) + 1)
        [after] = await _ask_once(standin, 31)
        # A real press still works after all that, the one forged from too.
        [more] = await _press(standin, buttons(after)["More results"], after)
        [again] = await _press(standin, real, answer)
    presses = standin.sent("answerCallbackQuery")
    assert all("expired" in str(c.params.get("text")) for c in presses[: len(forged) + 1])
    assert "July 2020" in after.text and "<b>2.</b>" in more.text and "<b>2.</b>" in again.text
    assert not _errors(caplog) and not standin.rejected
    assert caplog.text.count("unknown or expired") == len(forged) + 1  # one log line each


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


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
