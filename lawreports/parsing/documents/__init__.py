"""Before decode: a document's bytes become plain text (plus, for a web page, the page's own
title and stamps). One small extractor per format behind `extract`; everything after it sees
text.

    pdf.py     PDF text layer (pypdfium2), running headers/footers out, lines into paragraphs
    word.py    .docx paragraphs and tables in document order (python-docx)
    legacy.py  .doc / .wps through LibreOffice (`soffice --headless --convert-to docx`)
    html.py    a portal page's main text and its title / publication date / source
    fetch.py   an http(s) address, fetched politely (robots.txt, 1 request/s per host, caps)
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lawreports.parsing.model import ParseError

# Binary formats are larger than their text (fonts, images); their text is capped by the
# loader like any text file.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
SUFFIXES = {".pdf", ".docx", ".doc", ".wps", ".htm", ".html", ".shtml", ".txt", ".text", ""}

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Extracted:
    """A document's text as extracted, and how it was read."""

    text: str
    kind: str  # "pdf", "docx", "doc", "wps": extracted text; "text": decode it as before


def sniff(data: bytes, *, name: str = "", content_type: str | None = None) -> str:
    """The document's format from its first bytes (a server's content type and a name's
    suffix are often wrong: a PDF served as application/octet-stream is still a PDF)."""
    head = data[:1024]
    if _PDF_MAGIC in head:  # some writers put junk before the header
        return "pdf"
    if data.startswith(_ZIP_MAGIC):
        return "docx" if _is_docx(data) else "zip"
    if data.startswith(_OLE_MAGIC):
        return "wps" if name.lower().endswith(".wps") else "doc"
    return "text"  # text or HTML: the decoder and the page reader tell


def extract(data: bytes, *, name: str = "", content_type: str | None = None) -> Extracted:
    """Text of a PDF or Word file; other bytes pass through as "text" for the decoder.

    Raises ParseError with a reason a person can read."""
    kind = sniff(data, name=name, content_type=content_type)
    if kind == "text":
        return Extracted("", "text")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ParseError(f"file too large ({len(data)} bytes; the limit is {MAX_DOCUMENT_BYTES})")
    if kind == "pdf":
        from lawreports.parsing.documents.pdf import pdf_text

        return Extracted(pdf_text(data), kind)
    if kind == "docx":
        from lawreports.parsing.documents.word import docx_text

        return Extracted(docx_text(data), kind)
    if kind in ("doc", "wps"):
        from lawreports.parsing.documents.legacy import legacy_text

        return Extracted(legacy_text(data, suffix=kind), kind)
    raise ParseError("binary file (a ZIP file that is not a Word document), not a report")


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
