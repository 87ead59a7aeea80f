"""
Alice, an editor, pastes text from a document that carries an invisible control character.
The admin tells her which field and which character, and saves nothing, just as the write
API does (the same validator, kommun/core/text.py), so no feed can break on it.
"""

from bs4 import BeautifulSoup

from kommun.disruptions.models import Notice
from kommun.news.models import ArticlePage

ADD_NOTICE = "/admin/snippets/disruptions/notice/add/"


def notice_form(water, **fields):
    return {
        "headline": "Vattenläcka på Kyrkogatan",
        "service": water.pk,
        "kind": "unplanned",
        "severity": "major",
        "affected_area": "Kyrkogatan",
        "starts_at": "2026-01-02 08:00",
        "what_happened": "En ledning har gått sönder.",
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
        "updates-MIN_NUM_FORMS": "0",
        "updates-MAX_NUM_FORMS": "1000",
        "streets-TOTAL_FORMS": "0",
        "streets-INITIAL_FORMS": "0",
        "streets-MIN_NUM_FORMS": "0",
        "streets-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    } | fields


def field_errors(response, name):
    """The error messages the admin shows beside one field."""
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.find(attrs={"name": name}).find_parent(attrs={"data-field-wrapper": True})
    return [error.get_text(" ", strip=True) for error in field.select(".error-message")]


def test_the_admin_refuses_a_headline_with_a_vertical_tab_and_saves_nothing(client, alice, water):
    client.force_login(alice)
    response = client.post(ADD_NOTICE, notice_form(water, headline="Vattenläcka\u000bKyrkogatan"))

    assert response.status_code == 200
    (message,) = field_errors(response, "headline")
    assert "styrtecken (U+000B) på position 12" in message
    assert not Notice.objects.exists()


def test_the_admin_refuses_a_control_character_in_a_timeline_entry(client, alice, water):
    client.force_login(alice)
    form = notice_form(
        water,
        **{
            "updates-TOTAL_FORMS": "1",
            "updates-0-posted_at": "2026-01-02 08:05",
            "updates-0-text": "Vi är\u0007 på plats.",
        },
    )
    response = client.post(ADD_NOTICE, form)

    assert response.status_code == 200
    assert "styrtecken (U+0007)" in " ".join(field_errors(response, "updates-0-text"))
    assert not Notice.objects.exists()


def test_the_admin_refuses_a_news_title_with_a_control_character(client, alice, news_index):
    client.force_login(alice)
    form = {
        "title": "Nytt\u001fbibliotek",
        "slug": "nytt-bibliotek",
        "published": "2026-01-02",
        "lead": "Öppnar i maj.",
        "body-count": "0",
        "gallery_images-TOTAL_FORMS": "0",
        "gallery_images-INITIAL_FORMS": "0",
        "gallery_images-MIN_NUM_FORMS": "0",
        "gallery_images-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    response = client.post(f"/admin/pages/add/news/articlepage/{news_index.pk}/", form)

    assert response.status_code == 200
    assert "styrtecken (U+001F)" in " ".join(field_errors(response, "title"))
    assert not ArticlePage.objects.exists()
