"""
The site history report (Reports → Site history, and its CSV/XLSX export) with the entries
of the editor's own municipality only: those about its pages, and those about objects the
policy of admin_scope.py lets the editor see. Entries about anything else (users, groups,
settings) are for superusers. Wagtail's report offers no hook for its queryset, so
kommun/urls.py routes the report's addresses here, ahead of Wagtail's admin.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.urls import path
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page

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


urlpatterns = [
    path("admin/reports/site-history/", ScopedLogEntriesView.as_view()),
    path("admin/reports/site-history/results/", ScopedLogEntriesView.as_view(results_only=True)),
]
