"""Train the ranking's two learned parts and write their weights.

1. The reordering (`bot/answer/rerank.py`). Each answerable question of the training
   sets is ranked by the rules alone; every hit among the first `tuning.RERANK_DEPTH` is
   a row of `rerank.features`, labelled by the eval's own test (from one of the
   question's documents, holding one of its answers).
2. The timeline's additions (`bot/answer/related.py`). The same questions, reordered by
   the model of step 1, give the older typed answers the rules did not relate; each is a
   row of `related.features`, labelled by the eval's test of a timeline entry (its value
   or sentence holds one of the question's earlier values).

A logistic regression (scikit-learn) learns each. Before writing anything the script
reports the figures before and after, leaving one corpus out at a time (trained on the
other corpora, scored on the one left out) and, for the reordering, in 5 folds of the
questions. Left out, a corpus's timelines are taken on answers ordered by the
reordering trained without it too; the timeline model's training rows come from the
reordering trained on every corpus.

    .venv/bin/python bench/train.py                # report, then write the two weights modules
    .venv/bin/python bench/train.py --check        # report only
    .venv/bin/python bench/train.py --check --depth 5 --c 0.3
    .venv/bin/python bench/train.py --check --held-out   # also score the held-out sets, totals only
    .venv/bin/python bench/train.py --quick --out-dir /tmp/w   # fit and write only, elsewhere

Needs the `bench` extra (scikit-learn).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answer import Hit, Ranking, learned, shape_answer, tuning  # noqa: E402
from bot.answer.related import candidates, relate  # noqa: E402
from bot.answer.related import feature_names as timeline_names  # noqa: E402
from bot.answer.related import features as timeline_features  # noqa: E402
from bot.answer.rerank import feature_names as order_names  # noqa: E402
from bot.answer.rerank import features as order_features  # noqa: E402
from bot.answer.rerank import movable, rerank  # noqa: E402
from bot.answer.spans import span_value  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.eval import QAPair, load_pairs, normalise, score_answer  # noqa: E402
from bot.eval.scoring import MAX_PASSAGE_WORDS  # noqa: E402
from bot.index import Index  # noqa: E402
from bot.text.dates import PubDate, parse_as_of  # noqa: E402

FOLDS = 5
#: Regularisation of the logistic regressions (scikit-learn's C: smaller is stronger).
DEFAULT_C = 1.0
ANSWER = ROOT / "bot" / "answer"
_CORPORA = ROOT / "tests" / "corpora"
_SEEDS = ROOT / "corpus"

QuestionSet = tuple[str, Path, Path]  # (name, questions, corpus)


def _sets(on_seeds: Sequence[tuple[str, str]], corpora: str) -> tuple[QuestionSet, ...]:
    """Question sets: those about the bundled corpus (name, file in tests/), then the written
    corpora named (each with its own qa.jsonl)."""
    seeds = tuple((name, ROOT / "tests" / path, _SEEDS) for name, path in on_seeds)
    return seeds + tuple((name, _CORPORA / name / "qa.jsonl", _CORPORA / name) for name in corpora.split())


#: The sets the models learn from: those whose misses have been read while building the rules.
TRAINING = _sets(
    (
        ("dev", "qa_dev.jsonl"),
        ("seeds-blind", "eval/qa_seeds_blind.jsonl"),
        ("seeds-blind2", "eval/qa_seeds_blind2.jsonl"),
    ),
    "westmarsh harrowby brackwater ashcombe marrowdale fenmoor kestrel saltmere tallowmoor quarrybank "
    "greyhallow orchardleigh calderholt dunmarsh hartfell kilnbrook cressbrook lindenford gorsebrook "
    "mossgill quillbeck",
)
#: Sets written blind and kept out of every choice, the models' training included.
HELD_OUT = _sets(
    (("seeds-blind3", "eval/qa_seeds_blind3.jsonl"), ("seeds-blind4", "eval/qa_seeds_blind4.jsonl")),
    "pendlecombe rookfield wyvernbus elmsworth haversham thornwick lynchford brantholm ousemere "
    "skerrington vennick ivelbury norbeck yarwell moorhaven corrowby fellgate corvenham hollinsford "
    "sandcliffe dovecote wickhollow pitcombe brindlemoor tenterby alderwick umberfold wendlow",
)

Weights = Mapping[str, float]


@dataclass(frozen=True)
class Asked:
    """One answerable question ranked by the rules, with what both models need of it."""

    corpus: str  # the sets on the bundled corpus are one corpus to leave out
    fold: int
    pair: QAPair
    index: Index
    cutoff: PubDate | None
    ranking: Ranking
    rows: np.ndarray  # rerank features of the first hits
    labels: np.ndarray  # which of them answer
    movable: list[int]


def _answers(pair: QAPair, hit: Hit) -> bool:
    """The eval's test of a passage: from one of the pair's documents, holding one of its answers."""
    text = hit.passage.text
    if hit.document.id not in pair.docs or len(text.split()) > MAX_PASSAGE_WORDS:
        return False
    return any(normalise(a) in normalise(text) for a in pair.answers)


def _earlier(pair: QAPair, ranking: Ranking, hit: Hit) -> bool:
    """The eval's test of a timeline entry: its value or sentence holds an earlier value."""
    said = normalise(span_value(ranking.query.kind, hit.span)) if hit.span is not None else ""
    sentence = normalise(hit.sentence)
    return any(normalise(v) in said or normalise(v) in sentence for v in pair.earlier)


def _fold(pair_id: str, corpus: str) -> int:
    return int(hashlib.sha256(f"{corpus}/{pair_id}".encode()).hexdigest(), 16) % FOLDS


def collect(sets: Sequence[QuestionSet], depth: int) -> list[Asked]:
    """Rank every answerable question of the sets by the rules and read its reordering rows."""
    asked = []
    engines: dict[Path, Engine] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, qa, corpus in sets:
            if corpus not in engines:
                engines[corpus] = Engine.open(corpus, Path(scratch) / str(len(engines)))
            engine = engines[corpus]
            for pair in load_pairs(qa):
                if not pair.answerable:
                    continue
                query, cutoff = engine.analyse(pair.question, parse_as_of(pair.as_of) if pair.as_of else None)
                ranking = engine.ranking(query, cutoff, learned=False)
                cutoff = ranking.as_of or cutoff  # as `Engine.ranking` reads it on
                if ranking.abstained or not ranking.hits:
                    continue
                rows = order_features(engine.index, ranking, cutoff, depth)
                labels = np.array([_answers(pair, h) for h in ranking.hits[:depth]], dtype=np.int64)
                group = "seeds" if corpus == _SEEDS else name
                slots = movable(ranking, depth)
                asked.append(
                    Asked(
                        group, _fold(pair.id, name), pair, engine.index, cutoff, ranking, rows, labels, slots
                    )
                )
    return asked


def fit(rows: Sequence[np.ndarray], labels: Sequence[np.ndarray], c: float, names: Sequence[str]) -> Weights:
    """A logistic regression of the rows' labels, as weights by feature name."""
    matrix, target = np.vstack(rows), np.concatenate(labels)
    # The intercept is a feature column of its own, so it is regularised like the rest.
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=20_000).fit(matrix, target)
    return {name: float(w) for name, w in zip(names, model.coef_[0], strict=True)}


# --- the reordering -------------------------------------------------------------------


def fit_order(asked: Sequence[Asked], c: float) -> Weights:
    """Weights of the reordering, by feature name."""
    return fit([a.rows for a in asked], [a.labels for a in asked], c, order_names())


def _first(weights: Weights, a: Asked) -> int:
    """Whether the hit the model puts first answers (the first stays when it may not move)."""
    if 0 not in a.movable:
        return int(a.labels[0])
    scores = learned.scores(a.rows, weights, order_names())
    # max keeps the first of equal scores, as the stable sort in `rerank` does.
    return int(a.labels[max(a.movable, key=lambda j: scores[j])])


def report_order(name: str, asked: Sequence[Asked], weights_of: Callable[[Asked], Weights]) -> None:
    """Print hit@1 before and after, each question scored by the weights `weights_of` gives it."""
    before = sum(int(a.labels[0]) for a in asked)
    after = sum(_first(weights_of(a), a) for a in asked)
    print(f"{name:>34}: {len(asked)} ranked, right at rank 1 {before} -> {after} ({after - before:+d})")


# --- the timeline ---------------------------------------------------------------------


@dataclass(frozen=True)
class Timeline:
    """One question's reordered ranking and the older answers the timeline model decides."""

    asked: Asked
    ranking: Ranking
    rows: np.ndarray
    labels: np.ndarray


def timelines(asked: Sequence[Asked], order: Weights) -> list[Timeline]:
    """Each question reordered by `order`, with its timeline candidates' rows and labels."""
    out = []
    for a in asked:
        ranking = rerank(a.index, a.ranking, a.cutoff, order)
        older = [] if ranking.query.why else candidates(ranking)
        rows = timeline_features(a.index, ranking, older, a.cutoff)
        labels = np.array([_earlier(a.pair, ranking, h) for h in older], dtype=np.int64)
        out.append(Timeline(a, ranking, rows, labels))
    return out


def fit_timeline(lines: Sequence[Timeline], c: float) -> Weights:
    """Weights of the timeline's additions, by feature name."""
    used = [t for t in lines if len(t.labels) and t.asked.pair.timeline_known]
    return fit([t.rows for t in used], [t.labels for t in used], c, timeline_names())


def _entries(t: Timeline, weights: Weights | None) -> tuple[int, int, int]:
    ranking = t.ranking if weights is None else relate(t.asked.index, t.ranking, t.asked.cutoff, weights)
    score = score_answer(t.asked.pair, shape_answer(ranking, t.asked.pair.question, t.asked.cutoff, 5))
    return score.timeline_entries, score.timeline_right, score.timeline_found or 0


def report_timeline(name: str, lines: Sequence[Timeline], weights_of: Callable[[Timeline], Weights]) -> None:
    """Print timeline precision and recall by the rules alone and with the model's additions."""
    lines = [t for t in lines if t.asked.pair.timeline_known]  # as the eval scores timelines
    values = sum(len(t.asked.pair.earlier) for t in lines)
    for label, weights in (("rules", None), ("model", weights_of)):
        got = [_entries(t, None if weights is None else weights(t)) for t in lines]
        entries, right, found = (sum(g[k] for g in got) for k in range(3))
        print(
            f"{name + ', ' + label:>34}: entries {entries}, right {right} "
            f"(precision {right / (entries or 1):.3f}), earlier values {found}/{values} "
            f"(recall {found / (values or 1):.3f})"
        )


# --- main -----------------------------------------------------------------------------


def _by_corpus(items: Sequence[Asked]) -> Iterator[str]:
    yield from sorted({a.corpus for a in items})


def _report(
    asked: Sequence[Asked],
    lines: Sequence[Timeline],
    corpora: Sequence[str],
    order: Weights,
    args: argparse.Namespace,
) -> None:
    """Print the figures of both models: left one corpus out, in folds, and as fitted."""
    if len(corpora) > 1:
        loco = {c: fit_order([a for a in asked if a.corpus != c], args.c) for c in corpora}
        report_order("order, leave one corpus out", asked, lambda a: loco[a.corpus])
    folds = {f: fit_order([a for a in asked if a.fold != f], args.c) for f in range(FOLDS)}
    report_order("order, 5 folds of the questions", asked, lambda a: folds[a.fold])
    report_order("order, trained on all (fit)", asked, lambda a: order)
    if len(corpora) > 1:
        # Each corpus left out is ordered by the reordering trained without it, too.
        left_out = [t for c in corpora for t in timelines([a for a in asked if a.corpus == c], loco[c])]
        models = {c: fit_timeline([t for t in lines if t.asked.corpus != c], args.c) for c in corpora}
        report_timeline("timeline, leave one corpus out", left_out, lambda t: models[t.asked.corpus])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only; write no weights")
    parser.add_argument("--depth", type=int, default=tuning.RERANK_DEPTH, help="hits reordered per question")
    parser.add_argument("--c", type=float, default=DEFAULT_C, help="scikit-learn's C")
    parser.add_argument("--held-out", action="store_true", help="also score the held-out sets (totals only)")
    parser.add_argument("--only", nargs="+", metavar="SET", help="train on these of the training sets only")
    parser.add_argument("--out-dir", type=Path, default=ANSWER, help="where to write the weights modules")
    parser.add_argument("--quick", action="store_true", help="fit and write only; report nothing")
    args = parser.parse_args(argv)
    if args.depth < 2:
        parser.error("--depth must be at least 2: one hit has nothing to trade places with")
    if args.c <= 0:
        parser.error("--c must be above 0")
    training = [s for s in TRAINING if not args.only or s[0] in args.only]
    if args.only and len(training) != len(set(args.only)):
        names = " ".join(s[0] for s in TRAINING)
        parser.error(f"--only names sets that are not training sets; they are: {names}")
    if not args.check and args.depth != tuning.RERANK_DEPTH:
        parser.error(f"weights for --depth {args.depth} need tuning.RERANK_DEPTH set to it first")
    tuning.RERANK_DEPTH = args.depth  # the reordering's own depth, for --check at another

    asked = collect(training, args.depth)
    corpora = list(_by_corpus(asked))
    order = fit_order(asked, args.c)
    lines = timelines(asked, order)
    timeline = fit_timeline(lines, args.c)
    if not args.quick:
        _report(asked, lines, corpora, order, args)
    if args.held_out:
        held = collect(HELD_OUT, args.depth)
        report_order("order, held-out sets", held, lambda a: order)
        report_timeline("timeline, held-out sets", timelines(held, order), lambda t: timeline)
    if not args.check:
        what = f"Trained on {len(training)} question sets with --depth {args.depth} --c {args.c}."
        _write(args.out_dir / "rerank_model.py", "The learned reordering's weights", what, order)
        _write(args.out_dir / "related_model.py", "The timeline model's weights", what, timeline)
        print(f"wrote rerank_model.py and related_model.py in {args.out_dir}")
    return 0


def _write(path: Path, title: str, what: str, weights: Mapping[str, float]) -> None:
    lines = [f'    "{n}": {w!r},' for n, w in weights.items()]
    path.write_text(
        f'"""{title}: written by `bench/train.py`; do not edit.\n\n{what}\nImports nothing.\n"""\n\n'
        "from __future__ import annotations\n\n"
        "WEIGHTS: dict[str, float] = {\n" + "\n".join(lines) + "\n}\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    raise SystemExit(main())
