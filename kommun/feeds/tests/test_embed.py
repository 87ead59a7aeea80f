from bs4 import BeautifulSoup
from django.test import Client

EMBED_LIMIT = 5 * 1024


def test_the_embed_script_is_small_and_reads_the_open_status(rita, home):
    response = rita.get("/embed/banner.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert len(response.content) < EMBED_LIMIT
    script = response.content.decode()
    assert '"/api/v1/status"' in script
    assert 'aria-live", "polite"' in script
    # What the script reads, another origin may read.
    status = rita.get("/api/v1/status", headers={"origin": "https://skolan.example"})
    assert status["Access-Control-Allow-Origin"] == "*"


def test_the_embedded_status_changes_when_a_notice_is_published(
    make_notice, django_capture_on_commit_callbacks
):
    other_site = Client(headers={"origin": "https://skolan.example"})
    before = other_site.get("/api/v1/status").json()
    assert before["banner"] == "Just nu har vi inga pågående driftstörningar"
    with django_capture_on_commit_callbacks(execute=True):
        make_notice(headline="Vattenläcka")
    after = other_site.get("/api/v1/status").json()
    assert after["banner"] == "Just nu har vi 1 pågående driftstörning"
    assert after["most_severe"]["headline"] == "Vattenläcka"


def test_the_iframe_form_may_be_framed_and_announces_changes_politely(rita, make_notice):
    make_notice(headline="Vattenläcka")
    response = rita.get("/embed/banner/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("[aria-live=polite] .banner__text").get_text(strip=True) == (
        "Just nu har vi 1 pågående driftstörning"
    )
    assert soup.select_one("base")["target"] == "_top"


def test_the_developer_page_documents_feeds_api_tokens_and_embedding(rita, home):
    response = rita.get("/sv/utvecklare/")
    assert response.status_code == 200
    page = response.content.decode()
    for needle in [
        "/api/v1/openapi.json",
        "/sv/feeds/driftinformation.rss",
        "/feeds/cap.atom",
        "/sv/feeds/planerat.ics",
        "api_token create",
        "/embed/banner.js",
        "/embed/banner/",
    ]:
        assert needle in page, needle
