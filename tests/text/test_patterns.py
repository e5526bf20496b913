"""Patterns compiled on first use behave as compiled ones, and every one in `bot` compiles."""

from __future__ import annotations

import importlib
import pkgutil
import re

import bot
from bot.text.patterns import _LazyPattern, lazy_compile


def test_a_lazy_pattern_is_compiled_only_when_first_used() -> None:
    pattern = lazy_compile(r"\b(kelby|wexby)\b", re.IGNORECASE)
    assert isinstance(pattern, _LazyPattern)
    assert pattern._compiled is None
    found = pattern.search("The Wexby ferry")
    assert found is not None and found.group(1) == "Wexby"
    assert pattern._compiled is not None
    assert pattern.sub("X", "kelby and wexby") == "X and X"
    assert pattern.pattern == r"\b(kelby|wexby)\b"
    assert pattern.flags & re.IGNORECASE


def test_every_pattern_of_the_engine_compiles() -> None:
    # A pattern compiled on first use would fail only then: each is compiled here instead.
    lazy = []
    for info in pkgutil.walk_packages(bot.__path__, "bot."):
        if info.name.endswith("__main__"):
            continue  # runs the command line
        module = importlib.import_module(info.name)
        lazy += [value for value in vars(module).values() if isinstance(value, _LazyPattern)]
    assert len(lazy) > 200
    for pattern in lazy:
        assert isinstance(pattern.groups, int)  # compiles it, or raises re.error
