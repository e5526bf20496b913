"""Cross-validate the ranking's tuned constants on question–answer sets.

For each constant, every value of its grid is tried on the whole set once (the others
at their defaults), and each question's outcome is kept: right at rank 1 (or, for a
question the documents cannot answer, abstained) and short answer right. Then, for 5
folds of the questions, the value is chosen on four fifths and scored on the fifth; the
cross-validated figure is the share right over all held-out fifths. A constant whose
dev figure is far above its cross-validated one fits the questions, not the kind.

    .venv/bin/python bench/crossval.py                         # the dev set
    .venv/bin/python bench/crossval.py --set tests/corpora/westmarsh/qa.jsonl tests/corpora/westmarsh
    .venv/bin/python bench/crossval.py --json results.json     # also write the figures
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answer import query, short, tuning, wording  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.eval import QAPair, evaluate, load_pairs  # noqa: E402

FOLDS = 5
#: The constants of `bot.answer.tuning` tuned on the dev set, each with the values tried.
GRIDS: dict[str, tuple[float, ...]] = {
    "COMPARABLE": (0.4, 0.5, 0.6, 0.75, 0.9),
    "COMPARABLE_UNTYPED": (0.5, 0.6, 0.75, 0.9),
    "COMPARABLE_LATEST": (0.2, 0.3, 0.4, 0.5, 0.6),
    "COMPARABLE_UNTYPED_LATEST": (0.5, 0.6, 0.7, 0.8, 0.9),
    "MIN_COVERAGE": (0.25, 0.3, 0.35, 0.4, 0.5),
    "UNKNOWN_WEIGHT": (0.0, 0.25, 0.5, 1.0),
    "SUBJECT_WEIGHT": (0.25, 0.5, 1.0),
    "ROLE_QUALIFIER_SHARE": (0.34, 0.5, 0.67),
    "LINK_WINDOW": (4, 6, 8, 10),
    "RELATED": (0.4, 0.5, 0.6, 0.75, 0.9),
    "FALLBACK_COVERAGE": (0.4, 0.5, 0.6, 0.7, 0.8),
    "UNKNOWN_SHARE": (0.34, 0.5, 0.67, 1.01),
    "POST_BESIDE": (2, 3, 4, 5),
    "GAP_WORDS": (4, 6, 8, 10, 12),
    "CAUSE_REACH": (2, 4, 6),
    "MISSPELT_ZIPF": (4.0, 4.5, 5.0, 5.5, 6.0),
    "SPECIFIC_ZIPF": (3.5, 4.0, 4.3, 4.5, 5.0, 9.0),
    "TITLE_GAP": (1, 2, 3),
    "APPOSITION_GAP": (2, 3, 4, 6),
    "CORRECTED_ZIPF": (3.5, 4.0, 4.5, 5.0, 9.0),
    "MISSPELT_MIN_LETTERS": (4, 5, 6, 7, 8, 99),
    "CANDIDATES": (40, 50, 60, 80),
    "NAME_ZIPF": (3.5, 4.0, 4.5, 5.0, 9.0),
    "SAME_FACT": (0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
}
#: Constants of `bot.answer.short`: judged by the share of short answers right, not by rank.
SHORT_CONSTANTS = frozenset({"GAP_WORDS"})
#: Constants of `bot.answer.wording` (what counts as ordinary English), judged by rank.
WORDING_CONSTANTS = frozenset({"MISSPELT_ZIPF", "CORRECTED_ZIPF"})
#: Constants of `bot.answer.query` (how a question's words are read), judged by rank.
QUERY_CONSTANTS = frozenset({"MISSPELT_MIN_LETTERS"})
#: Constants of the timeline: judged per question by earlier values found less wrong entries.
TIMELINE_CONSTANTS = frozenset({"RELATED", "CANDIDATES"})
DEFAULT_SET = (ROOT / "tests" / "qa_dev.jsonl", ROOT / "corpus")


def _fold(pair: QAPair) -> int:
    """A question's fold, fixed by its id so that runs agree."""
    return int(hashlib.sha256(pair.id.encode()).hexdigest(), 16) % FOLDS


def _outcomes(engine: Engine, pairs: Sequence[QAPair]) -> list[float]:
    """Per question: 1 when right at rank 1 (or rightly abstained), plus half for the short answer."""
    report = evaluate(engine, list(pairs))
    out = []
    for score in report.scores:
        right = score.abstained if not score.pair.answerable else score.rank == 1
        out.append(float(right) + (0.5 if score.short_ok else 0.0))
    return out


def _timeline_outcomes(engine: Engine, pairs: Sequence[QAPair]) -> list[float]:
    """Per question with a timeline: the share of its earlier values found, less the share
    of the timeline's entries that report another fact; 0 for the others."""
    report = evaluate(engine, list(pairs))
    out = []
    for score in report.scores:
        if not score.timeline_scored:
            out.append(0.0)
            continue
        found = score.timeline_found / len(score.pair.earlier) if score.pair.earlier else 0.0
        wrong = (
            (score.timeline_entries - score.timeline_right) / score.timeline_entries
            if score.timeline_entries
            else 0.0
        )
        out.append(found - wrong)
    return out


def _accuracy(values: Sequence[float], of_short: bool = False, of_timeline: bool = False) -> float:
    """Share right at rank 1 or, for a short-answer constant, share of short answers right;
    for a timeline constant, the mean timeline score."""
    if of_timeline:
        return sum(values) / len(values) if values else 0.0
    right = [(v % 1.0 == 0.5) if of_short else v >= 1.0 for v in values]
    return sum(right) / len(right) if right else 0.0


def cross_validate(qa: Path, corpus: Path, only: Sequence[str] = ()) -> dict[str, dict[str, object]]:
    """Each constant's default, its dev figure, the best value on the whole set, and its
    5-fold cross-validated figure (of the constants named in `only`, if any)."""
    pairs = load_pairs(qa)
    folds = [_fold(p) for p in pairs]
    with tempfile.TemporaryDirectory() as index_dir:
        engine = Engine.open(corpus, Path(index_dir))
        results: dict[str, dict[str, object]] = {}
        for name, grid in GRIDS.items():
            if only and name not in only:
                continue
            module = (
                short
                if name in SHORT_CONSTANTS
                else wording
                if name in WORDING_CONSTANTS
                else query
                if name in QUERY_CONSTANTS
                else tuning
            )
            of_short = name in SHORT_CONSTANTS
            default = getattr(module, name)
            of_timeline = name in TIMELINE_CONSTANTS
            table: dict[float, list[float]] = {}
            for value in sorted({*grid, default}):
                setattr(module, name, value)
                wording.is_common_english.cache_clear()  # its verdicts depend on MISSPELT_ZIPF
                try:
                    table[value] = (_timeline_outcomes if of_timeline else _outcomes)(engine, pairs)
                finally:
                    setattr(module, name, default)
                    wording.is_common_english.cache_clear()
            held_out: list[float] = []
            chosen = []
            for k in range(FOLDS):
                train = [i for i, f in enumerate(folds) if f != k]
                test = [i for i, f in enumerate(folds) if f == k]
                # Ties go to the default: a value must earn a change.
                best = max(table, key=lambda v: (sum(table[v][i] for i in train), v == default))
                chosen.append(best)
                held_out.extend(table[best][i] for i in test)
            best_all = max(table, key=lambda v: (sum(table[v]), v == default))
            results[name] = {
                "default": default,
                "dev": round(_accuracy(table[default], of_short, of_timeline), 3),
                "best": best_all,
                "best_dev": round(_accuracy(table[best_all], of_short, of_timeline), 3),
                "cv": round(_accuracy(held_out, of_short, of_timeline), 3),
                "chosen_per_fold": chosen,
            }
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Print each constant's dev and cross-validated figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", nargs=2, metavar=("QA_JSONL", "CORPUS"), type=Path, default=DEFAULT_SET)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--only", nargs="+", choices=sorted(GRIDS), default=(), help="just these constants")
    args = parser.parse_args(argv)
    qa, corpus = args.set
    results = cross_validate(qa, corpus, args.only)
    print(f"{qa} over {corpus}: share right at rank 1 or rightly abstained")
    print("(for GAP_WORDS: share of all rows whose short answer is right; for RELATED: mean over")
    print(" rows of the share of earlier values found less the share of wrong timeline entries)")
    header = f"{'constant':22} {'default':>8} {'dev':>6} {'best':>6} {'its dev':>8} {'5-fold CV':>10}"
    print(f"{header}  chosen per fold")
    for name, r in results.items():
        print(
            f"{name:22} {r['default']!s:>8} {r['dev']:>6.3f} {r['best']!s:>6} {r['best_dev']:>8.3f}"
            f" {r['cv']:>10.3f}  {r['chosen_per_fold']}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
