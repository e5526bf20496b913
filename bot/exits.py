"""The exit statuses of `trustbot` commands, for the command line and `trustbot serve`.

May import: nothing of trustbot.
"""

from __future__ import annotations

__all__ = ["EXIT_ERROR", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE"]

EXIT_OK = 0
#: A problem with the input, the corpus or the settings, said in one line.
EXIT_ERROR = 1
#: A command line that does not parse.
EXIT_USAGE = 2
#: A bug: the one-line message says so, TRUSTBOT_DEBUG=1 shows the stack trace.
EXIT_INTERNAL = 70
#: Ctrl-C, as a shell reports it (128 + SIGINT).
EXIT_INTERRUPTED = 130
