from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from kommun.areas.models import Area

from .affected import bump_index_version
from .models import Notice, NoticeStreet


@receiver(post_save, sender=Area)
@receiver(post_delete, sender=Area)
@receiver(post_save, sender=Notice)
@receiver(post_delete, sender=Notice)
@receiver(post_save, sender=NoticeStreet)
@receiver(post_delete, sender=NoticeStreet)
@receiver(m2m_changed, sender=Notice.areas.through)
def geometry_changed(sender, **kwargs):
    # Now, for this process, and again after commit, so that no other process keeps an
    # index it built from the state before the commit.
    bump_index_version()
    transaction.on_commit(bump_index_version)
