import uuid

from django.conf import settings
from django.db import migrations

from kommun.core.migrating import to_default_site


def notices_in_default_language(apps, schema_editor):
    """Every notice written so far is an original in the installation's language."""
    Locale = apps.get_model("wagtailcore", "Locale")
    Notice = apps.get_model("disruptions", "Notice")
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for notice in Notice.objects.filter(translation_key__isnull=True):
        notice.translation_key = uuid.uuid4()
        notice.locale = locale
        notice.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("disruptions", "0007_notice_locale_notice_source_digest_and_more"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(to_default_site("disruptions", "Service"), migrations.RunPython.noop),
        migrations.RunPython(notices_in_default_language, migrations.RunPython.noop),
    ]
