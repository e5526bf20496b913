"""The manifest of a saved index: a typed, frozen model, parsed and checked once.

The manifest records the format version, the BM25 parameters, the corpus fingerprint,
the counts, and each file's size and whole-file checksum; its own checksum covers the
rest of it. `parse_manifest` turns its bytes into a `Manifest` or a one-line
`IndexError_` (any malformed manifest, however odd, is an index to rebuild).

May import: the standard library, pydantic, xxhash, `bot.errors`, `.files` and `.params`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final, Literal

import xxhash
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import IndexError_
from .files import CHECKSUM
from .params import BM25Params

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MANIFEST_MAX_BYTES",
    "FileCheck",
    "Manifest",
    "content_checksum",
    "parse_manifest",
    "sealed_manifest",
    "shown",
]

FORMAT: Final = "trustbot-index"
#: 4: each passage's page is kept (passage_page.npy); string tables without a sample
#: unless sorted; documents.json without paragraph pages.
FORMAT_VERSION = 4
#: The manifest's own checksum, of its other keys and values (see `content_checksum`).
MANIFEST_CHECKSUM = "manifest_checksum"
#: A manifest is a few kilobytes whatever the corpus; a larger file is refused unread.
MANIFEST_MAX_BYTES = 1 << 20

_STRICT = ConfigDict(frozen=True, extra="forbid", strict=True, allow_inf_nan=False)


class FileCheck(BaseModel):
    """The size and whole-file checksum of one index file."""

    model_config = _STRICT

    size: int = Field(alias="bytes", ge=0)
    xxh3_128: str = Field(pattern=r"^[0-9a-f]{32}$")


class Manifest(BaseModel):
    """What a saved index holds and how it was built."""

    model_config = _STRICT

    format: Literal["trustbot-index"] = FORMAT
    format_version: int = FORMAT_VERSION
    checksum: Literal["xxh3_128"] = CHECKSUM
    params: BM25Params
    fingerprint: str  # of the corpus's files, when built
    built_at: str
    documents: int = Field(ge=0)
    passages: int = Field(ge=0)
    terms: int = Field(ge=0)
    corpus_signature: str | None = None  # the corpus folder's file sizes and times, when built
    files: dict[str, FileCheck]  # every other file of the generation
    manifest_checksum: str = ""

    def to_json(self) -> str:
        """The manifest as saved."""
        return json.dumps(self.model_dump(mode="json", by_alias=True), indent=2)


def sealed_manifest(**fields: Any) -> Manifest:
    """A manifest of these fields, with its own checksum."""
    manifest = Manifest(**fields)
    content = manifest.model_dump(mode="json", by_alias=True)
    return manifest.model_copy(update={MANIFEST_CHECKSUM: content_checksum(content)})


def content_checksum(manifest: dict[str, Any]) -> str:
    """The checksum of a manifest's content (all but this checksum), whatever its layout."""
    content = {k: v for k, v in manifest.items() if k != MANIFEST_CHECKSUM}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return str(xxhash.xxh3_128_hexdigest(canonical.encode("ascii")))


def shown(text: str, limit: int = 40) -> str:
    """A string for a one-line message: quoted, cut short when long."""
    return repr(text) if len(text) <= limit else f"{text[:limit]!r}… ({len(text):,} characters)"


def parse_manifest(data: bytes, path: Path) -> Manifest:
    """The manifest saved at `path`, from its bytes; IndexError_ when it is not this
    trustbot's (another format version, older checksums), was edited, or is malformed."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except RecursionError:  # e.g. 100,000 nested "["
        raise IndexError_(f"index manifest {path} is unreadable (nested too deeply)") from None
    except ValueError as exc:  # not UTF-8, or not JSON
        raise IndexError_(f"index manifest {path} is unreadable ({type(exc).__name__})") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise IndexError_(f"{path} is not a trustbot index manifest")
    version = raw.get("format_version")
    if version != FORMAT_VERSION:
        what = version if version is None or isinstance(version, int) else shown(str(version))
        raise IndexError_(f"index format {what} is not {FORMAT_VERSION}")
    kind = raw.get("checksum", "sha256")
    if kind != CHECKSUM:
        raise IndexError_(
            f"index in {path.parent} was saved by an older trustbot "
            f"({shown(str(kind))} checksums, not {CHECKSUM!r})"
        )
    try:
        intact = raw.get(MANIFEST_CHECKSUM) == content_checksum(raw)
    except (ValueError, RecursionError):  # nested too deeply to write out again
        intact = False
    if not intact:
        raise IndexError_(f"index manifest {path} is corrupt (checksum mismatch)")
    try:
        return Manifest.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(shown(str(part), 20) for part in first["loc"]) or "manifest"
        raise IndexError_(f"{path} is malformed ({where}: {first['type']})") from None
