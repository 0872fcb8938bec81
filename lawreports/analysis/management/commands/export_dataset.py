from pathlib import Path

from django.core.management.base import BaseCommand

from lawreports.analysis.dataset import write_dataset


class Command(BaseCommand):
    help = "把全部数据导出到目录：每张表一个 CSV 和一个 JSONL，另附 README.md 说明各列。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory")
        parser.add_argument(
            "--base-url",
            default="",
            help="报告地址的前缀，如 https://example.org（默认为相对地址）",
        )

    def handle(self, *args, directory: str, base_url: str, **options) -> None:
        counts = write_dataset(Path(directory), base=base_url.rstrip("/"))
        for table, n in counts.items():
            self.stdout.write(f"{table}: {n}")
