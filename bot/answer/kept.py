"""What is worked out once from an object that lives long (a vocabulary, an index) and
kept beside it, for the latest few such objects.

May import the standard library only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

__all__ = ["once_per"]

_O = TypeVar("_O")
_T = TypeVar("_T")

#: (what, id of the object) -> (the object, what was worked out from it). The object is
#: kept so that an id reused by a later object is not mistaken for it.
_KEPT: dict[tuple[str, int], tuple[object, object]] = {}
_OBJECTS_KEPT = 12  # a few indexes, each with its vocabulary and terms


def once_per(what: str, owner: _O, work_out: Callable[[_O], _T]) -> _T:
    """`work_out(owner)`, worked out once for the same owner object."""
    key = (what, id(owner))
    kept = _KEPT.get(key)
    if kept is None or kept[0] is not owner:
        while len(_KEPT) >= _OBJECTS_KEPT:
            del _KEPT[next(iter(_KEPT))]
        kept = _KEPT[key] = (owner, work_out(owner))
    return cast("_T", kept[1])
