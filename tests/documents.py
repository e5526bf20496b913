"""Real documents of every accepted format, written by the tests with kept libraries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from bot.engine import Engine


def write_pdf(path: Path, pages: Sequence[Sequence[str]], title: str | None = None) -> Path:
    """A PDF with a text layer: one page per item, one paragraph per string (fpdf2)."""
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_font("Helvetica", size=11)
    for paragraphs in pages:
        pdf.add_page()
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(4)
    pdf.output(str(path))
    return path


def write_image_pdf(path: Path, text_page: str) -> Path:
    """A PDF whose first page has text and whose second page is only an image (a scan)."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, text_page)
    pdf.add_page()
    pdf.image(Image.new("RGB", (200, 260), "white"), x=10, y=10, w=180)
    pdf.output(str(path))
    return path


def write_encrypted_pdf(path: Path, source: Path, password: str = "s3cret") -> Path:
    """A copy of a PDF that needs a password to open (pypdf)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def write_docx(path: Path, paragraphs: Sequence[str], title: str | None = None) -> Path:
    """A Word document, one paragraph per string (python-docx)."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path


def write_html(
    path: Path,
    title: str,
    paragraphs: Sequence[str],
    published: str | None = None,
    site: str | None = None,
    url: str | None = None,
) -> Path:
    """A news page with navigation, footer, and its date in `article:published_time`."""
    meta = [f"<title>{title} | {site or 'News'}</title>"]
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if site:
        meta.append(f'<meta property="og:site_name" content="{site}">')
    if url:
        meta.append(f'<meta property="og:url" content="{url}">')
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    path.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        + "".join(meta)
        + "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        + f"<article><h1>{title}</h1>{body}</article>"
        + "<footer>Copyright 2020 Example Media. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    return path


def write_corpus(folder: Path, documents: Mapping[str, str]) -> Path:
    """A corpus folder holding the given files (name: text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def article(title: str, published: str, body: str, source: str = "Estuary Post") -> str:
    """A Markdown document with its front matter: title, publication date and source."""
    return f"---\ntitle: {title}\npublished: {published}\nsource: {source}\n---\n{body}"


def engine_over(folder: Path, documents: Mapping[str, str]) -> Engine:
    """An engine over a corpus of the given files (name: text), indexed in `folder`."""
    return Engine.open(write_corpus(folder / "corpus", documents), folder / "index")
