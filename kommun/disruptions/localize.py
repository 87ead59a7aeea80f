"""
Notices in the reader's language, for other apps: localize() gives each notice as an
immutable LocalizedNotice (see models/localized.py); translate_notice() makes a published
translation as an editor does with "Translate".
"""

from wagtail.models import Locale

from .models.localized import LocalizedNotice, TimelineEntry
from .models.translations import localize, localize_one

__all__ = ["LocalizedNotice", "TimelineEntry", "localize", "localize_one", "translate_notice"]


def translate_notice(notice, language, text):
    """A published translation of notice, as an editor makes one with "Translate"."""
    copy = notice.copy_for_translation(Locale.objects.get(language_code=language))
    for field, value in text.items():
        if field != "updates":
            setattr(copy, field, value)
    updates = sorted(copy.updates.all(), key=lambda update: update.posted_at)
    for update, translated in zip(updates, text.get("updates", []), strict=False):
        update.text = translated
    copy.save()
    copy.save_revision().publish()
    return copy
