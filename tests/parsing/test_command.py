"""manage.py parse_report, called without a configured Django project."""

from __future__ import annotations

import io
import json

import pytest
from parsing_support import SEEDS

pytest.importorskip("django")

from django.core.management.base import CommandError  # noqa: E402

from lawreports.reports.management.commands.parse_report import Command  # noqa: E402


def run(*files, as_json=True):
    out, err = io.StringIO(), io.StringIO()
    cmd = Command(stdout=out, stderr=err)
    error = None
    try:
        cmd.handle(files=[str(f) for f in files], json=as_json)
    except CommandError as exc:
        error = exc
    return out.getvalue(), err.getvalue(), error


def test_json_lines(tmp_path):
    files = sorted(SEEDS.glob("*.txt"))
    out, err, error = run(*files)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["file"] for r in rows] == [f.name for f in files]
    assert error is None and not err
    assert "蒙自市" in out  # ensure_ascii=False


def test_failures_go_to_stderr_and_fail_the_run(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out, err, error = run(SEEDS / "000_bfee8bb3aceb5354.txt", empty, tmp_path / "missing.txt")
    assert len(out.splitlines()) == 1
    assert "empty.txt: empty file" in err
    assert "missing.txt: cannot read file" in err
    assert error is not None and error.returncode == 1


def test_human_summary():
    out, _, error = run(SEEDS / "004_17ca6f33bb420750.txt", as_json=False)
    assert error is None
    assert "茂名市人民政府办公室" in out and "title_inferred" in out
