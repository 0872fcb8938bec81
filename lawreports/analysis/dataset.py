"""The bulk dump: `manage.py export_dataset [DIR]`, rebuilt after loads into DATASET_ROOT,
whose files the site serves at /data/."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from lawreports.analysis import exporting
from lawreports.reports.models import Report

DUMP_TABLES = ("reports", "sections", "issues", "plans", "figures", "themes", "item_themes")
TABLE_DOCS = {
    "reports": "报告：一行一份，含完整性、及时性、具体数字个数与主题",
    "sections": "章节：报告的提纲与各节正文",
    "issues": "存在问题：报告自述的不足",
    "plans": "工作计划：报告宣布的下一年度计划",
    "figures": "具体数字：报告中陈述的数量（数字、单位、计量对象、原句）",
    "themes": "主题分类：主题及其关键词",
    "item_themes": "问题与计划的主题标注",
}
FILES = ("README.md", *(f"{t}.{ext}" for t in DUMP_TABLES for ext in ("csv", "jsonl")))


def write_dataset(directory: Path, *, base: str = "", codes: bool = False) -> dict[str, int]:
    """Write <table>.csv and <table>.jsonl for every table, and README.md; returns counts.
    CSV headers are the Chinese labels (the codes if `codes`); JSON keys are the codes."""
    directory.mkdir(parents=True, exist_ok=True)
    reports = Report.objects.order_by("pk")
    counts: dict[str, int] = {}
    for table in DUMP_TABLES:
        counts[table] = 0
        with (
            (directory / f"{table}.csv").open("w", encoding="utf-8", newline="") as csv_file,
            (directory / f"{table}.jsonl").open("w", encoding="utf-8") as json_file,
        ):
            csv_file.write(exporting.csv_header(table, codes=codes))
            for record in exporting.rows(table, reports, base=base):
                csv_file.write(exporting.csv_row(record))
                json_file.writelines(exporting.json_lines([record]))
                counts[table] += 1
    (directory / "README.md").write_text(readme(counts), encoding="utf-8")
    return counts


def rebuild_dataset(
    directory: Path | None = None, *, base: str | None = None, codes: bool = False
) -> dict[str, int]:
    """Write the dataset beside `directory` (DATASET_ROOT), then move each file into place:
    a download running meanwhile keeps reading the old file whole."""
    directory = Path(directory or settings.DATASET_ROOT)
    directory.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=directory))
    try:
        base = settings.SITE_URL if base is None else base
        counts = write_dataset(staging, base=base, codes=codes)
        for name in FILES:
            os.replace(staging / name, directory / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts


@dataclass(frozen=True)
class DatasetFile:
    name: str
    size: int
    modified: dt.datetime


def dataset_files(directory: Path | None = None) -> list[DatasetFile]:
    """The dataset's files present now, in FILES order."""
    directory = Path(directory or settings.DATASET_ROOT)
    found = []
    for name in FILES:
        try:
            stat = (directory / name).stat()
        except OSError:
            continue
        modified = dt.datetime.fromtimestamp(stat.st_mtime, tz=dt.UTC)
        found.append(DatasetFile(name, stat.st_size, modified))
    return found


def column_guide() -> list[tuple[str, str, list[exporting.Column]]]:
    """(table, what it holds, its columns) for the README and the /data/ page."""
    return [(t, TABLE_DOCS[t], exporting.TABLES[t][0]) for t in DUMP_TABLES]


def readme(counts: dict[str, int]) -> str:
    lines = [
        "# 法治报告库数据集",
        "",
        f"导出时间：{dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        "",
        "每张表两种格式：`表名.csv`（UTF-8，无 BOM，表头为中文列名，列表值以 `|` 分隔）与"
        " `表名.jsonl`（每行一个 JSON 对象，键为列代码，列表值为数组，空值为 null）。"
        "日期为 ISO 8601。",
        "CSV 中以 = + - @ 等开头的文字前加了一个 `'`，以免电子表格把它当作公式执行；"
        "JSONL 保留原文。",
        "完整性、及时性、具体数字与主题由程序自动判定，可能有误。",
        "",
    ]
    for table, doc, columns in column_guide():
        lines += [f"## {table}（{counts.get(table, 0)} 行）", "", doc, ""]
        lines += ["| 列代码（JSON） | CSV 列名 | 说明 |", "| --- | --- | --- |"]
        lines += [f"| `{col.name}` | {col.label} | {col.doc} |" for col in columns]
        lines.append("")
    return "\n".join(lines)
