"""Hostile and broken files, written by the tests at run time: each is refused or skipped
with one line that names it, nothing on disk changes, and none costs more than a few
hundred megabytes or stops the other documents from loading.

Covered: impossible dates in front matter, a YAML "billion laughs", over-long front
matter, a Word zip bomb (total size, entry count, compression ratio, a text node lxml
refuses), an HTML page nested 100,000 deep, a symbolic link, a file name that is not
UTF-8 and a corpus folder that cannot be written to.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from bot.cli import main
from bot.corpus import MAX_FRONT_MATTER_CHARS, fingerprint, list_documents, load_corpus, load_document
from bot.corpus.extract import (
    MAX_DOCX_ENTRIES,
    MAX_DOCX_RATIO,
    MAX_DOCX_UNPACKED_BYTES,
    MAX_HTML_DEPTH,
    extract,
)
from bot.errors import DocumentError
from tests.conftest import ROOT, assert_no_traceback, one_line, run_cli, tree_hash, where

SEED_DOCS = 5
BODY = "The trust will open its new office in Kettering in May 2020, the council said.\n"
MB = 1024 * 1024
#: The most a refused hostile file may cost, for the whole `trustbot` process.
PEAK_LIMIT_MB = 300
#: A cap on the measured process's address space: without the fixes, a bomb fails fast
#: with MemoryError instead of taking the machine's memory (16 GB for the YAML one).
ADDRESS_SPACE_CAP = 2 * 1024 * MB

# Runs `trustbot` in this process and reports its peak resident memory on stderr's last
# line: VmHWM, the high-water mark of this program's own memory. (ru_maxrss would do on
# another system, but Linux carries it over from the forked parent, pytest, across exec.)
_MEASURED = f"""
import re, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE_CAP}, {ADDRESS_SPACE_CAP}))
from bot.cli import main
try:
    code = main(sys.argv[1:])
finally:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            peak = int(re.search(r"VmHWM:\\s*(\\d+) kB", status.read()).group(1))
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("peak-kb", peak, file=sys.stderr)
sys.exit(code)
"""


def measured_cli(*args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run the command line in a fresh process; its result (without the measurement line)
    and its peak resident memory in MB."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TRUSTBOT_")}
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
    )
    lines = result.stderr.splitlines()
    assert lines and lines[-1].startswith("peak-kb "), result.stderr[-2000:]
    peak_mb = int(lines[-1].split()[1]) / 1024
    result.stderr = "\n".join(lines[:-1])
    return result, peak_mb


@pytest.fixture
def corpus(corpus_dir: Path) -> Path:
    """A writable copy of the bundled corpus (conftest's)."""
    return corpus_dir


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    return folder


def refused_add(corpus: Path, index: Path, path: Path, reason: str) -> str:
    """Add `path` through the real command line: refused with one line naming it and the
    reason, exit status 1, nothing changed on disk. The line is returned."""
    before = tree_hash(corpus)
    result = run_cli("corpus", "add", str(path), *where(corpus, index))
    assert_no_traceback(result)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    line = one_line(result.stderr)
    assert line.startswith("trustbot: error: ")
    assert path.name in line and reason in line
    assert tree_hash(corpus) == before
    assert not index.exists()  # refused before the index was touched
    return line


# --- impossible dates in front matter -----------------------------------------------------


def front_matter_file(path: Path, published: str) -> Path:
    path.write_text(f"---\ntitle: Office news\npublished: {published}\n---\n\n{BODY}", encoding="utf-8")
    return path


@pytest.mark.parametrize("published", ["2016-02-30", "0000-01-01"])
def test_impossible_front_matter_date_skips_only_that_document(corpus: Path, published: str) -> None:
    bad = front_matter_file(corpus / "zz_bad.md", published)

    loaded = load_corpus(corpus)  # YAML's own date constructor raised ValueError through this

    assert len(loaded.documents) == SEED_DOCS
    (problem,) = loaded.problems
    assert problem.kind == "skipped" and problem.path == str(bad)
    assert problem.message.startswith("front matter does not parse (")
    listed = {item.file: item for item in list_documents(corpus)}
    assert "front matter does not parse" in listed[bad.name].warnings[0]
    assert len(listed) == SEED_DOCS + 1


@pytest.mark.parametrize("published", ["2016-02-30", "0000-01-01"])
def test_impossible_front_matter_date_is_refused_by_add(
    corpus: Path, files: Path, tmp_path: Path, published: str
) -> None:
    path = front_matter_file(files / "office.md", published)

    refused_add(corpus, tmp_path / "index", path, "front matter does not parse")


# --- YAML billion laughs and over-long front matter ---------------------------------------


def billion_laughs(path: Path, expanded: bool = True) -> Path:
    """375 bytes of front matter that name 9**9 copies of "lol" through nested aliases, and
    use them as the title (reading the title as text expands them), unless not `expanded`."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]")
    if expanded:
        lines.append("title: *i")
    path.write_text("---\n" + "\n".join(lines) + "\n---\n\n" + BODY, encoding="utf-8")
    return path


def test_yaml_aliases_are_refused_before_anything_expands_them(tmp_path: Path) -> None:
    # Not used as the title, so that this test, in pytest's own process, cannot take the
    # machine's memory should aliases be let through again; the tests below use them.
    path = billion_laughs(tmp_path / "laughs.md", expanded=False)
    assert path.stat().st_size < 500

    with pytest.raises(DocumentError, match=r"front matter does not parse \(aliases"):
        load_document(path)


def test_billion_laughs_in_the_corpus_is_skipped_in_little_memory(corpus: Path, tmp_path: Path) -> None:
    billion_laughs(corpus / "zz_laughs.md")

    result, peak_mb = measured_cli("index", "build", *where(corpus, tmp_path / "index"))

    assert_no_traceback(result)
    assert result.returncode == 1  # `index build` says when a document was left out
    assert f"indexed {SEED_DOCS} documents" in result.stdout
    assert "zz_laughs.md: front matter does not parse (aliases" in one_line(result.stderr)
    assert peak_mb < PEAK_LIMIT_MB, f"{peak_mb:.0f} MB"


def test_billion_laughs_is_refused_by_add_in_little_memory(corpus: Path, files: Path, tmp_path: Path) -> None:
    path = billion_laughs(files / "laughs.md")
    before = tree_hash(corpus)

    result, peak_mb = measured_cli("corpus", "add", str(path), *where(corpus, tmp_path / "index"))

    assert_no_traceback(result)
    assert result.returncode == 1
    assert "laughs.md: front matter does not parse (aliases" in one_line(result.stderr)
    assert tree_hash(corpus) == before
    assert peak_mb < PEAK_LIMIT_MB, f"{peak_mb:.0f} MB"


def test_front_matter_over_the_limit_is_refused_unparsed(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    keys = "".join(f"k{n}: [{', '.join(['x'] * 20)}]\n" for n in range(MAX_FRONT_MATTER_CHARS // 60))
    assert len(keys) > MAX_FRONT_MATTER_CHARS
    path.write_text(f"---\ntitle: Office news\n{keys}---\n\n{BODY}", encoding="utf-8")

    with pytest.raises(DocumentError, match=r"front matter too long"):
        load_document(path)


def test_front_matter_within_limits_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "fine.md"
    path.write_text(
        f"---\ntitle: Office news\npublished: 2020-05-01\nsource: Example Gazette\n---\n\n{BODY}",
        encoding="utf-8",
    )

    document, _ = load_document(path)

    assert (document.title, document.publisher, document.date_source) == (
        "Office news",
        "Example Gazette",
        "front matter",
    )
    assert document.published is not None and document.published.iso() == "2020-05-01"
    assert document.text == BODY.strip()


# --- Word zip bombs -----------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)
_DOC_END = "</w:body></w:document>"
_PARAGRAPH = f"<w:p><w:r><w:t>{BODY.strip()}</w:t></w:r></w:p>".encode()


def write_docx_parts(
    path: Path,
    body: bytes | None = None,
    body_bytes: int = 0,
    extra_entries: int = 0,
    stored: bool = False,
) -> Path:
    """A minimal Word file made with zipfile: `body` as its paragraphs, or paragraphs repeated
    to `body_bytes`, written in chunks so the test never holds them in memory."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=False) as part:
            part.write(_DOC_START.encode())
            if body is not None:
                part.write(body)
            chunk = _PARAGRAPH * (MB // len(_PARAGRAPH))
            for _ in range(body_bytes // len(chunk)):
                part.write(chunk)
            part.write(_DOC_END.encode())
        for n in range(extra_entries):
            archive.writestr(f"customXml/item{n}.xml", "<a/>")
    return path


def test_small_docx_that_unpacks_to_200_mb_is_refused_before_unpacking(
    corpus: Path, files: Path, tmp_path: Path
) -> None:
    path = write_docx_parts(files / "bomb.docx", body_bytes=200 * MB)
    assert path.stat().st_size < 2 * MB

    result, peak_mb = measured_cli("corpus", "add", str(path), *where(corpus, tmp_path / "index"))

    assert_no_traceback(result)
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert "bomb.docx: unpacks to 200 MB" in line and f"limit is {MAX_DOCX_UNPACKED_BYTES // MB} MB" in line
    assert peak_mb < PEAK_LIMIT_MB, f"{peak_mb:.0f} MB"
    assert not (tmp_path / "index").exists()


def test_docx_with_one_part_compressed_too_far_is_refused(files: Path) -> None:
    path = write_docx_parts(
        files / "dense.docx", body=b"<w:p><w:r><w:t>" + b"x" * (5 * MB) + b"</w:t></w:r></w:p>"
    )

    with pytest.raises(
        DocumentError, match=rf"'word/document.xml' is compressed [\d,]+ to 1 \(the limit is {MAX_DOCX_RATIO}"
    ):
        extract(path)


def test_docx_with_too_many_parts_is_refused(files: Path) -> None:
    path = write_docx_parts(files / "many.docx", body=_PARAGRAPH, extra_entries=MAX_DOCX_ENTRIES)

    with pytest.raises(DocumentError, match=rf"{MAX_DOCX_ENTRIES + 3:,} parts \(the limit is"):
        extract(path)


def test_docx_whose_text_node_lxml_refuses_is_a_clear_refusal(
    corpus: Path, files: Path, tmp_path: Path
) -> None:
    # A text node over lxml's 10 MB limit, stored uncompressed: within every size limit.
    body = b"<w:p><w:r><w:t>" + b"word " * (4 * MB) + b"</w:t></w:r></w:p>"
    path = write_docx_parts(files / "huge-node.docx", body=body, stored=True)

    line = refused_add(corpus, tmp_path / "index", path, "its XML does not parse")

    assert len(line) < 300


def test_ordinary_docx_made_with_zipfile_is_read(files: Path) -> None:
    path = write_docx_parts(files / "fine.docx", body=_PARAGRAPH * 3)

    assert extract(path).text == "\n\n".join([BODY.strip()] * 3)


# --- HTML nested too deeply ---------------------------------------------------------------


def nested_html(path: Path, depth: int) -> Path:
    opening = "".join(f"<div>level {n} of the council's report on the trust. " for n in range(depth))
    path.write_text(
        f"<html><head><title>Deep</title></head><body>{opening}{'</div>' * depth}</body></html>",
        encoding="utf-8",
    )
    return path


def test_html_nested_100000_deep_is_refused_not_cut_short(corpus: Path, files: Path, tmp_path: Path) -> None:
    path = nested_html(files / "deep.html", 100_000)

    line = refused_add(corpus, tmp_path / "index", path, "nested too deeply")

    assert f"the limit is {MAX_HTML_DEPTH}" in line


def test_html_nested_within_the_limit_keeps_all_its_text(files: Path) -> None:
    depth = MAX_HTML_DEPTH - 20
    path = nested_html(files / "nested.html", depth)

    text = extract(path).text

    assert f"level {depth - 1} of the council's report" in text  # the deepest, not cut off


# --- links, names, folders ----------------------------------------------------------------


def test_symbolic_link_is_refused_and_its_target_not_stored(
    corpus: Path, files: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the password file nobody should be able to ask about\n", encoding="utf-8")
    link = files / "passwd.txt"
    link.symlink_to(secret)

    refused_add(corpus, tmp_path / "index", link, "symbolic link")

    assert not any("password file" in p.read_text(encoding="utf-8") for p in corpus.glob("*.*"))
    with pytest.raises(DocumentError, match="symbolic link"):
        extract(link)


def test_file_name_that_is_not_utf8_is_refused_in_one_line(corpus: Path, files: Path, tmp_path: Path) -> None:
    path = Path(os.fsdecode(os.fsencode(files) + b"/bad\xff.txt"))
    path.write_text(BODY, encoding="utf-8")
    before = tree_hash(corpus)

    result = run_cli("corpus", "add", str(path), *where(corpus, tmp_path / "index"))

    assert_no_traceback(result)
    assert result.returncode == 1
    line = one_line(result.stderr)
    assert "bad\ufffd.txt" in line and "not valid UTF-8" in line
    assert tree_hash(corpus) == before


def test_document_whose_name_is_not_utf8_is_skipped_the_others_load(corpus: Path) -> None:
    Path(os.fsdecode(os.fsencode(corpus) + b"/zz_bad\xff.txt")).write_text(BODY, encoding="utf-8")

    fingerprint(corpus)  # hashed the name as its bytes; encoding it as text raised
    loaded = load_corpus(corpus)

    assert len(loaded.documents) == SEED_DOCS
    (problem,) = loaded.problems
    assert problem.kind == "skipped"
    assert problem.message == "the file name is not valid UTF-8; rename the file"
    assert "zz_bad\ufffd.txt: the file name is not valid UTF-8" in str(problem)
    str(problem).encode("utf-8")  # printable and savable as it is


def test_read_only_corpus_folder_is_one_line_naming_it(
    corpus: Path,
    files: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Tests run as root here, which writes anywhere: the folder refuses through mkdtemp,
    # the first thing that writes to it. The real case is below, for other users.
    path = files / "note.txt"
    path.write_text(BODY, encoding="utf-8")
    before = tree_hash(corpus)

    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied", str(corpus / ".add-x"))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    status = main(["corpus", "add", str(path), *where(corpus, tmp_path / "index")])

    captured = capsys.readouterr()
    assert status == 1
    assert captured.out == ""
    line = one_line(captured.err)
    assert (
        line
        == f"trustbot: error: cannot write to the corpus folder {corpus} (Permission denied); nothing changed"
    )
    assert tree_hash(corpus) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_read_only_corpus_folder_refuses_the_add(corpus: Path, files: Path, tmp_path: Path) -> None:
    path = files / "note.txt"
    path.write_text(BODY, encoding="utf-8")
    before = tree_hash(corpus)
    corpus.chmod(0o555)
    try:
        result = run_cli("corpus", "add", str(path), *where(corpus, tmp_path / "index"))
    finally:
        corpus.chmod(0o755)

    assert_no_traceback(result)
    assert result.returncode == 1
    assert f"cannot write to the corpus folder {corpus}" in one_line(result.stderr)
    assert tree_hash(corpus) == before
