"""
The home page model moved from `core` to `site` (issue 14). A municipality that set up its
site before the move upgrades with `migrate`: its home pages must stay the same pages,
with their text, served as home pages.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import Client
from wagtail.models import Page

from kommun.site.models import HomePage
from kommun.site.site_structure import ensure_site_structure


def table_exists(name):
    with connection.cursor() as cursor:
        return name in connection.introspection.table_names(cursor)


@pytest.mark.django_db(transaction=True)
def test_a_home_page_made_before_the_move_is_still_the_home_page_after_migrate():
    home = ensure_site_structure(site_name="Testby kommun")
    HomePage.objects.filter(pk=home.pk).update(intro="Välkommen till Testby.")

    # Back to the schema as it was before the move (core's migration that lets the page go
    # depends on site's first, so both are undone): the page is core's again.
    call_command("migrate", "site", "zero", verbosity=0)
    ContentType.objects.clear_cache()
    assert table_exists("core_homepage") and not table_exists("site_homepage")
    assert Page.objects.get(pk=home.pk).content_type.app_label == "core"

    call_command("migrate", verbosity=0)
    ContentType.objects.clear_cache()

    assert table_exists("site_homepage") and not table_exists("core_homepage")
    moved = Page.objects.get(pk=home.pk).specific
    assert isinstance(moved, HomePage)
    assert moved.intro == "Välkommen till Testby."
    assert not ContentType.objects.filter(app_label="core", model="homepage").exists()
    response = Client().get("/sv/")
    assert response.status_code == 200
    assert "Välkommen till Testby." in response.content.decode()
