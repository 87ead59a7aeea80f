from pathlib import Path

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from kommun.core.sites import canonical_url, current_site
from kommun.disruptions.models import Notice, Publication, Service
from kommun.disruptions.summary import get_status_summary

from . import cap
from .ical import planned_work_calendar
from .syndication import PrintableAtomFeed, StablyDatedFeed, site_name

CAP_CONTENT_TYPE = "application/cap+xml; charset=utf-8"
EMBED_SCRIPT = Path(__file__).parent / "static" / "feeds" / "embed.js"


def _cap_response(publication, request):
    site = current_site(request)
    base_url = request.build_absolute_uri("/")[:-1]
    alert = cap.build_alert(publication, site, base_url)
    response = HttpResponse(cap.to_bytes(alert), CAP_CONTENT_TYPE)
    response["Last-Modified"] = http_date(publication.sent.timestamp())
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def cap_message(request, publication_id):
    """One CAP message. A message never changes once sent, so it may be cached long."""
    publication = get_object_or_404(
        Publication.objects.select_related("notice__service", "revision"),
        pk=publication_id,
        notice__service__site=current_site(request),
    )
    return _cap_response(publication, request)


@require_GET
@cache_control(public=True, max_age=30)
def cap_for_notice(request, notice_id):
    """The latest CAP message of a notice."""
    publication = (
        Publication.objects.filter(notice_id=notice_id, notice__service__site=current_site(request))
        .select_related("notice__service", "revision")
        .order_by("-sent", "-pk")
        .first()
    )
    if publication is None:
        raise Http404(_("There is no such notice."))
    return _cap_response(publication, request)


class CapAtomFeed(StablyDatedFeed):
    """The latest CAP message of each notice that is current or was just called off."""

    feed_type = PrintableAtomFeed

    def get_object(self, request):
        self.request = request
        self.site = current_site(request)
        return None

    def title(self):
        return _("CAP alerts – %(site)s") % {"site": site_name(self.request)}

    def link(self):
        return get_status_summary(self.site).status_path or "/"

    def subtitle(self):
        return _("Disruption notices as OASIS CAP 1.2 messages.")

    def items(self):
        latest = []
        notices = Notice.objects.originals(self.site).current(timezone.now())
        for notice in notices.prefetch_related("publications"):
            publications = list(notice.publications.all())
            if publications and (notice.live or publications[-1].kind == "Cancel"):
                latest.append(publications[-1])
        return sorted(latest, key=lambda publication: publication.sent, reverse=True)

    def item_title(self, publication):
        return f"{publication.kind}: {publication.notice.headline}"

    def item_description(self, publication):
        return publication.notice.what_happened

    def item_link(self, publication):
        return f"/cap/{publication.pk}.xml"

    def item_guid(self, publication):
        return canonical_url(self.site, self.item_link(publication))

    def item_pubdate(self, publication):
        return publication.sent

    def item_updateddate(self, publication):
        return publication.sent


@require_GET
@cache_control(public=True, max_age=30)
def planned_work_ics(request, service=None):
    site = current_site(request)
    selected = get_object_or_404(Service, site=site, slug=service) if service else None
    name = _("Planned work – %(site)s") % {"site": site_name(request)}
    if selected:
        name = f"{name}: {selected.display_name}"
    calendar = planned_work_calendar(request, site, name, selected)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=3600)
def embed_script(request):
    return HttpResponse(EMBED_SCRIPT.read_bytes(), content_type="text/javascript; charset=utf-8")


@require_GET
@xframe_options_exempt
def embed_banner(request):
    """The banner alone, for other sites to show in an iframe."""
    return render(request, "feeds/embed_banner.html")


@require_GET
def developer_page(request):
    return render(
        request,
        "feeds/developer.html",
        {
            "services": Service.objects.filter(site=current_site(request)),
            "base_url": request.build_absolute_uri("/")[:-1],
        },
    )
