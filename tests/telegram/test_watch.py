"""Watched questions end to end: /watch and 🔔 with the real bot against the Bot API
stand-in, a real `trustbot corpus add` that changes an answer, the bot's index watcher
loading it, and the update messages that follow (once, and only when the answer changed)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.staff import Store

from ..botapi_standin import (
    BotAPIStandIn,
    Fault,
    message,
    press,
)
from ..conftest import run_cli
from .harness import (
    ask,
    bot_settings,
    buttons,
    running,
    until,
)

GO_LIVE = "when will the trust go live?"


CABINET = "who is the cabinet member?"


ADMIN = 900


NEWS = """\
---
title: Children's trust launch date confirmed
published: 2020-06-15
source: Northamptonshire Telegraph
---
The Northamptonshire Children's Trust will now go live on 1 November 2020, the council confirmed.

The delay follows the coronavirus outbreak, council leaders said.
"""


def updates(standin: BotAPIStandIn, chat: int) -> list[str]:
    return [c.text for c in standin.sent(chat_id=chat) if c.text.startswith("Update on")]


async def add_news(tmp_path: Path, corpus_dir: Path, index_dir: Path) -> None:
    """`trustbot corpus add` of a document that moves the go-live date, as staff would run it."""
    news = tmp_path / "golive.md"
    news.write_text(NEWS, encoding="utf-8")
    done = await asyncio.to_thread(run_cli, "corpus", "add", str(news), "--corpus", str(corpus_dir),
                                   "--index", str(index_dir))  # fmt: skip
    assert done.returncode == 0, done.stderr


async def test_a_changed_answer_is_told_once_and_an_unchanged_one_never(
    standin: BotAPIStandIn, corpus_dir: Path, index_dir: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"

    def opener() -> Engine:
        return Engine.open(corpus_dir, index_dir)

    settings = bot_settings(
        standin, corpus_dir=corpus_dir, index_dir=index_dir, data_dir=data, index_watch_seconds=0.1,
        admin_users={ADMIN},
    )  # fmt: skip
    async with running(settings, opener(), opener):
        [made] = await ask(standin, message(f"/watch {GO_LIVE}", 61), chat_id=61)
        assert "Watching" in made.text and "<b>July 2020</b>" in made.text
        [made] = await ask(standin, message(f"/watch {CABINET}", 62), chat_id=62)
        assert "<b>Cllr Fiona Baker</b>" in made.text
        [answer] = await ask(standin, message(GO_LIVE, 63), chat_id=63)
        [bell] = await ask(standin, press(buttons(answer)["🔔"], 63, on=answer), chat_id=63)
        assert "Watching" in bell.text
        [twice] = await ask(standin, message(f"/watch {GO_LIVE}", 61), chat_id=61)
        assert "already watch" in twice.text

        await add_news(tmp_path, corpus_dir, index_dir)
        await until(standin, lambda s: bool(updates(s, 61)) and bool(updates(s, 63)), timeout=30)
        # The admin reloads too: the same generation again tells nobody anything new.
        await ask(standin, message("/reload", ADMIN), chat_id=ADMIN)
        await asyncio.sleep(0.5)
    [update] = updates(standin, 61)
    assert update.startswith(
        "Update on “when will the trust go live?”: now <b>1 November 2020</b> (was July 2020)"
    )
    assert "Northamptonshire Telegraph" in update and "15 June 2020" in update  # the new citation
    assert len(updates(standin, 63)) == 1
    assert updates(standin, 62) == []  # the cabinet member did not change
    assert {w.short for w in Store(data).watches(chat_id=61)} == {"1 November 2020"}


async def test_watches_are_listed_removed_and_survive_a_restart(
    standin: BotAPIStandIn, seed_engine: Engine, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    settings = bot_settings(standin, data_dir=data)
    async with running(settings, seed_engine):
        await ask(standin, message(f"/watch {GO_LIVE}", 71), chat_id=71)
        await ask(standin, message(f"/watch {CABINET}", 71), chat_id=71)
        [usage] = await ask(standin, message("/watch", 71), chat_id=71)
        assert "/watch when will" in usage.text
    async with running(settings, seed_engine):  # a new application, the same data folder
        [listing] = await ask(standin, message("/watches", 71), chat_id=71)
        assert "1. “when will the trust go live?” — now: <b>July 2020</b>" in listing.text
        assert "2. “who is the cabinet member?”" in listing.text
        [none] = await ask(standin, message("/unwatch 7", 71), chat_id=71)
        assert "no watch number 7" in none.text
        [bad] = await ask(standin, message("/unwatch two", 71), chat_id=71)
        assert "/unwatch 2" in bad.text
        [removed] = await ask(standin, message("/unwatch 1", 71), chat_id=71)
        assert "Stopped watching “when will the trust go live?”" in removed.text
        [empty] = await ask(standin, message("/watches", 72), chat_id=72)
        assert "You watch no questions" in empty.text
    listed = run_cli("watch", "list", env={"TRUSTBOT_DATA_DIR": str(data)})
    assert listed.returncode == 0, listed.stderr
    assert CABINET in listed.stdout and GO_LIVE not in listed.stdout
    assert listed.stdout.splitlines()[-1] == "1 watched question"


async def test_a_user_who_blocked_the_bot_loses_their_watches(
    standin: BotAPIStandIn,
    corpus_dir: Path,
    index_dir: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    data = tmp_path / "data"

    def opener() -> Engine:
        return Engine.open(corpus_dir, index_dir)

    settings = bot_settings(
        standin, corpus_dir=corpus_dir, index_dir=index_dir, data_dir=data, index_watch_seconds=0.1
    )
    caplog.set_level(logging.INFO)
    async with running(settings, opener(), opener):
        await ask(standin, message(f"/watch {GO_LIVE}", 81), chat_id=81)
        await ask(standin, message(f"/watch {GO_LIVE}", 82), chat_id=82)
        standin.fail(Fault("sendMessage", 403, "Forbidden: bot was blocked by the user", times=5, chat_id=81))
        await add_news(tmp_path, corpus_dir, index_dir)
        await until(standin, lambda s: bool(updates(s, 82)), timeout=30)
        await until(standin, lambda s: not Store(data).watches(chat_id=81), timeout=10)
    assert [c.params["chat_id"] for c in standin.failed] == ["81"]  # tried once, not forever
    assert [w.chat_id for w in Store(data).watches()] == [82]
    assert "chat 81 blocked the bot" in caplog.text
