from datetime import timedelta

from bs4 import BeautifulSoup

from kommun.disruptions.models import Notice


def sections(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        section.h2["id"].removeprefix("section-"): [
            card.h3.get_text(strip=True) for card in section.select(".notice-card")
        ]
        for section in soup.select("section.status-section")
    }


def test_it_lists_ongoing_by_severity_then_planned_by_start_then_recently_resolved(
    rita, make_notice, heating
):
    make_notice(headline="Mindre: trycket", severity=Notice.Severity.MINOR)
    make_notice(headline="Kritisk: huvudledning", severity=Notice.Severity.CRITICAL)
    make_notice(headline="Allvarlig: värmen", service=heating, severity=Notice.Severity.MAJOR)
    make_notice(headline="Planerad om en vecka", starts=timedelta(days=7))
    make_notice(headline="Planerad i morgon", starts=timedelta(days=1))
    make_notice(headline="Lagad i förrgår", starts=-timedelta(days=3), ends=-timedelta(days=2))
    make_notice(headline="Lagad i går", starts=-timedelta(days=2), ends=-timedelta(days=1))
    make_notice(
        headline="Lagad för länge sedan", starts=-timedelta(days=30), ends=-timedelta(days=29)
    )

    listed = sections(rita.get("/sv/driftinformation/"))

    assert listed["ongoing"] == ["Kritisk: huvudledning", "Allvarlig: värmen", "Mindre: trycket"]
    assert listed["planned"] == ["Planerad i morgon", "Planerad om en vecka"]
    assert listed["resolved"] == ["Lagad i går", "Lagad i förrgår"]


def test_the_archive_holds_what_was_resolved_more_than_seven_days_ago(rita, make_notice):
    make_notice(headline="Lagad i går", starts=-timedelta(days=2), ends=-timedelta(days=1))
    make_notice(
        headline="Lagad för länge sedan", starts=-timedelta(days=30), ends=-timedelta(days=29)
    )
    status = rita.get("/sv/driftinformation/")
    assert 'href="/sv/driftinformation/arkiv/"' in status.content.decode()

    archive = rita.get("/sv/driftinformation/arkiv/")
    titles = [
        title.get_text(strip=True)
        for title in BeautifulSoup(archive.content, "html.parser").select(".notice-card__title")
    ]
    assert titles == ["Lagad för länge sedan"]


def test_it_can_be_filtered_by_service(rita, make_notice, heating):
    make_notice(headline="Vattenläcka")
    make_notice(headline="Värmen borta", service=heating)

    listed = sections(rita.get("/sv/driftinformation/", {"service": "fjarrvarme"}))

    assert listed["ongoing"] == ["Värmen borta"]


def test_an_unknown_service_filter_is_a_404_not_a_silent_full_list(rita, make_notice):
    make_notice(headline="Vattenläcka")
    assert rita.get("/sv/driftinformation/", {"service": "finns-inte"}).status_code == 404


def test_a_notice_page_answers_the_five_questions_with_the_timeline_newest_first(rita, make_notice):
    notice = make_notice(
        headline="Vattenläcka på Storgatan",
        affected_area="Storgatan 1–40",
        what_happened="En huvudledning har gått sönder.",
        what_is_being_done="Reparatörer gräver fram ledningen.",
        what_to_do="Hämta vatten vid tankbilen på torget.",
        contact="Kundservice vatten, 0123-456 70.",
        updates=[
            (-timedelta(hours=2), "Läckan är hittad."),
            (-timedelta(minutes=10), "Tankbilen står på torget."),
            (-timedelta(hours=1), "Grävningen har börjat."),
        ],
    )
    response = rita.get(f"/sv/driftinformation/{notice.pk}/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    main = soup.select_one("main")
    assert main.h1.get_text(strip=True) == "Vattenläcka på Storgatan"
    answers = {
        h2.get_text(strip=True): h2.find_next_sibling("p").get_text(strip=True)
        for h2 in main.select("article > h2")
    }
    assert answers == {
        "Vad har hänt?": "En huvudledning har gått sönder.",
        "Påverkar det mig?": "Storgatan 1–40",
        "Vad görs?": "Reparatörer gräver fram ledningen.",
        "Vad ska jag göra?": "Hämta vatten vid tankbilen på torget.",
        "Vem kontaktar jag?": "Kundservice vatten, 0123-456 70.",
    }
    timeline = [li.span.get_text(strip=True) for li in main.select(".timeline__list li")]
    assert timeline == ["Tankbilen står på torget.", "Grävningen har börjat.", "Läckan är hittad."]


def test_a_draft_notice_is_not_public(rita, make_notice):
    draft = make_notice(headline="Hemligt utkast", live=False)
    assert rita.get(f"/sv/driftinformation/{draft.pk}/").status_code == 404
    assert "Hemligt utkast" not in rita.get("/sv/driftinformation/").content.decode()


def test_unpublished_changes_to_a_live_notice_stay_private(rita, make_notice):
    notice = make_notice(headline="Vattenläcka")
    notice.headline = "Ändrad men inte publicerad"
    notice.save_revision()  # a draft of the change, as the admin's "Save draft" does

    page = rita.get(f"/sv/driftinformation/{notice.pk}/").content.decode()
    assert "Vattenläcka" in page
    assert "Ändrad men inte publicerad" not in page
