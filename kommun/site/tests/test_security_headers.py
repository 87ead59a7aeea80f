"""
What every answer tells the browser about where it may load from and who may frame it:
Rita's pages are framed by no one, the embed by anyone, Alice's admin by no one but itself
(for Wagtail's preview), and nginx says the same for the snapshot files it serves.
"""

import pytest
from django.test import Client

from kommun.settings.base import tile_source

from .browser import public_pages


def directives(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    policy = response["Content-Security-Policy"]
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {name: sources for name, *sources in parts}


def test_every_public_page_type_has_the_strict_policy(public_content):
    pages = public_pages(public_content, "sv") | {"banner": "/sv/banner/"}
    for name, path in pages.items():
        response = Client().get(path, follow=True)
        assert response.status_code == 200, name
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert "'unsafe-inline'" not in str(policy), name
        assert response["X-Frame-Options"] == "DENY", name


def test_the_map_tiles_host_comes_from_the_setting(public_content):
    response = Client().get(public_content.status_page.url)
    assert "https://tile.openstreetmap.org" in directives(response)["img-src"]

    assert (
        tile_source("https://{s}.tiles.example.se/{z}/{x}/{y}.png") == "https://*.tiles.example.se"
    )
    assert tile_source("http://127.0.0.1:8081/{z}/{x}/{y}.png") == "http://127.0.0.1:8081"
    assert tile_source("/tiles/{z}/{x}/{y}.png") == "'self'"


def test_the_embed_may_be_framed_by_any_site(home):
    response = Client().get("/embed/banner/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["frame-ancestors"] == ["*"]
    assert policy["default-src"] == ["'self'"]
    assert "X-Frame-Options" not in response


def test_the_admin_login_renders_with_its_policy(home):
    response = Client().get("/admin/login/")
    assert response.status_code == 200
    assert b'name="password"' in response.content
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_wagtails_preview_may_be_framed_by_the_admin_only(client, alice, news_index):
    client.force_login(alice)
    response = client.get(f"/admin/pages/{news_index.pk}/edit/preview/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response)["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize("path", ["/api/v1/status", "/sv/feeds/driftinformation.rss"])
def test_open_data_has_the_policy_too(home, path):
    assert directives(Client().get(path))["frame-ancestors"] == ["'none'"]
