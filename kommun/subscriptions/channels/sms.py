"""
SMS through an HTTP gateway. The provider interface is one method; the concrete provider
posts a form (from, to, message) with basic authentication, the shape most Nordic gateways
accept. Settings: SMS_GATEWAY_URL, SMS_GATEWAY_USER, SMS_GATEWAY_PASSWORD, SMS_SENDER.
Every SMS, codes and notifications alike, goes through HttpFormGateway.send, which keeps
to the installation's SMS_DAILY_BUDGET and to mobile numbers of SMS_COUNTRIES.
"""

import datetime
import logging
from zoneinfo import ZoneInfo

import requests
from django.conf import settings
from django.db.models import F

from kommun.core.http import OutboundError, SafeSession

from ..models import SmsDay
from ..phones import can_text_e164
from .base import Channel, ChannelUnavailable, DeliveryError

logger = logging.getLogger(__name__)


def spend_from_budget():
    """
    Counts one SMS against today's budget (the installation's local day), or raises a
    DeliveryError that holds the SMS until the next day. Counted before sending: a failed
    send still costs its place, so the budget is never overrun.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    today = datetime.datetime.now(zone).date()
    SmsDay.objects.get_or_create(day=today)
    spent = SmsDay.objects.filter(day=today, sent__lt=settings.SMS_DAILY_BUDGET)
    if spent.update(sent=F("sent") + 1):
        return
    tomorrow = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(), zone)
    logger.warning("The daily SMS budget of %s is spent: SMS wait.", settings.SMS_DAILY_BUDGET)
    raise DeliveryError(
        f"held: the daily SMS budget of {settings.SMS_DAILY_BUDGET} is spent; "
        f"next try {tomorrow:%Y-%m-%d %H:%M}",
        retry_at=tomorrow,
    )


class HttpFormGateway:
    def __init__(self):
        self.session = SafeSession()
        self.session.auth = (settings.SMS_GATEWAY_USER, settings.SMS_GATEWAY_PASSWORD)

    def send(self, number, text):
        if not can_text_e164(number):
            raise DeliveryError(f"{number} is not a mobile number we send SMS to", True)
        spend_from_budget()
        try:
            response = self.session.post(
                settings.SMS_GATEWAY_URL,
                data={"from": settings.SMS_SENDER, "to": number, "message": text},
                timeout=settings.WEBHOOK_TIMEOUT,
            )
        except OutboundError as error:
            raise DeliveryError(f"SMS gateway: {error}") from None
        except requests.RequestException as error:
            raise ChannelUnavailable(
                f"SMS gateway unreachable: {error.__class__.__name__}"
            ) from None
        if response.status_code < 300:
            return
        permanent = response.status_code in (400, 404, 422)  # the gateway refuses the number
        raise DeliveryError(f"SMS gateway: HTTP {response.status_code}", permanent)

    def close(self):
        self.session.close()


class SmsChannel(Channel):
    def open(self):
        if not settings.SMS_GATEWAY_URL:
            raise DeliveryError("no SMS gateway is configured (SMS_GATEWAY_URL)")
        self.gateway = HttpFormGateway()

    def close(self):
        if hasattr(self, "gateway"):
            self.gateway.close()

    def send_one(self, delivery, message):
        self.gateway.send(delivery.subscription.destination, message.sms)

    def send_note(self, subscription, note):
        self.gateway.send(subscription.destination, note.text)
