# Reports sent before municipalities had their own belong to the default site, which was
# then the only one with an accessibility statement. (Separate from the schema changes:
# PostgreSQL refuses to alter a table with pending updates in the same transaction.)
from django.db import migrations

from kommun.core.migrating import to_default_site


class Migration(migrations.Migration):
    dependencies = [("accessibility", "0002_problemreport_site")]

    operations = [
        migrations.RunPython(to_default_site("accessibility", "ProblemReport"), migrations.RunPython.noop),
    ]
