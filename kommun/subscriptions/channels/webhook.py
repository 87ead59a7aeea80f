import hashlib
import hmac
import json
import time

import requests
from django.conf import settings

from kommun.core.http import DestinationRefused, OutboundError, SafeSession

from .base import Channel, DeliveryError

SIGNATURE_HEADER = "Kommun-Signature"
# How old a signature a receiver should accept, in seconds (the docs tell receivers so).
SIGNATURE_TOLERANCE = 5 * 60


def sign(secret, body, timestamp):
    """
    The header value: t=<unix time>,v1=<HMAC-SHA256 of "<t>." + body, hex>. The time is
    signed with the body, so a captured request cannot be replayed later as a fresh one.
    """
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(secret, header, body, tolerance=SIGNATURE_TOLERANCE, now=None):
    """What a receiver does: True for a valid signature made at most tolerance seconds ago."""
    try:
        parts = dict(item.strip().split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split(",v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


class WebhookChannel(Channel):
    """A JSON POST, signed; or a Slack- or Teams-compatible {"text": …} payload."""

    def open(self):
        self.session = SafeSession()

    def close(self):
        self.session.close()

    def payload(self, delivery, message):
        if delivery.subscription.webhook_format in ("slack", "teams"):
            return {"text": f"{message.subject}\n{message.notice_url}"}
        return message.data

    def send_one(self, delivery, message):
        body = json.dumps(self.payload(delivery, message), ensure_ascii=False).encode()
        headers = {
            "Content-Type": "application/json",
            "Idempotency-Key": delivery.message_id.strip("<>"),
        }
        if delivery.subscription.webhook_secret:
            secret = delivery.subscription.webhook_secret
            headers[SIGNATURE_HEADER] = sign(secret, body, int(time.time()))
        try:
            response = self.session.post(
                delivery.subscription.destination,
                data=body,
                headers=headers,
                timeout=settings.WEBHOOK_TIMEOUT,
            )
        except DestinationRefused as error:
            raise DeliveryError(f"refused: {error}", permanent=True) from None
        except OutboundError as error:
            raise DeliveryError(str(error)) from None
        except requests.RequestException as error:
            raise DeliveryError(f"no answer: {error.__class__.__name__}") from None
        if response.status_code < 300:
            return
        # Gone, refused or malformed is for good; overload and server errors pass.
        permanent = 400 <= response.status_code < 500 and response.status_code not in (408, 429)
        raise DeliveryError(f"HTTP {response.status_code}", permanent)
