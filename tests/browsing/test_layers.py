"""The browsing layer sits above reports, search and analysis: those three never import it,
except their URL-facing modules (views, urls, feeds, the OpenAPI document, template tags),
which serve its pages. Function-level imports count too."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "lawreports"
BELOW = ("reports", "search", "analysis")
URL_FACING = {"views.py", "urls.py", "feeds.py", "openapi.py", "report_tags.py"}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _upward(room: str) -> dict[str, set[str]]:
    out = {}
    for path in sorted((PACKAGE / room).rglob("*.py")):
        if path.name in URL_FACING:
            continue
        upward = {m for m in _imports(path) if m.startswith("lawreports.browsing")}
        if upward:
            out[str(path.relative_to(PACKAGE))] = upward
    return out


def test_reports_search_and_analysis_do_not_import_browsing():
    assert {room: _upward(room) for room in BELOW} == {room: {} for room in BELOW}


def test_search_imports_nothing_from_analysis():
    offenders = {
        str(path.relative_to(PACKAGE)): {m for m in _imports(path) if "lawreports.analysis" in m}
        for path in (PACKAGE / "search").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    room = tmp_path / "reports"
    room.mkdir()
    (room / "selectors.py").write_text(
        "def f():\n    from lawreports.browsing.registry import FACETS\n", encoding="utf-8"
    )
    (room / "views.py").write_text("from lawreports.browsing import presenters\n", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.PACKAGE", tmp_path)
    assert _upward("reports") == {
        "reports/selectors.py": {
            "lawreports.browsing.registry",
            "lawreports.browsing.registry.FACETS",
        }
    }
