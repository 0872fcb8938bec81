"""Places a report's web address names. Government sites are named after their place in
pinyin (www.changzhi.gov.cn → 长治市, www.xuwen.gov.cn → 徐闻县), which tells where a page
that never names its own place belongs, or which of several 龙溪镇 it means."""

from __future__ import annotations

import functools
import itertools
from urllib.parse import urlsplit

from pypinyin import Style, pinyin

from lawreports.parsing.gazetteer import SHORT, gazetteer

_LEVELS = ("province", "prefecture", "county")  # township names repeat too often to trust
_READINGS = 8  # spellings kept per name (长治: changzhi, zhangzhi, …)
# Host labels that are never a place: the web's own, and departments' subdomains that
# happen to spell one (gongan.… is the police, not 公安县).
_NOT_PLACES = frozenset({"www", "gov", "cn", "com", "net", "org", "edu", "gongan"})


def places_in_address(url: str | None) -> list[str]:
    """Official names of the divisions a web address's host names, outermost label last
    (amr.xuancheng.gov.cn → ["宣城市"]); empty for an address that names none."""
    if not url:
        return []
    host = (urlsplit(url).hostname or "").lower()
    names: list[str] = []
    for label in host.split("."):
        if label not in _NOT_PLACES and label.isalpha():
            names += [n for n in _by_spelling().get(label, ()) if n not in names]
    return names


@functools.cache
def _by_spelling() -> dict[str, tuple[str, ...]]:
    """Pinyin spelling of a division's bare name → the official names it may stand for."""
    gaz = gazetteer()
    index: dict[str, list[str]] = {}
    for division in gaz.by_code.values():
        if division.level not in _LEVELS:
            continue
        for form, kind in gaz.forms[division.code]:
            if kind == SHORT:
                for spelling in _spellings(form):
                    index.setdefault(spelling, []).append(division.name)
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


def _spellings(word: str) -> set[str]:
    readings = pinyin(word, style=Style.NORMAL, heteronym=True, errors="ignore")
    return {"".join(c) for c in itertools.islice(itertools.product(*readings), _READINGS)}
