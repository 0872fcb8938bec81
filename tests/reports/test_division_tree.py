"""The whole division tree is in the database after `migrate`, and the admin searches it."""

import gzip

import pytest
from django.urls import reverse

from lawreports.parsing.gazetteer import FIXTURES
from lawreports.reports.models import Region
from lawreports.reports.services.regions import load_division_tree

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = "admin:autocomplete"


def fixture_codes() -> dict[str, str]:
    with gzip.open(FIXTURES / "divisions.tsv.gz", "rt", encoding="utf-8") as fh:
        next(fh)
        return {line.split("\t")[0]: line.rstrip("\n").split("\t")[3] for line in fh}


def test_every_division_of_the_gazetteer_is_a_row_with_its_parent():
    fixture = fixture_codes()
    rows = dict(Region.objects.values_list("code", "parent__code"))
    assert len(rows) == len(fixture) > 44000
    assert rows == {code: parent or None for code, parent in fixture.items()}
    assert load_division_tree() == 0  # loading again adds nothing


def test_a_division_no_report_needs_is_there_with_its_path():
    region = Region.objects.select_related("parent__parent__parent").get(code="420683")
    assert region.path_label() == "湖北省 / 襄阳市 / 枣阳市"
    assert region.level == "county"
    assert Region.objects.filter(parent=region, level="township").count() > 10


def search(client, term: str, field: str = "region", model: str = "report") -> list[str]:
    params = {"term": term, "app_label": "reports", "model_name": model, "field_name": field}
    response = client.get(reverse(AUTOCOMPLETE), params)
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def test_autocomplete_finds_divisions_by_name_or_code_with_their_full_path(client, staff):
    assert "云南省 / 红河哈尼族彝族自治州 / 蒙自市（532503）" in search(client, "蒙自市")
    assert search(client, "532503")[0] == "云南省 / 红河哈尼族彝族自治州 / 蒙自市（532503）"
    # Two 朝阳区 are told apart by their paths; a parent's name narrows the search.
    chaoyang = search(client, "朝阳区")
    assert chaoyang[:2] == ["北京市 / 朝阳区（110105）", "吉林省 / 长春市 / 朝阳区（220104）"]
    narrowed = search(client, "长春 朝阳区")
    assert narrowed[0] == "吉林省 / 长春市 / 朝阳区（220104）"
    assert all(t.startswith("吉林省 / 长春市 / 朝阳区") for t in narrowed)
    assert all("襄阳市" in t for t in search(client, "襄阳 枣阳"))


def test_autocomplete_tells_agencies_of_the_same_name_apart(client, staff, portal_pages):
    reports, _ = portal_pages
    texts = search(client, "宜城市司法局", field="agency")
    assert texts == ["宜城市司法局（湖北省 / 襄阳市 / 宜城市）"]
    assert search(client, "沙溪镇", field="agency") == [
        "沙溪镇人民政府（江苏省 / 苏州市 / 太仓市 / 沙溪镇）"
    ]


def test_anonymous_users_cannot_search_divisions(client):
    params = {
        "term": "蒙自",
        "app_label": "reports",
        "model_name": "report",
        "field_name": "region",
    }
    response = client.get(reverse(AUTOCOMPLETE), params)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
