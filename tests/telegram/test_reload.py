"""A new index while the bot runs: /reload by an admin, a new generation on disk picked
up, and questions answered throughout."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from pathlib import Path

import pytest

from bot.engine import Engine

from ..botapi_standin import (
    BotAPIStandIn,
    message,
)
from ..conftest import SEED_CORPUS, run_cli
from ..documents import write_pdf
from .harness import (
    QUESTION,
    ask,
    bot_settings,
    running,
    until,
    until_reply,
)


async def test_reload_by_admin_keeps_answering_meanwhile(
    standin: BotAPIStandIn, seed_engine: Engine, tmp_path: Path
) -> None:
    opened: list[Engine] = []

    def slow_open() -> Engine:
        time.sleep(1.0)  # a large index takes a while to load
        engine = Engine.open(SEED_CORPUS, tmp_path / "index")
        opened.append(engine)
        return engine

    settings = bot_settings(standin, admin_users="51")
    async with running(settings, seed_engine, slow_open) as trustbot:
        [denied] = await ask(standin, message("/reload", 52), chat_id=52)
        standin.push(message("/reload", 51))
        await asyncio.sleep(0.2)  # the reload is under way
        [meanwhile] = await ask(standin, message(QUESTION, 53), chat_id=53)
        assert not opened  # answered before the reload finished
        [done] = await until_reply(standin, 51)
        assert trustbot.engine is opened[0]
        [after] = await ask(standin, message(QUESTION, 53), chat_id=53)
        [help_] = await ask(standin, message("/help", 51), chat_id=51)
    assert "Only administrators" in denied.text
    assert "July 2020" in meanwhile.text and "July 2020" in after.text
    assert done.text.startswith("Reloaded: 5 documents")
    assert "/reload" in help_.text


async def test_new_index_on_disk_is_picked_up(
    standin: BotAPIStandIn, corpus_dir: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    engine = await asyncio.to_thread(Engine.open, corpus_dir, index_dir)
    settings = bot_settings(standin, corpus_dir=corpus_dir, index_dir=index_dir, index_watch_seconds=0.1)
    opener = lambda: Engine.open(corpus_dir, index_dir)  # noqa: E731
    async with running(settings, engine, opener) as trustbot:
        extra = corpus_dir / "update.md"
        extra.write_text(
            "---\ntitle: Trust launch moved\npublisher: Council press office\npublished: 2020-01-20\n---\n\n"
            "The children's trust will now go live in November 2020, the council confirmed.\n",
            encoding="utf-8",
        )
        await asyncio.to_thread(Engine.open, corpus_dir, index_dir, rebuild=True)  # `trustbot index build`
        await until(standin, lambda s: trustbot.engine is not engine, timeout=10)
        [reply] = await ask(standin, message(QUESTION, 54), chat_id=54)
    assert "November 2020" in reply.text.split("\n")[0]
    assert "Council press office" in reply.text


async def test_bot_keeps_answering_through_an_add_and_a_reload(
    standin: BotAPIStandIn, corpus_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    index_dir = tmp_path / "index"
    engine = await asyncio.to_thread(Engine.open, corpus_dir, index_dir)
    settings = bot_settings(
        standin, corpus_dir=corpus_dir, index_dir=index_dir, index_watch_seconds=0.2, admin_users="91",
        rate_limit=1000,
    )  # fmt: skip
    budget = "The trust's first-year budget for children's social care will be 128 million pounds."
    pdf = write_pdf(
        tmp_path / "cabinet.pdf", [["Cabinet report", "12 March 2020", "Staff will move."], [budget]]
    )
    opener = lambda: Engine.open(corpus_dir, index_dir)  # noqa: E731
    asked = 0
    async with running(settings, engine, opener) as trustbot:

        async def keep_asking() -> None:
            nonlocal asked
            while True:
                standin.push(message(QUESTION, 81))
                asked += 1
                await asyncio.sleep(0.05)

        asking = asyncio.create_task(keep_asking())
        added = await asyncio.to_thread(
            run_cli, "corpus", "add", str(pdf), "--corpus", str(corpus_dir), "--index", str(index_dir)
        )
        standin.push(message("/reload", 91))
        await until(standin, lambda s: any(c.text.startswith("Reloaded") for c in s.sent(chat_id=91)))
        await asyncio.sleep(0.3)
        asking.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asking
        await until(standin, lambda s: len(s.sent(chat_id=81)) >= asked)
        assert len(trustbot.engine.index.documents) == 6
        [reply] = await ask(
            standin, message("what will the first-year budget for children's social care be?", 82), 82
        )
    assert added.returncode == 0, added.stderr
    replies = standin.sent(chat_id=81)
    assert len(replies) == asked > 10
    assert all("July 2020" in r.text for r in replies)  # every question answered, none with an apology
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "128 million" in reply.text and "12 March 2020" in reply.text and "page 2" in reply.text
