"""Front matter: the YAML block between `---` lines at the top of a document, read and written.

Documents may state their title, date, publisher and URL there; HTML, PDF and Word files
added to the corpus are stored with what they said about themselves written there.

May import: bot.errors.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import DocumentError
from ..text.patterns import lazy_compile

__all__ = ["MAX_FRONT_MATTER_CHARS", "render_front_matter", "split_front_matter"]

#: Front matter longer than this is refused unread: a title, a date and a source take a few lines.
MAX_FRONT_MATTER_CHARS = 64 * 1024
_FRONT_MATTER_START = lazy_compile(r"^-{3,}\s*$", re.MULTILINE)  # as python-frontmatter's


@functools.cache
def _front_matter_loader() -> type[Any]:
    """A YAML SafeLoader that refuses aliases: `*name` can repeat a node without end (the
    "billion laughs"), and front matter has no use for them."""
    import yaml  # deferred: only documents with front matter need YAML
    from yaml.composer import ComposerError
    from yaml.events import AliasEvent
    from yaml.nodes import Node

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent: Node | None, index: int) -> Node | None:
            if self.check_event(AliasEvent):
                event = self.get_event()  # type: ignore[no-untyped-call]
                raise ComposerError(None, None, "aliases (*name) are not allowed", event.start_mark)
            return super().compose_node(parent, index)

    return NoAliasLoader


def split_front_matter(text: str, path: Path) -> tuple[dict[str, object], str]:
    """The YAML front matter of a document and the text after it (as python-frontmatter splits
    them); DocumentError when the front matter is too long, does not parse or holds a value
    that cannot be built (an impossible date such as 2016-02-30)."""
    if not text.startswith("---"):
        return {}, text
    import yaml

    text = text.strip()
    parts = _FRONT_MATTER_START.split(text, 2) if _FRONT_MATTER_START.match(text) else []
    if len(parts) != 3:
        return {}, text  # no closing line: no front matter, all of it is text
    _, front, content = parts
    if len(front) > MAX_FRONT_MATTER_CHARS:
        raise DocumentError(
            str(path), f"front matter too long ({len(front):,} characters; limit {MAX_FRONT_MATTER_CHARS:,})"
        )
    try:
        data = yaml.load(front, Loader=_front_matter_loader())
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        raise DocumentError(str(path), f"front matter does not parse ({first})") from None
    except (ValueError, OverflowError, RecursionError) as exc:
        # Raised while building a value: a date that does not exist (2016-02-30, year 0),
        # an integer too long to convert, nesting too deep to follow.
        detail = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
        raise DocumentError(str(path), f"front matter does not parse ({detail})") from None
    return (dict(data) if isinstance(data, dict) else {}), content.strip()


def render_front_matter(fields: Mapping[str, str | None]) -> str:
    """Front matter holding the fields that have a value, in order; "" when none has."""
    import yaml

    kept = {k: v for k, v in fields.items() if v is not None}
    if not kept:
        return ""
    return "---\n" + yaml.safe_dump(kept, sort_keys=False, allow_unicode=True, width=1000) + "---\n\n"
