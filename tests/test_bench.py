"""The benchmark runs end to end at the smallest size (a smoke test: no timing is asserted), and
the learned reordering trains."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bot.answer.rerank import feature_names

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


def test_training_writes_a_model_of_every_feature(tmp_path: Path) -> None:
    out = tmp_path / "weights.py"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "train_rerank.py"),
            "--only",
            "kestrel",
            "westmarsh",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "leave one corpus out" in done.stdout
    written: dict[str, object] = {}
    exec(compile(out.read_text(encoding="utf-8"), str(out), "exec"), written)
    weights = written["WEIGHTS"]
    assert isinstance(weights, dict) and list(weights) == list(feature_names())
    assert any(w != 0.0 for w in weights.values())
