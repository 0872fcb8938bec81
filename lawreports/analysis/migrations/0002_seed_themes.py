from django.db import migrations

from lawreports.analysis.text.themes import DEFAULT_TAXONOMY


def seed(apps, schema_editor):
    Theme = apps.get_model("analysis", "Theme")
    for order, (name, words) in enumerate(DEFAULT_TAXONOMY.items()):
        Theme.objects.get_or_create(
            name=name, defaults={"keywords": "、".join(words), "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("analysis", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
