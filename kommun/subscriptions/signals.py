from django.dispatch import receiver

from kommun.disruptions.signals import notice_published

from .fanout import queue_for_publication


@receiver(notice_published)
def queue_notifications(sender, publication, **kwargs):
    queue_for_publication(publication)
