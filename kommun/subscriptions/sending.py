"""
Workers claim queued deliveries, send them and record the outcome on each row.

A claim is a lease: the worker's id and a time until which the row is its own. A worker
that dies leaves its rows leased; when the lease runs out another worker takes them. So a
crash loses nothing, and duplicates are bounded by the batch that was in flight.
"""

import logging
import random
import time
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .channels import CHANNELS
from .channels.base import ChannelUnavailable, DeliveryError
from .messages import Renderer
from .models import Delivery, Subscription

logger = logging.getLogger(__name__)


def claim(worker, batch=None, now=None):
    now = now or timezone.now()
    batch = batch or settings.NOTIFY_BATCH
    with transaction.atomic():
        due = (
            Delivery.objects.filter(status=Delivery.Status.QUEUED, next_attempt_at__lte=now)
            .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
            .order_by("next_attempt_at", "pk")
        )
        if connection.features.has_select_for_update_skip_locked:
            # PostgreSQL: workers skip each other's rows instead of waiting for them.
            due = due.select_for_update(skip_locked=True)
        # SQLite: the transaction takes the write lock when it begins (IMMEDIATE), so
        # claims are one at a time.
        ids = list(due.values_list("pk", flat=True)[:batch])
        Delivery.objects.filter(pk__in=ids).update(
            claimed_by=worker, lease_until=now + timedelta(seconds=settings.NOTIFY_LEASE_SECONDS)
        )
    return list(
        Delivery.objects.filter(pk__in=ids, claimed_by=worker).select_related(
            "subscription", "notice__service"
        )
    )


def send_due(worker, batch=None):
    """
    Claims one batch and sends it. Returns how many were claimed. Raises
    ChannelUnavailable, after sending the other channels' share, when a channel's server
    cannot be reached: its deliveries are back in the queue, and the caller backs off.
    """
    deliveries = claim(worker, batch)
    by_channel = defaultdict(list)
    for delivery in deliveries:
        by_channel[delivery.subscription.channel].append(delivery)
    unavailable = None
    for channel_name, group in by_channel.items():
        try:
            _send_group(worker, channel_name, CHANNELS[channel_name](), group)
        except ChannelUnavailable as error:
            unavailable = unavailable or error
    if unavailable:
        raise unavailable
    return len(deliveries)


def _wait_for_rate(channel_name):
    """
    Keeps a channel within its provider's limit (NOTIFY_RATES, messages per second) across
    all workers, counting each second's sends in the shared cache.
    """
    limit = settings.NOTIFY_RATES.get(channel_name)
    if not limit:
        return
    while True:
        second = int(time.time())
        key = f"alerts:rate:{channel_name}:{second}"
        cache.add(key, 0, timeout=5)
        try:
            if cache.incr(key) <= limit:
                return
        except ValueError:
            continue
        time.sleep(max(0.0, second + 1 - time.time()))


def _send_group(worker, channel_name, channel, deliveries):
    try:
        channel.open()
    except ChannelUnavailable:
        release(worker, deliveries)
        raise
    except DeliveryError as error:
        for delivery in deliveries:
            failed(worker, delivery, error)
        return
    renderer = Renderer()
    delivered = []
    done = 0
    try:
        for delivery in deliveries:
            if not delivery.subscription.active:
                _settle(worker, delivery, status=Delivery.Status.FAILED, last_error="unsubscribed")
            else:
                _wait_for_rate(channel_name)
                try:
                    channel.send_one(delivery, renderer.render(delivery))
                except ChannelUnavailable:
                    raise
                except DeliveryError as error:
                    failed(worker, delivery, error)
                else:
                    delivered.append(delivery.pk)
            done += 1
    except BaseException:
        # The server went away, or the worker is stopping: what was not sent goes back
        # to the queue as it was, for the next round rather than after the lease.
        release(worker, deliveries[done:])
        raise
    finally:
        channel.close()
        # One write for the batch. Should the worker die before it, these are sent again
        # when the lease runs out: duplicates bounded by one batch, never a loss.
        sent(worker, delivered)


def release(worker, deliveries):
    """Puts claimed deliveries back in the queue without counting an attempt."""
    Delivery.objects.filter(pk__in=[d.pk for d in deliveries], claimed_by=worker).update(
        lease_until=None
    )


def _settle(worker, delivery, **fields):
    # Only the holder of the claim may settle a row: a worker whose lease ran out must
    # not overwrite what the worker that took over recorded.
    Delivery.objects.filter(pk=delivery.pk, claimed_by=worker).update(
        lease_until=None, attempts=F("attempts") + 1, **fields
    )


def sent(worker, ids):
    Delivery.objects.filter(pk__in=ids, claimed_by=worker).update(
        status=Delivery.Status.SENT,
        sent_at=timezone.now(),
        last_error="",
        lease_until=None,
        attempts=F("attempts") + 1,
    )


def failed(worker, delivery, error):
    attempts = delivery.attempts + 1
    if error.permanent:
        _settle(worker, delivery, status=Delivery.Status.FAILED, last_error=str(error))
        Subscription.objects.filter(pk=delivery.subscription_id).update(
            disabled_at=timezone.now(), disabled_reason=str(error)
        )
        logger.warning("Delivery %s failed for good: %s", delivery.pk, error)
    elif attempts >= settings.NOTIFY_MAX_ATTEMPTS:
        _settle(
            worker,
            delivery,
            status=Delivery.Status.FAILED,
            last_error=f"gave up after {attempts} attempts: {error}",
        )
    else:
        _settle(
            worker,
            delivery,
            next_attempt_at=error.retry_at or timezone.now() + retry_delay(attempts),
            last_error=str(error),
        )


def retry_delay(attempts):
    """Exponential backoff with jitter, so that retries of a batch spread out."""
    seconds = settings.NOTIFY_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
    return timedelta(seconds=seconds * random.uniform(0.5, 1.5))
