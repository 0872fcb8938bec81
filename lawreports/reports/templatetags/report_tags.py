import re

from django import template

from lawreports.search.scoped import SCOPES

register = template.Library()

# The parser stores bare labels ("一", "(一)", "1", "(1)", "第一部分", "①"); readers expect
# the punctuation the reports print.
_CN_DIGITS = re.compile(r"[一二三四五六七八九十百零〇]+")
_PAREN = re.compile(r"\((.+)\)")


@register.filter
def section_label(number: str) -> str:
    """'一' → '一、', '(一)' → '（一）', '1' → '1.', '(1)' → '（1）'; others as stored."""
    number = (number or "").strip()
    if not number:
        return ""
    if m := _PAREN.fullmatch(number):
        return f"（{m[1]}）"
    if _CN_DIGITS.fullmatch(number):
        return f"{number}、"
    if number.isascii() and number.isdigit():  # "①".isdigit() is true too
        return f"{number}."
    if number.startswith("第"):
        return f"{number}　"
    return number


@register.filter
def mul(value: int, factor: int) -> int:
    return value * factor


@register.simple_tag
def facet_url(params, name: str, value) -> str:
    """The list URL with one parameter set (or removed when value is None)."""
    from lawreports.browsing.presenters import url_with

    return url_with(params, **{name: value})


@register.simple_tag
def toggle_url(params, name: str, value: str) -> str:
    """The list URL with one facet value added, or removed when chosen."""
    from lawreports.browsing.presenters import toggle_url

    return toggle_url(params, name, value)


@register.simple_tag
def search_scopes() -> dict[str, str]:
    """The search scopes a query can be restricted to (code → label), from the search."""
    return SCOPES
