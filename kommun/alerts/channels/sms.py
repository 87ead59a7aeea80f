"""
SMS through an HTTP gateway. The provider interface is one method; the concrete provider
posts a form (from, to, message) with basic authentication, the shape most Nordic gateways
accept. Settings: SMS_GATEWAY_URL, SMS_GATEWAY_USER, SMS_GATEWAY_PASSWORD, SMS_SENDER.
"""

import requests
from django.conf import settings

from .base import Channel, ChannelUnavailable, DeliveryError


class HttpFormGateway:
    def __init__(self):
        self.session = requests.Session()
        self.session.auth = (settings.SMS_GATEWAY_USER, settings.SMS_GATEWAY_PASSWORD)

    def send(self, number, text):
        try:
            response = self.session.post(
                settings.SMS_GATEWAY_URL,
                data={"from": settings.SMS_SENDER, "to": number, "message": text},
                timeout=settings.WEBHOOK_TIMEOUT,
            )
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
