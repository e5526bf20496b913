"""The development set: every answerable question right at rank 1, both abstentions.

The thresholds live here. The engine must earn them by kind of question, so a second
test checks that no question, document id or answer of the set is written into the code.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from bot.engine import Engine
from bot.evaluate import evaluate, load_pairs, render

from .conftest import DEV_SET, ROOT


def test_dev_set_all_answerable_at_rank_1_and_all_abstentions(seed_engine: Engine) -> None:
    pairs = load_pairs(DEV_SET)
    report = evaluate(seed_engine, pairs)
    assert len(report.answerable) == 22
    misses = [(s.pair.id, s.rank, s.abstained, s.top) for s in report.misses]
    assert misses == []
    assert report.hit_at_1 == 1.0
    assert report.mrr_at_5 == 1.0
    assert report.abstention_accuracy == 1.0


def test_latest_answers_list_what_they_superseded(seed_engine: Engine) -> None:
    answer = seed_engine.ask("when will the trust go live?")
    assert answer.results[0].citation.doc_id == "003_a462725dfeccbf7f"
    assert "July 2020" in (answer.answer or "")
    said = [e.said for e in answer.earlier]
    assert "December 2017" in said and "September 2016" in said
    dates = [e.citation.published.value for e in answer.earlier if e.citation.published]
    assert len(dates) == len(answer.earlier)
    assert dates == sorted(dates, reverse=True)  # the timeline runs newest first


def _code_strings() -> str:
    """Every string literal of the code, docstrings aside: where a rule would hide."""
    found: list[str] = []
    for path in (ROOT / "bot").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }  # fmt: skip
        found.extend(
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        )
    return "\n".join(found).casefold()


def test_no_rule_names_a_question_document_or_answer() -> None:
    code = _code_strings()
    assert "when" in code
    for line in DEV_SET.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        assert pair["question"].casefold() not in code
        for doc in pair["docs"]:
            assert doc.split("_")[1] not in code
        for answer in pair["answers"]:
            # Short generic strings ("2013") may stand in code as numbers; whole answers may not.
            if len(answer) > 6:
                assert answer.casefold() not in code, answer


def test_eval_report_counts_misses(seed_engine: Engine, tmp_path: Path) -> None:
    qa = tmp_path / "qa.jsonl"
    qa.write_text(
        json.dumps({"id": "wrong-doc", "question": "When will the children's trust go live?",
                    "answers": ["July next year"], "docs": ["000_7221a45d64e2d799"], "kind": "latest"}) + "\n"
        + json.dumps({"id": "should-abstain", "question": "Who is the cabinet member?",
                      "answers": [], "docs": [], "kind": "none"}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    report = evaluate(seed_engine, load_pairs(qa))
    assert report.hit_at_1 == 0.0
    assert report.abstention_accuracy == 0.0
    assert {s.pair.id for s in report.misses} == {"wrong-doc", "should-abstain"}


def test_report_on_rows_of_the_new_format(seed_engine: Engine, tmp_path: Path) -> None:
    qa = tmp_path / "qa.jsonl"
    rows = [
        {"id": "golive", "question": "When will the children's trust go live?", "answers": ["July next year"],
         "short": ["July 2020"], "docs": ["003_a462725dfeccbf7f"], "kind": "latest",
         "earlier": ["December 2017", "September 2016"], "category": "latest"},
        {"id": "offtopic", "question": "What is the capital of Peru?", "answers": [], "short": [], "docs": [],
         "kind": "none", "earlier": [], "category": "none"},
    ]  # fmt: skip
    qa.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    report = evaluate(seed_engine, load_pairs(qa))
    golive = report.scores[0]
    assert golive.timeline_found == 2  # both earlier dates are on the timeline
    assert golive.short_ok is not None and report.scores[1].short_ok is None
    assert list(report.to_json()["by_category"]) == ["latest", "none"]
    lines = render(report).splitlines()
    assert {"latest", "none", "all"} <= {line.split()[0] for line in lines if line.strip()}
    assert max(map(len, lines)) <= 100
