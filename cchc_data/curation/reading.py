"""The text of a report as a curator receives it: ``.txt``, ``.html``, ``.docx`` or ``.pdf`` with a text layer.

:func:`read_report` returns the text :func:`cchc_data.curation.extract.extract` reads, one paragraph per
line, and refuses with a message naming the file what it cannot read: a folder, an empty file, a binary
file, a text in an unknown encoding, a scanned PDF without text.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["read_report", "FORMATS"]

#: What :func:`read_report` accepts, by file ending.
FORMATS = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html", ".docx": "docx",
           ".pdf": "pdf"}  # fmt: skip
ACCEPTED = ".txt (UTF-8), .html, .docx or .pdf with a text layer"
_MAGIC = {b"%PDF": "pdf", b"PK\x03\x04": "docx"}
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
           "header", "footer", "blockquote", "ul", "ol", "td", "th", "title")  # fmt: skip


def read_report(path: str | os.PathLike) -> str:
    """The text of a report file, for :func:`~cchc_data.curation.extract.extract`.

    ``.txt`` is read as UTF-8 (a byte-order mark, UTF-8 or UTF-16, is honoured); ``.html`` through
    BeautifulSoup (scripts, styles and the head left out, one block per line); ``.docx`` through
    python-docx (paragraphs and table rows in document order, cells joined by ``|``); ``.pdf`` through
    pypdf, page after page. A file without one of these endings is read by its first bytes (a PDF, a
    .docx) or as text.

    Parameters
    ----------
    path : str or os.PathLike
        The report file.

    Returns
    -------
    str
        The report's text, line ends ``\\n``.

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ValueError
        If ``path`` is a folder, the file is empty, binary, not UTF-8 text, a damaged .docx or .pdf, or a
        PDF without a text layer (scanned): the message names the file and what to do.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     page = Path(tmp) / "tin.html"
    ...     _ = page.write_text("<html><head><title>Tin</title><script>var x = 5;</script></head>"
    ...                         "<body><p>Tỷ lệ đạt 98,5%.</p><p>Có 12 xã.</p></body></html>", encoding="utf-8")
    ...     read_report(page)
    'Tỷ lệ đạt 98,5%.\\nCó 12 xã.'
    """
    path = Path(path)
    if path.is_dir():
        raise ValueError(f"{path} is a folder, not a report: give one file ({ACCEPTED})")
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: give the report's file ({ACCEPTED})")
    data = path.read_bytes()
    if not data.strip():
        raise ValueError(f"{path} is empty: there is no text to read")
    kind = FORMATS.get(path.suffix.lower()) or next((k for m, k in _MAGIC.items() if data.startswith(m)), "text")
    text = {"text": _text, "html": _html, "docx": _docx, "pdf": _pdf}[kind](path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n") if kind == "text" else _tidy(text)
    if not text.strip():
        raise ValueError(f"{path} holds no text ({kind}): nothing to read")
    return text


def _text(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith((b"%PDF", b"PK\x03\x04")) or b"\x00" in data[:8192]:
        raise ValueError(f"{path} is a binary file, not text: give the report as {ACCEPTED}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{path} is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}): its encoding is "
            "unknown; save it as UTF-8 (in a text editor: Save as… › Encoding UTF-8) or give the .docx/.pdf"
        ) from None


def _html(path: Path, data: bytes) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(data, "html.parser")  # the charset from the page's <meta>, else guessed
    for tag in soup(["script", "style", "noscript", "head", "template", "svg"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return soup.get_text()


def _docx(path: Path, data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds (zip, XML, package) for a damaged file
        raise ValueError(f"{path} is not a readable .docx file ({type(exc).__name__}: {exc})") from None
    lines = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            lines.append(Paragraph(block, document).text)
        elif block.tag.endswith("}tbl"):
            for row in Table(block, document).rows:
                cells = list(dict.fromkeys(c.text.strip() for c in row.cells))  # merged cells repeat
                lines.append(" | ".join(cells))
    return "\n".join(lines)


def _pdf(path: Path, data: bytes) -> str:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError(f"{path} is a password-protected PDF: give an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, KeyError, TypeError) as exc:
        raise ValueError(f"{path} is not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not "".join(pages).strip():
        raise ValueError(
            f"{path} has no text layer ({len(pages)} page(s) without text: a scanned PDF?); run OCR on it first "
            "(e.g. `ocrmypdf --language vie`) or give the report as .docx or .txt"
        )
    return "\n".join(_join_wrapped(page) for page in pages)


def _join_wrapped(page: str) -> str:
    """A PDF page's lines as paragraphs: a line that ends without punctuation and is followed by one that
    starts in lower case was wrapped, not ended."""
    lines = page.split("\n")
    out: list[str] = []
    for line in lines:
        if out and out[-1].strip() and line[:1].islower() and not re.search(r"[.!?…:;]\s*$", out[-1]):
            out[-1] = out[-1].rstrip() + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


_BLANKS_RE = re.compile(r"[ \t\u00a0]+")


def _tidy(text: str) -> str:
    """Line ends ``\\n``, spaces collapsed in each line, blank lines left out (a line is a paragraph)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = (_BLANKS_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
