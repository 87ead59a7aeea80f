"""
Behind nginx every request comes from 127.0.0.1: rate limits must count each resident by
their own address, which only a trusted proxy may tell us.
"""

import pytest
from django.test import Client, RequestFactory

from kommun.core.limits import client_address, client_key


def request(peer, forwarded=None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.1.0.0/16"]


def subscribe(peer, forwarded, number):
    return Client(REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded).post(
        "/sv/prenumerera/", {"email": f"r{number}@example.org"}
    )


def test_two_residents_behind_the_proxy_are_limited_separately(home, behind_nginx, settings):
    settings.SUBSCRIBE_RATE_PER_HOUR = 2
    rita = [subscribe("127.0.0.1", "198.51.100.7", n).status_code for n in range(3)]
    oskar = [subscribe("127.0.0.1", "203.0.113.9", n).status_code for n in range(3)]
    assert rita == [200, 200, 429]
    assert oskar == [200, 200, 429]


def test_mallory_cannot_choose_her_address_without_a_trusted_proxy(home, settings):
    settings.SUBSCRIBE_RATE_PER_HOUR = 2
    codes = [subscribe("198.51.100.66", f"203.0.113.{n}", n).status_code for n in range(3)]
    assert codes == [200, 200, 429]


def test_the_right_most_address_not_of_a_trusted_proxy_is_the_client(behind_nginx):
    # Mallory wrote the first address herself; nginx and an inner proxy appended theirs.
    forwarded = "192.0.2.1, 198.51.100.7, 10.1.2.3"
    assert client_address(request("127.0.0.1", forwarded)) == "198.51.100.7"
    assert client_address(request("198.51.100.66", forwarded)) == "198.51.100.66"
    assert client_address(request("127.0.0.1", "not an address")) == "127.0.0.1"
    assert client_address(request("127.0.0.1")) == "127.0.0.1"


def test_ipv6_clients_are_counted_by_their_64(settings):
    one = client_key(request("2001:db8:1:2:aaaa::1"))
    same_household = client_key(request("2001:db8:1:2:bbbb::2"))
    neighbour = client_key(request("2001:db8:1:3::1"))
    assert one == same_household == "2001:db8:1:2::/64"
    assert neighbour != one
    assert client_key(request("198.51.100.7")) == "198.51.100.7"


def test_mallory_cannot_escape_the_limit_by_hopping_addresses_in_her_64(home, settings):
    settings.SUBSCRIBE_RATE_PER_HOUR = 2
    codes = [
        Client(REMOTE_ADDR=f"2001:db8:7:8::{n + 1:x}")
        .post("/sv/prenumerera/", {"email": f"m{n}@example.org"})
        .status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]
    neighbour = Client(REMOTE_ADDR="2001:db8:7:9::1")
    assert neighbour.post("/sv/prenumerera/", {"email": "n@example.org"}).status_code == 200
