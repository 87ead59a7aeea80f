import hashlib
from datetime import UTC, timedelta

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import (
    DraftStateMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    Site,
    TranslatableMixin,
)
from wagtail.search import index

from kommun.areas.geometry import GeometryError, parse_area, to_geojson
from kommun.areas.widgets import MapWidget
from kommun.core.admin_scope import SiteScopedForm
from kommun.core.text import refuse_control_characters
from kommun.disruptions.forms import NoticeForm

# On every text an editor or operations system writes that reaches the page and the feeds.
PRINTABLE = [refuse_control_characters]

# A resolved notice stays on the status page for this long, then lives in the archive.
RESOLVED_VISIBLE_FOR = timedelta(days=7)


def utc(moment):
    """
    Times are compared and shifted in UTC. Python compares and subtracts two datetimes of
    the same zone by their wall-clock readings, which is wrong across a daylight-saving change.
    """
    return moment.astimezone(UTC) if moment is not None else None


# The services every municipality starts with. Their names are in the catalogues, so they
# read right in every language; a service an editor adds or renames is shown as written.
STANDARD_SERVICES = {
    "vatten-och-avlopp": _("Water and sewage"),
    "fjarrvarme": _("District heating"),
    "el": _("Electricity"),
    "gator-och-vagar": _("Streets and roads"),
    "avfallshamtning": _("Waste collection"),
    "atervinningscentraler": _("Recycling centres"),
    "it-och-e-tjanster": _("IT and e-services"),
    "ovrigt": _("Other"),
}


class Service(models.Model):
    site = models.ForeignKey(
        Site, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("name"), max_length=80, validators=PRINTABLE)
    slug = models.SlugField(_("slug"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("site"), FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    base_form_class = SiteScopedForm

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="one_service_slug_per_site"),
            models.UniqueConstraint(fields=["site", "name"], name="one_service_name_per_site"),
        ]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        """The name in the active language."""
        standard = STANDARD_SERVICES.get(self.slug)
        if standard is None:
            return self.name
        names = set()
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names.add(str(standard))
        return str(standard) if self.name in names else self.name


class State(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    RESOLVED = "resolved", _("Resolved")
    CANCELLED = "cancelled", _("Cancelled")


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

    def translations_of(self, notice):
        return self.filter(translation_key=notice.translation_key).exclude(pk=notice.pk)

    def disruptions(self):
        return self.exclude(kind=Notice.Kind.INFORMATION)

    def ongoing(self, now):
        now = utc(now)
        return self.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=now), starts_at__lte=now)

    def planned(self, now):
        now = utc(now)
        return self.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=now), starts_at__gt=now)

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
        now = utc(now)
        """Everything the status page shows: not yet resolved, or resolved recently."""
        return self.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=now - RESOLVED_VISIBLE_FOR))


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

    def get_absolute_url(self):
        """The notice's page in the active language, relative to its site."""
        from .summary import get_status_summary  # the summary caches the status page's path

        original = self.get_original()
        status_path = get_status_summary(self.site).status_path
        return f"{status_path}{original.pk}/" if status_path else None

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
        from .localize import localize_one

        if self.locale_id:
            localize_one(self, self.language)
        return {"notice": self, "state": self.state}


# The fields a translation carries; everything else is read from the original.
TEXT_FIELDS = [
    "headline",
    "affected_area",
    "what_happened",
    "what_is_being_done",
    "what_to_do",
    "contact",
]


class TranslationState(models.TextChoices):
    MISSING = "missing", _("missing")
    DRAFT = "draft", _("draft")
    OUTDATED = "outdated", _("outdated")
    CURRENT = "current", _("up to date")


# Most severe first.
SEVERITY_RANK = {Notice.Severity.CRITICAL: 0, Notice.Severity.MAJOR: 1, Notice.Severity.MINOR: 2}


def by_severity(notice):
    return (SEVERITY_RANK[notice.severity], -notice.starts_at.timestamp())


class NoticeStreet(models.Model):
    """A street a notice affects, all of it or a range of house numbers."""

    class Parity(models.TextChoices):
        ALL = "all", _("All numbers")
        ODD = "odd", _("Odd numbers")
        EVEN = "even", _("Even numbers")

    notice = ParentalKey(Notice, on_delete=models.CASCADE, related_name="streets")
    street = models.CharField(_("street"), max_length=120, validators=PRINTABLE)
    from_number = models.PositiveIntegerField(_("from number"), null=True, blank=True)
    to_number = models.PositiveIntegerField(_("to number"), null=True, blank=True)
    parity = models.CharField(_("numbers"), max_length=4, choices=Parity, default=Parity.ALL)

    panels = [
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("from_number"), FieldPanel("to_number"), FieldPanel("parity")]),
    ]

    class Meta:
        verbose_name = _("street")
        verbose_name_plural = _("streets")

    def __str__(self):
        return self.description

    def clean(self):
        if self.from_number and self.to_number and self.from_number > self.to_number:
            raise ValidationError({"to_number": _("The range ends before it starts.")})

    @property
    def description(self):
        """The street and its numbers as text, for the page and the feeds."""
        if self.from_number is None and self.to_number is None:
            numbers = ""
        else:
            numbers = f" {self.from_number or 1}–{self.to_number or ''}".rstrip("–")
        if self.parity == self.Parity.ODD:
            numbers += " " + str(_("(odd numbers)"))
        elif self.parity == self.Parity.EVEN:
            numbers += " " + str(_("(even numbers)"))
        return f"{self.street}{numbers}"

    def covers(self, number):
        if self.from_number is not None and number < self.from_number:
            return False
        if self.to_number is not None and number > self.to_number:
            return False
        if self.parity == self.Parity.ODD:
            return number % 2 == 1
        if self.parity == self.Parity.EVEN:
            return number % 2 == 0
        return True


class NoticeUpdate(models.Model):
    """One timestamped entry of a notice's timeline: what is known and being done now."""

    notice = ParentalKey(Notice, on_delete=models.CASCADE, related_name="updates")
    posted_at = models.DateTimeField(_("time"), default=timezone.now)
    text = models.TextField(_("text"), validators=PRINTABLE)

    panels = [FieldPanel("posted_at"), FieldPanel("text")]

    class Meta:
        ordering = ["-posted_at"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self):
        return f"{self.posted_at:%Y-%m-%d %H:%M} {self.text[:40]}"


class Publication(models.Model):
    """
    One publication of a notice: the first, each later change, or its cancellation. Integrators
    build on this history: CAP's references chain and iCalendar's SEQUENCE.
    """

    class Kind(models.TextChoices):
        ALERT = "Alert", _("First publication")
        UPDATE = "Update", _("Update")
        CANCEL = "Cancel", _("Cancellation")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="publications")
    kind = models.CharField(max_length=10, choices=Kind)
    sent = models.DateTimeField()
    # The notice as it was published: a message once sent never changes afterwards.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["sent", "pk"]
        indexes = [models.Index(fields=["notice", "sent"])]

    def __str__(self):
        return f"{self.notice_id} {self.kind} {self.sent:%Y-%m-%d %H:%M:%S}"

    def published_notice(self):
        """The notice's content as of this publication."""
        return self.revision.as_object() if self.revision else self.notice

    def earlier(self):
        return self.notice.publications.filter(
            models.Q(sent__lt=self.sent) | models.Q(sent=self.sent, pk__lt=self.pk)
        )


class StatusPage(RoutablePageMixin, Page):
    """
    The status page at /driftinformation/: what is ongoing, planned and recently resolved,
    with a detail page per notice and the archive below it.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["site.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("status page")

    def selected_service(self, request):
        slug = request.GET.get("service")
        if not slug:
            return None
        service = self.services().filter(slug=slug).first()
        if service is None:
            raise Http404(_("There is no such service."))
        return service

    def services(self):
        return Service.objects.filter(site=self.get_site())

    def in_reader_language(self, notices):
        from .localize import localize  # localize builds on this module

        return localize(notices, translation.get_language())

    def live_notices(self, service=None):
        notices = (
            Notice.objects.originals(self.get_site())
            .filter(live=True)
            .select_related("service", "locale")
            .prefetch_related("updates")
        )
        if service is not None:
            notices = notices.filter(service=service)
        return notices

    @path("")
    def index(self, request):
        now = timezone.now()
        service = self.selected_service(request)
        by_state = {state: [] for state in State}
        notices = self.live_notices(service).current(now).prefetch_related("areas", "streets")
        for notice in self.in_reader_language(notices):
            by_state[notice.state_at(now)].append(notice)
        sections = [
            (State.ONGOING, sorted(by_state[State.ONGOING], key=by_severity)),
            (State.PLANNED, sorted(by_state[State.PLANNED], key=lambda n: n.starts_at)),
            (
                State.RESOLVED,
                sorted(
                    by_state[State.RESOLVED] + by_state[State.CANCELLED],
                    key=lambda n: n.ended_at,
                    reverse=True,
                ),
            ),
        ]
        return self.render(
            request,
            context_overrides={
                "sections": sections,
                "open_notices": by_state[State.ONGOING] + by_state[State.PLANNED],
                "services": self.services(),
                "selected_service": service,
                "now": now,
            },
        )

    @path("arkiv/", name="archive")
    def archive(self, request):
        now = timezone.now()
        service = self.selected_service(request)
        notices = self.live_notices(service).archived(now).order_by("-ended_at")
        page = Paginator(notices, 20).get_page(request.GET.get("page"))
        page.object_list = self.in_reader_language(page.object_list)
        return self.render(
            request,
            template="disruptions/archive.html",
            context_overrides={
                "notices": page,
                "services": self.services(),
                "selected_service": service,
                "now": now,
            },
        )

    @path("<int:pk>/", name="notice")
    def notice(self, request, pk):
        notice = self.live_notices().filter(pk=pk).first()
        if notice is None:
            raise Http404(_("There is no such notice."))
        self.in_reader_language([notice])
        return render(
            request,
            "disruptions/notice_detail.html",
            {"page": self, "notice": notice, "state": notice.state},
        )
