from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from kommun.core.sites import municipality

from .models import AccessibilityStatementPage, ProblemReport
from .signals import problem_reported


@receiver(problem_reported)
def mail_when_committed(sender, report, statement, **kwargs):
    transaction.on_commit(lambda: email_report.enqueue(report.pk, statement.pk))


@task()
def email_report(report_id, page_id):
    """Sends a report to the editors; the report stays in the admin whether or not this works."""
    report = ProblemReport.objects.filter(pk=report_id, emailed_at=None).first()
    page = AccessibilityStatementPage.objects.filter(pk=page_id).first()
    if report is None or page is None:
        return
    recipients = page.report_recipients()
    if not recipients:
        return
    # The editors read their municipality's own language and clock, whatever language the
    # visitor wrote from; a worker has neither active, so both are named.
    profile = municipality(report.site)
    with translation.override(profile.default_language), timezone.override(profile.zone):
        context = {"report": report, "admin_url": settings.WAGTAILADMIN_BASE_URL}
        subject = " ".join(render_to_string("accessibility/email/subject.txt", context).split())
        body = render_to_string("accessibility/email/body.txt", context)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    if report.email:
        message.reply_to = [report.email]
    message.send()
    ProblemReport.objects.filter(pk=report.pk).update(emailed_at=timezone.now())
