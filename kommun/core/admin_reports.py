"""
Wagtail's reports that look across the whole installation, made to keep to the editor's
municipality. Their views offer no hook for their querysets, so kommun/urls.py routes their
addresses here, ahead of Wagtail's admin.
- The site history (and its CSV/XLSX export) shows the entries about the municipality's
  pages and about objects the policy of admin_scope.py lets the editor see; entries about
  anything else (users, groups, settings) are for superusers.
- The page types usage report counts every site's pages and names the last edited page of
  each type, whichever site it is on: it is for superusers.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .admin_scope import is_scoped, visible_pks


def visible_log_entries(queryset, user):
    if user.is_superuser:
        return queryset
    fields = {field.name for field in queryset.model._meta.get_fields()}
    if "page" in fields:
        return queryset.filter(page_id__in=visible_pks(Page, user))
    if not {"content_type", "object_id"} <= fields:
        return queryset.none()
    about_own = Q(pk__in=[])
    for model in apps.get_models():
        if is_scoped(model) and not issubclass(model, Page):
            keys = visible_pks(model, user).annotate(key=Cast("pk", CharField())).values("key")
            content_type = ContentType.objects.get_for_model(model)
            about_own |= Q(content_type=content_type, object_id__in=keys)
    return queryset.filter(about_own)


class ScopedSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    def get_user_choices(self):
        # Only the people whose entries the editor can see, not every site's editors.
        user = self.request.user
        ids = set()
        for log_model in log_action_registry.get_log_entry_models():
            entries = visible_log_entries(log_model.objects.viewable_by_user(user), user)
            ids.update(entries.get_user_ids())
        User = get_user_model()
        return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


class ScopedLogEntriesView(LogEntriesView):
    filterset_class = ScopedSiteHistoryFilterSet

    def filter_queryset(self, queryset):
        return super().filter_queryset(visible_log_entries(queryset, self.request.user))


class SuperusersPageTypesUsageView(PageTypesUsageReportView):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def superusers_only_reports(request, menu_items):
    """For the construct_reports_menu hook: what is left out of an editor's Reports menu."""
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


REPORTS = "admin/reports"
# Mounted ahead of Wagtail's admin URLs, so they need the decorators Wagtail gives its own:
# a visitor who is not signed in goes to the login page, and nothing is cached.
urlpatterns = [
    path(f"{REPORTS}/site-history/", ScopedLogEntriesView.as_view()),
    path(f"{REPORTS}/site-history/results/", ScopedLogEntriesView.as_view(results_only=True)),
    path(f"{REPORTS}/page-types-usage/", SuperusersPageTypesUsageView.as_view()),
    path(
        f"{REPORTS}/page-types-usage/results/",
        SuperusersPageTypesUsageView.as_view(results_only=True),
    ),
]
urlpatterns = decorate_urlpatterns(urlpatterns, require_admin_access)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
