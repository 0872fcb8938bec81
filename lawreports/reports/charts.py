"""Server-rendered SVG charts: counts in, bar geometry out (the templates only draw)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.http import urlencode

COLUMN_PLOT = 120  # px: the tallest column in the per-year chart
PHONE_LABELS = 6  # at most this many year labels fit a phone's width (the rest are "minor")


def year_bars(per_year: list[dict]) -> list[dict[str, Any]]:
    """Columns from the first year to the last, so a year without reports shows as a gap.
    Geometry is in percent of the chart's width, so the SVG fits any screen at 1:1 text size."""
    counts = {row["year"]: row["n"] for row in per_year}
    if not counts:
        return []
    years = range(min(counts), max(counts) + 1)
    bars = _bars([(str(y), counts.get(y, 0), reverse("reports:year", args=[y])) for y in years])
    slot = 100 / len(bars)
    step = -(-len(bars) // PHONE_LABELS)  # label every step-th year on phones, the last kept
    for i, bar in enumerate(bars):
        bar["minor"] = (len(bars) - 1 - i) % step != 0
        bar["title"] = f"{bar['label']}年：{bar['n']} 份"
        bar["w"] = round(min(slot * 0.6, 10), 2)  # few years: slim columns, not slabs
        bar["cx"] = round(slot * (i + 0.5), 2)
        bar["x"] = round(bar["cx"] - bar["w"] / 2, 2)
        bar["h"] = round(COLUMN_PLOT * bar["pct"] / 100, 1)
        bar["y"] = round(20 + COLUMN_PLOT - bar["h"], 1)
        bar["ty"] = round(bar["y"] - 5, 1)
    return bars


def province_bars(per_province: list[dict], *, year: int | None = None) -> list[dict[str, Any]]:
    """Horizontal bars: names take the left 30%, bars up to 57% more, then the count.
    Bars link to the province's page, or within a year to the filtered list."""

    def url(code: str) -> str:
        if year is None:
            return reverse("reports:region", args=[code])
        return f"{reverse('reports:list')}?{urlencode({'year': year, 'province': code})}"

    rows = [(r["province__name"], r["n"], url(r["province__code"])) for r in per_province]
    bars = _bars(rows)
    for i, bar in enumerate(bars):
        bar["y"] = i * 26
        bar["w"] = round(bar["pct"] * 0.57, 2)
        bar["end"] = round(31 + bar["w"] + 1, 2)
    return bars


def _bars(rows: list[tuple[str, int, str]]) -> list[dict[str, Any]]:
    top = max((n for _, n, _ in rows), default=0) or 1
    return [
        {
            "label": label,
            "title": f"{label}：{n} 份",
            "n": n,
            "url": url,
            # percent of the plot area; a non-zero value never vanishes
            "pct": round(max(2.0, 100 * n / top), 1) if n else 0,
        }
        for label, n, url in rows
    ]
