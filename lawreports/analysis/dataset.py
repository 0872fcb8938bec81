"""The bulk dump behind `manage.py export_dataset DIR`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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


def write_dataset(directory: Path, *, base: str = "") -> dict[str, int]:
    """Write <table>.csv and <table>.jsonl for every table, and README.md; returns counts."""
    directory.mkdir(parents=True, exist_ok=True)
    reports = Report.objects.order_by("pk")
    counts: dict[str, int] = {}
    for table in DUMP_TABLES:
        counts[table] = 0
        with (
            (directory / f"{table}.csv").open("w", encoding="utf-8", newline="") as csv_file,
            (directory / f"{table}.jsonl").open("w", encoding="utf-8") as json_file,
        ):
            csv_file.write(exporting.csv_header(table))
            for record in exporting.rows(table, reports, base=base):
                csv_file.write(exporting.csv_row(record))
                json_file.writelines(exporting.json_lines([record]))
                counts[table] += 1
    (directory / "README.md").write_text(readme(counts), encoding="utf-8")
    return counts


def readme(counts: dict[str, int]) -> str:
    lines = [
        "# 法治报告库数据集",
        "",
        f"导出时间：{dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        "",
        "每张表两种格式：`表名.csv`（UTF-8，无 BOM，列表值以 `|` 分隔）与 `表名.jsonl`"
        "（每行一个 JSON 对象，列表值为数组，空值为 null）。日期为 ISO 8601。",
        "完整性、及时性、具体数字与主题由程序自动判定，可能有误。",
        "",
    ]
    for table in DUMP_TABLES:
        lines += [f"## {table}（{counts.get(table, 0)} 行）", "", TABLE_DOCS[table], ""]
        lines += ["| 列 | 说明 |", "| --- | --- |"]
        lines += [f"| `{col.name}` | {col.doc} |" for col in exporting.TABLES[table][0]]
        lines.append("")
    return "\n".join(lines)
