"""Per-field accuracy of the parser on a labelled folder of real pages.

    python -m lawreports.parsing.evaluate DIR LABELS [LABELS...] [--errors] [--split dev]

Each label line (JSON) names a page `id`; its text is DIR/<id>.txt. A null label is scored
("the page has none": the parser must give None), except a null title, which is not scored.

Agencies are compared by what they name, not by how many parents they spell out: the
labels (and pages) write 北京市西城区司法局 and 西城区司法局, 金平苗族瑶族傣族自治县人民政府
and 金平县人民政府 for the same body, so the leading place names are read with the gazetteer
and only the innermost place (as a division) and the rest of the name must agree.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lawreports.parsing.gazetteer import FORMER, gazetteer
from lawreports.parsing.model import ParseError
from lawreports.parsing.pipeline import parse_bytes

FIELDS = (
    "title",
    "agency",
    "agency_kind",
    "level",
    "province",
    "prefecture",
    "county",
    "township",
    "year",
    "published_on",
    "script",
)
SPLITS = ("dev", "holdout")
_UNSCORED_WHEN_NULL = frozenset({"title"})


@dataclass(frozen=True)
class Outcome:
    id: str
    split: str
    field: str
    expected: object
    got: object

    @property
    def ok(self) -> bool:
        return _same(self.field, self.expected, self.got)


def _same(field: str, expected: object, got: object) -> bool:
    if expected == got:
        return True
    if not (isinstance(expected, str) and isinstance(got, str)):
        return False
    if field == "title":
        # Spaces inside a printed title are layout, not wording.
        return "".join(expected.split()) == "".join(got.split())
    if field == "agency":
        return _agency_key(expected) == _agency_key(got)
    return False


def _agency_key(name: str) -> tuple[frozenset[str], str]:
    """(official names the innermost leading place may denote, the rest of the name)."""
    gaz = gazetteer()
    rest, last = name.removeprefix("中共"), None
    while place := _leading_place(rest):
        last, rest = place, rest[len(place) :]
    if last is None:
        return frozenset(), name
    return frozenset(gaz.by_code[c].name for c, _ in gaz.index[last]), rest


def _leading_place(s: str) -> str | None:
    """The longest official or former division name at the start of s (the gazetteer only:
    scoring must not depend on the parser it scores)."""
    gaz = gazetteer()
    for length in range(min(gaz.max_len, len(s)), 1, -1):
        if any(kind >= FORMER for _, kind in gaz.index.get(s[:length], ())):
            return s[:length]
    return None


def load_labels(paths: Iterable[str | Path]) -> list[dict]:
    labels = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                labels.append(json.loads(line))
    return labels


def score(folder: str | Path, labels: Sequence[dict]) -> tuple[list[Outcome], list[str]]:
    """Outcomes of every scored field, and the ids whose text is missing from the folder."""
    folder = Path(folder)
    outcomes: list[Outcome] = []
    missing: list[str] = []
    for label in labels:
        path = folder / f"{label['id']}.txt"
        if not path.exists():
            missing.append(label["id"])
            continue
        try:
            # the page's address is part of the page, as when it is loaded by address
            got = parse_bytes(path.read_bytes(), filename=path.name, source_url=label.get("url"))
            got = got.to_json()
        except ParseError as exc:
            got = dict.fromkeys(FIELDS, f"ParseError: {exc}")
        split = label.get("split", "dev")
        for field in FIELDS:
            if field not in label or (label[field] is None and field in _UNSCORED_WHEN_NULL):
                continue
            outcomes.append(Outcome(label["id"], split, field, label[field], got.get(field)))
    return outcomes, missing


def _cell(outcomes: list[Outcome]) -> str:
    if not outcomes:
        return "-"
    right = sum(o.ok for o in outcomes)
    return f"{100 * right / len(outcomes):5.1f}% {right:>4}/{len(outcomes):<4}"


def table(outcomes: Sequence[Outcome]) -> str:
    """Rows: fields, then all fields; columns: dev, holdout, all (with page counts)."""
    columns = [*SPLITS, "all"]

    def pick(split: str, field: str | None = None) -> list[Outcome]:
        return [
            o
            for o in outcomes
            if (split == "all" or o.split == split) and (field is None or o.field == field)
        ]

    pages = {s: len({o.id for o in pick(s)}) for s in columns}
    head = [f"{'field':<14}"] + [f"{f'{s} ({pages[s]} pages)':<17}" for s in columns]
    rows = ["  ".join(head)]
    for field in FIELDS:
        rows.append("  ".join([f"{field:<14}"] + [f"{_cell(pick(s, field)):<17}" for s in columns]))
    rows.append("  ".join([f"{'ALL FIELDS':<14}"] + [f"{_cell(pick(s)):<17}" for s in columns]))
    return "\n".join(rows)


def errors(outcomes: Sequence[Outcome]) -> str:
    wrong = [o for o in outcomes if not o.ok]
    return "\n".join(f"{o.id}\t{o.field}\texpected {o.expected!r}\tgot {o.got!r}" for o in wrong)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lawreports.parsing.evaluate")
    parser.add_argument("folder", metavar="DIR", help="folder of <id>.txt page texts")
    parser.add_argument("labels", nargs="+", metavar="LABELS", help="JSON Lines label files")
    parser.add_argument("--errors", action="store_true", help="list every wrong field")
    parser.add_argument("--split", choices=SPLITS, help="score only this split")
    args = parser.parse_args(argv)
    labels = load_labels(args.labels)
    if args.split:
        labels = [lb for lb in labels if lb.get("split", "dev") == args.split]
    outcomes, missing = score(args.folder, labels)
    print(table(outcomes))
    if missing:
        print(f"\n{len(missing)} labelled page(s) without text: {' '.join(missing)}")
    if args.errors:
        print("\n" + (errors(outcomes) or "no errors"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
