"""The files of a saved index: plain JSON and NumPy, listed in a typed manifest; anything
malformed, of another version or not a regular file is refused in one line and rebuilt."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pydantic
import pytest

from bot.corpus import fingerprint
from bot.engine import Engine
from bot.errors import IndexError_
from bot.index import FORMAT_VERSION, BM25Params, FileCheck, Manifest, load_index, verify_index
from bot.index.manifest import content_checksum

from ..conftest import run_cli
from .helpers import (
    ask_cli,
    assert_answers,
    assert_rebuilt_and_answered,
    build_and_save,
    generation_of,
)


def test_saved_index_is_plain_json_and_npy_with_version_params_and_fingerprint(
    corpus_dir: Path, index_dir: Path
) -> None:
    build_and_save(corpus_dir, index_dir)
    generation = generation_of(index_dir)
    assert sorted(p.name for p in index_dir.iterdir()) == sorted(["CURRENT", generation.name])
    names = sorted(p.name for p in generation.iterdir())
    assert names == sorted(
        [
            "documents.json",
            "idf.npy",
            "manifest.json",
            "passage_doc.npy",
            "passage_page.npy",
            "passage_position.npy",
            "passage_text.bin",
            "passage_text_offsets.npy",
            "postings_ids.npy",
            "postings_offsets.npy",
            "postings_weights.npy",
            "stem_values.bin",
            "stem_values_offsets.npy",
            "stem_words.bin",
            "stem_words_offsets.npy",
            "stem_words_sample.json",
            "terms.bin",
            "terms_offsets.npy",
            "terms_sample.json",
            "words.bin",
            "words_offsets.npy",
            "words_sample.json",
        ]
    )
    manifest = json.loads((generation / "manifest.json").read_text())
    assert manifest["format_version"] == FORMAT_VERSION == 4
    assert manifest["params"]["variant"] == "okapi" and manifest["params"]["epsilon"] == 0.0
    assert manifest["fingerprint"] == fingerprint(corpus_dir)
    assert set(manifest["files"]) == set(names) - {"manifest.json"}
    for name in names:
        if name.endswith(".json"):
            json.loads((generation / name).read_text())  # JSON, not pickle
        elif name.endswith(".npy"):
            np.load(generation / name, allow_pickle=False)  # plain arrays, not pickle


@pytest.mark.parametrize(
    ("name", "damage", "message"),
    [
        ("passage_text.bin", b"garbage", "checksum"),
        ("documents.json", b"", "checksum"),
        ("postings_weights.npy", b"\x93NUMPY garbage", "checksum"),
        ("terms.bin", b"[]", "checksum"),
        ("manifest.json", b"{not json", "unreadable"),
        ("manifest.json", b"[]", "not a trustbot index"),
    ],
)
def test_corrupt_index_is_refused(
    corpus_dir: Path, index_dir: Path, name: str, damage: bytes, message: str
) -> None:
    build_and_save(corpus_dir, index_dir)
    (generation_of(index_dir) / name).write_bytes(damage)
    with pytest.raises(IndexError_, match=message):
        load_index(index_dir)


def test_other_format_version_is_refused(corpus_dir: Path, index_dir: Path) -> None:
    build_and_save(corpus_dir, index_dir)
    path = generation_of(index_dir) / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["format_version"] = FORMAT_VERSION + 1
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexError_, match="format"):
        load_index(index_dir)


# --- non-regular files: refused, never opened for a blocking read ---------------------------


@pytest.mark.parametrize(
    "name", ["CURRENT", "manifest.json", "passage_text.bin", "terms_sample.json", "idf.npy"]
)
def test_a_fifo_in_place_of_an_index_file_is_rebuilt_without_hanging(
    seed_corpus_copy: Path, index_copy: Path, name: str
) -> None:
    path = index_copy / name if name == "CURRENT" else generation_of(index_copy) / name
    path.unlink()
    os.mkfifo(path)
    assert_rebuilt_and_answered(ask_cli(seed_corpus_copy, index_copy), "not a regular file")
    load_index(index_copy)  # the rebuilt index is sound
    if name == "manifest.json":  # a later save prunes old generations, reading their manifests
        built = ask_cli(seed_corpus_copy, index_copy, "index", "build")
        assert built.returncode == 0, built.stderr


def test_a_folder_in_place_of_an_index_file_is_an_index_error(index_copy: Path) -> None:
    path = generation_of(index_copy) / "postings_ids.npy"
    path.unlink()
    path.mkdir()
    with pytest.raises(IndexError_, match="not a regular file"):
        load_index(index_copy)


# --- a malformed manifest -------------------------------------------------------------------


def test_a_manifest_of_100000_nested_brackets_is_rebuilt(seed_corpus_copy: Path, index_copy: Path) -> None:
    (generation_of(index_copy) / "manifest.json").write_text("[" * 100_000)
    with pytest.raises(IndexError_, match="nested too deeply"):
        load_index(index_copy)
    assert_rebuilt_and_answered(ask_cli(seed_corpus_copy, index_copy), "manifest.json")


def _edit_manifest(edit: Callable[[dict[str, Any]], object]) -> Callable[[Path], None]:
    def apply(index_dir: Path) -> None:
        path = generation_of(index_dir) / "manifest.json"
        manifest = json.loads(path.read_text())
        edit(manifest)
        path.write_text(json.dumps(manifest))

    return apply


def _write_manifest(text: str) -> Callable[[Path], None]:
    return lambda index_dir: (generation_of(index_dir) / "manifest.json").write_text(text)


@pytest.mark.parametrize(
    "damage",
    [
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
def test_a_malformed_manifest_is_rebuilt(
    seed_corpus_copy: Path, index_copy: Path, damage: Callable[[Path], None]
) -> None:
    damage(index_copy)
    with pytest.raises(IndexError_) as caught:
        load_index(index_copy)
    assert len(str(caught.value)) < 300  # one line, whatever the damage
    engine = Engine.open(seed_corpus_copy, index_copy)
    (notice,) = map(str, engine.notices)
    assert notice.endswith(": rebuilding")
    assert_answers(engine)


# --- the manifest model ----------------------------------------------------------------------


def test_the_manifest_is_read_once_as_a_frozen_typed_model(seed_index: Path) -> None:
    manifest = verify_index(seed_index)
    assert isinstance(manifest, Manifest) and manifest.format_version == FORMAT_VERSION
    assert manifest.params == BM25Params()
    assert manifest.passages == len(load_index(seed_index).passages) > 0
    check = manifest.files["idf.npy"]
    assert isinstance(check, FileCheck)
    assert check.size == (generation_of(seed_index) / "idf.npy").stat().st_size
    with pytest.raises(pydantic.ValidationError):
        manifest.passages = 0  # type: ignore[misc]


def _resealed(edit: Callable[[dict[str, Any]], object]) -> Callable[[Path], None]:
    """An edit of the manifest that also writes its own checksum again: only its model can
    tell that something is wrong."""

    def apply(index_dir: Path) -> None:
        path = generation_of(index_dir) / "manifest.json"
        manifest = json.loads(path.read_text())
        edit(manifest)
        manifest["manifest_checksum"] = content_checksum(manifest)
        path.write_text(json.dumps(manifest))

    return apply


@pytest.mark.parametrize(
    "damage",
    [
        _resealed(lambda m: m["params"].update(k1="1.2")),
        _resealed(lambda m: m["params"].update(k1=True)),
        _resealed(lambda m: m["params"].update(variant="bm42")),
        _resealed(lambda m: m["params"].update(shade="blue")),
        _resealed(lambda m: m.pop("params")),
        _resealed(lambda m: m.update(fingerprint=None)),
        _resealed(lambda m: m.update(passages=-1)),
        _resealed(lambda m: m.update(files=[1])),
        _resealed(lambda m: m["files"]["idf.npy"].update(bytes=True)),
        _resealed(lambda m: m["files"]["idf.npy"].update(xxh3_128="Z" * 32)),
        _resealed(lambda m: m.update(shade="blue")),
    ],
    ids=[
        "k1-text",
        "k1-bool",
        "variant-unknown",
        "params-extra",
        "params-missing",
        "fingerprint-null",
        "passages-negative",
        "files-list",
        "file-size-bool",
        "file-checksum-not-hex",
        "extra-key",
    ],
)
def test_the_manifest_model_refuses_a_malformed_manifest_in_one_line(
    seed_corpus_copy: Path, index_copy: Path, damage: Callable[[Path], None]
) -> None:
    damage(index_copy)
    with pytest.raises(IndexError_, match="is malformed") as caught:
        load_index(index_copy)
    assert len(str(caught.value)) < 300 and "\n" not in str(caught.value)
    with pytest.raises(IndexError_, match="is malformed"):
        verify_index(index_copy)
    status = Engine.inspect(seed_corpus_copy, index_copy)
    assert status.problem is not None and "is malformed" in status.problem
    engine = Engine.open(seed_corpus_copy, index_copy)
    (notice,) = map(str, engine.notices)
    assert "is malformed" in notice and notice.endswith(": rebuilding")
    assert_answers(engine)


def test_an_index_of_the_previous_format_is_rebuilt_with_one_notice(
    seed_corpus_copy: Path, index_copy: Path
) -> None:
    """A format-3 index kept no pages: it is rebuilt, so that every citation has its page."""
    _resealed(lambda m: m.update(format_version=3))(index_copy)
    engine = Engine.open(seed_corpus_copy, index_copy)
    assert tuple(map(str, engine.notices)) == ("index format 3 is not 4: rebuilding",)
    assert verify_index(index_copy).format_version == 4


def test_inspect_reports_the_manifest_of_a_sound_index(seed_corpus_copy: Path, seed_index: Path) -> None:
    status = Engine.inspect(seed_corpus_copy, seed_index)
    manifest = verify_index(seed_index)
    assert status.problem is None and status.fresh
    assert (status.format_version, status.built_at) == (FORMAT_VERSION, manifest.built_at)
    assert (status.documents, status.passages) == (manifest.documents, manifest.passages)
    assert status.params == manifest.params and dataclasses.is_dataclass(status.params)


@pytest.mark.parametrize("damage", [{"files": None}, {"files": [1]}, {"params": [1]}, {"fingerprint": None}])
def test_a_hand_edited_manifest_is_an_index_error_and_the_cli_rebuilds_it(
    corpus_dir: Path, index_dir: Path, damage: dict[str, object]
) -> None:
    assert run_cli("index", "build", "--corpus", str(corpus_dir), "--index", str(index_dir)).returncode == 0
    path = index_dir / (index_dir / "CURRENT").read_text().strip() / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest.update(damage)
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexError_):
        load_index(index_dir)
    done = run_cli(
        "ask", "when will the trust go live?", "--corpus", str(corpus_dir), "--index", str(index_dir)
    )
    assert done.returncode == 0 and "July 2020" in done.stdout
    assert "rebuilding" in done.stderr and "Traceback" not in done.stderr
