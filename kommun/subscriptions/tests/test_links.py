"""
Rita forwarded a message with her management link in it. She gets a new link, and the old
one, with its unsubscribe link, stops working. The unsubscribe link, which mail systems
see in a header, can end a subscription but never open its management page.
"""

from urllib.parse import parse_qs

from django.core import signing
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from kommun.subscriptions.links import MANAGE_SALT, manage_url, unsubscribe_url
from kommun.subscriptions.models import Subscription

from .conftest import local_path


def subscriber(channel="email", destination="rita@example.org"):
    return Subscription.objects.create(
        site=Site.objects.get(is_default_site=True),  # Testby
        channel=channel,
        destination=destination,
        confirmed_at=timezone.now(),
    )


def revoke(resident, manage):
    return resident.post(manage + "ny-lank/")


def test_rita_revokes_her_link_and_gets_a_new_one_by_email(
    home, mailoutbox, django_capture_on_commit_callbacks
):
    rita = subscriber()
    old_manage = local_path(manage_url(rita))
    old_unsubscribe = local_path(unsubscribe_url(rita))
    resident = Client()
    assert "Skaffa en ny länk" in resident.get(old_manage).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = revoke(resident, old_manage)
    assert response.status_code == 200
    assert "Vi har skickat en ny länk" in response.content.decode()
    assert resident.get(old_manage).status_code == 404
    assert resident.post(old_unsubscribe).status_code == 404
    [message] = mailoutbox
    assert message.to == ["rita@example.org"]
    new_manage = next(line for line in message.body.splitlines() if "/hantera/" in line)
    assert local_path(new_manage) != old_manage
    assert resident.get(local_path(new_manage)).status_code == 200
    assert Subscription.objects.filter(pk=rita.pk).exists()


def test_an_unsubscribe_link_cannot_open_the_management_page(home):
    rita = subscriber()
    unsubscribe = local_path(unsubscribe_url(rita))
    token = unsubscribe.rstrip("/").rsplit("/", 1)[1]
    assert Client().get(f"/sv/prenumerera/hantera/{token}/").status_code == 404
    assert Client().post(f"/sv/prenumerera/hantera/{token}/ny-lank/").status_code == 404
    assert Client().post(unsubscribe, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscription.objects.exists()


def test_a_one_click_link_from_before_still_unsubscribes_but_manages_nothing(home):
    rita = subscriber()
    legacy = signing.dumps(rita.pk, salt=MANAGE_SALT)  # what messages carried until now
    assert Client().get(f"/sv/prenumerera/hantera/{legacy}/").status_code == 404
    response = Client().post(
        f"/sv/prenumerera/avsluta/{legacy}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_a_browser_subscription_sees_its_new_link_on_the_page(home):
    browser = subscriber("push", '{"endpoint": "https://fcm.googleapis.com/x", "keys": {}}')
    old = local_path(manage_url(browser))
    response = revoke(Client(), old)
    browser.refresh_from_db()
    assert manage_url(browser) in response.content.decode()
    assert Client().get(old).status_code == 404


def test_an_sms_subscriber_gets_the_new_link_by_sms(
    home, receiver, settings, django_capture_on_commit_callbacks
):
    settings.SMS_GATEWAY_URL = receiver.url
    oskar = subscriber("sms", "+46701234567")
    with django_capture_on_commit_callbacks(execute=True):
        revoke(Client(), local_path(manage_url(oskar)))
    [(_, body)] = receiver.requests
    sms = parse_qs(body.decode())
    assert sms["to"] == ["+46701234567"]
    new_link = sms["message"][0].rsplit(" ", 1)[1]
    assert Client().get(local_path(new_link)).status_code == 200
