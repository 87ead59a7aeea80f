"""Three languages: addresses, the banner, translated notices and their fallback."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from kommun.disruptions.localize import translate_notice
from kommun.disruptions.models import Notice, TranslationState

UKRAINIAN = {
    "headline": "Прорив водогону на Сторгатан",
    "affected_area": "Сторгатан 1–20",
    "what_happened": "Пошкоджено водогін.",
    "updates": ["Ремонтники на місці."],
}


def page(client, path, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200, (path, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("language", "all_clear"),
    [
        ("sv", "Just nu har vi inga pågående driftstörningar"),
        ("uk", "Наразі перебоїв немає"),
        ("en", "Right now we have no ongoing disruptions"),
    ],
)
def test_each_language_has_its_own_address_and_banner(rita, home, language, all_clear):
    soup = page(rita, f"/{language}/")
    assert soup.html["lang"] == language
    assert soup.select_one(".banner__text").get_text(strip=True) == all_clear


def test_the_front_door_sends_readers_to_their_language(rita, home, partner, partner_client):
    assert rita.get("/").url == "/sv/"  # the municipality's own language
    assert rita.get("/", headers={"accept-language": "uk-UA,uk;q=0.9"}).url == "/uk/"
    assert rita.get("/", headers={"accept-language": "de"}).url == "/sv/"
    assert partner_client.get("/").url == "/uk/"  # the partner's language is Ukrainian
    chosen = rita.get("/", headers={"cookie": "django_language=en"})
    assert chosen.url == "/en/"


def test_every_page_names_its_language_versions(rita, make_notice):
    notice = make_notice()
    path = f"/uk/driftinformation/{notice.pk}/"
    soup = page(rita, path)
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select("head link[rel=alternate][hreflang]")
    }
    assert alternates == {
        "sv": f"http://testserver/sv/driftinformation/{notice.pk}/",
        "uk": f"http://testserver/uk/driftinformation/{notice.pk}/",
        "en": f"http://testserver/en/driftinformation/{notice.pk}/",
    }
    switcher = soup.select("nav.languages a")
    assert [(a["lang"], a.get("aria-current")) for a in switcher] == [
        ("sv", None),
        ("uk", "true"),
        ("en", None),
    ]
    assert [a.get_text() for a in switcher] == ["svenska", "Українська", "English"]


def test_a_translated_notice_is_shown_in_the_readers_language(rita, make_notice):
    notice = make_notice(headline="Vattenläcka på Storgatan", updates=[(timedelta(0), "På plats.")])
    translate_notice(notice, "uk", UKRAINIAN)

    soup = page(rita, f"/uk/driftinformation/{notice.pk}/")
    heading = soup.select_one("h1")
    assert heading.get_text(strip=True) == "Прорив водогону на Сторгатан"
    assert heading.get("lang") is None  # the page's own language
    assert soup.select_one(".translation-note") is None
    assert soup.select_one(".timeline__list li span").get_text(strip=True) == "Ремонтники на місці."

    banner = page(rita, "/uk/").select_one(".banner__detail a")
    assert banner.get_text(strip=True) == "Прорив водогону на Сторгатан"


def test_a_missing_translation_falls_back_to_the_original_with_a_note(rita, make_notice):
    notice = make_notice(headline="Vattenläcka på Storgatan")

    soup = page(rita, f"/en/driftinformation/{notice.pk}/")
    heading = soup.select_one("h1")
    assert heading.get_text(strip=True) == "Vattenläcka på Storgatan"
    assert heading["lang"] == "sv"
    assert soup.select_one(".translation-note").get_text(strip=True) == (
        "Not yet translated into your language: shown in the original language."
    )
    ukrainian = page(rita, f"/uk/driftinformation/{notice.pk}/")
    assert ukrainian.select_one(".translation-note").get_text(strip=True) == (
        "Ще не перекладено вашою мовою: показано мовою оригіналу."
    )

    banner = page(rita, "/en/").select_one(".banner__detail")
    assert banner.select_one("a")["lang"] == "sv"
    assert "(not yet translated)" in banner.get_text()

    listed = page(rita, "/uk/driftinformation/").select_one(".notice-card__title a")
    assert listed["lang"] == "sv"


def test_a_translation_the_original_has_outgrown_is_marked_outdated(rita, make_notice):
    notice = make_notice(headline="Vattenläcka på Storgatan")
    translate_notice(notice, "uk", UKRAINIAN)
    assert {code: state for code, _n, state in notice.translation_states()} == {
        "uk": TranslationState.CURRENT,
        "en": TranslationState.MISSING,
    }

    notice.what_happened = "Två ledningar har gått sönder."
    notice.publish_change()
    notice = Notice.objects.get(pk=notice.pk)
    states = {code: state for code, _n, state in notice.translation_states()}
    assert states["uk"] == TranslationState.OUTDATED
    soup = page(rita, f"/uk/driftinformation/{notice.pk}/")
    assert soup.select_one(".translation-note").get_text(strip=True) == (
        "Оригінал оновлено після того, як зробили цей переклад."
    )


def test_editors_see_missing_and_outdated_translations_in_the_list(client, alice, make_notice):
    notice = make_notice(headline="Vattenläcka på Storgatan")
    translate_notice(notice, "uk", UKRAINIAN)
    client.force_login(alice)
    soup = page(client, "/admin/snippets/disruptions/notice/")
    states = {
        span.get_text(strip=True).split(":")[0]: span["class"][-1]
        for span in soup.select(".translation-state")
    }
    assert states == {
        "uk": "translation-state--current",
        "en": "translation-state--missing",
    }


def test_dates_follow_each_language(rita, make_notice):
    notice = make_notice(starts=timedelta(days=-1))
    start = notice.starts_at
    months = {
        "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti"],
        "uk": ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня"],
        "en": ["January", "February", "March", "April", "May", "June", "July", "August"],
    }
    months["sv"] += ["september", "oktober", "november", "december"]
    months["uk"] += ["вересня", "жовтня", "листопада", "грудня"]
    months["en"] += ["September", "October", "November", "December"]
    for language, names in months.items():
        time = page(rita, f"/{language}/driftinformation/{notice.pk}/").select_one(".times time")
        expected_month = names[start.astimezone().month - 1]
        assert expected_month in time.get_text(), (language, time.get_text())


def test_the_partner_shows_times_in_its_own_time_zone(partner, partner_client):
    from kommun.disruptions.models import Service

    notice = Notice(
        headline="Відключення електроенергії",
        service=Service.objects.get(site=partner, slug="el"),
        affected_area="Ставки",
        what_happened="Пошкоджено підстанцію.",
    )
    notice.publish_change()
    assert notice.locale.language_code == "uk"
    soup = page(partner_client, f"/uk/driftinformation/{notice.pk}/")
    offset = soup.select_one(".times time")["datetime"][-6:]
    assert offset in ("+02:00", "+03:00")  # Kyiv, winter or summer


def test_an_editor_translates_a_notice_in_the_admin_and_publishes_it(rita, make_notice):
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.models import Locale, Site

    from kommun.core.sites import municipality

    notice = make_notice(headline="Vattenläcka på Storgatan")
    editor = get_user_model().objects.create_user("erik", "erik@example.invalid", "pw")
    editor.groups.set(municipality(Site.objects.get(is_default_site=True)).editor_groups.all())
    admin = Client()
    admin.force_login(editor)
    ukrainian = Locale.objects.get(language_code="uk")
    response = admin.post(
        f"/admin/translation/submit/snippet/disruptions/notice/{notice.pk}/",
        {"locales": [ukrainian.pk]},
    )
    assert response.status_code == 302
    copy = Notice.objects.get(translation_key=notice.translation_key, locale=ukrainian)
    # Until its text is translated and published, readers see the original with the note.
    assert copy.live is False
    assert page(rita, "/uk/driftinformation/").select_one(".translation-note") is not None

    form = page(admin, f"/admin/snippets/disruptions/notice/edit/{copy.pk}/")
    assert form.select_one("[name=headline]") is not None
    copy.headline = "Прорив водогону на Сторгатан"
    copy.save_revision(user=editor).publish(user=editor)
    listed = page(rita, "/uk/driftinformation/").select_one(".notice-card__title a")
    assert listed.get_text(strip=True) == "Прорив водогону на Сторгатан"
    assert page(rita, "/uk/driftinformation/").select_one(".translation-note") is None
