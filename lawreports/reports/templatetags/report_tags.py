from django import template

register = template.Library()

BAR_MAX = 170  # pixels of the longest bar in a 320-wide chart


@register.filter
def max_count(rows) -> int:
    return max((row["n"] for row in rows), default=0)


@register.filter
def bar_width(value: int, maximum: int) -> int:
    return max(1, round(BAR_MAX * value / maximum)) if maximum else 0


@register.filter
def mul(value: int, factor: int) -> int:
    return value * factor


@register.filter
def chart_height(count: int) -> int:
    return max(22, count * 22)


@register.simple_tag
def facet_url(params, name: str, value) -> str:
    """The list URL with one facet set (or removed when value is None)."""
    from lawreports.reports.presenters import url_with

    return url_with(params, **{name: value})
