"""
A link checker, a feed reader or a CDN asks with HEAD whether something changed: every
address that answers GET answers HEAD with the same status and headers, ETag included,
and no body.
"""

from datetime import date, timedelta

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from kommun.core.middleware import HeadAsGetMiddleware
from kommun.news.importer import ArticleData, create_article


@pytest.fixture
def addresses(make_notice, water, news_index):
    notice = make_notice(headline="Vattenläcka")
    make_notice(headline="Ledningsbyte", kind="planned", starts=timedelta(hours=6))
    publication = notice.publications.get()
    article = create_article(
        ArticleData(
            title="Nya bron", published=date(2026, 3, 2), lead="Bron öppnar.", body=[], images=[]
        ),
        news_index,
    )
    return [
        "/sv/",
        "/sv/driftinformation/",
        f"/sv/driftinformation/{notice.pk}/",
        "/sv/driftinformation/arkiv/",
        "/sv/nyheter/",
        f"/sv/nyheter/{article.slug}/",
        "/sv/adress/",
        "/sv/prenumerera/",
        "/sv/utvecklare/",
        "/sv/banner/",
        "/embed/banner/",
        "/embed/banner.js",
        "/sw.js",
        "/api/v1/status",
        "/api/v1/notices",
        f"/api/v1/notices/{notice.pk}",
        "/api/v1/services",
        "/api/v1/news",
        "/api/v1/openapi.json",
        "/sv/feeds/driftinformation.rss",
        "/sv/feeds/driftinformation.atom",
        f"/sv/feeds/driftinformation/{water.slug}.rss",
        "/sv/feeds/nyheter.rss",
        "/sv/feeds/nyheter.atom",
        "/sv/feeds/driftinformation.geojson",
        "/sv/feeds/planerat.ics",
        f"/sv/feeds/planerat/{water.slug}.ics",
        "/feeds/cap.atom",
        f"/cap/{publication.pk}.xml",
        f"/cap/notice/{notice.pk}.xml",
        "/sv/finns-inte/",
        "/api/v1/notices/999999",
    ]


# Pages with a form carry a fresh CSRF token each time: two GETs differ in their ETag too.
FORM_PAGES = {"/sv/tillganglighet/"}


def test_every_address_answers_head_as_it_answers_get(rita, addresses):
    for url in [*addresses, *FORM_PAGES]:
        got = rita.get(url)
        head = rita.head(url)
        assert head.status_code == got.status_code, url
        assert head.content == b"", url
        if url in FORM_PAGES:
            assert rita.get(url)["ETag"] != got["ETag"], f"{url} has no form any more"
            del head.headers["ETag"]
            del got.headers["ETag"]
        assert dict(head.headers) == dict(got.headers), url


def test_head_with_the_current_etag_gets_a_304(rita, addresses):
    for url in ["/api/v1/status", "/embed/banner/", "/sv/utvecklare/", "/sv/feeds/planerat.ics"]:
        etag = rita.get(url)["ETag"]
        assert rita.head(url, headers={"if-none-match": etag}).status_code == 304, url


def test_head_is_not_a_way_around_a_method_that_is_not_allowed(rita, home):
    assert rita.head("/sv/prenumerera/push/").status_code == 405


def test_the_server_sends_no_body_but_the_length_the_get_would_have():
    # The test client drops a HEAD's body itself; a server (granian) sends what it is given.
    seen = []

    def view(request):
        seen.append(request.method)
        response = HttpResponse(b"<p>Hej</p>")
        response["Content-Length"] = "10"
        return response

    response = HeadAsGetMiddleware(view)(RequestFactory().head("/"))
    assert seen == ["GET"]
    assert response.content == b""
    assert response["Content-Length"] == "10"

    streamed = HeadAsGetMiddleware(lambda request: StreamingHttpResponse(iter([b"a", b"b"])))
    assert b"".join(streamed(RequestFactory().head("/")).streaming_content) == b""
