"""The timeline picture: its points, a date-valued and a labelled one, the Telegram
Timeline button (a photo sent through the real bot) and `trustbot ask --timeline`."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from PIL import Image

from bot.engine import Engine
from bot.errors import TrustbotError
from bot.timeline_picture import has_timeline, render_timeline, timeline_points, value_date

from .botapi_standin import BotAPIStandIn, message, press
from .conftest import SEED_CORPUS, run_cli
from .telegram.harness import ask, bot_settings, buttons, running, until

GO_LIVE = "when will the trust go live?"
PNG = b"\x89PNG\r\n\x1a\n"


def test_date_values_are_read_against_their_report() -> None:
    assert value_date("July 2020") == dt.date(2020, 7, 1)
    assert value_date("1 November 2020") == dt.date(2020, 11, 1)
    assert value_date("July next year", dt.date(2019, 11, 1)) == dt.date(2020, 7, 1)
    assert value_date("Fiona Baker") is None
    assert value_date("£22m") is None


def test_go_live_points_rise_and_the_picture_is_a_phone_sized_png(seed_engine: Engine) -> None:
    answer = seed_engine.ask(GO_LIVE)
    points = timeline_points(answer)
    assert len(points) >= 3 and points[-1].latest and points[-1].value == "July 2020"
    assert [p.reported for p in points] == sorted(p.reported for p in points)
    promised = [value_date(p.value, p.reported) for p in points]
    assert None not in promised and promised == sorted(promised)  # the slippage
    png = render_timeline(answer)
    assert png.startswith(PNG)
    assert Image.open(io.BytesIO(png)).size == (1000, 600)


def test_names_are_labelled_points_and_one_report_is_no_timeline(seed_engine: Engine) -> None:
    names = seed_engine.ask("who is the cabinet member?")
    assert has_timeline(names) and value_date(names.short or "") is None
    assert render_timeline(names).startswith(PNG)
    none = seed_engine.ask("what colour is the sky over Leeds?")
    assert not has_timeline(none)
    with pytest.raises(TrustbotError, match="fewer than two dated reports"):
        render_timeline(none)


async def test_the_timeline_button_sends_the_picture(standin: BotAPIStandIn, seed_engine: Engine) -> None:
    async with running(bot_settings(standin), seed_engine):
        [answer] = await ask(standin, message(GO_LIVE, 91), chat_id=91)
        standin.push(press(buttons(answer)["Timeline"], 91, on=answer))
        await until(standin, lambda s: bool(s.sent("sendPhoto", chat_id=91)), timeout=30)
        [why] = await ask(standin, message("why was the trust set up?", 91), chat_id=91)
    [photo] = standin.sent("sendPhoto", chat_id=91)
    assert isinstance(photo.params["photo"], bytes) and photo.params["photo"].startswith(PNG)
    assert GO_LIVE in photo.params["caption"]
    assert "👍" in buttons(why) and "Timeline" not in buttons(why)  # no dated reports of one value


def test_ask_writes_the_timeline_picture(tmp_path: Path) -> None:
    picture = tmp_path / "go-live.png"
    index = str(tmp_path / "index")
    done = run_cli("ask", GO_LIVE, "--timeline", str(picture), "--corpus", str(SEED_CORPUS), "--index", index)
    assert done.returncode == 0, done.stderr
    assert "July 2020" in done.stdout and picture.read_bytes().startswith(PNG)
    none = run_cli("ask", "why was the trust set up?", "--timeline", str(tmp_path / "x.png"),
                   "--corpus", str(SEED_CORPUS), "--index", index)  # fmt: skip
    assert none.returncode == 1 and "no timeline" in none.stderr and not (tmp_path / "x.png").exists()
