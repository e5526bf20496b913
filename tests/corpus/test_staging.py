"""What a killed add leaves: finished when it had committed, cleared when it had not, and
never waited on while a change holds the lock."""

from __future__ import annotations

from pathlib import Path

from bot.corpus.documents import corpus_files
from bot.corpus.staging import locked

_ENTRY = '["001_b"]\npublished = "2021-03-04"\n'


def _corpus(tmp_path: Path, metadata: str) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "000_a.txt").write_text("Kelby pool opened in May 2020.\n", encoding="utf-8")
    (corpus / "metadata.toml").write_text(metadata, encoding="utf-8")
    leftover = corpus / ".add-killed"
    (leftover / "originals").mkdir(parents=True)
    (leftover / "001_b.md").write_text("Kelby pool hired twelve lifeguards.\n", encoding="utf-8")
    (leftover / "originals" / "001_b.pdf").write_bytes(b"%PDF-1.4\n")
    return corpus


def test_a_committed_add_killed_while_moving_its_files_is_finished(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, _ENTRY)
    assert [p.name for p in corpus_files(corpus)] == ["000_a.txt", "001_b.md", "metadata.toml"]
    assert (corpus / "originals" / "001_b.pdf").is_file()
    assert not (corpus / ".add-killed").exists()


def test_an_add_killed_before_its_metadata_was_written_is_cleared(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, "")
    assert [p.name for p in corpus_files(corpus)] == ["000_a.txt", "metadata.toml"]
    assert not (corpus / ".add-killed").exists() and not (corpus / "originals").exists()


def test_a_reader_never_waits_for_a_change_under_way(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, _ENTRY)
    (corpus / ".add-killed").rename(tmp_path / "aside")
    with locked(corpus):
        (tmp_path / "aside").rename(corpus / ".add-live")  # the live change's own workspace
        # Returns at once (no deadlock on the lock this process holds) and moves nothing.
        assert [p.name for p in corpus_files(corpus)] == ["000_a.txt", "metadata.toml"]
        assert (corpus / ".add-live" / "001_b.md").is_file()
