"""
Two municipalities on one installation: Testby (the default site) and its partner Lisohirsk.
Nothing of Lisohirsk can be reached from Testby's side, through any door: the admin, the API,
the feeds, the lookup or a subscription.
"""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from kommun.areas.models import Address
from kommun.core.sites import municipality
from kommun.disruptions.models import Notice, Service
from kommun.subscriptions.fanout import matching_subscriptions
from kommun.subscriptions.links import manage_url
from kommun.subscriptions.models import Subscription


@pytest.fixture
def testby(home):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def theirs(partner):
    """A notice of the partner's, published."""
    notice = Notice(
        headline="Відключення електроенергії",
        service=Service.objects.get(site=partner, slug="el"),
        affected_area="Ставки",
        what_happened="Пошкоджено підстанцію.",
    )
    notice.publish_change()
    return notice


@pytest.fixture
def ours(make_notice):
    return make_notice(headline="Vattenläcka på Storgatan")


def editor_of(site, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw")
    user.groups.set(municipality(site).editor_groups.all())
    client = Client()
    client.force_login(user)
    return client


def test_an_editor_sees_and_reaches_only_their_own_municipality(testby, partner, ours, theirs):
    editor = editor_of(testby, "erik")
    listing = editor.get("/admin/snippets/disruptions/notice/").content.decode()
    assert ours.headline in listing
    assert theirs.headline not in listing
    assert editor.get(f"/admin/snippets/disruptions/notice/edit/{ours.pk}/").status_code == 200
    for view in ("edit", "delete", "history"):
        path = f"/admin/snippets/disruptions/notice/{view}/{theirs.pk}/"
        assert editor.get(path).status_code == 404, path
    # Choosing a service offers the editor's own services only.
    add = editor.get("/admin/snippets/disruptions/notice/add/").content.decode()
    assert f'value="{ours.service.pk}"' in add
    assert f'value="{theirs.service.pk}"' not in add
    # Nor can it be forced through a POST.
    response = editor.post(
        f"/admin/snippets/disruptions/notice/edit/{theirs.pk}/", {"headline": "Захоплено"}
    )
    assert response.status_code == 404
    assert Notice.objects.get(pk=theirs.pk).headline == "Відключення електроенергії"


def test_an_api_token_reaches_only_its_own_municipality(testby, partner, ours, theirs):
    user = get_user_model().objects.create_user("olle", "olle@example.invalid", "pw")
    user.groups.set(municipality(testby).editor_groups.all())
    out = io.StringIO()
    call_command("api_token", "create", "--user", "olle", "--services", "el", stdout=out)
    headers = {"authorization": f"Bearer {out.getvalue().splitlines()[-1]}"}
    api = Client()
    resolve = api.post(
        f"/api/v1/notices/{theirs.pk}/resolve",
        "{}",
        content_type="application/json",
        headers=headers,
    )
    assert resolve.status_code == 404
    assert Notice.objects.get(pk=theirs.pk).ended_at is None
    # "el" is a service of both: the token publishes for its own municipality's.
    created = api.post(
        "/api/v1/notices",
        json.dumps(
            {
                "headline": "Strömavbrott",
                "service": "el",
                "affected_area": "Norrby",
                "what_happened": "Ett fel i nätet.",
            }
        ),
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201, created.content
    assert Notice.objects.get(pk=created.json()["id"]).service.site == testby


def test_a_token_for_another_municipality_cannot_be_made(testby, partner):
    get_user_model().objects.create_user("olle", "olle@example.invalid", "pw").groups.set(
        municipality(testby).editor_groups.all()
    )
    with pytest.raises(Exception, match="does not work for that municipality"):
        call_command(
            "api_token", "create", "--user", "olle", "--services", "el", "--site", partner.hostname
        )


def test_the_public_api_and_feeds_answer_for_the_host_asked(rita, partner_client, ours, theirs):
    ids = {item["id"] for item in rita.get("/api/v1/notices").json()["items"]}
    assert ids == {ours.pk}
    ids = {item["id"] for item in partner_client.get("/api/v1/notices").json()["items"]}
    assert ids == {theirs.pk}
    assert partner_client.get(f"/api/v1/notices/{ours.pk}").status_code == 404
    assert partner_client.get(f"/uk/driftinformation/{ours.pk}/").status_code == 404

    rss = rita.get("/sv/feeds/driftinformation.rss").content.decode()
    assert ours.headline in rss and theirs.headline not in rss
    publication = ours.publications.first()
    assert partner_client.get(f"/cap/{publication.pk}.xml").status_code == 404
    assert rita.get(f"/cap/{publication.pk}.xml").status_code == 200
    ics = partner_client.get("/uk/feeds/planerat.ics").content.decode()
    assert ours.headline not in ics


def test_the_lookup_searches_the_hosts_own_register(rita, partner_client, testby, partner):
    Address.objects.create(
        site=testby,
        street="Storgatan",
        number=1,
        postcode="12340",
        locality="Testby",
        lat=59.0,
        lon=15.0,
    )
    assert len(rita.get("/api/v1/addresses", {"q": "storgatan"}).json()) == 1
    assert partner_client.get("/api/v1/addresses", {"q": "storgatan"}).json() == []
    lookup = partner_client.get("/uk/adress/", {"q": "Storgatan 1"}).content.decode()
    assert "Testby" not in lookup


def test_a_subscription_belongs_to_its_municipality(partner_client, rita, partner, ours, theirs):
    theirs_subscriber = Subscription.objects.create(
        site=partner,
        channel="email",
        destination="oksana@example.org",
        language="uk",
        confirmed_at=timezone.now(),
    )
    assert theirs_subscriber.pk not in matching_subscriptions(ours)
    assert theirs_subscriber.pk in matching_subscriptions(theirs)
    link = manage_url(theirs_subscriber)
    assert link.startswith("http://lisohirsk.localhost")
    path = link.split("localhost", 1)[1].lstrip(":0123456789")
    assert partner_client.get(path).status_code == 200
    assert rita.get(path).status_code == 404  # the same link on the other host
