"""The home page now belongs to the `site` app (its migration 0001 takes over the table)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_editors_own_collections"),
        ("site", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel("HomePage")]),
    ]
