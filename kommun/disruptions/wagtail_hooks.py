from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kommun.core.admin_scope import SiteScopedViewSetMixin

from .models import Notice, Service


class TranslationsColumn(Column):
    """Which languages a notice is missing, has only as a draft, or has fallen behind in."""

    def get_value(self, instance):
        if not instance.is_original():
            return _("translation")
        return format_html_join(
            ", ",
            '<span class="translation-state translation-state--{}">{}: {}</span>',
            ((state, code, state.label) for code, _name, state in instance.translation_states()),
        )


class NoticeViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = Notice
    icon = "warning"
    menu_label = _("Notices")
    list_display = [
        "headline",
        "service",
        Column("state", label=_("State"), accessor="get_state_display"),
        "severity",
        "starts_at",
        "ended_at",
        TranslationsColumn("translations", label=_("Translations")),
    ]
    list_filter = ["service", "kind", "severity"]
    search_fields = ["headline", "affected_area"]
    ordering = ["-starts_at"]


class ServiceViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = Service
    icon = "cogs"
    menu_label = _("Services")
    list_display = ["name", "slug", "sort_order"]


class DisruptionsGroup(SnippetViewSetGroup):
    items = (NoticeViewSet, ServiceViewSet)
    menu_icon = "warning"
    menu_label = _("Disruptions")
    menu_name = "disruptions"
    add_to_admin_menu = True


register_snippet(DisruptionsGroup)
