import contextlib
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from .base import Channel, DeliveryError


def _permanent(code):
    return 500 <= code < 600


class EmailChannel(Channel):
    """Django's email backend, one connection reused for the whole batch."""

    def open(self):
        self.connection = get_connection(fail_silently=False)
        try:
            self.connection.open()
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryError(f"cannot reach the mail server: {error}") from None

    def close(self):
        with contextlib.suppress(OSError, smtplib.SMTPException):
            self.connection.close()

    def send_one(self, delivery, message):
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
            connection=self.connection,
        )
        email.attach_alternative(message.html, "text/html")
        try:
            email.send()
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
            # The connection broke: reopen for the rest of the batch, retry this one later.
            self.close()
            with contextlib.suppress(DeliveryError):
                self.open()
            raise DeliveryError(f"mail server unreachable: {error}") from None
