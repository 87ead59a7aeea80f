"""
Progressive enhancement: with JavaScript switched off every public page still gives the
banner and its content, and the lookup, subscription and report forms work by submitting.
"""

import pytest
from playwright.sync_api import expect

from kommun.accessibility.models import ProblemReport
from kommun.subscriptions.models import Subscription

from .browser import LANGUAGES, open_page, public_pages


@pytest.fixture
def no_script(reader):
    return reader("sv", java_script_enabled=False).new_page()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_is_complete_without_javascript(
    language, public_content, live_server, reader
):
    page = reader(language, java_script_enabled=False).new_page()
    for name, path in public_pages(public_content, language).items():
        open_page(page, live_server, path)
        expect(page.locator(".banner__text"), name).not_to_be_empty()
        expect(page.get_by_role("heading", level=1), name).to_have_count(1)
    # The map stays hidden without its script; the notices are listed as text beside it.
    open_page(page, live_server, public_pages(public_content, language)["status"])
    expect(page.locator(".notice-card").first).to_contain_text("Vattenläcka på Storgatan")
    expect(page.locator(".notice-map")).to_be_hidden()


def test_the_status_and_a_notice_read_fully_without_javascript(
    public_content, live_server, no_script
):
    open_page(no_script, live_server, "/")
    expect(no_script.locator(".banner__text")).to_have_text(
        "Just nu har vi 1 pågående driftstörning"
    )
    no_script.locator(".banner__detail a").click()
    expect(no_script.get_by_role("heading", level=1)).to_have_text("Vattenläcka på Storgatan")
    expect(no_script.locator(".street-list")).to_contain_text("Storgatan")


def test_a_lookup_works_by_submitting_the_form(public_content, live_server, no_script):
    open_page(no_script, live_server, public_pages(public_content, "sv")["lookup"])
    no_script.get_by_label("Din adress").fill("Storgatan 14")
    no_script.get_by_label("Din adress").press("Enter")
    expect(no_script.locator(".lookup-result")).to_contain_text("Vattenläcka på Storgatan")


def test_subscribing_and_reporting_a_problem_work_without_javascript(
    public_content, live_server, no_script
):
    open_page(no_script, live_server, public_pages(public_content, "sv")["subscribe"])
    no_script.get_by_label("E-postadress").fill("utan.skript@example.org")
    no_script.get_by_role("button", name="Prenumerera").click()
    expect(no_script.get_by_role("heading", level=1)).to_have_text("Titta i din inkorg")
    assert Subscription.objects.filter(destination="utan.skript@example.org").exists()

    open_page(no_script, live_server, public_pages(public_content, "sv")["accessibility"])
    no_script.get_by_role("button", name="Skicka rapporten").click()
    expect(no_script.get_by_role("alert")).to_contain_text("Rapporten skickades inte")
    no_script.get_by_label("Vad fungerade inte?").fill("Kontrasten i sidfoten är låg.")
    no_script.get_by_role("button", name="Skicka rapporten").click()
    expect(no_script.get_by_role("status")).to_contain_text("Tack!")
    assert ProblemReport.objects.get().description == "Kontrasten i sidfoten är låg."
