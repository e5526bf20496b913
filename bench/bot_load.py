"""The Telegram bot under load: many chats asking at once, every reply accounted for.

Runs the real `trustbot serve` as a separate process against the tests' Bot API stand-in
(HTTP on 127.0.0.1, in this process) and measures, from the stand-in's clock, the time
from an update being handed to the bot (getUpdates) to its reply arriving (sendMessage):

1. one question at a time (the bot idle), next to the engine's own time for the same
   questions, so the difference is what the bot adds (Telegram plumbing, HTML, HTTP);
2. CHATS chats asking QUESTIONS questions each, all queued at once, served as fast as
   the stand-in hands them out: replies delivered (must be all), p50/p99, throughput.

By default the bot's outgoing rate limit is off (TRUSTBOT_TELEGRAM_MAX_RATE=0), which
measures the bot; `--telegram-limits` keeps Telegram's 30 messages a second, which
measures the queue a real burst would meet.

    .venv/bin/python bench/bot_load.py [--chats 200] [--questions 5] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402
from bot.telegram.format import format_answer  # noqa: E402
from bot.telegram.handlers import MAX_RESULTS  # noqa: E402
from tests.botapi_standin import TOKEN, BotAPIStandIn, Call, message  # noqa: E402

QUESTIONS = (
    "when will the trust go live?",
    "who is the cabinet member?",
    "how much could the delays cost?",
    "how much will the trust save?",
    "who will run the trust?",
    "when was the trust proposed?",
    "what share of children's services will move to the trust?",
)
SEQUENTIAL = 100


def _percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))  # as bench/run.py computes its percentiles


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _markers(engine: Engine, count: int) -> list[tuple[str, str]]:
    """Questions whose replies differ in their first line, with that line to match on."""
    chosen: list[tuple[str, str]] = []
    for question in QUESTIONS:
        first = format_answer(engine.ask(question, top_k=MAX_RESULTS))[0].split("\n")[0]
        if all(first != line for _, line in chosen):
            chosen.append((question, first))
        if len(chosen) == count:
            return chosen
    raise SystemExit(f"bot_load: only {len(chosen)} questions with distinct answers; asked for {count}")


def _reply_for(calls: list[Call], marker: str, after: float) -> Call | None:
    return next((c for c in calls if c.text.startswith(marker) and c.at >= after), None)


def main() -> int:
    """Run the load test; print a table, optionally write JSON; returns the exit status."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--questions", type=int, default=5, help="questions per chat (distinct)")
    parser.add_argument("--telegram-limits", action="store_true", help="keep the 30 messages/s limit")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results as JSON")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="trustbot-load-"))
    engine = Engine.open(ROOT / "corpus", work / "index")
    markers = _markers(engine, args.questions)

    # The engine alone, for the questions the chats will ask (warm, this process).
    engine_times: list[float] = []
    for n in range(SEQUENTIAL):
        question = markers[n % len(markers)][0]
        started = time.perf_counter()
        engine.ask(question, top_k=MAX_RESULTS)
        engine_times.append(time.perf_counter() - started)

    standin = BotAPIStandIn().start()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRUSTBOT_")}
    env.update(
        TRUSTBOT_TELEGRAM_TOKEN=TOKEN,
        TRUSTBOT_TELEGRAM_API_URL=standin.base_url,
        TRUSTBOT_INDEX_DIR=str(work / "index"),
        TRUSTBOT_RATE_LIMIT="10000",
        TRUSTBOT_INDEX_WATCH_SECONDS="0",
        TRUSTBOT_TELEGRAM_MAX_RATE="30" if args.telegram_limits else "0",
    )
    bot = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "trustbot"), "serve"],
        env=env,
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=open(work / "serve.log", "w"),  # noqa: SIM115 - closed with the process
    )
    try:
        standin.wait_for(lambda s: bool(s.sent("setMyCommands")), timeout=60, what="the bot to start")

        # 1. One question at a time.
        sequential: list[float] = []
        for n in range(SEQUENTIAL):
            question, marker = markers[n % len(markers)]
            chat = 10_000 + n
            update_id = standin.push(message(question, chat))
            standin.wait_for(lambda s, c=chat: bool(s.sent(chat_id=c)), timeout=30, what="a reply")
            reply = standin.sent(chat_id=chat)[0]
            assert reply.text.startswith(marker), reply.text[:80]
            sequential.append(reply.at - standin.served[update_id])

        # 2. Everyone at once.
        asked: list[tuple[int, int, str]] = []  # update_id, chat, marker
        started = time.monotonic()
        for chat in range(1, args.chats + 1):
            for question, marker in markers[: args.questions]:
                asked.append((standin.push(message(question, chat)), chat, marker))
        total = len(asked)
        try:
            standin.wait_for(
                lambda s: (
                    sum(
                        1
                        for c in s.calls
                        if c.method == "sendMessage" and 0 < int(c.params["chat_id"]) <= args.chats
                    )
                    >= total
                ),
                timeout=max(120.0, total / 10),
                what="every reply",
            )
        except AssertionError as exc:
            print(f"bot_load: {exc}", file=sys.stderr)
        wall = time.monotonic() - started
        replies: dict[int, list[Call]] = {}
        for call in standin.sent():
            chat = int(call.params["chat_id"])
            if 0 < chat <= args.chats:
                replies.setdefault(chat, []).append(call)
        latencies: list[float] = []
        delivered = 0
        for update_id, chat, marker in asked:
            reply = _reply_for(replies.get(chat, []), marker, standin.served.get(update_id, 0))
            if reply is not None:
                delivered += 1
                latencies.append(reply.at - standin.served[update_id])
    finally:
        bot.terminate()
        bot.wait(timeout=30)
        standin.stop()

    engine_p50, engine_p99 = _percentile(engine_times, 50), _percentile(engine_times, 99)
    seq_p50, seq_p99 = _percentile(sequential, 50), _percentile(sequential, 99)
    result: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "telegram_limits": args.telegram_limits,
        "engine_ms": {"p50": _ms(engine_p50), "p99": _ms(engine_p99)},
        "one_at_a_time_ms": {"p50": _ms(seq_p50), "p99": _ms(seq_p99), "questions": SEQUENTIAL},
        "bot_adds_ms": {"p50": _ms(seq_p50 - engine_p50), "p99": _ms(seq_p99 - engine_p99)},
        "burst": {
            "chats": args.chats,
            "questions_per_chat": args.questions,
            "asked": total,
            "delivered": delivered,
            "wall_s": round(wall, 2),
            "replies_per_s": round(delivered / wall, 1) if wall else None,
            "p50_ms": _ms(_percentile(latencies, 50)) if latencies else None,
            "p99_ms": _ms(_percentile(latencies, 99)) if latencies else None,
        },
    }
    burst = result["burst"]
    print(f"machine            {result['machine']}")
    print(f"outgoing limit     {'Telegram 30 msg/s' if args.telegram_limits else 'off'}")
    print(f"engine alone       p50 {result['engine_ms']['p50']} ms   p99 {result['engine_ms']['p99']} ms")
    one = result["one_at_a_time_ms"]
    print(f"one at a time      p50 {one['p50']} ms   p99 {one['p99']} ms")
    print(f"bot adds           p50 {result['bot_adds_ms']['p50']} ms   p99 {result['bot_adds_ms']['p99']} ms")
    print(
        f"burst              {burst['chats']} chats x {burst['questions_per_chat']} = {total} questions: "
        f"{delivered} replies delivered in {burst['wall_s']} s ({burst['replies_per_s']}/s), "
        f"p50 {burst['p50_ms']} ms, p99 {burst['p99_ms']} ms"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if delivered == total else 1


if __name__ == "__main__":
    sys.exit(main())
