"""The benchmark runs end to end at the smallest size (a smoke test: no timing is asserted), and
the learned models train, and the shipped weights are what training gives now."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.answer.related import feature_names as timeline_names
from bot.answer.rerank import feature_names as order_names

from .conftest import ROOT


def test_benchmark_runs_and_trustbot_top_10_equals_rank_bm25(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    args = ["--sizes", "1000", "--queries", "30", "--cold-runs", "1", "--json", str(out)]
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), *args],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    (result,) = report["results"]
    assert result["passages"] == 1000 and result["same_passages"]
    assert result["top10_checked"] == 30
    assert result["top10_differences"] == 0
    assert set(result["systems"]) == {"trustbot", "rank-bm25", "bm25s"}
    assert "bundled corpus" in report["cold_start"]
    assert "rank-bm25/trustbot" in done.stdout  # the table was printed


def test_training_writes_both_models_with_every_feature(tmp_path: Path) -> None:
    script = ROOT / "bench" / "train.py"
    args = ["--only", "kestrel", "westmarsh", "--out-dir", str(tmp_path)]
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "order, leave one corpus out" in done.stdout
    assert "timeline, leave one corpus out, model" in done.stdout
    for module, names in (("rerank_model.py", order_names()), ("related_model.py", timeline_names())):
        written: dict[str, object] = {}
        path = tmp_path / module
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), written)
        weights = written["WEIGHTS"]
        assert isinstance(weights, dict) and list(weights) == list(names)
        assert any(w != 0.0 for w in weights.values())


def test_training_refuses_a_set_it_does_not_know(tmp_path: Path) -> None:
    script = ROOT / "bench" / "train.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check", "--only", "nosuchset"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "not training sets" in done.stderr and "Traceback" not in done.stderr


def test_shipped_weights_are_what_training_gives_now(tmp_path: Path) -> None:
    # A change to what the rules measure (a span, a coverage) changes the models' inputs:
    # their weights must then be trained again (`bench/train.py`), or they weigh stale rows.
    script = ROOT / "bench" / "train.py"
    done = subprocess.run(
        [sys.executable, str(script), "--quick", "--out-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for module in ("rerank_model.py", "related_model.py"):
        trained: dict[str, object] = {}
        shipped: dict[str, object] = {}
        exec(compile((tmp_path / module).read_text(encoding="utf-8"), module, "exec"), trained)
        path = ROOT / "bot" / "answer" / module
        exec(compile(path.read_text(encoding="utf-8"), module, "exec"), shipped)
        now, then = trained["WEIGHTS"], shipped["WEIGHTS"]
        assert isinstance(now, dict) and isinstance(then, dict) and list(now) == list(then)
        assert list(now.values()) == pytest.approx(list(then.values()), abs=1e-4), module


def test_short_ceiling_counts_the_golds_found_word_for_word(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "2020-pool.md").write_text(
        "---\ntitle: Pool news\npublished: 2020-05-01\n---\nThe Kelby pool reopened in March 2020.\n",
        encoding="utf-8",
    )
    rows = [
        {
            "id": "a",
            "question": "When did the pool reopen?",
            "answers": ["March 2020"],
            "short": ["March 2020"],
        },
        {
            "id": "b",
            "question": "Why did it close?",
            "answers": ["reopened"],
            "short": ["repairs to the roof"],
        },
        {"id": "c", "question": "Who won the derby?", "answers": [], "short": []},
    ]
    for row, kind, category in zip(rows, ("fact", "fact", "none"), ("fact", "why_how", "none"), strict=True):
        row.update(docs=["2020-pool"] if row["answers"] else [], kind=kind, earlier=[], category=category)
    qa = tmp_path / "qa.jsonl"
    qa.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "short_ceiling.py"), "--set", str(qa), str(corpus)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "fact: 1/1" in done.stdout and "why_how: 0/1" in done.stdout
    assert "all: 1/2 = 0.500" in done.stdout
