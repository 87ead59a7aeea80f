"""
Rita's pages pass the Nu Html Checker and read well in a screen reader's list of headings:
no form with an empty action, no heading level skipped, every autocomplete token on a
control of its kind (WHATWG HTML, "Autofill").
"""

import io
import itertools
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from PIL import Image

from kommun.areas.register import import_register
from kommun.news.importer import ArticleData, create_article
from kommun.subscriptions.links import CODE_SALT, CONFIRM_SALT, MANAGE_SALT
from kommun.subscriptions.models import Subscription

# The autofill tokens the pages use, with the controls each may be put on. "on" and "off"
# go anywhere; a token not listed here fails the test until it is added with its group.
TEXT = {"textarea", "select", "hidden", "text", "search"}
MULTILINE = {"textarea", "select", "hidden"}
AUTOFILL_CONTROLS = {
    "street-address": MULTILINE,
    "address-line1": TEXT,
    "postal-code": TEXT,
    "name": TEXT,
    "one-time-code": TEXT | {"password"},
    "email": TEXT | {"email"},
    "tel": TEXT | {"tel"},
}


@pytest.fixture
def pages(make_notice, news_index, home):
    notice = make_notice(headline="Vattenläcka på Storgatan", affected_area="Storgatan 1–40")
    make_notice(headline="Ledningsbyte", kind="planned", starts=timedelta(hours=6))
    make_notice(headline="Gammal läcka", starts=-timedelta(days=30), ends=-timedelta(days=29))
    create_article(
        ArticleData(title="Nya bron", published=date(2026, 3, 2), lead="Bron.", body=[], images=[]),
        news_index,
    )
    street = {"street": "Storgatan", "number": 12, "letter": "", "postcode": "12340"}
    import_register(
        [("row 1", {**street, "locality": "Sjövik", "lat": 59.05, "lon": 15.02})], home.get_site()
    )
    subscription = Subscription.objects.create(
        site=home.get_site(),
        channel=Subscription.Channel.EMAIL,
        destination="rita@example.org",
        language="sv",
    )
    token = {salt: signing.dumps(subscription.pk, salt=salt) for salt in (CODE_SALT, CONFIRM_SALT)}
    manage = signing.dumps(subscription.pk, salt=MANAGE_SALT)
    return [
        "/sv/",
        "/sv/driftinformation/",
        "/sv/driftinformation/?service=vatten-och-avlopp",
        f"/sv/driftinformation/{notice.pk}/",
        "/sv/driftinformation/arkiv/",
        "/sv/nyheter/",
        "/sv/nyheter/nya-bron/",
        "/sv/adress/",
        "/sv/adress/?q=Storgatan+12",
        "/sv/adress/?q=Ingenstans+99",
        "/sv/tillganglighet/",
        "/sv/utvecklare/",
        "/sv/prenumerera/",
        f"/sv/prenumerera/kod/{token[CODE_SALT]}/",
        f"/sv/prenumerera/bekrafta/{token[CONFIRM_SALT]}/",
        f"/sv/prenumerera/hantera/{manage}/",
        f"/sv/prenumerera/hantera/{manage}/radera/",
        "/sv/finns-inte/",
    ]


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    return BeautifulSoup(response.content, "html.parser")


def test_no_form_has_an_empty_action(rita, pages):
    forms = 0
    for url in pages:
        for form in soup_of(rita, url).find_all("form"):
            forms += 1
            assert form.get("action", "unset").strip() != "", f"{url}: {form.prettify()[:200]}"
    assert forms >= 8


def test_no_page_skips_a_heading_level(rita, pages):
    for url in pages:
        levels = [int(h.name[1]) for h in soup_of(rita, url).find_all(["h1", "h2", "h3", "h4"])]
        assert levels[:1] == [1], f"{url} starts with h{levels[:1]}"
        skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
        assert skips == [], f"{url}: heading levels {levels}"


def test_every_autocomplete_token_fits_its_control(rita, pages):
    seen = set()
    for url in pages:
        for control in soup_of(rita, url).select("[autocomplete]"):
            kind = control.get("type", "text") if control.name == "input" else control.name
            token = control["autocomplete"].split()[-1]
            seen.add(token)
            if token in ("on", "off"):
                continue
            assert token in AUTOFILL_CONTROLS, f"{url}: {token!r} is not in the table"
            assert kind in AUTOFILL_CONTROLS[token], f"{url}: {token!r} on a {kind} control"
    assert {"address-line1", "one-time-code"} <= seen


def description(client, url):
    tags = soup_of(client, url).select('head meta[name="description"]')
    assert len(tags) == 1, f"{url} has {len(tags)} descriptions"
    return tags[0]["content"]


def test_every_page_describes_itself_for_search_engines(rita, pages):
    for url in pages:
        assert description(rita, url).strip(), url
    # The page's own words where it has them, the municipality's name where not.
    assert description(rita, pages[3]) == "En ledning har gått sönder."
    assert description(rita, "/sv/nyheter/nya-bron/") == "Bron."
    assert description(rita, "/sv/").startswith("Testby kommun: aktuella driftstörningar")
    assert description(rita, "/en/").startswith("Testby kommun: current disruptions")
    assert description(rita, "/uk/driftinformation/").startswith("Testby kommun: що зараз")
    assert description(rita, "/sv/utvecklare/").startswith("Testby kommun: driftstörningar och")


def test_the_browsers_favicon_request_gets_a_small_cacheable_icon(rita, home):
    response = rita.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert len(response.content) < 4096
    assert "public" in response["Cache-Control"] and "max-age=604800" in response["Cache-Control"]
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO" and {(16, 16), (32, 32)} <= icon.info["sizes"]
