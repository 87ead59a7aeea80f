"""What a delivery says, rendered in the subscriber's language from templates."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from .links import absolute, manage_url, unsubscribe_url


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str
    sms: str
    data: dict
    notice_url: str
    manage_url: str
    unsubscribe_url: str


def render(delivery):
    subscription, notice = delivery.subscription, delivery.notice
    with translation.override(subscription.language):
        context = {
            "delivery": delivery,
            "notice": notice,
            "kind": delivery.get_kind_display(),
            "notice_url": absolute(notice.get_absolute_url() or "/"),
            "manage_url": manage_url(subscription),
            "unsubscribe_url": unsubscribe_url(subscription),
        }
        subject = " ".join(render_to_string("alerts/email/subject.txt", context).split())
        return Message(
            subject=subject,
            text=render_to_string("alerts/email/body.txt", context),
            html=render_to_string("alerts/email/body.html", context),
            sms=" ".join(render_to_string("alerts/sms.txt", context).split()),
            data={
                "event": delivery.kind,
                "notice": {
                    "id": notice.pk,
                    "headline": notice.headline,
                    "service": notice.service.slug,
                    "severity": notice.severity,
                    "state": notice.state.value,
                    "starts_at": notice.starts_at.isoformat(),
                    "url": context["notice_url"],
                },
                "delivery": delivery.message_id.strip("<>"),
            },
            notice_url=context["notice_url"],
            manage_url=context["manage_url"],
            unsubscribe_url=context["unsubscribe_url"],
        )
