from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from kommun.core.admin_scope import SiteScopedViewSetMixin

from .models import Delivery, Subscription


class DeliveryViewSet(SiteScopedViewSetMixin, ModelViewSet):
    """Per notice: what was queued, sent or failed, and why."""

    model = Delivery
    icon = "mail"
    menu_label = _("Deliveries")
    list_display = [
        "notice",
        Column("subscription", label=_("To")),
        "kind",
        "status",
        "attempts",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "kind", "notice"]
    form_fields = ["status", "next_attempt_at"]
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True


class SubscriptionViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = Subscription
    icon = "user"
    menu_label = _("Subscribers")
    list_display = [
        Column("masked_destination", label=_("Destination")),
        "channel",
        "confirmed_at",
        "disabled_at",
        "disabled_reason",
    ]
    list_filter = ["channel"]
    form_fields = ["disabled_at", "disabled_reason"]
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True


class AlertsGroup(ViewSetGroup):
    items = (DeliveryViewSet, SubscriptionViewSet)
    menu_icon = "mail"
    menu_label = _("Subscriptions")


@hooks.register("register_admin_viewset")
def register_alerts():
    return AlertsGroup()
