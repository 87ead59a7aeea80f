from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from kommun.core.admin_scope import SiteScopedForm
from kommun.disruptions.models import Service


class TokenScope(models.Model):
    """
    The services an API token may publish for. Tokens themselves are Wagtail's APIToken
    (created and revoked under Settings → API tokens); a token without a scope may publish
    for no service at all.
    """

    token = models.OneToOneField(
        "wagtailcore.APIToken",
        verbose_name=_("API token"),
        on_delete=models.CASCADE,
        related_name="scope",
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The token reaches this municipality's notices and nothing else."),
    )
    services = models.ManyToManyField(Service, verbose_name=_("services"), related_name="+")

    panels = [FieldPanel("token"), FieldPanel("site"), FieldPanel("services")]
    base_form_class = SiteScopedForm

    class Meta:
        verbose_name = _("API token scope")
        verbose_name_plural = _("API token scopes")

    def __str__(self):
        return str(self.token)

    def services_list(self):
        return ", ".join(service.name for service in self.services.all())

    services_list.short_description = _("services")


class IdempotentRequest(models.Model):
    """
    A write request that carried an Idempotency-Key, with the response it got, so that a
    client retrying after a timeout gets the same answer instead of a second notice.
    """

    token = models.ForeignKey("wagtailcore.APIToken", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response_body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="one_response_per_key")
        ]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return self.key

    @classmethod
    def expired(cls):
        """Answers older than IDEMPOTENCY_KEY_HOURS: a retry comes long before."""
        cutoff = timezone.now() - timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS)
        return cls.objects.filter(created_at__lt=cutoff)
