import django.db.models.deletion
from django.db import migrations, models

# The default these rows once had (kommun.core.sites.default_site_id) is gone: every row
# names its site now, see the migration site_required after this one.


class Migration(migrations.Migration):

    dependencies = [
        ('accessibility', '0003_sites_for_existing_rows'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AlterField(
            model_name='problemreport',
            name='site',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='accessibility_reports', to='wagtailcore.site', verbose_name='municipality'),
        ),
    ]
