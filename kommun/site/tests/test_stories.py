"""
Residents' and editors' stories in Chromium against a live server.

- Rita, a resident, reads the banner, the status page and a notice, looks up her address
  and subscribes by email, confirming through the message the local mail server received.
- Alice, an editor, publishes a notice in the admin while Rita's page is open, resolves
  it again, and imports a news article that Rita then reads.
"""

import json
import re
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image
from playwright.sync_api import expect

from kommun.site.site_structure import ensure_site_structure
from kommun.subscriptions.models import Subscription
from kommun.subscriptions.tests.conftest import link_in, local_path

from .browser import open_page, public_pages

ALL_CLEAR = "Just nu har vi inga pågående driftstörningar"


def test_rita_reads_the_banner_the_status_page_and_a_notice(public_content, live_server, reader):
    page = reader("sv").new_page()
    open_page(page, live_server, "/")
    expect(page.locator(".banner__text")).to_have_text("Just nu har vi 1 pågående driftstörning")
    expect(page.locator(".banner__detail")).to_contain_text("Vattenläcka på Storgatan")

    page.get_by_role("link", name="Se all driftinformation").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Driftinformation")
    ongoing = page.locator("section").filter(has=page.get_by_role("heading", name="Pågår just nu"))
    expect(ongoing.locator(".notice-card")).to_have_count(1)

    ongoing.get_by_role("link", name="Vattenläcka på Storgatan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vattenläcka på Storgatan")
    expect(page.locator("main")).to_contain_text("Hämta vatten vid tankbilen på torget.")
    expect(page.locator("main")).to_contain_text("Reparatörerna är på plats.")


def test_rita_looks_up_her_address(public_content, live_server, reader):
    page = reader("sv").new_page()
    open_page(page, live_server, "/")
    page.get_by_role("link", name="Berörs jag?").click()
    page.get_by_label("Din adress").fill("storgatan 12")
    page.get_by_role("button", name="Kontrollera").click()

    result = page.locator(".lookup-result")
    expect(result.get_by_role("heading", level=2)).to_contain_text("Storgatan 12")
    expect(result).to_contain_text("Vattenläcka på Storgatan")

    page.get_by_label("Din adress").fill("Ekvägen 3")
    page.get_by_role("button", name="Kontrollera").click()
    expect(result).to_contain_text("Inget påverkar den här adressen just nu.")


def test_rita_subscribes_by_email_and_confirms_through_the_message(
    public_content, live_server, reader, smtp
):
    page = reader("sv").new_page()
    open_page(page, live_server, "/")
    page.get_by_role("link", name="Få besked").click()
    page.get_by_label("E-postadress").fill("rita.r@example.org")
    page.get_by_role("button", name="Prenumerera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Titta i din inkorg")

    [message] = smtp.wait_for(1)
    assert message["To"] == "rita.r@example.org"
    open_page(page, live_server, local_path(link_in(message, "/sv/prenumerera/bekrafta/")))
    page.get_by_role("button", name="Ja, skicka driftinformation till mig").click()
    expect(page.locator("main")).to_contain_text("Prenumerationen är bekräftad")
    assert Subscription.objects.get(destination="rita.r@example.org").confirmed_at is not None


def log_in(page, live_server, user):
    """The password, then for a superuser the code from the authenticator app on her phone."""
    device = None
    if user.is_superuser:
        device = TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)
    open_page(page, live_server, "/admin/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill("pw")
    page.locator("#id_password").press("Enter")
    if device is not None:
        code = page.get_by_label("Kod från din autentiseringsapp")
        code.fill(f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}")
        code.press("Enter")
    expect(page.locator("#wagtail")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def publish(page):
    """The admin's footer: Publish sits in the menu beside Save draft."""
    # A date field's picker that fill() opened may still lie over the footer; a click
    # elsewhere in the form closes it, as it does for an editor.
    page.locator("#id_headline").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    footer = page.locator("footer.footer")
    footer.get_by_role("button", name="Fler åtgärder").click()
    footer.get_by_role("button", name="Publicera").click()
    expect(page.locator(".messages")).to_be_visible()


def local_time(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def test_a_notice_alice_publishes_in_the_admin_reaches_ritas_open_page_and_clears_again(
    transactional_db, live_server, reader, alice
):
    ensure_site_structure("Testby kommun")
    rita = reader("sv").new_page()
    open_page(rita, live_server, "/")
    banner = rita.locator(".banner__text")
    expect(banner).to_have_text(ALL_CLEAR)
    live_region = rita.locator(".banner [aria-live=polite]").element_handle()

    editor = reader("sv").new_page()
    log_in(editor, live_server, alice)
    open_page(editor, live_server, "/admin/snippets/disruptions/notice/add/")
    editor.locator("#id_headline").fill("Vattenläcka vid skolan")
    editor.locator("#id_service").select_option(label="Vatten och avlopp")
    editor.locator("#id_severity").select_option("critical")
    editor.locator("#id_affected_area").fill("Skolvägen 1–9")
    editor.locator("#id_what_happened").fill("En ledning har gått sönder.")
    editor.locator("#id_starts_at").fill(local_time(timezone.now() - timedelta(minutes=5)))
    publish(editor)

    expect(banner).to_have_text("Just nu har vi 1 pågående driftstörning", timeout=60_000)
    expect(rita.locator(".banner__detail")).to_contain_text("Vattenläcka vid skolan")
    # Changed inside the same live region, which is what makes screen readers announce it.
    assert live_region.evaluate("element => element.isConnected")

    editor.get_by_role("link", name="Vattenläcka vid skolan").first.click()
    editor.locator("#id_ended_at").fill(local_time(timezone.now()))
    publish(editor)
    expect(banner).to_have_text(ALL_CLEAR, timeout=60_000)


def test_alice_imports_a_news_article_and_rita_reads_it(
    public_content, live_server, reader, alice, tmp_path
):
    Image.new("RGB", (1200, 800), (200, 160, 60)).save(tmp_path / "torg.jpg")
    (tmp_path / "artikel.json").write_text(
        json.dumps(
            {
                "title": "Torget får nya bänkar",
                "published": "2026-04-01",
                "lead": "Tjugo nya bänkar ställs ut på torget i april.",
                "body": ["Bänkarna är gjorda av ek från kommunens egen skog."],
                "images": [{"path": "torg.jpg", "caption": "Torget.", "alt": "Gula bänkar."}],
            }
        )
    )
    out = tmp_path / "out.txt"
    with out.open("w") as stdout:
        call_command("import_news", str(tmp_path / "artikel.json"), stdout=stdout)
    path = out.read_text().splitlines()[-1]

    editor = reader("sv").new_page()
    log_in(editor, live_server, alice)
    open_page(editor, live_server, f"/admin/pages/{public_content.news_index.pk}/")
    expect(editor.locator("main")).to_contain_text("Torget får nya bänkar")

    rita = reader("sv").new_page()
    open_page(rita, live_server, public_pages(public_content, "sv")["news-index"])
    rita.get_by_role("link", name="Torget får nya bänkar").click()
    assert rita.url == live_server.url + path
    expect(rita.locator("main")).to_contain_text("Bänkarna är gjorda av ek")
    picture = rita.get_by_role("img", name="Gula bänkar.")
    expect(picture).to_have_attribute("srcset", re.compile(r"\.webp \d+w, .*\.webp \d+w"))
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
