"""The banner on every public page: its states, its plural forms, and how fast it catches up."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import Site

from kommun.disruptions.models import Notice
from kommun.disruptions.summary import get_status_summary


def default_site():
    return Site.objects.get(is_default_site=True)


ALL_CLEAR = "Just nu har vi inga pågående driftstörningar"


def banner_of(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    banner = soup.select_one("section.banner")
    assert banner is not None, "the page has no banner"
    return banner


def banner_text(response):
    return " ".join(banner_of(response).get_text(" ").split())


def headline_of(response):
    return banner_of(response).select_one(".banner__text").get_text(strip=True)


def test_with_nothing_ongoing_the_banner_reads_exactly_the_all_clear(rita, home):
    response = rita.get("/sv/")
    assert headline_of(response) == ALL_CLEAR
    assert "banner--clear" in banner_of(response)["class"]


def test_the_banner_is_a_named_landmark_that_announces_changes_politely(rita, home):
    banner = banner_of(rita.get("/sv/"))
    assert banner.name == "section" and banner["aria-label"] == "Driftläge"
    assert banner.select_one("[aria-live=polite]") is not None


def test_one_ongoing_disruption_is_named_in_the_singular(rita, make_notice):
    make_notice(headline="Vattenläcka på Storgatan", severity=Notice.Severity.MAJOR)
    response = rita.get("/sv/")
    assert headline_of(response) == "Just nu har vi 1 pågående driftstörning"
    text = banner_text(response)
    assert "Vattenläcka på Storgatan" in text
    assert "allvarlighetsgrad: allvarlig" in text


def test_several_disruptions_are_counted_in_the_plural_and_the_most_severe_is_named(
    rita, make_notice, heating
):
    make_notice(headline="Lågt tryck i Norrby", severity=Notice.Severity.MINOR)
    make_notice(
        headline="Fjärrvärmen borta i centrum",
        service=heating,
        severity=Notice.Severity.CRITICAL,
        starts=-timedelta(hours=3),
    )
    make_notice(
        headline="Grumligt vatten", severity=Notice.Severity.MAJOR, starts=-timedelta(minutes=5)
    )
    response = rita.get("/sv/")
    assert headline_of(response) == "Just nu har vi 3 pågående driftstörningar"
    detail = banner_of(response).select_one(".banner__detail")
    assert detail.get_text(" ", strip=True).startswith("Allvarligast: Fjärrvärmen borta i centrum")
    assert detail.a["href"].startswith("/sv/driftinformation/")


def test_planned_work_within_24_hours_is_mentioned_separately(rita, make_notice):
    make_notice(
        headline="Ledningsbyte på Kyrkvägen", kind=Notice.Kind.PLANNED, starts=timedelta(hours=20)
    )
    make_notice(
        headline="Beläggning på Hamnvägen", kind=Notice.Kind.PLANNED, starts=timedelta(hours=25)
    )
    response = rita.get("/sv/")
    assert headline_of(response) == ALL_CLEAR
    planned = banner_of(response).select_one(".banner__planned").get_text(" ", strip=True)
    assert planned.startswith("1 planerat arbete startar inom 24 timmar")
    assert "Ledningsbyte på Kyrkvägen" in planned
    assert "Beläggning på Hamnvägen" not in planned


def test_drafts_resolved_notices_and_information_do_not_count(rita, make_notice):
    make_notice(headline="Utkast", live=False)
    make_notice(headline="Lagat", ends=-timedelta(minutes=1))
    make_notice(headline="Nya öppettider", kind=Notice.Kind.INFORMATION)
    assert headline_of(rita.get("/sv/")) == ALL_CLEAR


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "Наразі триває 1 перебій"),
        (3, "Наразі тривають 3 перебої"),
        (5, "Наразі триває 5 перебоїв"),
        (11, "Наразі триває 11 перебоїв"),
        (21, "Наразі триває 21 перебій"),
        (22, "Наразі тривають 22 перебої"),
    ],
)
def test_ukrainian_uses_its_three_plural_forms(make_notice, count, expected):
    for number in range(count):
        make_notice(headline=f"Перебій {number}")
    with translation.override("uk"):
        html = render_to_string(
            "includes/banner_content.html", {"status_summary": get_status_summary(default_site())}
        )
    text = BeautifulSoup(html, "html.parser").select_one(".banner__text").get_text(strip=True)
    assert text == expected


def test_the_banner_follows_the_readers_language(rita, home):
    response = rita.get("/en/")
    assert headline_of(response) == "Right now we have no ongoing disruptions"


def test_a_publish_reaches_the_cached_banner_at_once(
    rita, make_notice, django_capture_on_commit_callbacks
):
    assert headline_of(rita.get("/sv/")) == ALL_CLEAR  # the summary is now cached
    with django_capture_on_commit_callbacks(execute=True):
        notice = make_notice(headline="Strömavbrott i Åsen")
    assert headline_of(rita.get("/sv/")) == "Just nu har vi 1 pågående driftstörning"

    with django_capture_on_commit_callbacks(execute=True):
        notice.ended_at = timezone.now()
        notice.save_revision().publish()
    assert headline_of(rita.get("/sv/")) == ALL_CLEAR


def test_a_change_no_signal_saw_reaches_the_banner_within_the_summary_max_age(rita, make_notice):
    notice = make_notice(headline="Strömavbrott i Åsen")
    start = timezone.now()
    assert get_status_summary(default_site(), now=start).ongoing_count == 1
    # A bulk update sends no signals, so nothing tells the cache.
    Notice.objects.filter(pk=notice.pk).update(ended_at=start)

    almost = start + timedelta(seconds=settings.STATUS_SUMMARY_MAX_AGE - 1)
    assert (
        get_status_summary(default_site(), now=almost).ongoing_count == 1
    )  # served from the cache
    later = start + timedelta(seconds=settings.STATUS_SUMMARY_MAX_AGE)
    assert get_status_summary(default_site(), now=later).ongoing_count == 0


def test_planned_work_enters_the_banner_the_moment_it_starts(make_notice):
    now = timezone.now()
    make_notice(kind=Notice.Kind.PLANNED, starts=timedelta(seconds=5), now=now)
    summary = get_status_summary(default_site(), now=now)
    assert summary.ongoing_count == 0
    assert summary.valid_until == now + timedelta(seconds=5)
    assert get_status_summary(default_site(), now=now + timedelta(seconds=5)).ongoing_count == 1


def test_pages_and_summary_together_stay_within_60_seconds_of_a_change(rita, home):
    response = rita.get("/sv/")
    assert response["Cache-Control"] == (
        f"public, max-age={settings.PUBLIC_PAGE_MAX_AGE}, s-maxage={settings.PUBLIC_PAGE_MAX_AGE}, "
        f"stale-while-revalidate={settings.PUBLIC_PAGE_STALE_WHILE_REVALIDATE}, "
        f"stale-if-error={settings.PUBLIC_PAGE_STALE_IF_ERROR}"
    )
    # A shared cache may serve a page for max-age plus stale-while-revalidate seconds; the
    # summary in it is at most STATUS_SUMMARY_MAX_AGE old when a change was not signalled.
    assert (
        settings.PUBLIC_PAGE_MAX_AGE
        + settings.PUBLIC_PAGE_STALE_WHILE_REVALIDATE
        + settings.STATUS_SUMMARY_MAX_AGE
        <= 60
    )


def test_logged_in_editors_get_pages_no_proxy_may_keep(client, alice, home):
    client.force_login(alice)
    response = client.get("/sv/")
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_the_banner_survives_an_unreachable_redis_cache(rita, make_notice, settings):
    make_notice(headline="Vattenläcka")
    # Nothing listens on port 1: every cache call is refused, as when Redis is down.
    settings.CACHES = {
        "default": {
            "BACKEND": "kommun.core.cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    response = rita.get("/sv/")
    assert headline_of(response) == "Just nu har vi 1 pågående driftstörning"


def test_the_banner_fragment_serves_the_same_banner_for_open_pages_to_poll(rita, make_notice):
    make_notice(headline="Vattenläcka")
    response = rita.get("/sv/banner/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("[data-state]")["data-state"] == "disrupted"
    assert soup.select_one(".banner__text").get_text(strip=True) == (
        "Just nu har vi 1 pågående driftstörning"
    )
