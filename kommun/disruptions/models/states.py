"""
The states a notice passes through, and the clock rules they follow. A notice's state is
never stored: it follows from its times (see Notice.state_at and NoticeQuerySet).
"""

from datetime import UTC, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

# A resolved notice stays on the status page for this long, then lives in the archive.
RESOLVED_VISIBLE_FOR = timedelta(days=7)


def utc(moment):
    """
    Times are compared and shifted in UTC. Python compares and subtracts two datetimes of
    the same zone by their wall-clock readings, which is wrong across a daylight-saving change.
    """
    return moment.astimezone(UTC) if moment is not None else None


class State(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    RESOLVED = "resolved", _("Resolved")
    CANCELLED = "cancelled", _("Cancelled")


class TranslationState(models.TextChoices):
    MISSING = "missing", _("missing")
    DRAFT = "draft", _("draft")
    OUTDATED = "outdated", _("outdated")
    CURRENT = "current", _("up to date")
