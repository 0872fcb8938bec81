"""A researcher's path: search, narrow by two facets, open a report, jump to a section."""

import re

import pytest

pytestmark = pytest.mark.e2e


def in_view(page, element_id: str) -> bool:
    return page.evaluate(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.top >= -1 && r.top < window.innerHeight; }""",
        element_id,
    )


def test_search_filter_open_and_follow_the_outline(site, desktop):
    page = desktop
    page.goto(site.url + "/")
    page.get_by_label("检索报告全文").fill("行政复议")
    page.get_by_role("button", name="检索").click()
    page.wait_for_url(re.compile(r"/reports/\?q="))
    results = page.locator("li.result")
    assert results.count() >= 2
    assert page.locator("li.result .snippet mark").first.inner_text() == "行政复议"
    snippet_link = page.locator("li.result .snippet a").first.get_attribute("href")
    assert re.fullmatch(r"/reports/\d+/\?q=[^#]+#s\d+", snippet_link)  # the search travels

    # Drill down: a province, then one of its prefectures (which appears only now).
    assert page.locator('section[aria-labelledby="facet-prefecture"]').count() == 0
    page.locator('section[aria-labelledby="facet-province"] li a').first.click()
    page.wait_for_url(re.compile(r"province=\d+"))
    prefecture = page.locator('section[aria-labelledby="facet-prefecture"] li a').first
    expected = int(prefecture.locator("xpath=../span[@class='count']").inner_text())
    prefecture.click()
    page.wait_for_url(re.compile(r"prefecture=\d+"))
    assert re.search(r"[?&]q=", page.url) and "province=" in page.url
    assert page.locator("ul.chips li a[aria-label^='移除条件']").count() == 3
    assert page.locator("li.result").count() == expected >= 1

    # Open the result, then follow the last top-level outline entry.
    title = page.locator("a.result-title").first
    report_title = title.inner_text()
    title.click()
    page.wait_for_url(re.compile(r"/reports/\d+/\?q=[^#]+$"))
    assert page.locator("h1").inner_text() == report_title
    entry = page.locator("nav.outline li.depth-0 a[href^='#s']").last
    anchor = entry.get_attribute("href")
    entry.click()
    page.wait_for_url(re.compile(re.escape(anchor) + "$"))
    assert page.evaluate("window.scrollY") > 0
    assert in_view(page, anchor[1:])
    assert page.evaluate("document.querySelector(':target').id") == anchor[1:]


def test_traditional_report_switches_to_simplified(site, desktop):
    from lawreports.reports.models import Report

    report = Report.objects.get(script="traditional")
    page = desktop
    page.goto(site.url + report.get_absolute_url())
    assert page.locator("article").get_attribute("lang") == "zh-Hant"
    assert "存在問題" in page.locator(".fulltext").inner_text()
    page.get_by_role("link", name="转为简体显示").click()
    page.wait_for_url(re.compile(r"script=simplified"))
    text = page.locator("article").inner_text()
    assert "存在问题" in text and "問題" not in text and "報告" not in text


def test_phone_walks_the_marked_terms_of_a_report_opened_from_a_search(site, browser):
    from browsing import PHONE

    context = browser.new_context(viewport=PHONE, locale="zh-CN", has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(site.url + "/reports/?q=行政复议")
    page.locator("a.result-title").first.click()
    page.wait_for_url(re.compile(r"/reports/\d+/\?q="))
    nav = page.locator("nav.hit-nav")
    total = int(nav.get_attribute("data-hits"))
    assert total >= 2 and page.locator("mark.hit").count() >= total
    assert f"共 {total} 处" in nav.inner_text()
    nxt = nav.get_by_role("link", name="下一处")
    for expected in (1, 2):
        nxt.tap()
        assert f"第 {expected} / {total} 处" in nav.inner_text()
        current = page.locator("mark.current").first
        assert current.get_attribute("data-hit") == str(expected)
        assert in_view(page, f"hit-{expected}")
    nav.get_by_role("link", name="上一处").tap()
    assert page.locator("mark.current").first.get_attribute("data-hit") == "1"
    nav.get_by_role("link", name="上一处").tap()  # wraps round to the last
    assert page.locator("mark.current").first.get_attribute("data-hit") == str(total)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
