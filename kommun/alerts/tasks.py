from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from .limits import over_limit
from .links import confirm_url
from .models import Subscription

DAY = 24 * 60 * 60


@task()
def send_confirmation(subscription_id):
    """The double opt-in message. A destination gets at most CONFIRMATIONS_PER_DAY a day."""
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at=None).first()
    if subscription is None:
        return
    if over_limit("confirm", subscription.destination, settings.CONFIRMATIONS_PER_DAY, DAY):
        return
    with translation.override(subscription.language):
        context = {"confirm_url": confirm_url(subscription)}
        subject = " ".join(render_to_string("alerts/email/confirm_subject.txt", context).split())
        body = render_to_string("alerts/email/confirm_body.txt", context)
    EmailMultiAlternatives(
        subject, body, settings.DEFAULT_FROM_EMAIL, [subscription.destination]
    ).send()
