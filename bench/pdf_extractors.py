"""pypdfium2 or pdfminer.six for the PDF text layer? Both read the five seeds printed by
Chromium (browser header and footer on every page) and exported by LibreOffice from Word
(page header "第 N 页 共 M 页", footer "- N -"), both with WenQuanYi Micro Hei.

Per extractor: how much of the seed's text (CJK characters, letters and digits, in order)
the extraction holds in order (difflib matching blocks over non-space characters),
letters beyond the seed's (headers, footers, page numbers), compatibility ligatures (ﬁ),
and time. Then the same for documents/pdf.py (pypdfium2 + its header/footer and paragraph rules),
with the share of lines that are whole paragraphs of the seed.

    .venv/bin/python bench/pdf_extractors.py   # needs chromium and LibreOffice
"""

from __future__ import annotations

import difflib
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests" / "parsing")]

import document_fixtures as fixtures  # noqa: E402

from lawreports.parsing.documents.pdf import pdf_text  # noqa: E402

_KEEP_RE = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")


def pdfium_raw(path: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def pdfminer_raw(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


EXTRACTORS = {
    "pypdfium2 (raw)": pdfium_raw,
    "pdfminer.six (raw)": pdfminer_raw,
    "documents.pdf (pypdfium2 + rules)": lambda path: pdf_text(path.read_bytes()),
}


def in_order(seed: str, got: str) -> float:
    """Share of the seed's characters (punctuation too) found in order in the extraction."""
    a, b = "".join(seed.split()), "".join(got.split())
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(a)


def whole_paragraphs(seed: str, got: str) -> float:
    """Share of the seed's lines (paragraphs) that come out as one line each."""
    want = Counter("".join(line.split()) for line in seed.splitlines() if line.strip())
    lines = Counter("".join(line.split()) for line in got.splitlines() if line.strip())
    return sum((want & lines).values()) / sum(want.values())


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        made = fixtures.build_all(out)
        pdfs = []
        for seed in fixtures.seeds():
            pdfs.append(("chromium", seed, made[seed.file]["pdf"]))
            lo = out / "lo"
            lo.mkdir(exist_ok=True)
            pdfs.append(
                (
                    "libreoffice",
                    seed,
                    fixtures.libreoffice_convert(made[seed.file]["docx"], "pdf", lo),
                )
            )
        for name, extract in EXTRACTORS.items():
            for maker in ("chromium", "libreoffice"):
                order, paragraphs, ligatures, seconds, extra = [], [], 0, 0.0, 0
                for made_by, seed, path in pdfs:
                    if made_by != maker:
                        continue
                    started = time.perf_counter()
                    text = extract(path)
                    seconds += time.perf_counter() - started
                    order.append(in_order(seed.text, text))
                    paragraphs.append(whole_paragraphs(seed.text, text))
                    ligatures += len(re.findall("[\ufb00-\ufb4f]", text))
                    extra += len(_KEEP_RE.findall(text)) - len(_KEEP_RE.findall(seed.text))
                n = len(order)
                print(
                    f"{name:34} {maker:11} text in order {100 * sum(order) / n:5.1f}%  "
                    f"whole paragraphs {100 * sum(paragraphs) / n:5.1f}%  "
                    f"extra chars {extra / n:6.0f}/file  ligatures {ligatures}  "
                    f"{1000 * seconds / n:5.0f} ms/file"
                )


if __name__ == "__main__":
    main()
