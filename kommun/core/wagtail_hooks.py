"""
Where Wagtail's own admin views meet the one policy of admin_scope.py: the page explorer
and chooser and the bulk actions show and act on the editor's municipality only (the
reports: admin_reports.py); and the two-factor sign-in pages.
"""

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_list_or_404
from django.urls import path, reverse
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.models import Page, PageLogEntry, Site
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import get_snippet_models

from . import two_factor
from .admin_reports import superusers_only_reports
from .admin_scope import is_scoped, site_field, site_scoped_queryset, visible_pks


def _narrow_page_listing_filters():
    """
    The page listings' filters offer every site, and every page's owner and editor, and no
    hook reaches them: their choices are narrowed here, once, to the editor's own.
    """

    def sites(request):
        return site_scoped_queryset(Site.objects.all(), request.user)

    def owners(request):
        pages = site_scoped_queryset(Page.objects.all(), request.user)
        return get_user_model().objects.filter(pk__in=pages.values("owner_id"))

    def editors(request):
        pages = site_scoped_queryset(Page.objects.all(), request.user)
        edits = PageLogEntry.objects.filter(action="wagtail.edit", page_id__in=pages.values("pk"))
        return get_user_model().objects.filter(pk__in=edits.values("user_id"))

    filters = PageFilterSet.declared_filters
    filters["site"].queryset = sites
    filters["owner"].queryset = owners
    filters["edited_by"].queryset = editors


_narrow_page_listing_filters()


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_own_pages(parent_page, pages, request):
    return site_scoped_queryset(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def chooser_offers_own_pages(pages, request):
    return site_scoped_queryset(pages, request.user)


class ScopedSnippetDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete, looking the objects up among the editor's own only."""

    @classproperty
    def models(cls):
        return [model for model in get_snippet_models() if site_field(model)]

    def get_queryset(self, model, object_ids):
        objects = site_scoped_queryset(model._default_manager.all(), self.request.user)
        return get_list_or_404(objects, pk__in=object_ids)

    def get_all_objects_in_listing_query(self, parent_id):
        objects = site_scoped_queryset(self.model._default_manager.all(), self.request.user)
        return objects.values_list("pk", flat=True)


# After Wagtail's own registration, so that this one takes its place for these models.
hooks.register("register_bulk_action", ScopedSnippetDeleteBulkAction, order=1)


@hooks.register("before_bulk_action")
def bulk_actions_stay_on_own_site(request, action_type, objects, action):
    """The backstop for every bulk action (pages, images, users…): nothing of another site."""
    by_model = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj.pk)
    for model, pks in by_model.items():
        if not is_scoped(model):
            continue
        visible = visible_pks(model, request.user).filter(pk__in=pks)
        if visible.count() != len(set(pks)):
            raise Http404("No such object on your municipality's site.")


hooks.register("construct_reports_menu", superusers_only_reports)


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
