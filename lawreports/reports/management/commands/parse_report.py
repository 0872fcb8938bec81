"""manage.py parse_report FILE|URL... [--json]: run the parser on files or addresses, store
nothing."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from lawreports.parsing import ParseError, parse_address, parse_file
from lawreports.parsing.documents.fetch import Fetcher, is_address


class Command(BaseCommand):
    help = (
        "Parse report files (.txt, .html, .pdf, .docx, .doc/.wps) or http(s) addresses and "
        "print the result (JSON Lines with --json)."
    )
    requires_system_checks = []  # reads files only: no database, no URLs

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE_OR_URL")
        parser.add_argument(
            "--json", action="store_true", help="one JSON object per file (JSON Lines)"
        )

    def handle(self, *args, **options):
        failed = 0
        fetcher = None  # one polite fetcher for all addresses, made when the first comes
        for path in options["files"]:
            try:
                if is_address(path):
                    fetcher = fetcher or Fetcher()
                    report = parse_address(path, fetcher=fetcher)
                else:
                    report = parse_file(path)
            except ParseError as exc:
                failed += 1
                self.stderr.write(f"{path}: {exc}")
                continue
            if options["json"]:
                self.stdout.write(json.dumps(report.to_json(), ensure_ascii=False))
            else:
                self.stdout.write(_summary(path, report))
        if fetcher is not None:
            fetcher.close()
        if failed:
            raise CommandError(f"{failed} of {len(options['files'])} file(s) failed", returncode=1)


def _summary(path: str, report) -> str:
    place = " / ".join(
        p for p in (report.province, report.prefecture, report.county, report.township) if p
    )
    flags = ", ".join(report.flags) or "-"
    return "\n".join(
        [
            f"{path}",
            f"  title:    {report.title}{' (inferred)' if report.title_inferred else ''}",
            f"  agency:   {report.agency or '?'} [{report.agency_kind or '?'}, {report.level or '?'}]",
            f"  region:   {place or '?'} {report.region_code or ''}",
            f"  year:     {report.year or '?'}  dated {report.report_date or '?'}"
            f"  published {report.published_on or '?'}",
            f"  outline:  {len(report.sections)} sections, {len(report.issues)} issues,"
            f" {len(report.plans)} plans ({report.script}, {report.encoding})",
            f"  flags:    {flags}",
            *([f"  address:  {report.source_url}"] if report.source_url else []),
        ]
    )
