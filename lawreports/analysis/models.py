"""What analysis derives from a stored report; recomputed whole by services.analyse_report."""

from __future__ import annotations

from django.db import models

from lawreports.analysis.text.completeness import PART_LABELS
from lawreports.analysis.text.themes import parse_keywords
from lawreports.analysis.text.timeliness import LABELS as TIMELINESS_LABELS
from lawreports.reports.models import Issue, Plan, Report, Section

TIMELINESS_CHOICES = list(TIMELINESS_LABELS.items())
THEME_BITS = 63  # a signed bigint's bits, less the sign
PRESENCE_CHOICES = [("outline", "有专门章节"), ("text", "正文提及"), ("", "缺少")]
ITEM_KIND_CHOICES = [("issue", "存在问题"), ("plan", "工作计划")]


class ReportAnalysis(models.Model):
    report = models.OneToOneField(
        Report, on_delete=models.CASCADE, related_name="analysis", primary_key=True
    )
    # Completeness: one column per part of the 规定, "outline" / "text" / "" (missing).
    measures = models.CharField(
        PART_LABELS["measures"], max_length=8, blank=True, choices=PRESENCE_CHOICES
    )
    problems = models.CharField(
        PART_LABELS["problems"], max_length=8, blank=True, choices=PRESENCE_CHOICES
    )
    leadership = models.CharField(
        PART_LABELS["leadership"], max_length=8, blank=True, choices=PRESENCE_CHOICES
    )
    plans = models.CharField(
        PART_LABELS["plans"], max_length=8, blank=True, choices=PRESENCE_CHOICES
    )
    other = models.CharField(
        PART_LABELS["other"], max_length=8, blank=True, choices=PRESENCE_CHOICES
    )
    missing_count = models.PositiveSmallIntegerField("缺少部分数", default=0, db_index=True)
    timeliness = models.CharField(
        "及时性", max_length=8, choices=TIMELINESS_CHOICES, default="unknown", db_index=True
    )
    deadline = models.DateField("截止日期", null=True, blank=True)
    judged_on = models.DateField("判定所依日期", null=True, blank=True)
    judged_by = models.CharField("判定依据", max_length=16, blank=True)
    days_late = models.PositiveIntegerField("逾期天数", null=True, blank=True)
    figure_count = models.PositiveIntegerField("具体数字数", default=0, db_index=True)
    # Themes of the report's issues and plans as bits (Theme.bit): the theme facets are then
    # counted in the same pass as the other facets instead of over every item's themes.
    issue_themes = models.BigIntegerField("问题主题（位图）", default=0, editable=False)
    plan_themes = models.BigIntegerField("计划主题（位图）", default=0, editable=False)
    analysed_at = models.DateTimeField("分析时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "报告分析"

    def __str__(self) -> str:
        return f"分析：{self.report_id}"

    def parts(self) -> list[tuple[str, str, str]]:
        """(part, label, presence) in the order of the 规定."""
        return [(part, label, getattr(self, part)) for part, label in PART_LABELS.items()]

    def missing(self) -> list[str]:
        return [part for part in PART_LABELS if not getattr(self, part)]


class Figure(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="figures")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.CASCADE, related_name="figures"
    )
    order = models.PositiveIntegerField("顺序")
    number = models.CharField("数字", max_length=32)
    value = models.FloatField("数值")
    unit = models.CharField("单位", max_length=16)
    approx = models.BooleanField("约数（余/多）", default=False)
    noun = models.CharField("计量对象", max_length=64, blank=True)
    sentence = models.TextField("原句")

    class Meta:
        ordering = ["report", "order"]
        verbose_name = verbose_name_plural = "具体数字"

    def __str__(self) -> str:
        return f"{self.noun}{self.number}{'余' if self.approx else ''}{self.unit}"


class Theme(models.Model):
    name = models.CharField("主题", max_length=32, unique=True)
    keywords = models.TextField(
        "关键词", help_text="每行一个，或以“、”分隔；修改后运行 analyse_reports"
    )
    order = models.PositiveSmallIntegerField("顺序", default=0)
    # This theme's bit in ReportAnalysis.issue_themes/plan_themes; themes beyond the 63 a
    # bigint holds get none, and their facet is counted from the item themes instead.
    bit = models.PositiveSmallIntegerField("位", null=True, unique=True, editable=False)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = verbose_name_plural = "主题分类"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.bit is None:
            taken = set(Theme.objects.exclude(pk=self.pk).values_list("bit", flat=True))
            self.bit = next((b for b in range(THEME_BITS) if b not in taken), None)
        super().save(*args, **kwargs)

    @property
    def mask(self) -> int:
        return 0 if self.bit is None else 1 << self.bit

    def keyword_list(self) -> list[str]:
        return parse_keywords(self.keywords)


class ItemTheme(models.Model):
    """A theme on an issue or a plan (exactly one of the two is set)."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="items")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="item_themes")
    kind = models.CharField("类别", max_length=8, choices=ITEM_KIND_CHOICES)
    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    keywords = models.CharField("命中关键词", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "问题与计划的主题"
        indexes = [models.Index(fields=["kind", "theme", "report"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="issue", issue__isnull=False, plan__isnull=True)
                | models.Q(kind="plan", plan__isnull=False, issue__isnull=True),
                name="itemtheme_one_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.theme} ← {self.issue or self.plan}"
