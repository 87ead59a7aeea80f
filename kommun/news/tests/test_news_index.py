from datetime import date, timedelta

from bs4 import BeautifulSoup

from kommun.news.importer import ArticleData, create_article
from kommun.news.models import ARTICLES_PER_PAGE


def publish(news_index, title, published):
    article = ArticleData(title=title, published=published, lead="Ingress.", body=[], images=[])
    return create_article(article, news_index)


def titles(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [h3.get_text(strip=True) for h3 in soup.select("main .teaser__title")]


def test_the_news_index_lists_newest_first_and_pages_through_the_rest(rita, news_index):
    first_day = date(2026, 1, 1)
    count = ARTICLES_PER_PAGE + 3
    for number in range(count):
        publish(news_index, f"Nyhet {number:02d}", first_day + timedelta(days=number))

    first_page = titles(rita.get("/sv/nyheter/"))
    second_page = titles(rita.get("/sv/nyheter/", {"page": 2}))

    newest_first = [f"Nyhet {number:02d}" for number in reversed(range(count))]
    assert first_page == newest_first[:ARTICLES_PER_PAGE]
    assert second_page == newest_first[ARTICLES_PER_PAGE:]


def test_a_draft_article_is_not_public(rita, news_index):
    article = publish(news_index, "Snart ute", date(2026, 1, 1))
    article.unpublish()
    assert rita.get(article.url or "/sv/nyheter/snart-ute/").status_code == 404
    assert titles(rita.get("/sv/nyheter/")) == []
