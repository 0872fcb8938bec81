"""Resolve an agency name (plus report text as context) to an administrative division.

Policy:
- The agency name decides. Place names in it are read left to right; each later name must lie
  under the earlier ones (北京市朝阳区 → the 朝阳区 of Beijing).
- When the agency's place is ambiguous (朝阳区, 土城子乡), the hints and then the body text break
  the tie by mentioning an ancestor of one candidate (奈曼旗 → the 土城子乡 of 奈曼旗). If nothing
  breaks it, only the levels the candidates share are returned.
- When the agency names no place (我局), the hints are read as agency names, then the body text
  is read conservatively: full names only, the most mentioned must be clearly ahead.
- Bare short forms (蒙自, 红河) count only at the start of the agency name, right after another
  place, or when a government word follows (蒙自人民政府, 红河州委), so running text such as
  重大安全 never yields 大安市.
- Municipalities (北京/上海/天津/重庆) and province-administered counties have no prefecture:
  北京市朝阳区 → province 北京市, prefecture None, county 朝阳区.
- Former names (邢台县, 2020 → 信都区) resolve to the current division, under its current name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lawreports.parsing.gazetteer import (
    OFFICIAL,
    SHORT,
    Division,
    Gazetteer,
    gazetteer,
)

__all__ = ["COMMON_PLACE_WORDS", "Division", "RegionMatch", "gazetteer", "resolve_region"]

# Words after which a bare short form is a place even mid-name (蒙自人民政府). Department words
# (局, 委, 办公室) are not enough: 自然资源局 is not 资源县, 乡村振兴局 is not 振兴区.
_GOV_AFTER = re.compile(r"人民政府|政府|人大|政协|党委|[省市县区旗州盟]")
_AGENCY_PREFIX = re.compile(r"^(?:中国共产党|中共|共青团)")
_HINT_LABEL = re.compile(
    r"^[\s\-—:：]*(?:发布机构|发文机关|发文单位|发布单位|信息来源|来源|主送|致)?[\s:：]*"
)
# Short forms that are also everyday words (picked from the jieba dictionary's frequent
# non-place words): even at the start of an agency name they need a government word after them
# (公安局 is not 公安县, 平安建设办公室 is not 平安区).
_COMMON_WORDS_TEXT = """
资源 合作 和平 武功 比如 南部 解放 东方 前进 港口 公安 友好 通道 共和 城中 友谊 平安 中方 凤凰 安定
延长 光明 新兴 运河 万年 东风 红旗 光泽 南岸 城北 会同 工农 大名 富裕 清水 高明 前锋 复兴 长子 宏伟
平定 芙蓉 温泉 石门 向阳 振兴 三元 大方 互助 新华 莲花 名山 六合 白云 三门 大观 建安 永和 二七 台前
金山 丰满 双桥 高台 九龙 二道 无为 民权 小店 同心 宝塔 元宝 灯塔 大兴 天涯 七星 海棠 博爱 同仁 回民
钟楼 江岸 红星 方正 黑水 安居 龙凤 鼓楼 大通 麒麟 新民 富民 清流 老城 爱民 惠民 新星 和顺 开化 天心
正定 天元 民乐 兴业 长安 城关 新城 开发 高新 经济 安全 太平 长寿 永安 城西 城东 城南 新区
"""
_COMMON_WORDS = frozenset(_COMMON_WORDS_TEXT.split())
COMMON_PLACE_WORDS = _COMMON_WORDS
# Township-level rows that are not 乡/镇/街道 (经济开发区管委会, 农场, 监狱) have generic names:
# they count only under a place already named.
_TOWNSHIP_NAME = re.compile(r"(?:乡|镇|街道|苏木|办事处|街道办)$")
# Text-mode names end in one of these; scanning only there keeps a 20 KB text at a few ms.
_NAME_END = re.compile(r"[省市县区旗州盟]")
_CONTEXT_AFTER = "省市县区旗州盟委政人党"


@dataclass(frozen=True)
class RegionMatch:
    province: str | None
    prefecture: str | None
    county: str | None
    township: str | None
    region_code: str | None  # 6-digit code of the deepest level at or above county
    township_code: str | None  # the township's own code when resolved
    level: str | None  # level of the deepest division resolved
    chain: tuple[Division, ...]  # province first, down to the deepest resolved
    # Placed by guess: not from a place the agency names (hints or text instead), or an
    # ambiguous place decided without the context naming a parent.
    inferred: bool = False

    @classmethod
    def from_chain(cls, chain: Sequence[Division], *, inferred: bool = False) -> RegionMatch:
        by_level = {d.level: d for d in chain}
        township = by_level.get("township")
        above = [d for d in chain if d.level != "township"]
        return cls(
            province=_name(by_level.get("province")),
            prefecture=_name(by_level.get("prefecture")),
            county=_name(by_level.get("county")),
            township=_name(township),
            region_code=above[-1].code if above else None,
            township_code=township.code if township else None,
            level=chain[-1].level if chain else None,
            chain=tuple(chain),
            inferred=inferred,
        )


def _name(d: Division | None) -> str | None:
    return d.name if d else None


NO_MATCH = RegionMatch.from_chain(())


def resolve_region(agency: str | None, text: str = "", *, hints: Sequence[str] = ()) -> RegionMatch:
    """Resolve an agency (simplified Chinese) to its division; see the module doc for the rules."""
    gaz = gazetteer()
    context = _Context(gaz, hints, text)
    for source, is_hint in ((agency, False), *((h, True) for h in hints)):
        if source and (candidates := _agency_candidates(gaz, source, is_hint=is_hint)):
            chain, by_context = _decide(gaz, candidates, context)
            return RegionMatch.from_chain(chain, inferred=is_hint or not by_context)
    if text:
        code = _dominant_in_text(gaz, text)
        if code:
            return RegionMatch.from_chain(gaz.chain(code), inferred=True)
    return NO_MATCH


# --- the agency name -----------------------------------------------------------------------


def _agency_candidates(gaz: Gazetteer, agency: str, *, is_hint: bool = False) -> dict[str, int]:
    """Codes (with name kind) that the deepest consistent place in the agency name may denote."""
    s = agency.strip()
    if is_hint:
        s = _HINT_LABEL.sub("", s, count=1)
    start = m.end() if (m := _AGENCY_PREFIX.match(s)) else 0
    current: dict[str, int] = {}
    last_end = -1
    i, n = start, len(s)
    while i < n:
        found = None
        for length in range(min(gaz.max_len, n - i), 1, -1):
            entries = gaz.index.get(s[i : i + length])
            anchored = i in (start, last_end)
            if entries and (ok := _accepted(gaz, s, i, length, entries, anchored, bool(current))):
                found = length, ok
                break
        if not found:
            i += 1
            continue
        length, entries = found
        current = _narrow(gaz, current, dict(entries))
        i = last_end = i + length
    return current


def _accepted(
    gaz: Gazetteer, s: str, i: int, length: int, entries, anchored: bool, under_place: bool
) -> list[tuple[str, int]]:
    name = s[i : i + length]
    followed = _GOV_AFTER.match(s, i + length) is not None
    weak = len(name) <= 2 and not followed  # 城区, 郊区, 易县 need an anchor or a suffix
    generic = not under_place and not _TOWNSHIP_NAME.search(name)
    ok = []
    for code, kind in entries:
        if kind == SHORT:
            if not (followed or (anchored and name not in _COMMON_WORDS)):
                continue
        elif (weak and not anchored) or (generic and gaz.by_code[code].level == "township"):
            continue
        ok.append((code, kind))
    return ok


def _narrow(gaz: Gazetteer, current: dict[str, int], new: dict[str, int]) -> dict[str, int]:
    """Keep the new place's candidates that lie under the current ones."""
    if not current:
        return new
    below = {c: k for c, k in new.items() if any(a in current for a in gaz.ancestors(c))}
    if below:
        return below
    # A higher place named after a lower one (蒙自市（红河州）): it narrows, it does not replace.
    above = {c: k for c, k in current.items() if any(a in new for a in gaz.ancestors(c))}
    return above or current


# --- disambiguation by context -------------------------------------------------------------


class _Context:
    """Hints and text, with mention counts computed only when a tie needs them."""

    def __init__(self, gaz: Gazetteer, hints: Sequence[str], text: str) -> None:
        self.gaz = gaz
        self.sources = ["\n".join(h for h in hints if h), text or ""]
        self._counts: dict[str, tuple[int, int]] = {}
        self._loose: dict[str, int] = {}

    def mentions(self, code: str) -> tuple[int, int]:
        """How often (hints, text) name this division."""
        if code not in self._counts:
            pattern = _mention_pattern(self.gaz, code)
            self._counts[code] = tuple(  # type: ignore[assignment]
                sum(1 for _ in pattern.finditer(src)) if src else 0 for src in self.sources
            )
        return self._counts[code]

    def loose_mentions(self, code: str) -> int:
        """Bare short names in the text (推动西宁在…, 新青海): only to choose among candidates
        the agency name already allows, never to place a report on their own."""
        if code not in self._loose:
            cores = [f for f, k in self.gaz.forms[code] if k == SHORT and f not in _COMMON_WORDS]
            text = self.sources[1]
            self._loose[code] = sum(text.count(c) for c in cores)
        return self._loose[code]


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _mention_pattern(gaz: Gazetteer, code: str) -> re.Pattern[str]:
    if (p := _PATTERNS.get(code)) is None:
        forms = gaz.forms[code]
        full = sorted({f for f, k in forms if k != SHORT}, key=len, reverse=True)
        short = [f for f, k in forms if k == SHORT]
        alts = [re.escape(f) for f in full]
        alts += [re.escape(f) + f"(?=[{_CONTEXT_AFTER}])" for f in short]
        p = _PATTERNS[code] = re.compile("|".join(alts))
    return p


def _decide(
    gaz: Gazetteer, candidates: dict[str, int], context: _Context
) -> tuple[tuple[Division, ...], bool]:
    """The chain, and whether it is certain: one candidate, or the context decided."""
    if len(candidates) == 1:
        return gaz.chain(next(iter(candidates))), True

    def key(code: str) -> tuple:
        ancestors = gaz.ancestors(code)
        hint_hits = sum(context.mentions(a)[0] for a in ancestors)
        text_hits = sum(context.mentions(a)[1] for a in ancestors)
        loose_hits = sum(context.loose_mentions(a) for a in ancestors)
        # Context first; then the better-attested name; then the higher level (吉林 → 吉林省).
        return (hint_hits, text_hits, loose_hits, candidates[code], -gaz.by_code[code].depth)

    ranked = sorted(candidates, key=key, reverse=True)
    if key(ranked[0]) != key(ranked[1]):
        return gaz.chain(ranked[0]), key(ranked[0])[:3] != key(ranked[1])[:3]
    tied = [c for c in ranked if key(c) == key(ranked[0])]
    return _common_prefix([gaz.chain(c) for c in tied]), True


def _common_prefix(chains: Iterable[tuple[Division, ...]]) -> tuple[Division, ...]:
    out: list[Division] = []
    for level in zip(*chains, strict=False):
        if any(d != level[0] for d in level):
            break
        out.append(level[0])
    return tuple(out)


# --- the body text alone -------------------------------------------------------------------


def _dominant_in_text(gaz: Gazetteer, text: str) -> str | None:
    """The division a text is clearly about, from official names of county level and above."""
    names: Counter[str] = Counter()
    longest = min(gaz.max_len, 12)
    for m in _NAME_END.finditer(text):
        end = m.end()
        for length in range(min(longest, end), 2, -1):
            name = text[end - length : end]
            if any(k >= OFFICIAL - 1 and _text_level(gaz, c) for c, k in gaz.index.get(name, ())):
                names[name] += 1
                break
    counts: Counter[str] = Counter()
    mentioned = set()
    for name in names:
        mentioned.update(c for c, k in gaz.index[name] if k != SHORT and _text_level(gaz, c))
    for name, n in names.items():
        codes = [c for c, k in gaz.index[name] if k != SHORT and _text_level(gaz, c)]
        if len(codes) > 1:  # ambiguous: keep those whose ancestors the text also names
            codes = [c for c in codes if mentioned.intersection(gaz.ancestors(c))]
        if len(codes) == 1:
            counts[codes[0]] += n
    frequent = {c: n for c, n in counts.items() if n >= 2}
    if not frequent:
        return None

    def related(a: str, b: str) -> bool:
        return a in gaz.ancestors(b) or b in gaz.ancestors(a)

    top = max(frequent, key=lambda c: (frequent[c], gaz.by_code[c].depth))
    if any(not related(c, top) and 2 * n >= frequent[top] for c, n in frequent.items() if c != top):
        return None
    below = [c for c in frequent if top in gaz.ancestors(c)]
    if below and all(related(a, b) for a in below for b in below if a != b):
        return max(below, key=lambda c: gaz.by_code[c].depth)
    return top


def _text_level(gaz: Gazetteer, code: str) -> bool:
    # Townships and development zones are too easily confused with running text.
    return gaz.by_code[code].level != "township" and code[4:5] != "7"
