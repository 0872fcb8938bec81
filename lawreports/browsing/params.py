"""A request's parameters → the filters in force: each facet's usable values, and a message
for every value that cannot apply (`year=abc`, `level=foo`), which is then not applied."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.datastructures import MultiValueDict

from lawreports.browsing import columns as facet_columns
from lawreports.browsing import registry
from lawreports.browsing.columns import FacetColumns
from lawreports.browsing.kinds import Chosen, Facet
from lawreports.reports.models import Report


@functools.cache
def filter_form() -> type[forms.Form]:
    """The filter form, one field per facet parameter. Requests are not cleaned as one form:
    each value is cleaned by its facet's value field (Facet.choose, the field this form's
    multi-value fields wrap), so one bad value is reported and spares the others."""
    fields: dict[str, forms.Field] = {"q": forms.CharField(required=False, label="检索")}
    for facet in registry.FACETS:
        for name, form_field in facet.form_fields().items():
            form_field.required = False
            fields[name] = form_field
    return type("FilterForm", (forms.Form,), fields)


@dataclass
class Selection:
    """The filters in force: facet name → its chosen values (empty when none)."""

    chosen: dict[str, Chosen]
    messages: list[str] = field(default_factory=list)

    def active(self) -> list[tuple[Facet, Chosen]]:
        return [(f, self.chosen[f.name]) for f in registry.FACETS if self.chosen[f.name]]

    def q(self, *, without: str | None = None) -> Q:
        """The SQL condition of every facet but `without`."""
        q = Q()
        for facet, chosen in self.active():
            if facet.name != without:
                q &= facet.q(chosen)
        return q

    def apply(self, reports: QuerySet[Report], *, without: str | None = None) -> QuerySet[Report]:
        return reports.filter(self.q(without=without))

    def is_chosen(self, name: str) -> bool:
        return bool(self.chosen[name])


def as_lists(data: Any) -> dict[str, list[str]]:
    """Parameter → its non-empty values (stripped), from a QueryDict or a plain dict."""
    if isinstance(data, MultiValueDict):
        items = ((k, data.getlist(k)) for k in data)
    else:
        items = ((k, v if isinstance(v, list | tuple) else [v]) for k, v in data.items())
    lists = {}
    for key, values in items:
        kept = [str(v).strip() for v in values if str(v).strip()]
        if kept:
            lists[key] = kept
    return lists


def select(data: Any, columns: FacetColumns | None = None) -> Selection:
    """The filters `data` sets, resolved against the kept `columns` (default: the primary's
    as they are now): region names and codes, theme names."""
    columns = columns if columns is not None else facet_columns.current()
    lists = as_lists(data)
    chosen, messages = {}, []
    for facet in registry.FACETS:
        chosen[facet.name], more = facet.choose(lists, columns)
        messages += more
    return Selection(chosen, messages)
