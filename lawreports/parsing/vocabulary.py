"""Chinese data the parser matches against: word lists and patterns, nothing else.

All patterns run on the *analysis copy* of a line: simplified (OpenCC t2s) and with
full-width ASCII folded to ASCII (so ``(`` and ``:`` below cover ``(`` and ``:`` too),
unless a comment says otherwise.
"""

from __future__ import annotations

import re

# Frequent characters of report prose (simplified), used to score candidate decodings.
COMMON_CHARS = (
    "法政行府的工作市制建件和全治进一实公度人务规设化办大理决强项策事年开执部范加重关会律发民依性有文推提督程对机定查落学力合"
    "责要动解时及应体导员在任平中审通监用步问共领不案管业各服等是格组为持信展完核三主了议报面上立急调乡效习权职严意高门保局点"
    "社成善处目能求网题序方众党织干分二识名级宣确情传到好健统升委次过专息以入经联个新群备资与于评顾防常改续施受安台复国深单明"
    "式企出相自考系清率内按省计标现将我知生参积极告下照做请期产坚区地协质量突指划况同类证条结站均培论村矛盾心家蒙挥位普训室茂"
    "城线涉交围认接限日水并障向前布促履示断减多研科子思贯整纠真济检形待诉县彻态容见环究其活教育增紧置切队元南近放革利四救物伍"
    "他这们来说就可也你而那得着之后里道所然种么去如都当没起看天还小些样本但因只从想者无长把十第此已使又正外两间由很最手头美被"
    "什或己身果月话回特代表给先海原东声比走义几口气更别打变总何电数少才反再感必场直命山金许至便空司五基书非则白却界达即难且象"
    "路记品住据北边该万取望术观今院让候带运收根造言每车亲林快往转令准始存未远具字击流连商算团集百需价际约似官精满支视消越写称"
    "功包片乎易早除农找装广显图念六引历首费号另周较注青随选列响势构半节投维致足护兴验营够章例供留讲型料答境纪采举察批"
)

CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "两": 2}
CN_NUM = "一二三四五六七八九十"

# --- page chrome -------------------------------------------------------------------
# A line (analysis copy) matching any of these is navigation or footer, not report text.
# Kept in two lists: anchored ones need trying only at the start of a line, and a search
# over alternatives that all begin with a literal skips to those characters.
CHROME_AT_START = (
    r"^首页\s*[>»]", r"^(主办|承办|协办|主管|维护)(单位)?\s*[::]", r"^访问量", r"^字号\s*[::]",
    r"^\s*【?\s*(打印|关闭)", r"^(上一篇|下一篇)\s*[::]?", r"^本站\s*$", r"^返回顶部", r"^相关链接",
    r"^版权所有",
    # PDF page numbers: "- 3 -", "第 3 页", "第3页 共12页"
    r"^[-—–－]\s*\d{1,4}\s*[-—–－]$", r"^第\s*\d{1,4}\s*页(\s*共\s*\d{1,4}\s*页)?$",
)  # fmt: skip
CHROME_ANYWHERE = (
    "站点导航", "网站地图", "扫一扫", "分享到", "当前位置", "您的位置", "内容及技术支持",
    r"技术支持\s*[::]", r"ICP\s*备", "公网安备", "网站标识码", "浏览次数", "阅读次数",
    r"点击数\s*[::]", r"【\s*大\s*中\s*小\s*】", r"字号\s*[::]?\s*【", "打印本页", "关闭窗口",
    r"打印\s*关闭", "【打印】", "【关闭】", r"\[打印\]", r"\[关闭\]",
)  # fmt: skip
CHROME_AT_START_RE = re.compile("|".join(CHROME_AT_START))
CHROME_ANYWHERE_RE = re.compile("|".join(CHROME_ANYWHERE))
CHROME_RE = re.compile("|".join(CHROME_AT_START + CHROME_ANYWHERE))

# --- metadata header -----------------------------------------------------------------
# key -> field; keys as they appear (simplified).
METADATA_KEYS = {
    "索引号": "index_no",
    "发布机构": "publisher",
    "发文机关": "publisher",
    "文号": "doc_no",
    "发文字号": "doc_no",
    "发布日期": "published_on",
    "发布时间": "published_on",
    "信息来源": "source",
    "来源": "source",
    "成文日期": "written_on",
    "成文时间": "written_on",
    "发文日期": "issued_on",
    "发文时间": "issued_on",
    "主题分类": "topic",
    "时效性": "validity",
    "有效性": "validity",
}
# Keys may be spaced out to align a table (索 引 号, 文  号); the group holds the key as written.
_SPACED_KEYS = (r"\s*".join(k) for k in sorted(METADATA_KEYS, key=len, reverse=True))
METADATA_KEY_RE = re.compile("(" + "|".join(_SPACED_KEYS) + r")\s*[::]?\s*")
# Web chrome that sits on the same line as metadata ("访问量: 字号:【").
INLINE_CHROME_RE = re.compile(r"(访问量|浏览次数|点击数|字号)\s*[::]?.*$")
VALIDITY_WORDS = ("有效", "失效", "废止", "已修订", "部分失效")

# --- dates ---------------------------------------------------------------------------
DATE_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ISO_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
CN_DATE_RE = re.compile(
    r"([〇○零O一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
    r"\s*([一二三四五六七八九十]{1,3})\s*日"
)
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")

# --- title -----------------------------------------------------------------------------
TITLE_TOPIC_RE = re.compile(r"法治|依法行政|法制|依法治")
TITLE_KIND_RE = re.compile(r"报告|情况$|总结$|工作打算$")

# --- agencies ----------------------------------------------------------------------------
# Endings of organisation names, longest first so alternation prefers them.
ORG_SUFFIXES = (
    "人民政府办公室",
    "人民政府办公厅",
    "政府办公室",
    "政府办公厅",
    "人民政府",
    "街道办事处",
    "办事处",
    "委员会",
    "管理委员会",
    "政府办",
    "办公室",
    "政府",
    "党委",
    "党组",
    "县委",
    "市委",
    "区委",
    "旗委",
    "局",
    "厅",
    "委",
    "办",
    "中心",
    "署",
)
_SUFFIX_ALT = "|".join(sorted(ORG_SUFFIXES, key=len, reverse=True))
ORG_NAME_RE = re.compile(r"((?:中共)?[\u4e00-\u9fff]{2,20}?(?:" + _SUFFIX_ALT + r"))")
ORG_LINE_RE = re.compile(r"^(?:中共)?[\u4e00-\u9fff()]{2,30}(?:" + _SUFFIX_ALT + r")$")
# Development zones: their issuer is a 管理委员会, not a government.
ZONE_SUFFIXES = ("开发区", "高新区", "工业园区", "产业园区", "试验区", "示范区", "合作区")
REGION_SUFFIX_RE = re.compile(r"(省|自治区|市|州|盟|县|区|旗|乡|镇|街道)$")
PARTY_RE = re.compile(r"^(中共|中国共产党)|(党委|党组|党工委|[省市县区旗]委)$")
GOV_OFFICE_RE = re.compile(r"人民政府办公[室厅]$")
GOV_RE = re.compile(r"(人民政府|街道办事处)$")
DEPARTMENT_RE = re.compile(r"(局|厅|委员会|委|办公室|办|中心|署|所|站|处|队|馆|会)$")
# Words a department uses for itself ("我局") mapped to the name ending they imply.
SELF_REFERENCES = {
    "我局": "局",
    "本局": "局",
    "我委": "委",
    "本委": "委",
    "我办": "办",
    "本办": "办",
    "我厅": "厅",
    "本厅": "厅",
    "我中心": "中心",
    "本中心": "中心",
}
ADDRESSEE_RE = re.compile(r"^((?:中共)?[\u4e00-\u9fff、]{2,40}?(?:" + _SUFFIX_ALT + r")):\s*$")
# "…的指导下", "…的领导下": supervisors named in the preamble, not the author.
SUPERVISOR_CONTEXT_RE = re.compile(r"^的?[\u4e00-\u9fff]{0,4}(指导|领导|关心|支持|督促)")
PREAMBLE_AGENCY_RE = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年度?|今年以来|一年来|近年来)\s*(?:以来)?\s*[,,]?\s*"
    r"((?:中共)?[\u4e00-\u9fff]{2,20}?(?:" + _SUFFIX_ALT + r"))"
)
REPORT_YEAR_RE = re.compile(r"现将(?:我[\u4e00-\u9fff]{1,3})?((?:19|20)\d{2})\s*年")

# --- outline ---------------------------------------------------------------------------
# Heading styles, outermost first. Patterns run on the original line (both widths).
_NUM_GUARD = r"(?![一二三四五六七八九十〇]\s*[、季月])"
HEADING_PATTERNS = (
    ("part", re.compile(r"^第([一二三四五六七八九十]{1,3})(?:部分|章|篇)[、.．:：\s]*(.*)$")),
    ("cn", re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*" + _NUM_GUARD + r"(.+)$")),
    (
        "cn_paren",
        re.compile(r"^[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*[、.．]?\s*(.+)$"),
    ),
    ("arabic", re.compile(r"^(\d{1,2})\s*[.．、](?![\d.．])\s*(.+)$")),
    ("arabic_paren", re.compile(r"^[(（]\s*(\d{1,2})\s*[)）]\s*[、.．]?\s*(.+)$")),
    ("circled", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*(.+)$")),
)
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Where a heading ends when its first sentence shares the line (original script).
HEADING_END_RE = re.compile(r"[。:：!！?？]")
SENTENCE_END = "。!！?？;；:：…”’」』)）"

# --- section kinds (analysis copy of a heading) ---------------------------------------------
LEADERSHIP_RE = re.compile(r"第一责任人|主要负责人|党政主要|履行推进法治建设")
PROBLEMS_RE = re.compile(r"问题|不足|短板|薄弱|差距|困难|欠缺|弱项|瓶颈")
PLANS_RE = re.compile(
    r"下一步|下步|打算|计划|思路|安排|展望|今后|努力方向|工作重点|重点工作|目标任务|工作设想"
)
ACHIEVEMENTS_RE = re.compile(
    r"举措|成效|成绩|工作情况|推进情况|完成情况|开展情况|进展|主要做法|做法|亮点|基本情况|主要工作"
)

# --- items ---------------------------------------------------------------------------------
# "一是…二是…" enumerations inside a paragraph.
ORDINAL_MARKER_RE = re.compile(r"(?:^|(?<=[。;;,,:: \n]))(?:其)?([一二三四五六七八九十]{1,2})是")
INLINE_NUMBER_RE = re.compile(
    r"(?:^|(?<=[。;;,,:: \n]))(?:(\d{1,2})[.．、](?![\d])|[(（](\d{1,2})[)）]|[(（]([一二三四五六七八九十]{1,2})[)）])"
)
ITEM_END_RE = re.compile(r"[。;；!！?？]")

# --- damage ----------------------------------------------------------------------------------
DAMAGE_RE = re.compile(
    r"\ufffd|\?\s*\?|[\u4e00-\u9fff]\?(?=[^\s\x00-\x7f]|[!-/:-@][\u4e00-\u9fff])|"
    r"锟斤拷|烫烫烫|屯屯屯|"
    r"[ÃÂåæçèéä][\u0080-\u00bf\u2018-\u203a]"
)
