"""The read-only API: open to everyone, cacheable, answering conditional requests."""

from datetime import date, datetime, time

from django.db.models import Max, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.http import http_date
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError, ValidationError
from ninja.pagination import PageNumberPagination, paginate

from kommun.areas.lookup import find, suggest
from kommun.core.sites import current_site
from kommun.disruptions.affected import notices_affecting_address, notices_affecting_point
from kommun.disruptions.localize import localize
from kommun.disruptions.models import Notice, Service, State
from kommun.disruptions.summary import get_status_summary
from kommun.news.models import ArticlePage

from .schemas import (
    AddressOut,
    ArticleOut,
    ErrorOut,
    LookupOut,
    NoticeDetailOut,
    NoticeOut,
    ServiceOut,
    StatusOut,
    ValidationErrorOut,
)

router = Router(tags=["Public"])

PAGE_SIZE = 20


class Pages(PageNumberPagination):
    """Page numbers within reason: a huge one is a 422, not a database overflow."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int | None = Field(None, ge=1, le=100)

    def paginate_queryset(self, queryset, pagination, **params):
        result = super().paginate_queryset(queryset, pagination, **params)
        if queryset.model is Notice:
            # Only the page's notices are translated: one query, not one per notice.
            result["items"] = localize(result["items"], translation.get_language())
        return result


def cacheable(response, max_age, last_modified=None):
    response["Cache-Control"] = f"public, max-age={max_age}"
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())


def field_error(location, message, kind="value_error"):
    return ValidationError([{"loc": location, "msg": message, "type": kind}])


@router.get("/status", response=StatusOut, summary="What the banner says, with counts by state")
def status(request, response: HttpResponse):
    summary = get_status_summary(current_site(request))
    cacheable(response, 30, summary.changed_at or summary.computed_at)
    most_severe = summary.most_severe
    return {
        "banner": summary.banner_text,
        "ongoing": summary.counts[State.ONGOING],
        "planned": summary.counts[State.PLANNED],
        "planned_within_24_hours": len(summary.planned_soon),
        "recently_resolved": summary.counts[State.RESOLVED] + summary.counts[State.CANCELLED],
        "most_severe": most_severe
        and {
            "id": most_severe.pk,
            "headline": most_severe.headline,
            "service": most_severe.service,
            "severity": most_severe.severity,
            "language": most_severe.language,
            "url": request.build_absolute_uri(most_severe.path),
        },
        "changed_at": summary.changed_at,
        "generated_at": summary.computed_at,
    }


class NoticeFilters(Schema):
    state: State | None = None
    service: str | None = None
    kind: Notice.Kind | None = None
    since: date | None = Field(None, description="In effect on or after this day")
    until: date | None = Field(None, description="In effect on or before this day")


def _local_moment(day, end_of_day=False):
    return timezone.make_aware(datetime.combine(day, time.max if end_of_day else time.min))


def filter_notices(site, filters):
    now = timezone.now()
    notices = (
        Notice.objects.public(site)
        .select_related("service", "locale")
        .prefetch_related("updates")
        .order_by("-starts_at", "-pk")
    )
    if filters.service:
        if not Service.objects.filter(site=site, slug=filters.service).exists():
            raise field_error(["query", "service"], f"No service is called {filters.service!r}")
        notices = notices.filter(service__slug=filters.service)
    if filters.kind:
        notices = notices.filter(kind=filters.kind)
    if filters.state == State.ONGOING:
        notices = notices.ongoing(now)
    elif filters.state == State.PLANNED:
        notices = notices.planned(now)
    elif filters.state == State.RESOLVED:
        notices = notices.resolved(now).filter(cancelled_at__isnull=True)
    elif filters.state == State.CANCELLED:
        notices = notices.resolved(now).filter(cancelled_at__isnull=False)
    # since/until select the notices in effect at some time in that period.
    if filters.since:
        since = _local_moment(filters.since)
        notices = notices.filter(Q(ended_at__isnull=True) | Q(ended_at__gte=since))
    if filters.until:
        until = _local_moment(filters.until, end_of_day=True)
        notices = notices.filter(starts_at__lte=until)
    return notices


@router.get(
    "/notices",
    response={200: list[NoticeOut], 422: ValidationErrorOut},
    summary="Published notices, newest start first",
)
@paginate(Pages, page_size=PAGE_SIZE)
def notices(request, response: HttpResponse, filters: Query[NoticeFilters]):
    site = current_site(request)
    result = filter_notices(site, filters)
    # An empty list last changed when any notice last did.
    changed = (
        _last_published(result)
        or Notice.objects.filter(service__site=site).aggregate(last=Max("updated_at"))["last"]
    )
    cacheable(response, 30, changed)
    return result


@router.get(
    "/notices/{notice_id}",
    response={200: NoticeDetailOut, 404: ErrorOut, 422: ValidationErrorOut},
    summary="One notice with its full timeline",
)
def notice(request, response: HttpResponse, notice_id: int):
    item = get_object_or_404(
        Notice.objects.public(current_site(request))
        .select_related("service", "locale")
        .prefetch_related("updates"),
        pk=notice_id,
    )
    cacheable(response, 30, item.last_published_at)
    return localize([item], translation.get_language())[0]


@router.get("/services", response=list[ServiceOut], summary="The services notices belong to")
def services(request, response: HttpResponse):
    services = Service.objects.filter(site=current_site(request))
    cacheable(response, 300, services.aggregate(last=Max("updated_at"))["last"])
    return services


@router.get(
    "/news",
    response={200: list[ArticleOut], 422: ValidationErrorOut},
    summary="Published news, newest first",
)
@paginate(Pages, page_size=PAGE_SIZE)
def news(request, response: HttpResponse):
    articles = ArticlePage.objects.for_reader(current_site(request).root_page)
    changed = (
        _last_published(articles)
        or ArticlePage.objects.aggregate(last=Max("latest_revision_created_at"))["last"]
    )
    cacheable(response, 60, changed)
    return articles


def _last_published(queryset):
    latest = queryset.order_by("-last_published_at").values_list("last_published_at", flat=True)
    return latest.first()


@router.get(
    "/addresses",
    response={200: list[AddressOut], 422: ValidationErrorOut},
    summary="Addresses in the register starting with what was typed, for autocomplete",
)
def addresses(request, response: HttpResponse, q: str = Query(..., min_length=2, max_length=200)):
    cacheable(response, 300)
    return suggest(current_site(request), q)


@router.get(
    "/lookup",
    response={200: LookupOut, 404: ErrorOut, 422: ValidationErrorOut},
    summary="What affects an address (by text) or a place (by latitude and longitude)",
)
def lookup(
    request,
    response: HttpResponse,
    address: str | None = Query(None, max_length=200),
    lat: float | None = Query(None, ge=-90, le=90),
    lon: float | None = Query(None, ge=-180, le=180),
):
    now = timezone.now()
    response["Cache-Control"] = "public, max-age=30"
    if address and (lat is None and lon is None):
        site = current_site(request)
        matches = find(site, address)
        if not matches:
            raise HttpError(404, f"No address in the register matches {address!r}")
        if len(matches) > 1:
            raise field_error(
                ["query", "address"],
                "Several addresses match; add the locality after a comma: "
                + "; ".join(match.label for match in matches),
            )
        found = matches[0]
        return {
            "address": found,
            "notices": notices_affecting_address(found, now),
            "checked_at": now,
        }
    if lat is not None and lon is not None and not address:
        return {
            "address": None,
            "notices": notices_affecting_point(current_site(request), lon, lat, now),
            "checked_at": now,
        }
    raise field_error(["query"], "Give either address, or both lat and lon")
