"""Facets whose column is not a plain categorical field: a foreign key (regions, agencies),
a bit set (missing parts, themes) and a lower bound (min_figures)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django import forms
from django.db.models import Expression, F, Q, Value
from django.db.models.functions import Coalesce

from lawreports.browsing.kinds import Chosen, Facet, FacetValue, Kind


@dataclass(frozen=True, kw_only=True)
class RelatedFacet(Facet):
    """A foreign key (a region level, an agency): the column holds the related row's id, URLs
    its `key` (a division code, an id), which a label (a name) may replace in API calls."""

    model: Any = None  # the related model
    key: str = "pk"
    level: str | None = None  # regions: the level a name or code must have
    missing: Any = 0

    def value_field(self) -> forms.Field:
        if self.key == "pk":
            return forms.IntegerField(min_value=1, max_value=2**63 - 1)
        return forms.CharField(max_length=100)

    def column_expression(self) -> Expression:
        return Coalesce(F(f"{self.field}_id"), Value(0))

    def rows(self, using: str, **lookup: Any) -> dict[int, tuple[str, str]]:
        """id → (key, label) of the related rows matching `lookup`."""
        rows = self.model.objects.using(using).filter(**lookup)
        if self.level:
            rows = rows.filter(level=self.level)
        return {pk: (str(key), name) for pk, key, name in rows.values_list("pk", self.key, "name")}

    def resolve(self, keys: list[str], known: Any) -> tuple[Chosen, list[str]]:
        if not keys:
            return Chosen(), []
        found = {
            pk: pair
            for pk, pair in known.labels.get(self.name, {}).items()
            if pair[0] in keys or pair[1] in keys
        }  # the regions with reports are known; others (and agencies) are looked up
        missing = [k for k in keys if not any(k in pair for pair in found.values())]
        if missing:
            by_key = Q(**{f"{self.key}__in": missing})
            if self.key != "pk":
                by_key |= Q(name__in=missing)
            inner = self.model.objects.filter(by_key).values("pk")
            found |= self.rows(known.alias, pk__in=inner)
        chosen, messages = Chosen(), []
        for wanted in keys:  # in the URL's order
            matching = [pk for pk, (key, label) in found.items() if wanted in (key, label)]
            if not matching:
                messages.append(f"没有找到“{wanted}”（{self.label}），未按它筛选。")
            for pk in matching:
                if pk not in chosen.values:
                    chosen.keys.append(found[pk][0])
                    chosen.values.append(pk)
                    chosen.labels.append(found[pk][1])
        return chosen, messages

    def q(self, chosen: Chosen) -> Q:
        return Q(**{f"{self.field}_id__in": chosen.values}) if chosen.values else Q()

    def counts(self, column, mask, chosen, labels) -> list[FacetValue]:
        pairs = zip(chosen.keys, chosen.labels, strict=True)
        labels = labels | dict(zip(chosen.values, pairs, strict=True))
        values = super().counts(column, mask, chosen, labels)
        return sorted(values, key=lambda v: v.value)

    def key_of(self, value: Any, labels: dict) -> str:
        return labels[value][0]

    def _label(self, value: Any, labels: dict) -> str:
        return labels[value][1]

    def openapi(self) -> list[dict[str, Any]]:
        entries = super().openapi()
        if self.key == "pk":
            entries[0]["schema"] = {"type": "array", "items": {"type": "integer"}}
        return entries


@dataclass(frozen=True, kw_only=True)
class BitsFacet(Facet):
    """Several values per report (a report may miss more than one part): the column is a bit
    set, one bit per value, computed by `expression`."""

    missing: Any = 0

    def bits(self, known: Any) -> dict[str, int]:
        """value → its bit mask, in display order."""
        return {key: 1 << i for i, (key, _) in enumerate(self.choices)}

    def build_column(self, raw: Sequence) -> np.ndarray:
        return np.asarray(raw, dtype=np.int64).clip(min=0)

    def mask(self, column: np.ndarray, chosen: Chosen) -> np.ndarray:
        return (column & self._mask_of(chosen.values, chosen)) != 0

    def _mask_of(self, values: list, chosen: Chosen) -> int:
        return int(sum(chosen.bits.get(v, 0) for v in values))

    def choose(self, data: dict[str, list[str]], known: Any) -> tuple[Chosen, list[str]]:
        chosen, messages = super().choose(data, known)
        chosen.bits = self.bits(known)
        return chosen, messages

    def counts(self, column, mask, chosen, labels) -> list[FacetValue]:
        inside = column[mask]
        selected = set(chosen.values)
        out = []
        for value, bit in chosen.bits.items():
            n = int(np.count_nonzero(inside & bit))
            if n or value in selected:
                out.append(FacetValue(value, self.label_of(value), n, value in selected))
        return out


@dataclass(frozen=True, kw_only=True)
class AtLeastFacet(Facet):
    """A lower bound on a number (no values to list): `min_figures=5`."""

    kind: Kind = Kind.SINGLE
    missing: Any = -1
    listed: bool = False
    convert: Callable[[str], Any] | None = int

    def label_of(self, value: Any) -> str:
        return f"不少于 {value}"

    def q(self, chosen: Chosen) -> Q:
        return Q(**{f"{self.field}__gte": chosen.values[0]}) if chosen.values else Q()

    def build_column(self, raw: Sequence) -> np.ndarray:
        return np.asarray(raw, dtype=np.int64)

    def mask(self, column: np.ndarray, chosen: Chosen) -> np.ndarray:
        return (column != self.missing) & (column >= chosen.values[0])


@dataclass(frozen=True, kw_only=True)
class ThemeFacet(BitsFacet):
    """Reports with an item (issue or plan) of a theme: the report's theme bits (Theme.bit);
    while some theme has no bit (more than 63 themes), filtered and counted from the items."""

    item_kind: str = "issue"

    def bits(self, known: Any) -> dict[str, int]:
        return {name: 0 if bit is None else 1 << bit for name, bit in known.themes.items()}

    def value_field(self) -> forms.Field:
        return forms.CharField(max_length=32)

    def resolve(self, keys: list[str], known: Any) -> tuple[Chosen, list[str]]:
        found = [k for k in keys if k in known.themes]
        messages = [f"没有“{k}”这一{self.label}，未按它筛选。" for k in keys if k not in found]
        return Chosen(found, found, found), messages

    def label_of(self, value: Any) -> str:
        return str(value)

    def q(self, chosen: Chosen) -> Q:
        from lawreports.analysis.models import ItemTheme

        if not chosen.values:
            return Q()
        tagged = ItemTheme.objects.filter(kind=self.item_kind, theme__name__in=chosen.values)
        return Q(pk__in=tagged.values("report_id"))

    def in_memory(self, chosen: Chosen) -> bool:
        return all(chosen.bits.values())

    def sql_counts(self, reports: Any, chosen: Chosen) -> list[FacetValue]:
        """Counted from the item themes (themes without a bit)."""
        from django.db.models import Count

        from lawreports.analysis.models import ItemTheme

        rows = dict(
            ItemTheme.objects.using(reports.db)
            .filter(kind=self.item_kind, report__in=reports.values("pk"))
            .values_list("theme__name")
            .annotate(n=Count("report", distinct=True))
            .order_by()
        )
        selected = set(chosen.values)
        return [
            FacetValue(name, name, rows.get(name, 0), name in selected)
            for name in chosen.bits
            if rows.get(name) or name in selected
        ]
