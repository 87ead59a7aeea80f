"""Operations systems publish through the API: Olle at the water company, Hanna at heating."""

from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import APIToken, ModelLogEntry

from kommun.api.models import IdempotentRequest
from kommun.disruptions.models import Notice

from .conftest import WATER_LEAK

ALL_CLEAR = "Just nu har vi inga pågående driftstörningar"


def banner_on_home_page():
    soup = BeautifulSoup(Client().get("/sv/").content, "html.parser")
    return soup.select_one(".banner__text").get_text(strip=True)


def test_olle_publishes_a_notice_and_it_is_live_with_its_first_update(olle, conforms):
    response = olle.post("/notices", WATER_LEAK)

    body = conforms(response, "/api/v1/notices", "post")
    assert response.status_code == 201
    notice = Notice.objects.get(pk=body["id"])
    assert notice.live and notice.headline == "Vattenläcka på Storgatan"
    assert [entry["text"] for entry in body["timeline"]] == ["Vi är på plats."]
    assert body["state"] == "ongoing"


def test_publishing_through_the_api_is_logged_with_the_tokens_user(olle):
    notice_id = olle.post("/notices", WATER_LEAK).json()["id"]
    entries = ModelLogEntry.objects.filter(object_id=str(notice_id))
    assert {entry.action for entry in entries} >= {"wagtail.publish"}
    assert {entry.user.username for entry in entries} == {"olle"}


def test_the_api_and_the_banner_tell_the_same_story_from_publish_to_resolve(
    olle, django_capture_on_commit_callbacks
):
    assert banner_on_home_page() == ALL_CLEAR
    with django_capture_on_commit_callbacks(execute=True):
        notice_id = olle.post("/notices", WATER_LEAK).json()["id"]
    assert banner_on_home_page() == "Just nu har vi 1 pågående driftstörning"

    with django_capture_on_commit_callbacks(execute=True):
        response = olle.post(f"/notices/{notice_id}/resolve", {"text": "Läckan är lagad."})
    assert response.status_code == 200
    assert response.json()["state"] == "resolved"
    assert banner_on_home_page() == ALL_CLEAR


def test_an_update_adds_to_the_timeline_and_may_change_the_notice(olle, conforms):
    notice_id = olle.post("/notices", WATER_LEAK).json()["id"]
    response = olle.post(
        f"/notices/{notice_id}/updates",
        {"text": "Tankbilen står på torget.", "severity": "major"},
    )
    body = conforms(response, "/api/v1/notices/{notice_id}/updates", "post")
    assert body["severity"] == "major"
    assert body["timeline"][0]["text"] == "Tankbilen står på torget."
    assert len(body["timeline"]) == 2


def test_cancelling_calls_the_notice_off(olle):
    notice_id = olle.post(
        "/notices", WATER_LEAK | {"kind": "planned", "starts_at": "2099-05-01T08:00:00+02:00"}
    ).json()["id"]
    response = olle.post(f"/notices/{notice_id}/cancel", {"text": "Arbetet är inställt."})
    assert response.status_code == 200
    assert response.json()["state"] == "cancelled"


def test_a_retry_with_the_same_idempotency_key_creates_no_second_notice(olle):
    first = olle.post("/notices", WATER_LEAK, key="order-4711")
    again = olle.post("/notices", WATER_LEAK, key="order-4711")

    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert Notice.objects.count() == 1


def test_a_retried_resolve_answers_as_the_first_time_not_409(olle):
    notice_id = olle.post("/notices", WATER_LEAK).json()["id"]
    first = olle.post(f"/notices/{notice_id}/resolve", key="resolve-1")
    again = olle.post(f"/notices/{notice_id}/resolve", key="resolve-1")
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.content == first.content


def test_an_idempotency_key_reused_for_another_request_is_409(olle):
    olle.post("/notices", WATER_LEAK, key="order-4711")
    response = olle.post("/notices", WATER_LEAK | {"headline": "Annat"}, key="order-4711")
    assert response.status_code == 409
    assert "Idempotency-Key" in response.json()["detail"]
    assert Notice.objects.count() == 1


def test_a_failed_request_leaves_its_key_free_for_a_corrected_retry(olle):
    bad = olle.post("/notices", WATER_LEAK | {"service": "finns-inte"}, key="k1")
    assert bad.status_code == 422
    assert not IdempotentRequest.objects.exists()


def test_malformed_json_is_400(olle):
    response = olle.client.post(
        "/api/v1/notices",
        data="{not json",
        content_type="application/json",
        headers={"authorization": f"Bearer {olle.token}"},
    )
    assert response.status_code == 400


def test_invalid_fields_are_422_naming_each_field(olle, conforms):
    response = olle.post("/notices", WATER_LEAK | {"headline": "x" * 91, "severity": "huge"})
    body = conforms(response, "/api/v1/notices", "post")
    assert response.status_code == 422
    assert {error["loc"][-1] for error in body["detail"]} == {"headline", "severity"}


def test_rules_beyond_the_schema_are_422_naming_the_field(olle):
    response = olle.post(
        "/notices",
        WATER_LEAK
        | {
            "starts_at": "2026-01-02T08:00:00+01:00",
            "expected_end_at": "2026-01-01T08:00:00+01:00",
        },
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "expected_end_at"]
    assert not Notice.objects.exists()


def test_a_control_character_in_a_headline_is_422_naming_the_field_and_creates_nothing(
    olle, conforms, rita
):
    # A vertical tab from a copied spreadsheet cell once broke every feed of the municipality.
    response = olle.post("/notices", WATER_LEAK | {"headline": "Vattenläcka\u000bStorgatan"})

    body = conforms(response, "/api/v1/notices", "post")
    assert response.status_code == 422
    (error,) = body["detail"]
    assert error["loc"] == ["body", "headline"]
    assert "U+000B" in error["msg"] and "position 12" in error["msg"]
    assert not Notice.objects.exists()
    assert rita.get("/sv/feeds/driftinformation.rss").status_code == 200


def test_a_control_character_in_a_timeline_entry_is_422_naming_the_field(olle):
    created = olle.post("/notices", WATER_LEAK | {"update": "På\u0000plats"})
    assert created.status_code == 422
    assert created.json()["detail"][0]["loc"] == ["body", "update"]
    assert not Notice.objects.exists()

    notice_id = olle.post("/notices", WATER_LEAK).json()["id"]
    response = olle.post(f"/notices/{notice_id}/updates", {"text": "Lagat\u001bsnart"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "text"]
    assert Notice.objects.get(pk=notice_id).updates.count() == 1


def test_a_missing_or_wrong_token_is_401(olle, conforms):
    anonymous = Client().post("/api/v1/notices", WATER_LEAK, content_type="application/json")
    assert anonymous.status_code == 401
    wrong = olle.post("/notices", WATER_LEAK, token="wagtail_notatoken")
    assert wrong.status_code == 401
    conforms(wrong, "/api/v1/notices", "post")
    assert not Notice.objects.exists()


def test_a_revoked_token_is_401(olle):
    APIToken.objects.get(user__username="olle").revoke()
    assert olle.post("/notices", WATER_LEAK).status_code == 401


def test_a_water_token_cannot_touch_district_heating(olle, hanna, conforms):
    refused = olle.post("/notices", WATER_LEAK | {"service": "fjarrvarme"})
    assert refused.status_code == 403
    conforms(refused, "/api/v1/notices", "post")

    heating_id = hanna.post("/notices", WATER_LEAK | {"service": "fjarrvarme"}).json()["id"]
    for action in ["updates", "resolve", "cancel"]:
        response = olle.post(f"/notices/{heating_id}/{action}", {"text": "Försök"})
        assert response.status_code == 403, action
    assert Notice.objects.get(pk=heating_id).state == "ongoing"


def test_an_unknown_notice_is_404(olle, conforms):
    response = olle.post("/notices/999999/resolve")
    assert response.status_code == 404
    conforms(response, "/api/v1/notices/{notice_id}/resolve", "post")


def test_resolving_twice_is_409(olle, conforms):
    notice_id = olle.post("/notices", WATER_LEAK).json()["id"]
    olle.post(f"/notices/{notice_id}/resolve")
    response = olle.post(f"/notices/{notice_id}/resolve")
    assert response.status_code == 409
    conforms(response, "/api/v1/notices/{notice_id}/resolve", "post")


def test_a_token_whose_user_may_not_publish_is_403(olle):
    APIToken.objects.get(user__username="olle").user.groups.clear()
    response = olle.post("/notices", WATER_LEAK)
    assert response.status_code == 403
    assert "may not publish" in response.json()["detail"]


def test_an_administrator_scopes_a_token_in_the_admin_and_it_is_logged(client, alice, home):
    from django.contrib.auth import get_user_model

    from kommun.api.models import TokenScope
    from kommun.disruptions.models import Service

    owner = get_user_model().objects.create_user("olle")
    token, plaintext = APIToken.create_token(user=owner, name="Vattenverket")
    client.force_login(alice)
    heating = Service.objects.get(slug="fjarrvarme")

    response = client.post(
        "/admin/token_scopes/new/",
        {"token": token.pk, "site": home.get_site().pk, "services": [heating.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    assert list(TokenScope.objects.get(token=token).services.all()) == [heating]
    entry = ModelLogEntry.objects.filter(action="wagtail.create").latest("timestamp")
    assert entry.user == alice
    assert client.get("/admin/token_scopes/").status_code == 200


def test_a_cancelled_notice_says_so_on_the_status_page(olle, rita):
    notice_id = olle.post("/notices", WATER_LEAK).json()["id"]
    olle.post(f"/notices/{notice_id}/cancel")
    page = rita.get("/sv/driftinformation/").content.decode()
    assert "Inställd" in page
