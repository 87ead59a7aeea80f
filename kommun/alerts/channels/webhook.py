import hashlib
import hmac
import json

import requests
from django.conf import settings

from kommun.core.http import DestinationRefused, OutboundError, SafeSession

from .base import Channel, DeliveryError

SIGNATURE_HEADER = "X-Kommun-Signature"


def sign(secret, body):
    """The header value: the body's HMAC-SHA256 under the subscription's secret."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


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
            headers[SIGNATURE_HEADER] = sign(delivery.subscription.webhook_secret, body)
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
