"""
Signed, expiring links: confirming a subscription and managing or ending it.

The management and the one-click unsubscribe links carry different tokens (salts): the
unsubscribe link sits in a mail header that gateways and mail clients handle freely, so
it can end a subscription but not show or change it. Both carry the subscription's
link_generation; a resident who revokes their link raises it, and every older link stops
working.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

CONFIRM_SALT = "kommun.subscriptions.confirm"
CODE_SALT = "kommun.subscriptions.code"
MANAGE_SALT = "kommun.subscriptions.manage"
UNSUBSCRIBE_SALT = "kommun.subscriptions.unsubscribe"
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


def token(subscription, salt):
    return signing.dumps([subscription.pk, subscription.link_generation], salt=salt)


def _link(name, subscription, value):
    with translation.override(subscription.language):
        return absolute(reverse(name, args=[value]), subscription.site)


def code_path(subscription):
    return reverse("alerts:code", args=[signing.dumps(subscription.pk, salt=CODE_SALT)])


def confirm_url(subscription):
    return _link("alerts:confirm", subscription, signing.dumps(subscription.pk, salt=CONFIRM_SALT))


def manage_url(subscription):
    return _link("alerts:manage", subscription, token(subscription, MANAGE_SALT))


def unsubscribe_url(subscription):
    return _link("alerts:unsubscribe", subscription, token(subscription, UNSUBSCRIBE_SALT))


def read(token, salt, max_age):
    """The subscription id in a token, or None when it is forged or too old."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None


def read_link(token, salt, max_age, legacy=False):
    """
    (id, generation) of a management or unsubscribe token, or None. With legacy, a bare
    id also counts, as generation 0: the links from before generations, when one token
    served both, still in residents' inboxes; only unsubscribing takes them.
    """
    value = read(token, salt, max_age)
    if legacy and isinstance(value, int):
        return value, 0
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return tuple(value)
    return None
