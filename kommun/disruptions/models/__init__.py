"""
The models of disruptions, one room each: services, the notice and its parts, the status
page, and the notice as one reader reads it. Everything is importable from here.
"""

from .localized import TEXT_FIELDS, LocalizedNotice, TimelineEntry
from .notice_parts import NoticeStreet, NoticeUpdate, Publication
from .notices import SEVERITY_RANK, Notice, by_severity
from .pages import StatusPage
from .queries import NoticeQuerySet
from .services import PRINTABLE, STANDARD_SERVICES, Service
from .states import RESOLVED_VISIBLE_FOR, State, TranslationState, utc
from .translations import localize, localize_one

__all__ = [
    "PRINTABLE",
    "RESOLVED_VISIBLE_FOR",
    "SEVERITY_RANK",
    "STANDARD_SERVICES",
    "TEXT_FIELDS",
    "LocalizedNotice",
    "Notice",
    "NoticeQuerySet",
    "NoticeStreet",
    "NoticeUpdate",
    "Publication",
    "Service",
    "State",
    "StatusPage",
    "TimelineEntry",
    "TranslationState",
    "by_severity",
    "localize",
    "localize_one",
    "utc",
]
