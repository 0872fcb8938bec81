import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# Before this migration a report whose issuer the parser could not name was linked to one
# shared record by this name; unrelated reports then showed as one agency's history.
PLACEHOLDER = "未识别机关"


def one_issuer_per_agency(apps, schema_editor):
    """Detach the placeholder's reports (no agency: issuer not identified) and delete it; split
    an agency whose reports lie in several divisions into one agency per division."""
    Agency = apps.get_model("reports", "Agency")
    Region = apps.get_model("reports", "Region")
    Report = apps.get_model("reports", "Report")
    placeholder = Agency.objects.filter(name=PLACEHOLDER)
    detached = Report.objects.filter(agency__in=placeholder)
    # The placeholder is never a curator's choice: the parser may name the issuer later.
    locked = detached.filter(curated_fields__icontains='"agency"')
    for pk, curated in locked.values_list("pk", "curated_fields"):
        kept = [name for name in curated or [] if name != "agency"]
        Report.objects.filter(pk=pk).update(curated_fields=kept)
    detached.update(agency=None)
    placeholder.delete()

    regions_of: dict[int, dict[int | None, int]] = {}
    rows = Report.objects.filter(agency__isnull=False).values_list("agency_id", "region_id")
    for agency_id, region_id in rows:
        counts = regions_of.setdefault(agency_id, {})
        counts[region_id] = counts.get(region_id, 0) + 1
    for agency in Agency.objects.all():
        counts = regions_of.get(agency.pk)
        if not counts or counts.keys() == {agency.region_id}:
            continue  # no reports, or all of them in its division
        keep = agency.region_id if agency.region_id in counts else max(counts, key=counts.get)
        if agency.region_id != keep:
            agency.region_id = keep
            agency.save(update_fields=["region"])
        for region_id in counts.keys() - {keep}:
            region = Region.objects.filter(pk=region_id).first()
            twin, _ = Agency.objects.get_or_create(
                name=agency.name,
                region=region,
                defaults={"kind": agency.kind, "level": region.level if region else ""},
            )
            Report.objects.filter(agency=agency, region_id=region_id).update(agency=twin)
    if schema_editor.connection.vendor == "postgresql":
        # Fire the deferred foreign-key checks now: the constraints below alter the table.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0007_source_url"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="agency",
            name="name",
            field=models.CharField(max_length=128, verbose_name="机关名称"),
        ),
        migrations.AlterField(
            model_name="agency",
            name="region",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="agencies",
                to="reports.region",
                verbose_name="所在区划",
            ),
        ),
        migrations.AlterField(
            model_name="issue",
            name="report",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="issues",
                to="reports.report",
                verbose_name="报告",
            ),
        ),
        migrations.AlterField(
            model_name="issue",
            name="section",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="issues",
                to="reports.section",
                verbose_name="章节",
            ),
        ),
        migrations.AlterField(
            model_name="plan",
            name="report",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="plans",
                to="reports.report",
                verbose_name="报告",
            ),
        ),
        migrations.AlterField(
            model_name="plan",
            name="section",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="plans",
                to="reports.section",
                verbose_name="章节",
            ),
        ),
        migrations.AlterField(
            model_name="region",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="children",
                to="reports.region",
                verbose_name="上级区划",
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="agency",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reports",
                to="reports.agency",
                verbose_name="发布机关",
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="county",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reports.region",
                verbose_name="区县",
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="prefecture",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reports.region",
                verbose_name="地市",
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="province",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reports.region",
                verbose_name="省",
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="region",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reports",
                to="reports.region",
                verbose_name="所在区划",
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                to=settings.AUTH_USER_MODEL,
                verbose_name="审核人",
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="township",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reports.region",
                verbose_name="乡镇",
            ),
        ),
        migrations.AlterField(
            model_name="section",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="children",
                to="reports.section",
                verbose_name="上级章节",
            ),
        ),
        migrations.AlterField(
            model_name="section",
            name="report",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="sections",
                to="reports.report",
                verbose_name="报告",
            ),
        ),
        migrations.RunPython(one_issuer_per_agency, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="agency",
            constraint=models.UniqueConstraint(
                fields=("name", "region"), name="agency_name_region_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="agency",
            constraint=models.UniqueConstraint(
                condition=models.Q(("region__isnull", True)),
                fields=("name",),
                name="agency_name_no_region_unique",
            ),
        ),
    ]
