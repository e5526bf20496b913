"""The index on disk: plain files, checked on load, rebuilt when stale or corrupt."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from bot.corpus import fingerprint, load_corpus
from bot.engine import Engine
from bot.errors import IndexError_
from bot.index import FORMAT_VERSION, BM25Params, build_index, load_index, save_index


def _build(corpus_dir: Path, index_dir: Path) -> None:
    corpus = load_corpus(corpus_dir)
    save_index(build_index(corpus, fingerprint(corpus_dir)), index_dir)


def test_saved_index_is_plain_json_with_version_params_and_fingerprint(
    corpus_dir: Path, index_dir: Path
) -> None:
    _build(corpus_dir, index_dir)
    names = sorted(p.name for p in index_dir.iterdir())
    assert names == ["documents.json", "manifest.json", "passages.json"]
    manifest = json.loads((index_dir / "manifest.json").read_text())
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["params"]["variant"] == "okapi" and manifest["params"]["epsilon"] == 0.0
    assert manifest["fingerprint"] == fingerprint(corpus_dir)
    for name in ("documents.json", "passages.json"):
        json.loads((index_dir / name).read_text())  # JSON, not pickle


def test_loaded_index_scores_exactly_as_rank_bm25(corpus_dir: Path, index_dir: Path) -> None:
    _build(corpus_dir, index_dir)
    index = load_index(index_dir)
    reference = BM25Okapi(index.terms, k1=1.2, b=0.75, epsilon=0.0)
    for query in (["trust", "live"], ["cabinet", "member"], ["£22m"], ["nothing"]):
        assert np.allclose(index.scores(query), reference.get_scores(query))
    ids = [p.id for p in index.passages]
    assert len(ids) == len(set(ids)) and all(i.split("#")[0] in index.documents for i in ids)


@pytest.mark.parametrize(
    ("name", "damage", "message"),
    [
        ("passages.json", b"garbage", "checksum"),
        ("documents.json", b"", "checksum"),
        ("manifest.json", b"{not json", "unreadable"),
        ("manifest.json", b"[]", "not a trustbot index"),
    ],
)
def test_corrupt_index_is_refused(
    corpus_dir: Path, index_dir: Path, name: str, damage: bytes, message: str
) -> None:
    _build(corpus_dir, index_dir)
    (index_dir / name).write_bytes(damage)
    with pytest.raises(IndexError_, match=message):
        load_index(index_dir)


def test_other_format_version_is_refused(corpus_dir: Path, index_dir: Path) -> None:
    _build(corpus_dir, index_dir)
    manifest = json.loads((index_dir / "manifest.json").read_text())
    manifest["format_version"] = FORMAT_VERSION + 1
    (index_dir / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexError_, match="format"):
        load_index(index_dir)


def test_engine_rebuilds_corrupt_index_and_answers(corpus_dir: Path, index_dir: Path) -> None:
    _build(corpus_dir, index_dir)
    (index_dir / "passages.json").write_text("[]")
    engine = Engine.open(corpus_dir, index_dir)
    assert any("rebuilding" in n for n in engine.notices)
    assert engine.ask("when will the trust go live?").results[0].citation.doc_id == "003_a462725dfeccbf7f"
    load_index(index_dir)  # and the rebuilt one on disk is sound


def test_engine_rebuilds_stale_index(corpus_dir: Path, index_dir: Path) -> None:
    Engine.open(corpus_dir, index_dir)
    assert Engine.open(corpus_dir, index_dir).notices == ()  # fresh: loaded as is
    (corpus_dir / "005_new.md").write_text(
        "---\ntitle: Trust launch\npublished: 2020-08-03\nsource: Example Gazette\n---\n"
        "The Northamptonshire Children's Trust went live on 1 November 2020, the council said.\n",
        encoding="utf-8",
    )
    engine = Engine.open(corpus_dir, index_dir)
    assert engine.notices == ("index is stale (the corpus changed): rebuilding",)
    assert "005_new" in engine.index.documents
    assert load_index(index_dir).fingerprint == fingerprint(corpus_dir)


def test_engine_rebuilds_when_parameters_change(corpus_dir: Path, index_dir: Path) -> None:
    Engine.open(corpus_dir, index_dir)
    engine = Engine.open(corpus_dir, index_dir, params=BM25Params(k1=1.5))
    assert any("other settings" in n for n in engine.notices)
    assert load_index(index_dir).params.k1 == 1.5


def test_index_path_that_is_a_file_still_answers(corpus_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    engine = Engine.open(corpus_dir, blocker)
    assert any("could not save" in n for n in engine.notices)
    assert engine.ask("who is the cabinet member for children's services?").results
