"""The status page: what is ongoing, planned and recently resolved, and the archive."""

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from .notices import Notice, by_severity
from .services import Service
from .states import State
from .translations import localize


class StatusPage(RoutablePageMixin, Page):
    """
    The status page at /driftinformation/: what is ongoing, planned and recently resolved,
    with a detail page per notice and the archive below it.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["site.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("status page")

    def selected_service(self, request):
        slug = request.GET.get("service")
        if not slug:
            return None
        service = self.services().filter(slug=slug).first()
        if service is None:
            raise Http404(_("There is no such service."))
        return service

    def services(self):
        return Service.objects.filter(site=self.get_site())

    def in_reader_language(self, notices):
        return localize(notices, translation.get_language())

    def live_notices(self, service=None):
        notices = (
            Notice.objects.public(self.get_site())
            .select_related("service", "locale")
            .prefetch_related("updates")
        )
        if service is not None:
            notices = notices.filter(service=service)
        return notices

    @path("")
    def index(self, request):
        now = timezone.now()
        service = self.selected_service(request)
        by_state = {state: [] for state in State}
        notices = self.live_notices(service).current(now).prefetch_related("areas", "streets")
        for notice in self.in_reader_language(notices):
            by_state[notice.state_at(now)].append(notice)
        sections = [
            (State.ONGOING, sorted(by_state[State.ONGOING], key=by_severity)),
            (State.PLANNED, sorted(by_state[State.PLANNED], key=lambda n: n.starts_at)),
            (
                State.RESOLVED,
                sorted(
                    by_state[State.RESOLVED] + by_state[State.CANCELLED],
                    key=lambda n: n.ended_at,
                    reverse=True,
                ),
            ),
        ]
        return self.render(
            request,
            context_overrides={
                "sections": sections,
                "open_notices": by_state[State.ONGOING] + by_state[State.PLANNED],
                "services": self.services(),
                "selected_service": service,
                "now": now,
            },
        )

    @path("arkiv/", name="archive")
    def archive(self, request):
        now = timezone.now()
        service = self.selected_service(request)
        notices = self.live_notices(service).archived(now).order_by("-ended_at")
        page = Paginator(notices, 20).get_page(request.GET.get("page"))
        page.object_list = self.in_reader_language(page.object_list)
        return self.render(
            request,
            template="disruptions/archive.html",
            context_overrides={
                "notices": page,
                "services": self.services(),
                "selected_service": service,
                "now": now,
            },
        )

    @path("<int:pk>/", name="notice")
    def notice(self, request, pk):
        notice = self.live_notices().filter(pk=pk).first()
        if notice is None:
            raise Http404(_("There is no such notice."))
        notice = self.in_reader_language([notice])[0]
        return render(
            request,
            "disruptions/notice_detail.html",
            {"page": self, "notice": notice, "state": notice.state},
        )
