"""Planned work as iCalendar (RFC 5545), so residents and apps can put it in a calendar."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone, translation
from icalendar import Calendar, Event

from kommun.core.text import printable
from kommun.disruptions.localize import localize
from kommun.disruptions.models import RESOLVED_VISIBLE_FOR, Notice
from kommun.disruptions.summary import notice_path

# Planned work with no expected end is shown as this long.
DEFAULT_DURATION = timedelta(hours=1)


def planned_work_calendar(request, site, name, service=None):
    now = timezone.now()
    # Cancelled work stays until a week after it would have started, marked CANCELLED.
    notices = (
        Notice.objects.public(site)
        .filter(kind=Notice.Kind.PLANNED)
        .filter(
            Q(ended_at__isnull=True)
            | Q(ended_at__gt=now - RESOLVED_VISIBLE_FOR)
            | Q(starts_at__gt=now - RESOLVED_VISIBLE_FOR)
        )
        .select_related("service", "locale")
        .prefetch_related("publications", "updates")
        .order_by("starts_at")
    )
    if service is not None:
        notices = notices.filter(service=service)
    language = translation.get_language()

    calendar = Calendar()
    calendar.add("prodid", f"-//Kommun//Driftinformation//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", printable(name))
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    for notice in localize(notices, language):
        calendar.add_component(_event(request, site, notice))
    calendar.add_missing_timezones()
    return calendar


def _event(request, site, notice):
    zone = timezone.get_current_timezone()
    starts = notice.starts_at.astimezone(zone)
    ended = None if notice.cancelled_at else notice.ended_at
    ends = ended or notice.expected_end_at or notice.starts_at + DEFAULT_DURATION
    ends = max(ends, notice.starts_at + timedelta(minutes=1)).astimezone(zone)
    url = request.build_absolute_uri(notice_path(notice))

    event = Event()
    # The municipality's own host name, not the one asked: a UID must never change.
    event.add("uid", f"notice-{notice.pk}@{site.hostname}")
    # Every publication is a change calendar clients must pick up.
    event.add("sequence", max(len(notice.publications.all()) - 1, 0))
    event.add("dtstamp", notice.last_published_at or timezone.now())
    event.add("last-modified", notice.last_published_at or timezone.now())
    if notice.first_published_at:
        event.add("created", notice.first_published_at)
    event.add("dtstart", starts)
    event.add("dtend", ends)
    # RFC 5545 TEXT allows no control characters but tab; an old row may still hold one.
    headline = printable(notice.headline)
    event.add("summary", headline, parameters={"LANGUAGE": notice.content_language})
    description = "\n\n".join(filter(None, [notice.what_happened, notice.what_to_do]))
    event.add("description", printable(description))
    event.add("location", printable(notice.affected_area))
    event.add("url", url)
    event.add("categories", [printable(notice.service.display_name)])
    event.add("status", "CANCELLED" if notice.cancelled_at else "CONFIRMED")
    return event
