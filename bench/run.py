"""Benchmark trustbot's retrieval against plain rank-bm25 and bm25s on synthetic corpora.

    .venv/bin/python bench/run.py [--sizes 1000 10000 100000] [--full] [--seed N]
                                  [--queries N] [--json PATH]

For each size, with a fixed seed, it writes a dated synthetic corpus (Zipf-distributed
words, passages of 40-120 words, ten per document file) and a query set drawn from it
(2-8 words, some with the passage's rarest word, some with a typo). Then, each system
in its own child process (so one's memory does not count against another):

- trustbot: `load_corpus` + `build_index` + `save_index` (the real build path, from the
  files), index size on disk, `load_index` time (which checks every file whole against its
  checksum; the check alone is reported too, and a load with the index's files dropped from
  the page cache first, as after a reboot), and the latency of `Index.top(terms, k=10)`,
  the fast path that feeds trustbot's re-ranking, plus that of a full `Engine.ask`;
- rank-bm25: `BM25Okapi(k1=1.2, b=0.75, epsilon=0)` over the same terms, and the latency
  of `get_scores` + a stable sort (a limited number of queries on large corpora: slow);
- bm25s: `BM25(method="atire", idf_method="robertson")`, the same variant, index, save,
  `load(mmap=True)` and `retrieve(k=10)` latency (numpy backend, one thread).

All three get the same terms (trustbot's tokeniser), and the build times include
tokenising. Latencies are warm (each query run once before the timed pass), single
thread. Peak memory is the child's peak resident set size (`ru_maxrss`), including
reading the corpus (generated in a child process of its own, so that the benchmark's own
memory counts against no system). It checks that trustbot's top-10 equals rank-bm25's (same passages,
same order, scores within 1e-6) on every query rank-bm25 ran, and times the cold start of
the real `trustbot ask` command on the bundled corpus and on the generated ones.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_SIZES = (1_000, 10_000, 100_000)
FULL_SIZE = 1_000_000
DEFAULT_SEED = 20261124
DEFAULT_QUERIES = 200
#: Words drawn for the synthetic language; the Zipf law makes most of them rare.
VOCABULARY_SIZE = 200_000
ZIPF_EXPONENT = 1.07
#: The most frequent "words" are English function words, as in real text.
FUNCTION_WORDS = "the of and to a in is for that on was with as by at it from be has this are an will".split()
PASSAGE_WORDS = (40, 120)
PASSAGES_PER_DOCUMENT = 10
QUERY_WORDS = (2, 8)
RARE_SHARE = 0.3  # queries that include their source passage's rarest word
TYPO_SHARE = 0.1  # queries with two letters of one word swapped
TOP = 10
TOLERANCE = 1e-6
#: rank-bm25 scores every passage in Python: it gets this many passage-queries of work per size.
REFERENCE_BUDGET = 5_000_000
MIN_REFERENCE_QUERIES = 10
COLD_RUNS = 5
#: Larger corpora are not written as files: trustbot builds from the same documents in
#: memory (its build path minus reading and cleaning files), and no cold start is timed.
FILE_CORPUS_LIMIT = 100_000
ASK_QUERIES = 50  # full Engine.ask calls timed per size (each reads 40 candidates closely)
SYSTEMS = ("trustbot", "rank-bm25", "bm25s")
BUNDLED_QUESTION = "when will the trust go live?"
TRUSTBOT = Path(sys.executable).parent / "trustbot"


# --- the synthetic corpus ---------------------------------------------------------------


def _make_vocabulary(rng: np.random.Generator, size: int) -> list[str]:
    """Distinct pronounceable lower-case words, function words first."""
    onsets = [*"bcdfghjklmnprstvwz", "br", "ch", "cl", "dr", "gr", "pl", "sh", "st", "th", "tr"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
    codas = ["", "", "n", "r", "s", "l", "t", "m", "nd", "st"]
    seen = set(FUNCTION_WORDS)
    out = list(FUNCTION_WORDS)
    while len(out) < size:
        batch = size  # draw a batch of candidates at once; duplicates are dropped
        syllables = rng.integers(1, 4, size=batch)
        parts = [
            (
                rng.integers(len(onsets), size=batch),
                rng.integers(len(vowels), size=batch),
                rng.integers(len(codas), size=batch),
            )
            for _ in range(3)
        ]
        for i in range(batch):
            word = "".join(
                onsets[parts[s][0][i]] + vowels[parts[s][1][i]] + codas[parts[s][2][i]]
                for s in range(syllables[i])
            )
            if word not in seen and len(word) >= 3:
                seen.add(word)
                out.append(word)
                if len(out) == size:
                    break
    return out


def generate_corpus(size: int, seed: int, folder: Path, write: bool) -> tuple[list[str], list[str]]:
    """`size` passages, in order, and each document's date; written as document files when asked."""
    rng = np.random.default_rng(seed)
    vocabulary = _make_vocabulary(rng, VOCABULARY_SIZE)
    ranks = np.arange(1, VOCABULARY_SIZE + 1, dtype=np.float64)
    cdf = np.cumsum(ranks**-ZIPF_EXPONENT)
    cdf /= cdf[-1]
    folder.mkdir(parents=True, exist_ok=True)
    words = np.array(vocabulary, dtype=object)
    passages: list[str] = []
    dates: list[str] = []
    first_day = dt.date(2015, 1, 1).toordinal()
    for doc in range(0, size, PASSAGES_PER_DOCUMENT):
        count = min(PASSAGES_PER_DOCUMENT, size - doc)
        lengths = rng.integers(PASSAGE_WORDS[0], PASSAGE_WORDS[1] + 1, size=count)
        drawn = words[np.searchsorted(cdf, rng.random(int(lengths.sum())))]
        paragraphs = []
        at = 0
        for length in lengths.tolist():
            chunk = drawn[at : at + length].tolist()
            at += length
            chunk[0] = chunk[0].capitalize()
            paragraphs.append(" ".join(chunk) + ".")
        passages.extend(paragraphs)
        published = dt.date.fromordinal(first_day + int(rng.integers(0, 5 * 365)))
        dates.append(published.isoformat())
        if not write:
            continue
        header = f"---\ntitle: Synthetic paper {doc // PASSAGES_PER_DOCUMENT}\npublished: {published}\n"
        body = "\n\n".join(paragraphs)
        (folder / f"doc{doc // PASSAGES_PER_DOCUMENT:07d}.txt").write_text(
            header + "source: Synthetic Council\n---\n" + body + "\n", encoding="utf-8"
        )
    return passages, dates


def generate_queries(passages: Sequence[str], count: int, seed: int) -> list[str]:
    """Queries of 2-8 words drawn from random passages, some rare words, some typos."""
    from collections import Counter

    rng = np.random.default_rng(seed + 1)
    frequency: Counter[str] = Counter()
    for text in passages:
        frequency.update(text.lower().rstrip(".").split())
    queries = []
    for _ in range(count):
        source = passages[int(rng.integers(len(passages)))].lower().rstrip(".").split()
        n = int(rng.integers(QUERY_WORDS[0], QUERY_WORDS[1] + 1))
        chosen = [source[int(i)] for i in rng.choice(len(source), size=min(n, len(source)), replace=False)]
        if rng.random() < RARE_SHARE:
            chosen[-1] = min(source, key=lambda w: frequency[w])
        if rng.random() < TYPO_SHARE:
            long = [i for i, w in enumerate(chosen) if len(w) >= 5]
            if long:
                i = long[int(rng.integers(len(long)))]
                w = chosen[i]
                j = int(rng.integers(1, len(w) - 2))
                chosen[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        queries.append(" ".join(chosen))
    return queries


# --- the systems, each run in a child process ---------------------------------------------


def _timed_queries(
    run: Callable[[list[str]], Any], queries: list[list[str]]
) -> tuple[list[Any], list[float]]:
    """Results and latencies (ms) of queries, each run once to warm up first."""
    for terms in queries:
        run(terms)
    results, latencies = [], []
    for terms in queries:
        start = time.perf_counter()
        result = run(terms)
        latencies.append((time.perf_counter() - start) * 1000)
        results.append(result)
    return results, latencies


def _write_work(work: Path, size: int, seed: int, queries: int, write_files: bool) -> None:
    """The corpus of `size` passages (as files when asked), its dates, passages and queries."""
    passages, dates = generate_corpus(size, seed, work / "corpus", write_files)
    (work / "dates.json").write_text(json.dumps(dates), encoding="utf-8")
    drawn = generate_queries(passages, queries, seed)
    (work / "queries.json").write_text(json.dumps(drawn), encoding="utf-8")
    (work / "passages.txt").write_text("".join(p + "\n" for p in passages), encoding="utf-8")


def generate(work: Path, size: int, seed: int, queries: int, write_files: bool) -> None:
    """Write a size's corpus and queries into `work`, in a child process.

    Linux keeps a process's peak memory across exec, and a child started by `subprocess`
    shares its parent's memory until it execs: every system's child would report at
    least this process's own peak as its peak. Generating 1M passages here would floor
    every system's figure at about 2.2 GB, whatever it used itself.
    """
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    child = multiprocessing.get_context(method).Process(
        target=_write_work, args=(work, size, seed, queries, write_files)
    )
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit(f"bench: generating {size:,} passages failed (exit {child.exitcode})")


def _evict(folder: Path) -> bool:
    """Drop a folder's files from the page cache, as after a reboot; False where that cannot be done.

    Only clean pages go (the files were synced when saved), and pages this process has
    mapped stay: call it with none of the folder's files mapped.
    """
    if not hasattr(os, "posix_fadvise"):
        return False
    for path in folder.iterdir():
        if path.is_file():
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
                os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(descriptor)
    return True


def _read_passages(work: Path) -> Iterator[str]:
    """The generated passages, one per line (none holds a line break), read lazily."""
    with (work / "passages.txt").open(encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\n")


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _tokenized_corpus(work: Path) -> tuple[list[list[str]], list[list[str]]]:
    from bot.text.tokens import tokenize

    queries = json.loads((work / "queries.json").read_text(encoding="utf-8"))
    return [tokenize(p) for p in _read_passages(work)], [tokenize(q) for q in queries]


def _documents_in_memory(work: Path, making: list[float]) -> Iterator[Any]:
    """The documents `generate_corpus` would have written, as `load_corpus` reads them, made
    one at a time as the build reads them (the seconds spent making them added to `making`)."""
    from bot.corpus import Document
    from bot.text.dates import parse_published

    lines = _read_passages(work)
    dates = json.loads((work / "dates.json").read_text(encoding="utf-8"))
    for n, date in enumerate(dates):
        started = time.perf_counter()
        paragraphs = list(itertools.islice(lines, PASSAGES_PER_DOCUMENT))
        document = Document(
            id=f"doc{n:07d}",
            title=f"Synthetic paper {n}",
            text="\n\n".join(paragraphs),
            publisher="Synthetic Council",
            published=parse_published(date),
            date_source="front matter",
        )
        making[0] += time.perf_counter() - started
        yield document


def worker_trustbot(work: Path, limit: int) -> dict[str, Any]:
    """trustbot: build from the files, save, load, query."""
    from bot.corpus import fingerprint, load_corpus
    from bot.engine import Engine
    from bot.index import build_index, corpus_signature, load_index, save_index, verify_index
    from bot.text.tokens import tokenize

    corpus_dir, index_dir = work / "corpus", work / "index"
    start = time.perf_counter()
    signature = None
    making = [0.0]  # seconds spent making in-memory documents during the build
    if any(corpus_dir.iterdir()):  # as Engine.open builds: signature, fingerprint, load
        signature = corpus_signature(corpus_dir)
        print_ = fingerprint(corpus_dir)
        corpus = load_corpus(corpus_dir)
    else:  # too large to write as files: the same documents, made in memory as they are read
        corpus, print_ = _documents_in_memory(work, making), "in-memory"
    loaded = time.perf_counter()
    index = build_index(corpus, print_)
    index.corpus_signature = signature
    built = time.perf_counter()
    save_index(index, index_dir)
    saved = time.perf_counter()
    generation = index_dir / str(index.generation)
    del corpus, index
    load_cold_s = None
    if _evict(generation):  # first, while no loaded index maps the files
        start_load = time.perf_counter()
        load_index(index_dir)
        load_cold_s = time.perf_counter() - start_load
    start_load = time.perf_counter()
    index = load_index(index_dir)
    load_s = time.perf_counter() - start_load  # the files in the page cache, as just written
    start_verify = time.perf_counter()
    verify_index(index_dir)  # the part of a load that reads every byte
    verify_s = time.perf_counter() - start_verify
    count = 0
    same_passages = True
    for i, text in enumerate(_read_passages(work)):  # what was saved is what was generated
        same_passages = same_passages and i < len(index.passages) and index.passages.text(i) == text
        count += 1
    same_passages = same_passages and count == len(index.passages)
    queries = json.loads((work / "queries.json").read_text(encoding="utf-8"))
    terms = [tokenize(q) for q in queries]
    results, latencies = _timed_queries(lambda t: index.top(t, k=TOP), terms)
    postings = index.postings
    touched = [
        sum(
            int(postings.offsets[r + 1] - postings.offsets[r])
            for w in t
            if (r := postings.terms.get(w)) is not None
        )
        for t in terms
    ]
    engine = Engine(index)
    ask_latencies: list[float] = []
    asked = queries[:ASK_QUERIES]
    for q in asked:
        engine.ask(q)
    for q in asked:
        t0 = time.perf_counter()
        engine.ask(q)
        ask_latencies.append((time.perf_counter() - t0) * 1000)
    return {
        # In memory, making the documents is the benchmark's own doing, not trustbot's build.
        "build_s": saved - (start if signature is not None else loaded) - making[0],
        "build_detail_s": {
            "read_corpus": loaded - start + making[0],
            "build_index": built - loaded - making[0],
            "save": saved - built,
        },
        "same_passages": same_passages,
        "index_bytes": _folder_bytes(index_dir / str(index.generation)),
        "load_s": load_s,
        "verify_s": verify_s,
        "load_cold_s": load_cold_s,
        "latencies_ms": latencies,
        "postings_touched": touched,
        "ask_latencies_ms": ask_latencies,
        "top": [[[i for i, _ in r], [s for _, s in r]] for r in results],
    }


def worker_rank_bm25(work: Path, limit: int) -> dict[str, Any]:
    """Plain rank-bm25: BM25Okapi over every passage, get_scores + a stable sort."""
    from rank_bm25 import BM25Okapi

    start = time.perf_counter()
    corpus, queries = _tokenized_corpus(work)
    bm25 = BM25Okapi([t or ["\0"] for t in corpus], k1=1.2, b=0.75, epsilon=0.0)
    build_s = time.perf_counter() - start

    def run(terms: list[str]) -> tuple[list[int], list[float]]:
        scores = bm25.get_scores(terms)
        top = [int(i) for i in np.argsort(-scores, kind="stable")[:TOP] if scores[i] > 0]
        return top, [float(scores[i]) for i in top]

    results, latencies = _timed_queries(run, queries[:limit])
    return {
        "build_s": build_s,
        "index_bytes": None,  # rank-bm25 has no on-disk format (only pickle)
        "load_s": None,
        "latencies_ms": latencies,
        "top": [list(r) for r in results],
    }


def worker_bm25s(work: Path, limit: int) -> dict[str, Any]:
    """bm25s, the same variant: atire term weight with robertson idf (floored at 0)."""
    import bm25s

    start = time.perf_counter()
    corpus, queries = _tokenized_corpus(work)
    retriever = bm25s.BM25(method="atire", idf_method="robertson", k1=1.2, b=0.75)
    retriever.index(corpus, show_progress=False)
    index_dir = work / "bm25s-index"
    retriever.save(index_dir, show_progress=False)
    build_s = time.perf_counter() - start
    del retriever, corpus
    start_load = time.perf_counter()
    retriever = bm25s.BM25.load(index_dir, mmap=True, show_progress=False)
    load_s = time.perf_counter() - start_load

    def run(terms: list[str]) -> tuple[list[int], list[float]]:
        ids, scores = retriever.retrieve([terms], k=TOP, show_progress=False, n_threads=1)
        keep = scores[0] > 0
        return [int(i) for i in ids[0][keep]], [float(s) for s in scores[0][keep]]

    results, latencies = _timed_queries(run, queries)
    return {
        "build_s": build_s,
        "index_bytes": _folder_bytes(index_dir),
        "load_s": load_s,
        "latencies_ms": latencies,
        "top": [list(r) for r in results],
    }


WORKERS = {"trustbot": worker_trustbot, "rank-bm25": worker_rank_bm25, "bm25s": worker_bm25s}


def run_worker(system: str, work: Path, limit: int) -> dict[str, Any]:
    """Run one system in a child process; its report plus its peak memory."""
    out = work / f"result-{system}.json"
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    child = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--worker",
            system,
            "--work",
            str(work),
            "--limit",
            str(limit),
            "--out",
            str(out),
        ],
        env=env,
    )
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"bench: the {system} worker failed (exit {child.returncode})")
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    report["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux: kilobytes
    return report


# --- cold start -----------------------------------------------------------------------------


def cold_start(corpus_dir: Path, index_dir: Path, question: str, runs: int) -> dict[str, Any]:
    """Median wall time of the real `trustbot ask` loading a prebuilt index (not rebuilding)."""
    # As installed, Python caches the bytecode of the first (uncounted) run; a
    # PYTHONDONTWRITEBYTECODE left in the environment would compile every module each time.
    dropped = ("TRUSTBOT_", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    env.update(TRUSTBOT_CORPUS_DIR=str(corpus_dir), TRUSTBOT_INDEX_DIR=str(index_dir))
    times = []
    for _ in range(runs + 1):  # the first run warms the page cache and is not counted
        start = time.perf_counter()
        done = subprocess.run([str(TRUSTBOT), "ask", question], env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0 or "rebuilding" in done.stderr:
            raise SystemExit(f"bench: trustbot ask failed or rebuilt: {done.stderr.strip()[:300]}")
    return {"median_s": statistics.median(times[1:]), "runs_s": times[1:]}


def _bundled_cold_start(scratch: Path, runs: int) -> dict[str, Any]:
    index_dir = scratch / "bundled-index"
    corpus_dir = ROOT / "corpus"
    built = subprocess.run(
        [str(TRUSTBOT), "index", "build", "--corpus", str(corpus_dir), "--index", str(index_dir)],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0:
        raise SystemExit(f"bench: building the bundled index failed: {built.stderr.strip()[:300]}")
    return cold_start(corpus_dir, index_dir, BUNDLED_QUESTION, runs)


# --- comparison and report ------------------------------------------------------------------


def compare_top(trustbot: list[Any], reference: list[Any]) -> list[dict[str, Any]]:
    """Queries where trustbot's top-10 is not rank-bm25's (other passages, order or scores)."""
    differences = []
    for q, ((ids, scores), (ref_ids, ref_scores)) in enumerate(zip(trustbot, reference, strict=False)):
        close = len(scores) == len(ref_scores) and all(
            abs(a - b) <= TOLERANCE for a, b in zip(scores, ref_scores, strict=True)
        )
        if ids != ref_ids or not close:
            differences.append({"query": q, "trustbot": ids, "rank_bm25": ref_ids})
    return differences


def overlap(a: list[Any], b: list[Any]) -> float:
    """Mean share of top-10 passages two systems have in common."""
    shares = [len(set(x[0]) & set(y[0])) / max(len(x[0]), 1) for x, y in zip(a, b, strict=False) if x[0]]
    return statistics.fmean(shares) if shares else 1.0


def _pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def summarise(size: int, reports: dict[str, dict[str, Any]], queries: int) -> dict[str, Any]:
    """The figures of one size, per system, and the ratios the targets speak of."""
    out: dict[str, Any] = {"passages": size, "queries": queries, "systems": {}}
    for name, r in reports.items():
        out["systems"][name] = {
            "build_s": r["build_s"],
            "peak_rss_mb": r["peak_rss_mb"],
            "index_mb": None if r["index_bytes"] is None else r["index_bytes"] / 2**20,
            "load_s": r["load_s"],
            "p50_ms": _pct(r["latencies_ms"], 50),
            "p99_ms": _pct(r["latencies_ms"], 99),
            "queries_timed": len(r["latencies_ms"]),
        }
    t, ref, b = (out["systems"][s] for s in SYSTEMS)
    tb = reports["trustbot"]
    out["systems"]["trustbot"]["build_detail_s"] = tb["build_detail_s"]
    out["systems"]["trustbot"]["verify_s"] = tb["verify_s"]
    out["systems"]["trustbot"]["load_cold_s"] = tb["load_cold_s"]
    out["systems"]["trustbot"]["ask_p50_ms"] = _pct(tb["ask_latencies_ms"], 50)
    out["systems"]["trustbot"]["ask_p99_ms"] = _pct(tb["ask_latencies_ms"], 99)
    # Cost per posting read: flat across sizes when a query's cost follows its postings.
    per_posting = [
        ms * 1e6 / n for ms, n in zip(tb["latencies_ms"], tb["postings_touched"], strict=True) if n
    ]
    out["systems"]["trustbot"]["postings_touched_p50"] = _pct([float(n) for n in tb["postings_touched"]], 50)
    out["systems"]["trustbot"]["ns_per_posting_p50"] = _pct(per_posting, 50)
    out["same_passages"] = tb["same_passages"]
    differences = compare_top(tb["top"], reports["rank-bm25"]["top"])
    out["top10_checked"] = len(reports["rank-bm25"]["top"])
    out["top10_differences"] = len(differences)
    out["top10_difference_examples"] = differences[:5]
    out["top10_overlap_bm25s"] = overlap(tb["top"], reports["bm25s"]["top"])
    out["ratio_trustbot_over_bm25s_p50"] = t["p50_ms"] / b["p50_ms"]
    out["ratio_rank_bm25_over_trustbot_p50"] = ref["p50_ms"] / t["p50_ms"]
    return out


def render(results: list[dict[str, Any]], cold: dict[str, Any]) -> str:
    """The results as a plain-text table."""
    head = (
        f"{'passages':>9} {'system':<10} {'build s':>8} {'peak MB':>8} {'disk MB':>8} {'load s':>7} "
        f"{'p50 ms':>9} {'p99 ms':>9} {'timed':>6}"
    )
    lines = [head, "-" * len(head)]

    def num(value: float | None, fmt: str) -> str:
        return "-" if value is None else format(value, fmt)

    for r in results:
        for name in SYSTEMS:
            s = r["systems"][name]
            lines.append(
                f"{r['passages']:>9,} {name:<10} {s['build_s']:>8.2f} {s['peak_rss_mb']:>8.0f} "
                f"{num(s['index_mb'], '8.1f'):>8} {num(s['load_s'], '7.3f'):>7} {s['p50_ms']:>9.3f} "
                f"{s['p99_ms']:>9.3f} {s['queries_timed']:>6}"
            )
        t = r["systems"]["trustbot"]
        lines.append(
            f"{'':>9} ratios: trustbot/bm25s p50 {r['ratio_trustbot_over_bm25s_p50']:.2f}, "
            f"rank-bm25/trustbot p50 {r['ratio_rank_bm25_over_trustbot_p50']:.0f}x; "
            f"top-10 differences from rank-bm25: {r['top10_differences']} of {r['top10_checked']} queries; "
            f"top-10 overlap with bm25s {r['top10_overlap_bm25s']:.3f}"
        )
        lines.append(
            f"{'':>9} trustbot: postings read per query p50 {t['postings_touched_p50']:,.0f}, "
            f"{t['ns_per_posting_p50']:.1f} ns per posting; "
            f"full Engine.ask p50 {t['ask_p50_ms']:.1f} ms, p99 {t['ask_p99_ms']:.1f} ms; "
            "build: " + ", ".join(f"{k} {v:.1f} s" for k, v in t["build_detail_s"].items())
        )
        cold_load = "-" if t["load_cold_s"] is None else f"{t['load_cold_s']:.3f} s"
        lines.append(
            f"{'':>9} trustbot load: {t['load_s']:.3f} s with every file checked whole "
            f"(the checksums alone {t['verify_s']:.3f} s); from disk, page cache dropped: {cold_load}"
        )
    lines.append("")
    for label, c in cold.items():
        lines.append(
            f"cold start `trustbot ask` ({label}): median {c['median_s']:.3f} s of "
            + ", ".join(f"{x:.3f}" for x in c["runs_s"])
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), metavar="N")
    parser.add_argument("--full", action="store_true", help=f"also run {FULL_SIZE:,} passages")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--queries", type=int, default=DEFAULT_QUERIES)
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results as JSON")
    parser.add_argument(
        "--cold-size", type=int, help="cold-start size besides the bundled corpus (default 100000 if run)"
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="work in DIR and keep it (default: a temp folder)"
    )
    parser.add_argument(
        "--cold-runs", type=int, default=COLD_RUNS, metavar="N", help="timed runs per cold start"
    )
    parser.add_argument(
        "--file-limit",
        type=int,
        default=FILE_CORPUS_LIMIT,
        metavar="N",
        help=f"largest corpus written as files; larger are built in memory (default {FILE_CORPUS_LIMIT:,})",
    )
    parser.add_argument("--worker", choices=SYSTEMS, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        report = WORKERS[args.worker](args.work, args.limit)
        args.out.write_text(json.dumps(report), encoding="utf-8")
        return 0

    sizes = sorted(set(args.sizes + ([FULL_SIZE] if args.full else [])))
    if min(sizes) < 100:
        parser.error("sizes must be at least 100 passages")
    cold_size = args.cold_size or (100_000 if 100_000 in sizes else None)
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="trustbot-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    results, cold = [], {}
    try:
        cold["bundled corpus"] = _bundled_cold_start(scratch, args.cold_runs)
        for size in sizes:
            work = scratch / f"n{size}"
            if work.exists():
                shutil.rmtree(work)
            work.mkdir()
            started = time.perf_counter()
            generate(work, size, args.seed, args.queries, size <= args.file_limit)
            queries = json.loads((work / "queries.json").read_text(encoding="utf-8"))
            print(
                f"bench: {size:,} passages generated in {time.perf_counter() - started:.1f} s",
                file=sys.stderr,
            )
            limit = max(MIN_REFERENCE_QUERIES, min(args.queries, REFERENCE_BUDGET // size))
            reports = {}
            for system in SYSTEMS:
                reports[system] = run_worker(system, work, limit)
                print(f"bench: {size:,} {system} done", file=sys.stderr)
            results.append(summarise(size, reports, len(queries)))
            if size == cold_size and size <= args.file_limit:
                cold[f"{size:,} passages"] = cold_start(
                    work / "corpus", work / "index", queries[0], args.cold_runs
                )
            (work / "passages.txt").unlink()
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)
    machine = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
    }
    print(render(results, cold))
    print(f"machine: {machine['cpus']} CPUs, {machine['memory_gib']} GiB, Python {machine['python']}")
    differences = sum(r["top10_differences"] for r in results) + sum(not r["same_passages"] for r in results)
    if args.json:
        payload = {"seed": args.seed, "machine": machine, "results": results, "cold_start": cold}
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    if differences:
        print(f"bench: trustbot's top-10 differs from rank-bm25's on {differences} queries", file=sys.stderr)
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
