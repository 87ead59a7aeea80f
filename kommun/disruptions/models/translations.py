"""
Notices in the reader's language. Residents always see every notice: in their language
where a published translation exists, otherwise in the original with a note saying so.
"""

from dataclasses import replace

from .localized import TEXT_FIELDS, LocalizedNotice, TimelineEntry
from .notices import Notice


def localize(notices, language):
    """
    Each original as a LocalizedNotice in `language`, for display only. The notices given
    are left as they are.
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
    return [_in_language(notice, language, translations) for notice in notices]


def localize_one(notice, language):
    return localize([notice], language)[0]


def _in_language(notice, language, translations):
    if notice.locale.language_code == language:
        return LocalizedNotice.as_written(notice)
    found = translations.get(notice.translation_key)
    if found is None:
        return replace(LocalizedNotice.as_written(notice), translation_missing=True)
    translated_updates = {update.posted_at: update.text for update in found.updates.all()}
    return LocalizedNotice(
        notice=notice,
        # A field the translator left empty is shown as the original has it.
        **{field: getattr(found, field) or getattr(notice, field) for field in TEXT_FIELDS},
        content_language=language,
        translation_missing=False,
        translation_outdated=found.source_digest != notice.text_digest(),
        localized_timeline=tuple(
            TimelineEntry(
                posted_at=update.posted_at,
                text=translated_updates.get(update.posted_at, update.text),
                language=language if update.posted_at in translated_updates else notice.language,
                translated=update.posted_at in translated_updates,
            )
            for update in notice.timeline
        ),
    )
