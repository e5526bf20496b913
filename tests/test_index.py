"""The index on disk: plain files, checked on load, rebuilt when stale or corrupt, saved atomically."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from bot.corpus import fingerprint, load_corpus
from bot.engine import Engine
from bot.errors import IndexError_
from bot.index import (
    FORMAT_VERSION,
    BM25Params,
    build_index,
    current_generation,
    load_index,
    save_index,
)
from bot.postings import build_postings, top_k
from bot.strtable import StringIndex, StringTable


def _build(corpus_dir: Path, index_dir: Path) -> None:
    corpus = load_corpus(corpus_dir)
    save_index(build_index(corpus, fingerprint(corpus_dir)), index_dir)


def _generation(index_dir: Path) -> Path:
    name = current_generation(index_dir)
    assert name is not None
    return index_dir / name


def test_saved_index_is_plain_json_and_npy_with_version_params_and_fingerprint(
    corpus_dir: Path, index_dir: Path
) -> None:
    _build(corpus_dir, index_dir)
    generation = _generation(index_dir)
    assert sorted(p.name for p in index_dir.iterdir()) == sorted(["CURRENT", generation.name])
    names = sorted(p.name for p in generation.iterdir())
    assert names == sorted(
        [
            "documents.json",
            "idf.npy",
            "manifest.json",
            "passage_doc.npy",
            "passage_offsets.npy",
            "passage_position.npy",
            "passage_text.bin",
            "postings_ids.npy",
            "postings_offsets.npy",
            "postings_weights.npy",
            "stem_values.bin",
            "stem_values_offsets.npy",
            "stem_values_sample.json",
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
    assert manifest["format_version"] == FORMAT_VERSION == 3
    assert manifest["params"]["variant"] == "okapi" and manifest["params"]["epsilon"] == 0.0
    assert manifest["fingerprint"] == fingerprint(corpus_dir)
    assert set(manifest["files"]) == set(names) - {"manifest.json"}
    for name in names:
        if name.endswith(".json"):
            json.loads((generation / name).read_text())  # JSON, not pickle
        elif name.endswith(".npy"):
            np.load(generation / name, allow_pickle=False)  # plain arrays, not pickle


def test_loaded_index_scores_exactly_as_rank_bm25(corpus_dir: Path, index_dir: Path) -> None:
    _build(corpus_dir, index_dir)
    index = load_index(index_dir)
    reference = BM25Okapi(index.terms, k1=1.2, b=0.75, epsilon=0.0)
    for query in (["trust", "live"], ["cabinet", "member"], ["£22m"], ["nothing"]):
        assert np.allclose(index.scores(query), reference.get_scores(query))
    ids = [p.id for p in index.passages]
    assert len(ids) == len(set(ids)) and all(i.split("#")[0] in index.documents for i in ids)


def _assert_top_equals_reference(
    top: list[tuple[int, float]], dense: np.ndarray, k: int, eligible: np.ndarray | None = None
) -> None:
    if eligible is not None:
        dense = np.where(eligible, dense, 0.0)
    expected = [int(i) for i in np.argsort(-dense, kind="stable")[:k] if dense[i] > 0]
    assert [i for i, _ in top] == expected
    assert np.allclose([s for _, s in top], dense[expected], rtol=0, atol=1e-6)
    assert [s for _, s in top] == [float(dense[i]) for i in expected]  # bit for bit, in fact


def test_fast_path_top_10_equals_rank_bm25_on_seed_corpus(corpus_dir: Path, index_dir: Path) -> None:
    _build(corpus_dir, index_dir)
    index = load_index(index_dir)
    queries = [
        ["trust", "live"],
        ["cabinet", "member", "children"],
        ["£22m"],
        ["nothing"],
        ["trust", "trust"],
    ]
    queries += [t[:6] for t in index.terms[::7] if t]
    as_of = index.published_ordinals() <= index.published_ordinals().max() - 400
    for query in queries:
        dense = index.scores(query)
        _assert_top_equals_reference(index.top(query, k=10), dense, 10)
        _assert_top_equals_reference(index.top(query, k=40, eligible=as_of), dense, 40, as_of)
        extra = ["council", "open"]
        combined = dense + 1.0 * index.scores(extra)
        _assert_top_equals_reference(index.top(query, extra, 1.0, 40), combined, 40)


def test_postings_top_10_equal_rank_bm25_on_generated_corpus() -> None:
    rng = np.random.default_rng(7)
    vocabulary = [f"w{i}" for i in range(400)]
    weights = 1 / np.arange(1, 401) ** 1.1
    weights /= weights.sum()
    passages = [
        ["common", *rng.choice(vocabulary, size=int(rng.integers(5, 40)), p=weights)] for _ in range(600)
    ]
    passages[10] = []  # an empty passage, as rank-bm25 sees it through Index.bm25
    passages[20] = list(passages[21])  # a tie
    postings = build_postings(passages, k1=1.2, b=0.75, epsilon=0.0)
    reference = BM25Okapi([p or ["\0"] for p in passages], k1=1.2, b=0.75, epsilon=0.0)
    assert postings.idf_of("common") == reference.idf["common"] == 0.0  # in every passage: floored

    for _ in range(200):
        query = list(rng.choice(vocabulary, size=int(rng.integers(1, 8)), p=weights))
        query += ["common", "unseen"]
        dense = np.asarray(reference.get_scores(query))
        ids, scores = postings.scores(query)
        assert np.array_equal(dense[ids], scores)
        assert not np.any(np.delete(dense, ids))  # every other passage scores 0
        best_ids, best_scores = top_k(ids, scores, 10)
        _assert_top_equals_reference(
            list(zip(best_ids.tolist(), best_scores.tolist(), strict=True)), dense, 10
        )


def test_postings_match_rank_bm25_idf_floor_with_epsilon() -> None:
    passages = [["a", "b"], ["a", "c"], ["a", "b", "d"], ["e"]]
    postings = build_postings(passages, k1=1.5, b=0.75, epsilon=0.25)
    reference = BM25Okapi(passages, k1=1.5, b=0.75, epsilon=0.25)
    for term in "abcde":
        assert postings.idf_of(term) == reference.idf[term]
    ids, scores = postings.scores(["a", "b"])
    assert np.array_equal(np.asarray(reference.get_scores(["a", "b"]))[ids], scores)


def test_a_new_save_is_a_new_generation_and_an_open_reader_keeps_working(
    corpus_dir: Path, index_dir: Path
) -> None:
    _build(corpus_dir, index_dir)
    first = _generation(index_dir)
    reader = load_index(index_dir)
    before = [p.text for p in reader.passages]
    _build(corpus_dir, index_dir)
    second = _generation(index_dir)
    assert second != first and first.is_dir()  # the previous generation is kept
    assert [p.text for p in reader.passages] == before  # its memory-mapped files are untouched
    assert load_index(index_dir).generation == second.name
    _build(corpus_dir, index_dir)
    third = _generation(index_dir)
    assert not first.exists() and second.is_dir() and third.is_dir()  # older ones pruned
    assert not [p for p in index_dir.iterdir() if p.name.startswith(".")]  # no leftovers


def test_old_flat_index_is_refused_and_rebuilt(corpus_dir: Path, index_dir: Path) -> None:
    index_dir.mkdir()
    (index_dir / "manifest.json").write_text(
        json.dumps({"format": "trustbot-index", "format_version": 1, "params": {}, "checksums": {},
                    "fingerprint": "x", "built_at": "2026-01-01"})
    )  # fmt: skip
    with pytest.raises(IndexError_, match="format 1 is not 3"):
        load_index(index_dir)
    engine = Engine.open(corpus_dir, index_dir)
    assert tuple(map(str, engine.notices)) == ("index format 1 is not 3: rebuilding",)
    assert not (index_dir / "manifest.json").exists()
    assert load_index(index_dir).fingerprint == fingerprint(corpus_dir)


def test_pointer_to_a_missing_generation_is_refused(corpus_dir: Path, index_dir: Path) -> None:
    _build(corpus_dir, index_dir)
    (index_dir / "CURRENT").write_text("20990101T000000-deadbeef\n")
    with pytest.raises(IndexError_, match="missing generation"):
        load_index(index_dir)
    (index_dir / "CURRENT").write_text("../../etc\n")
    with pytest.raises(IndexError_, match="missing generation"):
        load_index(index_dir)


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
    _build(corpus_dir, index_dir)
    (_generation(index_dir) / name).write_bytes(damage)
    with pytest.raises(IndexError_, match=message):
        load_index(index_dir)


def test_other_format_version_is_refused(corpus_dir: Path, index_dir: Path) -> None:
    _build(corpus_dir, index_dir)
    path = _generation(index_dir) / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["format_version"] = FORMAT_VERSION + 1
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexError_, match="format"):
        load_index(index_dir)


def test_engine_rebuilds_corrupt_index_and_answers(corpus_dir: Path, index_dir: Path) -> None:
    _build(corpus_dir, index_dir)
    (_generation(index_dir) / "passage_text.bin").write_text("[]")
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


def test_postings_of_a_term_repeated_hundreds_of_times_match_rank_bm25() -> None:
    passages = [["a"] * 300 + ["b"], ["b", "c"], ["a", "c", "c"], ["d"], ["e", "b"]]
    postings = build_postings(passages, k1=1.2, b=0.75, epsilon=0.0)
    reference = BM25Okapi(passages, k1=1.2, b=0.75, epsilon=0.0)
    for query in (["a"], ["c", "a"], ["b", "d", "e"]):
        ids, scores = postings.scores(query)
        dense = np.asarray(reference.get_scores(query))
        assert np.array_equal(dense[ids], scores)
        assert not np.any(np.delete(dense, ids))


def test_string_index_on_disk_finds_every_string_and_only_those(tmp_path: Path) -> None:
    strings = ["trust", "£22m", "café", "zebra", "a", "ärger", "2019/20", ""]
    StringIndex.of(strings).table.save(tmp_path, "t")
    loaded = StringIndex(StringTable.load(tmp_path, "t"))
    assert list(loaded) == sorted(set(strings))
    assert all(s in loaded for s in strings)
    assert "caf" not in loaded and "trusts" not in loaded and 3 not in loaded
    assert [loaded[s] for s in sorted(strings)] == list(range(len(strings)))


def test_string_index_lookup_across_many_blocks(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    strings = {"".join(rng.choice(list("abcdeé£1"), size=int(rng.integers(1, 9)))) for _ in range(3000)}
    StringIndex.of(strings).table.save(tmp_path, "many")
    loaded = StringIndex(StringTable.load(tmp_path, "many"))
    ordered = sorted(strings)
    assert all(loaded[s] == i for i, s in enumerate(ordered))
    assert not any(s + "zz" in loaded or "0" + s in loaded for s in ordered)


def test_a_save_never_prunes_a_newer_generation_another_save_is_finishing(
    corpus_dir: Path, index_dir: Path
) -> None:
    _build(corpus_dir, index_dir)
    _build(corpus_dir, index_dir)
    newer = index_dir / "29991231T235959999999-00000000"  # renamed into place, CURRENT not yet switched
    newer.mkdir()
    (newer / "manifest.json").write_text("{}")
    _build(corpus_dir, index_dir)
    assert newer.is_dir()
    assert load_index(index_dir).fingerprint == fingerprint(corpus_dir)
