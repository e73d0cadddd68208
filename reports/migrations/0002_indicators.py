"""Load the indicator catalogue (TAXONOMY.md) into the Indicator table."""

from django.db import migrations


def load_indicators(apps, schema_editor):
    from reports.indicators import sync_indicators

    sync_indicators(apps.get_model("reports", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(load_indicators, migrations.RunPython.noop)]
