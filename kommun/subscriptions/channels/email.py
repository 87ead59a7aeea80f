import contextlib
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from ..messages import MANAGE_MARK, UNSUBSCRIBE_MARK
from .base import Channel, ChannelUnavailable, DeliveryError


def _permanent(code):
    return 500 <= code < 600


TO_MARK = "recipient@kommun-to.invalid"
MESSAGE_ID_MARK = "<kommun-message-id@kommun.invalid>"


class EmailChannel(Channel):
    """
    Django's email backend, one connection reused for the whole batch. Each notice change
    is built as a MIME message once per language; every recipient's copy is that message
    with their address, Message-ID and links filled in, which is what makes a large
    fan-out fast.
    """

    def open(self):
        self.templates = {}
        self.connection = get_connection(fail_silently=False)
        try:
            self.connection.open()
        except (OSError, smtplib.SMTPException) as error:
            raise ChannelUnavailable(f"cannot reach the mail server: {error}") from None

    def close(self):
        with contextlib.suppress(OSError, smtplib.SMTPException):
            self.connection.close()

    def template(self, common):
        """The MIME message of a batch's shared rendering, as bytes with marks to fill in."""
        if id(common) not in self.templates:
            email = EmailMultiAlternatives(
                subject=common.subject,
                body=common.text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[TO_MARK],
                headers={
                    "Message-ID": MESSAGE_ID_MARK,
                    "List-Unsubscribe": f"<{common.unsubscribe_url}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
            email.attach_alternative(common.html, "text/html")
            data = email.message().as_bytes(linesep="\r\n")
            if b"quoted-printable" in data or b"base64" in data:
                # A part was encoded (very long lines are), which can split a mark across
                # lines: such messages are built one by one instead.
                data = None
            self.templates[id(common)] = (common, data)
        return self.templates[id(common)][1]

    def build(self, delivery, message):
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[delivery.subscription.destination],
            headers={
                "Message-ID": delivery.message_id,
                "List-Unsubscribe": f"<{message.unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        email.attach_alternative(message.html, "text/html")
        return email.message().as_bytes(linesep="\r\n")

    def send_note(self, subscription, note):
        # Through Django's backend, as the note is one message: the same connection, and
        # the test outbox sees it.
        EmailMultiAlternatives(
            note.subject,
            note.text,
            settings.DEFAULT_FROM_EMAIL,
            [subscription.destination],
            connection=self.connection,
        ).send()

    def send_one(self, delivery, message):
        recipient = delivery.subscription.destination
        if not recipient.isascii():
            raise DeliveryError(f"{recipient!r} is not an address this server can send to", True)
        template = self.template(message.common) if message.common else None
        if template is None:
            data = self.build(delivery, message)
        else:
            data = (
                template.replace(TO_MARK.encode(), recipient.encode())
                .replace(MESSAGE_ID_MARK.encode(), delivery.message_id.encode())
                .replace(MANAGE_MARK.encode(), message.manage_url.encode())
                .replace(UNSUBSCRIBE_MARK.encode(), message.unsubscribe_url.encode())
            )
        try:
            self.connection.connection.sendmail(settings.DEFAULT_FROM_EMAIL, [recipient], data)
        except smtplib.SMTPRecipientsRefused as error:
            code, reason = next(iter(error.recipients.values()))
            raise DeliveryError(
                f"{code} {reason.decode(errors='replace')}", _permanent(code)
            ) from None
        except smtplib.SMTPResponseException as error:
            reason = error.smtp_error.decode(errors="replace")
            raise DeliveryError(
                f"{error.smtp_code} {reason}", _permanent(error.smtp_code)
            ) from None
        except (OSError, smtplib.SMTPException) as error:
            # The connection broke: this one and the rest of the batch wait for the server.
            raise ChannelUnavailable(f"mail server unreachable: {error}") from None
