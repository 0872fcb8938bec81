from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from lawreports.analysis.dataset import rebuild_dataset, write_dataset


class Command(BaseCommand):
    help = (
        "把全部数据导出到目录：每张表一个 CSV 和一个 JSONL，另附 README.md 说明各列。"
        "不给目录时重建网站 /data/ 提供下载的数据集（DATASET_ROOT）。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", nargs="?", help="默认 DATASET_ROOT（网站下载的数据集）")
        parser.add_argument(
            "--base-url",
            default=None,
            help="报告地址的前缀，如 https://example.org（默认 SITE_URL，未设则为相对地址）",
        )
        parser.add_argument(
            "--header-codes",
            action="store_true",
            help="CSV 表头用列代码（与 JSON 的键相同），默认用中文列名",
        )

    def handle(self, *args, directory, base_url, header_codes, **options) -> None:
        base = (settings.SITE_URL if base_url is None else base_url).rstrip("/")
        if directory is None:  # the site's copy: replaced file by file, never half-written
            counts = rebuild_dataset(base=base, codes=header_codes)
            self.stdout.write(f"dataset rebuilt in {settings.DATASET_ROOT}")
        else:
            counts = write_dataset(Path(directory), base=base, codes=header_codes)
        for table, n in counts.items():
            self.stdout.write(f"{table}: {n}")
