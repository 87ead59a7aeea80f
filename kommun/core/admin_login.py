"""
The admin's front door. Settings are in kommun/settings/base.py ("Admin login"):

- django-axes counts wrong passwords per username and client address; a locked-out pair
  gets lockout_response, a page in the reader's language that says when to try again;
- kommun/core/two_factor.py asks for a TOTP code of whoever has a device, and sends
  superusers without one to set it up first;
- ThrottledPasswordResetForm keeps "forgotten password" from mailing without limit.
"""

import logging
import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from wagtail.admin.forms.auth import PasswordResetForm

from .limits import client_key, over_limit

logger = logging.getLogger(__name__)
HOUR = 60 * 60


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page's answer while a username and address are locked."""
    cool_off = get_cool_off(request)
    response = render(
        request,
        "core/admin_locked_out.html",
        {"minutes": math.ceil(cool_off.total_seconds() / 60)},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    # Every failure during the lockout starts the cool-off again, so it is counted from now.
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    add_never_cache_headers(response)
    return response


class ThrottledPasswordResetForm(PasswordResetForm):
    """
    Sends the reset message only while both the client address and the email address are
    within PASSWORD_RESET_RATE_PER_HOUR. Every request counts, whether or not the address
    belongs to a user, and the page that follows is the same either way, so the limit
    tells nobody which addresses have accounts.
    """

    def save(self, *args, request=None, **kwargs):
        limit = settings.PASSWORD_RESET_RATE_PER_HOUR
        email = self.cleaned_data["email"].strip().lower()
        too_many_from_client = over_limit("password-reset-ip", client_key(request), limit, HOUR)
        too_many_for_email = over_limit("password-reset-email", email, limit, HOUR)
        if too_many_from_client or too_many_for_email:
            logger.warning("Password reset not sent: more than %s an hour", limit)
            return
        super().save(*args, request=request, **kwargs)
