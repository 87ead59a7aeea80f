from django.dispatch import Signal, receiver
from django.utils import timezone
from wagtail.signals import published, unpublished

from .models import Notice, Publication

# Sent for every Publication of a notice: first publication, update, cancellation.
notice_published = Signal()

# The status summaries are recomputed by the snapshot round that follows every change
# (kommun/snapshots/rounds.py), once per commit, before the snapshots are rendered from them.


@receiver(published, sender=Notice)
def record_publication(sender, instance, revision=None, **kwargs):
    if not instance.is_original():
        # A translation says nothing new to integrators or subscribers: it records which
        # version of the original it translates, so editors can see when it falls behind.
        original = instance.get_original()
        Notice.objects.filter(pk=instance.pk).update(source_digest=original.text_digest())
        return
    previous = instance.publications.order_by("-sent", "-pk").first()
    if previous is None:
        kind = Publication.Kind.ALERT
    elif instance.cancelled_at and previous.kind != Publication.Kind.CANCEL:
        kind = Publication.Kind.CANCEL
    else:
        kind = Publication.Kind.UPDATE
    _record(instance, kind, revision)


@receiver(unpublished, sender=Notice)
def record_withdrawal(sender, instance, **kwargs):
    # Taking a notice down tells integrators to drop it, just as cancelling does.
    if instance.is_original() and instance.publications.exists():
        _record(instance, Publication.Kind.CANCEL, instance.latest_revision)


def _record(notice, kind, revision):
    # CAP times carry whole seconds only.
    publication = Publication.objects.create(
        notice=notice, kind=kind, revision=revision, sent=timezone.now().replace(microsecond=0)
    )
    # Inside the publishing transaction: whatever listens (notifications) commits with it.
    notice_published.send(sender=Notice, notice=notice, publication=publication)
