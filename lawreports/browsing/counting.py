"""Facet counts for the list page, the API and the search: one value list per listed facet.

Each facet counts over the other facets' filters (disjunctive counts), so a chosen value's
siblings stay visible with the counts choosing them too would give. The search match comes
from SQL as an id set; the masks and counts run over the columns held in memory.
"""

from __future__ import annotations

import numpy as np
from django.db.models import QuerySet

from lawreports.browsing import columns as facet_columns
from lawreports.browsing import registry
from lawreports.browsing.kinds import FacetValue
from lawreports.browsing.params import Selection
from lawreports.reports.models import Report
from lawreports.search.backends import MatchedIds


def shown(name: str, selection: Selection) -> bool:
    """Listed on the page: a tree level appears once the level above is chosen."""
    facet = next(f for f in registry.FACETS if f.name == name)
    return facet.listed and (facet.parent is None or selection.is_chosen(facet.parent))


def facets_and_ids(
    selection: Selection,
    base: QuerySet[Report],
    *,
    matched: MatchedIds | None = None,
    columns: facet_columns.FacetColumns | None = None,
) -> tuple[dict[str, list[FacetValue]], np.ndarray]:
    """The facets, and the ids (ascending) of the reports all filters leave. `base` is every
    report or a search's; `matched`, when given, is that search's id set; `columns` the kept
    columns the selection was resolved against."""
    columns = columns if columns is not None else facet_columns.current(base.db)
    if matched is not None:
        within = columns.mask_of_match(matched)
    elif base.query.where:
        within = columns.mask_of_queryset(base)
    else:
        within = columns.all()
    masks = {}
    for facet, chosen in selection.active():
        if facet.in_memory(chosen):
            masks[facet.name] = facet.mask(columns.data[facet.name], chosen)
        else:
            masks[facet.name] = columns.mask_of_queryset(base.filter(facet.q(chosen)))

    def others(name: str | None) -> np.ndarray:
        mask = within.copy()
        for other, other_mask in masks.items():
            if other != name:
                mask &= other_mask
        return mask

    every = others(None)
    facets: dict[str, list[FacetValue]] = {}
    for facet in registry.FACETS:
        if not shown(facet.name, selection):
            continue
        chosen = selection.chosen[facet.name]
        mask = others(facet.name) if facet.name in masks else every
        if facet.in_memory(chosen):
            labels = columns.labels.get(facet.name, {})
            facets[facet.name] = facet.counts(columns.data[facet.name], mask, chosen, labels)
        else:
            inside = base.filter(pk__in=columns.ids[mask].tolist())
            facets[facet.name] = facet.sql_counts(inside, chosen)
    return facets, columns.ids[every]
