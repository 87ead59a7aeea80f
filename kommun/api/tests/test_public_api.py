from datetime import date, timedelta

from django.test import Client

from kommun.disruptions.models import Notice
from kommun.news.importer import ArticleData, create_article


def test_the_status_says_what_the_banner_says_with_counts_by_state(
    rita, make_notice, heating, conforms
):
    make_notice(headline="Vattenläcka", severity=Notice.Severity.MINOR)
    make_notice(headline="Värmen borta", service=heating, severity=Notice.Severity.CRITICAL)
    make_notice(headline="Ledningsbyte", kind=Notice.Kind.PLANNED, starts=timedelta(hours=3))
    make_notice(headline="Lagad", ends=-timedelta(hours=1))

    response = rita.get("/api/v1/status")
    status = conforms(response, "/api/v1/status")

    assert status["banner"] == "Just nu har vi 2 pågående driftstörningar"
    assert (status["ongoing"], status["planned"], status["recently_resolved"]) == (2, 1, 1)
    assert status["planned_within_24_hours"] == 1
    assert status["most_severe"]["headline"] == "Värmen borta"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"].startswith("public, max-age=30, s-maxage=30,")


def test_the_status_speaks_the_language_asked_for(rita, home):
    response = rita.get("/api/v1/status", headers={"accept-language": "uk"})
    assert response.json()["banner"] == "Наразі перебоїв немає"


def test_whatever_chooses_the_language_of_an_answer_is_named_in_its_vary(home, make_notice):
    """
    A shared cache keys an answer by its URL and the request headers its Vary names, so
    anything else that changes it would serve one reader's language to the next. Here a
    Ukrainian reader's language cookie, left by the site's language switcher, must not.
    """
    make_notice(headline="Vattenläcka")
    choices = {
        "Accept-Language": {"accept-language": "uk"},
        "Cookie": {"accept-language": "sv", "cookie": "django_language=uk"},
    }
    for path in ["/api/v1/status", "/api/v1/notices", "/api/v1/services", "/embed/banner/"]:
        swedish = Client().get(path, headers={"accept-language": "sv"})
        for header, request_headers in choices.items():
            response = Client().get(path, headers=request_headers)
            vary = {name.strip().lower() for name in response.get("Vary", "").split(",")}
            if response.content != swedish.content:
                assert header.lower() in vary, (path, header, response.get("Vary"))
        assert Client().get(path, headers=choices["Accept-Language"]).content != swedish.content


def test_notices_are_filtered_by_state_service_kind_and_date_and_paged(
    rita, make_notice, heating, conforms
):
    make_notice(headline="Vattenläcka")
    make_notice(headline="Värmen borta", service=heating)
    make_notice(headline="Planerat", kind=Notice.Kind.PLANNED, starts=timedelta(days=3))
    make_notice(headline="Gammal", starts=-timedelta(days=40), ends=-timedelta(days=39))
    make_notice(headline="Utkast", live=False)

    def headlines(**query):
        response = rita.get("/api/v1/notices", query)
        body = conforms(response, "/api/v1/notices")
        return sorted(item["headline"] for item in body["items"])

    assert headlines() == ["Gammal", "Planerat", "Vattenläcka", "Värmen borta"]
    assert headlines(state="ongoing") == ["Vattenläcka", "Värmen borta"]
    assert headlines(state="planned") == ["Planerat"]
    assert headlines(service="fjarrvarme") == ["Värmen borta"]
    assert headlines(kind="planned") == ["Planerat"]
    old = (Notice.objects.get(headline="Gammal").starts_at).date()
    assert headlines(since=str(old), until=str(old)) == ["Gammal"]

    page = rita.get("/api/v1/notices", {"page_size": 2, "page": 2}).json()
    assert page["count"] == 4 and len(page["items"]) == 2


def test_a_bad_filter_is_a_422_that_names_the_field(rita, home):
    response = rita.get("/api/v1/notices", {"service": "finns-inte"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "service"]

    response = rita.get("/api/v1/notices", {"since": "igår"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "since"


def test_one_notice_has_its_whole_timeline_newest_first(rita, make_notice, conforms):
    notice = make_notice(
        updates=[(-timedelta(hours=2), "Först."), (-timedelta(minutes=5), "Sist.")]
    )
    response = rita.get(f"/api/v1/notices/{notice.pk}")
    body = conforms(response, "/api/v1/notices/{notice_id}")
    assert [entry["text"] for entry in body["timeline"]] == ["Sist.", "Först."]
    assert body["url"] == f"http://testserver/sv/driftinformation/{notice.pk}/"
    assert body["state"] == "ongoing"


def test_drafts_and_unknown_notices_are_404(rita, make_notice, conforms):
    draft = make_notice(live=False)
    for path in [f"/api/v1/notices/{draft.pk}", "/api/v1/notices/999999"]:
        response = rita.get(path)
        assert response.status_code == 404
        conforms(response, "/api/v1/notices/{notice_id}")


def test_services_and_news_match_the_schema(rita, news_index, conforms):
    from datetime import date

    from kommun.news.importer import ArticleData, create_article

    create_article(
        ArticleData(title="Nyhet", published=date(2026, 1, 2), lead="L", body=[], images=[]),
        news_index,
    )
    services = conforms(rita.get("/api/v1/services"), "/api/v1/services")
    assert services[0] == {"slug": "vatten-och-avlopp", "name": "Vatten och avlopp"}
    news = conforms(rita.get("/api/v1/news"), "/api/v1/news")
    assert news["items"][0]["title"] == "Nyhet"
    assert news["items"][0]["url"] == "http://testserver/sv/nyheter/nyhet/"


def test_conditional_requests_get_304(rita, make_notice, news_index):
    notice = make_notice()
    create_article(
        ArticleData(title="Nyhet", published=date(2026, 1, 2), lead="L", body=[], images=[]),
        news_index,
    )
    paths = [
        "/api/v1/status",
        "/api/v1/notices",
        "/api/v1/notices?state=planned",  # an empty list
        f"/api/v1/notices/{notice.pk}",
        "/api/v1/services",
        "/api/v1/news",
    ]
    for path in paths:
        first = rita.get(path)
        assert first.status_code == 200
        assert first["ETag"] and first["Last-Modified"]
        again = rita.get(path, headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304, path
        assert again.content == b""
        since = rita.get(path, headers={"if-modified-since": first["Last-Modified"]})
        assert since.status_code == 304, path


def test_a_changed_notice_is_not_304(rita, make_notice, django_capture_on_commit_callbacks):
    notice = make_notice()
    first = rita.get(f"/api/v1/notices/{notice.pk}")
    notice.what_to_do = "Koka vattnet."
    notice.publish_change()
    again = rita.get(f"/api/v1/notices/{notice.pk}", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200


def test_browsers_on_other_sites_may_read_but_the_preflight_allows_only_reads(rita, home):
    response = rita.options(
        "/api/v1/notices",
        headers={"origin": "https://tidning.example", "access-control-request-method": "GET"},
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD"


def test_the_openapi_schema_is_served(rita, home):
    response = rita.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert {"/api/v1/status", "/api/v1/notices", "/api/v1/notices/{notice_id}/resolve"} <= set(
        schema["paths"]
    )
