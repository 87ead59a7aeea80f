from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from kommun.disruptions.models import Notice, NoticeUpdate, Service, StatusPage

from .rounds import schedule_after_commit


@receiver(post_save, sender=Notice)
@receiver(post_delete, sender=Notice)
@receiver(post_save, sender=NoticeUpdate)
@receiver(post_delete, sender=NoticeUpdate)
@receiver(post_save, sender=Service)
@receiver(post_delete, sender=Service)
@receiver(published, sender=StatusPage)
@receiver(unpublished, sender=StatusPage)
def status_changed(sender, **kwargs):
    # After commit, in the request that made the change: the editor's save returns once the
    # files are written.
    schedule_after_commit()
