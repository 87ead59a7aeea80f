from django.db import migrations

from kommun.core.migrating import to_default_site


class Migration(migrations.Migration):
    dependencies = [("areas", "0002_remove_address_one_address_address_site_area_site_and_more"), ("wagtailcore", "0001_initial")]

    operations = [
        migrations.RunPython(to_default_site("areas", "Area"), migrations.RunPython.noop),
        migrations.RunPython(to_default_site("areas", "Address"), migrations.RunPython.noop),
    ]
