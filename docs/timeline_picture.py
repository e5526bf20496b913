"""Make docs/timeline.png: the Timeline picture of a question over the bundled corpus.

The picture is the one the bot's Timeline button sends and `trustbot ask --timeline`
writes: the engine answers the question over `corpus/` (with an index built in a
temporary folder, so the checkout's index is left alone) and `bot.timeline_picture` draws
the answer and its earlier reports.

    .venv/bin/python docs/timeline_picture.py [--question Q] [--out docs/timeline.png]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402
from bot.timeline_picture import render_timeline, timeline_points  # noqa: E402

QUESTION = "when will the trust go live?"


def main() -> int:
    """Answer the question and write its timeline picture."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "timeline.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as index:
        answer = Engine.open(ROOT / "corpus", Path(index)).ask(args.question)
    args.out.write_bytes(render_timeline(answer))
    for point in timeline_points(answer):
        print(f"{point.reported:%d %b %Y}  {point.value}  ({point.publisher})")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
