"""
Notices as OASIS Common Alerting Protocol 1.2 messages.

Each Publication of a notice is one CAP message: the first is an Alert, later changes are
Updates and a cancellation (or withdrawal) is a Cancel. Updates and Cancels reference every
earlier message of the notice. The content is the notice as it was at that publication.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone, translation
from lxml import etree

from kommun.core.models import MunicipalitySettings
from kommun.core.text import printable
from kommun.disruptions.affected import notice_geometry
from kommun.disruptions.models import Notice, Publication, State
from kommun.disruptions.summary import notice_path

NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
CAP_LANGUAGES = {"sv": "sv-SE", "uk": "uk-UA", "en": "en-GB"}

# What the CAP categories call each service; the rest is Infra.
CATEGORY_BY_SERVICE = {
    "gator-och-vagar": "Transport",
    "avfallshamtning": "Env",
    "atervinningscentraler": "Env",
    "ovrigt": "Other",
}
SEVERITY = {
    Notice.Severity.CRITICAL: "Severe",
    Notice.Severity.MAJOR: "Moderate",
    Notice.Severity.MINOR: "Minor",
}
# CAP forbids these in identifiers and senders, and references are separated by them.
FORBIDDEN = re.compile(r"[\s,<&]")


class CapError(ValueError):
    """A message that would break rules of CAP the schema cannot check."""


@dataclass(frozen=True)
class InfoContent:
    """One language's text of a notice."""

    language: str  # sv, uk or en
    headline: str
    description: str
    instruction: str
    contact: str
    area: str


def info_contents(notice):
    """
    The notice's text in each language it has: the original as published, then each
    published translation.
    """
    translations = (
        Notice.objects.filter(translation_key=notice.translation_key, live=True)
        .exclude(locale_id=notice.locale_id)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    return [
        InfoContent(
            language=version.locale.language_code,
            headline=version.headline,
            description=version.what_happened,
            instruction=version.what_to_do,
            contact=version.contact,
            area=version.affected_area,
        )
        for version in [notice, *translations]
    ]


def cap_time(moment):
    """2026-01-15T08:00:00+01:00: local time with its offset, whole seconds, never Z."""
    local = timezone.localtime(moment).replace(microsecond=0)
    return local.isoformat()


def identifier(publication, municipality):
    value = (
        f"kommun-{municipality.municipality_code}-notice-{publication.notice_id}-{publication.pk}"
    )
    _check_token("identifier", value)
    return value


def _check_token(name, value):
    if not value or FORBIDDEN.search(value):
        raise CapError(f"CAP {name} {value!r} must be non-empty without spaces, commas, < or &")


def urgency(notice, moment):
    state = notice.state_at(moment)
    if state == State.ONGOING:
        return "Immediate"
    if state == State.PLANNED:
        return "Future"
    return "Past"


def certainty(notice, moment):
    if notice.state_at(moment) == State.PLANNED:
        return "Likely"
    return "Observed"


def build_alert(publication, site, base_url, contents=None):
    """The CAP document of one publication, as an lxml element."""
    municipality = MunicipalitySettings.for_site(site)
    _check_token("sender", municipality.cap_sender)
    notice = publication.published_notice()
    earlier = list(publication.earlier())
    if publication.kind != Publication.Kind.ALERT and not earlier:
        raise CapError(f"a CAP {publication.kind} must reference the messages before it")

    alert = etree.Element(f"{{{NAMESPACE}}}alert", nsmap={None: NAMESPACE})
    _add(alert, "identifier", identifier(publication, municipality))
    _add(alert, "sender", municipality.cap_sender)
    _add(alert, "sent", cap_time(publication.sent))
    _add(alert, "status", "Actual")
    _add(alert, "msgType", publication.kind)
    _add(alert, "scope", "Public")
    if earlier:
        _add(
            alert,
            "references",
            " ".join(
                f"{municipality.cap_sender},{identifier(e, municipality)},{cap_time(e.sent)}"
                for e in earlier
            ),
        )
    for content in contents or info_contents(notice):
        _add_info(alert, notice, publication, content, municipality, base_url)
    return alert


def _add_info(alert, notice, publication, content, municipality, base_url):
    # sent is the moment of publishing rounded down to the second; the notice's state is
    # read just after it, so that a resolve or cancel counts as done.
    moment = publication.sent + timedelta(seconds=1)
    info = _add(alert, "info")
    _add(info, "language", CAP_LANGUAGES[content.language])
    _add(info, "category", CATEGORY_BY_SERVICE.get(notice.service.slug, "Infra"))
    with translation.override(content.language):
        event = f"{notice.get_kind_display()}: {notice.service.display_name}"
        # The notice's page in this block's language: /uk/… for the Ukrainian text.
        web = base_url + (notice_path(notice) or "/")
    _add(info, "event", event)
    _add(info, "urgency", urgency(notice, moment))
    _add(info, "severity", SEVERITY[notice.severity])
    _add(info, "certainty", certainty(notice, moment))
    _add(info, "onset", cap_time(notice.starts_at))
    expires = notice.ended_at or notice.expected_end_at
    if expires and expires > notice.starts_at:
        _add(info, "expires", cap_time(expires))
    _add(info, "headline", content.headline)
    _add(info, "description", content.description)
    if content.instruction:
        _add(info, "instruction", content.instruction)
    _add(info, "web", web)
    if content.contact or municipality.default_contact:
        _add(info, "contact", content.contact or municipality.default_contact)
    area = _add(info, "area")
    _add(area, "areaDesc", content.area)
    for ring in polygon_rings(notice):
        _add(area, "polygon", ring)
    geocode = _add(area, "geocode")
    _add(geocode, "valueName", municipality.geocode_name)
    _add(geocode, "value", municipality.municipality_code)


def polygon_rings(notice):
    """CAP polygons: the outer ring of each part as "lat,lon" pairs, first pair repeated last."""
    geometry = notice_geometry(notice)
    if geometry is None:
        return []
    parts = geometry.geoms if hasattr(geometry, "geoms") else [geometry]
    rings = []
    for part in parts:
        points = [f"{lat:.6f},{lon:.6f}" for lon, lat in part.exterior.coords]
        if points[0] != points[-1]:
            points.append(points[0])
        if len(points) < 4:
            raise CapError("a CAP polygon needs at least four points")
        rings.append(" ".join(points))
    return rings


def _add(parent, name, text=None):
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{name}")
    if text is not None:
        # lxml refuses what XML cannot carry; an old row with such a character must not
        # keep the message from being sent.
        element.text = printable(text)
    return element


def to_bytes(alert):
    return etree.tostring(alert, xml_declaration=True, encoding="UTF-8", pretty_print=True)
