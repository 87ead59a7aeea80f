"""The disruption notice itself: its fields, its admin panels, its state and translations."""

import hashlib

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index

from kommun.areas.geometry import GeometryError, parse_area, to_geojson
from kommun.areas.widgets import MapWidget
from kommun.disruptions.forms import NoticeForm

from .localized import TEXT_FIELDS, LocalizedNotice
from .queries import NoticeQuerySet
from .services import PRINTABLE, Service
from .states import State, TranslationState, utc


class Notice(
    TranslatableMixin,
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """
    A disruption notice ("driftinformation"). Whether it is planned, ongoing or resolved is
    never stored: it follows from its times (see state_at).

    The original is written in its municipality's default language; translations are copies
    in other locales (Wagtail's simple translation) of which only the text counts. Times,
    severity and places are always read from the original.
    """

    class Kind(models.TextChoices):
        UNPLANNED = "unplanned", _("Unplanned disruption")
        PLANNED = "planned", _("Planned work")
        INFORMATION = "information", _("Information")

    class Severity(models.TextChoices):
        CRITICAL = "critical", _("Critical")
        MAJOR = "major", _("Major")
        MINOR = "minor", _("Minor")

    headline = models.CharField(_("headline"), max_length=90, validators=PRINTABLE)
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.UNPLANNED)
    severity = models.CharField(
        _("severity"), max_length=20, choices=Severity, default=Severity.MAJOR
    )
    affected_area = models.TextField(
        _("affected area"),
        help_text=_("Streets, villages or districts that are affected."),
        validators=PRINTABLE,
    )
    starts_at = models.DateTimeField(_("start"), default=timezone.now)
    expected_end_at = models.DateTimeField(
        _("expected end"),
        null=True,
        blank=True,
        help_text=_("An estimate. Residents see it as such."),
    )
    ended_at = models.DateTimeField(
        _("actual end"),
        null=True,
        blank=True,
        help_text=_("Set when the disruption is over. The notice then counts as resolved."),
    )
    areas = ParentalManyToManyField(
        "areas.Area",
        verbose_name=_("areas"),
        blank=True,
        related_name="notices",
        help_text=_("Registered areas the notice affects."),
    )
    polygon = models.TextField(
        _("drawn area"),
        blank=True,
        help_text=_("An area drawn for this notice alone, as GeoJSON."),
    )
    notify_subscribers = models.BooleanField(
        _("notify subscribers of this change"),
        default=False,
        help_text=_(
            "Subscribers are always told of a new notice, a resolve, a cancellation and new "
            "times or severity. Tick this to tell them of another update."
        ),
    )
    cancelled_at = models.DateTimeField(
        _("cancelled"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the notice is called off, for example planned work that will not happen."
        ),
    )
    what_happened = models.TextField(_("what happened"), validators=PRINTABLE)
    what_is_being_done = models.TextField(_("what is being done"), blank=True, validators=PRINTABLE)
    what_to_do = models.TextField(_("what residents should do"), blank=True, validators=PRINTABLE)
    contact = models.TextField(_("whom to contact"), blank=True, validators=PRINTABLE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # On a translation: the original's text_digest() when the translation was last published.
    source_digest = models.CharField(max_length=64, blank=True, editable=False)

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="content_type",
        object_id_field="object_id",
        for_concrete_model=False,
    )

    objects = NoticeQuerySet.as_manager()

    base_form_class = NoticeForm
    panels = [
        FieldPanel("headline"),
        FieldRowPanel(
            [
                # A plain list: the chooser would offer every municipality's services.
                FieldPanel("service", widget=forms.Select),
                FieldPanel("kind"),
                FieldPanel("severity"),
            ]
        ),
        MultiFieldPanel(
            [
                FieldPanel("affected_area"),
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("polygon", widget=MapWidget),
                FieldPanel("repair_polygon"),
                InlinePanel("streets", label=_("street")),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("starts_at"),
                FieldPanel("expected_end_at"),
                FieldPanel("ended_at"),
                FieldPanel("cancelled_at"),
            ],
            heading=_("Times"),
        ),
        FieldPanel("what_happened"),
        FieldPanel("what_is_being_done"),
        FieldPanel("what_to_do"),
        FieldPanel("contact"),
        InlinePanel("updates", heading=_("Timeline"), label=_("update")),
        FieldPanel("notify_subscribers"),
    ]

    search_fields = [
        index.SearchField("headline"),
        index.SearchField("affected_area"),
        index.SearchField("what_happened"),
        index.FilterField("service"),
        index.FilterField("kind"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-starts_at"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        # A new notice is an original, written in its municipality's language, whatever
        # the language of the admin it was written in. Translations share a translation_key
        # with their original and keep the locale they were made for.
        if self._state.adding and self.service_id:
            if not Notice.objects.filter(translation_key=self.translation_key).exists():
                from kommun.core.sites import default_locale

                self.locale = default_locale(self.service.site)
            else:
                # A new translation is a copy of the original's text: a draft until an
                # editor has translated and published it.
                self.live = False
                self.has_unpublished_changes = True
                self.live_revision = None
                self.first_published_at = self.last_published_at = None
                self.source_digest = ""
        super().save(*args, **kwargs)

    def clean(self):
        # A cancelled notice is over from the moment it was cancelled.
        if self.cancelled_at and (self.ended_at is None or self.ended_at > self.cancelled_at):
            self.ended_at = self.cancelled_at
        errors = {}
        starts_at, expected_end_at, ended_at = (
            utc(self.starts_at),
            utc(self.expected_end_at),
            utc(self.ended_at),
        )
        if expected_end_at and starts_at and expected_end_at < starts_at:
            errors["expected_end_at"] = _("The expected end cannot be before the start.")
        if ended_at and starts_at and ended_at < starts_at and not self.cancelled_at:
            errors["ended_at"] = _("The actual end cannot be before the start.")
        if self.polygon.strip():
            try:
                self.polygon = to_geojson(
                    parse_area(self.polygon, repair=self.repair_polygon, bounds=self._bounds())
                )
            except GeometryError as error:
                errors["polygon"] = str(error)
        if errors:
            raise ValidationError(errors)

    def _bounds(self):
        from kommun.core.sites import municipality

        return municipality(self.service.site).bounds if self.service_id else None

    # Set by the admin form when the editor agrees to have an invalid drawing repaired.
    repair_polygon = False

    def cancel(self, now):
        self.cancelled_at = now
        self.clean()

    @property
    def site(self):
        return self.service.site

    @property
    def language(self):
        return self.locale.language_code

    def is_original(self):
        from kommun.core.sites import default_language

        return self.language == default_language(self.site)

    def get_original(self):
        if self.is_original():
            return self
        from kommun.core.sites import default_locale

        return (
            Notice.objects.filter(
                translation_key=self.translation_key, locale=default_locale(self.site)
            ).first()
            or self
        )

    def text_digest(self):
        """What a translation is made from: when this changes, translations are outdated."""
        parts = [getattr(self, field) for field in TEXT_FIELDS]
        parts += [f"{u.posted_at.isoformat()} {u.text}" for u in self.timeline]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def translation_states(self):
        """For each other language: missing, draft, outdated or current."""
        translations = {
            t.language: t for t in Notice.objects.translations_of(self).select_related("locale")
        }
        digest = self.text_digest()
        states = []
        for code, name in settings.LANGUAGES:
            if code == self.language:
                continue
            translation_ = translations.get(code)
            if translation_ is None:
                state = TranslationState.MISSING
            elif not translation_.live:
                state = TranslationState.DRAFT
            elif translation_.source_digest != digest:
                state = TranslationState.OUTDATED
            else:
                state = TranslationState.CURRENT
            states.append((code, name, state))
        return states

    def publish_change(self, user=None):
        """Validates and publishes this notice as a new revision, as the admin does."""
        self.full_clean()
        if self.pk is None:
            self.save()  # a revision needs an object to belong to
        self.save_revision(user=user, log_action=True).publish(user=user)

    def state_at(self, now):
        now = utc(now)
        if self.ended_at is not None and utc(self.ended_at) <= now:
            return State.CANCELLED if self.cancelled_at else State.RESOLVED
        if utc(self.starts_at) > now:
            return State.PLANNED
        return State.ONGOING

    @property
    def state(self):
        return self.state_at(timezone.now())

    def get_state_display(self):
        return self.state.label

    @property
    def severity_rank(self):
        return SEVERITY_RANK[self.severity]

    @property
    def timeline(self):
        return sorted(self.updates.all(), key=lambda update: update.posted_at, reverse=True)

    def get_preview_template(self, request, mode_name):
        return "disruptions/notice_detail.html"

    def get_preview_context(self, request, mode_name):
        # The editor sees the notice as written, in its own language.
        shown = LocalizedNotice.as_written(self) if self.locale_id else self
        return {"notice": shown, "state": self.state}


# Most severe first.
SEVERITY_RANK = {Notice.Severity.CRITICAL: 0, Notice.Severity.MAJOR: 1, Notice.Severity.MINOR: 2}


def by_severity(notice):
    return (SEVERITY_RANK[notice.severity], -notice.starts_at.timestamp())
