"""BM25Okapi as postings: per term, the passages that hold it and their precomputed weights.

A query's scores are the sums of its terms' weights over only those terms' postings, so
its cost grows with the postings it touches, not with the corpus. The weights are
computed with exactly the float64 operations, in the same order, that rank-bm25's
`BM25Okapi.get_scores` performs, and summed per passage in the query's term order, so
every score is bit-for-bit rank-bm25's and ties order the same way (lower passage first).

On disk the postings are CSR arrays in NumPy `.npy` files (memory-mapped on load) and
the terms a sorted string table (`strings.py`): no pickle.

May import: the standard library, NumPy, `.files` and `.strings`.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from .files import load_array
from .strings import StringIndex, StringTable

__all__ = ["EMPTY_PASSAGE_TERM", "SKIPPED_ROW", "Postings", "PostingsBuilder", "build_postings", "top_k"]

#: rank-bm25 divides by zero on a passage without terms, so such a passage counts as
#: holding this one term (what `Index.bm25` feeds it too): it keeps N and avgdl equal.
EMPTY_PASSAGE_TERM = "\0"
TERMS = "terms"  # terms.bin + terms_offsets.npy, sorted
OFFSETS_FILE = "postings_offsets.npy"
IDS_FILE = "postings_ids.npy"
WEIGHTS_FILE = "postings_weights.npy"
IDF_FILE = "idf.npy"

#: Postings whose weights are computed at once at build time (bounds the temporaries).
WEIGHT_BLOCK = 1 << 22
# Bits of the sort key of a (term, passage, tf) triple: 24 + 31 + 8 < 64. A larger tf
# (a term said 255 times in one passage) is kept aside and put back after the sort.
_TERM_BITS, _PASSAGE_BITS, _TF_BITS = 24, 31, 8
_ROW_SHIFT = _PASSAGE_BITS + _TF_BITS
_TF_MAX = (1 << _TF_BITS) - 1
# `add_many`'s key of a (passage, row) pair within a batch: passage << 32 | row.
_PAIR_SHIFT = 32
_PAIR_ROW_MASK = (1 << _PAIR_SHIFT) - 1
#: The row `PostingsBuilder.add` skips: a word that is no index term (a stop word).
SKIPPED_ROW = -1

IntArray = npt.NDArray[np.int64]
IdArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Postings:
    """Term -> (passage ids ascending, BM25Okapi weights), plus each term's idf."""

    terms: Mapping[str, int]  # term -> row
    offsets: IntArray  # row r's postings are ids[offsets[r]:offsets[r + 1]]
    ids: IdArray
    weights: FloatArray
    idf: FloatArray  # rank-bm25's idf per row, negative ones already floored
    n_passages: int

    def __contains__(self, term: object) -> bool:
        return term in self.terms

    def idf_of(self, term: str) -> float | None:
        """rank-bm25's idf of a term, or None when no passage holds it."""
        row = self.terms.get(term)
        return None if row is None else float(self.idf[row])

    def scores(self, query_terms: Sequence[str]) -> tuple[IdArray, FloatArray]:
        """The passages holding any query term (ids ascending) and their BM25 scores.

        Every other passage scores exactly 0 (rank-bm25 adds 0.0 for each absent term).
        A term given twice counts twice, as in rank-bm25.
        """
        rows = [r for t in query_terms if (r := self.terms.get(t)) is not None and self.idf[r] != 0.0]
        if not rows:
            return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float64)
        slices = [(int(self.offsets[r]), int(self.offsets[r + 1])) for r in rows]
        if len(set(rows)) == 1:
            start, end = slices[0]
            ids = np.asarray(self.ids[start:end])
            total = np.zeros(end - start, dtype=np.float64)
            for _ in rows:
                total += self.weights[start:end]
            return ids, total
        every = np.concatenate([self.ids[s:e] for s, e in slices])
        # Stable sort: each term's ids are ascending already, so this merges sorted runs.
        order = np.argsort(every, kind="stable")
        ordered = every[order]
        first = np.empty(len(ordered), dtype=bool)
        first[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
        ids = ordered[first]
        slot = np.empty(len(every), dtype=np.int64)
        slot[order] = np.cumsum(first) - 1
        total = np.zeros(len(ids), dtype=np.float64)
        at = 0
        for start, end in slices:
            # One add per passage per term, in the query's term order: rank-bm25's sums.
            total[slot[at : at + end - start]] += self.weights[start:end]
            at += end - start
        return ids, total

    @staticmethod
    def file_names() -> list[str]:
        """The files `save` writes."""
        return [*StringIndex.file_names(TERMS), OFFSETS_FILE, IDS_FILE, WEIGHTS_FILE, IDF_FILE]

    def save(self, folder: Path) -> list[str]:
        """Write the postings into a folder, rows in term order; the names of the files written."""
        if not isinstance(self.terms, StringIndex):
            raise TypeError("postings rows are not in term order")
        written = self.terms.save(folder, TERMS)
        for name, values in (
            (OFFSETS_FILE, self.offsets),
            (IDS_FILE, self.ids),
            (WEIGHTS_FILE, self.weights),
            (IDF_FILE, self.idf),
        ):
            np.save(folder / name, np.ascontiguousarray(values), allow_pickle=False)
            written.append(name)
        return written

    @classmethod
    def load(cls, folder: Path, n_passages: int) -> Postings:
        """Postings saved by `save`, memory-mapped; ValueError when inconsistent."""
        terms = StringIndex.load(folder, TERMS)
        offsets = load_array(folder / OFFSETS_FILE)
        ids = load_array(folder / IDS_FILE)
        weights = load_array(folder / WEIGHTS_FILE)
        idf = load_array(folder / IDF_FILE)
        if (
            offsets.dtype != np.int64
            or ids.dtype != np.int32
            or weights.dtype != np.float64
            or idf.dtype != np.float64
            or len(offsets) != len(terms) + 1
            or len(idf) != len(terms)
            or len(ids) != len(weights)
            or int(offsets[-1]) != len(ids)
        ):
            raise ValueError("postings arrays do not match each other")
        return cls(terms, offsets, ids, weights, idf, n_passages)


class PostingsBuilder:
    """Collects passages one at a time, as term rows, then assembles their postings.

    At the end each (passage, term) pair becomes one int64 key, term | passage | tf, and
    one in-place sort of the keys groups the pairs by term with passages ascending:
    several times quicker, and lighter, than a stable argsort at 1M passages.
    """

    def __init__(self) -> None:
        self.rows: dict[str, int] = {}  # term -> row, in order of first appearance
        self._term_of = array("i")  # per (passage, distinct term) pair: the term's row ...
        self._tf = array("B")  # ... and how often the passage holds it (at most _TF_MAX)
        self._sizes = array("i")  # pairs per passage
        self._lengths = array("q")  # terms per passage
        self._large_tf: dict[tuple[int, int], int] = {}  # (row, passage) -> tf, when over _TF_MAX

    def row(self, term: str) -> int:
        """The row of a term, a new one the first time it is seen."""
        row = self.rows.setdefault(term, len(self.rows))
        if row >= 1 << _TERM_BITS:
            raise ValueError(f"more than {1 << _TERM_BITS:,} distinct terms")
        return row

    def add(self, rows: Sequence[int]) -> None:
        """Add the next passage as the rows of its words in text order (SKIPPED_ROW: no term)."""
        counts = Counter(rows)
        length = len(rows) - counts.pop(SKIPPED_ROW, 0)
        if not length:
            counts, length = Counter({self.row(EMPTY_PASSAGE_TERM): 1}), 1
        passage = len(self._lengths)
        if passage >= 1 << _PASSAGE_BITS:
            raise ValueError(f"more than {1 << _PASSAGE_BITS:,} passages")
        self._term_of.extend(counts.keys())
        if max(counts.values()) > _TF_MAX:
            for row, tf in counts.items():
                if tf > _TF_MAX:
                    self._large_tf[row, passage] = tf
            self._tf.extend(min(tf, _TF_MAX) for tf in counts.values())
        else:
            self._tf.extend(counts.values())
        self._sizes.append(len(counts))
        self._lengths.append(length)

    def add_many(self, rows: IntArray, words_per_passage: IdArray | IntArray) -> None:
        """Add the next passages at once, as the rows of their words in text order.

        `rows` holds every passage's word rows back to back (SKIPPED_ROW: no term),
        `words_per_passage` how many belong to each: the same as `add` for each in turn.
        """
        n = len(words_per_passage)
        first = len(self._lengths)
        if first + n > 1 << _PASSAGE_BITS:
            raise ValueError(f"more than {1 << _PASSAGE_BITS:,} passages")
        passage = np.repeat(np.arange(n, dtype=np.int64), words_per_passage)
        kept = rows != SKIPPED_ROW
        rows, passage = rows[kept].astype(np.int64), passage[kept]
        lengths = np.bincount(passage, minlength=n)
        empty = np.flatnonzero(lengths == 0)
        if len(empty):  # as `add` does: such a passage holds the one empty-passage term
            rows = np.concatenate((rows, np.full(len(empty), self.row(EMPTY_PASSAGE_TERM), dtype=np.int64)))
            passage = np.concatenate((passage, empty))
            lengths[empty] = 1
        # One key per word, passage | row; counting equal keys gives each pair's tf.
        pairs, tf = np.unique((passage << _PAIR_SHIFT) | rows, return_counts=True)
        pair_passage = pairs >> _PAIR_SHIFT
        if len(tf) and tf.max() > _TF_MAX:
            for at in np.flatnonzero(tf > _TF_MAX).tolist():
                self._large_tf[int(pairs[at] & _PAIR_ROW_MASK), first + int(pair_passage[at])] = int(tf[at])
            tf = np.minimum(tf, _TF_MAX)
        self._term_of.frombytes((pairs & _PAIR_ROW_MASK).astype(np.int32).tobytes())
        self._tf.frombytes(tf.astype(np.uint8).tobytes())
        self._sizes.frombytes(np.bincount(pair_passage, minlength=n).astype(np.int32).tobytes())
        self._lengths.frombytes(lengths.astype(np.int64).tobytes())

    def build(self, k1: float, b: float, epsilon: float) -> Postings:
        """The postings of every passage added, with rank-bm25's BM25Okapi statistics."""
        n = len(self._lengths)
        if n == 0:
            raise ValueError("no passages to index")
        # Rows are laid out in term order (so that a saved index finds a term by binary
        # search, with no reordering on save); idf still sums in first-appearance order.
        names = sorted(self.rows)
        place = np.empty(len(names), dtype=np.int64)  # first-appearance row -> sorted row
        place[np.fromiter((self.rows[t] for t in names), np.int64, len(names))] = np.arange(len(names))
        keys = self._keys(place)
        keys.sort()
        n_terms = len(self.rows)
        df = np.zeros(n_terms, dtype=np.int64)
        ids = np.empty(len(keys), dtype=np.int32)
        tf = np.empty(len(keys), dtype=np.uint8)
        for start in range(0, len(keys), WEIGHT_BLOCK):
            block = keys[start : start + WEIGHT_BLOCK]
            df += np.bincount(block >> _ROW_SHIFT, minlength=n_terms)
            ids[start : start + WEIGHT_BLOCK] = (block >> _TF_BITS) & ((1 << _PASSAGE_BITS) - 1)
            tf[start : start + WEIGHT_BLOCK] = block & _TF_MAX
        del keys, block
        offsets = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(df, out=offsets[1:])
        if self._large_tf:
            tf = tf.astype(np.int32)
            for (first_row, passage), count in self._large_tf.items():
                row = int(place[first_row])
                start, end = int(offsets[row]), int(offsets[row + 1])
                tf[start + int(np.searchsorted(ids[start:end], passage))] = count
        lengths = np.frombuffer(self._lengths, dtype=np.int64)
        terms = StringIndex(StringTable(names))
        return _weigh(terms, place, offsets, df, ids, tf, lengths, k1, b, epsilon)

    def _keys(self, place: IntArray) -> IntArray:
        """One key per pair, made a block at a time; the pair arrays are freed."""
        term_of = np.frombuffer(self._term_of, dtype=np.int32)
        tf = np.frombuffer(self._tf, dtype=np.uint8)
        ends = np.cumsum(np.frombuffer(self._sizes, dtype=np.int32), dtype=np.int64)
        keys = np.empty(len(term_of), dtype=np.int64)
        for start in range(0, len(keys), WEIGHT_BLOCK):
            stop = min(start + WEIGHT_BLOCK, len(keys))
            passage = np.searchsorted(ends, np.arange(start, stop), side="right")
            block = place[term_of[start:stop]] << _ROW_SHIFT
            block |= passage << _TF_BITS
            block |= tf[start:stop]
            keys[start:stop] = block
        del term_of, tf
        self._term_of, self._tf, self._sizes = array("i"), array("B"), array("i")
        return keys


def build_postings(passage_terms: Iterable[Sequence[str]], k1: float, b: float, epsilon: float) -> Postings:
    """BM25Okapi postings of passages given as term lists, rank-bm25's statistics exactly."""
    builder = PostingsBuilder()
    for terms in passage_terms:
        builder.add([builder.row(t) for t in terms])
    return builder.build(k1, b, epsilon)


def _weigh(
    terms: StringIndex,
    place: IntArray,
    offsets: IntArray,
    df: IntArray,
    ids: IdArray,
    tf: npt.NDArray[np.uint8] | npt.NDArray[np.int32],
    doc_len: IntArray,
    k1: float,
    b: float,
    epsilon: float,
) -> Postings:
    """The postings with rank-bm25's idf and term weights."""
    n = len(doc_len)
    # rank-bm25's BM25Okapi._calc_idf, in its order (first appearance), in Python floats.
    idf = np.empty(len(terms), dtype=np.float64)
    idf_sum = 0.0
    negative = []
    freqs = df.tolist()
    for row in place.tolist():
        freq = freqs[row]
        value = math.log(n - freq + 0.5) - math.log(freq + 0.5)
        idf[row] = value
        idf_sum += value
        if value < 0:
            negative.append(row)
    idf[negative] = epsilon * (idf_sum / len(terms))

    # rank-bm25's get_scores: idf * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))),
    # the same float64 operations in the same order, a block of postings at a time.
    avgdl = int(doc_len.sum()) / n
    norm = k1 * (1 - b + b * doc_len / avgdl)
    weights = np.empty(len(ids), dtype=np.float64)
    for start in range(0, len(ids), WEIGHT_BLOCK):
        block = slice(start, start + WEIGHT_BLOCK)
        row_of = (
            np.searchsorted(offsets, np.arange(start, min(start + WEIGHT_BLOCK, len(ids))), side="right") - 1
        )
        tf_block = tf[block].astype(np.int64)
        weights[block] = idf[row_of] * (tf_block * (k1 + 1) / (tf_block + norm[ids[block]]))
    return Postings(terms, offsets, ids, weights, idf, n)


def top_k(
    ids: IdArray, scores: FloatArray, k: int, eligible: npt.NDArray[np.bool_] | None = None
) -> tuple[IdArray, FloatArray]:
    """The k best positive-scoring passages, best first, ties by lower id.

    The same passages, in the same order, as a stable descending sort of the dense
    score array would give (`np.argsort(-scores, kind="stable")`), positives only.
    """
    keep = scores > 0
    if eligible is not None:
        keep &= eligible[ids]
    ids, scores = ids[keep], scores[keep]
    if len(scores) > k:
        threshold = np.partition(scores, len(scores) - k)[len(scores) - k]
        keep = scores >= threshold  # every tie of the k-th score, cut below by id
        ids, scores = ids[keep], scores[keep]
    order = np.lexsort((ids, -scores))[:k]
    return ids[order], scores[order]
