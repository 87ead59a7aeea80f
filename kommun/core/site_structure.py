"""
What every new municipality site starts with: the home page, the status page, the news
index, the accessibility statement and the list of services. Safe to run again: it only
adds what is missing.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site

from kommun.accessibility.models import AccessibilityStatementPage
from kommun.disruptions.models import Service, StatusPage
from kommun.news.models import NewsIndexPage

from .models import HomePage

SERVICES = [
    ("vatten-och-avlopp", _("Water and sewage")),
    ("fjarrvarme", _("District heating")),
    ("el", _("Electricity")),
    ("gator-och-vagar", _("Streets and roads")),
    ("avfallshamtning", _("Waste collection")),
    ("atervinningscentraler", _("Recycling centres")),
    ("it-och-e-tjanster", _("IT and e-services")),
    ("ovrigt", _("Other")),
]


@transaction.atomic
def ensure_site_structure(site_name="Kommun"):
    for order, (slug, name) in enumerate(SERVICES):
        Service.objects.get_or_create(slug=slug, defaults={"name": str(name), "sort_order": order})

    _ensure_operations_group()

    home = HomePage.objects.first()
    if home is None:
        home = _replace_wagtail_welcome_page(site_name)

    if not StatusPage.objects.child_of(home).exists():
        _publish_child(home, StatusPage(title=str(_("Disruptions")), slug="driftinformation"))
    if not NewsIndexPage.objects.child_of(home).exists():
        _publish_child(home, NewsIndexPage(title=str(_("News")), slug="nyheter"))
    if not AccessibilityStatementPage.objects.child_of(home).exists():
        statement = AccessibilityStatementPage(
            title=str(_("Accessibility statement")),
            slug=STATEMENT_SLUG,
            known_limitations=str(KNOWN_LIMITATIONS),
            show_in_menus=False,
        )
        _publish_child(home, statement)
    return home


STATEMENT_SLUG = "tillganglighet"
# Seeded in the site's language; the editors keep it current in the admin.
KNOWN_LIMITATIONS = _(
    "<ul><li>The maps on the status page and the notice pages cannot be fully used with the "
    "keyboard or a screen reader. Everything the maps show is also written out as text next "
    "to them: the affected areas, streets and number of addresses.</li>"
    "<li>Notices and news are written in Swedish and are not translated into the other "
    "languages of the website.</li></ul>"
)


OPERATIONS_GROUP = "Driftredaktörer"


def _ensure_operations_group():
    """Editors (and API tokens' users) who publish notices: the admin, notices, nothing else."""
    group, created = Group.objects.get_or_create(name=OPERATIONS_GROUP)
    if created:
        group.permissions.set(
            Permission.objects.filter(
                Q(content_type__app_label="wagtailadmin", codename="access_admin")
                | Q(
                    content_type__app_label="disruptions",
                    codename__in=["add_notice", "change_notice", "publish_notice"],
                )
            )
        )
    return group


def _replace_wagtail_welcome_page(site_name):
    root = Page.get_first_root_node()
    if root is None:
        # Wagtail's migrations make the tree's root; a flushed database has none.
        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    home = HomePage(title=site_name, slug="hem")
    root.add_child(instance=home)
    home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    old_root = site.root_page if site.pk else None
    site.root_page = home
    site.site_name = site_name
    site.save()

    # Wagtail's own welcome page is of no use to a municipality.
    if old_root is not None and old_root.specific_class is Page:
        old_root.delete()
    return home


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
