"""The whole division tree (~44 000 divisions of fixtures/divisions.tsv.gz) as Region rows,
so a curator can place a report anywhere. Rows that exist already are left as they are."""

from django.db import migrations


def load_tree(apps, schema_editor):
    from lawreports.reports.services.regions import load_division_tree

    load_division_tree(apps.get_model("reports", "Region"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0008_agency_per_division")]

    operations = [migrations.RunPython(load_tree, migrations.RunPython.noop, elidable=True)]
