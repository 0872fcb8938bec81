"""Deterministic synthetic reports: report i is the same bytes for every N and every run.

Each report is assembled from the seed reports' sentences (bench/pools.py) for a real division
of the gazetteer (bench/agencies.py): page metadata, title, preamble, achievements, problems,
an optional first-responsibility part, next year's plans and a signature. Some are traditional
(OpenCC s2t) and some arrive in GB18030 or Big5, like the real web pages.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import opencc

from bench.agencies import BenchAgency, agency
from bench.pools import Topic, pools

SEED = 20190401
REPORTS_PER_AGENCY = 4  # an agency reports for several years
TRADITIONAL_SHARE = 0.06
GB18030_SHARE = 0.10
# Marker sentences at known rates: the rare terms of the benchmark's query mix.
MARKERS = (
    (0.001, "探索运用区块链电子存证技术固定行政执法证据，全年存证{n}条。"),
    (0.01, "开展涉企行政合规指导，为{n}家企业出具行政合规建议书。"),
    (0.05, "推行包容审慎监管，对{n}起首次轻微违法行为依法不予行政处罚。"),
    (0.30, "深入学习贯彻习近平法治思想，把法治政府建设纳入经济社会发展全局统筹推进。"),
)
NUMERALS = "一二三四五六七八九十"
TITLE_ENDINGS = ("法治政府建设情况报告", "法治政府建设年度报告", "法治政府建设工作报告",
                 "关于法治政府建设情况的报告")  # fmt: skip
_YEAR_RE = re.compile(r"20(?:1[5-9]|2[0-4])(?=\s*年)")
_NUMBER_RE = re.compile(r"(?<![\d.])\d{1,5}(?![\d年])")


@dataclass(frozen=True)
class GeneratedReport:
    name: str  # file name
    data: bytes  # what the loader reads
    text: str  # the same report as text (what rg searches)
    agency: BenchAgency
    year: int


@cache
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _fill(sentence: str, place: str, year: int, rng: random.Random) -> str:
    sentence = sentence.replace("{place}", place)
    sentence = _YEAR_RE.sub(str(year), sentence)
    return _NUMBER_RE.sub(lambda m: str(rng.randint(1, 10 ** len(m.group()) - 1)), sentence)


def _part(
    rng: random.Random, topics: list[Topic], count: int, place: str, year: int, style: int
) -> list[str]:
    lines = []
    for k, topic in enumerate(rng.sample(topics, min(count, len(topics)))):
        label = (f"（{NUMERALS[k]}）", f"({NUMERALS[k]})", f"{k + 1}.")[style]
        sentences = list(topic.sentences)
        extra = rng.sample(pools().sentences, rng.randint(1, 4)) if len(topics) > 20 else []
        body = "".join(_fill(s, place, year, rng) for s in sentences[:5] + extra)
        lines += [label + _fill(topic.heading, place, year, rng), body]
    return lines


def _text(i: int, seed: int) -> tuple[str, BenchAgency, int]:
    rng = random.Random(seed * 7_919 + i)
    who = agency(i // REPORTS_PER_AGENCY, seed)
    years = random.Random(seed + i // REPORTS_PER_AGENCY).sample(range(2019, 2025), 4)
    year = years[i % REPORTS_PER_AGENCY]
    place = who.division.name
    upper = who.parent.name if who.parent else place
    style = rng.choice((0, 0, 1, 2))
    published = f"{year + 1}-{rng.randint(1, 5):02d}-{rng.randint(1, 28):02d}"
    lines: list[str] = []
    if rng.random() < 0.6:
        lines += [f"索引号：{who.division.code}/{year + 1}-{i:06d}", f"发布机构：{who.name}",
                  f"发布日期：{published}"]  # fmt: skip
    lines.append(f"{who.name}{year}年{rng.choice(TITLE_ENDINGS)}")
    if who.kind in ("department", "government_office") and rng.random() < 0.4:
        lines.append(f"{upper}人民政府：")
    lines.append(
        f"{year}年，{who.name}在{upper}委、{upper}政府的坚强领导下，坚持以习近平新时代中国特色"
        f"社会主义思想为指导，认真贯彻落实《法治政府建设实施纲要（2021－2025年）》，"
        f"现将{year}年法治政府建设情况报告如下。"
    )
    p = pools()
    parts = [(f"{year}年推进法治政府建设的主要举措和成效", p.achievements, rng.randint(5, 9))]
    parts.append(("存在的问题和不足", p.problems, rng.randint(2, 4)))
    if rng.random() < 0.5:
        parts.append(("党政主要负责人履行推进法治建设第一责任人职责情况", p.achievements, 1))
    parts.append((f"{year + 1}年工作计划", p.plans, rng.randint(2, 5)))
    for k, (heading, topics, count) in enumerate(parts):
        lines.append(f"{NUMERALS[k]}、{heading}")
        body = _part(rng, topics, count, place, year, style)
        if k == 0:
            markers = [
                m.format(n=rng.randint(2, 900)) for rate, m in MARKERS if rng.random() < rate
            ]
            body[1] += "".join(markers)
        lines += body
    lines += [who.name, f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"]
    return "\n".join(lines) + "\n", who, year


def generate(i: int, seed: int = SEED) -> GeneratedReport:
    text, who, year = _text(i, seed)
    rng = random.Random(seed * 31 + i)
    encoding = "utf-8"
    if rng.random() < TRADITIONAL_SHARE:
        # Big5 pages use Taiwan forms (為, not OpenCC's default 爲, which Big5 lacks).
        encoding = "big5" if rng.random() < 0.4 else "utf-8"
        text = _opencc("s2tw" if encoding == "big5" else "s2t").convert(text)
    elif rng.random() < GB18030_SHARE:
        encoding = "gb18030"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # a character Big5 lacks: publish as UTF-8 instead
        data = text.encode("utf-8")
    return GeneratedReport(f"bench-{i:06d}.txt", data, text, who, year)


def reports(n: int, seed: int = SEED) -> Iterator[GeneratedReport]:
    for i in range(n):
        yield generate(i, seed)


def write_corpus(n: int, root: Path, seed: int = SEED) -> tuple[Path, Path]:
    """Write raw files (root/raw) and UTF-8 text copies (root/text); skip existing files."""
    raw, text = root / "raw", root / "text"
    raw.mkdir(parents=True, exist_ok=True)
    text.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name = f"bench-{i:06d}.txt"
        if (raw / name).exists() and (text / name).exists():
            continue
        report = generate(i, seed)
        (raw / name).write_bytes(report.data)
        (text / name).write_text(report.text, encoding="utf-8")
    return raw, text
