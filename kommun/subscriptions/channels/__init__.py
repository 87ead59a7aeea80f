"""
Delivery channels. Each is a small module with one class behind the shared interface of
base.Channel; CHANNELS maps a subscription's channel to it.
"""

from .email import EmailChannel
from .push import PushChannel
from .sms import SmsChannel
from .webhook import WebhookChannel

CHANNELS = {
    "email": EmailChannel,
    "sms": SmsChannel,
    "push": PushChannel,
    "webhook": WebhookChannel,
}


def send_note(subscription, note):
    """One Note through the subscription's channel, opened for it and closed after."""
    channel = CHANNELS[subscription.channel]()
    channel.open()
    try:
        channel.send_note(subscription, note)
    finally:
        channel.close()
