"""
The admin's front door. Mallory wants into the admin: she guesses passwords, she asks for
password resets in bulk. Alice (a superuser) and Erik (an editor of Testby) work there.
"""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.db.models import F
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kommun.core.sites import municipality

LOGIN = "/admin/login/"
MALLORY = "203.0.113.66"
ALICE_AT_WORK = "198.51.100.10"


def client_at(address, language="sv"):
    return Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language)


def sign_in(client, username, password="pw"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def signed_in(client):
    return "_auth_user_id" in client.session


def code_for(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


@pytest.fixture
def erik(home):
    """An editor of Testby: admin access through the municipality's editor groups."""
    user = get_user_model().objects.create_user("erik", "erik@example.invalid", "pw")
    user.groups.set(municipality(home.get_site()).editor_groups.all())
    return user


def test_mallory_guesses_alices_password_and_is_locked_out_before_she_finds_it(alice):
    mallory = client_at(MALLORY)
    for guess in range(30):
        sign_in(mallory, "alice", f"sommar{guess}")

    response = sign_in(mallory, "alice", "pw")

    assert not signed_in(mallory)
    assert response.status_code == 429
    page = response.content.decode()
    assert "För många inloggningsförsök" in page
    assert "Försök igen om 15 minuter" in page
    assert "Traceback" not in page
    assert response["Retry-After"] == str(15 * 60)


@pytest.mark.parametrize(
    ("language", "heading"),
    [("uk", "Забагато спроб входу"), ("en", "Too many sign-in attempts")],
)
def test_the_lockout_page_speaks_the_readers_language(alice, language, heading):
    mallory = client_at(MALLORY, language)
    for guess in range(5):
        response = sign_in(mallory, "alice", f"guess{guess}")
    assert response.status_code == 429
    assert heading in response.content.decode()


def test_alice_still_signs_in_from_her_own_address_while_mallory_is_locked_out(alice):
    mallory = client_at(MALLORY)
    for guess in range(10):
        sign_in(mallory, "alice", f"guess{guess}")

    alice_client = client_at(ALICE_AT_WORK)
    sign_in(alice_client, "alice")

    assert signed_in(alice_client)
    assert sign_in(mallory, "alice").status_code == 429


def test_the_lockout_ends_after_the_cool_off(alice):
    mallory = client_at(MALLORY)
    for guess in range(5):
        sign_in(mallory, "alice", f"guess{guess}")
    assert sign_in(mallory, "alice").status_code == 429

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    sign_in(mallory, "alice")

    assert signed_in(mallory)


def test_a_right_password_clears_the_earlier_wrong_ones(erik):
    client = client_at(ALICE_AT_WORK)
    for guess in range(4):
        sign_in(client, "erik", f"guess{guess}")
    sign_in(client, "erik")
    client.post("/admin/logout/")

    for guess in range(4):
        sign_in(client, "erik", f"guess{guess}")
    sign_in(client, "erik")
    assert signed_in(client)


def test_alice_is_sent_to_set_up_two_factor_and_reaches_the_admin_only_after(alice, home):
    client = client_at(ALICE_AT_WORK)
    sign_in(client, "alice")
    assert signed_in(client)

    for path in ("/admin/", "/admin/pages/", "/admin/snippets/disruptions/notice/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/two-factor/?next=")

    set_up = client.get("/admin/two-factor/?next=/admin/pages/")
    assert set_up.status_code == 200
    # A QR code drawn as plain SVG paths, which browsers show inline in HTML.
    assert re.search(r"<svg [^>]*>(<rect [^>]*/>)?<path ", set_up.content.decode())
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    wrong = client.post(
        "/admin/two-factor/",
        {"otp_token": "000000", "name": "Telefon", "password": "pw", "next": "/admin/pages/"},
    )
    assert wrong.status_code == 200
    assert client.get("/admin/").status_code == 302

    # django-otp makes each try after a wrong code wait longer; Alice waits it out.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    device.refresh_from_db()
    code = code_for(device)
    done = client.post(
        "/admin/two-factor/",
        {"otp_token": code, "name": "Telefon", "password": "pw", "next": "/admin/pages/"},
    )

    assert done.status_code == 302
    assert done["Location"] == "/admin/pages/"
    assert TOTPDevice.objects.get(user=alice).confirmed
    assert client.get("/admin/").status_code == 200


def test_alice_with_a_device_gives_the_code_after_her_password(alice, home):
    device = TOTPDevice.objects.create(user=alice, name="Telefon", confirmed=True)
    client = client_at(ALICE_AT_WORK)
    sign_in(client, "alice")

    response = client.get("/admin/")
    assert response["Location"] == "/admin/two-factor/code/?next=%2Fadmin%2F"
    # A password alone is not enough to add another device either.
    assert client.get("/admin/two-factor/")["Location"].startswith("/admin/two-factor/code/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Ange koden från din autentiseringsapp" in page.content.decode()

    wrong = client.post("/admin/two-factor/code/", {"otp_token": "000000", "next": "/admin/"})
    assert wrong.status_code == 200
    assert client.get("/admin/").status_code == 302

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    device.refresh_from_db()
    code = code_for(device)
    right = client.post("/admin/two-factor/code/", {"otp_token": code, "next": "/admin/"})
    assert right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_erik_signs_in_without_two_factor_and_may_turn_it_on(erik):
    client = client_at(ALICE_AT_WORK)
    sign_in(client, "erik")

    assert client.get("/admin/").status_code == 200
    account = client.get("/admin/account/").content.decode()
    assert "/admin/two-factor/" in account
    set_up = client.get("/admin/two-factor/")
    assert set_up.status_code == 200
    device = TOTPDevice.objects.get(user=erik, confirmed=False)
    code = code_for(device)
    client.post("/admin/two-factor/", {"otp_token": code, "name": "Telefon", "password": "pw"})
    assert TOTPDevice.objects.get(user=erik).confirmed

    client.post("/admin/logout/")
    sign_in(client, "erik")
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/code/")


def test_an_editor_who_removes_his_device_signs_in_with_the_password_again(erik):
    device = TOTPDevice.objects.create(user=erik, name="Telefon", confirmed=True)
    client = client_at(ALICE_AT_WORK)
    sign_in(client, "erik")
    client.post("/admin/two-factor/code/", {"otp_token": code_for(device), "next": "/admin/"})

    client.post("/admin/two-factor/", {"remove": device.pk})
    client.post("/admin/logout/")
    sign_in(client, "erik")

    assert not TOTPDevice.objects.filter(user=erik, confirmed=True).exists()
    assert client.get("/admin/").status_code == 200


def reset(client, email):
    return client.post("/admin/password_reset/", {"email": email})


def test_mallory_cannot_flood_alice_with_password_reset_messages(alice):
    answers = [reset(client_at(f"203.0.113.{n}"), "alice@example.invalid") for n in range(12)]

    assert len(mail.outbox) == 5
    assert {answer.status_code for answer in answers} == {302}
    assert {answer["Location"] for answer in answers} == {"/admin/password_reset/done/"}


def test_one_address_sends_at_most_five_reset_messages_an_hour_whatever_it_asks_for(alice, erik):
    mallory = client_at(MALLORY)
    for n in range(5):
        reset(mallory, f"nobody{n}@example.invalid")

    answer = reset(mallory, "alice@example.invalid")

    assert mail.outbox == []
    # The same answer as for an address that has an account and got its message.
    assert answer["Location"] == "/admin/password_reset/done/"
    reset(client_at(ALICE_AT_WORK), "erik@example.invalid")
    assert [message.to for message in mail.outbox] == [["erik@example.invalid"]]


def test_guesses_at_the_password_on_the_device_form_count_towards_the_lockout(erik):
    """Mallory has Erik's session cookie and tries to add her phone to his account."""
    mallory = client_at(MALLORY)
    mallory.force_login(erik)
    mallory.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=erik, confirmed=False)

    for guess in range(5):
        form = {"otp_token": code_for(device), "name": "Mallory", "password": f"guess{guess}"}
        response = mallory.post("/admin/two-factor/", form)

    assert response.status_code == 429
    assert not TOTPDevice.objects.filter(user=erik, confirmed=True).exists()


def test_a_device_to_remove_that_is_no_number_changes_nothing(erik):
    device = TOTPDevice.objects.create(user=erik, name="Telefon", confirmed=True)
    client = client_at(ALICE_AT_WORK)
    client.force_login(erik)

    response = client.post("/admin/two-factor/", {"remove": "1 OR 1=1"})

    assert response.status_code == 302
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
