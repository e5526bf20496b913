"""Votes on answers end to end: the real bot against the Bot API stand-in, the real SQLite
file on disk, and the real `trustbot feedback` and `trustbot eval` commands."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.staff import DB_NAME, MAX_REPLY_CHARS, Store
from bot.telegram import RetryingRateLimiter
from bot.telegram.feedback import PROMPT

from ..botapi_standin import (
    BotAPIStandIn,
    Call,
    message,
    press,
)
from ..conftest import SEED_CORPUS, run_cli
from .harness import (
    QUESTION,
    ask,
    bot_settings,
    buttons,
    running,
    until,
)

ADMIN = 900


def answered(standin: BotAPIStandIn, text: str) -> bool:
    return any(text in str(c.params.get("text")) for c in standin.sent("answerCallbackQuery"))


async def vote_down(standin: BotAPIStandIn, user: int, answer: Call) -> Call:
    """Press 👎 on an answer; the "What was wrong?" prompt sent back."""
    [prompt] = await ask(standin, press(buttons(answer)["👎"], user, on=answer), chat_id=user)
    assert prompt.text == PROMPT
    assert json.loads(prompt.params["reply_markup"])["force_reply"] is True
    return prompt


def cli_env(data: Path) -> dict[str, str]:
    return {"TRUSTBOT_DATA_DIR": str(data)}


async def test_a_thumbs_down_with_a_reply_is_stored_listed_and_exported(
    standin: BotAPIStandIn, seed_engine: Engine, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    settings = bot_settings(standin, data_dir=data, admin_users={ADMIN})
    async with running(settings, seed_engine):
        [answer] = await ask(standin, message(QUESTION, 21), chat_id=21)
        prompt = await vote_down(standin, 21, answer)
        right = message("1 November 2020", 21, reply_to=prompt.result["message_id"])
        [thanks] = await ask(standin, right, 21)
        assert "noted the right answer" in thanks.text
        # The reply was taken as feedback, not as a question.
        assert "1 November 2020" not in thanks.text
        # A second vote on the same answer is refused politely.
        standin.push(press(buttons(answer)["👍"], 21, on=answer))
        await until(standin, lambda s: answered(s, "already voted"))
        # 👍 from someone else on another answer.
        [other] = await ask(standin, message("who is the cabinet member?", 22), chat_id=22)
        standin.push(press(buttons(other)["👍"], 22, on=other))
        await until(standin, lambda s: answered(s, "Thanks for the 👍"))
        [listing] = await ask(standin, message("/feedback", ADMIN), chat_id=ADMIN)
        [refused] = await ask(standin, message("/feedback", 22), chat_id=22)
    assert "1 November 2020" in listing.text and "July 2020" in listing.text and QUESTION in listing.text
    assert "Fiona Baker" not in listing.text  # 👍 votes are not feedback to act on
    assert "Only administrators" in refused.text

    [bad] = Store(data).votes(bad_only=True)
    assert (bad.question, bad.short, bad.reply, bad.user_id, bad.good) == (
        QUESTION, "July 2020", "1 November 2020", 21, False,
    )  # fmt: skip
    assert bad.generation == seed_engine.index.generation and bad.passages[0].startswith("003_")
    assert len(bad.passages) > 1  # the answer's passage and the earlier reports shown

    listed = run_cli("feedback", "list", env=cli_env(data))
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert "👍" in lines[0] and "Fiona Baker" in listed.stdout  # newest first
    assert "reply: 1 November 2020" in listed.stdout and lines[-1] == "2 votes"
    only_bad = json.loads(run_cli("feedback", "list", "--json", "--bad", env=cli_env(data)).stdout)
    assert [v["reply"] for v in only_bad] == ["1 November 2020"]

    qa = tmp_path / "qa.jsonl"
    exported = run_cli("feedback", "export", str(qa), "--corpus", str(SEED_CORPUS), env=cli_env(data))
    assert exported.returncode == 0, exported.stderr
    rows = [json.loads(line) for line in qa.read_text().splitlines()]
    assert [r["short"] for r in rows] == [["1 November 2020"], ["Cllr Fiona Baker"]]
    assert all(r["reviewed"] is False and r["kind"] == "fact" for r in rows)
    [good] = [v for v in Store(data).votes() if v.good]
    assert len(rows[0]["docs"]) == 5 and rows[1]["docs"] == [good.passages[0].split("#")[0]]
    index = str(tmp_path / "index")
    evaluated = run_cli("eval", str(qa), "--json", "--corpus", str(SEED_CORPUS), "--index", index)
    assert evaluated.returncode == 0, evaluated.stderr
    report = json.loads(evaluated.stdout)
    assert report["overall"]["n"] == 2
    # Today's engine says July 2020: the 👎's right answer is a miss until the corpus knows it.
    assert report["overall"]["short_accuracy"] == 0.5


async def test_votes_and_skips_survive_a_restart(
    standin: BotAPIStandIn, seed_engine: Engine, tmp_path: Path
) -> None:
    settings = bot_settings(standin, data_dir=tmp_path / "data", admin_users={ADMIN})
    async with running(settings, seed_engine):
        [answer] = await ask(standin, message(QUESTION, 31), chat_id=31)
        await vote_down(standin, 31, answer)
        [skipped] = await ask(standin, message("/skip", 31), chat_id=31)
        assert "without a reply" in skipped.text
        [nothing] = await ask(standin, message("/skip", 31), chat_id=31)
        assert "Nothing to skip" in nothing.text
        [again] = await ask(standin, message(QUESTION, 31), chat_id=31)  # a question again, not feedback
        assert "<b>July 2020</b>" in again.text
    async with running(settings, seed_engine):  # a new application, the same data folder
        [listing] = await ask(standin, message("/feedback", ADMIN), chat_id=ADMIN)
        # The old answer's buttons are gone with the old process: expired, not a crash.
        standin.push(press(buttons(answer)["👍"], 31, on=answer))
        await until(standin, lambda s: answered(s, "expired"))
    assert QUESTION in listing.text and "no reply" in listing.text


async def test_refusals_are_clean(
    standin: BotAPIStandIn, seed_engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    settings = bot_settings(standin, data_dir=data, open_to_everyone=False, allowed_users={41})
    caplog.set_level(logging.INFO)
    async with running(settings, seed_engine):
        [answer] = await ask(standin, message(QUESTION, 41), chat_id=41)
        # Someone outside the allow-list presses 👎 on a forwarded answer: refused, not stored.
        standin.push(press(buttons(answer)["👎"], 666, on=answer))
        await until(standin, lambda s: answered(s, "private"))
        standin.push(press("d:nosuchkey:1", 41))
        await until(standin, lambda s: answered(s, "expired"))
        prompt = await vote_down(standin, 41, answer)
        long_reply = "The trust went live in November 2020. " * 140  # over 5,000 characters
        assert len(long_reply) > 5000
        [thanks] = await ask(standin, message(long_reply, 41, reply_to=prompt.result["message_id"]), 41)
    assert f"first {MAX_REPLY_CHARS:,} characters" in thanks.text
    [vote] = Store(data).votes()
    assert vote.user_id == 41 and vote.reply is not None and len(vote.reply) == MAX_REPLY_CHARS
    assert "refused user 666" in caplog.text and "unknown or expired" in caplog.text


def _corrupt(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database, just bytes " * 200)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """The file made unwritable: by its mode, or for root (whom modes do not stop) immutable."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot make a file read-only for root here: {done.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def _a_vote(data: Path) -> None:
    Store(data).add_vote(
        user_id=1, chat_id=1, question="q", as_of=None, short="a", passages=["d#1"], generation=None,
        good=True,
    )  # fmt: skip


@pytest.mark.parametrize("damage", ["corrupt", "read-only"])
async def test_an_unusable_database_is_reported_and_questions_go_on(
    standin: BotAPIStandIn,
    seed_engine: Engine,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    damage: str,
) -> None:
    data = tmp_path / "data"
    db = data / DB_NAME
    if damage == "corrupt":
        _corrupt(db)
    else:
        _a_vote(data)
    before = db.read_bytes()
    caplog.set_level(logging.INFO)
    with contextlib.ExitStack() as stack:
        if damage == "read-only":
            stack.enter_context(read_only(db))
        async with running(bot_settings(standin, data_dir=data), seed_engine):
            [answer] = await ask(standin, message(QUESTION, 51), chat_id=51)
            standin.push(press(buttons(answer)["👍"], 51, on=answer))
            await until(standin, lambda s: answered(s, "couldn't save"))
            [watch] = await ask(standin, message(f"/watch {QUESTION}", 51), chat_id=51)
            [again] = await ask(standin, message(QUESTION, 51), chat_id=51)
    assert "couldn't save" in watch.text
    assert "<b>July 2020</b>" in again.text  # the bot answers on without its data file
    assert "cannot be used" in caplog.text and "Traceback" not in caplog.text
    if damage == "read-only":
        assert len(Store(data).votes()) == 1  # nothing was written
    assert damage == "read-only" or db.read_bytes() == before  # a corrupt file is left for a person


async def test_200_chats_voting_and_watching_at_once_lose_no_row(
    standin: BotAPIStandIn, seed_engine: Engine, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    chats = range(5000, 5200)
    unlimited = RetryingRateLimiter(base_delay=0.05, overall_max_rate=0)
    async with running(bot_settings(standin, data_dir=data), seed_engine, limiter=unlimited):
        with standin.together():
            for chat in chats:
                standin.push(message(QUESTION, chat))
        await until(standin, lambda s: all(s.sent(chat_id=c) for c in chats), timeout=60)
        answers = {c: standin.sent(chat_id=c)[0] for c in chats}
        with standin.together():
            for chat in chats:
                standin.push(press(buttons(answers[chat])["👍"], chat, on=answers[chat]))
                standin.push(press(buttons(answers[chat])["🔔"], chat, on=answers[chat]))

        def all_done(s: BotAPIStandIn) -> bool:
            thanked = sum(
                "Thanks for the 👍" in str(c.params.get("text")) for c in s.sent("answerCallbackQuery")
            )
            return thanked == len(chats) and all(len(s.sent(chat_id=c)) == 2 for c in chats)

        await until(standin, all_done, timeout=60)
    store = Store(data)
    votes, watches = store.votes(), store.watches()
    assert len(votes) == len(chats) and {v.chat_id for v in votes} == set(chats)
    assert len(watches) == len(chats) and {w.chat_id for w in watches} == set(chats)
    assert all(w.short == "July 2020" for w in watches)
