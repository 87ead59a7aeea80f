"""
The home page moves here from `core`, which no longer knows about pages (issue 14). The
table and every page keep their rows: the model is taken over as it is, its table is
renamed, and its content type is relabelled, so existing home pages stay home pages.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def relabel_content_type(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="core", model="homepage").update(app_label="site")


def restore_content_type(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="site", model="homepage").update(app_label="core")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_editors_own_collections"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HomePage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        ("intro", models.TextField(blank=True, verbose_name="introduction")),
                    ],
                    options={"verbose_name": "home page", "db_table": "core_homepage"},
                    bases=("wagtailcore.page",),
                ),
            ],
        ),
        migrations.AlterModelTable(name="homepage", table=None),
        migrations.RunPython(relabel_content_type, restore_content_type),
    ]
