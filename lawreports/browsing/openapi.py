"""The facets' part of the OpenAPI document (analysis/openapi.py): derived from the registry,
so a new facet is documented the moment it is declared."""

from __future__ import annotations

from typing import Any

from lawreports.browsing import registry


def facet_parameters() -> list[dict[str, Any]]:
    """One query parameter per facet parameter (a RANGE facet has three)."""
    return [entry for facet in registry.FACETS for entry in facet.openapi()]


def counted_facets() -> list[str]:
    """The facets whose counts the API returns."""
    return [facet.name for facet in registry.FACETS if facet.counted_in_api]
