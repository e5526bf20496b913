"""The Telegram bot end to end: the real python-telegram-bot stack over HTTP, against a
Bot API stand-in on 127.0.0.1 that records every call and injects faults."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import html
import io
import logging
import os
import signal
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.engine import Engine
from bot.settings import Settings
from bot.telegram_bot import MAX_RESULTS, RetryingRateLimiter, TrustBot, build_application, configure_logging
from bot.telegram_format import MAX_MESSAGE_CHARS, telegram_length

from .botapi_standin import (
    BOT_USERNAME,
    TOKEN,
    BotAPIStandIn,
    Call,
    Fault,
    html_problems,
    message,
    press,
)
from .conftest import SEED_CORPUS, TRUSTBOT, run_cli
from .documents import write_pdf

QUESTION = "when will the trust go live?"


def assert_valid_html(text: str) -> None:
    """Known tags only, all closed: what Telegram's HTML parse mode accepts."""
    problems = html_problems(text)
    assert not problems, (problems, text[:300])


def buttons(call: Call) -> dict[str, str]:
    """Button label -> callback data of a sent message."""
    markup = call.json("reply_markup") or {}
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}


# --- running the real application against the stand-in -----------------------------------


@pytest.fixture
def standin() -> Iterator[BotAPIStandIn]:
    server = BotAPIStandIn().start()
    yield server
    server.stop()


def bot_settings(standin: BotAPIStandIn, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_token": TOKEN,
        "telegram_api_url": standin.base_url,
        "corpus_dir": SEED_CORPUS,
        "index_watch_seconds": 0,
        # The bot is closed by default; these tests are about everything else.
        "open_to_everyone": True,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@contextlib.asynccontextmanager
async def running(
    settings: Settings,
    engine: Engine,
    opener: Callable[[], Engine] | None = None,
    limiter: RetryingRateLimiter | None = None,
) -> AsyncIterator[TrustBot]:
    """The bot as `trustbot serve` runs it (polling), until the block ends."""
    trustbot = TrustBot(settings, engine, opener or (lambda: engine))
    # Short back-off so fault tests take fractions of a second; the logic is the real one.
    application = build_application(settings, trustbot, limiter or RetryingRateLimiter(base_delay=0.05))
    await application.initialize()
    await trustbot.post_init(application)
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0, timeout=1)
    await application.start()
    try:
        yield trustbot
    finally:
        await application.updater.stop()
        await application.stop()
        await trustbot.post_shutdown(application)
        await application.shutdown()


async def until(
    standin: BotAPIStandIn, predicate: Callable[[BotAPIStandIn], bool], timeout: float = 15
) -> None:
    """Wait, without blocking the bot's event loop, until the predicate holds."""
    deadline = time.monotonic() + timeout
    while not predicate(standin):
        if time.monotonic() > deadline:
            last = [(c.method, c.text[:50]) for c in standin.calls[-10:]]
            raise AssertionError(f"timed out; last calls: {last}")
        await asyncio.sleep(0.02)


async def ask(standin: BotAPIStandIn, update: dict[str, Any], chat_id: int, count: int = 1) -> list[Call]:
    """Push an update and return the messages sent to the chat once `count` more arrived."""
    before = len(standin.sent(chat_id=chat_id))
    standin.push(update)
    await until(standin, lambda s: len(s.sent(chat_id=chat_id)) >= before + count)
    return standin.sent(chat_id=chat_id)[before:]


# --- the flows ----------------------------------------------------------------------------


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


async def test_start_registers_commands_and_info_commands_answer(
    standin: BotAPIStandIn, seed_engine: Engine
) -> None:
    async with running(bot_settings(standin), seed_engine):
        [commands] = standin.sent("setMyCommands")
        names = {c["command"] for c in commands.json("commands")}
        assert {"ask", "asof", "sources", "about", "help", "start"} <= names

        [start] = await ask(standin, message("/start", user_id=12), chat_id=12)
        assert "5 documents" in start.text and "December 2015" in start.text and "2019" in start.text
        assert start.text.count("• ") == 3  # three example questions
        [help_] = await ask(standin, message("/help", user_id=12), chat_id=12)
        assert "/asof" in help_.text and "/reload" not in help_.text  # not an admin
        [sources] = await ask(standin, message("/sources", user_id=12), chat_id=12)
        assert sources.text.count("• ") == 5 and "Northampton Chronicle &amp; Echo" in sources.text
        [about] = await ask(standin, message("/about", user_id=12), chat_id=12)
        assert "Index built" in about.text and "Passages" in about.text
        [unknown] = await ask(standin, message("/frobnicate", user_id=12), chat_id=12)
        assert "/help" in unknown.text
        sticker = message("", user_id=12)
        del sticker["message"]["text"]
        sticker["message"]["sticker"] = {
            "file_id": "x", "file_unique_id": "x", "type": "regular",
            "width": 512, "height": 512, "is_animated": False, "is_video": False,
        }  # fmt: skip
        [not_text] = await ask(standin, sticker, chat_id=12)
        assert "only read questions written as text" in not_text.text
    for call in (start, help_, sources, about, unknown):
        assert_valid_html(call.text)


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


async def test_forged_button_data_is_expired_not_an_error(
    standin: BotAPIStandIn, seed_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    async with running(bot_settings(standin), seed_engine):
        [answer] = await ask(standin, message(QUESTION, 19), chat_id=19)
        key = buttons(answer)["More results"].split(":")[1]
        # "²" passes str.isdigit() but not int(); the others are out of range or ill-formed.
        forged = [f"m:{key}:²", f"s:{key}:१", f"m:{key}:99999999999", f"x:{key}:1", f"s:{key}:0", f"m:{key}:"]
        for data in forged:
            standin.push(press(data, 19, on=answer))
        await until(standin, lambda s: len(s.sent("answerCallbackQuery")) == len(forged))
        [after] = await ask(standin, message(QUESTION, 19), chat_id=19)  # still answering
    assert all("expired" in str(c.params.get("text")) for c in standin.sent("answerCallbackQuery"))
    assert "July 2020" in after.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


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
        assert telegram_length(reply.text) <= MAX_MESSAGE_CHARS
        assert_valid_html(reply.text)
    # Split between reports, never inside one: every report line is whole in one message.
    said = [e.said for e in answer.earlier]
    joined = "\n".join(r.text for r in replies)
    assert all(f": {html.escape(s, quote=False)}\n" in joined + "\n" for s in said)
    assert all(
        line.startswith("• <b>") for r in replies for line in r.text.splitlines() if line.startswith("•")
    )
    assert buttons(replies[-1]) and not any(buttons(r) for r in replies[:-1])  # buttons on the last


async def test_unknown_user_refused_under_allow_list(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    settings = bot_settings(standin, allowed_users="21", allowed_chats="-2001")
    async with running(settings, seed_engine):
        [refused] = await ask(standin, message(QUESTION, 22), chat_id=22)
        [refused_cmd] = await ask(standin, message("/sources", 22), chat_id=22)
        [allowed] = await ask(standin, message(QUESTION, 21), chat_id=21)
        [group] = await ask(standin, message(f"@{BOT_USERNAME} {QUESTION}", 23, -2001), chat_id=-2001)
        standin.push(press("s:whatever:1", 22))
        await until(standin, lambda s: len(s.sent("answerCallbackQuery")) == 1)
    for call in (refused, refused_cmd):
        assert "private" in call.text and "22" in call.text
        assert "Northamptonshire" not in call.text and "trust" not in call.text.lower()
    assert not standin.sent("sendMessage", chat_id=22)[2:]  # nothing beyond the two refusals
    assert "July 2020" in allowed.text and "July 2020" in group.text  # listed user; listed chat
    assert "private" in str(standin.sent("answerCallbackQuery")[0].params.get("text"))


async def test_rate_limit_asks_to_slow_down_once(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    async with running(bot_settings(standin, rate_limit=3), seed_engine):
        for _ in range(6):
            standin.push(message(QUESTION, 31))
        await until(standin, lambda s: len(s.sent(chat_id=31)) >= 4)
        await asyncio.sleep(0.5)  # the rest are dropped, not answered late
        replies = standin.sent(chat_id=31)
        [other_user] = await ask(standin, message(QUESTION, 32), chat_id=32)
    assert len(replies) == 4
    assert sum("July 2020" in r.text for r in replies) == 3
    assert sum("faster than I can answer" in r.text for r in replies) == 1
    assert "July 2020" in other_user.text  # one user's limit is not another's


async def test_429_with_retry_after_is_survived(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    standin.fail(Fault("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1))
    async with running(bot_settings(standin), seed_engine):
        started = time.monotonic()
        [reply] = await ask(standin, message(QUESTION, 41), chat_id=41)
        waited = time.monotonic() - started
    assert len(standin.failed) == 1 and standin.failed[0].method == "sendMessage"
    assert "July 2020" in reply.text
    assert waited >= 1.0  # it honoured retry_after before sending again


async def test_500_errors_are_retried(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    standin.fail(Fault("sendMessage", 500, "Internal Server Error", times=2))
    async with running(bot_settings(standin), seed_engine):
        [reply] = await ask(standin, message(QUESTION, 42), chat_id=42)
    assert [c.method for c in standin.failed] == ["sendMessage", "sendMessage"]
    assert "July 2020" in reply.text


async def test_token_never_logged(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    stream = io.StringIO()
    handler = configure_logging(TOKEN, level=logging.DEBUG, stream=stream)
    try:
        standin.fail(Fault("sendMessage", 500, "Internal Server Error"))
        async with running(bot_settings(standin), seed_engine):
            await ask(standin, message(QUESTION, 43), chat_id=43)
            # Even a message that quotes a request URL has its token replaced.
            logging.getLogger("httpx").warning("HTTP Request: POST %s/getMe", standin.base_url + TOKEN)
    finally:
        logging.getLogger().removeHandler(handler)
        logging.getLogger().setLevel(logging.WARNING)
    output = stream.getvalue()
    assert "retry 1 of" in output  # it did log: the 500 and its retry
    assert "[redacted]/getMe" in output
    assert TOKEN not in output and TOKEN.split(":")[1] not in output


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


async def until_reply(standin: BotAPIStandIn, chat_id: int) -> list[Call]:
    await until(standin, lambda s: len(s.sent(chat_id=chat_id)) >= 1)
    return standin.sent(chat_id=chat_id)


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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_webhook_mode(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    port, secret = _free_port(), "s3cret-value"
    settings = bot_settings(standin, webhook_url="https://bot.example.org/trustbot/hook", webhook_port=port)
    trustbot = TrustBot(settings, seed_engine, lambda: seed_engine)
    application = build_application(settings, trustbot)
    await application.initialize()
    assert application.updater is not None
    await application.updater.start_webhook(
        listen="127.0.0.1",
        port=port,
        url_path="trustbot/hook",
        webhook_url=settings.webhook_url,
        secret_token=secret,
    )
    await application.start()
    try:
        [hook] = standin.sent("setWebhook")
        assert hook.params["url"] == "https://bot.example.org/trustbot/hook"
        assert hook.params["secret_token"] == secret
        update = {"update_id": 1, **message(QUESTION, 61)}
        async with httpx.AsyncClient() as client:
            url = f"http://127.0.0.1:{port}/trustbot/hook"
            header = "X-Telegram-Bot-Api-Secret-Token"
            forged = await client.post(url, json=update, headers={header: "wrong"})
            assert forged.status_code == 403
            real = await client.post(url, json=update, headers={header: secret})
            assert real.status_code == 200
        await until(standin, lambda s: len(s.sent(chat_id=61)) == 1)
        assert "July 2020" in standin.sent(chat_id=61)[0].text
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()


# --- `trustbot serve` as a real process ---------------------------------------------------


def _serve_env(standin: BotAPIStandIn, tmp_path: Path, token: str = TOKEN, **access: str) -> dict[str, str]:
    """The environment of `trustbot serve`: open to everyone unless `access` says who may."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRUSTBOT_")}
    env.update(
        TRUSTBOT_TELEGRAM_TOKEN=token,
        TRUSTBOT_TELEGRAM_API_URL=standin.base_url,
        TRUSTBOT_INDEX_DIR=str(tmp_path / "index"),
    )
    env.update(access or {"TRUSTBOT_OPEN_TO_EVERYONE": "true"})
    return env


def test_serve_without_token_explains_and_fails(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRUSTBOT_")}
    result = subprocess.run(
        [str(TRUSTBOT), "serve"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 1
    assert "@BotFather" in result.stderr and "trustbot chat" in result.stderr
    assert "TRUSTBOT_TELEGRAM_TOKEN" in result.stderr and "Traceback" not in result.stderr


def test_serve_with_a_refused_token_says_so(standin: BotAPIStandIn, tmp_path: Path) -> None:
    wrong = "999:WRONG-token-also-secret-zyxwvutsrqp"
    result = subprocess.run(
        [str(TRUSTBOT), "serve"],
        capture_output=True,
        text=True,
        env=_serve_env(standin, tmp_path, wrong),
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 1
    assert "refused the token" in result.stderr and "Traceback" not in result.stderr
    assert wrong not in result.stderr and "WRONG-token" not in result.stderr


def test_serve_refuses_to_start_with_no_one_allowed(standin: BotAPIStandIn, tmp_path: Path) -> None:
    env = _serve_env(standin, tmp_path, TRUSTBOT_ALLOWED_USERS="", TRUSTBOT_OPEN_TO_EVERYONE="false")
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


@pytest.mark.parametrize(
    ("access", "logged"),
    [
        ({}, "who may use the bot: open to everyone"),
        (
            {"TRUSTBOT_ALLOWED_USERS": "71,72", "TRUSTBOT_ALLOWED_CHATS": "-7001"},
            "who may use the bot: 2 users, 1 chat\n",
        ),
    ],
)
def test_serve_process_answers_and_stops_cleanly(
    standin: BotAPIStandIn, tmp_path: Path, access: dict[str, str], logged: str
) -> None:
    process = subprocess.Popen(
        [str(TRUSTBOT), "serve"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_serve_env(standin, tmp_path, **access),
        cwd=tmp_path,
    )
    try:
        standin.wait_for(lambda s: bool(s.sent("setMyCommands")), timeout=60, what="the bot to start")
        standin.push(message(QUESTION, 71))
        standin.wait_for(lambda s: bool(s.sent(chat_id=71)), timeout=30, what="an answer")
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert "July 2020" in standin.sent(chat_id=71)[0].text
    assert process.returncode == 0
    assert "serving by polling 127.0.0.1" in stderr
    assert logged in stderr  # the start-up log says who may use the bot
    assert TOKEN not in stderr and TOKEN.split(":")[1] not in stderr
    assert "Traceback" not in stderr


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
