from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Notice, NoticeUpdate, Service
from .summary import refresh_status_summary


@receiver(post_save, sender=Notice)
@receiver(post_delete, sender=Notice)
@receiver(post_save, sender=NoticeUpdate)
@receiver(post_delete, sender=NoticeUpdate)
@receiver(post_save, sender=Service)
@receiver(post_delete, sender=Service)
def notice_changed(sender, **kwargs):
    # After commit, so that no other process can cache a summary of the old state
    # computed between this save and the commit.
    transaction.on_commit(refresh_status_summary)
