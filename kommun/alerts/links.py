"""Signed, expiring links: confirming a subscription and managing or ending it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

CONFIRM_SALT = "kommun.alerts.confirm"
CODE_SALT = "kommun.alerts.code"
MANAGE_SALT = "kommun.alerts.manage"
CONFIRM_MAX_AGE = 48 * 60 * 60
MANAGE_MAX_AGE = 60 * 24 * 60 * 60


def absolute(path, site=None):
    """
    path on the site's host. BASE_URL gives the scheme and port, and the default site's
    host; every other municipality is reached on its own host name with the same port.
    """
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    host = base.netloc
    if site is not None and not site.is_default_site:
        host = site.hostname + (f":{base.port}" if base.port else "")
    return f"{base.scheme}://{host}{path}"


def _link(name, subscription, salt):
    token = signing.dumps(subscription.pk, salt=salt)
    with translation.override(subscription.language):
        return absolute(reverse(name, args=[token]), subscription.site)


def code_path(subscription):
    return reverse("alerts:code", args=[signing.dumps(subscription.pk, salt=CODE_SALT)])


def confirm_url(subscription):
    return _link("alerts:confirm", subscription, CONFIRM_SALT)


def manage_url(subscription):
    return _link("alerts:manage", subscription, MANAGE_SALT)


def unsubscribe_url(subscription):
    return _link("alerts:unsubscribe", subscription, MANAGE_SALT)


def read(token, salt, max_age):
    """The subscription id in a token, or None when it is forged or too old."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
