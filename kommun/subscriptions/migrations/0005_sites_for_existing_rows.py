from django.db import migrations

from kommun.core.migrating import to_default_site


class Migration(migrations.Migration):
    dependencies = [("alerts", "0004_subscription_site"), ("wagtailcore", "0001_initial")]

    operations = [
        migrations.RunPython(to_default_site("alerts", "Subscription"), migrations.RunPython.noop),
    ]
