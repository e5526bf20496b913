"""How many of a question set's short answers any extract of the documents could give.

A short answer is scored right when it holds one of the question's `short` strings. When
no document the question names holds any of them word for word (after the eval's folding
of case, quotes and spaces), only a reworded answer can be right: the gold is
abstractive ("workforce flexibility" for "the flexibility it can give in relation to
the workforce"). The share of answerable questions whose gold is found is the ceiling of
an answer cut from the text; trustbot goes a little above it only where it adds words of
its own ("yes —", a relative date resolved).

    .venv/bin/python bench/short_ceiling.py                                  # the dev set
    .venv/bin/python bench/short_ceiling.py --set tests/corpora/westmarsh/qa.jsonl tests/corpora/westmarsh
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.corpus import load_corpus  # noqa: E402
from bot.eval import load_pairs, normalise  # noqa: E402

DEFAULT_SET = (ROOT / "tests" / "qa_dev.jsonl", ROOT / "corpus")


def ceiling(qa: Path, corpus: Path) -> tuple[Counter[str], Counter[str]]:
    """Per category: answerable questions, and those whose gold short is in their documents."""
    texts = {d.id: normalise(f"{d.title}\n{d.text}") for d in load_corpus(corpus).documents}
    asked: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for pair in load_pairs(qa):
        if not pair.answerable:
            continue
        asked[pair.category] += 1
        body = "\n".join(texts.get(doc, "") for doc in pair.docs)
        found[pair.category] += any(normalise(s) in body for s in pair.short)
    return asked, found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", nargs=2, metavar=("QA", "CORPUS"), type=Path, default=DEFAULT_SET)
    args = parser.parse_args(argv)
    asked, found = ceiling(*args.set)
    for category in sorted(asked):
        print(f"{category:>8}: {found[category]}/{asked[category]} gold short answers in their documents")
    total, hit = sum(asked.values()), sum(found.values())
    print(f"{'all':>8}: {hit}/{total} = {hit / total if total else 0:.3f}, the ceiling of an extract")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
