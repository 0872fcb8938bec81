"""The parser's speed work must not change its output: every field of every ParsedReport
(or the ParseError message) is compared with a snapshot taken from the code before it.

Seeds and variants are stored in full; the first bench reports as a sha256 of their JSON.
After an intended output change, rewrite the snapshot:
    .venv/bin/python tests/parsing/test_parse_speed_equivalence.py --write
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # bench/ lives at the repository root
    sys.path.insert(0, str(REPO))

from lawreports.parsing import ParseError, parse_bytes  # noqa: E402

DATA = Path(__file__).parent / "data"
SNAPSHOT = DATA / "parse_snapshot.json.gz"
SEEDS = REPO / "seeds"
VARIANTS = DATA / "variants"
BENCH_RAW = Path("/tmp/lawreports-bench/100000/raw")
BENCH_COUNT = 300


def _result(data: bytes, name: str) -> dict[str, Any]:
    try:
        return asdict(parse_bytes(data, filename=name))
    except ParseError as exc:
        return {"error": str(exc)}


def _canonical(result: dict[str, Any]) -> str:
    # Through JSON so tuples (section_path) compare like the stored lists.
    return json.dumps(result, ensure_ascii=False, sort_keys=True)


def _digest(result: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical(result).encode("utf-8", "surrogatepass")).hexdigest()


def _full_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) + sorted(VARIANTS.glob("*.txt"))


def _bench_files() -> list[tuple[str, bytes]]:
    """The first bench reports: from the generated corpus, else regenerated (deterministic)."""
    names = [f"bench-{i:06d}.txt" for i in range(BENCH_COUNT)]
    if all((BENCH_RAW / n).exists() for n in names):
        return [(n, (BENCH_RAW / n).read_bytes()) for n in names]
    from bench.corpus import generate

    return [(r.name, r.data) for r in map(generate, range(BENCH_COUNT))]


def write_snapshot() -> None:
    snapshot = {
        "full": {
            f"{p.parent.name}/{p.name}": json.loads(_canonical(_result(p.read_bytes(), p.name)))
            for p in _full_files()
        },
        "sha256": {name: _digest(_result(data, name)) for name, data in _bench_files()},
    }
    text = json.dumps(snapshot, ensure_ascii=False, sort_keys=True, indent=0)
    SNAPSHOT.write_bytes(gzip.compress(text.encode("utf-8", "surrogatepass"), mtime=0))


@pytest.fixture(scope="module")
def snapshot() -> dict[str, Any]:
    return json.loads(gzip.decompress(SNAPSHOT.read_bytes()).decode("utf-8", "surrogatepass"))


def test_snapshot_covers_every_file(snapshot):
    assert sorted(snapshot["full"]) == [f"{p.parent.name}/{p.name}" for p in _full_files()]
    assert len(snapshot["sha256"]) == BENCH_COUNT


@pytest.mark.parametrize("path", _full_files(), ids=lambda p: p.stem)
def test_seeds_and_variants_unchanged(snapshot, path):
    expected = snapshot["full"][f"{path.parent.name}/{path.name}"]
    got = json.loads(_canonical(_result(path.read_bytes(), path.name)))
    if "error" in expected or "error" in got:
        assert got == expected
        return
    for key in expected:  # field by field, so a failure names the field
        assert got[key] == expected[key], key
    assert got == expected


def test_bench_reports_unchanged(snapshot):
    changed = [
        name
        for name, data in _bench_files()
        if _digest(_result(data, name)) != snapshot["sha256"][name]
    ]
    assert not changed, f"{len(changed)} bench reports parse differently: {changed[:10]}"


def test_regex_classes_are_the_str_predicates_relied_on():
    """The heading dispatch takes \\d for str.isdecimal, common_char_ratio \\s for isspace."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert re.findall(r"\d", every) == list(filter(str.isdecimal, every))
    assert re.findall(r"\s", every) == list(filter(str.isspace, every))


if __name__ == "__main__":
    if "--write" in sys.argv:
        write_snapshot()
        print(f"wrote {SNAPSHOT} ({SNAPSHOT.stat().st_size} bytes)")
