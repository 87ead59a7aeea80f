"""
Every area belongs to a municipality, and none is assumed. Sven, an editor of Testby, adds
an area and it is Testby's without his saying so. Alice looks after the whole installation:
she must choose the municipality, and is told so when she forgets.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from kommun.areas.models import Area
from kommun.core.models import MunicipalitySettings

from .conftest import NORTH, polygon

ADD = "/admin/snippets/areas/area/add/"
NORRBY = {"name": "Norrby", "kind": "village", "geometry": polygon(NORTH)}


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_an_editors_new_area_belongs_to_the_editors_municipality(home, partner):
    sven = get_user_model().objects.create_user("sven", "sven@example.invalid", "pw")
    sven.groups.set(MunicipalitySettings.for_site(home.get_site()).editor_groups.all())
    # Drawing areas is not part of the standard editor groups; Testby lets Sven do it.
    sven.user_permissions.add(Permission.objects.get(codename="add_area"))

    response = signed_in(sven).post(ADD, NORRBY)

    assert response.status_code == 302, response.content.decode()[:1500]
    assert Area.objects.get(name="Norrby").site == home.get_site()


def test_alice_must_choose_the_municipality_of_a_new_area(alice, home, partner):
    refused = signed_in(alice).post(ADD, NORRBY, HTTP_ACCEPT_LANGUAGE="en")

    assert refused.status_code == 200
    assert not Area.objects.exists()
    page = refused.content.decode()
    assert "Choose the municipality this belongs to." in page or (
        "Välj vilken kommun det hör till." in page
    )

    chosen = signed_in(alice).post(ADD, NORRBY | {"site": home.get_site().pk})
    assert chosen.status_code == 302
    assert Area.objects.get(name="Norrby").site == home.get_site()
