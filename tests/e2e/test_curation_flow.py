"""A curator's path: sign in, find a report in the queue, place it in a division by typing
part of its name, save, and see the path and level filled in."""

import pytest

from lawreports.reports.models import Report
from lawreports.reports.services.regions import load_division_tree

pytestmark = pytest.mark.e2e


def test_curator_places_a_report_by_searching_the_division_tree(site, desktop, django_user_model):
    load_division_tree()  # a transactional test may have emptied the table the migration filled
    django_user_model.objects.create_superuser("curator", "c@example.com", "pw-e2e-1")
    report = Report.objects.get(source_file="002_76b488e6cb161437.txt")  # 昭通市, 云南省
    page = desktop
    page.goto(f"{site.url}/admin/reports/report/{report.pk}/change/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", "pw-e2e-1")
    page.click("input[type=submit]")
    page.wait_for_selector("#id_region")
    assert page.locator("#site-name").inner_text().strip() == "法治政府建设年度报告库 · 管理"

    page.click("#id_region + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "枣阳")
    option = page.locator(".select2-results__option", has_text="湖北省 / 襄阳市 / 枣阳市（420683）")
    option.click()
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    def shown(field: str) -> str:
        return page.locator(f".field-{field} .readonly").inner_text().strip()

    assert (shown("province"), shown("prefecture"), shown("county")) == (
        "湖北省",
        "襄阳市",
        "枣阳市",
    )
    assert shown("level") == "县级"
    report.refresh_from_db()
    assert sorted(report.curated_fields) == ["agency", "region"]
    assert report.agency.region.code == "420683"
