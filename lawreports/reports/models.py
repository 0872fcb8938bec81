"""The archive's tables: Region, Agency, Report and what a report contains."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse

LEVEL_CHOICES = [
    ("province", "省级"),
    ("prefecture", "市级"),
    ("county", "县级"),
    ("township", "乡镇级"),
]
AGENCY_KIND_CHOICES = [
    ("government", "人民政府"),
    ("government_office", "政府办公室"),
    ("department", "政府部门"),
    ("party_committee", "党委"),
    ("other", "其他"),
]
SECTION_KIND_CHOICES = [
    ("achievements", "举措与成效"),
    ("problems", "存在问题"),
    ("plans", "下一步计划"),
    ("leadership", "第一责任人履职"),
    ("other", "其他"),
]
SCRIPT_CHOICES = [("simplified", "简体"), ("traditional", "繁体")]
FLAG_LABELS = {
    "title_inferred": "标题系推断",
    "encoding_damage": "编码损坏",
    "no_issues_section": "缺少问题部分",
    "no_plans_section": "缺少计划部分",
    "region_unresolved": "地区未识别",
    "year_uncertain": "年度不确定",
}
REVIEW_CHOICES = [("unreviewed", "未审核"), ("reviewed", "已审核")]


class Region(models.Model):
    """An administrative division; rows are created from the gazetteer as reports need them."""

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=64)
    level = models.CharField("级别", max_length=16, choices=LEVEL_CHOICES, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = "行政区划"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reports:region", args=[self.code])

    def ancestors(self) -> list[Region]:
        """Province first, ending with this region."""
        chain: list[Region] = []
        node: Region | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


class Agency(models.Model):
    name = models.CharField("机关名称", max_length=128, unique=True)
    kind = models.CharField("机关类型", max_length=24, choices=AGENCY_KIND_CHOICES, default="other")
    level = models.CharField("层级", max_length=16, choices=LEVEL_CHOICES, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="agencies"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "机关"

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    source_file = models.CharField("来源文件", max_length=255, unique=True)
    # The address a report was fetched from (load_reports URL…, the admin's add form). A
    # validated CharField: URLField's admin form warns about Django 6's default scheme.
    source_url = models.CharField(
        "原网页",
        max_length=2000,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
    )
    content_hash = models.CharField("内容哈希", max_length=64, unique=True)
    title = models.CharField("标题", max_length=255)
    title_inferred = models.BooleanField("标题系推断", default=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="reports")
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    # The region path, denormalised so facets and filters are single-column lookups.
    province = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    prefecture = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    county = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField("层级", max_length=16, choices=LEVEL_CHOICES, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    report_date = models.DateField("落款日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    index_no = models.CharField("索引号", max_length=64, blank=True)
    doc_no = models.CharField("文号", max_length=128, blank=True)
    source = models.CharField("信息来源", max_length=128, blank=True)
    addressed_to = models.CharField("主送机关", max_length=128, blank=True)
    script = models.CharField("字体", max_length=16, choices=SCRIPT_CHOICES, default="simplified")
    encoding = models.CharField("原始编码", max_length=32, blank=True)
    original_text = models.TextField("原文")
    body_text = models.TextField("正文", blank=True)
    preamble = models.TextField("导语", blank=True)
    flags = models.JSONField("解析标记", default=list, blank=True)
    # len(flags), denormalised: the review queue orders by it on every database.
    flag_count = models.PositiveSmallIntegerField("标记数", default=0, db_index=True)
    curated_fields = models.JSONField("已人工校订的字段", default=list, blank=True)
    review_status = models.CharField(
        "审核状态", max_length=16, choices=REVIEW_CHOICES, default="unreviewed", db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    issue_count = models.PositiveIntegerField("问题数", default=0)
    plan_count = models.PositiveIntegerField("计划数", default=0)
    created_at = models.DateTimeField("收录时间", auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["-year", "agency__name"]
        verbose_name = verbose_name_plural = "报告"
        indexes = [
            models.Index(fields=["year", "level"]),
            models.Index(fields=["province", "year"]),
            models.Index(fields=["prefecture", "year"]),
            models.Index(fields=["county", "year"]),
            # The list's default order (selectors._ordered): its first page reads 20 entries.
            models.Index(fields=["-year", "-published_on", "-id"], name="report_list_order_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.flag_count = len(self.flags or [])
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "flags" in update_fields:
            kwargs["update_fields"] = {*update_fields, "flag_count"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    def region_path(self) -> list[Region]:
        return [r for r in (self.province, self.prefecture, self.county, self.township) if r]

    def flag_labels(self) -> list[str]:
        return [FLAG_LABELS.get(flag, flag) for flag in self.flags]


class Section(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveIntegerField("顺序")  # document order within the report
    depth = models.PositiveSmallIntegerField("层次", default=0)
    number = models.CharField("序号", max_length=16, blank=True)
    heading = models.CharField("标题", max_length=500)
    body = models.TextField("正文", blank=True)
    kind = models.CharField("类别", max_length=16, choices=SECTION_KIND_CHOICES, default="other")
    # Set when a curator edits the section; a reload then keeps number, heading, body and kind.
    curated = models.BooleanField("人工校订", default=False)

    class Meta:
        ordering = ["report", "order"]
        verbose_name = verbose_name_plural = "章节"
        constraints = [
            models.UniqueConstraint(fields=["report", "order"], name="section_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.heading}".strip()

    def get_absolute_url(self) -> str:
        return f"{self.report.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"s{self.order}"


class ReportItem(models.Model):
    """What Issue and Plan share: an ordered headline and text inside a section."""

    order = models.PositiveIntegerField("顺序", default=0)
    headline = models.CharField("要点", max_length=500)
    text = models.TextField("全文", blank=True)
    curated = models.BooleanField("人工校订", default=False)

    class Meta:
        abstract = True
        ordering = ["report", "order"]

    def __str__(self) -> str:
        return self.headline


class Issue(ReportItem):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="issues")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="issues")

    class Meta(ReportItem.Meta):
        verbose_name = verbose_name_plural = "存在问题"


class Plan(ReportItem):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="plans")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="plans")

    class Meta(ReportItem.Meta):
        verbose_name = verbose_name_plural = "工作计划"
