"""What belongs to a notice besides its own fields: its streets, its timeline, its publications."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from .notices import Notice
from .services import PRINTABLE


class NoticeStreet(models.Model):
    """A street a notice affects, all of it or a range of house numbers."""

    class Parity(models.TextChoices):
        ALL = "all", _("All numbers")
        ODD = "odd", _("Odd numbers")
        EVEN = "even", _("Even numbers")

    notice = ParentalKey(Notice, on_delete=models.CASCADE, related_name="streets")
    street = models.CharField(_("street"), max_length=120, validators=PRINTABLE)
    from_number = models.PositiveIntegerField(_("from number"), null=True, blank=True)
    to_number = models.PositiveIntegerField(_("to number"), null=True, blank=True)
    parity = models.CharField(_("numbers"), max_length=4, choices=Parity, default=Parity.ALL)

    panels = [
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("from_number"), FieldPanel("to_number"), FieldPanel("parity")]),
    ]

    class Meta:
        verbose_name = _("street")
        verbose_name_plural = _("streets")

    def __str__(self):
        return self.description

    def clean(self):
        if self.from_number and self.to_number and self.from_number > self.to_number:
            raise ValidationError({"to_number": _("The range ends before it starts.")})

    @property
    def description(self):
        """The street and its numbers as text, for the page and the feeds."""
        if self.from_number is None and self.to_number is None:
            numbers = ""
        else:
            numbers = f" {self.from_number or 1}–{self.to_number or ''}".rstrip("–")
        if self.parity == self.Parity.ODD:
            numbers += " " + str(_("(odd numbers)"))
        elif self.parity == self.Parity.EVEN:
            numbers += " " + str(_("(even numbers)"))
        return f"{self.street}{numbers}"

    def covers(self, number):
        if self.from_number is not None and number < self.from_number:
            return False
        if self.to_number is not None and number > self.to_number:
            return False
        if self.parity == self.Parity.ODD:
            return number % 2 == 1
        if self.parity == self.Parity.EVEN:
            return number % 2 == 0
        return True


class NoticeUpdate(models.Model):
    """One timestamped entry of a notice's timeline: what is known and being done now."""

    notice = ParentalKey(Notice, on_delete=models.CASCADE, related_name="updates")
    posted_at = models.DateTimeField(_("time"), default=timezone.now)
    text = models.TextField(_("text"), validators=PRINTABLE)

    panels = [FieldPanel("posted_at"), FieldPanel("text")]

    class Meta:
        ordering = ["-posted_at"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self):
        return f"{self.posted_at:%Y-%m-%d %H:%M} {self.text[:40]}"


class Publication(models.Model):
    """
    One publication of a notice: the first, each later change, or its cancellation. Integrators
    build on this history: CAP's references chain and iCalendar's SEQUENCE.
    """

    class Kind(models.TextChoices):
        ALERT = "Alert", _("First publication")
        UPDATE = "Update", _("Update")
        CANCEL = "Cancel", _("Cancellation")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="publications")
    kind = models.CharField(max_length=10, choices=Kind)
    sent = models.DateTimeField()
    # The notice as it was published: a message once sent never changes afterwards.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["sent", "pk"]
        indexes = [models.Index(fields=["notice", "sent"])]

    def __str__(self):
        return f"{self.notice_id} {self.kind} {self.sent:%Y-%m-%d %H:%M:%S}"

    def published_notice(self):
        """The notice's content as of this publication."""
        return self.revision.as_object() if self.revision else self.notice

    def earlier(self):
        return self.notice.publications.filter(
            models.Q(sent__lt=self.sent) | models.Q(sent=self.sent, pk__lt=self.pk)
        )
