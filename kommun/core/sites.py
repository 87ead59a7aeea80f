"""
One installation serves several municipalities, each a Wagtail Site. These helpers answer
which municipality a request, an editor or a language belongs to.
"""

from urllib.parse import urljoin

from wagtail.models import Locale, Site


def current_site(request):
    """The site the request's host names, or the default site."""
    site = Site.find_for_request(request)
    if site is None:
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return site


def canonical_url(site, path):
    """
    An address on the municipality's own host name (its Site's root URL), whichever name a
    request came in on: feed ids, RSS guids and the like must not change with it. A full URL
    (Wagtail's, for a page of another site) is left as it is.
    """
    return urljoin(site.root_url + "/", path)


def site_by_hostname(hostname):
    """For commands: the named site, or the default one. CommandError names a wrong name."""
    from django.core.management.base import CommandError

    if hostname is None:
        return Site.objects.get(is_default_site=True)
    site = Site.objects.filter(hostname=hostname).first()
    if site is None:
        names = ", ".join(Site.objects.values_list("hostname", flat=True))
        raise CommandError(f"no site has the host name {hostname!r} (there are: {names})")
    return site


def municipality(site):
    from .models import MunicipalitySettings

    return MunicipalitySettings.for_site(site)


def default_language(site):
    return municipality(site).default_language


def default_locale(site):
    """Where the site's originals live: notices and news are written in this locale first."""
    locale, _ = Locale.objects.get_or_create(language_code=default_language(site))
    return locale


def user_site(user):
    """
    The one site an editor works on, from the editor groups of its settings. None for a
    superuser, who looks after the whole installation.
    """
    if user.is_superuser:
        return None
    if not hasattr(user, "_kommun_site"):
        user._kommun_site = Site.objects.filter(
            municipalitysettings__editor_groups__user=user
        ).first()
    return user._kommun_site


def site_collection(site):
    """
    The municipality's own collection of images and documents: the one its editor groups
    hold permissions on (site_structure.py gives them those). None before setup.
    """
    from wagtail.models import Collection

    return (
        Collection.objects.filter(group_permissions__group__municipalities__site=site)
        .order_by("path")
        .first()
    )
