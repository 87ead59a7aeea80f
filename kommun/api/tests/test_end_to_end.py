"""
In a real browser against a real server: Olle's control system publishes through the API
and the banner on a resident's open home page changes without a reload, then clears again.
"""

import json

import pytest
from playwright.sync_api import expect

from kommun.site.site_structure import ensure_site_structure

from .conftest import WATER_LEAK, token_for

ALL_CLEAR = "Just nu har vi inga pågående driftstörningar"


@pytest.fixture
def site(transactional_db):
    return ensure_site_structure("Testby kommun")


def post(page, live_server, path, token, data):
    response = page.request.post(
        f"{live_server.url}/api/v1{path}",
        data=json.dumps(data),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert response.ok, response.text()
    return response.json()


def test_a_notice_published_through_the_api_reaches_an_open_page_and_clears_again(
    site, live_server, browser_page
):
    token = token_for("olle", "vatten-och-avlopp")
    page = browser_page
    page.goto(live_server.url + "/")
    banner = page.locator(".banner__text")
    expect(banner).to_have_text(ALL_CLEAR)

    notice = post(page, live_server, "/notices", token, WATER_LEAK)
    expect(banner).to_have_text("Just nu har vi 1 pågående driftstörning", timeout=60_000)
    expect(page.locator(".banner__detail")).to_contain_text("Vattenläcka på Storgatan")

    post(page, live_server, f"/notices/{notice['id']}/resolve", token, {})
    expect(banner).to_have_text(ALL_CLEAR, timeout=60_000)


def test_the_embed_script_on_another_site_follows_the_status(site, live_server, browser_page):
    token = token_for("olle", "vatten-och-avlopp")
    page = browser_page
    # A page of another origin (about:blank) that embeds the banner with one script tag.
    page.set_content(
        f'<main><h1>Skolan</h1><script src="{live_server.url}/embed/banner.js" '
        'data-lang="sv" data-refresh="1"></script></main>'
    )
    embedded = page.locator(".kommun-banner p[aria-live=polite]")
    expect(embedded).to_have_text(ALL_CLEAR, timeout=20_000)

    post(page, live_server, "/notices", token, WATER_LEAK)
    expect(embedded).to_have_text(
        "Just nu har vi 1 pågående driftstörning: Vattenläcka på Storgatan", timeout=60_000
    )
    assert page.locator(".kommun-banner").get_attribute("data-state") == "disrupted"
