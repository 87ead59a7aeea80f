"""
A notice in the reader's language. Residents always see every notice: in their language
where a published translation exists, otherwise in the original with a note saying so.
"""

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import Locale

from .models import TEXT_FIELDS, Notice


@dataclass(frozen=True)
class TimelineEntry:
    posted_at: datetime
    text: str
    language: str
    translated: bool


def localize(notices, language):
    """
    Puts each original's text in `language` on it, for display only (the instances are not
    to be saved afterwards). Sets on each notice:
    - content_language: the language its text is now in;
    - translation_missing: no published translation into `language` exists;
    - translation_outdated: a translation exists, but the original changed since;
    - localized_timeline: the timeline, entry by entry in `language` where translated.
    """
    notices = list(notices)
    pending = [n for n in notices if n.locale.language_code != language]
    translations = {
        t.translation_key: t
        for t in Notice.objects.filter(
            live=True,
            locale__language_code=language,
            translation_key__in=[n.translation_key for n in pending],
        ).prefetch_related("updates")
    }
    for notice in notices:
        original_language = notice.locale.language_code
        notice.translation_missing = False
        notice.translation_outdated = False
        notice.content_language = original_language
        translated_updates = {}
        if original_language != language:
            found = translations.get(notice.translation_key)
            if found is None:
                notice.translation_missing = True
            else:
                notice.translation_outdated = found.source_digest != notice.text_digest()
                for field in TEXT_FIELDS:
                    setattr(notice, field, getattr(found, field) or getattr(notice, field))
                notice.content_language = language
                translated_updates = {u.posted_at: u.text for u in found.updates.all()}
        notice.localized_timeline = [
            TimelineEntry(
                posted_at=update.posted_at,
                text=translated_updates.get(update.posted_at, update.text),
                language=language if update.posted_at in translated_updates else original_language,
                translated=update.posted_at in translated_updates,
            )
            for update in notice.timeline
        ]
    return notices


def localize_one(notice, language):
    return localize([notice], language)[0]


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
