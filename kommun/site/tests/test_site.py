from datetime import date, timedelta

from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site

from kommun.demo.content import database_is_empty
from kommun.disruptions.models import Notice, Service, State, StatusPage
from kommun.news.importer import ArticleData, create_article
from kommun.news.models import ArticlePage, NewsIndexPage
from kommun.site.models import HomePage
from kommun.site.site_structure import SERVICES, ensure_site_structure


def test_the_site_structure_is_created_once_however_often_it_is_asked_for(db):
    ensure_site_structure("Testby kommun")
    ensure_site_structure("Testby kommun")

    home = Site.objects.get(is_default_site=True).root_page.specific
    # One home page per language, translations of each other.
    assert HomePage.objects.count() == 3
    assert {page.locale.language_code for page in home.get_translations(inclusive=True)} == {
        "sv",
        "uk",
        "en",
    }
    assert StatusPage.objects.child_of(home).get().url == "/sv/driftinformation/"
    assert NewsIndexPage.objects.child_of(home).get().url == "/sv/nyheter/"
    assert Service.objects.count() == len(SERVICES)
    assert "Vatten och avlopp" in Service.objects.values_list("name", flat=True)


def test_the_home_page_shows_the_banner_the_current_notices_and_the_latest_news(
    rita, make_notice, news_index
):
    make_notice(headline="Vattenläcka på Storgatan")
    make_notice(headline="Ledningsbyte i morgon", kind="planned", starts=timedelta(hours=6))
    for number in range(4):
        article = ArticleData(
            title=f"Nyhet {number}",
            published=date(2026, 1, 1) + timedelta(days=number),
            lead="Ingress.",
            body=[],
            images=[],
        )
        create_article(article, news_index)

    response = rita.get("/sv/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("section.banner") is not None
    current = [a.get_text(strip=True) for a in soup.select("main .summary-list a")]
    assert current == ["Vattenläcka på Storgatan", "Ledningsbyte i morgon"]
    latest = [h3.get_text(strip=True) for h3 in soup.select("main .teaser__title")]
    assert latest == ["Nyhet 3", "Nyhet 2", "Nyhet 1"]


def test_anonymous_visitors_are_kept_out_of_the_admin(rita, home):
    for path in ["/admin/", "/admin/snippets/disruptions/notice/", "/admin/pages/"]:
        response = rita.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/")


def test_an_editor_reaches_the_notices_in_the_admin(client, alice, make_notice):
    make_notice(headline="Vattenläcka på Storgatan")
    client.force_login(alice)
    response = client.get("/admin/snippets/disruptions/notice/")
    assert response.status_code == 200
    assert "Vattenläcka på Storgatan" in response.content.decode()


def test_the_demo_fills_an_empty_database_once_with_every_kind_of_notice(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    assert database_is_empty()
    call_command("load_demo")

    states = {notice.state for notice in Notice.objects.filter(live=True)}
    assert {State.ONGOING, State.PLANNED, State.RESOLVED} <= states
    assert ArticlePage.objects.live().count() >= 3
    assert ArticlePage.objects.filter(gallery_images__isnull=False).exists()

    notices, articles = Notice.objects.count(), ArticlePage.objects.count()
    assert (tmp_path / "demo-login.txt").read_text().startswith("user: admin  password: ")
    call_command("load_demo")
    assert (Notice.objects.count(), ArticlePage.objects.count()) == (notices, articles)


def test_the_scheduler_publishes_a_notice_whose_time_has_come(make_notice):
    notice = make_notice(headline="Planerad publicering", live=False)
    notice.go_live_at = notice.starts_at - timedelta(minutes=1)
    notice.save_revision(approved_go_live_at=notice.go_live_at)

    call_command("run_scheduler", "--once")

    notice.refresh_from_db()
    assert notice.live


def test_an_editor_publishes_a_notice_from_the_admin_and_the_banner_shows_it(
    client, alice, water, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    form = {
        "headline": "Vattenläcka på Kyrkogatan",
        "service": water.pk,
        "kind": "unplanned",
        "severity": "critical",
        "affected_area": "Kyrkogatan",
        "starts_at": "2020-01-01 08:00",
        "what_happened": "En ledning har gått sönder.",
        "updates-TOTAL_FORMS": "1",
        "updates-INITIAL_FORMS": "0",
        "updates-MIN_NUM_FORMS": "0",
        "updates-MAX_NUM_FORMS": "1000",
        "streets-TOTAL_FORMS": "0",
        "streets-INITIAL_FORMS": "0",
        "streets-MIN_NUM_FORMS": "0",
        "streets-MAX_NUM_FORMS": "1000",
        "updates-0-posted_at": "2020-01-01 08:05",
        "updates-0-text": "Vi är på plats.",
        "action-publish": "action-publish",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/snippets/disruptions/notice/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]

    notice = Notice.objects.get(headline="Vattenläcka på Kyrkogatan")
    assert notice.live
    assert [update.text for update in notice.updates.all()] == ["Vi är på plats."]
    resident = Client()
    banner = BeautifulSoup(resident.get("/sv/").content, "html.parser").select_one(".banner__text")
    assert banner.get_text(strip=True) == "Just nu har vi 1 pågående driftstörning"


def test_the_admin_refuses_an_end_before_the_start_and_saves_nothing(client, alice, water):
    client.force_login(alice)
    form = {
        "headline": "Fel tider",
        "service": water.pk,
        "kind": "unplanned",
        "severity": "minor",
        "affected_area": "Kyrkogatan",
        "starts_at": "2026-01-02 08:00",
        "ended_at": "2026-01-01 08:00",
        "what_happened": "Test.",
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
        "updates-MIN_NUM_FORMS": "0",
        "updates-MAX_NUM_FORMS": "1000",
        "streets-TOTAL_FORMS": "0",
        "streets-INITIAL_FORMS": "0",
        "streets-MIN_NUM_FORMS": "0",
        "streets-MAX_NUM_FORMS": "1000",
        "action-publish": "action-publish",
    }
    response = client.post("/admin/snippets/disruptions/notice/add/", form)
    assert response.status_code == 200
    assert "Faktiskt slut kan inte vara före starten." in response.content.decode()
    assert not Notice.objects.exists()
