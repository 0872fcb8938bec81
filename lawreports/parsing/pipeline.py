"""bytes -> decode -> clean -> normalise -> parse -> resolve region -> ParsedReport."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from lawreports.parsing import agency as ag
from lawreports.parsing.clean import has_content, is_chrome, join_broken_lines, split_lines
from lawreports.parsing.dates import is_date_line, parse_date
from lawreports.parsing.decode import decode_bytes
from lawreports.parsing.documents import extract
from lawreports.parsing.documents.html import PageMeta, read_page
from lawreports.parsing.files import read_report_file
from lawreports.parsing.hosts import places_in_address
from lawreports.parsing.issuer import choose_issuer
from lawreports.parsing.items import extract_items
from lawreports.parsing.markup import looks_like_html
from lawreports.parsing.metadata import read_metadata
from lawreports.parsing.model import FLAGS, LEVELS, ParsedReport, ParseError
from lawreports.parsing.normalise import (
    CJK_RE,
    analysis_copy,
    detect_script_lines,
    has_cjk_count,
    has_encoding_damage,
    simplified_and_analysis_lines,
)
from lawreports.parsing.outline import build_outline, match_heading
from lawreports.parsing.page import prepare_header, tidy_header
from lawreports.parsing.region import resolve
from lawreports.parsing.years import report_year

_SIGNATURE_SCAN = 4  # the date sits among the last few lines
_MIN_REPORT_CJK = 20  # fewer CJK characters outside title/metadata: not a report


def parse_file(path: str | Path) -> ParsedReport:
    path = Path(path)
    return parse_bytes(read_report_file(path), filename=path.name)


def parse_bytes(
    data: bytes, *, filename: str, content_type: str | None = None, source_url: str | None = None
) -> ParsedReport:
    """Parse a file's bytes: text or a web page in any common encoding, PDF, Word."""
    document = extract(data, name=filename, content_type=content_type)
    if document.kind != "text":
        # The extracted text is the original kept; its hash is the document's identity.
        text = document.text
        return _parse(text, filename, document.kind, text_hash(text), source_url)
    text, encoding = decode_bytes(data)
    if encoding == "utf-8" and b"\r" not in data:
        # No BOM (that decodes as utf-8-sig) and no CR: the bytes are the canonical text.
        return _parse(text, filename, encoding, hashlib.sha256(data).hexdigest(), source_url)
    return _parse(text, filename, encoding, text_hash(text), source_url)


def text_hash(text: str) -> str:
    """The identity of a report's content: the same text in another encoding, with other
    line ends or a BOM, is the same report."""
    canonical = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def parse_text(
    text: str,
    *,
    filename: str,
    encoding: str = "utf-8",
    content_hash: str | None = None,
    source_url: str | None = None,
) -> ParsedReport:
    """Re-parse stored text (the hash is of the text, as for files)."""
    return _parse(text, filename, encoding, content_hash or text_hash(text), source_url)


@dataclass
class _Parts:
    """Cleaned lines (original script and analysis copy) split by role."""

    title: list[int]
    signature_orgs: list[str]
    signature_date: str | None
    body: set[int]
    signature: list[int]


def _parse(
    text: str, filename: str, encoding: str, content_hash: str, source_url: str | None = None
) -> ParsedReport:
    # A web page: its main text, and its own title and stamps for what the text lacks.
    body, page = read_page(text) if looks_like_html(text) else (text, PageMeta())
    lines = split_lines(body)
    if not CJK_RE.search(text):
        raise ParseError("no report text (no Chinese text in the file)")
    simplified, ana = simplified_and_analysis_lines(lines)
    # Script detection below reuses these conversions for every line that stays whole.
    known_simplified = dict(zip(lines, simplified, strict=True))
    stamp = prepare_header(lines, ana)  # before chrome goes: "时间:2018-05-03 浏览次数:"

    meta, used = read_metadata(ana)
    for i, a in enumerate(ana):
        # Dropped lines become blank so text around them never joins across.
        if i in used or not has_content(a) or is_chrome(a):
            lines[i] = ana[i] = ""
    lines, ana, header = tidy_header(lines, ana)

    parts = _split_roles(ana)
    title_lines = [lines[i] for i in parts.title]
    keep = set(parts.title) | set(parts.signature)
    body_lines = [lines[i] if i in parts.body else "" for i in range(len(lines))]
    body_ana = [ana[i] if i in parts.body else "" for i in range(len(ana))]
    joined, joined_ana = join_broken_lines(
        body_lines,
        body_ana,
        keep=keep,
        is_break=lambda i: bool(body_ana[i]) and _starts_fresh(body_ana[i]),
    )
    if not has_cjk_count("".join(joined_ana), _MIN_REPORT_CJK):
        raise ParseError("no report text (only a title, page metadata or navigation)")

    preamble, sections = build_outline(joined)
    preamble_ana = joined_ana[: len(preamble)]
    body_ana_text = "\n".join(joined_ana)

    addressed_to = next((a for a in map(ag.addressee, preamble_ana[:2]) if a), None)
    opening = next((p for p in preamble_ana if not ag.addressee(p)), "")
    title_ana = "".join(ana[i] for i in parts.title)
    page_title = None if title_ana else page.title
    if page_title:
        title_ana = analysis_copy(page_title)
    source = meta.source or page.source
    hints = [h for h in (addressed_to, meta.publisher, source) if h]
    issuer = choose_issuer(
        title=title_ana,
        signature_orgs=parts.signature_orgs,
        opening=opening,
        opening_text="\n".join(a for a in joined_ana if a and not _addressee_like(a)),
        body=body_ana_text,
        addressed_to=addressed_to,
        publisher=meta.publisher,
        hints=hints,
    )
    agency = issuer.name
    report_date = parts.signature_date or meta.written_on
    year, year_sure = report_year(
        title_ana, opening, "\n".join(preamble_ana), report_date, body_ana_text
    )

    title = "".join(title_lines) or page_title or ""
    inferred = not title
    if inferred:
        title = f"{agency or ''}{year or ''}{'年' if year else ''}法治政府建设情况报告"

    # Places the page's address names count as one more mention each in the text, which
    # settles a shared name (龙溪镇); a place it alone names is the last hint, read only when
    # nothing on the page names a place. Neither outvotes the text.
    addressed = places_in_address(source_url)
    context = "\n".join([body_ana_text, *addressed])
    hints = [*hints, issuer.place] if issuer.place else hints
    region = resolve(agency, context, [*hints, *addressed] if len(addressed) == 1 else hints)

    issues = extract_items(sections, "problems")
    plans = extract_items(sections, "plans")
    all_lines = title_lines + joined + [lines[i] for i in parts.signature]
    flags = {
        "title_inferred": inferred,
        "encoding_damage": has_encoding_damage(text),
        "no_issues_section": not issues,
        "no_plans_section": not plans,
        "region_unresolved": region.province is None,
        "year_uncertain": not year_sure,
        "agency_inferred": issuer.inferred,
        "region_inferred": region.province is not None and (issuer.completed or region.inferred),
        "year_inferred": year is not None and not year_sure,
        "title_suspect": bool(title_lines) and ag.title_suspect(title_ana, agency),
    }
    return ParsedReport(
        file=filename,
        title=title,
        title_inferred=inferred,
        agency=agency,
        agency_kind=ag.agency_kind(agency),
        level=_level(region.level, ag.level_by_name(agency)),
        province=region.province,
        prefecture=region.prefecture,
        county=region.county,
        township=region.township,
        region_code=region.region_code,
        township_code=region.township_code,
        year=year,
        report_date=report_date,
        published_on=(
            meta.published_on or stamp or header.published_on or page.published_on or meta.issued_on
        ),
        index_no=meta.index_no,
        doc_no=meta.doc_no or header.doc_no,
        source=source,
        addressed_to=addressed_to,
        script=detect_script_lines(all_lines, known_simplified),
        encoding=encoding,
        original_text=text,
        body_text="\n".join(all_lines),
        preamble="\n".join(preamble),
        sections=sections,
        issues=issues,
        plans=plans,
        flags=[f for f in FLAGS if flags.get(f)],
        content_hash=content_hash,
        source_url=source_url,
    )


def _starts_fresh(analysis_line: str) -> bool:
    """A line that never continues the previous one: a heading or a bare date."""
    return match_heading(analysis_line) is not None or is_date_line(analysis_line)


def _split_roles(ana: list[str]) -> _Parts:
    """Title lines at the top, signature (agency lines + date) at the bottom, body between."""
    content = [i for i, a in enumerate(ana) if a]
    found = ag.find_title(ana)
    title = list(range(found[0], found[1] + 1)) if found else []
    title = [i for i in title if ana[i]]

    signature: list[int] = []
    orgs: list[str] = []
    date: str | None = None
    tail = [i for i in content[-_SIGNATURE_SCAN:] if i not in title]
    date_at = next((i for i in reversed(tail) if is_date_line(ana[i])), None)
    if date_at is not None:
        date = parse_date(ana[date_at])
        signature.append(date_at)
        before = [i for i in content if i < date_at and i not in title][-3:]
        for i in reversed(before):
            names = ag.signature_agencies([ana[i]])
            if not names:
                break
            orgs[:0] = names
            signature.insert(0, i)
    else:
        for i in reversed(tail[-2:]):
            names = ag.signature_agencies([ana[i]])
            if not names:
                break
            orgs[:0] = names
            signature.insert(0, i)
    taken = set(title) | set(signature)
    body = {i for i in content if i not in taken}
    return _Parts(title, orgs, date, body, signature)


def _addressee_like(analysis_line: str) -> bool:
    """ "省政府:", "区委、区政府:": a short line naming whom the report goes to."""
    return len(analysis_line) <= 30 and analysis_line.endswith(":")


def _level(resolved: str | None, by_name: str | None) -> str | None:
    """The issuer's level: its place's, unless its own name shows a deeper one (某镇 whose
    place is shared by several towns resolves only as far as their common parent)."""
    if by_name and (resolved is None or LEVELS.index(by_name) > LEVELS.index(resolved)):
        return by_name
    return resolved
