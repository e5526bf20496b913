"""`Engine.open` rebuilds an index that is corrupt, stale or built with other settings, and
answers from memory when it cannot save one."""

from __future__ import annotations

from pathlib import Path

from bot.corpus import fingerprint
from bot.engine import Engine
from bot.index import BM25Params, load_index

from .helpers import build_and_save, generation_of


def test_engine_rebuilds_corrupt_index_and_answers(corpus_dir: Path, index_dir: Path) -> None:
    build_and_save(corpus_dir, index_dir)
    (generation_of(index_dir) / "passage_text.bin").write_text("[]")
    engine = Engine.open(corpus_dir, index_dir)
    assert any("rebuilding" in str(n) for n in engine.notices)
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
    assert tuple(map(str, engine.notices)) == ("index is stale (the corpus changed): rebuilding",)
    assert "005_new" in engine.index.documents
    assert load_index(index_dir).fingerprint == fingerprint(corpus_dir)


def test_engine_rebuilds_when_parameters_change(corpus_dir: Path, index_dir: Path) -> None:
    Engine.open(corpus_dir, index_dir)
    engine = Engine.open(corpus_dir, index_dir, params=BM25Params(k1=1.5))
    assert any("other settings" in str(n) for n in engine.notices)
    assert load_index(index_dir).params.k1 == 1.5


def test_index_path_that_is_a_file_still_answers(corpus_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    engine = Engine.open(corpus_dir, blocker)
    assert any("could not save" in str(n) for n in engine.notices)
    assert engine.ask("who is the cabinet member for children's services?").results
