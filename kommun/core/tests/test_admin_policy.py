"""
Olena edits for Lisohirsk, Sven for Sjövik, on one installation. Whatever door of the admin
Sven opens (a listing, a chooser, a bulk action, a report, its export, a filter), he sees
and acts on Sjövik's things only, and another municipality's object is simply not there.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.http import Http404
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from kommun.accessibility.models import ProblemReport
from kommun.areas.models import Area
from kommun.core.models import MunicipalitySettings
from kommun.disruptions.models import Notice, Service
from kommun.site.site_structure import ensure_site_structure

SQUARE = '{"type": "Polygon", "coordinates": [[[15,59],[15.1,59],[15.1,59.1],[15,59]]]}'
STAVKY = '{"type": "Polygon", "coordinates": [[[36.1,49.4],[36.2,49.4],[36.2,49.5],[36.1,49.4]]]}'


@pytest.fixture
def sjovik(db):
    return ensure_site_structure(site_name="Sjövik kommun").get_site()


@pytest.fixture
def lisohirsk(sjovik):
    home = ensure_site_structure(
        site_name="Лісогірська громада",
        hostname="lisohirsk.localhost",
        language="uk",
        time_zone="Europe/Kyiv",
        is_default_site=False,
    )
    site = home.get_site()
    MunicipalitySettings.objects.filter(site=site).update(bbox="36.0,49.3,36.6,49.6")
    return site


def editor(site, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw")
    user.groups.set(MunicipalitySettings.for_site(site).editor_groups.all())
    return user


@pytest.fixture
def sven(sjovik):
    return editor(sjovik, "sven")


@pytest.fixture
def olena(lisohirsk):
    return editor(lisohirsk, "olena")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def notice(site, headline, user, live=True):
    item = Notice(
        headline=headline,
        service=Service.objects.get(site=site, slug="el"),
        affected_area="Centrum",
        what_happened="Ett fel.",
        live=live,
    )
    item.save()
    revision = item.save_revision(user=user)
    if live:
        revision.publish(user=user)
    return Notice.objects.get(pk=item.pk)


@pytest.fixture
def svens_notice(sven, sjovik):
    return notice(sjovik, "Strömavbrott i Sjövik", sven)


@pytest.fixture
def olenas_draft(olena, lisohirsk):
    return notice(lisohirsk, "Чернетка: відключення світла", olena, live=False)


@pytest.fixture
def olenas_notice(olena, lisohirsk):
    return notice(lisohirsk, "Відключення води у Ставках", olena)


def chooser_html(response):
    # A chooser answers with its modal as JSON, its results panel as plain HTML.
    assert response.status_code == 200, response.status_code
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def test_sven_cannot_bulk_delete_olenas_draft(sven, svens_notice, olenas_draft):
    # Even with the permission to delete notices, Sven deletes Sjövik's only.
    delete = Permission.objects.get(content_type__app_label="disruptions", codename="delete_notice")
    sven.groups.first().permissions.add(delete)
    client = logged_in(sven)
    bulk = "/admin/bulk/disruptions/notice/delete/"

    confirm = client.get(bulk, {"id": olenas_draft.pk})
    assert confirm.status_code == 404
    assert olenas_draft.headline not in confirm.content.decode()
    refused = client.post(f"{bulk}?id={olenas_draft.pk}")
    assert refused.status_code == 404
    assert Notice.objects.filter(pk=olenas_draft.pk).exists()
    # "All" in the listing means all of Sjövik's.
    client.post(f"{bulk}?id=all")
    assert Notice.objects.filter(pk=olenas_draft.pk).exists()
    assert not Notice.objects.filter(pk=svens_notice.pk).exists()


def test_any_bulk_action_on_another_sites_object_is_refused_before_it_runs(
    sven, svens_notice, olenas_notice, rf
):
    # The backstop for bulk actions that look their objects up unscoped (Wagtail's own).
    from kommun.core.wagtail_hooks import bulk_actions_stay_on_own_site

    request = rf.post("/admin/bulk/disruptions/notice/delete/")
    request.user = sven
    assert bulk_actions_stay_on_own_site(request, "delete", [svens_notice], None) is None
    with pytest.raises(Http404):
        bulk_actions_stay_on_own_site(request, "delete", [svens_notice, olenas_notice], None)


def test_the_snippet_choosers_offer_sven_only_sjoviks_notices_and_areas(
    sven, sjovik, lisohirsk, svens_notice, olenas_notice, olenas_draft
):
    ours = Area.objects.create(site=sjovik, name="Centrum", geometry=SQUARE)
    theirs = Area.objects.create(site=lisohirsk, name="Ставки", geometry=STAVKY)
    client = logged_in(sven)
    for model, own, others in (
        ("disruptions/notice", svens_notice, [olenas_notice, olenas_draft]),
        ("areas/area", ours, [theirs]),
    ):
        chooser = f"/admin/snippets/choose/{model}/"
        for listing in (chooser, f"{chooser}results/", f"{chooser}results/?q=a"):
            html = chooser_html(client.get(listing))
            assert str(own) in html or "?q=" in listing, listing
            for other in others:
                assert str(other) not in html, listing
        assert client.get(f"{chooser}chosen/{own.pk}/").status_code == 200
        for other in others:
            assert client.get(f"{chooser}chosen/{other.pk}/").status_code == 404
        several = client.get(f"{chooser}chosen-multiple/", {"id": [own.pk, others[0].pk]})
        assert [item["id"] for item in several.json()["result"]] == [str(own.pk)]


def test_the_page_chooser_and_explorer_show_sven_only_sjoviks_pages(sven, sjovik, lisohirsk):
    client = logged_in(sven)
    theirs = Page.objects.get(pk=lisohirsk.root_page_id)
    root = Page.get_first_root_node()

    for address in ("/admin/choose-page/", f"/admin/choose-page/{root.pk}/"):
        html = chooser_html(client.get(address))
        assert "Sjövik kommun" in html, address
        assert theirs.title not in html, address
    search = chooser_html(client.get("/admin/choose-page/search/", {"q": "Лісогірська"}))
    assert theirs.title not in search
    nothing_there = chooser_html(client.get(f"/admin/choose-page/{theirs.pk}/"))
    assert "Новини" not in nothing_there  # the partner's news index, under its home

    explorer = client.get(f"/admin/pages/{root.pk}/").content.decode()
    assert "Sjövik kommun" in explorer
    assert theirs.title not in explorer


def test_a_visitor_who_is_not_signed_in_is_sent_to_the_login_from_the_reports(client, sjovik):
    for path in [
        "/admin/reports/site-history/",
        "/admin/reports/site-history/?export=csv",
        "/admin/reports/site-history/results/",
        "/admin/reports/page-types-usage/",
    ]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/"), path
        assert "no-cache" in response["Cache-Control"], path


def test_the_site_history_and_its_export_show_sven_only_sjoviks_entries(
    sven, olena, svens_notice, olenas_notice
):
    client = logged_in(sven)
    report = client.get("/admin/reports/site-history/")
    assert report.status_code == 200
    html = report.content.decode()
    assert svens_notice.headline in html
    assert olenas_notice.headline not in html
    assert "Лісогірська громада" not in html  # the partner's pages' publishing
    people = BeautifulSoup(html, "html.parser").select("[name=user] option, input[name=user]")
    assert str(olena.pk) not in {option.get("value") for option in people}

    export = client.get("/admin/reports/site-history/", {"export": "csv"})
    assert export.status_code == 200
    csv = b"".join(export.streaming_content).decode()
    assert svens_notice.headline in csv
    assert olenas_notice.headline not in csv
    results = client.get("/admin/reports/site-history/results/").content.decode()
    assert olenas_notice.headline not in results


def test_the_page_types_report_which_spans_every_site_is_the_superusers(sven, alice, lisohirsk):
    # It names the last edited page of each type, whichever municipality's it is.
    client = logged_in(sven)
    assert client.get("/admin/reports/page-types-usage/").status_code in (302, 403)
    assert "/admin/reports/page-types-usage/" not in client.get("/admin/").content.decode()
    superuser = logged_in(alice)
    assert superuser.get("/admin/reports/page-types-usage/").status_code == 200
    assert "/admin/reports/page-types-usage/" in superuser.get("/admin/").content.decode()


def test_the_notice_listings_filters_offer_only_sjoviks_services(
    sven, sjovik, lisohirsk, svens_notice
):
    html = logged_in(sven).get("/admin/snippets/disruptions/notice/").content.decode()
    choices = BeautifulSoup(html, "html.parser").select("[name=service] option")
    offered = {choice.get("value") for choice in choices} - {"", None}
    own = {str(pk) for pk in Service.objects.filter(site=sjovik).values_list("pk", flat=True)}
    theirs = {str(pk) for pk in Service.objects.filter(site=lisohirsk).values_list("pk", flat=True)}
    assert offered, "the listing has a service filter"
    assert offered <= own
    assert not offered & theirs


def own_collection(site):
    from kommun.core.sites import site_collection  # imported here: the test must run on main

    return site_collection(site) or Collection.get_first_root_node()


def png(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 60, 60)).save(buffer, "PNG")
    return ImageFile(buffer, name=name)


def test_images_and_documents_of_the_other_collection_are_invisible(sven, sjovik, lisohirsk, olena):
    Image, Document = get_image_model(), get_document_model()
    our_image = Image.objects.create(
        title="Sjöviks torg", file=png("torg.png"), collection=own_collection(sjovik)
    )
    their_image = Image.objects.create(
        title="Майдан Лісогірська", file=png("maidan.png"), collection=own_collection(lisohirsk)
    )
    our_document = Document.objects.create(
        title="Sjöviks beredskapsplan",
        file=ContentFile(b"%PDF-1.4\n", name="plan.pdf"),
        collection=own_collection(sjovik),
    )
    their_document = Document.objects.create(
        title="План Лісогірська",
        file=ContentFile(b"%PDF-1.4\n", name="plan-uk.pdf"),
        collection=own_collection(lisohirsk),
    )
    client = logged_in(sven)

    images = client.get("/admin/images/").content.decode()
    assert our_image.title in images and their_image.title not in images
    documents = client.get("/admin/documents/").content.decode()
    assert our_document.title in documents and their_document.title not in documents
    chooser = chooser_html(client.get("/admin/images/chooser/"))
    assert our_image.title in chooser and their_image.title not in chooser

    assert client.get(f"/admin/documents/chooser/chosen/{our_document.pk}/").status_code == 200
    assert client.get(f"/admin/documents/chooser/chosen/{their_document.pk}/").status_code == 404
    # Wagtail refuses another collection's image by sending Sven back to the dashboard.
    assert client.get(f"/admin/images/chooser/{their_image.pk}/select_format/").status_code in (
        302,
        403,
        404,
    )
    # Olena, the other way round.
    theirs = logged_in(olena).get("/admin/documents/").content.decode()
    assert their_document.title in theirs and our_document.title not in theirs


def test_wagtails_catch_all_editor_groups_are_gone(sjovik, lisohirsk):
    from django.contrib.auth.models import Group

    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    # Each municipality's groups hold permissions on its own collection and no other.
    for site, other in ((sjovik, lisohirsk), (lisohirsk, sjovik)):
        groups = MunicipalitySettings.for_site(site).editor_groups.all()
        collections = set(
            Collection.objects.filter(group_permissions__group__in=groups).values_list(
                "pk", flat=True
            )
        )
        assert collections == {own_collection(site).pk}
        assert own_collection(other).pk not in collections


def test_accessibility_reports_of_the_other_municipality_are_invisible(
    sven, sjovik, lisohirsk, partner_client, rita
):
    rita.post("/sv/tillganglighet/", {"description": "Kartan går inte att nå."})
    partner_client.post("/uk/tillganglighet/", {"description": "Мапа недоступна з клавіатури."})
    ours = ProblemReport.objects.get(description__startswith="Kartan")
    theirs = ProblemReport.objects.get(description__startswith="Мапа")
    assert (ours.site, theirs.site) == (sjovik, lisohirsk)

    client = logged_in(sven)
    listing = client.get("/admin/accessibility_reports/")
    assert listing.status_code == 200
    assert ours.description in listing.content.decode()
    assert theirs.description not in listing.content.decode()
    assert client.get(f"/admin/accessibility_reports/edit/{ours.pk}/").status_code == 200
    for view in ("edit", "delete", "inspect"):
        path = f"/admin/accessibility_reports/{view}/{theirs.pk}/"
        assert client.get(path).status_code == 404, path
    client.post(f"/admin/accessibility_reports/delete/{theirs.pk}/")
    assert ProblemReport.objects.filter(pk=theirs.pk).exists()
    export = client.get("/admin/accessibility_reports/", {"export": "csv"})
    csv = b"".join(export.streaming_content).decode()
    assert ours.description in csv and theirs.description not in csv
