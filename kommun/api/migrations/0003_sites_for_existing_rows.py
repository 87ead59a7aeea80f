from django.db import migrations

from kommun.core.migrating import to_default_site


class Migration(migrations.Migration):
    dependencies = [("api", "0002_tokenscope_site"), ("wagtailcore", "0001_initial")]

    operations = [
        migrations.RunPython(to_default_site("api", "TokenScope"), migrations.RunPython.noop),
    ]
