"""
The status summary behind the banner and the home page: one per site and language, computed
once per change and kept in the shared cache, so a traffic spike costs one cache read per
request, not a query.

A cached summary is trusted until the earliest of:
- a change to a notice (the snapshot round after the commit recomputes it:
  refresh_all_summaries, called from kommun/snapshots/rounds.py);
- the next moment its content changes by the clock alone (a planned start, an end time,
  planned work entering the 24-hour window);
- STATUS_SUMMARY_MAX_AGE seconds, a safety net for changes no signal saw.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from wagtail.models import Site

from kommun.core.pages import find_page

from .models import RESOLVED_VISIBLE_FOR, Notice, State, StatusPage, by_severity, localize, utc

CACHE_KEY = "disruptions:status-summary:v2:{site}:{language}"
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
    language: str  # of the headline: the reader's, or the original's if not yet translated
    translation_missing: bool

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
    language: str
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


def compute_status_summary(site, language, now):
    now = utc(now)
    notices = localize(
        Notice.objects.public(site)
        .disruptions()
        .current(now)
        .select_related("service", "locale")
        .prefetch_related("updates"),
        language,
    )
    status_path = status_page_path(site, language)

    def brief(notice):
        return NoticeBrief(
            pk=notice.pk,
            headline=notice.headline,
            service=notice.service.display_name,
            kind=notice.kind,
            severity=notice.severity,
            starts_at=notice.starts_at,
            expected_end_at=notice.expected_end_at,
            path=f"{status_path}{notice.pk}/" if status_path else "",
            language=notice.content_language,
            translation_missing=notice.translation_missing,
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
        language=language,
        computed_at=now,
        valid_until=valid_until,
    )


def status_page_path(site, language):
    """The status page's path in `language`, relative to its site."""
    status_page = find_page(site, StatusPage, language)
    if status_page is None:
        return ""
    with translation.override(language):
        return status_page.get_url(current_site=site) or ""


def notice_path(notice):
    """
    The notice's page in the active language, relative to its site, or None while the site
    has no status page. Read from the cached summary, so a list of notices costs no queries.
    """
    original = notice.get_original()
    status_path = get_status_summary(notice.site).status_path
    return f"{status_path}{original.pk}/" if status_path else None


def refresh_status_summary(site, language, now=None):
    with translation.override(language):
        summary = compute_status_summary(site, language, now or timezone.now())
    key = CACHE_KEY.format(site=site.pk, language=language)
    cache.set(key, summary, timeout=settings.STATUS_SUMMARY_MAX_AGE * 2)
    return summary


def refresh_all_summaries(now=None):
    """After a change: every site's summary in every language, so no reader waits for one."""
    now = now or timezone.now()
    for site in Site.objects.select_related("root_page"):
        for language, _name in settings.LANGUAGES:
            refresh_status_summary(site, language, now)


def get_status_summary(site, language=None, now=None):
    language = language or translation.get_language()
    now = utc(now or timezone.now())
    summary = cache.get(CACHE_KEY.format(site=site.pk, language=language))
    if summary is None or not summary.is_fresh_at(now):
        summary = refresh_status_summary(site, language, now)
    return summary
