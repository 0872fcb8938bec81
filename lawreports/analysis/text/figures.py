"""Quantities a report states: "受理行政复议申请83件", "聘用法律顾问104名", "成功率98.64%".

Only a number followed by a measure word or a percent sign is a figure, which keeps out years,
dates, document numbers (〔2020〕13号) and outline numbers (1.). Input is simplified text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Measure words, longest first so "人次" wins over "人" and "个工作日" over "个".
UNITS = sorted(
    [
        "个百分点",
        "个工作日",
        "个月",
        "万人次",
        "万余元",
        "万元",
        "亿元",
        "万件",
        "万个",
        "万人",
        "万户",
        "万份",
        "万条",
        "万次",
        "人次",
        "户次",
        "份次",
        "学时",
        "课时",
        "小时",
        "平方米",
        "公里",
        "批次",
        "余人",
        "件次",
        "名",
        "件",
        "个",
        "次",
        "条",
        "期",
        "人",
        "家",
        "场",
        "项",
        "份",
        "起",
        "篇",
        "户",
        "所",
        "处",
        "批",
        "部",
        "本",
        "册",
        "宗",
        "例",
        "类",
        "轮",
        "组",
        "支",
        "套",
        "台",
        "辆",
        "间",
        "座",
        "张",
        "卷",
        "元",
        "天",
        "亩",
        "倍",
        "%",
        "‰",
    ],
    key=len,
    reverse=True,
)
_NUMBER = r"(?P<number>\d+(?:,\d{3})*(?:\.\d+)?)"
_FIGURE = re.compile(
    _NUMBER + r"\s*(?P<approx>余|多)?\s*(?P<unit>" + "|".join(map(re.escape, UNITS)) + r")"
)
_SENTENCE = re.compile(r"[^。;；!！?？\n]+[。;；!！?？]?")
_CLAUSE_BREAK = re.compile(r"[,，、:：()（）“”\"'‘’]|其中|比|较|和|及|与|\d+(?:\.\d+)?\s*[^\d\s#]?")
_BRACKETED = re.compile(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]|【[^】]*】")
_DATE_AFTER = re.compile(r"^(年|月|日|号|时|届|次会议|次全体|次常务|次党组)")
# Leading and trailing words that frame a count but are not what is counted.
_LEAD = re.compile(
    r"^(\d+年(度)?|\d+月|今年以来|全年|全市|全县|全区|全乡|全镇|全局|各级|各类|累计|共计|共|"
    r"总计|合计|已|均|分别|先后|其中|目前|截至目前|截止目前|现有|新增|我[乡镇市县区局]|"
    r"以来|的|了|等)+"
)
_TRAIL = re.compile(
    r"(共计|累计|总计|合计|共|达到|达|为|计|约|逾|近|超过|有|是|分别|各|均|的|了|等|至|到)+$"
)
_NOT_WORD = re.compile(r"[^\w+]")
MAX_NOUN = 16


@dataclass(frozen=True)
class FigureHit:
    number: str  # as written, without thousands separators
    value: float
    unit: str
    approx: bool  # "余"/"多": at least this many
    noun: str  # what is counted, e.g. 行政复议申请
    sentence: str
    start: int  # offset of the number in the text given


def extract_figures(text: str) -> list[FigureHit]:
    # Most texts and sentences state no figure: skip them before the costlier work. Exact,
    # since a match in a sentence (or in its masked copy) is a match in the whole text.
    if _FIGURE.search(text) is None:
        return []
    hits: list[FigureHit] = []
    for sentence_match in _SENTENCE.finditer(text):
        sentence = sentence_match.group().strip()
        if _FIGURE.search(sentence) is None:
            continue
        offset = sentence_match.start() + sentence_match.group().find(sentence)
        hits += _in_sentence(sentence, offset)
    return hits


def _in_sentence(sentence: str, offset: int) -> list[FigureHit]:
    masked = _BRACKETED.sub(lambda m: "#" * len(m.group()), sentence)
    hits: list[FigureHit] = []
    previous_noun = ""
    for m in _FIGURE.finditer(masked):
        if _skip(masked, m):
            continue
        noun = _noun_before(sentence, masked, m.start())
        if not noun or _is_verb(noun):
            # 实现100%备案审查: the noun follows; 受理申请18件,办结18件: same as before.
            noun = _noun_after(masked, m.end()) or previous_noun or noun
        previous_noun = noun
        number = m["number"].replace(",", "")
        hits.append(
            FigureHit(
                number=number,
                value=float(number),
                unit=m["unit"],
                approx=bool(m["approx"]),
                noun=noun,
                sentence=sentence[:500],
                start=offset + m.start(),
            )
        )
    return hits


def _skip(masked: str, m: re.Match[str]) -> bool:
    start, end = m.start(), m.end()
    before = masked[max(0, start - 1) : start]
    if before in ("第", ".", "-", "—", "~", "～") or before.isdigit():
        return True  # ordinals, decimals split oddly, ranges, parts of longer numbers
    if m["unit"] in ("次", "届") and _DATE_AFTER.match(masked[start + len(m["number"]) :]):
        return True
    # 2022年 is never matched (年 is no unit), but "2022年4次" would read the year as part
    # of nothing; numbers that look like years with a bare 个/次 stay figures.
    return end < len(masked) and masked[end : end + 1] in ("号",)


def _noun_before(sentence: str, masked: str, start: int) -> str:
    clause = masked[:start]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(clause)]
    begin = breaks[-1] if breaks else 0
    # Read the unmasked text: a title right before the number is the noun (《政务督查专报》43期).
    return _clean(_after_last_verb(sentence[begin:start]))


def _noun_after(masked: str, end: int) -> str:
    """ "聘用104名法律顾问": the words after the measure word, up to the next verb."""
    rest = masked[end:]
    stop = _CLAUSE_BREAK.search(rest)
    words = []
    for word, tag in _tag(rest[: stop.start()] if stop else rest):
        if tag == "v" or not word.strip():
            break
        words.append(word)
    return _clean("".join(words)[:MAX_NOUN])


def _after_last_verb(clause: str) -> str:
    """The object of the clause's last verb: 开展督查活动 → 督查活动. A clause that ends in a
    verb (受理政府信息公开申请) keeps the words after the verb before it."""
    tokens = _tag(clause)
    verbs = [i for i, (word, tag) in enumerate(tokens) if tag == "v" and len(word) > 1]
    if verbs and verbs[-1] < len(tokens) - 1:
        tail = "".join(word for word, _ in tokens[verbs[-1] + 1 :])
        head = "".join(word for word, _ in tokens[: verbs[-1]])
        if not _clean(tail) and _clean(head):
            return head  # 满意度提升至98%: the subject before the verb is what is measured
    while verbs:
        cut = verbs.pop()
        tail = "".join(word for word, _ in tokens[cut + 1 :])
        if _clean(tail):
            return tail
    return clause


def _clean(noun: str) -> str:
    noun = noun.replace("《", "").replace("》", "").replace("#", "")
    noun = _NOT_WORD.sub("", noun)  # punctuation and quotes; keeps 互联网+
    noun = _LEAD.sub("", noun)
    noun = _TRAIL.sub("", noun)
    return noun[-MAX_NOUN:]


def _is_verb(noun: str) -> bool:
    tokens = _tag(noun)
    return len(tokens) == 1 and tokens[0][1] == "v"


@lru_cache(maxsize=4096)
def _tag(text: str) -> tuple[tuple[str, str], ...]:
    import rjieba  # imported late: only figure extraction needs the segmenter

    return tuple(rjieba.tag(text))
