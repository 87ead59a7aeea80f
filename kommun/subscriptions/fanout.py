"""
Who is told about a notice change: one Delivery row per matching subscription, written in
the transaction that publishes the change.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from kommun.areas.geometry import from_geojson
from kommun.core.sites import municipality
from kommun.disruptions.affected import affected_addresses_of, notice_geometry
from kommun.disruptions.models import Notice, Publication

from .models import Delivery, Subscription

BATCH = 2000
# A change to any of these is worth a message even if the editor did not ask for one.
SIGNIFICANT_FIELDS = ("starts_at", "expected_end_at", "ended_at", "severity", "cancelled_at")


def message_kind(publication, notice, previous):
    """What the change means to a subscriber, or None when it is not worth a message."""
    if publication.kind == Publication.Kind.ALERT:
        return Delivery.Kind.NEW
    if publication.kind == Publication.Kind.CANCEL:
        return Delivery.Kind.CANCELLED
    just_ended = notice.ended_at and notice.ended_at <= publication.sent + timedelta(seconds=1)
    if just_ended and (previous is None or not previous.ended_at):
        return Delivery.Kind.RESOLVED
    if notice.notify_subscribers:
        return Delivery.Kind.UPDATE
    if previous is not None and any(
        getattr(notice, name) != getattr(previous, name) for name in SIGNIFICANT_FIELDS
    ):
        return Delivery.Kind.UPDATE
    return None


def queue_for_publication(publication):
    # As stored: an in-memory revision holds times more precisely than the stored one it is
    # compared with, which would make every change look like a change of times.
    publication = Publication.objects.select_related("revision").get(pk=publication.pk)
    notice = publication.published_notice()
    earlier = publication.earlier().order_by("-sent", "-pk").first()
    previous = earlier.published_notice() if earlier else None
    kind = message_kind(publication, notice, previous)
    if kind is None:
        return 0
    return queue(notice, kind, publication=publication)


def queue(notice, kind, publication=None, now=None):
    now = now or timezone.now()
    if notice.severity == Notice.Severity.CRITICAL:
        send_at = now
    else:
        # The subscribers live where the notice's municipality is: its night is theirs.
        send_at = after_quiet_hours(now, municipality(notice.service.site).zone)
    rows = [
        Delivery(
            subscription_id=pk,
            notice_id=notice.pk,
            publication=publication,
            kind=kind,
            next_attempt_at=send_at,
        )
        for pk in matching_subscriptions(notice)
    ]
    Delivery.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    return len(rows)


def matching_subscriptions(notice):
    """Ids of the active subscriptions that follow this notice's service, kind and place."""
    chosen_services = Subscription.services.through.objects.filter(subscription_id=OuterRef("pk"))
    candidates = Subscription.objects.filter(
        site_id=notice.service.site_id, confirmed_at__isnull=False, disabled_at__isnull=True
    ).filter(
        Q(~Exists(chosen_services))
        | Q(Exists(chosen_services.filter(service_id=notice.service_id)))
    )
    if notice.kind == Notice.Kind.PLANNED:
        candidates = candidates.filter(include_planned=True)

    geometry = notice_geometry(notice)
    has_place = geometry is not None or bool(notice.streets.all())
    places = Subscription.addresses.through.objects.filter(subscription_id=OuterRef("pk"))
    areas = Subscription.areas.through.objects.filter(subscription_id=OuterRef("pk"))
    everywhere = candidates.filter(~Exists(places), ~Exists(areas)).values_list("pk", flat=True)
    matched = set(everywhere)
    located = candidates.filter(Q(Exists(places)) | Q(Exists(areas)))
    if not has_place:
        # A notice with no place (an e-service down) concerns everyone who follows the service.
        return matched | set(located.values_list("pk", flat=True))

    affected = {pk for pk, _street, _number in affected_addresses_of(notice)}
    matched |= _by_address(located, affected)
    matched |= _by_area(located, notice, geometry)
    return matched


def _by_address(located, affected):
    links = Subscription.addresses.through.objects.filter(subscription__in=located).values_list(
        "subscription_id", "address_id"
    )
    return {subscription for subscription, address in links.iterator() if address in affected}


def _by_area(located, notice, geometry):
    notice_areas = {area.pk for area in notice.areas.all()}
    found = set()
    links = Subscription.areas.through.objects.filter(subscription__in=located).select_related(
        "area"
    )
    for link in links:
        if link.area_id in notice_areas or (
            geometry is not None and from_geojson(link.area.geometry).intersects(geometry)
        ):
            found.add(link.subscription_id)
    return found


def after_quiet_hours(moment, zone):
    """
    moment itself, or the end of the quiet hours if moment falls within them; the hours
    are those of the clock in zone, the time zone of the subscribers' municipality.
    """
    start_text, end_text = settings.QUIET_HOURS.split("-")
    start, end = time.fromisoformat(start_text), time.fromisoformat(end_text)
    local = moment.astimezone(zone)
    clock = local.time()
    quiet = (start <= clock or clock < end) if start > end else (start <= clock < end)
    if not quiet:
        return moment
    day = local.date() if clock < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=zone)


def queue_reminders(site, now=None):
    """
    Reminders for the municipality's planned work starting within REMINDER_LEAD_HOURS,
    once per subscriber.
    """
    now = now or timezone.now()
    lead = timedelta(hours=settings.REMINDER_LEAD_HOURS)
    upcoming = (
        Notice.objects.all_originals()
        .filter(live=True, kind=Notice.Kind.PLANNED)
        .filter(service__site=site)
        .planned(now)
        .filter(starts_at__lte=now + lead)
        .select_related("service")
    )
    return sum(queue(notice, Delivery.Kind.REMINDER, now=now) for notice in upcoming)


def delete_unconfirmed(now=None):
    """Requests nobody confirmed within 48 hours are not kept."""
    now = now or timezone.now()
    stale = Subscription.objects.filter(confirmed_at=None, created_at__lt=now - timedelta(hours=48))
    _total, deleted = stale.delete()
    return deleted.get(Subscription._meta.label, 0)
