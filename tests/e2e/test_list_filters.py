"""The list page with several values of two facets, on a laptop, a desktop and a phone.

Screenshots of the list with two facets and two values each land in test-artifacts/
(list-two-facets-desktop.png, list-two-facets-phone.png)."""

import re
import sys

import pytest
from browsing import ARTIFACTS, DESKTOP, PHONE, REPO, load_seeds

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def archive(live_server, seeds_dir, tmp_path):
    """The seeds and 60 generated reports; a few moved to early years, so the home page's
    year axis spans 17 years."""
    sys.path.insert(0, str(REPO))
    from bench.corpus import write_corpus
    from lawreports.reports.models import Report
    from lawreports.reports.services.loading import load_files, report_files

    load_seeds(seeds_dir)
    raw, _ = write_corpus(60, tmp_path)
    load_files(report_files([raw]))
    for year, pk in zip(
        (2008, 2010, 2012),
        Report.objects.order_by("pk")[:3].values_list("pk", flat=True),
        strict=True,
    ):
        Report.objects.filter(pk=pk).update(year=year)
    ARTIFACTS.mkdir(exist_ok=True)
    return live_server


def _pick_two(page, facet: str) -> None:
    """Click the first two unselected values of a facet, one after the other."""
    for _ in range(2):
        group = page.locator(f'section[aria-labelledby="facet-{facet}"]')
        if not group.locator("details").evaluate("d => d.open"):
            group.locator("summary").click()
        link = group.locator("li a:not(.selected)").first
        before = page.url
        link.click()
        page.wait_for_url(lambda url, before=before: url != before)


def test_two_facets_two_values_each_on_desktop_and_phone(archive, browser):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(archive.url + "/reports/")
    total = int(re.search(r"共 ([\d,]+) 份", page.locator("h1").inner_text())[1].replace(",", ""))
    _pick_two(page, "province")
    _pick_two(page, "level")
    assert (
        len(re.findall(r"province=", page.url)) == 2 and len(re.findall(r"level=", page.url)) == 2
    )
    heading = page.locator("h1").inner_text()
    assert re.search(r"省份：\S+或\S+；层级：\S+或\S+", heading), heading
    assert page.locator("ul.chips li a[aria-label^='移除条件']").count() == 4
    shown = int(re.search(r"共 ([\d,]+) 份", heading)[1].replace(",", ""))
    assert 0 < shown < total
    # each chosen facet still offers its other values
    assert (
        page.locator('section[aria-labelledby="facet-province"] li a:not(.selected)').count() >= 1
    )
    page.screenshot(path=ARTIFACTS / "list-two-facets-desktop.png", full_page=True)
    url = page.url
    context.close()

    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("h1").inner_text() == heading
    page.locator("aside.facets summary").first.click()  # the filters fold on phones
    page.screenshot(path=ARTIFACTS / "list-two-facets-phone.png", full_page=True)
    context.close()
    for viewport in ("desktop", "phone"):
        assert (ARTIFACTS / f"list-two-facets-{viewport}.png").stat().st_size > 5_000


def test_every_filter_group_is_within_a_laptop_screen(archive, browser):
    context = browser.new_context(viewport=LAPTOP, locale="zh-CN")
    page = context.new_page()
    page.goto(archive.url + "/reports/?province=530000")
    height = page.evaluate("window.innerHeight")
    groups = page.locator("aside.facets section.facet summary")
    assert groups.count() >= 10
    bottoms = [groups.nth(i).bounding_box() for i in range(groups.count())]
    assert all(box["y"] >= 0 and box["y"] + box["height"] <= height for box in bottoms), bottoms
    context.close()


def test_the_h1_comes_first_and_the_year_range_applies(archive, browser):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    page.goto(archive.url + "/reports/")
    first = page.evaluate(
        "document.querySelector('main h1, main h2, main h3, main label, main input').tagName"
    )
    assert first == "H1"
    year = page.locator('section[aria-labelledby="facet-year"]')
    year.get_by_label("起始年度").fill("2021")
    year.get_by_label("截止年度").fill("2022")
    year.get_by_role("button", name="应用").click()
    page.wait_for_url(re.compile(r"year_from=2021&year_to=2022"))
    assert "年度：2021–2022年" in page.locator("h1").inner_text()
    years = {
        int(y)
        for y in page.locator("li.result .meta").all_inner_texts()
        for y in re.findall(r"(\d{4})年", y)
    }
    assert years and years <= {2021, 2022}
    context.close()


def test_the_year_axis_is_readable_on_a_phone(archive, browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    page.goto(archive.url + "/")
    labels = page.locator("svg.column-chart text.bar-label")
    boxes = [b for b in (labels.nth(i).bounding_box() for i in range(labels.count())) if b]
    assert labels.count() >= 17 and len(boxes) >= 3
    boxes.sort(key=lambda b: b["x"])
    overlaps = [
        (a, b) for a, b in zip(boxes, boxes[1:], strict=False) if a["x"] + a["width"] > b["x"] - 2
    ]
    assert not overlaps
    page.locator("svg.column-chart").screenshot(path=ARTIFACTS / "home-years-phone.png")
    context.close()
