"""The passages of an index: each one's document, place in it, PDF page and text.

The text is a string table (`strings.py`), memory-mapped when loaded; the rest are
small int arrays. A passage's page is kept here so that a citation needs nothing but the
index at question time.

May import: the standard library, NumPy, `bot.passages` (the `Passage` type), `.files`
and `.strings`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..corpus import Passage
from .files import load_array
from .strings import LazySequence, StringTable

__all__ = ["NO_PAGE", "PassageStore"]

TEXT = "passage_text"  # passage_text.bin + passage_text_offsets.npy
DOC_FILE = "passage_doc.npy"
POSITION_FILE = "passage_position.npy"
PAGE_FILE = "passage_page.npy"
#: The page of a passage of a document without pages (pages are numbered from 1).
NO_PAGE = 0

IdArray = npt.NDArray[np.int32]


class PassageStore(LazySequence[Passage]):
    """The passages of an index, their text read on demand from a string table."""

    def __init__(
        self,
        doc_ids: Sequence[str],
        passage_doc: IdArray,
        positions: IdArray,
        pages: IdArray,
        texts: StringTable,
    ) -> None:
        if not len(passage_doc) == len(positions) == len(pages) == len(texts):
            raise ValueError("passage arrays do not match each other")
        self._doc_ids = doc_ids
        self.passage_doc = passage_doc  # index into doc_ids, per passage
        self.positions = positions  # of each passage within its document
        self.pages = pages  # the PDF page each passage is printed on, NO_PAGE when none
        self.texts = texts

    def __len__(self) -> int:
        return len(self.passage_doc)

    def text(self, i: int) -> str:
        """The text of passage i."""
        return self.texts[i]

    def documents_of(self, ids: IdArray) -> frozenset[str]:
        """The ids of the documents some passages are of."""
        return frozenset(self._doc_ids[d] for d in set(self.passage_doc[ids].tolist()))

    def _item(self, i: int) -> Passage:
        doc_id = self._doc_ids[int(self.passage_doc[i])]
        position = int(self.positions[i])
        page = int(self.pages[i])
        return Passage(f"{doc_id}#{position}", doc_id, position, self.text(i), page or None)

    @staticmethod
    def file_names() -> list[str]:
        """The files `save` writes."""
        return [*StringTable.file_names(TEXT), DOC_FILE, POSITION_FILE, PAGE_FILE]

    def save(self, folder: Path) -> list[str]:
        """Write the passages into a folder; the names of the files written."""
        written = self.texts.save(folder, TEXT)
        for name, values in (
            (DOC_FILE, self.passage_doc),
            (POSITION_FILE, self.positions),
            (PAGE_FILE, self.pages),
        ):
            np.save(folder / name, np.asarray(values, dtype=np.int32), allow_pickle=False)
            written.append(name)
        return written

    @classmethod
    def load(cls, folder: Path, doc_ids: Sequence[str]) -> PassageStore:
        """The passages saved in a folder, memory-mapped; ValueError when inconsistent."""
        arrays = [load_array(folder / name) for name in (DOC_FILE, POSITION_FILE, PAGE_FILE)]
        if any(a.dtype != np.int32 or a.ndim != 1 for a in arrays):
            raise ValueError("passage arrays are not of int32")
        passage_doc, positions, pages = arrays
        return cls(doc_ids, passage_doc, positions, pages, StringTable.load(folder, TEXT))
