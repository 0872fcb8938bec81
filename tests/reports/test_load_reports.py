import io
import shutil

import pytest
from django.core.management import CommandError, call_command

from lawreports.reports.models import Agency, Issue, Plan, Region, Report, Section

pytestmark = pytest.mark.django_db


def run_load(*paths) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("load_reports", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def table_sizes() -> dict[str, int]:
    models = (Report, Section, Issue, Plan, Agency, Region)
    return {m.__name__: m.objects.count() for m in models}


def test_seeds_load_with_expected_issue_and_plan_counts(seeds_dir, expected):
    out, err = run_load(seeds_dir)
    assert "loaded 5" in out and "failed 0" in out
    assert Report.objects.count() == 5
    for case in expected:
        report = Report.objects.get(source_file=case["file"])
        assert report.issues.count() == len(case["issues"]), case["file"]
        assert report.plans.count() == len(case["plans"]), case["file"]
        assert report.year == case["year"]
        assert report.agency.name == case["agency"]
        assert report.sections.filter(depth=0).count() == len(case["top_sections"])


def test_reloading_the_same_files_changes_nothing(seeds_dir):
    run_load(seeds_dir)
    before = table_sizes()
    stamps = dict(Report.objects.values_list("pk", "updated_at"))
    out, _ = run_load(seeds_dir)
    assert "unchanged 5" in out and "loaded 0" in out
    assert table_sizes() == before
    assert dict(Report.objects.values_list("pk", "updated_at")) == stamps


def test_same_report_under_another_name_is_not_duplicated(seeds_dir, tmp_path):
    run_load(seeds_dir)
    copy = tmp_path / "renamed.txt"
    shutil.copy(seeds_dir / "000_bfee8bb3aceb5354.txt", copy)
    out, _ = run_load(copy)
    assert "duplicate 1" in out
    assert Report.objects.count() == 5


def test_changed_file_updates_its_report_in_place(seeds_dir, tmp_path):
    source = seeds_dir / "002_76b488e6cb161437.txt"
    target = tmp_path / source.name
    shutil.copy(source, target)
    run_load(target)
    report = Report.objects.get()
    target.write_text(source.read_text(encoding="utf-8").replace("2020年度", "2021年度", 1))
    out, _ = run_load(target)
    assert "updated 1" in out
    updated = Report.objects.get()
    assert updated.pk == report.pk
    assert updated.year == 2021


def test_a_broken_file_fails_alone_and_is_named(seeds_dir, tmp_path):
    for seed in seeds_dir.glob("*.txt"):
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02\xff" * 500)
    (tmp_path / "empty.txt").write_bytes(b"")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("load_reports", str(tmp_path), stdout=out, stderr=err)
    assert failure.value.returncode == 1
    assert "broken.txt" in err.getvalue() and "empty.txt" in err.getvalue()
    assert "loaded 5" in out.getvalue() and "failed 2" in out.getvalue()
    assert Report.objects.count() == 5
    assert not Report.objects.filter(source_file__in=["broken.txt", "empty.txt"]).exists()


def test_a_failure_while_storing_leaves_nothing_half_written(seeds_dir, monkeypatch):
    from lawreports.reports.services import bulk, store

    def explode(*args):
        raise RuntimeError("disk full")

    # Both ways a report is written: the batch of new reports, then the one-by-one retry.
    monkeypatch.setattr(bulk, "_insert_sections", explode)
    monkeypatch.setattr(store, "apply_structure", explode)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "load_reports", str(seeds_dir / "000_bfee8bb3aceb5354.txt"), stdout=out, stderr=err
        )
    assert "disk full" in err.getvalue()
    assert table_sizes()["Report"] == 0 and table_sizes()["Section"] == 0


def test_missing_path_is_reported(tmp_path):
    with pytest.raises(CommandError):
        run_load(tmp_path / "nope.txt")


def test_every_item_belongs_to_a_section_of_its_report(seeds_dir):
    run_load(seeds_dir)
    for model in (Issue, Plan):
        for item in model.objects.select_related("section"):
            assert item.section.report_id == item.report_id
