"""Signed, expiring links: confirming a subscription and managing or ending it."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "kommun.alerts.confirm"
CODE_SALT = "kommun.alerts.code"
MANAGE_SALT = "kommun.alerts.manage"
CONFIRM_MAX_AGE = 48 * 60 * 60
MANAGE_MAX_AGE = 60 * 24 * 60 * 60


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def code_path(subscription):
    return reverse("alerts:code", args=[signing.dumps(subscription.pk, salt=CODE_SALT)])


def confirm_url(subscription):
    token = signing.dumps(subscription.pk, salt=CONFIRM_SALT)
    return absolute(reverse("alerts:confirm", args=[token]))


def manage_url(subscription):
    token = signing.dumps(subscription.pk, salt=MANAGE_SALT)
    return absolute(reverse("alerts:manage", args=[token]))


def unsubscribe_url(subscription):
    token = signing.dumps(subscription.pk, salt=MANAGE_SALT)
    return absolute(reverse("alerts:unsubscribe", args=[token]))


def read(token, salt, max_age):
    """The subscription id in a token, or None when it is forged or too old."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
