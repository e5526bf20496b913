"""Questions asked in Telegram, end to end: the real python-telegram-bot stack over HTTP,
against a Bot API stand-in on 127.0.0.1 that records every call and injects faults."""

from __future__ import annotations

import asyncio
import dataclasses
import html
import time
from pathlib import Path
from typing import Any

import pytest
from telegram.constants import MessageLimit

from bot.engine import Engine
from bot.telegram.format import (
    telegram_length,
)
from bot.telegram.handlers import MAX_RESULTS

from ..botapi_standin import (
    BOT_USERNAME,
    BotAPIStandIn,
    message,
)
from .harness import (
    QUESTION,
    ask,
    assert_valid_html,
    bot_settings,
    buttons,
    running,
    until,
)


async def test_private_question_answered_with_citation(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    async with running(bot_settings(standin), seed_engine):
        [reply] = await ask(standin, message(QUESTION, user_id=11), chat_id=11)
    text = reply.text
    assert reply.params["parse_mode"] == "HTML"
    assert_valid_html(text)
    first_line, second_line = text.split("\n")[:2]
    assert first_line == "<b>July 2020</b>"  # the short answer leads, in bold
    assert "July next year (July 2020)" in second_line  # then the sentence that says it
    assert "Northamptonshire Telegraph" in text and "November 2019" in text  # its citation
    assert "<blockquote expandable>" in text  # the passage
    assert "Earlier reports" in text and "December 2017" in text  # the answer changed over time
    assert set(buttons(reply)) == {"Source", "More results", "👍", "👎", "🔔", "Timeline"}
    assert not standin.sent("sendChatAction", chat_id=11)  # a quick answer needs no "typing…"


async def test_typing_is_shown_while_a_slow_answer_is_worked_out(
    standin: BotAPIStandIn, seed_engine: Engine
) -> None:
    class Slow(Engine):
        def ask(self, *args: Any, **kwargs: Any) -> Any:
            time.sleep(0.6)  # a large corpus under load
            return super().ask(*args, **kwargs)

    async with running(bot_settings(standin), Slow(seed_engine.index)):
        [reply] = await ask(standin, message(QUESTION, 18), chat_id=18)
    [typing] = standin.sent("sendChatAction", chat_id=18)
    assert typing.params["action"] == "typing" and typing.at < reply.at
    assert "July 2020" in reply.text


async def test_group_needs_a_mention_a_reply_or_ask(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    group = -1001
    async with running(bot_settings(standin), seed_engine):
        standin.push(message(QUESTION, user_id=13, chat_id=group))  # chatter: not for the bot
        [mentioned] = await ask(standin, message(f"@{BOT_USERNAME} {QUESTION}", 13, group), chat_id=group)
        await asyncio.sleep(0.3)  # time enough for the ignored message to have been answered
        assert len(standin.sent(chat_id=group)) == 1
        [replied] = await ask(standin, message(QUESTION, 13, group, reply_to_bot=True), chat_id=group)
        [command] = await ask(standin, message(f"/ask@{BOT_USERNAME} {QUESTION}", 13, group), chat_id=group)
    for call in (mentioned, replied, command):
        assert "July 2020" in call.text
        assert "message_id" in (call.json("reply_parameters") or {})  # threaded under the question


async def test_asof_answers_as_things_stood(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    async with running(bot_settings(standin), seed_engine):
        [then] = await ask(standin, message(f"/asof 2016-12-31 {QUESTION}", 14), chat_id=14)
        [usage] = await ask(standin, message("/asof yesterday-ish", 14), chat_id=14)
        [bad] = await ask(standin, message(f"/asof 2016-13-45 {QUESTION}", 14), chat_id=14)
    assert "As things stood on 31 December 2016" in then.text
    assert "July 2020" not in then.text and "2019" not in then.text
    assert "/asof 2016-12-31" in usage.text
    assert "/asof 2016-12-31" in bad.text and "2016-13-45" in bad.text


async def test_html_in_a_question_is_escaped(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    question = "what is <script>alert(1)</script> & <b>Leeds</b> United's goal tally?"
    async with running(bot_settings(standin), seed_engine):
        [reply] = await ask(standin, message(question, 16), chat_id=16)
    assert "I don't know" in reply.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Leeds&lt;/b&gt;" in reply.text
    assert "<script>" not in reply.text
    assert_valid_html(reply.text)
    assert "/sources" in reply.text  # what to try instead


async def test_a_long_misspelled_question_gets_one_short_reply(
    standin: BotAPIStandIn, seed_engine: Engine
) -> None:
    # TRUSTBOT_MAX_QUESTION_CHARS raised: a message as long as Telegram allows, misspelled,
    # used to be quoted back whole ("Read as: ...") in a reply Telegram refused as too long.
    engine = dataclasses.replace(seed_engine, max_question_chars=100_000)
    question = ("whn wil the trst go liiive & <b>reopen</b> " * 120)[:4000]
    async with running(bot_settings(standin, max_question_chars=100_000), engine):
        [reply] = await ask(standin, message(question, 24), chat_id=24)
    assert not standin.rejected
    assert reply.text.startswith("<i>Read as: ") and "…</i>" in reply.text
    assert "I don't know" in reply.text and "…”" in reply.text
    assert telegram_length(reply.text) <= 1500
    assert_valid_html(reply.text)


def _long_history_corpus(folder: Path, documents: int) -> Path:
    """A library that announced a different reopening month in each of many reports."""
    folder.mkdir()
    for n in range(documents):
        year, month = 2001 + n // 12, n % 12 + 1
        target = f"{['March', 'June', 'September', 'December'][n % 4]} {2003 + n // 4}"
        body = (
            f"The Eastbridge library will reopen in {target}, the council said in its update. "
            "Builders have replaced the roof, the wiring and the old heating system, and the "
            "reading room has new shelving for the local history collection and its maps."
        )
        (folder / f"report-{n:03d}.md").write_text(
            f"---\ntitle: Library update number {n}\npublisher: Eastbridge Gazette\n"
            f"published: {year}-{month:02d}-15\n---\n\n{body}\n",
            encoding="utf-8",
        )
    # Other news, so the library's words are not in most documents (BM25 gives words in
    # over half of them a negative weight).
    for n in range(documents + 10):
        (folder / f"other-{n:03d}.md").write_text(
            f"---\ntitle: Council news {n}\npublisher: Eastbridge Gazette\n"
            f"published: 2001-06-{n % 28 + 1:02d}\n---\n\n"
            f"Road works on route {n} finish next week, and the swimming pool timetable changes.\n",
            encoding="utf-8",
        )
    return folder


async def test_a_long_answer_is_split_between_blocks(standin: BotAPIStandIn, tmp_path: Path) -> None:
    corpus = _long_history_corpus(tmp_path / "corpus", 60)
    engine = await asyncio.to_thread(Engine.open, corpus, tmp_path / "index")
    answer = engine.ask("when will the Eastbridge library reopen?", top_k=MAX_RESULTS)
    assert len(answer.earlier) > 20  # a long history of changed answers
    async with running(bot_settings(standin, corpus_dir=corpus), engine):
        standin.push(message("when will the Eastbridge library reopen?", 17))
        await until(standin, lambda s: any(buttons(c) for c in s.sent(chat_id=17)))
        replies = standin.sent(chat_id=17)
    assert len(replies) >= 2
    for reply in replies:
        assert telegram_length(reply.text) <= MessageLimit.MAX_TEXT_LENGTH
        assert_valid_html(reply.text)
    # Split between reports, never inside one: every report line is whole in one message.
    said = [e.said for e in answer.earlier]
    joined = "\n".join(r.text for r in replies)
    assert all(f": {html.escape(s, quote=False)}\n" in joined + "\n" for s in said)
    assert all(
        line.startswith("• <b>") for r in replies for line in r.text.splitlines() if line.startswith("•")
    )
    assert buttons(replies[-1]) and not any(buttons(r) for r in replies[:-1])  # buttons on the last


async def test_an_unexpected_error_gets_an_apology(
    standin: BotAPIStandIn, seed_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken(Engine):
        def ask(self, *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("the disk is on fire")

    broken = Broken(seed_engine.index)
    async with running(bot_settings(standin), broken):
        [reply] = await ask(standin, message(QUESTION, 44), chat_id=44)
    assert reply.text.startswith("Sorry, something went wrong")
    assert "disk is on fire" not in reply.text  # details go to the log, not the user
    assert any("disk is on fire" in str(r.exc_info) for r in caplog.records if r.exc_info)
