"""Regular expressions compiled on first use, not at import.

The engine's modules hold some 800 patterns; compiling them all at import was a fifth of
a cold `trustbot ask`, though one question uses only some of them.
May import nothing of this package.
"""

from __future__ import annotations

import re
from typing import Any, cast

__all__ = ["lazy_compile"]


class _LazyPattern:
    """A stand-in for `re.compile(pattern, flags)` that compiles when first asked anything."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        # Only attributes the stand-in lacks get here: every method and attribute of the
        # compiled pattern (search, finditer, pattern, groupindex ...). Each is kept on the
        # stand-in once asked, so later calls (thousands a question) skip this lookup.
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        value = getattr(self._compiled, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"lazy_compile({self._pattern!r}, {self._flags!r})"


def lazy_compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, compiled when the pattern is first used."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, int(flags)))
