"""A PDF's text layer as report text: lines in reading order, the running headers and
footers a printer or a word processor puts on every page removed, wrapped lines joined
back into paragraphs.

Extractor: pypdfium2 (PDFium, the engine Chromium shows PDFs with), chosen over
pdfminer.six on the five seeds printed by Chromium and exported from Word files by
LibreOffice (bench/pdf_extractors.py; bench/RESULTS.md, "Document formats"). Both read
every CJK character; pdfminer.six took 570-730 ms a file against 17-49 ms, wrote "file://"
in the browser's footer as "ﬁle://" (a ligature), and in LibreOffice's PDFs put the
quotation marks (drawn in a fallback font) on lines of their own, away from their words
(97.6% of characters in order against 99.5%). PDFium gives every character's box, which
the rules below need: glyphs drawn out of order are put back by position, band lines that
repeat are page furniture, and a line that runs to the margin continues.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from lawreports.parsing.model import ParseError

_BAND = 0.09  # share of the page height at top and bottom where running lines live
_MIN_TEXT = 20  # fewer letters/CJK characters in the whole file: no text layer
_LETTER_RE = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")
_DIGITS_RE = re.compile(r"\d+")
# Lines that are page furniture wherever they stand in a page's top or bottom band.
_FURNITURE_RE = re.compile(
    r"^(?:[-—–－]?\s*\d{1,4}\s*[-—–－]?"  # 3, - 3 -, — 3 —
    r"|第\s*\d{1,4}\s*页\s*(?:[,，/]?\s*共\s*\d{1,4}\s*页)?"  # 第3页 共9页
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3/9
    r"|(?:page\s*)?\d{1,4}\s*(?:of\s*\d{1,4})?"
    r"|(?:https?|file)://\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?"  # a printed address (+ n/N)
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?.*"  # date stamp
    r"|\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}.*"
    r")$",
    re.IGNORECASE,
)
_ENDS = "。！？；：!?;:"  # a line ending so ends a sentence
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


@dataclass
class _Line:
    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    height: float  # page height


def pdf_text(data: bytes) -> str:
    """The report text of a PDF; raises ParseError (unreadable, encrypted, no text layer)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ParseError("encrypted PDF (needs a password)") from exc
        raise ParseError(f"cannot read PDF: {exc}") from exc
    try:
        pages = [_page_lines(document[i], i) for i in range(len(document))]
    finally:
        document.close()
    body = _drop_running_lines(pages)
    text = "\n".join(_paragraphs(body))
    if len(_LETTER_RE.findall(text)) < _MIN_TEXT:
        raise ParseError("no text layer; OCR not supported (a scanned PDF)")
    return text


def _page_lines(page, number: int) -> list[_Line]:
    """The page's text lines with their boxes, top to bottom, left to right."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    height = page.get_height()
    # get_text_range returns one character per index here (PDFium's generated line breaks
    # included), so string offsets are character indexes; otherwise no geometry is used.
    aligned = len(text) == count
    lines: list[_Line] = []
    start = 0
    for raw in text.split("\n"):
        end = start + len(raw)
        glyphs = []
        if aligned:
            for i in range(start, end):
                if not raw[i - start].isspace():
                    glyphs.append((raw[i - start], textpage.get_charbox(i, loose=True)))
                elif not pdfium_c.FPDFText_IsGenerated(textpage.raw, i):
                    glyphs.append((" ", textpage.get_charbox(i, loose=True)))
        line = _line(raw, glyphs, number, height)
        if line is not None:
            lines.append(line)
        start = end + 1
    textpage.close()
    page.close()
    # Reading order: top to bottom, then left to right (a browser draws its header and
    # footer after the page's content).
    lines.sort(key=lambda line: (-round(line.top), line.x0))
    return lines


def _line(raw: str, glyphs: list, number: int, height: float) -> _Line | None:
    clean = _CONTROL_RE.sub("", raw.replace("\r", "")).strip()
    if not clean:
        return None
    boxes = [box for ch, box in glyphs if ch != " "]
    if not boxes:  # no geometry: keep the order, never treat it as furniture or wrap
        return _Line(clean, number, 0.0, 0.0, height / 2, height / 2, height)
    x0 = min(b[0] for b in boxes)
    x1 = max(b[2] for b in boxes)
    bottom = min(b[1] for b in boxes)
    top = max(b[3] for b in boxes)
    starts = [b[0] for b in boxes]
    size = top - bottom
    if any(b < a - size / 2 for a, b in zip(starts, starts[1:], strict=False)):
        # Drawn out of order (word processors draw glyphs of a fallback font, such as
        # quotation marks, after the line): read the glyphs left to right.
        clean = _by_position(glyphs, size)
    return _Line(clean, number, x0, x1, top, bottom, height)


def _by_position(glyphs: list, size: float) -> str:
    ordered = sorted(((box[0], box[2], ch) for ch, box in glyphs if ch != " "))
    out = []
    for i, (left, _, ch) in enumerate(ordered):
        if i and left - ordered[i - 1][1] > size / 4:
            out.append(" ")  # a gap wider than a quarter of the type size: a space
        out.append(ch)
    return _CONTROL_RE.sub("", "".join(out)).strip()


def _in_band(line: _Line) -> bool:
    return line.top > line.height * (1 - _BAND) or line.bottom < line.height * _BAND


def _drop_running_lines(pages: list[list[_Line]]) -> list[_Line]:
    """Body lines of every page: page numbers, printed dates and addresses in the top or
    bottom band go, and so does any band line repeated (digits aside) on half the pages."""
    repeats: Counter[str] = Counter()
    for lines in pages:
        repeats.update({_DIGITS_RE.sub("#", line.text) for line in lines if _in_band(line)})
    needed = max(2, (len(pages) + 1) // 2)
    body: list[_Line] = []
    for lines in pages:
        for line in lines:
            if _in_band(line) and (
                _FURNITURE_RE.match(line.text) or repeats[_DIGITS_RE.sub("#", line.text)] >= needed
            ):
                continue
            body.append(line)
    return body


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Join each line that runs to the right margin with the next, unless the next is
    indented (a new paragraph's first line). Works across page breaks."""
    if not lines:
        return []
    measured = [line for line in lines if line.x1 > line.x0]
    if not measured:
        return [line.text for line in lines]
    size = statistics.median(line.top - line.bottom for line in measured) or 10.0
    left = statistics.median_low(line.x0 for line in measured)
    right = max(line.x1 for line in measured)
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        wraps = (
            previous is not None
            and previous.x1 > previous.x0
            and line.x0 <= left + 0.8 * size
            # Full to the margin; or nearly, when the line ends mid-sentence (ragged right:
            # a character barred from starting a line takes the one before it along).
            and (
                previous.x1 >= right - 1.5 * size
                or (previous.x1 >= right - 3 * size and previous.text[-1] not in _ENDS)
            )
        )
        if wraps:
            space = " " if previous.text[-1].isascii() and line.text[0].isascii() else ""
            out[-1] += space + line.text
        else:
            out.append(line.text)
        previous = line
    return out
