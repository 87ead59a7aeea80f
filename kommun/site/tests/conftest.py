import json
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from wagtail.models import Collection

from kommun.accessibility.models import AccessibilityStatementPage
from kommun.areas.models import Area
from kommun.areas.register import import_register
from kommun.disruptions.models import NoticeStreet, StatusPage
from kommun.news.importer import ArticleData, ImageData, create_article
from kommun.news.models import NewsIndexPage
from kommun.site.site_structure import ensure_site_structure
from kommun.subscriptions.links import MANAGE_SALT, token
from kommun.subscriptions.models import Subscription
from kommun.subscriptions.tests.conftest import smtp  # noqa: F401 (a fixture for the stories)

from .browser import new_context

# Storgatan lies in the centre, where the water leak is; Ekvägen far outside it.
ADDRESSES = [
    {"street": "Storgatan", "number": n, "lat": 59.05, "lon": 15.02 + n / 10_000}
    for n in (10, 12, 14)
] + [{"street": "Ekvägen", "number": 3, "lat": 59.25, "lon": 15.4}]
CENTRE = [[15.0, 59.0], [15.1, 59.0], [15.1, 59.1], [15.0, 59.1], [15.0, 59.0]]


@dataclass
class PublicContent:
    home: object
    status_page: object
    news_index: object
    statement: object
    ongoing: object
    article: object
    manage_path: str


@pytest.fixture
def public_content(transactional_db, make_notice, tmp_path):
    """One of everything a resident can see: the site the browser tests walk through."""
    home = ensure_site_structure("Testby kommun")
    rows = [dict(row, letter="", postcode="12340", locality="Sjövik") for row in ADDRESSES]
    import_register([(f"row {i}", row) for i, row in enumerate(rows, start=1)], home.get_site())

    centre = Area.objects.create(
        site=home.get_site(),
        name="Centrum",
        kind=Area.Kind.DISTRICT,
        geometry=json.dumps({"type": "Polygon", "coordinates": [CENTRE]}),
    )
    ongoing = make_notice(
        headline="Vattenläcka på Storgatan",
        areas=[centre],
        severity="critical",
        affected_area="Storgatan 1–40",
        what_to_do="Hämta vatten vid tankbilen på torget.",
        updates=[(-timedelta(minutes=30), "Reparatörerna är på plats.")],
    )
    NoticeStreet.objects.create(notice=ongoing, street="Storgatan", from_number=1, to_number=40)
    make_notice(
        headline="Ledningsbyte på Ekvägen",
        kind="planned",
        severity="minor",
        starts=timedelta(hours=6),
        expected_end=timedelta(hours=10),
    )
    make_notice(
        headline="Strömavbrott i Norrby",
        severity="major",
        starts=-timedelta(days=30),
        ends=-timedelta(days=29),
    )

    if Collection.get_first_root_node() is None:
        # A flushed database (transactional tests) has lost the root made by migrations.
        Collection.add_root(name="Root")
    picture = tmp_path / "bro.png"
    Image.new("RGB", (1600, 900), (70, 120, 160)).save(picture)
    news_index = NewsIndexPage.objects.child_of(home).get()
    article = create_article(
        ArticleData(
            title="Nya bron över ån är klar",
            published=date(2026, 3, 2),
            lead="Bron öppnar för gång- och cykeltrafik på måndag.",
            body=["Bygget tog ett år.", "Bron är belyst hela natten."],
            images=[ImageData(picture, "Den nya bron i kvällsljus.", "En bro i blått ljus.")],
        ),
        news_index,
    )

    subscription = Subscription.objects.create(
        site=home.get_site(),
        channel=Subscription.Channel.EMAIL,
        destination="rita@example.org",
        language="sv",
        confirmed_at=timezone.now(),
    )
    return PublicContent(
        home=home,
        status_page=StatusPage.objects.child_of(home).get(),
        news_index=news_index,
        statement=AccessibilityStatementPage.objects.child_of(home).get(),
        ongoing=ongoing,
        article=article,
        manage_path=reverse("alerts:manage", args=[token(subscription, MANAGE_SALT)]),
    )


@pytest.fixture
def reader(chromium, settings):
    """Opens browser contexts in a language; closes them after the test."""
    settings.BANNER_REFRESH_SECONDS = 1
    contexts = []

    def open_context(language="sv", **options):
        context = new_context(chromium, language, **options)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()
