"""Who may use the bot: the allow-lists as filters, the refusal everyone else gets, and
the bot closed by default."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.engine import Engine
from bot.settings import Settings
from bot.telegram.access import Access, access_summary

from ..botapi_standin import (
    BOT_USERNAME,
    TOKEN,
    BotAPIStandIn,
    message,
    press,
)
from ..conftest import TRUSTBOT
from .harness import (
    QUESTION,
    ask,
    bot_settings,
    running,
    serve_env,
    until,
)


async def test_unknown_user_refused_under_allow_list(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    settings = bot_settings(standin, allowed_users="21", allowed_chats="-2001")
    async with running(settings, seed_engine):
        [refused] = await ask(standin, message(QUESTION, 22), chat_id=22)
        [refused_cmd] = await ask(standin, message("/sources", 22), chat_id=22)
        [allowed] = await ask(standin, message(QUESTION, 21), chat_id=21)
        [group] = await ask(standin, message(f"@{BOT_USERNAME} {QUESTION}", 23, -2001), chat_id=-2001)
        standin.push(message(QUESTION, 24, -3001))  # chatter in a group not listed: not for the bot
        [group_refused] = await ask(standin, message(f"@{BOT_USERNAME} {QUESTION}", 24, -3001), -3001)
        standin.push(press("s:whatever:1", 22))
        await until(standin, lambda s: len(s.sent("answerCallbackQuery")) == 1)
    for call in (refused, refused_cmd):
        assert "private" in call.text and "22" in call.text
        assert "Northamptonshire" not in call.text and "trust" not in call.text.lower()
    assert not standin.sent("sendMessage", chat_id=22)[2:]  # nothing beyond the two refusals
    assert "July 2020" in allowed.text and "July 2020" in group.text  # listed user; listed chat
    assert "private" in group_refused.text and len(standin.sent(chat_id=-3001)) == 1
    assert "private" in str(standin.sent("answerCallbackQuery")[0].params.get("text"))


def _access(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def _update(user: int, chat: int, *, pressed: bool = False) -> Update:
    """A message from `user` in group `chat`, or their press on a button under it."""
    sender = {"id": user, "is_bot": False, "first_name": "Sam"}
    group = {"id": chat, "type": "group", "title": "Staff room"}
    message = {"message_id": 1, "date": 0, "chat": group, "from": sender, "text": "when?"}
    if pressed:
        query = {"id": "q", "from": sender, "chat_instance": "c", "data": "x", "message": message}
        return Update.de_json({"update_id": 1, "callback_query": query}, None)
    return Update.de_json({"update_id": 1, "message": message}, None)


def test_who_may_use_the_bot() -> None:
    def allowed(settings: Settings, user: int, chat: int) -> bool:
        access = Access(settings)
        said = bool(access.members.check_update(_update(user, chat)))
        press = _update(user, chat, pressed=True).callback_query
        assert press is not None and access.admits_press(press) == said  # messages and presses alike
        return said

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
    admins = Access(_access(allowed_users="7", admin_users="5"))
    assert admins.is_admin(_update(5, -1)) and not admins.is_admin(_update(7, -1))


async def test_an_admin_outside_the_allow_list_may_reload_but_not_ask(
    standin: BotAPIStandIn, seed_engine: Engine
) -> None:
    settings = bot_settings(standin, allowed_users="21", admin_users="31")
    async with running(settings, seed_engine):
        [reloaded] = await ask(standin, message("/reload", 31), chat_id=31)
        [refused] = await ask(standin, message(QUESTION, 31), chat_id=31)
        [not_admin] = await ask(standin, message("/feedback", 21), chat_id=21)
    assert reloaded.text.startswith("Reloaded: 5 documents")
    assert "private" in refused.text and "31" in refused.text
    assert "Only administrators" in not_admin.text


def test_open_to_everyone_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings(_env_file=None).open_to_everyone is False
    monkeypatch.setenv("TRUSTBOT_OPEN_TO_EVERYONE", "true")
    assert Settings(_env_file=None).open_to_everyone is True


def test_serve_refuses_to_start_with_no_one_allowed(standin: BotAPIStandIn, tmp_path: Path) -> None:
    env = serve_env(standin, tmp_path, TRUSTBOT_ALLOWED_USERS="", TRUSTBOT_OPEN_TO_EVERYONE="false")
    result = subprocess.run(
        [str(TRUSTBOT), "serve"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 1
    [line] = result.stderr.splitlines()  # one line, saying how to list users or open the bot
    assert "TRUSTBOT_ALLOWED_USERS" in line and "TRUSTBOT_ALLOWED_CHATS" in line
    assert "TRUSTBOT_OPEN_TO_EVERYONE=true" in line
    assert not result.stdout and TOKEN not in line and TOKEN.split(":")[1] not in line
    assert not standin.calls and not standin.offsets  # Telegram was never contacted
    assert not (tmp_path / "index").exists()  # nor the index opened
