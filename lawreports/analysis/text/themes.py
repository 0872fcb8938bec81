"""Tag issues and plans with themes from an editable taxonomy (keyword lists).

The default taxonomy seeds the analysis.Theme table; curators edit it in the admin, and
`manage.py analyse_reports` re-tags everything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# name → keywords (simplified). Order is display order.
DEFAULT_TAXONOMY: dict[str, list[str]] = {
    "执法": ["执法", "行政处罚", "行政检查", "行政强制", "三项制度", "执法证", "案卷"],
    "复议与应诉": ["复议", "应诉", "行政诉讼", "出庭", "败诉"],
    "政务公开": ["政务公开", "信息公开", "主动公开", "依申请公开", "政策解读"],
    "规范性文件": ["规范性文件", "备案审查", "合法性审核", "文件清理", "三统一"],
    "决策": ["决策", "听证", "风险评估", "专家论证"],
    "普法与学法": ["普法", "学法", "法治宣传", "法治意识", "宪法", "法治思维", "述法"],
    "法律顾问": ["法律顾问", "公职律师"],
    "队伍建设": ["队伍", "人才", "力量", "专业化", "工作人员", "编制", "培训"],
    "监督": ["监督", "督查", "督促检查", "考核", "问责", "督察"],
    "营商环境": ["营商环境", "放管服", "简政放权", "审批", "证照", "市场主体", "政务服务"],
    "矛盾纠纷化解": ["矛盾纠纷", "调解", "信访", "纠纷化解"],
    "组织领导": ["第一责任人", "党的领导", "组织领导", "统筹推进", "主要负责人", "形式主义"],
    "制度建设": ["制度建设", "制度体系", "健全制度", "完善制度", "立法"],
    "经费与信息化": ["经费", "信息化", "数字化", "智慧"],
}


def parse_keywords(text: str) -> list[str]:
    """Keywords as typed in the admin: one per line, or separated by 、 , ， ; ；."""
    for sep in "、,，;；\r":
        text = text.replace(sep, "\n")
    return [word.strip() for word in text.split("\n") if word.strip()]


def tag(text: str, taxonomy: Mapping[str, Sequence[str]]) -> list[str]:
    """Themes whose keywords occur in `text` (simplified), in taxonomy order."""
    return [name for name, words in taxonomy.items() if any(w and w in text for w in words)]


def keyword_hits(text: str, taxonomy: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Which keywords made each theme match — shown to explain a tag."""
    hits = {name: [w for w in words if w and w in text] for name, words in taxonomy.items()}
    return {name: words for name, words in hits.items() if words}


def tag_item(
    headline: str, text: str, taxonomy: Mapping[str, Sequence[str]]
) -> dict[str, list[str]]:
    """Themes of an issue or plan: any keyword in its headline, or keywords occurring at
    least twice in its text (one passing mention in a long paragraph is not its subject)."""
    hits = keyword_hits(headline, taxonomy)
    for name, words in keyword_hits(text, taxonomy).items():
        if name not in hits and sum(text.count(w) for w in words) >= 2:
            hits[name] = words
    return {name: hits[name] for name in taxonomy if name in hits}
