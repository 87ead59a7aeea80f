"""Rita reads the accessibility statement and reports a problem; Alice, an editor, gets it."""

from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup
from django.utils import timezone, translation

from kommun.accessibility.models import AccessibilityStatementPage, ProblemReport


def statement(home):
    return AccessibilityStatementPage.objects.child_of(home).get()


def test_every_page_links_to_the_statement_which_names_level_methods_and_limitations(rita, home):
    soup = BeautifulSoup(rita.get("/sv/nyheter/").content, "html.parser")
    link = soup.select_one("footer a[href='/sv/tillganglighet/']")
    assert link.get_text() == "Tillgänglighetsredogörelse"

    response = rita.get("/sv/tillganglighet/")
    text = " ".join(BeautifulSoup(response.content, "html.parser").main.get_text().split())
    assert "delvis förenlig med lagen (2018:1937)" in text
    assert "WCAG 2.1 på nivå AA" in text
    assert "axe-core" in text
    assert "Kartorna på driftinformationssidan" in text  # the seeded known limitations
    assert "Rapportera ett problem" in text


def test_a_report_is_kept_for_the_editors_and_emailed_to_the_configured_address(
    rita, home, mailoutbox, django_capture_on_commit_callbacks
):
    page = statement(home)
    page.report_email = "tillganglighet@kommun.example"
    page.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        response = rita.post(
            "/sv/tillganglighet/",
            {
                "description": "Kartan går inte att nå med tangentbordet.",
                "page_address": "/driftinformation/",
                "email": "rita@example.org",
            },
        )
    assert response.status_code == 200
    assert "Din rapport har kommit fram till redaktörerna" in response.content.decode()

    report = ProblemReport.objects.get()
    assert report.description == "Kartan går inte att nå med tangentbordet."
    assert report.emailed_at is not None
    [message] = mailoutbox
    assert message.to == ["tillganglighet@kommun.example"]
    assert message.reply_to == ["rita@example.org"]
    assert "Kartan går inte att nå med tangentbordet." in message.body
    assert "/driftinformation/" in message.body


def test_without_a_configured_address_the_report_goes_to_the_administrators(
    rita, home, alice, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rita.post("/sv/tillganglighet/", {"description": "Texten är för liten."})
    [message] = mailoutbox
    assert message.to == ["alice@example.invalid"]
    assert message.reply_to == []


def test_bad_input_gets_clear_errors_tied_to_the_fields_and_stores_nothing(rita, home):
    response = rita.post("/sv/tillganglighet/", {"description": "  ", "email": "rita@"})
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Rapporten skickades inte" in soup.select_one("[role=alert]").get_text()
    description = soup.select_one("#id_description")
    assert description["aria-invalid"] == "true"
    assert "id_description-errors" in description["aria-describedby"].split()
    errors = soup.select_one("#id_description-errors").get_text()
    assert "Beskriv problemet, så att vi kan åtgärda det." in errors
    assert "namn@example.se" in soup.select_one("#id_email-errors").get_text()
    assert ProblemReport.objects.count() == 0


def test_editors_find_the_reports_in_the_admin(client, alice, home):
    ProblemReport.objects.create(site=home.get_site(), description="Knappen saknar text.")
    client.force_login(alice)
    response = client.get("/admin/accessibility_reports/")
    assert response.status_code == 200
    assert "Knappen saknar text." in response.content.decode()


def test_reports_are_rate_limited_per_client(rita, home, settings):
    settings.REPORT_RATE_PER_HOUR = 2
    codes = [
        rita.post("/sv/tillganglighet/", {"description": f"Fel {n}"}).status_code for n in range(4)
    ]
    assert codes == [200, 200, 429, 429]
    assert ProblemReport.objects.count() == 2


def test_an_overlong_email_address_is_refused(rita, home):
    email = "a" * 300 + "@example.org"
    response = rita.post("/sv/tillganglighet/", {"description": "Fel", "email": email})
    assert response.status_code == 400
    assert ProblemReport.objects.count() == 0


def test_a_report_to_the_ukrainian_municipality_is_mailed_to_its_editors_in_ukrainian(
    partner, partner_client, alice, mailoutbox, django_capture_on_commit_callbacks
):
    # A visitor reads the partner municipality's statement in Swedish and reports from it;
    # Lisohirsk's editors read Ukrainian and keep Kyiv time.
    with django_capture_on_commit_callbacks() as mailing:
        response = partner_client.post(
            "/sv/tillganglighet/", {"description": "Kartan går inte att nå med tangentbordet."}
        )
    assert response.status_code == 200
    # The mail goes out later, from a worker that has no language or time zone active.
    translation.deactivate()
    timezone.deactivate()
    for callback in mailing:
        callback()

    report = ProblemReport.objects.get()
    assert report.site == partner
    [message] = mailoutbox
    assert message.subject.startswith("Повідомлено про проблему доступності:")
    assert "Відвідувач повідомив про проблему з доступністю вебсайту." in message.body
    assert "Kartan går inte att nå med tangentbordet." in message.body
    reported = report.created_at.astimezone(ZoneInfo("Europe/Kyiv"))
    assert f"Повідомлено: {reported.day} " in message.body
    assert f"{reported:%H:%M}" in message.body
