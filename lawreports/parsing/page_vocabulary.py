"""Patterns of the web pages reports are published on (analysis copy): breadcrumbs, stamps,
the opening sentence's subject. Data only; lawreports.parsing.page and .issuer use it."""

from __future__ import annotations

import re

# --- the page header -------------------------------------------------------------------
# Breadcrumb separators (首页 > 政务公开, 首页 -> …, 首页→ …, 河北省司法厅网 >> …).
CRUMB_SEP_RE = re.compile(r"\s*(?:->|>>|>|»|→|›|≫)\s*")
CRUMB_WORD_RE = re.compile(r"(?:当前|所在|现在)的?位置|^首页|^主页|^位置\s*:")
# Site clocks ("今天是:2019年10月31日 星期三", "某区人民政府 2019年12月3日星期二"): never a stamp.
CLOCK_RE = re.compile(r"星期[一二三四五六日天]|今天是|农历")
# A publication stamp with its key, anywhere on a header line: 发布时间:, 发布日期:,
# 更新时间:, [ 发布日期 ], 日期 : …, 时间:…, 发布于 …
_DATE = r"(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2})"
STAMP_RE = re.compile(
    r"(?:(?:发布|更新|发表|公开|上传|发稿|录入)(?:日期|时间|于)|(?<![\u4e00-\u9fff])(?:日期|时间))"
    r"\s*[\]】]?\s*[::]?\s*(" + _DATE + ")"
)
# A date alone under the title, perhaps with a time and a site or office name beside it
# ("2023-01-20 22:34", "2021-04-12 河北省人民政府网", "市司法局 2022年02月15日").
BARE_STAMP_RE = re.compile(
    r"^[\u4e00-\u9fff]{0,16}\s*("
    + _DATE
    + r")\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*[\u4e00-\u9fff]{0,16}$"
)
# A date with a time of day, anywhere on a header line: a stamp without its key.
TIMED_DATE_RE = re.compile("(" + _DATE + r")\s*\d{1,2}\s*:\s*\d{2}")
# A line that opens the report proper: long prose, or a sentence however short.
PROSE_RE = re.compile(r"[。;;,,]")
PROSE_MIN = 10
HEADER_SCAN = 30  # content lines looked at for chrome, list bullets and the title
# Where the title starts inside a line it shares with a banner or a breadcrumb's last
# segment: after the last run of Latin letters, digits-with-dots or separators.
BANNER_END_RE = re.compile(r"(?:[A-Za-z][A-Za-z0-9.\-_/:]*|[—|>»→›]+|星期[一二三四五六日天])\s*")
# A document number printed before the title: 某卫〔2024〕3号, 某政发[2023]12号.
DOC_NO_PREFIX_RE = re.compile(
    r"^([\u4e00-\u9fff]{1,12}\s*[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*\d{1,4}\s*号)\s*"
)

# --- the issuer in the opening sentence --------------------------------------------------
# Clauses that cannot hold the issuer: adverbials of time, circumstance and purpose.
ADVERBIAL_RE = re.compile(r"^(?:在|按照|根据|依照|对照|围绕|为|经|以|随着|通过|截至|自(?!治))")
LEADING_TIME_RE = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年度?(?:以来|来|里|中)?|今年以来|一年来|近年来|过去一年|本年度|年内)\s*"
)
# "现将县人民政府2022年…情况报告如下", "现将我县…": the issuer as the object of 现将.
REPORT_OBJECT_RE = re.compile(
    r"现将(.{1,24}?)(?:(?:19|20)\d{2}\s*年|本年度|年度|有关|全年|工作|法治)"
)
# After a place: the organisation word. A joint 某市委、市政府 stands for the government.
JOINT_RE = re.compile(r"^(?:党)?委\s*[、,,和及与]?\s*(?:[省市县区旗州]|自治区)?(?:人民)?政府")
GOV_WORD_RE = re.compile(
    r"^(?:人民政府办公[室厅]|政府办公[室厅]|人民政府|政府|街道办事处|办事处|管理委员会|管委会)"
)
DEPT_WORD_RE = re.compile(
    r"^([\u4e00-\u9fff]{1,10}?(?:局|厅|卫健委|发改委|发展改革委|教委|住建委|民宗委|委员会)"
    r"(?:[\u4e00-\u9fff]{1,6}?(?:分局|管理局))?)"  # 市交通运输局龙岗管理局, 市公安局某分局
)
# What follows a bare place that is the subject of the opening (包头市坚持…, 渝中区深入…):
# a predicate, not more of a noun (嘉定区行政执法监督平台…).
PREDICATE_RE = re.compile(
    r"^(?:坚持|认真|深入|始终|紧紧|全面|聚焦|以|在|围绕|扎实|持续|着力|积极|不断|按照|高度|"
    r"切实|大力|进一步|严格|牢固|把|将|狠抓|立足|抢抓|锚定|贯彻|落实|推进|加快|强化|加强|紧扣|"
    r"学习|主动|统筹|全力|着眼|秉持|对标|紧盯|锐意|勇于|奋力|努力|共|各项|法治政府建设|忠诚|践行|"
    r"坚定|聚力|推动|深化|围绕|按|对|从|通过|结合|全方位|多措并举|着重|突出|注重|高标准|"
    r"把握|积极|健全|完善|依法|对照|继续|再|更加|取得|实现|以|于)"
)
# An issuer named in full at the start of the opening, place or not (天津经济技术开发区
# 管理委员会(简称…)坚持…): names ending so are organisations, never running text.
FULL_ORG_SUBJECT_RE = re.compile(
    r"^([\u4e00-\u9fff]{2,20}?(?:人民政府办公[室厅]|人民政府|管理委员会|街道办事处))(?=[((]|[^\u4e00-\u9fff]|$)"
)
# Characters that never occur inside an organisation's name (verbs, particles).
NOT_NAME_RE = re.compile(r"[我本在以按照的了对把将为是要从坚认深全聚着持紧始不积扎]")
# Collective self-references: the issuer's level without its name.
VOICE_RE = re.compile(r"(?:我|本|全)(省|自治区|市|州|盟|县|区|旗|镇|乡|街道)")
ABBREV_LEVELS = ("自治区", "街道", "省", "市", "州", "盟", "县", "区", "旗", "镇", "乡")

# Header lines laid out as lists or tables (• 发布机构:…, - 索引号:…, | 标题: | … |).
BULLET_RE = re.compile(r"^(?:[•·▪◆●\-*]\s*)+")
TABLE_BAR_RE = re.compile(r"\s*[|丨]\s*")
# A field label before the title on its line (标题:, 信息名称, 名称:).
TITLE_LABEL_RE = re.compile(r"^(?:标\s*题|信息名称|文件名称|文章标题|名\s*称)\s*[::]?\s*")
# Around a title on its line: a column label 【…】 or a bracketed document number before it,
# the site's name after it (…报告_街镇园区文件_某区人民政府门户网站), a date after it.
TITLE_BRACKET_RE = re.compile(
    r"^(?:【[^】]{1,20}】|\[([^\]]{2,30}?〔(?:19|20)\d{2}〕[^\]]{0,10})\])\s*"
)
TITLE_SITE_RE = re.compile(r"(?:\s*[_|-]\s*[^_|]{0,30})+$")
TITLE_DATE_RE = re.compile(r"\s+(" + _DATE + r")(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
# Pinyin a mirror site prints after characters: 區(qū), 關(guān).
PINYIN_RE = re.compile(
    r"(?<=[\u3400-\u9fff])\([a-zü]*[\u00e0-\u00fc\u0101-\u01dc][a-zü\u00e0-\u00fc\u0101-\u01dc]*\)"
)

# Department names as abbreviated in running text, and their full form (the name ends so).
DEPT_FULL_NAMES = {
    "市场监管局": "市场监督管理局",
    "卫健委": "卫生健康委员会",
    "卫健局": "卫生健康局",
    "发改委": "发展和改革委员会",
    "发展改革委": "发展和改革委员会",
    "人社局": "人力资源和社会保障局",
    "住建局": "住房和城乡建设局",
    "住建委": "住房和城乡建设委员会",
    "应急局": "应急管理局",
    "城管局": "城市管理局",
    "文旅局": "文化和旅游局",
    "教体局": "教育体育局",
}
