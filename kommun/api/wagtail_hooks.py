from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from kommun.core.admin_scope import SiteScopedViewSetMixin

from .models import TokenScope


class TokenScopeViewSet(SiteScopedViewSetMixin, ModelViewSet):
    """Which services each API token may publish for (tokens: Settings → API tokens)."""

    model = TokenScope
    icon = "key"
    menu_label = _("API token scopes")
    add_to_settings_menu = True
    form_fields = ["token", "site", "services"]
    list_display = ["token", "services_list"]
    copy_view_enabled = False
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_token_scopes():
    return TokenScopeViewSet("token_scopes")
