from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, Site

from kommun.core.limits import client_key, over_limit

from .forms import ReportForm
from .signals import problem_reported


class AccessibilityStatementPage(Page):
    """
    The accessibility statement the law on accessible digital public services asks for,
    with a form that lets anyone report a problem to the editors.
    """

    class Conformance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    conformance = models.CharField(
        _("conformance with WCAG 2.1 AA"),
        max_length=10,
        choices=Conformance.choices,
        default=Conformance.PARTIAL,
    )
    assessed_on = models.DateField(
        _("last assessed"),
        default=timezone.localdate,
        help_text=_("When the site was last checked against the requirements."),
    )
    known_limitations = RichTextField(
        _("known limitations"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("What is not yet accessible, and how to get the information another way."),
    )
    report_email = models.EmailField(
        _("send reports to"),
        blank=True,
        help_text=_(
            "Reports of problems are always kept in the admin. They are also emailed here, or "
            "to the administrators when this is empty."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("conformance"),
        FieldPanel("assessed_on"),
        FieldPanel("known_limitations"),
        FieldPanel("report_email"),
    ]
    parent_page_types = ["site.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("accessibility statement")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and over_limit(
            "report-ip", client_key(request), settings.REPORT_RATE_PER_HOUR, 60 * 60
        ):
            return render(request, "rate_limited.html", status=429)
        form = ReportForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                # The report belongs to the municipality whose statement it was sent from.
                report = ProblemReport.objects.create(site=self.get_site(), **form.cleaned_data)
                problem_reported.send(type(self), report=report, statement=self)
            form, sent = ReportForm(), True
        else:
            sent = False
        context = self.get_context(request, *args, **kwargs)
        context.update(form=form, sent=sent)
        status = 400 if request.method == "POST" and not sent else 200
        return render(request, self.get_template(request), context, status=status)

    def report_recipients(self):
        if self.report_email:
            return [self.report_email]
        admins = get_user_model().objects.filter(is_superuser=True, is_active=True)
        return sorted(admins.exclude(email="").values_list("email", flat=True))


class ProblemReport(models.Model):
    """A visitor's report of an accessibility problem, kept until an editor has dealt with it."""

    site = models.ForeignKey(
        Site,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="accessibility_reports",
    )
    description = models.TextField(_("the problem"))
    page_address = models.CharField(_("page"), max_length=500, blank=True)
    email = models.EmailField(_("email for an answer"), blank=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    emailed_at = models.DateTimeField(_("emailed to the editors"), null=True, blank=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accessibility problem report")
        verbose_name_plural = _("accessibility problem reports")

    def __str__(self):
        return self.description[:60]
