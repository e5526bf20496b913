"""What the command line prints besides answers: one-line messages on stderr, JSON on stdout.

May import: nothing of trustbot.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from typing import TextIO

from ..text.patterns import lazy_compile

__all__ = ["print_json", "say", "tolerant_output"]

_CONTROL = lazy_compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def say(line: str, stream: TextIO | None = None) -> None:
    """One line on stderr: a line break or control character in it (from a file name, say)
    is shown escaped, so a message stays one line."""
    line = _CONTROL.sub(lambda m: repr(m.group())[1:-1], line)
    print(line, file=stream or sys.stderr, flush=True)


def tolerant_output() -> None:
    """Characters the terminal's encoding cannot show (PYTHONIOENCODING=ascii, a C locale, a
    file name that is not UTF-8) are printed replaced, not a crash."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors=errors)


def print_json(data: object) -> None:
    """Print JSON on stdout, with \\u escapes when stdout's encoding cannot show a character."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(data, ensure_ascii=True, indent=2)  # the same JSON, in ASCII
    print(text)
