from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from kommun.core.admin_scope import SiteScopedViewSetMixin

from .models import Area


class AreaViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    add_to_admin_menu = True
    list_display = ["name", "kind", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name"]


register_snippet(AreaViewSet)
