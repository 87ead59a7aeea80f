"""
The address register's version in the shared cache, bumped by every change to it: whoever
keeps something computed from the register (the notice index's address counts) compares
the version it computed from with this one.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Address

REGISTER_VERSION_KEY = "areas:register-version"


def bump_register_version():
    cache.set(REGISTER_VERSION_KEY, uuid.uuid4().hex, timeout=None)


@receiver(post_save, sender=Address)
@receiver(post_delete, sender=Address)
def register_changed(sender, **kwargs):
    bump_register_version()
    transaction.on_commit(bump_register_version)
