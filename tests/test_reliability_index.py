"""Index reliability: every byte of every index file is checked on load, and whatever is
wrong with the index folder (a changed byte, a FIFO, a long pointer, a deep manifest, an
older trustbot's manifest) makes `Engine.open` rebuild, never answer wrongly or hang."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import xxhash

from bot.engine import Engine
from bot.errors import IndexError_
from bot.index import INDEX_FILES, MANIFEST, current_generation, load_index

from .conftest import SEED_CORPUS, TRUSTBOT

GO_LIVE = "when will the trust go live?"
GO_LIVE_DOC = "003_a462725dfeccbf7f"
GO_LIVE_SHORT = "July 2020"
#: The passage text the go-live answer is read from ("by July next year (July 2020)").
GO_LIVE_TEXT = b"July next year"
#: The old check read files over this size only in their first and last MiB.
OLD_FULL_CHECK_BYTES = 8 * 1024 * 1024
OLD_SAMPLE_BYTES = 1024 * 1024
CLI_TIMEOUT = 60
#: What an IndexError_ says, whichever check a changed byte trips.
ANY_INDEX_PROBLEM = r"corrupt|unreadable|malformed|not a trustbot|format|older trustbot"
#: Every file a generation holds: what the index declares, and its manifest.
INDEX_FILE_NAMES = sorted([*INDEX_FILES, MANIFEST])
REGIONS: dict[str, Callable[[int], int]] = {
    "start": lambda size: 0,
    "middle": lambda size: size // 2,
    "end": lambda size: size - 1,
}


def _generation(index_dir: Path) -> Path:
    name = current_generation(index_dir)
    assert name is not None
    return index_dir / name


def _flip(path: Path, offset: int) -> None:
    """Change one byte of a file in place (its lowest bit: a digit, a letter one off)."""
    with path.open("r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        assert len(byte) == 1
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0x01]))


def _assert_answers(engine: Engine) -> None:
    answer = engine.ask(GO_LIVE)
    assert answer.results[0].citation.doc_id == GO_LIVE_DOC
    assert answer.short == GO_LIVE_SHORT


def _ask_cli(corpus_dir: Path, index_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The real `trustbot ask`, given at most CLI_TIMEOUT seconds (a hang fails the test)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRUSTBOT_")}
    return subprocess.run(
        [str(TRUSTBOT), *(extra or ("ask", GO_LIVE)), "--corpus", str(corpus_dir), "--index", str(index_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=CLI_TIMEOUT,
    )


def _assert_rebuilt_and_answered(done: subprocess.CompletedProcess[str], *notice: str) -> None:
    assert done.returncode == 0, done.stderr
    assert GO_LIVE_SHORT in done.stdout
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if "rebuilding" in line]
    assert len(lines) == 1, done.stderr
    for part in notice:
        assert part in lines[0], lines[0]


# --- a small index: the bundled corpus ---------------------------------------------------


@pytest.fixture(scope="module")
def seed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled corpus, shared by this module's tests (none changes it)."""
    target = tmp_path_factory.mktemp("seed") / "corpus"
    shutil.copytree(SEED_CORPUS, target, ignore=shutil.ignore_patterns(".*"))
    return target


@pytest.fixture(scope="module")
def seed_index(seed_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saved index of the bundled corpus, to copy: each test damages its own copy."""
    folder = tmp_path_factory.mktemp("seed-index") / "index"
    Engine.open(seed_corpus, folder)
    return folder


@pytest.fixture
def index_copy(seed_index: Path, tmp_path: Path) -> Path:
    target = tmp_path / "index"
    shutil.copytree(seed_index, target)
    return target


def test_the_manifest_records_a_whole_file_xxh3_of_every_file(seed_index: Path) -> None:
    generation = _generation(seed_index)
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
    seed_corpus: Path, index_copy: Path, name: str, region: str
) -> None:
    path = _generation(index_copy) / name
    size = path.stat().st_size
    assert size > 0
    _flip(path, REGIONS[region](size))
    with pytest.raises(IndexError_):
        load_index(index_copy)
    engine = Engine.open(seed_corpus, index_copy)
    (notice,) = map(str, engine.notices)
    assert "rebuilding" in notice and name in notice
    assert "corrupt" in notice or "unreadable" in notice
    _assert_answers(engine)
    assert load_index(index_copy).generation == engine.index.generation  # saved sound


def test_an_index_saved_with_sha256_checksums_is_rebuilt_with_one_notice(
    seed_corpus: Path, index_copy: Path
) -> None:
    """The manifest an older trustbot wrote (format 2, sha256, sampled when large)."""
    generation = _generation(index_copy)
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
    engine = Engine.open(seed_corpus, index_copy)
    assert len(engine.notices) == 1
    assert "older trustbot" in str(engine.notices[0]) and str(engine.notices[0]).endswith(": rebuilding")
    _assert_answers(engine)
    assert json.loads((_generation(index_copy) / "manifest.json").read_text())["checksum"] == "xxh3_128"


# --- non-regular files: refused, never opened for a blocking read ---------------------------


@pytest.mark.parametrize(
    "name", ["CURRENT", "manifest.json", "passage_text.bin", "terms_sample.json", "idf.npy"]
)
def test_a_fifo_in_place_of_an_index_file_is_rebuilt_without_hanging(
    seed_corpus: Path, index_copy: Path, name: str
) -> None:
    path = index_copy / name if name == "CURRENT" else _generation(index_copy) / name
    path.unlink()
    os.mkfifo(path)
    _assert_rebuilt_and_answered(_ask_cli(seed_corpus, index_copy), "not a regular file")
    load_index(index_copy)  # the rebuilt index is sound
    if name == "manifest.json":  # a later save prunes old generations, reading their manifests
        built = _ask_cli(seed_corpus, index_copy, "index", "build")
        assert built.returncode == 0, built.stderr


def test_a_folder_in_place_of_an_index_file_is_an_index_error(index_copy: Path) -> None:
    path = _generation(index_copy) / "postings_ids.npy"
    path.unlink()
    path.mkdir()
    with pytest.raises(IndexError_, match="not a regular file"):
        load_index(index_copy)


# --- a malformed pointer or manifest ----------------------------------------------------------


def test_a_300_character_current_is_rebuilt(seed_corpus: Path, index_copy: Path) -> None:
    (index_copy / "CURRENT").write_text("a" * 300 + "\n")
    with pytest.raises(IndexError_, match="missing generation"):
        load_index(index_copy)
    _assert_rebuilt_and_answered(_ask_cli(seed_corpus, index_copy), "CURRENT")


def test_a_manifest_of_100000_nested_brackets_is_rebuilt(seed_corpus: Path, index_copy: Path) -> None:
    (_generation(index_copy) / "manifest.json").write_text("[" * 100_000)
    with pytest.raises(IndexError_, match="nested too deeply"):
        load_index(index_copy)
    _assert_rebuilt_and_answered(_ask_cli(seed_corpus, index_copy), "manifest.json")


def _set_pointer(text: bytes) -> Callable[[Path], None]:
    return lambda index_dir: (index_dir / "CURRENT").write_bytes(text)


def _edit_manifest(edit: Callable[[dict[str, Any]], object]) -> Callable[[Path], None]:
    def apply(index_dir: Path) -> None:
        path = _generation(index_dir) / "manifest.json"
        manifest = json.loads(path.read_text())
        edit(manifest)
        path.write_text(json.dumps(manifest))

    return apply


def _write_manifest(text: str) -> Callable[[Path], None]:
    return lambda index_dir: (_generation(index_dir) / "manifest.json").write_text(text)


@pytest.mark.parametrize(
    "damage",
    [
        _set_pointer(b"a" * 5000),
        _set_pointer(b"\xff\xfe\n"),
        _set_pointer(b"../" * 100),
        _set_pointer(b"20260101T000000000000-0123456z\n"),
        _write_manifest('{"a": ' * 100_000),
        _write_manifest('{"format": "trustbot-index", "x": ' + "[" * 50_000 + "]" * 50_000 + "}"),
        _write_manifest(" " * (2 << 20)),
        _edit_manifest(lambda m: m.update(built_at="2099-01-01T00:00:00+00:00")),  # its own checksum
        _edit_manifest(lambda m: m["files"].update({"../../etc/passwd": m["files"]["idf.npy"]})),
        _edit_manifest(lambda m: m["files"].pop("idf.npy")),
        _edit_manifest(lambda m: m.update(checksum=["x"] * 1000)),
        _edit_manifest(lambda m: m.update(format_version="2" * 1000)),
    ],
    ids=[
        "pointer-5000-chars",
        "pointer-not-utf8",
        "pointer-path",
        "pointer-not-a-name",
        "manifest-nested-braces",
        "manifest-nested-inside",
        "manifest-2MiB",
        "manifest-edited",
        "manifest-extra-file",
        "manifest-missing-file",
        "manifest-odd-checksum",
        "manifest-odd-version",
    ],
)
def test_a_malformed_pointer_or_manifest_is_rebuilt(
    seed_corpus: Path, index_copy: Path, damage: Callable[[Path], None]
) -> None:
    damage(index_copy)
    with pytest.raises(IndexError_) as caught:
        load_index(index_copy)
    assert len(str(caught.value)) < 300  # one line, whatever the damage
    engine = Engine.open(seed_corpus, index_copy)
    (notice,) = map(str, engine.notices)
    assert notice.endswith(": rebuilding")
    _assert_answers(engine)


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
    _assert_answers(Engine.open(big_corpus, folder))
    return folder


def test_a_changed_byte_in_the_middle_of_a_large_file_is_rebuilt_not_answered_wrongly(
    big_corpus: Path, big_index: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(big_index, index_dir)
    path = _generation(index_dir) / "passage_text.bin"
    data = path.read_bytes()
    at = data.find(GO_LIVE_TEXT)
    assert len(data) > OLD_FULL_CHECK_BYTES  # the old check read only its first and last MiB ...
    assert OLD_SAMPLE_BYTES < at < len(data) - OLD_SAMPLE_BYTES  # ... and the answer is between
    _flip(path, at)  # "July next year" becomes "Kuly next year"
    with pytest.raises(IndexError_, match=r"passage_text\.bin is corrupt"):
        load_index(index_dir)
    engine = Engine.open(big_corpus, index_dir)
    (notice,) = map(str, engine.notices)
    assert "passage_text.bin" in notice and "rebuilding" in notice
    _assert_answers(engine)


def test_every_region_of_every_file_of_a_large_index_is_checked(big_index: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(big_index, index_dir)
    generation = _generation(index_dir)
    sizes = {p.name: p.stat().st_size for p in generation.iterdir()}
    assert max(sizes.values()) > OLD_FULL_CHECK_BYTES
    for name, size in sizes.items():
        offsets = {size // 4, size // 2, 3 * size // 4} if name == "manifest.json" else set()
        offsets |= {0, size // 2, size - 1, OLD_SAMPLE_BYTES + 1, size - OLD_SAMPLE_BYTES - 2}
        for offset in sorted(o for o in offsets if 0 <= o < size):
            _flip(generation / name, offset)
            with pytest.raises(IndexError_, match=ANY_INDEX_PROBLEM):
                load_index(index_dir)
            _flip(generation / name, offset)  # back as it was
            load_index(index_dir)
