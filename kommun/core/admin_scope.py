"""
Editors work on their own municipality only. One policy decides what an editor may see
and act on: site_scoped_queryset(queryset, user) narrows any admin queryset to the editor's
municipality. It knows three kinds of things:
- rows that name their site (SITE_FIELDS says how each model reaches it);
- pages, which belong to the site whose home page (in any language) they lie under;
- images and documents, which belong to the collections the editor's groups have
  permissions on (each municipality has its own collection, site_structure.py).
Everything else in the admin narrows its querysets through it: the listings and their
filters, the choosers, the bulk actions and the history report (wagtail_hooks.py,
admin_reports.py). SiteScopeMiddleware is a backstop that answers 404 for any admin view
of another site's object named in the URL. Superusers look after the whole installation
and see everything.
"""

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import CollectionMember, Page
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from .sites import user_site

# model label -> the lookup from that model to its Site
SITE_FIELDS = {
    "disruptions.notice": "service__site",
    "disruptions.service": "site",
    "areas.area": "site",
    "areas.address": "site",
    "alerts.subscription": "site",
    "alerts.delivery": "subscription__site",
    "api.tokenscope": "site",
    "accessibility.problemreport": "site",
    "wagtailcore.site": "pk",
}
# Any permission on a collection makes its images and documents the editor's.
COLLECTION_ACTIONS = ["add", "change", "delete", "choose"]


def site_field(model):
    return SITE_FIELDS.get(model._meta.label_lower)


def is_scoped(model):
    """Whether the policy knows which municipality this model's objects belong to."""
    return bool(site_field(model)) or issubclass(model, (Page, CollectionMember))


def site_scoped_queryset(queryset, user):
    """The part of the queryset the user may see and act on in the admin."""
    model = queryset.model
    if user.is_superuser or not is_scoped(model):
        return queryset
    if issubclass(model, CollectionMember):
        policy = policy_registry.get_by_type(model)
        collections = policy.collections_user_has_any_permission_for(user, COLLECTION_ACTIONS)
        return queryset.filter(collection__in=collections)
    site = user_site(user)
    if site is None:
        return queryset.none()
    if issubclass(model, Page):
        return queryset.filter(site_pages_q(site))
    first, _, rest = site_field(model).partition("__")
    if not rest:
        return queryset.filter(**{first: site.pk})
    # Through a subquery on the relation rather than a join: the search backend can filter
    # on the relation itself (a notice's service), not on fields across it.
    related = model._meta.get_field(first).related_model
    return queryset.filter(**{f"{first}__in": related._default_manager.filter(**{rest: site})})


def site_pages_q(site):
    """Pages under the site's home page or one of its translations."""
    roots = Page.objects.filter(translation_key=site.root_page.translation_key)
    query = Q(pk__in=[])
    for path in roots.values_list("path", flat=True):
        query |= Q(path__startswith=path)
    return query


def visible_pks(model, user):
    return site_scoped_queryset(model._default_manager.all(), user).values("pk")


class ScopedObjectListMixin:
    def get_object_list(self):
        return site_scoped_queryset(super().get_object_list(), self.request.user)


class ScopedChooseView(ScopedObjectListMixin, ChooseView):
    pass


class ScopedChooseResultsView(ScopedObjectListMixin, ChooseResultsView):
    pass


class ScopedChosenView(SnippetChosenView):
    def get_object(self, pk):
        objects = site_scoped_queryset(self.model_class._default_manager.all(), self.request.user)
        return objects.get(pk=pk)


class ScopedChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return site_scoped_queryset(super().get_objects(pks), self.request.user)


class SiteScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


class SiteScopedViewSetMixin:
    """
    For a ModelViewSet or SnippetViewSet: the listing, its filters and the chooser show the
    editor's site only.
    """

    def get_queryset(self, request):
        return site_scoped_queryset(self.model._default_manager.all(), request.user)

    chooser_viewset_class = SiteScopedChooserViewSet

    @cached_property
    def index_view_class(self):
        return scoped_index_view(super().index_view_class)


def scoped_index_view(base):
    class ScopedIndexView(base):
        def get_base_queryset(self):
            return site_scoped_queryset(super().get_base_queryset(), self.request.user)

        @cached_property
        def filters(self):
            # A filter on a service, a notice… offers the editor's own only, and refuses others.
            filterset = super().filters
            if filterset is not None:
                for field in filterset.form.fields.values():
                    if getattr(field, "queryset", None) is not None:
                        field.queryset = site_scoped_queryset(field.queryset, self.request.user)
            return filterset

    return ScopedIndexView


class SiteScopeMiddleware:
    """The backstop: an object named in an admin URL must be one the policy lets the editor see."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith("/admin/") or not request.user.is_authenticated:
            return None
        if request.user.is_superuser:
            return None
        model = _model_of(view_func, view_kwargs)
        pk = view_kwargs.get("pk") or view_kwargs.get("object_id")
        if model is None or pk is None or not is_scoped(model) or issubclass(model, Page):
            # Page views check Wagtail's page permissions, which cover the editor's tree only.
            return None
        if not visible_pks(model, request.user).filter(pk=unquote(str(pk))).exists():
            raise Http404("No such object on your municipality's site.")
        return None


def _model_of(view_func, view_kwargs):
    # Wagtail's viewsets pass the model to as_view() (a class or an "app.Model" label);
    # plain views carry it on the class.
    model = getattr(view_func, "view_initkwargs", {}).get("model")
    model = model or getattr(getattr(view_func, "view_class", None), "model", None)
    if model is None and "app_label" in view_kwargs and "model_name" in view_kwargs:
        model = f"{view_kwargs['app_label']}.{view_kwargs['model_name']}"
    if isinstance(model, str):
        try:
            model = apps.get_model(model)
        except (LookupError, ValueError):
            return None
    return model if isinstance(model, type) else None


class SiteScopedForm(WagtailAdminModelForm):
    """Choices limited to the editor's site; a new object belongs to the editor's site."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        site = user_site(user) if user is not None else None
        if site is None:
            if "site" in self.fields:
                # A superuser looks after every municipality, so none is assumed for them.
                self.fields["site"].required = True
                self.fields["site"].error_messages["required"] = _(
                    "Choose the municipality this belongs to."
                )
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None:
                field.queryset = site_scoped_queryset(queryset, user)
        if "site" in self.fields:
            del self.fields["site"]
            if not self.instance.site_id:
                self.instance.site = site
