"""Partner sharing: Testby shares an article; Lisohirsk's editors review and publish it."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Site

from kommun.core.sites import municipality
from kommun.news.importer import ArticleData, create_article
from kommun.news.models import ArticlePage


def editor_of(site, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw")
    user.groups.set(municipality(site).editor_groups.all())
    client = Client(HTTP_HOST=site.hostname)
    client.force_login(user)
    return user, client


@pytest.fixture
def partners(home, partner):
    testby = Site.objects.get(is_default_site=True)
    municipality(testby).partner_sites.add(partner)
    municipality(partner).partner_sites.add(testby)
    return testby, partner


@pytest.fixture
def article(news_index):
    return create_article(
        ArticleData(
            title="Vänortsbesök i Lisohirsk",
            published=date(2026, 11, 20),
            lead="Driftpersonal från Testby besökte vår partnerkommun.",
            body=["De delade erfarenheter av reservkraft."],
            images=[],
        ),
        news_index,
    )


def test_an_article_shared_as_it_is_is_reviewed_published_and_linked_both_ways(
    partners, article, partner_client, rita
):
    testby, partner = partners
    _erik, erik = editor_of(testby, "erik")
    share_url = f"/admin/news/share/{article.pk}/"
    assert share_url in erik.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    response = erik.post(share_url, {"partner": partner.pk, "mode": "as_is"})
    assert response.status_code == 302
    copy = ArticlePage.objects.get(shared_from=article)
    assert copy.get_site() == partner
    assert copy.locale.language_code == "uk"
    assert copy.content_language == "sv"  # published as it is, in Swedish
    assert copy.live is False
    assert copy.title == article.title

    again = erik.post(share_url, {"partner": partner.pk, "mode": "as_is"})
    assert "Den här artikeln är redan delad med Лісогірська громада" in again.content.decode()
    assert ArticlePage.objects.filter(shared_from=article).count() == 1
    # Testby's editors cannot publish in Lisohirsk: that is for Lisohirsk's editors.
    assert not copy.permissions_for_user(_erik).can_publish()

    oksana, oksana_client = editor_of(partner, "oksana")
    assert article.title in oksana_client.get("/admin/").content.decode()
    assert copy.permissions_for_user(oksana).can_publish()
    copy.save_revision(user=oksana).publish(user=oksana)

    page = BeautifulSoup(partner_client.get(copy.url).content, "html.parser")
    assert page.select_one("h1")["lang"] == "sv"
    note = page.select_one(".partner-note")
    assert note.get_text(" ", strip=True).startswith(
        "Поширено нашою громадою-партнером Testby kommun."
    )
    assert note.select_one("a")["href"].endswith(f"/sv/nyheter/{article.slug}/")

    original = BeautifulSoup(rita.get(article.url).content, "html.parser")
    link = original.select_one(".partner-note a")
    assert link.get_text() == "Лісогірська громада"
    assert link["href"].startswith("http://lisohirsk.localhost")


def test_an_article_shared_for_translation_becomes_the_partners_own_language(partners, article):
    testby, partner = partners
    _erik, erik = editor_of(testby, "erik")
    erik.post(f"/admin/news/share/{article.pk}/", {"partner": partner.pk, "mode": "translate"})
    copy = ArticlePage.objects.get(shared_from=article)
    assert copy.content_language == "uk"
    assert copy.live is False


def test_only_partners_can_be_shared_with(home, partner, article):
    testby = Site.objects.get(is_default_site=True)
    _erik, erik = editor_of(testby, "erik")
    response = erik.post(f"/admin/news/share/{article.pk}/", {"partner": partner.pk})
    assert response.status_code == 200  # the form again, with the error
    assert not ArticlePage.objects.filter(shared_from=article).exists()
