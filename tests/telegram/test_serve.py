"""`trustbot serve` as a real process, webhook mode, and the Telegram settings it reads."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from pathlib import Path

import httpx
import pytest

from bot.engine import Engine
from bot.settings import Settings
from bot.telegram import TrustBot, build_application

from ..botapi_standin import (
    TOKEN,
    BotAPIStandIn,
    message,
)
from ..conftest import TRUSTBOT
from .harness import (
    QUESTION,
    bot_settings,
    serve_env,
    until,
)


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
        env=serve_env(standin, tmp_path, wrong),
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 1
    assert "refused the token" in result.stderr and "Traceback" not in result.stderr
    assert wrong not in result.stderr and "WRONG-token" not in result.stderr


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
        env=serve_env(standin, tmp_path, **access),
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


def test_telegram_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTBOT_ALLOWED_USERS", "12, 34;56")
    monkeypatch.setenv("TRUSTBOT_ALLOWED_CHATS", "-1001")
    monkeypatch.setenv("TRUSTBOT_TELEGRAM_TOKEN", "  ")
    settings = Settings(_env_file=None)
    assert settings.allowed_users == {12, 34, 56} and settings.allowed_chats == {-1001}
    assert settings.telegram_token is None  # blank, as `.env.example` leaves it, means unset
    assert settings.telegram_api_url == "https://api.telegram.org/bot"


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("TRUSTBOT_ALLOWED_USERS", "alice,bob", "numeric Telegram ids"),
        ("TRUSTBOT_TELEGRAM_API_URL", "api.telegram.org/bot", "https://"),
        ("TRUSTBOT_RATE_LIMIT", "0", "rate_limit"),
    ],
)
def test_bad_telegram_settings_are_refused(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, problem: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=problem):
        Settings(_env_file=None)
