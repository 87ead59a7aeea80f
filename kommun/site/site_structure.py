"""
What every municipality site starts with: the home page, the status page, the news index
and the accessibility statement in every language, its services, and its editor groups.
Safe to run again: it only adds what is missing.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
)

from kommun.accessibility.models import AccessibilityStatementPage
from kommun.core.models import MunicipalitySettings
from kommun.core.pages import free_slug
from kommun.core.sites import site_collection
from kommun.disruptions.models import STANDARD_SERVICES, Service, StatusPage
from kommun.news.models import NewsIndexPage

from .models import HomePage

SERVICES = list(STANDARD_SERVICES.items())

# Group names get the site's host name appended: "Driftredaktörer – sjovik.example".
STATEMENT_SLUG = "tillganglighet"
# Seeded in the site's language; the editors keep it current in the admin.
KNOWN_LIMITATIONS = _(
    "<ul><li>The maps on the status page and the notice pages cannot be fully used with the "
    "keyboard or a screen reader. Everything the maps show is also written out as text next "
    "to them: the affected areas, streets and number of addresses.</li>"
    "<li>Notices and news are written in the municipality's own language first. A "
    "translation may come later or not at all; until then the text is shown in its original "
    "language, with a note saying so.</li></ul>"
)

OPERATIONS_GROUP = "Driftredaktörer"
COMMUNICATIONS_GROUP = "Kommunikatörer"
# What the editor groups may do in their municipality's own collection of images and documents.
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


@transaction.atomic
def ensure_site_structure(
    site_name="Kommun",
    hostname="localhost",
    language=None,
    time_zone=None,
    is_default_site=True,
):
    language = language or settings.LANGUAGE_CODE
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)

    site = _ensure_site(site_name, hostname, language, is_default_site)
    profile = MunicipalitySettings.for_site(site)
    if profile.default_language != language or (time_zone and profile.time_zone != time_zone):
        profile.default_language = language
        profile.time_zone = time_zone or profile.time_zone
        profile.save()

    home = site.root_page.specific
    status = StatusPage.objects.child_of(home).first() or _publish_child(
        home, StatusPage, _("Disruptions"), "driftinformation"
    )
    news = NewsIndexPage.objects.child_of(home).first() or _publish_child(
        home, NewsIndexPage, _("News"), "nyheter"
    )
    statement = AccessibilityStatementPage.objects.child_of(home).first()
    if statement is None:
        with translation.override(language):
            statement = _publish_child(
                home,
                AccessibilityStatementPage,
                _("Accessibility statement"),
                STATEMENT_SLUG,
                known_limitations=str(KNOWN_LIMITATIONS),
                # Today on the municipality's calendar: a command has no active time zone.
                assessed_on=timezone.localdate(timezone=profile.zone),
                show_in_menus=False,
            )
    for code, _name in settings.LANGUAGES:
        if code != language:
            for page, title in ((home, site_name), (status, _("Disruptions")), (news, _("News"))):
                _ensure_translation(page, code, title)
            _ensure_translation(
                statement,
                code,
                _("Accessibility statement"),
                known_limitations=KNOWN_LIMITATIONS,
            )

    with translation.override(language):
        for order, (slug, name) in enumerate(SERVICES):
            Service.objects.get_or_create(
                site=site, slug=slug, defaults={"name": str(name), "sort_order": order}
            )
    groups = _ensure_groups(site, home)
    profile.editor_groups.add(*groups)
    _ensure_collection(site, groups)
    return home


def _ensure_site(site_name, hostname, language, is_default_site):
    site = Site.objects.filter(hostname=hostname).first()
    if site is None and is_default_site:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None and site.root_page.specific_class is HomePage:
        return site

    root = Page.get_first_root_node()
    if root is None:
        # Wagtail's migrations make the tree's root; a flushed database has none.
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    locale = Locale.objects.get(language_code=language)
    slug = free_slug(root, slugify(site_name) or "kommun")
    home = HomePage(title=site_name, slug=slug, locale=locale)
    root.add_child(instance=home)
    home.save_revision().publish()

    if site is None:
        site = Site(hostname=hostname, port=80, is_default_site=is_default_site)
    old_root = site.root_page if site.pk else None
    site.root_page = home
    site.site_name = site_name
    site.save()

    # Wagtail's own welcome page is of no use to a municipality.
    if old_root is not None and old_root.specific_class is Page:
        old_root.delete()
    return site


def _publish_child(parent, page_class, title, slug, **fields):
    page = page_class(title=str(title), slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _ensure_translation(page, language, title, **fields):
    locale = Locale.objects.get(language_code=language)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    copy = page.copy_for_translation(locale)
    with translation.override(language):
        copy.title = str(title)
        for name, value in fields.items():
            setattr(copy, name, str(value))
    copy.save_revision().publish()
    return copy


def _ensure_groups(site, home):
    """
    Operations staff publish notices; communications staff write news. Both work on this
    site alone: their page permissions cover its home page in every language.
    """
    operations, created = Group.objects.get_or_create(name=f"{OPERATIONS_GROUP} – {site.hostname}")
    if created:
        operations.permissions.set(
            Permission.objects.filter(
                Q(content_type__app_label="wagtailadmin", codename="access_admin")
                | Q(
                    content_type__app_label="disruptions",
                    codename__in=["add_notice", "change_notice", "publish_notice"],
                )
                | Q(content_type__app_label="simple_translation", codename="submit_translation")
            )
        )
    communications, created = Group.objects.get_or_create(
        name=f"{COMMUNICATIONS_GROUP} – {site.hostname}"
    )
    if created:
        communications.permissions.set(
            Permission.objects.filter(
                Q(content_type__app_label="wagtailadmin", codename="access_admin")
                | Q(content_type__app_label="simple_translation", codename="submit_translation")
                | Q(
                    content_type__app_label="accessibility",
                    codename__in=["view_problemreport", "change_problemreport"],
                )
            )
        )
        homes = [home, *home.get_translations()]
        for page in homes:
            for codename in ("add_page", "change_page", "publish_page"):
                GroupPagePermission.objects.get_or_create(
                    group=communications,
                    page=page,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )
    return operations, communications


def _ensure_collection(site, groups):
    """
    The municipality's own collection of images and documents, the only one its editors see
    (Wagtail's permissions on collections, not on the model, decide that).
    """
    collection = site_collection(site)
    if collection is None:
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        collection = root.add_child(name=f"{site.site_name} ({site.hostname})")
    for group in groups:
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    return collection


def operations_group(site):
    return Group.objects.get(name=f"{OPERATIONS_GROUP} – {site.hostname}")
