"""Which main-text extractor reads portal pages to their truth more often: the markup
stage (lawreports/parsing/markup.py) or trafilatura (with and without its table handling)?

Each of the five seeds is wrapped in three portal layouts (tests/parsing/document_fixtures.py)
and parsed with each extractor's main text plus the page's own metadata (documents/html.py).
A page counts as right when title, agency, level, region code, year, outline, issues and
plans all equal the seed's truth.

    .venv/bin/python bench/html_extractors.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests" / "parsing")]

import document_fixtures as fixtures  # noqa: E402
from parsing_support import headlines  # noqa: E402

from lawreports.parsing import ParseError, parse_text  # noqa: E402
from lawreports.parsing.documents import html as page_reader  # noqa: E402
from lawreports.parsing.markup import strip_markup  # noqa: E402


def wrong_fields(report, expected: dict) -> list[str]:
    wrong = [
        key
        for key in ("title", "agency", "level", "region_code", "year")
        if getattr(report, key) != expected[key]
    ]
    if [s.heading for s in report.sections] != expected["top_sections"]:
        wrong.append("outline")
    for key in ("issues", "plans"):
        if headlines(getattr(report, key)) != ["".join(h.split()) for h in expected[key]]:
            wrong.append(key)
    return wrong


def trafilatura_text(page: str, *, tables: bool) -> str:
    import trafilatura

    return trafilatura.extract(page, include_tables=tables, include_comments=False) or ""


EXTRACTORS = {
    "markup": strip_markup,
    "trafilatura": lambda page: trafilatura_text(page, tables=True),
    "trafilatura (no tables)": lambda page: trafilatura_text(page, tables=False),
    "documents.html (chosen)": lambda page: page_reader.main_text(page) or strip_markup(page),
}


def main() -> None:
    right: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    pages = 0
    for seed in fixtures.seeds():
        for layout, render in fixtures.PORTALS.items():
            page = render(seed)
            pages += 1
            for name, main_text in EXTRACTORS.items():

                def read(page: str, main_text=main_text) -> tuple[str, page_reader.PageMeta]:
                    text = main_text(page)
                    return text, page_reader.page_meta(page, strip_markup(page))

                started = time.perf_counter()
                with mock.patch("lawreports.parsing.pipeline.read_page", read):
                    try:
                        wrong = wrong_fields(parse_text(page, filename="x.html"), seed.expected)
                    except ParseError as exc:
                        wrong = [f"error: {exc}"]
                seconds[name] += time.perf_counter() - started
                right[name] += not wrong
                print(f"{seed.file[:3]} {layout:6} {name:24} {wrong or 'ok'}")
    print()
    for name in EXTRACTORS:
        print(
            f"{name:24} {right[name]:2}/{pages} right, {1000 * seconds[name] / pages:.0f} ms/page"
        )


if __name__ == "__main__":
    main()
