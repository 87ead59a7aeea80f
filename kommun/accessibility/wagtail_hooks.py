from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from kommun.core.admin_scope import SiteScopedViewSetMixin

from .models import ProblemReport


class ProblemReportViewSet(SiteScopedViewSetMixin, ModelViewSet):
    """
    Reports from the accessibility statement's form; editors mark them handled. Each
    municipality's editors see their own site's reports only.
    """

    model = ProblemReport
    icon = "help"
    menu_label = _("Accessibility reports")
    add_to_admin_menu = True
    list_display = ["description", "page_address", "created_at", "emailed_at", "handled"]
    list_filter = ["handled"]
    list_export = ["description", "page_address", "created_at", "emailed_at", "handled"]
    form_fields = ["handled"]
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_problem_reports():
    return ProblemReportViewSet("accessibility_reports")
