"""
Rita subscribes by email and confirms; Alice at the operations desk publishes; the worker
sends through a real SMTP server on 127.0.0.1.
"""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.test import Client
from django.utils import timezone

from kommun.areas.models import Address
from kommun.disruptions.localize import translate_notice
from kommun.disruptions.models import Notice, Service
from kommun.subscriptions.fanout import after_quiet_hours, queue_reminders
from kommun.subscriptions.models import Delivery, Subscription
from kommun.subscriptions.sending import send_due

from .conftest import link_in, local_path, text_of

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_nothing_is_sent_before_the_link_is_followed(home, smtp, make_notice, rita):
    rita.post("/sv/prenumerera/", {"email": "rita@example.org"})
    make_notice(severity=Notice.Severity.CRITICAL)
    assert not Delivery.objects.exists()
    assert Subscription.objects.get().confirmed_at is None


def test_a_confirmed_subscriber_gets_one_email_per_change_with_unsubscribe_headers(
    subscribed, smtp, make_notice
):
    subscribed()
    notice = make_notice(headline="Vattenläcka på Storgatan", severity=Notice.Severity.CRITICAL)
    assert send_due("test-worker") == 1
    message = smtp.wait_for(2)[-1]
    assert "Vattenläcka på Storgatan" in message["Subject"]
    assert message["Message-ID"] == Delivery.objects.get().message_id
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/sv/prenumerera/avsluta/" in message["List-Unsubscribe"]
    assert message.get_body(preferencelist=("html",)) is not None
    assert Delivery.objects.get().status == Delivery.Status.SENT

    notice.what_is_being_done = "Vi gräver."  # not significant: no message
    notice.publish_change()
    notice.ended_at = timezone.now()
    notice.publish_change()  # resolved: a message
    assert send_due("test-worker") == 1
    assert "Åtgärdad" in smtp.wait_for(3)[-1]["Subject"]


def test_one_click_unsubscribe_ends_the_subscription(subscribed, smtp, make_notice):
    subscription = subscribed()
    make_notice(severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    header = smtp.wait_for(2)[-1]["List-Unsubscribe"]
    url = local_path(header.strip().strip("<>"))
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


def test_the_manage_link_shows_what_is_stored_and_can_delete_it(subscribed, smtp, make_notice):
    subscribed()
    make_notice(severity=Notice.Severity.CRITICAL)
    send_due("test-worker")
    manage = local_path(link_in(smtp.wait_for(2)[-1], "/sv/prenumerera/hantera/"))
    resident = Client()
    page = resident.get(manage).content.decode()
    assert "rita@example.org" in page
    assert resident.post(manage + "radera/").status_code == 200
    assert not Subscription.objects.exists()
    assert resident.get(manage).status_code == 404


def test_matching_by_address_area_and_service_sends_exactly_one_message_each(
    subscribed, make_notice, heating, water
):
    home = Address.objects.create(
        site=water.site,
        street="Storgatan",
        number=12,
        postcode="12340",
        locality="Sjövik",
        lat=59.05,
        lon=15.05,
    )
    from kommun.areas.models import Area
    from kommun.areas.tests.conftest import NORTH, polygon

    north = Area.objects.create(site=water.site, name="Norrby", geometry=polygon(NORTH))
    by_address = subscribed("adress@example.org", addresses="storgatan 12")
    by_area = subscribed("omrade@example.org", areas=[north.pk])
    by_both = subscribed("bada@example.org", addresses="Storgatan 12", areas=[north.pk])
    heating_only = subscribed("varme@example.org", services=[heating.pk])
    everything = subscribed("allt@example.org")
    elsewhere = subscribed("annanstans@example.org", addresses="")
    elsewhere.addresses.set([])
    assert list(by_address.addresses.all()) == [home]

    notice = make_notice(severity=Notice.Severity.CRITICAL, areas=[north], service=water)
    told = set(Delivery.objects.filter(notice=notice).values_list("subscription_id", flat=True))
    assert told == {by_address.pk, by_area.pk, by_both.pk, everything.pk, elsewhere.pk}
    assert heating_only.pk not in told
    assert Delivery.objects.filter(notice=notice, subscription=by_both).count() == 1


def test_non_critical_messages_wait_for_the_end_of_quiet_hours():
    late = datetime(2026, 11, 27, 23, 30, tzinfo=STOCKHOLM)
    early = datetime(2026, 11, 28, 6, 59, tzinfo=STOCKHOLM)
    day = datetime(2026, 11, 28, 12, 0, tzinfo=STOCKHOLM)
    morning = datetime(2026, 11, 28, 7, 0, tzinfo=STOCKHOLM)
    assert after_quiet_hours(late, STOCKHOLM) == morning
    assert after_quiet_hours(early, STOCKHOLM) == morning
    assert after_quiet_hours(day, STOCKHOLM) == day


def test_critical_notices_go_out_at_once_even_at_night(subscribed, make_notice):
    subscribed()
    night = datetime(2026, 11, 27, 23, 30, tzinfo=STOCKHOLM)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=night):
        make_notice(headline="Kritisk", severity=Notice.Severity.CRITICAL, starts=night)
        make_notice(headline="Mindre", severity=Notice.Severity.MINOR, starts=night)
    critical = Delivery.objects.get(notice__headline="Kritisk")
    minor = Delivery.objects.get(notice__headline="Mindre")
    assert critical.next_attempt_at == night
    assert minor.next_attempt_at == datetime(2026, 11, 28, 7, 0, tzinfo=STOCKHOLM)


def test_a_reminder_at_half_past_seven_in_kyiv_is_not_held_by_stockholms_night(
    partner, make_notice, settings
):
    # Olena lives in the Ukrainian partner municipality. At 07:30 on her clock her night is
    # over, while in Stockholm, where the scheduler's settings are, it is 06:30 and still night.
    settings.REMINDER_LEAD_HOURS = 12
    kyiv_morning = datetime(2026, 11, 28, 7, 30, tzinfo=ZoneInfo("Europe/Kyiv"))
    assert kyiv_morning.astimezone(STOCKHOLM).hour == 6
    olena = Subscription.objects.create(
        site=partner,
        channel="webhook",
        destination="https://olena.example.org/hook",
        language="uk",
        confirmed_at=kyiv_morning - timedelta(days=30),
    )
    water_in_lisohirsk = Service.objects.filter(site=partner).first()
    make_notice(
        headline="Планові роботи на водогоні",
        service=water_in_lisohirsk,
        kind=Notice.Kind.PLANNED,
        severity=Notice.Severity.MINOR,
        starts=timedelta(hours=3),
        now=kyiv_morning,
    )
    Delivery.objects.all().delete()  # the message about publishing it

    assert queue_reminders(partner, now=kyiv_morning) == 1
    reminder = Delivery.objects.get(kind=Delivery.Kind.REMINDER)
    assert reminder.subscription == olena
    assert reminder.next_attempt_at == kyiv_morning


def test_a_temporary_error_is_retried_and_a_permanent_one_disables(home, smtp, make_notice):
    # No confirmation could reach these two, so they are made confirmed directly.
    later, bounce = (
        Subscription.objects.create(
            site=home.get_site(),
            channel="email",
            destination=address,
            confirmed_at=timezone.now(),
        )
        for address in ("later@example.org", "bounce@example.org")
    )
    make_notice(severity=Notice.Severity.CRITICAL)
    send_due("test-worker")

    retried = Delivery.objects.get(subscription=later)
    assert retried.status == Delivery.Status.QUEUED
    assert retried.attempts == 1 and retried.next_attempt_at > timezone.now()
    assert retried.last_error.startswith("451")

    gone = Delivery.objects.get(subscription=bounce)
    bounce.refresh_from_db()
    assert gone.status == Delivery.Status.FAILED
    assert bounce.disabled_at is not None and bounce.disabled_reason.startswith("550 5.1.1")


def test_subscribing_says_the_same_whether_or_not_the_address_is_known(subscribed, rita):
    subscribed()
    known = rita.post("/sv/prenumerera/", {"email": "rita@example.org"}).content
    unknown = rita.post("/sv/prenumerera/", {"email": "ny@example.org"}).content
    strip = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub(b"", known) == strip.sub(b"", unknown)


def test_subscribing_is_rate_limited_per_ip(home, rita, settings):
    settings.SUBSCRIBE_RATE_PER_HOUR = 3
    codes = [
        rita.post("/sv/prenumerera/", {"email": f"r{n}@example.org"}).status_code for n in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]


def test_a_destination_gets_a_limited_number_of_confirmations_a_day(
    home, smtp, settings, django_capture_on_commit_callbacks
):
    settings.CONFIRMATIONS_PER_DAY = 2
    for _ in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            Client().post("/sv/prenumerera/", {"email": "rita@example.org"})
    smtp.wait_for(2)
    import time

    time.sleep(0.3)
    assert len(smtp.messages()) == 2


def test_a_notice_with_very_long_lines_still_gets_working_links(subscribed, smtp, make_notice):
    subscription = subscribed()
    make_notice(severity=Notice.Severity.CRITICAL, what_happened="Lång rad. " * 200)
    send_due("test-worker")
    message = smtp.wait_for(2)[-1]
    manage = local_path(link_in(message, "/sv/prenumerera/hantera/"))
    assert Client().get(manage).status_code == 200
    assert "kommun-link" not in message.as_string()
    assert message["To"] == subscription.destination


def test_each_subscriber_is_written_to_in_the_language_they_subscribed_in(
    home, smtp, make_notice, django_capture_on_commit_callbacks
):
    resident = Client()
    with django_capture_on_commit_callbacks(execute=True):
        assert resident.post("/uk/prenumerera/", {"email": "oksana@example.org"}).status_code == 200
    confirmation = smtp.wait_for(1)[-1]
    # The confirmation itself, and the page it leads to, are in Ukrainian.
    link = local_path(link_in(confirmation, "/uk/prenumerera/bekrafta/"))
    assert "Підтвердьте підписку" in resident.get(link).content.decode()
    resident.post(link)
    with django_capture_on_commit_callbacks(execute=True):
        assert resident.post("/en/prenumerera/", {"email": "sam@example.org"}).status_code == 200
    smtp.wait_for(2)
    resident.post(local_path(link_in(smtp.messages()[-1], "/en/prenumerera/bekrafta/")))

    notice = make_notice(headline="Vattenläcka på Storgatan", severity=Notice.Severity.CRITICAL)
    # Translated into Ukrainian before the messages go out; English is still missing.
    translate_notice(notice, "uk", {"headline": "Прорив водогону на Сторгатан"})
    assert send_due("test-worker") == 2
    messages = {message["To"]: message for message in smtp.wait_for(4)[-2:]}

    ukrainian = messages["oksana@example.org"]
    assert "Прорив водогону на Сторгатан" in ukrainian["Subject"]
    body = text_of(ukrainian)
    assert "Водопостачання та водовідведення" in body
    assert "/uk/driftinformation/" in body
    assert "/uk/prenumerera/hantera/" in body

    english = messages["sam@example.org"]
    assert "Vattenläcka på Storgatan" in english["Subject"]  # the original, as the fallback
    body = text_of(english)
    assert "Not yet translated into your language: shown in the original language." in body
    assert "Water and sewage" in body
    assert "/en/driftinformation/" in body


def test_an_address_list_with_a_control_character_is_refused_naming_the_problem(home, rita):
    response = rita.post(
        "/sv/prenumerera/", {"email": "rita@example.org", "addresses": "Storgatan\u000b12"}
    )
    assert response.status_code == 200
    assert "osynligt styrtecken (U+000B) på position 10" in response.content.decode()
    assert not Subscription.objects.exists()
