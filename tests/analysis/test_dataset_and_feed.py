"""The full dataset as files on the site, rebuilt after loads; the Atom feed on odd input."""

import csv
import html
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from lawreports.analysis.dataset import FILES
from lawreports.analysis.exporting import REPORT_COLUMNS

pytestmark = pytest.mark.django_db
ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def dataset_dir(tmp_path, settings):
    settings.DATASET_ROOT = tmp_path / "dataset"
    return settings.DATASET_ROOT


def test_the_dataset_is_downloadable_from_the_site(client, seeded, dataset_dir):
    page = client.get("/data/")
    assert page.status_code == 200 and "尚未生成" in page.content.decode()
    call_command("export_dataset", stdout=io.StringIO())
    assert sorted(p.name for p in dataset_dir.iterdir()) == sorted(FILES)
    page = client.get("/data/").content.decode()
    for name in FILES:
        assert f'href="/data/{name}"' in page
    assert "<code>timeliness</code>" in page and "及时性" in page  # the column guide

    response = client.get("/data/reports.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="reports.csv"'
    served = b"".join(response.streaming_content)
    assert served == (dataset_dir / "reports.csv").read_bytes()
    header, *rows = list(csv.reader(io.StringIO(served.decode("utf-8"))))
    assert header == [c.label for c in REPORT_COLUMNS] and len(rows) == 5
    again = client.get("/data/reports.csv", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304
    guide = client.get("/data/README.md")
    assert guide["Content-Type"].startswith("text/markdown") and "| `noun` |" in b"".join(
        guide.streaming_content
    ).decode("utf-8")
    for bad in ("/data/../settings.py", "/data/db.sqlite3", "/data/.building-x", "/data/%2e%2e"):
        assert client.get(bad).status_code == 404, bad


def test_load_reports_rebuilds_the_dataset(seeds_dir, tmp_path, dataset_dir):
    seeds = sorted(seeds_dir.glob("*.txt"))
    call_command("load_reports", *map(str, seeds[:2]), stdout=io.StringIO())
    assert len((dataset_dir / "reports.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    out = io.StringIO()
    call_command("load_reports", *map(str, seeds), stdout=out)
    lines = (dataset_dir / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and "rebuilt the dataset" in out.getvalue()
    assert not [p for p in dataset_dir.iterdir() if p.name.startswith(".building")]
    # a load that changes nothing leaves the files alone; --no-dataset skips the rebuild
    before = (dataset_dir / "reports.jsonl").stat().st_mtime_ns
    call_command("load_reports", *map(str, seeds), stdout=io.StringIO())
    assert (dataset_dir / "reports.jsonl").stat().st_mtime_ns == before
    extra = tmp_path / "extra.txt"
    extra.write_text(seeds[0].read_text(encoding="utf-8") + "\n补充。", encoding="utf-8")
    call_command("load_reports", str(extra), "--no-dataset", stdout=io.StringIO())
    assert (dataset_dir / "reports.jsonl").stat().st_mtime_ns == before
    assert json.loads(lines[0])["id"]  # JSON keys are the codes


def entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    return ET.fromstring(response.content).findall("a:entry", ATOM)


@hsettings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.sampled_from(["q", "year", "province", "level", "sort", "page", "x", "\x08", "日"]),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
        max_size=4,
    )
)
def test_the_feed_is_well_formed_xml_whatever_the_parameters(client, seeded, params):
    response = client.get("/feeds/reports.atom", params)
    assert response.status_code == 200
    ET.fromstring(response.content)  # raises on anything XML 1.0 cannot carry


def test_the_feed_survives_control_characters_and_escapes_html_once(client, make_report):
    report = make_report(agency="<b>测试&amp;县</b>\x08司法局")
    report.title = "<i>标题</i>\x0b\x1f & 报告"
    report.save()
    (entry,) = entries(client.get("/feeds/reports.atom?x=%08&q=%0C"))
    assert entry.find("a:title", ATOM).text == "<i>标题</i> & 报告"  # text, escaped once by XML
    summary = entry.find("a:summary", ATOM)
    assert summary.get("type") == "html"
    # HTML in the summary: the agency's markup is shown as text, escaped exactly once
    assert summary.text.startswith(html.escape("<b>测试&amp;县</b>司法局"))
    assert html.unescape(summary.text).startswith("<b>测试&amp;县</b>司法局")
