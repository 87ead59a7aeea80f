"""
A notice as one reader reads it: an immutable value, built once per request or message (see
localize.py) and never saved. The notice it is built from is left as it is, so nothing
written in one language can end up in the row of another.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

# The fields a translation carries; everything else is read from the original.
TEXT_FIELDS = [
    "headline",
    "affected_area",
    "what_happened",
    "what_is_being_done",
    "what_to_do",
    "contact",
]


@dataclass(frozen=True)
class TimelineEntry:
    posted_at: datetime
    text: str
    language: str
    translated: bool


@dataclass(frozen=True, eq=False)
class LocalizedNotice:
    """
    The original's text in the reader's language where a published translation exists.
    Times, severity, places and the service are the original's: any attribute not held here
    is read from `notice`, so templates, feeds and the API read a localized notice as they
    read a notice.
    """

    notice: Any  # the original Notice; read, never changed
    headline: str
    affected_area: str
    what_happened: str
    what_is_being_done: str
    what_to_do: str
    contact: str
    content_language: str  # the language the text above is in
    translation_missing: bool  # no published translation into the reader's language exists
    translation_outdated: bool  # a translation exists, but the original changed since
    localized_timeline: tuple[TimelineEntry, ...]  # entry by entry in the reader's language

    @classmethod
    def as_written(cls, notice):
        """The notice in its own language, as its editor wrote it."""
        language = notice.locale.language_code
        return cls(
            notice=notice,
            **{field: getattr(notice, field) for field in TEXT_FIELDS},
            content_language=language,
            translation_missing=False,
            translation_outdated=False,
            localized_timeline=tuple(
                TimelineEntry(update.posted_at, update.text, language, translated=False)
                for update in notice.timeline
            ),
        )

    # Like a model instance, a reading is known by the notice it reads, in any language.
    def __eq__(self, other):
        if isinstance(other, LocalizedNotice):
            return self.notice == other.notice
        return self.notice == other

    def __hash__(self):
        return hash(self.notice)

    def __getattr__(self, name):
        # Only called for what the value does not hold. Private names are refused so that
        # copying and pickling, which look them up before `notice` is set, do not recurse.
        if name.startswith("_") or name == "notice":
            raise AttributeError(name)
        if name in WRITES:
            raise AttributeError(f"A localized notice is for reading; it has no {name}()")
        return getattr(self.notice, name)


# What a reader's copy must not reach through to: it is never saved.
WRITES = frozenset({"save", "delete", "save_revision", "publish_change", "cancel"})
