"""CAP 1.2: every message validates against the OASIS schema, and the references chain holds."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import etree
from wagtail.models import Site

from kommun.core.models import MunicipalitySettings
from kommun.disruptions.models import Notice, Publication
from kommun.feeds import cap

NS = {"cap": cap.NAMESPACE}
CAP_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


@pytest.fixture
def municipality(home):
    settings_ = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    settings_.municipality_code = "0684"
    settings_.cap_sender = "driftinfo@testby.example"
    settings_.save()
    return settings_


def fetch(client, publication):
    response = client.get(f"/cap/{publication.pk}.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/cap+xml")
    return response.content


def text(document, path):
    return etree.fromstring(document).findtext(path, namespaces=NS)


def test_first_publication_update_and_cancel_validate_and_chain_their_references(
    rita, make_notice, municipality, cap_schema
):
    notice = make_notice(headline="Vattenläcka", what_to_do="Koka vattnet.")
    notice.what_is_being_done = "Vi gräver."
    notice.publish_change()
    notice.cancel(timezone.now())
    notice.publish_change()

    alert, update, cancel = Publication.objects.filter(notice=notice).order_by("pk")
    documents = [fetch(rita, publication) for publication in (alert, update, cancel)]
    for document in documents:
        cap_schema.validate(document.decode())

    assert [text(d, "cap:msgType") for d in documents] == ["Alert", "Update", "Cancel"]
    assert text(documents[0], "cap:references") is None

    def triple(document):
        sender = "driftinfo@testby.example"
        return f"{sender},{text(document, 'cap:identifier')},{text(document, 'cap:sent')}"

    assert text(documents[1], "cap:references") == triple(documents[0])
    assert text(documents[2], "cap:references") == " ".join(
        [triple(documents[0]), triple(documents[1])]
    )
    identifiers = {text(d, "cap:identifier") for d in documents}
    assert len(identifiers) == 3
    assert text(documents[2], "cap:info/cap:urgency") == "Past"


def test_an_info_block_carries_the_notice_and_the_municipality_code(
    rita, make_notice, municipality, cap_schema
):
    notice = make_notice(
        headline="Vattenläcka",
        severity=Notice.Severity.CRITICAL,
        affected_area="Storgatan 1–40",
        what_to_do="Koka vattnet.",
        contact="Kundservice 0123-456 70",
    )
    document = rita.get(f"/cap/notice/{notice.pk}.xml").content
    cap_schema.validate(document.decode())
    info = "cap:info/"
    assert text(document, info + "cap:language") == "sv-SE"
    assert text(document, info + "cap:category") == "Infra"
    assert text(document, info + "cap:event") == "Oplanerad driftstörning: Vatten och avlopp"
    assert text(document, info + "cap:urgency") == "Immediate"
    assert text(document, info + "cap:severity") == "Severe"
    assert text(document, info + "cap:certainty") == "Observed"
    assert text(document, info + "cap:headline") == "Vattenläcka"
    assert text(document, info + "cap:instruction") == "Koka vattnet."
    assert text(document, info + "cap:contact") == "Kundservice 0123-456 70"
    assert text(document, info + "cap:web") == f"http://testserver/sv/driftinformation/{notice.pk}/"
    assert text(document, info + "cap:area/cap:areaDesc") == "Storgatan 1–40"
    assert text(document, info + "cap:area/cap:geocode/cap:valueName") == "SE-KOMMUNKOD"
    assert text(document, info + "cap:area/cap:geocode/cap:value") == "0684"


def test_times_have_an_offset_and_whole_seconds_never_z(rita, make_notice, municipality):
    winter = timezone.now().replace(month=1, day=15, hour=7, minute=0, second=0, microsecond=0)
    notice = make_notice(starts=winter, expected_end=winter + timedelta(hours=4))
    document = rita.get(f"/cap/notice/{notice.pk}.xml").content
    times = [
        text(document, "cap:sent"),
        text(document, "cap:info/cap:onset"),
        text(document, "cap:info/cap:expires"),
    ]
    assert all(CAP_TIME.match(value) for value in times), times
    assert text(document, "cap:info/cap:onset") == f"{winter.year}-01-15T08:00:00+01:00"


def test_one_alert_carries_an_info_block_per_language(make_notice, municipality, cap_schema):
    notice = make_notice(headline="Vattenläcka")
    publication = notice.publications.get()
    contents = [
        cap.InfoContent("sv", "Vattenläcka", "En ledning har gått sönder.", "", "", "Storgatan"),
        cap.InfoContent("uk", "Витік води", "Пошкоджено водогін.", "", "", "Сторгатан"),
        cap.InfoContent("en", "Water leak", "A main has burst.", "", "", "Storgatan"),
    ]
    alert = cap.build_alert(
        publication, Site.objects.get(is_default_site=True), "http://testserver", contents
    )
    document = cap.to_bytes(alert)
    cap_schema.validate(document.decode())
    infos = etree.fromstring(document).findall("cap:info", NS)
    assert [i.findtext("cap:language", namespaces=NS) for i in infos] == ["sv-SE", "uk-UA", "en-GB"]
    assert [i.findtext("cap:event", namespaces=NS) for i in infos] == [
        "Oplanerad driftstörning: Vatten och avlopp",
        "Позапланові перебої: Водопостачання та водовідведення",
        "Unplanned disruption: Water and sewage",
    ]


def test_an_update_without_earlier_messages_is_refused(make_notice, municipality):
    notice = make_notice()
    publication = notice.publications.get()
    publication.kind = Publication.Kind.UPDATE
    site = Site.objects.get(is_default_site=True)
    with pytest.raises(cap.CapError, match="must reference"):
        cap.build_alert(publication, site, "http://testserver")


def test_a_sender_that_breaks_the_identifier_rules_is_refused(make_notice, municipality):
    municipality.cap_sender = "drift info,kommun"
    municipality.save()
    publication = make_notice().publications.get()
    site = Site.objects.get(is_default_site=True)
    with pytest.raises(cap.CapError, match="without spaces, commas"):
        cap.build_alert(publication, site, "http://testserver")


def test_an_old_message_keeps_the_content_it_was_sent_with(rita, make_notice, municipality):
    notice = make_notice(headline="Första rubriken")
    first = notice.publications.get()
    notice.headline = "Ändrad rubrik"
    notice.publish_change()
    assert text(fetch(rita, first), "cap:info/cap:headline") == "Första rubriken"
    assert text(rita.get(f"/cap/notice/{notice.pk}.xml").content, "cap:info/cap:headline") == (
        "Ändrad rubrik"
    )


def test_withdrawing_a_notice_sends_a_cancel(rita, make_notice, municipality, cap_schema):
    notice = make_notice()
    notice.unpublish()
    last = notice.publications.order_by("-pk").first()
    assert last.kind == Publication.Kind.CANCEL
    cap_schema.validate(fetch(rita, last).decode())


def test_the_published_translations_become_info_blocks_of_the_same_alert(
    rita, make_notice, municipality, cap_schema
):
    from kommun.disruptions.localize import translate_notice

    notice = make_notice(headline="Vattenläcka på Storgatan")
    translate_notice(notice, "en", {"headline": "Water main burst on Storgatan"})
    translate_notice(notice, "uk", {"headline": "Прорив водогону на Сторгатан"})
    # A translation publishes no new CAP message: the alert is still the first.
    assert notice.publications.count() == 1

    document = fetch(rita, notice.publications.get())
    cap_schema.validate(document.decode())
    infos = etree.fromstring(document).findall("cap:info", NS)
    assert [
        (info.findtext("cap:language", namespaces=NS), info.findtext("cap:headline", namespaces=NS))
        for info in infos
    ] == [
        ("sv-SE", "Vattenläcka på Storgatan"),
        ("en-GB", "Water main burst on Storgatan"),
        ("uk-UA", "Прорив водогону на Сторгатан"),
    ]
    # Each block links to the notice's page in its own language, where that text is.
    webs = [info.findtext("cap:web", namespaces=NS) for info in infos]
    assert webs == [
        f"http://testserver/{language}/driftinformation/{notice.pk}/"
        for language in ("sv", "en", "uk")
    ]
    for web, headline in zip(webs, ["Vattenläcka", "Water main", "Прорив"], strict=True):
        page = rita.get(web.removeprefix("http://testserver"))
        assert page.status_code == 200 and headline in page.content.decode(), web
