"""The parser's output: plain dataclasses, no Django.

`ParsedReport` is what `parse_report --json` prints and what the store turns into rows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LEVELS = ("province", "prefecture", "county", "township")
AGENCY_KINDS = ("government", "government_office", "department", "party_committee", "other")
SECTION_KINDS = ("achievements", "problems", "plans", "leadership", "other")
FLAGS = (
    "title_inferred",
    "encoding_damage",
    "no_issues_section",
    "no_plans_section",
    "region_unresolved",
    "year_uncertain",
    # Inferred rather than read (the review queue filters on these):
    "agency_inferred",  # issuer named from context: not written on the page as the author
    "region_inferred",  # region placed by guess: the issuer names no place of its own, or
    #                     its place was completed from the text, or an ambiguous place was
    #                     decided without the page naming a parent
    "year_inferred",  # year from the body or dates, not from the title or opening statement
    "title_suspect",  # the title looks like navigation or names no issuer
)


@dataclass
class ParsedSection:
    number: str  # the label as written: "一", "(一)", "1", "(1)"
    heading: str  # as written (original script), without the number
    body: str = ""  # text under the heading before its first child, original script
    kind: str = "other"  # one of SECTION_KINDS
    children: list[ParsedSection] = field(default_factory=list)

    def outline(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "heading": self.heading,
            "children": [c.outline() for c in self.children],
        }


@dataclass
class ParsedItem:
    """An issue a report admits or a plan it announces."""

    headline: str  # original script
    text: str  # the whole item, original script
    # index path of the section the item was found in: (2,) is the third top
    # section, (2, 0) its first child. Always points at an existing section.
    section_path: tuple[int, ...] = ()

    def summary(self) -> dict[str, str]:
        return {"headline": self.headline, "text": self.text}


@dataclass
class ParsedReport:
    file: str
    title: str  # simplified when inferred, as written otherwise
    title_inferred: bool
    agency: str | None  # canonical, simplified
    agency_kind: str | None
    level: str | None
    province: str | None
    prefecture: str | None
    county: str | None
    township: str | None
    region_code: str | None  # 6 digits, deepest level at or above county
    township_code: str | None  # 9 or 12 digits when a township was resolved
    year: int | None
    report_date: str | None  # ISO date of the signature (落款)
    published_on: str | None  # ISO date from the page's metadata header
    index_no: str | None
    doc_no: str | None
    source: str | None
    addressed_to: str | None
    script: str  # "simplified" | "traditional"
    encoding: str  # how the bytes were decoded
    original_text: str  # decoded text, byte-faithful apart from the decoding
    body_text: str  # cleaned text the outline was parsed from (original script)
    preamble: str  # body text before the first top section
    sections: list[ParsedSection]
    issues: list[ParsedItem]
    plans: list[ParsedItem]
    flags: list[str]
    content_hash: str  # sha256 of the raw bytes (of the extracted text for PDF and Word)
    source_url: str | None = None  # the address it was fetched from

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape of `parse_report --json` (one object per file)."""
        return {
            "file": self.file,
            "title": self.title,
            "title_inferred": self.title_inferred,
            "agency": self.agency,
            "agency_kind": self.agency_kind,
            "level": self.level,
            "province": self.province,
            "prefecture": self.prefecture,
            "county": self.county,
            "township": self.township,
            "region_code": self.region_code,
            "year": self.year,
            "report_date": self.report_date,
            "published_on": self.published_on,
            "index_no": self.index_no,
            "source": self.source,
            "script": self.script,
            "sections": [s.outline() for s in self.sections],
            "issues": [i.summary() for i in self.issues],
            "plans": [p.summary() for p in self.plans],
            "flags": list(self.flags),
            "source_url": self.source_url,
        }

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class ParseError(Exception):
    """A file that cannot become a report; the message is the reason shown to the user."""
