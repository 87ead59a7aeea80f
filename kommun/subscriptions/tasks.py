import hashlib
import secrets

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from kommun.core.limits import over_limit

from .channels import send_note
from .channels.base import Note
from .links import confirm_url, manage_url
from .models import Subscription

DAY = 24 * 60 * 60


def _subject(template, context=None):
    return " ".join(render_to_string(template, context).split())


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
        note = Note(
            subject=_subject("alerts/email/confirm_subject.txt", context),
            text=render_to_string("alerts/email/confirm_body.txt", context),
        )
    send_note(subscription, note)


def code_hash(code):
    return hashlib.sha256(f"{settings.SECRET_KEY}:{code}".encode()).hexdigest()


@task()
def send_code(subscription_id):
    """
    A fresh SMS confirmation code; only its hash is stored, and the code itself goes
    nowhere but the phone. Limited per number and day like the email confirmation.
    """
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at=None).first()
    if subscription is None:
        return
    if over_limit("confirm", subscription.destination, settings.CONFIRMATIONS_PER_DAY, DAY):
        return
    code = f"{secrets.randbelow(1_000_000):06d}"
    Subscription.objects.filter(pk=subscription.pk).update(code_hash=code_hash(code))
    with translation.override(subscription.language):
        text = render_to_string("alerts/sms_code.txt", {"code": code}).strip()
    send_note(subscription, Note(subject="", text=text))


@task()
def send_manage_link(subscription_id):
    """The new management link after a revocation, by email or SMS: where messages go."""
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        return
    if over_limit("confirm", subscription.destination, settings.CONFIRMATIONS_PER_DAY, DAY):
        return
    with translation.override(subscription.language):
        context = {"manage_url": manage_url(subscription)}
        if subscription.channel == Subscription.Channel.SMS:
            note = Note(
                subject="", text=render_to_string("alerts/sms_new_link.txt", context).strip()
            )
        else:
            note = Note(
                subject=_subject("alerts/email/new_link_subject.txt"),
                text=render_to_string("alerts/email/new_link_body.txt", context),
            )
    send_note(subscription, note)
