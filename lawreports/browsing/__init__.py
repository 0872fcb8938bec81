"""Browsing: the list page's facets, filters, counts and the JSON API's parameters.

This layer sits above the reports, search and analysis rooms and reads from all three; none
of them imports it (tests/browsing/test_layers.py), except the URL-facing modules that serve
its pages (views, urls, feeds, the OpenAPI document).

Every facet is declared once, in registry.py. From that declaration come the filter form and
its messages (params.py), the SQL filter (selectors.py), the in-memory column and masks
(columns.py), the counts (counting.py), the chips and headings (presenters.py) and the API
parameters with their OpenAPI entries (openapi.py).
"""
