"""Train the learned reordering of `bot/answer/rerank.py` and write its weights.

Each answerable question of the training sets is ranked by the rules alone; every hit
among the first `tuning.RERANK_DEPTH` is a row of `rerank.features`, labelled by the
eval's own test (from one of the question's documents, holding one of its answers). A
logistic regression (scikit-learn) learns which rows answer. Before writing anything it
reports hit@1 before and after, leaving one corpus out at a time (the model is trained
on the other corpora and scored on the one left out) and in 5 folds of the questions.

    .venv/bin/python bench/train_rerank.py            # report, then write bot/answer/rerank_model.py
    .venv/bin/python bench/train_rerank.py --check    # report only
    .venv/bin/python bench/train_rerank.py --check --depth 5 --c 0.3
    .venv/bin/python bench/train_rerank.py --check --held-out
                                                      # also score the held-out sets, totals only

Needs the `bench` extra (scikit-learn).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answer import Hit, tuning  # noqa: E402
from bot.answer.rerank import feature_names, features, movable  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.eval import QAPair, load_pairs, normalise  # noqa: E402
from bot.eval.scoring import MAX_PASSAGE_WORDS  # noqa: E402
from bot.text.dates import parse_as_of  # noqa: E402

FOLDS = 5
#: Regularisation of the logistic regression (scikit-learn's C: smaller is stronger).
DEFAULT_C = 1.0
MODEL_FILE = ROOT / "bot" / "answer" / "rerank_model.py"
_CORPORA = ROOT / "tests" / "corpora"
_SEEDS = ROOT / "corpus"

#: The sets the model learns from: those whose misses have been read while building the
#: rules. Each is (name, questions, corpus).
TRAINING = (
    ("dev", ROOT / "tests" / "qa_dev.jsonl", _SEEDS),
    ("seeds-blind", ROOT / "tests" / "eval" / "qa_seeds_blind.jsonl", _SEEDS),
    ("seeds-blind2", ROOT / "tests" / "eval" / "qa_seeds_blind2.jsonl", _SEEDS),
    *(
        (name, _CORPORA / name / "qa.jsonl", _CORPORA / name)
        for name in (
            "westmarsh harrowby brackwater ashcombe marrowdale fenmoor kestrel saltmere tallowmoor "
            "quarrybank greyhallow orchardleigh calderholt dunmarsh hartfell kilnbrook cressbrook "
            "lindenford"
        ).split()
    ),
)
#: Sets written blind and kept out of every choice, the model's training included.
HELD_OUT = (
    ("seeds-blind3", ROOT / "tests" / "eval" / "qa_seeds_blind3.jsonl", _SEEDS),
    ("seeds-blind4", ROOT / "tests" / "eval" / "qa_seeds_blind4.jsonl", _SEEDS),
    *(
        (name, _CORPORA / name / "qa.jsonl", _CORPORA / name)
        for name in (
            "pendlecombe rookfield wyvernbus elmsworth haversham thornwick lynchford brantholm "
            "ousemere skerrington vennick ivelbury norbeck yarwell moorhaven corrowby fellgate corvenham"
        ).split()
    ),
)


@dataclass(frozen=True)
class Question:
    """One ranked question: its set, fold, feature rows, which rows answer it, and which the
    model may move."""

    corpus: str
    fold: int
    rows: np.ndarray
    labels: np.ndarray
    movable: list[int]


def _answers(pair: QAPair, hit: Hit) -> bool:
    """The eval's test of a passage: from one of the pair's documents, holding one of its answers."""
    text = hit.passage.text
    if hit.document.id not in pair.docs or len(text.split()) > MAX_PASSAGE_WORDS:
        return False
    return any(normalise(a) in normalise(text) for a in pair.answers)


def _fold(pair_id: str, corpus: str) -> int:
    return int(hashlib.sha256(f"{corpus}/{pair_id}".encode()).hexdigest(), 16) % FOLDS


def collect(sets: Sequence[tuple[str, Path, Path]], depth: int) -> list[Question]:
    """Rank every answerable question of the sets by the rules and read its feature rows."""
    questions = []
    engines: dict[Path, Engine] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name, qa, corpus in sets:
            if corpus not in engines:
                engines[corpus] = Engine.open(corpus, Path(scratch) / str(len(engines)))
            engine = engines[corpus]
            for pair in load_pairs(qa):
                if not pair.answerable:
                    continue
                asked = parse_as_of(pair.as_of) if pair.as_of else None
                query, cutoff = engine.analyse(pair.question, asked)
                ranking = engine.ranking(query, cutoff, learned=False)
                if ranking.abstained or not ranking.hits:
                    continue
                rows = features(engine.index, ranking, cutoff, depth)
                labels = np.array([_answers(pair, h) for h in ranking.hits[:depth]], dtype=np.int64)
                # Seeds sets share one corpus: they are one corpus to leave out.
                group = "seeds" if corpus == _SEEDS else name
                slots = movable(ranking, depth)
                questions.append(Question(group, _fold(pair.id, name), rows, labels, slots))
    return questions


def fit(questions: Sequence[Question], c: float) -> LogisticRegression:
    """A logistic regression of the rows' labels."""
    rows = np.vstack([q.rows for q in questions])
    labels = np.concatenate([q.labels for q in questions])
    # The intercept is a feature column of its own, so it is regularised like the rest.
    return LogisticRegression(C=c, fit_intercept=False, max_iter=20_000).fit(rows, labels)


def _first(model: LogisticRegression, question: Question) -> int:
    """Whether the hit the model puts first answers (the first stays when it may not move)."""
    if 0 not in question.movable:
        return int(question.labels[0])
    scores = question.rows @ model.coef_[0]
    # max keeps the first of equal scores, as the stable sort in `rerank` does.
    best = max(question.movable, key=lambda j: scores[j])
    return int(question.labels[best])


def report(
    name: str, questions: Sequence[Question], model_of: Callable[[Question], LogisticRegression]
) -> None:
    """Print hit@1 before and after, each question scored by the model `model_of` gives it."""
    before = sum(int(q.labels[0]) for q in questions)
    after = sum(_first(model_of(q), q) for q in questions)
    print(f"{name:>26}: {len(questions)} ranked, right at rank 1 {before} -> {after} ({after - before:+d})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only; write no weights")
    parser.add_argument("--depth", type=int, default=tuning.RERANK_DEPTH, help="hits reordered per question")
    parser.add_argument(
        "--c", type=float, default=DEFAULT_C, help="scikit-learn's C (inverse regularisation)"
    )
    parser.add_argument("--held-out", action="store_true", help="also score the held-out sets (totals only)")
    parser.add_argument("--only", nargs="+", metavar="SET", help="train on these of the training sets only")
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="where to write the weights module")
    args = parser.parse_args(argv)
    training = [s for s in TRAINING if not args.only or s[0] in args.only]
    if args.only and len(training) != len(set(args.only)):
        parser.error(
            f"--only names sets that are not training sets; they are: {' '.join(s[0] for s in TRAINING)}"
        )
    if not args.check and args.depth != tuning.RERANK_DEPTH:
        parser.error(f"weights for --depth {args.depth} need tuning.RERANK_DEPTH set to it first")

    questions = collect(training, args.depth)
    loco = {c: fit([q for q in questions if q.corpus != c], args.c) for c in {q.corpus for q in questions}}
    report("leave one corpus out", questions, lambda q: loco[q.corpus])
    folds = {f: fit([q for q in questions if q.fold != f], args.c) for f in range(FOLDS)}
    report("5 folds of the questions", questions, lambda q: folds[q.fold])
    model = fit(questions, args.c)
    report("trained on all (fit)", questions, lambda q: model)
    if args.held_out:
        report("held-out sets", collect(HELD_OUT, args.depth), lambda q: model)
    if not args.check:
        _write(model, args, len(training))
        print(f"wrote {args.out}")
    return 0


def _write(model: LogisticRegression, args: argparse.Namespace, sets: int) -> None:
    names = feature_names()
    lines = [f'    "{n}": {float(w)!r},' for n, w in zip(names, model.coef_[0], strict=True)]
    args.out.write_text(
        '"""The learned reordering\'s weights: written by `bench/train_rerank.py`; do not edit.\n\n'
        f"Trained on {sets} question sets with --depth {args.depth} --c {args.c}.\n"
        "Imports nothing.\n"
        '"""\n\n'
        "from __future__ import annotations\n\n"
        "WEIGHTS: dict[str, float] = {\n" + "\n".join(lines) + "\n}\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    raise SystemExit(main())
