from django.core.management.base import BaseCommand

from lawreports.analysis.services import analyse_all
from lawreports.reports.models import Report


class Command(BaseCommand):
    help = "重新分析报告（完整性、及时性、具体数字、主题）；修改主题分类或截止日期后运行。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="只分析这些报告编号")

    def handle(self, *args, ids: list[int], **options) -> None:
        reports = Report.objects.order_by("pk")
        if ids:
            reports = reports.filter(pk__in=ids)

        def progress(done: int) -> None:
            if done % 500 == 0:
                self.stderr.write(f"… {done}")

        done = analyse_all(reports, on_progress=progress)
        self.stdout.write(f"analysed {done} reports")
