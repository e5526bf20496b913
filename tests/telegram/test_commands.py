"""The informational commands, end to end: the command menu, /start, /help, /sources,
/about, an unknown command and a message that is not text."""

from __future__ import annotations

from bot.engine import Engine

from ..botapi_standin import (
    BotAPIStandIn,
    message,
)
from .harness import (
    ask,
    assert_valid_html,
    bot_settings,
    running,
)


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


async def test_welcome_and_usage_follow_the_configured_topic_and_examples(
    standin: BotAPIStandIn, seed_engine: Engine
) -> None:
    settings = bot_settings(
        standin, topic="the Kelby ferry company", example_questions=("who runs the ferry?", "when <b> sail?")
    )
    async with running(settings, seed_engine):
        [start] = await ask(standin, message("/start", user_id=12), chat_id=12)
        [usage] = await ask(standin, message("/ask", user_id=12), chat_id=12)
    assert "questions about the Kelby ferry company" in start.text
    assert "Northamptonshire" not in start.text
    assert start.text.count("• ") == 2 and "when &lt;b&gt; sail?" in start.text
    assert "/ask who runs the ferry?" in usage.text
    for call in (start, usage):
        assert_valid_html(call.text)
