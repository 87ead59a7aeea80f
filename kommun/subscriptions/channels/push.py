"""Web push (RFC 8030 with VAPID, RFC 8292) through pywebpush."""

import json

import requests
from django.conf import settings

from kommun.core.http import DestinationRefused, OutboundError, SafeSession

from .base import Channel, DeliveryError


class PushChannel(Channel):
    def open(self):
        if not settings.VAPID_PRIVATE_KEY:
            raise DeliveryError("no VAPID key is configured (manage.py vapid_keys)")
        self.session = SafeSession(allowed_hosts=settings.PUSH_SERVICE_HOSTS)

    def close(self):
        if hasattr(self, "session"):
            self.session.close()

    def send_one(self, delivery, message):
        # Imported here: pywebpush brings in cryptography (about 18 MB per process), and
        # only delivery workers send, never the web processes that import this module.
        from pywebpush import WebPushException, webpush

        payload = json.dumps(
            {"title": message.subject, "body": message.sms, "url": message.notice_url},
            ensure_ascii=False,
        )
        try:
            webpush(
                subscription_info=json.loads(delivery.subscription.destination),
                data=payload,
                vapid_private_key=settings.VAPID_PRIVATE_KEY,
                vapid_claims={"sub": settings.VAPID_SUBJECT},
                timeout=settings.WEBHOOK_TIMEOUT,
                ttl=24 * 60 * 60,
                requests_session=self.session,
            )
        except WebPushException as error:
            status = error.response.status_code if error.response is not None else None
            # 404 and 410: the browser's subscription is gone for good.
            raise DeliveryError(f"push service: {status or error}", status in (404, 410)) from None
        except DestinationRefused as error:
            raise DeliveryError(f"push endpoint refused: {error}", permanent=True) from None
        except OutboundError as error:
            raise DeliveryError(f"push service: {error}") from None
        except (requests.RequestException, ValueError) as error:
            raise DeliveryError(f"push service unreachable: {error.__class__.__name__}") from None
