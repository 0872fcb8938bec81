"""The loader needs hundreds of reports a second: a 20 KB report must take milliseconds."""

from __future__ import annotations

import time

from parsing_support import SEEDS

from lawreports.parsing import parse_bytes


def test_parsing_is_fast():
    data = (SEEDS / "001_acf98a436d4acf9f.txt").read_bytes()
    data = data + b"\n" + data[: 20_000 - len(data)] if len(data) < 20_000 else data
    parse_bytes(data, filename="warm.txt")  # load converters and gazetteer once
    runs = 20
    start = time.perf_counter()
    for _ in range(runs):
        parse_bytes(data, filename="x.txt")
    per_report = (time.perf_counter() - start) / runs
    assert per_report < 0.025, f"{per_report * 1000:.1f} ms per 20 KB report"


def test_no_pathological_backtracking():
    nasty = ("一、" + "法" * 5000 + "\n") * 3 + "(一)" + "、" * 20000 + "\n" + "1." * 5000
    start = time.perf_counter()
    parse_bytes(("2022年,某县人民政府推进法治政府建设。\n" + nasty).encode(), filename="n.txt")
    assert time.perf_counter() - start < 1.0
