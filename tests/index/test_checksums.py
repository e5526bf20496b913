"""Every byte of every index file is checked on load: a changed byte anywhere, in a small
index or a large one, or an older trustbot's checksums, makes `Engine.open` rebuild,
never answer wrongly."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import xxhash

from bot.engine import Engine
from bot.errors import IndexError_
from bot.index import INDEX_FILES, MANIFEST, load_index

from ..conftest import SEED_CORPUS
from .helpers import assert_answers, flip, generation_of

#: The passage text the go-live answer is read from ("by July next year (July 2020)").
GO_LIVE_TEXT = b"July next year"
#: The old check read files over this size only in their first and last MiB.
OLD_FULL_CHECK_BYTES = 8 * 1024 * 1024
OLD_SAMPLE_BYTES = 1024 * 1024
#: What an IndexError_ says, whichever check a changed byte trips.
ANY_INDEX_PROBLEM = r"corrupt|unreadable|malformed|not a trustbot|format|older trustbot"
#: Every file a generation holds: what the index declares, and its manifest.
INDEX_FILE_NAMES = sorted([*INDEX_FILES, MANIFEST])
REGIONS: dict[str, Callable[[int], int]] = {
    "start": lambda size: 0,
    "middle": lambda size: size // 2,
    "end": lambda size: size - 1,
}


# --- a small index: the bundled corpus ---------------------------------------------------


def test_the_manifest_records_a_whole_file_xxh3_of_every_file(seed_index: Path) -> None:
    generation = generation_of(seed_index)
    assert sorted(p.name for p in generation.iterdir()) == INDEX_FILE_NAMES
    manifest = json.loads((generation / "manifest.json").read_text())
    assert manifest["checksum"] == "xxh3_128"
    assert set(manifest["files"]) == set(INDEX_FILE_NAMES) - {"manifest.json"}
    for name, entry in manifest["files"].items():
        data = (generation / name).read_bytes()
        assert entry == {"bytes": len(data), "xxh3_128": xxhash.xxh3_128_hexdigest(data)}, name


@pytest.mark.parametrize("region", list(REGIONS))
@pytest.mark.parametrize("name", INDEX_FILE_NAMES)
def test_a_changed_byte_anywhere_in_any_file_is_rebuilt(
    seed_corpus_copy: Path, index_copy: Path, name: str, region: str
) -> None:
    path = generation_of(index_copy) / name
    size = path.stat().st_size
    assert size > 0
    flip(path, REGIONS[region](size))
    with pytest.raises(IndexError_):
        load_index(index_copy)
    engine = Engine.open(seed_corpus_copy, index_copy)
    (notice,) = map(str, engine.notices)
    assert "rebuilding" in notice and name in notice
    assert "corrupt" in notice or "unreadable" in notice
    assert_answers(engine)
    assert load_index(index_copy).generation == engine.index.generation  # saved sound


def test_an_index_saved_with_sha256_checksums_is_rebuilt_with_one_notice(
    seed_corpus_copy: Path, index_copy: Path
) -> None:
    """The manifest an older trustbot wrote (format 2, sha256, sampled when large)."""
    generation = generation_of(index_copy)
    path = generation / "manifest.json"
    manifest = json.loads(path.read_text())
    for key in ("checksum", "manifest_checksum"):
        del manifest[key]
    for name in manifest["files"]:
        data = (generation / name).read_bytes()
        manifest["files"][name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    path.write_text(json.dumps(manifest, indent=2))
    with pytest.raises(IndexError_, match="older trustbot"):
        load_index(index_copy)
    engine = Engine.open(seed_corpus_copy, index_copy)
    assert len(engine.notices) == 1
    assert "older trustbot" in str(engine.notices[0]) and str(engine.notices[0]).endswith(": rebuilding")
    assert_answers(engine)
    assert json.loads((generation_of(index_copy) / "manifest.json").read_text())["checksum"] == "xxh3_128"


# --- a large index: files over the old 8 MiB whole-check limit --------------------------------

FILLER_SYLLABLES = ["ba", "ke", "lo", "mi", "nu", "ra", "se", "ti", "vo", "zu", "dra", "ple", "sko", "tri"]
FILLER_FILE_CHARS = 1_200_000


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus amid nonsense documents, so that its passages lie in the middle
    of a passage_text.bin of over 9 MiB (filler documents sort before and after them)."""
    folder = tmp_path_factory.mktemp("big") / "corpus"
    shutil.copytree(SEED_CORPUS, folder, ignore=shutil.ignore_patterns(".*"))
    rng = np.random.default_rng(7)
    words = sorted({"".join(rng.choice(FILLER_SYLLABLES, size=rng.integers(2, 5))) for _ in range(20_000)})
    vocabulary = np.array(words, dtype=object)
    for stem in ("0000_filler", "zzzz_filler"):  # "0000_" sorts before "000_", "zzzz" after all
        for part in range(4):
            paragraphs, size = [], 0
            while size < FILLER_FILE_CHARS:
                paragraph = " ".join(vocabulary[rng.integers(0, len(vocabulary), size=90)].tolist()) + "."
                paragraphs.append(paragraph)
                size += len(paragraph) + 2
            header = "---\ntitle: Filler\npublished: 2014-01-01\nsource: Filler Press\n---\n"
            (folder / f"{stem}{part}.txt").write_text(
                header + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
            )
    return folder


@pytest.fixture(scope="module")
def big_index(big_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big-index") / "index"
    assert_answers(Engine.open(big_corpus, folder))
    return folder


def test_a_changed_byte_in_the_middle_of_a_large_file_is_rebuilt_not_answered_wrongly(
    big_corpus: Path, big_index: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(big_index, index_dir)
    path = generation_of(index_dir) / "passage_text.bin"
    data = path.read_bytes()
    at = data.find(GO_LIVE_TEXT)
    assert len(data) > OLD_FULL_CHECK_BYTES  # the old check read only its first and last MiB ...
    assert OLD_SAMPLE_BYTES < at < len(data) - OLD_SAMPLE_BYTES  # ... and the answer is between
    flip(path, at)  # "July next year" becomes "Kuly next year"
    with pytest.raises(IndexError_, match=r"passage_text\.bin is corrupt"):
        load_index(index_dir)
    engine = Engine.open(big_corpus, index_dir)
    (notice,) = map(str, engine.notices)
    assert "passage_text.bin" in notice and "rebuilding" in notice
    assert_answers(engine)


def test_every_region_of_every_file_of_a_large_index_is_checked(big_index: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(big_index, index_dir)
    generation = generation_of(index_dir)
    sizes = {p.name: p.stat().st_size for p in generation.iterdir()}
    assert max(sizes.values()) > OLD_FULL_CHECK_BYTES
    for name, size in sizes.items():
        offsets = {size // 4, size // 2, 3 * size // 4} if name == "manifest.json" else set()
        offsets |= {0, size // 2, size - 1, OLD_SAMPLE_BYTES + 1, size - OLD_SAMPLE_BYTES - 2}
        for offset in sorted(o for o in offsets if 0 <= o < size):
            flip(generation / name, offset)
            with pytest.raises(IndexError_, match=ANY_INDEX_PROBLEM):
                load_index(index_dir)
            flip(generation / name, offset)  # back as it was
            load_index(index_dir)
