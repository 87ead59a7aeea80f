from datetime import date, datetime

from ninja import Field, Schema
from pydantic import AwareDatetime

from kommun.disruptions.models import Notice, State
from kommun.disruptions.summary import notice_path

# The notices given to these schemas are LocalizedNotice values (kommun.disruptions.localize).

# Errors share one shape: {"detail": "..."} or, for invalid input, a list naming each field.


class ErrorOut(Schema):
    detail: str


class FieldErrorOut(Schema):
    loc: list[str | int] = Field(description='Where the problem is, e.g. ["body", "headline"]')
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[FieldErrorOut]


class ServiceOut(Schema):
    slug: str
    name: str = Field(description="In the language asked for")

    @staticmethod
    def resolve_name(service):
        return service.display_name


class UpdateOut(Schema):
    posted_at: datetime
    text: str


class NoticeOut(Schema):
    id: int
    headline: str
    service: ServiceOut
    kind: Notice.Kind
    severity: Notice.Severity
    state: State
    affected_area: str
    starts_at: datetime
    expected_end_at: datetime | None = Field(description="An estimate, not a promise")
    ended_at: datetime | None
    cancelled_at: datetime | None
    what_happened: str
    what_is_being_done: str
    what_to_do: str
    contact: str
    published_at: datetime | None = Field(description="When the notice was first published")
    updated_at: datetime | None = Field(description="When the notice was last published")
    url: str
    language: str = Field(description="The language of the text: sv, uk or en")
    translation_missing: bool = Field(
        description="No translation into the language asked for yet: the text is the original"
    )

    @staticmethod
    def resolve_id(notice):
        return notice.pk

    @staticmethod
    def resolve_published_at(notice):
        return notice.first_published_at

    @staticmethod
    def resolve_updated_at(notice):
        return notice.last_published_at

    @staticmethod
    def resolve_url(notice, context):
        return context["request"].build_absolute_uri(notice_path(notice))

    @staticmethod
    def resolve_language(notice):
        return notice.content_language

    @staticmethod
    def resolve_translation_missing(notice):
        return notice.translation_missing


class NoticeDetailOut(NoticeOut):
    timeline: list[UpdateOut] = Field(description="Newest first")

    @staticmethod
    def resolve_timeline(notice):
        return notice.localized_timeline


class NoticeRefOut(Schema):
    id: int
    headline: str
    service: str
    severity: Notice.Severity
    url: str
    language: str = Field(description="The headline's language: not yet translated if not yours")


class StatusOut(Schema):
    banner: str = Field(description="The banner's headline, in the language asked for")
    ongoing: int
    planned: int
    planned_within_24_hours: int
    recently_resolved: int = Field(description="Resolved or cancelled in the last 7 days")
    most_severe: NoticeRefOut | None
    changed_at: datetime | None = Field(description="The last publish, start or end")
    generated_at: datetime


class ArticleOut(Schema):
    id: int
    title: str
    published: date
    lead: str
    url: str
    updated_at: datetime | None
    language: str = Field(description="The language of the text: sv, uk or en")

    @staticmethod
    def resolve_language(article):
        return article.content_language

    @staticmethod
    def resolve_url(article, context):
        return context["request"].build_absolute_uri(article.url)

    @staticmethod
    def resolve_updated_at(article):
        return article.updated_at


class NoticeIn(Schema):
    headline: str = Field(min_length=1, max_length=90)
    service: str = Field(description="A service slug, e.g. vatten-och-avlopp")
    kind: Notice.Kind = Notice.Kind.UNPLANNED
    severity: Notice.Severity = Notice.Severity.MAJOR
    affected_area: str = Field(min_length=1)
    starts_at: AwareDatetime | None = Field(None, description="Defaults to now")
    expected_end_at: AwareDatetime | None = None
    what_happened: str = Field(min_length=1)
    what_is_being_done: str = ""
    what_to_do: str = ""
    contact: str = ""
    update: str | None = Field(None, description="A first entry for the timeline")


class UpdateIn(Schema):
    text: str = Field(min_length=1, description="The new timeline entry")
    headline: str | None = Field(None, min_length=1, max_length=90)
    severity: Notice.Severity | None = None
    affected_area: str | None = Field(None, min_length=1)
    expected_end_at: AwareDatetime | None = None
    what_is_being_done: str | None = None
    what_to_do: str | None = None
    contact: str | None = None


class ResolveIn(Schema):
    ended_at: AwareDatetime | None = Field(None, description="Defaults to now")
    text: str | None = Field(None, description="A closing entry for the timeline")


class CancelIn(Schema):
    text: str | None = Field(None, description="Why it was called off, for the timeline")


class AddressOut(Schema):
    id: int
    label: str
    street: str
    number: int
    letter: str
    postcode: str
    locality: str
    lat: float
    lon: float

    @staticmethod
    def resolve_id(address):
        return address.pk


class LookupOut(Schema):
    address: AddressOut | None = Field(description="Null when looking up by coordinates")
    notices: list[NoticeOut] = Field(description="Ongoing and planned notices affecting it")
    checked_at: datetime
