"""What a delivery says, rendered in the subscriber's language from templates."""

from dataclasses import dataclass, replace

from django.template.loader import render_to_string
from django.utils import timezone, translation

from kommun.core.sites import municipality
from kommun.disruptions.localize import localize_one
from kommun.disruptions.models import Notice
from kommun.disruptions.summary import notice_path

from .links import absolute, manage_url, unsubscribe_url

# Stand-ins for the per-subscriber links, so that one rendering serves a whole batch.
MANAGE_MARK = "https://manage.invalid/kommun-link/"
UNSUBSCRIBE_MARK = "https://unsubscribe.invalid/kommun-link/"


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
    # The rendering shared by the batch, with MANAGE_MARK and UNSUBSCRIBE_MARK in place of
    # the links, for channels that build their own per-batch template from it.
    common: "Message | None" = None


class Renderer:
    """Renders each (notice, kind, language) once and fills in each subscriber's links."""

    def __init__(self):
        self.rendered = {}

    def render(self, delivery):
        subscription = delivery.subscription
        key = (delivery.notice_id, delivery.kind, subscription.language)
        if key not in self.rendered:
            self.rendered[key] = _render(delivery, subscription.language)
        common = self.rendered[key]
        manage, unsubscribe = manage_url(subscription), unsubscribe_url(subscription)

        def personal(text):
            return text.replace(MANAGE_MARK, manage).replace(UNSUBSCRIBE_MARK, unsubscribe)

        return replace(
            common,
            text=personal(common.text),
            html=personal(common.html),
            data=dict(common.data, delivery=delivery.message_id.strip("<>")),
            manage_url=manage,
            unsubscribe_url=unsubscribe,
            common=common,
        )


def _render(delivery, language):
    notice = (
        Notice.objects.select_related("service__site", "locale")
        .prefetch_related("updates")
        .get(pk=delivery.notice_id)
    )
    site = notice.service.site
    with translation.override(language), timezone.override(municipality(site).zone):
        notice = localize_one(notice, language)
        context = {
            "notice": notice,
            "language": language,
            "kind": delivery.get_kind_display(),
            "notice_url": absolute(notice_path(notice) or "/", site),
            "manage_url": MANAGE_MARK,
            "unsubscribe_url": UNSUBSCRIBE_MARK,
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
            },
            notice_url=context["notice_url"],
            manage_url=MANAGE_MARK,
            unsubscribe_url=UNSUBSCRIBE_MARK,
        )
