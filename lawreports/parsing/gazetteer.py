"""The administrative-division gazetteer: loading the fixture and indexing names.

The fixture (``fixtures/divisions.tsv.gz``, built by ``fixtures/build_divisions.py``) is read once,
lazily, on the first call to :func:`gazetteer`. Municipalities and province-administered
counties have no prefecture row: their counties hang directly under the province.
"""

from __future__ import annotations

import csv
import gzip
import os
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
LEVELS = ("province", "prefecture", "county", "township")
DEPTH = {level: i for i, level in enumerate(LEVELS)}

# How a surface form relates to the division; higher wins a tie the context cannot break.
OFFICIAL = 3  # the official name, or an unambiguous spelling of it (红河州, 街道办事处)
FORMER = 2  # a former name (县改市 …) or a loose variant (土城子乡 for 土城子满族朝鲜族乡)
SHORT = 1  # the bare core (蒙自, 红河): only trusted in agency position

_ETHNIC_TEXT = """
蒙古 维吾尔 布依 朝鲜 土家 哈尼 哈萨克 傈僳 高山 拉祜 东乡 纳西 景颇 柯尔克孜 达斡尔 仫佬 布朗 撒拉 毛南
仡佬 锡伯 阿昌 普米 塔吉克 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺
"""
_ETHNIC = _ETHNIC_TEXT.split()
_ETHNIC_1 = "回藏苗彝壮满侗瑶白傣黎佤畲水土羌怒京各"  # one-character names need 族
_ETHNIC_RE = re.compile(
    "(?:" + "|".join(sorted(_ETHNIC, key=len, reverse=True)) + ")族?$|[" + _ETHNIC_1 + "]族$"
)
_SUFFIXES = {
    "province": ("自治区", "省", "市"),
    "prefecture": ("自治州", "地区", "市", "盟"),
    "county": ("自治县", "自治旗", "特区", "林区", "新区", "县", "区", "市", "旗"),
}
# 自治州 -> 红河州, 自治县 -> 大厂县, 自治旗 -> 莫力达瓦旗
_AUTONOMOUS_SHORT = {"自治州": "州", "自治县": "县", "自治旗": "旗"}


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # province | prefecture | county | township
    parent_code: str | None

    @property
    def depth(self) -> int:
        return DEPTH[self.level]


def _strip_ethnic(core: str) -> str:
    while (m := _ETHNIC_RE.search(core)) and m.start() >= 2:
        core = core[: m.start()]
    return core


def surface_forms(name: str, level: str, code: str = "") -> list[tuple[str, int]]:
    """All the spellings under which a division may be named, with their kind."""
    forms = [(name, OFFICIAL)]
    if level == "township":
        if name.endswith("街道"):
            forms += [(name + "办事处", OFFICIAL), (name + "办", OFFICIAL)]
        elif name.endswith("族乡") and (core := _strip_ethnic(name[:-1])) != name[:-1]:
            forms.append((core + "乡", FORMER))
        # 科技城（东渚街道） / （工业园区）城南街道: each part names the same township.
        for part in re.split(r"[（）()]", name) if "（" in name or "(" in name else ():
            if part and part != name and len(part) >= 3 and part.endswith(("乡", "镇", "街道")):
                forms.append((part, OFFICIAL))
        return forms
    if level == "county" and code[4:5] == "7":
        return forms  # development zones: long names, no established short forms
    for suffix in _SUFFIXES[level]:
        if name.endswith(suffix) and len(name) > len(suffix):
            core = name[: -len(suffix)]
            if suffix in _AUTONOMOUS_SHORT or suffix == "自治区":
                core = _strip_ethnic(core)
                if core.endswith("族") and core[:-1] in _ETHNIC:
                    core = core[:-1]
                if suffix in _AUTONOMOUS_SHORT:
                    forms.append((core + _AUTONOMOUS_SHORT[suffix], OFFICIAL))
            if len(core) >= 2:
                forms.append((core, SHORT))
            break
    return forms


class Gazetteer:
    """Divisions by code plus a surface-form index; build once, share everywhere."""

    def __init__(self, divisions: list[Division], aliases: list[tuple[str, str]] = ()) -> None:
        self.by_code: dict[str, Division] = {d.code: d for d in divisions}
        self.forms: dict[str, list[tuple[str, int]]] = {}  # code -> surface forms
        self._chains: dict[str, tuple[Division, ...]] = {}
        index: dict[str, dict[str, int]] = {}
        for d in divisions:
            forms = surface_forms(d.name, d.level, d.code)
            self.forms[d.code] = forms
            for form, kind in forms:
                slot = index.setdefault(form, {})
                slot[d.code] = max(kind, slot.get(d.code, 0))
        for code, former in aliases:
            if code in self.by_code:
                d = self.by_code[code]
                for form, kind in surface_forms(former, d.level):
                    slot = index.setdefault(form, {})
                    slot.setdefault(code, FORMER if kind == OFFICIAL else SHORT)
        # name -> ((code, kind), ...): tuples are compact and cheap to iterate
        self.index: dict[str, tuple[tuple[str, int], ...]] = {
            k: tuple(v.items()) for k, v in index.items()
        }
        self.max_len = max(map(len, self.index))

    def __len__(self) -> int:
        return len(self.by_code)

    def get(self, code: str) -> Division | None:
        return self.by_code.get(code)

    def lookup(self, name: str) -> list[Division]:
        """Divisions that a surface form (official, former or short name) may denote."""
        return [self.by_code[c] for c, _kind in self.index.get(name, ())]

    def chain(self, code: str) -> tuple[Division, ...]:
        """Province first, down to the division itself."""
        if (hit := self._chains.get(code)) is not None:
            return hit
        d = self.by_code[code]
        chain = (d,) if d.parent_code is None else (*self.chain(d.parent_code), d)
        self._chains[code] = chain
        return chain

    def ancestors(self, code: str) -> tuple[str, ...]:
        return tuple(d.code for d in self.chain(code)[:-1])

    @cached_property
    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(LEVELS, 0)
        for d in self.by_code.values():
            out[d.level] += 1
        return out


def load(path: Path | None = None, aliases_path: Path | None = None) -> Gazetteer:
    path = path or Path(os.environ.get("LAWREPORTS_DIVISIONS", FIXTURES / "divisions.tsv.gz"))
    aliases_path = aliases_path or path.with_name("division_aliases.tsv")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        next(fh)  # header
        divisions = [
            Division(code, name, level, parent or None)
            for code, name, level, parent in (line.rstrip("\n").split("\t") for line in fh)
        ]
    aliases: list[tuple[str, str]] = []
    if aliases_path.exists():
        with aliases_path.open(encoding="utf-8") as fh:
            aliases = [(r["code"], r["former_name"]) for r in csv.DictReader(fh, delimiter="\t")]
    return Gazetteer(divisions, aliases)


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    return load()
