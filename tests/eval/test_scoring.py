"""The scoring of `bot.eval` on answers built by hand: hits, short answers, timelines, report."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from bot.answer import Answer, Citation, Earlier, Result
from bot.errors import TrustbotError
from bot.eval import EvalReport, QAPair, hit, load_pairs, render, score_answer


def cite(doc_id: str) -> Citation:
    """A citation of an undated document."""
    return Citation(doc_id, f"Title of {doc_id}", None, None, None)


def result(rank: int, doc_id: str, passage: str, sentence: str = "") -> Result:
    """A ranked passage."""
    return Result(rank, f"{doc_id}#{rank}", cite(doc_id), passage, sentence or passage, None, 1.0, False)


def entry(said: str, sentence: str = "") -> Earlier:
    """A timeline entry from an older document."""
    return Earlier(cite("older"), "older#1", sentence or f"It was {said}.", said)


def reply(
    *results: Result, short: str | None = None, earlier: tuple[Earlier, ...] = (), abstained: bool = False
) -> Answer:
    """The engine's answer, as `evaluate` sees it."""
    return Answer("q", None, abstained, None, results, short, earlier)


def pair(
    id: str = "q1",
    kind: str = "fact",
    category: str = "",
    short: tuple[str, ...] = (),
    earlier: tuple[str, ...] = (),
    timeline_known: bool = True,
) -> QAPair:
    """A pair whose answer is "Ada Lovelace" in document `doc-a` (none when kind is none)."""
    answerable = kind != "none"
    return QAPair(
        id=id,
        question=f"Question {id}?",
        answers=("Ada Lovelace",) if answerable else (),
        docs=("doc-a",) if answerable else (),
        kind=kind,  # type: ignore[arg-type]
        short=short,
        earlier=earlier,
        category=category,
        timeline_known=timeline_known,
    )


GOOD = "The chair is Ada Lovelace, appointed in spring."


# --- hits -------------------------------------------------------------------------------


def test_a_passage_over_200_words_is_no_hit() -> None:
    p = pair()
    padding = " ".join(["word"] * 190)
    at_200 = f"{GOOD} {padding}"
    assert len(at_200.split()) == 198
    at_200 += " two more"
    over = at_200 + " extra"
    assert len(at_200.split()) == 200 and len(over.split()) == 201
    assert hit(p, result(1, "doc-a", at_200))
    assert not hit(p, result(1, "doc-a", over))
    # The long page at rank 1 does not count; the short passage at rank 2 does.
    assert score_answer(p, reply(result(1, "doc-a", over), result(2, "doc-a", GOOD))).rank == 2


def test_a_hit_needs_one_of_the_docs_and_an_answer_after_folding() -> None:
    p = pair()
    assert hit(p, result(1, "doc-a", "the chair is ADA\n  LOVELACE"))
    assert not hit(p, result(1, "doc-b", GOOD))
    assert not hit(p, result(1, "doc-a", "The chair is someone else."))
    assert score_answer(p, reply(*(result(k, "doc-b", GOOD) for k in range(1, 7)))).rank is None


# --- short answers ----------------------------------------------------------------------


def test_short_answer_accepted_when_it_contains_a_gold_short_after_folding() -> None:
    p = pair(short=("O’Neill’s “plan”", "Ada Lovelace"))
    assert score_answer(p, reply(short="ada lovelace")).short_ok is True
    assert score_answer(p, reply(short="Dr  O'NEILL'S \"Plan\" of 2020")).short_ok is True
    assert score_answer(p, reply(short="Charles Babbage")).short_ok is False


def test_short_answer_of_13_words_or_none_is_rejected() -> None:
    p = pair(short=("Ada Lovelace",))
    twelve = "Ada Lovelace " + " ".join(["w"] * 10)
    assert score_answer(p, reply(short=twelve)).short_ok is True
    assert score_answer(p, reply(short=twelve + " w")).short_ok is False  # 13 words
    assert score_answer(p, reply(short=None)).short_ok is False
    assert score_answer(pair(), reply(short="Ada Lovelace")).short_ok is None  # no gold short


# --- timelines --------------------------------------------------------------------------


def test_timeline_precision_and_recall_with_a_wrong_entry_and_a_missing_value() -> None:
    p = pair(kind="latest", earlier=("December 2017", "September 2016", "May 2015"))
    answer = reply(
        result(1, "doc-a", GOOD),
        earlier=(
            entry("December 2017"),  # right by what it said
            entry("the autumn", "Launch was put back to September 2016."),  # right by its sentence
            entry("£5 million"),  # another fact: a wrong entry
        ),
    )
    score = score_answer(p, answer)
    assert (score.timeline_entries, score.timeline_right, score.timeline_found) == (3, 2, 2)
    assert score.reasons == ("timeline wrong entry", "timeline missing value")
    metrics = EvalReport((score,)).overall
    assert metrics.timeline_precision == pytest.approx(2 / 3)
    assert metrics.timeline_recall == pytest.approx(2 / 3)


def test_timeline_of_a_fact_that_never_changed_and_of_an_old_row() -> None:
    listed = reply(result(1, "doc-a", GOOD), earlier=(entry("Charles Babbage"),))
    never_changed = score_answer(pair(earlier=()), listed)
    assert never_changed.reasons == ("timeline wrong entry",)
    old_row = score_answer(pair(timeline_known=False), listed)  # a file without `earlier`
    assert old_row.reasons == ()
    metrics = EvalReport((never_changed, old_row)).overall
    assert (metrics.timeline_entries, metrics.timeline_precision) == (1, 0.0)
    nothing = EvalReport((old_row,)).overall
    assert (nothing.timeline_precision, nothing.timeline_recall) == (1.0, 1.0)  # nothing to measure


# --- the report -------------------------------------------------------------------------


def _mixed_report() -> EvalReport:
    return EvalReport(
        (
            score_answer(
                pair("f1", short=("Ada Lovelace",)), reply(result(1, "doc-a", GOOD), short="Ada Lovelace")
            ),
            score_answer(
                pair("f2"),
                reply(result(1, "doc-b", GOOD), result(2, "doc-b", GOOD), result(3, "doc-a", GOOD)),
            ),
            score_answer(pair("c1", category="casual", short=("Ada Lovelace",)), reply(abstained=True)),
            score_answer(pair("c2", category="casual"), reply(result(1, "doc-b", GOOD))),
            score_answer(pair("n1", kind="none"), reply(abstained=True)),
            score_answer(pair("n2", kind="none"), reply(result(1, "doc-b", GOOD))),
            score_answer(pair("w1", category="why_how"), reply(result(1, "doc-a", GOOD))),
        )
    )


def test_metrics_per_category_and_false_abstentions() -> None:
    report = _mixed_report()
    categories = report.by_category()
    assert list(categories) == ["fact", "casual", "why_how", "none"]
    assert [m.n for m in categories.values()] == [2, 2, 1, 2]
    fact, casual, none = categories["fact"], categories["casual"], categories["none"]
    assert fact.hit_at_1 == 0.5
    assert fact.mrr_at_5 == pytest.approx((1 + 1 / 3) / 2)
    assert (fact.short_scored, fact.short_accuracy) == (1, 1.0)
    assert (casual.false_abstentions, casual.hit_at_1, casual.short_accuracy) == (1, 0.0, 0.0)
    assert (none.answerable, none.hit_at_1, none.abstention_accuracy) == (0, None, 0.5)
    assert fact.abstention_accuracy is None
    overall = report.overall
    assert (overall.n, overall.answerable, overall.unanswerable) == (7, 5, 2)
    assert overall.false_abstentions == 1
    assert overall.hit_at_1 == pytest.approx(2 / 5)
    assert report.hit_at_1 == pytest.approx(2 / 5)
    assert report.abstention_accuracy == 0.5


def test_json_lists_each_miss_with_its_reasons() -> None:
    data = json.loads(json.dumps(_mixed_report().to_json()))
    assert data["questions"] == 7 and data["overall"]["false_abstentions"] == 1
    assert list(data["by_category"]) == ["fact", "casual", "why_how", "none"]
    assert data["by_category"]["none"]["hit_at_1"] is None
    reasons = {m["id"]: m["reasons"] for m in data["misses"]}
    assert reasons == {
        "f2": ["rank 3"],
        "c1": ["abstained", "short answer wrong"],
        "c2": ["not in top 5"],
        "n2": ["answered (should abstain)"],
    }
    miss = next(m for m in data["misses"] if m["id"] == "c1")
    assert {"id", "category", "kind", "question", "rank", "abstained", "top", "short"} <= set(miss)
    assert (miss["category"], miss["kind"], miss["abstained"]) == ("casual", "fact", True)


def test_render_has_every_category_and_all_within_100_columns() -> None:
    long = pair("an-id-much-longer-than-the-column-allows", kind="latest", short=("Ada",), earlier=("1999",))
    long = dataclasses.replace(long, question="why " * 80)
    wordy = reply(result(2, "doc-a", GOOD), short="word " * 40, earlier=(entry("2001"),))
    report = EvalReport((*_mixed_report().scores, score_answer(long, wordy)))
    text = render(report)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 100
    firsts = [line.split()[0] for line in lines if line.strip()]
    for name in ["fact", "latest", "casual", "why_how", "none", "all"]:
        assert name in firsts, name
    assert "–" in text  # figures with nothing to measure
    assert "\x1b" not in text
    assert "answered (should abstain)" in text and "rank 3" in text


def test_render_without_misses() -> None:
    report = EvalReport((score_answer(pair(), reply(result(1, "doc-a", GOOD))),))
    text = render(report)
    assert "misses  none" in text
    assert max(len(line) for line in text.splitlines()) <= 100


# --- loading ----------------------------------------------------------------------------


def _write(path: Path, *rows: Mapping[str, object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


NEW_ROW = {
    "id": "a",
    "question": "Who chairs it?",
    "answers": ["Ada Lovelace"],
    "short": ["Ada Lovelace"],
    "docs": ["doc-a"],
    "kind": "latest",
    "earlier": ["Charles Babbage"],
    "category": "casual",
}
OLD_ROW = {"id": "b", "question": "When?", "answers": ["1843"], "docs": ["doc-a"], "kind": "as_of",
           "as_of": "2020-01-01"}  # fmt: skip


def test_load_pairs_reads_the_new_fields(tmp_path: Path) -> None:
    (p,) = load_pairs(_write(tmp_path / "qa.jsonl", NEW_ROW))
    assert (p.short, p.earlier, p.category, p.kind, p.timeline_known) == (
        ("Ada Lovelace",), ("Charles Babbage",), "casual", "latest", True,
    )  # fmt: skip


def test_load_pairs_defaults_for_an_old_file(tmp_path: Path) -> None:
    (p,) = load_pairs(_write(tmp_path / "qa.jsonl", OLD_ROW))
    assert (p.short, p.earlier, p.category, p.as_of, p.timeline_known) == (
        (),
        (),
        "as_of",
        "2020-01-01",
        False,
    )


def test_load_pairs_refuses_a_bad_category_naming_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "qa.jsonl", OLD_ROW, {**NEW_ROW, "category": "trivia"})
    with pytest.raises(TrustbotError) as caught:
        load_pairs(path)
    message = str(caught.value)
    assert f"{path}:2:" in message and "trivia" in message and "\n" not in message


def test_load_pairs_refuses_a_short_that_is_not_a_list(tmp_path: Path) -> None:
    path = _write(tmp_path / "qa.jsonl", {**NEW_ROW, "short": "Ada Lovelace"})
    with pytest.raises(TrustbotError, match=r"qa\.jsonl:1: .*'short'"):
        load_pairs(path)
