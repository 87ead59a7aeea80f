from dataclasses import dataclass


class DeliveryError(Exception):
    """
    A message that could not be delivered. permanent: the destination is gone or invalid
    (a 5.1.1 bounce, an unknown number, a 410), so it is disabled instead of retried.
    retry_at: when to try again, if not after the usual backoff (a spent daily budget).
    """

    def __init__(self, message, permanent=False, retry_at=None):
        super().__init__(message)
        self.permanent = permanent
        self.retry_at = retry_at


class ChannelUnavailable(DeliveryError):
    """
    The service behind a channel cannot be reached (the mail server, the SMS gateway): no
    delivery is at fault, so they are put back as they were and the worker backs off.
    """

    dependency = "the channel's server"


@dataclass(frozen=True)
class Note:
    """
    A message to one subscriber that no notice caused: a confirmation link, a code, a new
    management link. The subject is for channels that have one (email); SMS send the text.
    """

    subject: str
    text: str


class Channel:
    """
    Sends a batch of deliveries of one channel. Subclasses implement send_one, and
    send_note where the channel carries confirmations (email and SMS).
    """

    def __init__(self):
        self.opened = False

    def open(self):
        """Set up what the batch shares (a connection); called once before sending."""

    def close(self):
        """Tear down what open() set up; called once after the batch, also after errors."""

    def send_one(self, delivery, message):
        """Deliver one rendered message or raise DeliveryError."""
        raise NotImplementedError

    def send_note(self, subscription, note):
        """Deliver a Note to the subscription's destination or raise DeliveryError."""
        raise NotImplementedError
