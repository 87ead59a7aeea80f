"""
Editors work on their own municipality only. Three pieces keep it so in the admin:
- SITE_FIELDS says how each model reaches its site;
- SiteScopeMiddleware answers 404 for any admin view of another site's object, whatever
  the view (edit, delete, history, preview, translate…);
- SiteScopedForm narrows choices to the editor's site and sets the site of new objects;
  site_scoped_queryset narrows the listings.
Superusers look after the whole installation and see everything.
"""

from django.apps import apps
from django.http import Http404
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminModelForm

from .sites import default_site_id, user_site

# model label -> the lookup from that model to its Site
SITE_FIELDS = {
    "disruptions.notice": "service__site",
    "disruptions.service": "site",
    "areas.area": "site",
    "areas.address": "site",
    "alerts.subscription": "site",
    "alerts.delivery": "subscription__site",
    "api.tokenscope": "site",
}


class SiteScopedViewSetMixin:
    """For a ModelViewSet or SnippetViewSet: the listing shows the editor's site only."""

    def get_queryset(self, request):
        return site_scoped_queryset(self.model._default_manager.all(), request.user)

    @cached_property
    def index_view_class(self):
        base = super().index_view_class

        class ScopedIndexView(base):
            def get_base_queryset(self):
                return site_scoped_queryset(super().get_base_queryset(), self.request.user)

        return ScopedIndexView


def site_field(model):
    return SITE_FIELDS.get(model._meta.label_lower)


def site_scoped_queryset(queryset, user):
    field = site_field(queryset.model)
    site = user_site(user)
    if field is None or user.is_superuser:
        return queryset
    if site is None:
        return queryset.none()
    return queryset.filter(**{field: site})


class SiteScopeMiddleware:
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
        if model is None or pk is None or site_field(model) is None:
            return None
        from django.contrib.admin.utils import unquote

        visible = site_scoped_queryset(model._default_manager.all(), request.user)
        if not visible.filter(pk=unquote(str(pk))).exists():
            raise Http404("No such object on your municipality's site.")
        return None


def _model_of(view_func, view_kwargs):
    # Wagtail's viewsets pass the model to as_view(); plain views carry it on the class.
    model = getattr(view_func, "view_initkwargs", {}).get("model")
    model = model or getattr(getattr(view_func, "view_class", None), "model", None)
    if model is None and "app_label" in view_kwargs and "model_name" in view_kwargs:
        try:
            model = apps.get_model(view_kwargs["app_label"], view_kwargs["model_name"])
        except LookupError:
            return None
    return model


class SiteScopedForm(WagtailAdminModelForm):
    """Choices limited to the editor's site; a new object belongs to the editor's site."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        site = user_site(user) if user is not None else None
        if site is None:
            if "site" in self.fields:
                # A superuser's new object belongs to the default site unless another is chosen.
                self.fields["site"].required = False
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and site_field(queryset.model):
                field.queryset = site_scoped_queryset(queryset, user)
        if "site" in self.fields:
            del self.fields["site"]
            if not self.instance.site_id:
                self.instance.site = site

    def clean_site(self):
        from wagtail.models import Site

        return self.cleaned_data.get("site") or Site.objects.filter(pk=default_site_id()).first()
