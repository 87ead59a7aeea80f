import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from wagtail.models import Site

from kommun.site.site_structure import operations_group


def token_for(username, services):
    """Creates a user and a token scoped to the services, through the management command."""
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw")
    user.groups.add(operations_group(Site.objects.get(is_default_site=True)))
    out = io.StringIO()
    call_command("api_token", "create", "--user", username, "--services", services, stdout=out)
    return out.getvalue().splitlines()[-1]


@pytest.fixture
def olle(home):
    """Olle runs the water network's control system, which publishes through the API."""
    return Operator(token_for("olle", "vatten-och-avlopp"))


@pytest.fixture
def hanna(home):
    """Hanna is at the district heating company."""
    return Operator(token_for("hanna", "fjarrvarme"))


class Operator:
    def __init__(self, token):
        self.token = token
        self.client = Client()

    def post(self, path, data=None, key=None, token=None):
        headers = {"authorization": f"Bearer {token or self.token}"}
        if key:
            headers["idempotency-key"] = key
        return self.client.post(
            f"/api/v1{path}",
            data=json.dumps(data or {}),
            content_type="application/json",
            headers=headers,
        )


WATER_LEAK = {
    "headline": "Vattenläcka på Storgatan",
    "service": "vatten-och-avlopp",
    "kind": "unplanned",
    "severity": "critical",
    "affected_area": "Storgatan 1–40",
    "what_happened": "En huvudledning har gått sönder.",
    "what_to_do": "Hämta vatten vid tankbilen.",
    "update": "Vi är på plats.",
}
