"""
The status summary behind the banner and the home page: computed once per change and kept
in the shared cache, so a traffic spike costs one cache read per request, not a query.

A cached summary is trusted until the earliest of:
- a change to a notice (signals.py recomputes it when the transaction commits);
- the next moment its content changes by the clock alone (a planned start, an end time,
  planned work entering the 24-hour window);
- STATUS_SUMMARY_MAX_AGE seconds, a safety net for changes no signal saw.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from .models import RESOLVED_VISIBLE_FOR, Notice, State, StatusPage, by_severity, utc

CACHE_KEY = "disruptions:status-summary:v1"
PLANNED_SOON_WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class NoticeBrief:
    pk: int
    headline: str
    service: str
    kind: str
    severity: str
    starts_at: datetime
    expected_end_at: datetime | None
    path: str

    def get_kind_display(self):
        return Notice.Kind(self.kind).label

    def get_severity_display(self):
        return Notice.Severity(self.severity).label


@dataclass(frozen=True)
class StatusSummary:
    ongoing: tuple[NoticeBrief, ...]
    planned_soon: tuple[NoticeBrief, ...]
    counts: dict  # State value -> number of disruptions (information notices not counted)
    changed_at: datetime | None  # the last publish, start or end that changed the status
    status_path: str
    computed_at: datetime
    valid_until: datetime

    @property
    def ongoing_count(self):
        return len(self.ongoing)

    @property
    def most_severe(self):
        return self.ongoing[0] if self.ongoing else None

    @property
    def banner_text(self):
        """The banner's headline in the active language; the API serves the same sentence."""
        if not self.ongoing:
            return gettext("Right now we have no ongoing disruptions")
        return ngettext(
            "Right now we have %(count)d ongoing disruption",
            "Right now we have %(count)d ongoing disruptions",
            self.ongoing_count,
        ) % {"count": self.ongoing_count}

    def is_fresh_at(self, now):
        return self.computed_at <= now < self.valid_until


def compute_status_summary(now):
    now = utc(now)
    notices = list(
        Notice.objects.filter(live=True).disruptions().current(now).select_related("service")
    )
    status_page = StatusPage.objects.live().first()
    status_path = status_page.url if status_page else ""

    def brief(notice):
        return NoticeBrief(
            pk=notice.pk,
            headline=notice.headline,
            service=notice.service.name,
            kind=notice.kind,
            severity=notice.severity,
            starts_at=notice.starts_at,
            expected_end_at=notice.expected_end_at,
            path=f"{status_path}{notice.pk}/" if status_path else "",
        )

    by_state = defaultdict(list)
    for notice in notices:
        by_state[notice.state_at(now)].append(notice)
    ongoing = sorted(by_state[State.ONGOING], key=by_severity)
    planned_soon = sorted(
        (n for n in by_state[State.PLANNED] if n.starts_at <= now + PLANNED_SOON_WINDOW),
        key=lambda n: n.starts_at,
    )

    boundaries = [now + timedelta(seconds=settings.STATUS_SUMMARY_MAX_AGE)]
    past_changes = []
    for notice in notices:
        moments = [notice.starts_at, notice.ended_at]
        boundaries += moments + [notice.starts_at - PLANNED_SOON_WINDOW]
        if notice.ended_at:
            boundaries.append(notice.ended_at + RESOLVED_VISIBLE_FOR)
        past_changes += [m for m in moments if m is not None and m <= now]
        past_changes.append(notice.last_published_at)
    valid_until = min(moment for moment in boundaries if moment is not None and moment > now)

    return StatusSummary(
        ongoing=tuple(brief(n) for n in ongoing),
        planned_soon=tuple(brief(n) for n in planned_soon),
        counts={state.value: len(by_state[state]) for state in State},
        changed_at=max((m for m in past_changes if m is not None), default=None),
        status_path=status_path,
        computed_at=now,
        valid_until=valid_until,
    )


def refresh_status_summary(now=None):
    summary = compute_status_summary(now or timezone.now())
    cache.set(CACHE_KEY, summary, timeout=settings.STATUS_SUMMARY_MAX_AGE * 2)
    return summary


def get_status_summary(now=None):
    now = utc(now or timezone.now())
    summary = cache.get(CACHE_KEY)
    if summary is None or not summary.is_fresh_at(now):
        summary = refresh_status_summary(now)
    return summary
