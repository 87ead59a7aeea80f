from datetime import UTC, date, datetime
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from kommun.news.importer import ArticleData, ImageData, create_article
from kommun.news.models import ArticlePage


@pytest.fixture
def make_article(news_index, tmp_path):
    def make(title="Vänortsbesök", published=date(2023, 10, 4), images=2, body=None):
        image_data = []
        for number in range(images):
            path = tmp_path / f"bild-{title}-{number}.png"
            PILImage.new("RGB", (60, 40), (200, 80, 20)).save(path)
            image_data.append(
                ImageData(path=path, caption=f"Bildtext {number}", alt=f"Alternativtext {number}")
            )
        article = ArticleData(
            title=title,
            published=published,
            lead="Ingressen sammanfattar artikeln.",
            body=body if body is not None else ["Första stycket.", "Andra stycket."],
            images=image_data,
        )
        return create_article(article, news_index)

    return make


def page_soup(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_article_shows_banner_dateline_title_lead_body_and_gallery_in_that_order(
    rita, make_article
):
    soup = page_soup(rita, make_article())

    assert len(soup.find_all("h1")) == 1
    banner, main = soup.select_one("section.banner"), soup.select_one("main")
    assert banner.find_next("main") is main, "the banner comes before the article"
    article = main.select_one("article")
    parts = [
        (child.name, " ".join(child.get_text(" ").split()))
        for child in article.find_all(recursive=False)
    ]
    assert parts[0] == ("p", "Artikeln publicerades 4 oktober 2023")
    assert parts[1] == ("h1", "Vänortsbesök")
    assert parts[2] == ("p", "Ingressen sammanfattar artikeln.")
    assert parts[3] == ("div", "Första stycket. Andra stycket.")
    assert parts[4][0] == "section"
    figures = article.select(".gallery figure")
    assert [(f.img["alt"], f.figcaption.get_text(strip=True)) for f in figures] == [
        ("Alternativtext 0", "Bildtext 0"),
        ("Alternativtext 1", "Bildtext 1"),
    ]


def test_a_single_digit_day_has_no_leading_zero_and_other_languages_are_localised(
    rita, make_article
):
    article = make_article()
    english = BeautifulSoup(rita.get(article.url.replace("/sv/", "/en/")).content, "html.parser")
    ukrainian = BeautifulSoup(rita.get(article.url.replace("/sv/", "/uk/")).content, "html.parser")
    assert english.select_one(".article__dateline").get_text(strip=True) == (
        "The article was published 4 October 2023"
    )
    assert ukrainian.select_one(".article__dateline").get_text(strip=True) == (
        "Статтю опубліковано 4 жовтня 2023"
    )


def test_an_article_without_images_has_no_gallery(rita, make_article):
    soup = page_soup(rita, make_article(images=0))
    assert soup.select_one(".gallery") is None


def test_an_article_edited_after_publication_shows_when_it_was_updated(rita, make_article):
    article = make_article()
    assert page_soup(rita, article).select_one(".article__updated") is None

    later = datetime(2030, 12, 3, 12, 0, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=later):
        article = ArticlePage.objects.get(pk=article.pk)
        article.lead = "En rättad ingress."
        article.save_revision().publish()

    updated = page_soup(rita, article).select_one(".article__updated").get_text(strip=True)
    assert updated == "Uppdaterad 3 december 2030"
