from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/", two_factor.set_up, name=two_factor.SET_UP),
        path("two-factor/code/", two_factor.verify, name=two_factor.VERIFY),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse(two_factor.SET_UP),
        "label": _("Two-factor sign-in"),
        "help_text": _("Sign in with a code from your phone as well as your password."),
    }
