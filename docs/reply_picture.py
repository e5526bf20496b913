"""Make docs/telegram-reply.png: a real reply of the bot, rendered as Telegram shows it.

The bot runs for real (python-telegram-bot, the engine, the bundled corpus) against the
Bot API stand-in of the tests; a question and a "More results" press go in, and the HTML
messages the bot sent come out. Those messages are drawn in a Telegram-like chat (its
HTML subset: bold, italic, underline, links, expandable quotes; inline buttons) and
photographed with headless Chromium.

    .venv/bin/python docs/reply_picture.py [--question Q] [--out docs/telegram-reply.png]

Needs Chromium (Debian: `apt-get install chromium`); it is not needed for anything else.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.telegram import RetryingRateLimiter, TrustBot, build_application  # noqa: E402
from tests.botapi_standin import TOKEN, BotAPIStandIn, Call, message, press  # noqa: E402

CHAT = 4242
STYLE = """
body { margin: 0; background: #8fb07e; font: 15px/1.38 -apple-system, "Segoe UI", Roboto,
       "DejaVu Sans", sans-serif; }
.chat { width: 460px; padding: 14px 12px 18px; display: flex; flex-direction: column; gap: 6px;
        background: linear-gradient(160deg, #a7c796, #7fa56e); }
.bar { background: #517da2; color: #fff; padding: 10px 14px; font-weight: 600; margin: -14px -12px 8px; }
.bar small { display: block; font-weight: 400; opacity: .8; }
.me { align-self: flex-end; background: #effdde; border-radius: 12px 12px 4px 12px; padding: 6px 10px;
      max-width: 80%; box-shadow: 0 1px 1px rgba(0,0,0,.15); }
.bot { align-self: flex-start; background: #fff; border-radius: 12px 12px 12px 4px; padding: 7px 10px;
       max-width: 92%; white-space: pre-wrap; box-shadow: 0 1px 1px rgba(0,0,0,.15); }
.bot a { color: #168acd; text-decoration: none; }
.bot blockquote { margin: 4px 0; padding: 2px 8px; border-left: 3px solid #3a8fd9; background: #eef6fd;
                  border-radius: 4px; max-height: 4.2em; overflow: hidden; position: relative; }
.bot blockquote::after { content: "⌄"; position: absolute; right: 6px; bottom: 0; color: #3a8fd9; }
.kb { display: flex; gap: 4px; max-width: 92%; align-self: flex-start; width: 92%; margin-top: -2px; }
.kb span { flex: 1; text-align: center; background: rgba(30,60,20,.35); color: #fff; border-radius: 6px;
           padding: 6px 4px; font-size: 14px; }
.action { align-self: center; background: rgba(0,0,0,.25); color: #fff; border-radius: 10px;
          padding: 1px 10px; font-size: 13px; }
"""


def _bubble(call: Call) -> str:
    text = call.text.replace("<blockquote expandable>", "<blockquote>")
    rows = (call.json("reply_markup") or {}).get("inline_keyboard", [])
    keyboard = "".join(
        '<div class="kb">' + "".join(f"<span>{html.escape(b['text'])}</span>" for b in row) + "</div>"
        for row in rows
    )
    return f'<div class="bot">{text.strip()}</div>{keyboard}'


async def _conversation(question: str) -> list[str]:
    standin = BotAPIStandIn().start()
    try:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_token=TOKEN,
            telegram_api_url=standin.base_url,
            index_watch_seconds=0,
        )
        engine = await asyncio.to_thread(Engine.open, settings.corpus_dir, Path(tempfile.mkdtemp()) / "index")
        trustbot = TrustBot(settings, engine, lambda: engine)
        app = build_application(settings, trustbot, RetryingRateLimiter())
        await app.initialize()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()
        try:
            parts = [f'<div class="me">{html.escape(question)}</div>']
            standin.push(message(question, CHAT))
            await asyncio.to_thread(standin.wait_for, lambda s: bool(s.sent(chat_id=CHAT)))
            answer = standin.sent(chat_id=CHAT)[-1]
            parts.append(_bubble(answer))
            more = {
                b["text"]: b["callback_data"]
                for r in answer.json("reply_markup")["inline_keyboard"]
                for b in r
            }
            if "More results" in more:
                parts.append('<div class="action">More results</div>')
                standin.push(press(more["More results"], CHAT, on=answer))
                await asyncio.to_thread(standin.wait_for, lambda s: len(s.sent(chat_id=CHAT)) >= 2)
                parts.append(_bubble(standin.sent(chat_id=CHAT)[1]))
            return parts
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
    finally:
        standin.stop()


def main() -> int:
    """Render the picture; returns the exit status."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--question", default="when will the trust go live?")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "telegram-reply.png")
    args = parser.parse_args()
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        print("reply_picture: needs Chromium (apt-get install chromium)", file=sys.stderr)
        return 1
    parts = asyncio.run(_conversation(args.question))
    bar = '<div class="bar">trustbot<small>bot</small></div>'
    measure = "<script>document.body.dataset.height = document.querySelector('.chat').scrollHeight</script>"
    page = (
        f"<!doctype html><meta charset=utf-8><style>{STYLE}</style>"
        f"<body><div class=chat>{bar}{''.join(parts)}</div>{measure}</body>"
    )
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "reply.html"
        page_path.write_text(page, encoding="utf-8")
        # Measure the chat's height first, so the picture has no empty space below it.
        height = _height(browser, page_path, tmp)
        subprocess.run(
            [browser, *_FLAGS, f"--user-data-dir={tmp}/profile", f"--screenshot={args.out.resolve()}",
             f"--window-size=484,{height}", page_path.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    print(f"wrote {args.out}")
    return 0


_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--force-device-scale-factor=2",
]


def _height(browser: str, page: Path, tmp: str) -> int:
    """The rendered chat's height in CSS pixels (the page writes it into its own DOM)."""
    out = subprocess.run(
        [browser, *_FLAGS, f"--user-data-dir={tmp}/profile-dump", "--dump-dom", "--window-size=484,4000",
         page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    found = re.search(r'data-height="(\d+)"', out.stdout)
    return int(found.group(1)) if found else 1600


if __name__ == "__main__":
    sys.exit(main())
