"""The questions asked of notices, as database filters."""

from django.db import models
from django.db.models import F, Q

from .states import RESOLVED_VISIBLE_FOR, utc


class NoticeQuerySet(models.QuerySet):
    """The state rules of Notice.state_at(), expressed as database filters."""

    def originals(self, site):
        """
        The site's notices in its default language: one per notice, whatever language the
        reader reads (see localize() for the text in that language).
        """
        from kommun.core.sites import default_language

        return self.filter(service__site=site, locale__language_code=default_language(site))

    def all_originals(self):
        """Every site's originals, for work that spans the installation."""
        return self.filter(
            locale__language_code=F("service__site__municipalitysettings__default_language")
        )

    def public(self, site):
        """What the site's residents may see: its published originals, in any state."""
        return self.originals(site).filter(live=True)

    def translations_of(self, notice):
        return self.filter(translation_key=notice.translation_key).exclude(pk=notice.pk)

    def disruptions(self):
        return self.exclude(kind=self.model.Kind.INFORMATION)

    def not_ended(self, now):
        """Ongoing or planned: no end yet, or one still ahead."""
        now = utc(now)
        return self.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=now))

    def ongoing(self, now):
        now = utc(now)
        return self.not_ended(now).filter(starts_at__lte=now)

    def planned(self, now):
        now = utc(now)
        return self.not_ended(now).filter(starts_at__gt=now)

    def resolved(self, now):
        now = utc(now)
        return self.filter(ended_at__lte=now)

    def recently_resolved(self, now):
        now = utc(now)
        return self.resolved(now).filter(ended_at__gt=now - RESOLVED_VISIBLE_FOR)

    def archived(self, now):
        now = utc(now)
        return self.filter(ended_at__lte=now - RESOLVED_VISIBLE_FOR)

    def current(self, now):
        """Everything the status page shows: not yet resolved, or resolved recently."""
        now = utc(now)
        return self.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=now - RESOLVED_VISIBLE_FOR))
