from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kommun.areas.models import Address, Area
from kommun.disruptions.models import Notice, Publication, Service


class Subscription(models.Model):
    """
    One destination (an email address, a phone, a webhook) and what it follows. No account:
    the resident manages it through signed links in every message. Only what is needed to
    deliver is stored.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("SMS")
        PUSH = "push", _("Web push")
        WEBHOOK = "webhook", _("Webhook")

    class WebhookFormat(models.TextChoices):
        JSON = "json", _("JSON")
        SLACK = "slack", _("Slack")
        TEAMS = "teams", _("Microsoft Teams")

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    # An email address, an E.164 number, a webhook URL, or a browser's push subscription (JSON).
    destination = models.CharField(_("destination"), max_length=1000)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    addresses = models.ManyToManyField(
        Address, verbose_name=_("addresses"), blank=True, related_name="+"
    )
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), blank=True, related_name="+")
    services = models.ManyToManyField(
        Service,
        verbose_name=_("services"),
        blank=True,
        related_name="+",
        help_text=_("None chosen means all services."),
    )
    include_planned = models.BooleanField(_("include planned work"), default=True)
    webhook_format = models.CharField(
        _("webhook format"), max_length=10, choices=WebhookFormat, default=WebhookFormat.JSON
    )
    webhook_secret = models.CharField(_("webhook secret"), max_length=100, blank=True)
    # SMS is confirmed with a code sent to the phone; only its hash is kept.
    code_hash = models.CharField(max_length=64, blank=True, editable=False)
    code_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    # In every management and unsubscribe link; raising it revokes all links given so far.
    link_generation = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    disabled_at = models.DateTimeField(_("disabled"), null=True, blank=True)
    disabled_reason = models.TextField(_("why it was disabled"), blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        indexes = [models.Index(fields=["confirmed_at", "disabled_at"])]

    def __str__(self):
        return f"{self.get_channel_display()}: {self.masked_destination}"

    @property
    def masked_destination(self):
        """Enough for staff to recognise a destination without reading it out in full."""
        if self.channel == self.Channel.EMAIL and "@" in self.destination:
            name, domain = self.destination.split("@", 1)
            return f"{name[:2]}…@{domain}"
        return f"{self.destination[:12]}…" if len(self.destination) > 12 else self.destination

    @property
    def active(self):
        return self.confirmed_at is not None and self.disabled_at is None


class Delivery(models.Model):
    """
    One message to one subscription about one change of a notice. Written in the same
    transaction as the change; a worker claims it, sends it and records the outcome.
    """

    class Kind(models.TextChoices):
        NEW = "new", _("New notice")
        UPDATE = "update", _("Update")
        RESOLVED = "resolved", _("Resolved")
        CANCELLED = "cancelled", _("Cancelled")
        REMINDER = "reminder", _("Planned work starts soon")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    publication = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # A claim: the worker that holds it, until when. An expired lease goes back to the queue.
    claimed_by = models.CharField(max_length=40, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            # At most one message per subscription and notice change.
            models.UniqueConstraint(
                fields=["subscription", "publication", "kind"], name="one_message_per_change"
            ),
            models.UniqueConstraint(
                fields=["subscription", "notice"],
                condition=models.Q(kind="reminder"),
                name="one_reminder_per_notice",
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.subscription} ({self.status})"

    @property
    def message_id(self):
        """Stable across retries, so receivers can drop a duplicate."""
        return f"<kommun.delivery.{self.pk}@{settings.EMAIL_MESSAGE_ID_DOMAIN}>"


class SmsDay(models.Model):
    """How many SMS the installation sent on one (local) day: the SMS_DAILY_BUDGET's count."""

    day = models.DateField(unique=True)
    sent = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.day}: {self.sent}"
