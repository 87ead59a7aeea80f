"""
The one client for outbound HTTP (web push, webhooks, the SMS gateway, later integrations).
Destinations come from residents and partners, so every request is treated as an attempt
to reach the inside of our network:

- the host is resolved first, and refused when any of its addresses is not a public one
  (private, loopback, link-local such as 169.254.169.254, multicast, reserved,
  unspecified, also inside IPv4-mapped, 6to4 and Teredo IPv6 addresses);
- the connection goes to one of those checked addresses and nowhere else: a second DNS
  answer (rebinding) is never asked for. TLS still sends and verifies the real host name,
  because the connection object keeps it; only the socket's target is pinned;
- redirects are not followed (a 3xx is an error that names it);
- the deadline is for the whole request, not per socket read: a watchdog timer shuts the
  sockets at the deadline, which ends any read blocked on a slow-drip server;
- the answer is read up to a size cap;
- plain http, and loopback or private destinations, only by explicit allowance:
  OUTBOUND_ALLOW_LOOPBACK (tests, development) and OUTBOUND_PRIVATE_HOSTS (an operator's
  internal gateway).
"""

import contextlib
import ipaddress
import os
import socket
import threading
import time
from urllib.parse import urlsplit

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError
from urllib3.util.connection import create_connection


class OutboundError(requests.RequestException):
    """A request the safe client refused or cut. Callers catching RequestException see it."""


class DestinationRefused(OutboundError, ValueError):
    """The destination (scheme, host, address or a redirect) is not one we may reach."""


class DeadlineExceeded(OutboundError):
    pass


class ResponseTooLarge(OutboundError):
    pass


def host_matches(host, patterns):
    """host is one of patterns; "*.example.com" stands for any name below example.com."""
    host = host.lower().rstrip(".")
    for pattern in patterns:
        pattern = pattern.lower().rstrip(".")
        if host == pattern or (pattern.startswith("*.") and host.endswith(pattern[1:])):
            return True
    return False


def check_url(url, allowed_hosts=None):
    """The URL's (scheme, host, port) when it may be asked for at all; DestinationRefused if not."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise DestinationRefused(f"{url!r} is not a URL: {error}") from None
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise DestinationRefused(f"{url!r} is not an http(s) URL")
    if parts.username or parts.password:
        raise DestinationRefused(f"{url!r} carries a user name or password")
    if allowed_hosts is not None and not host_matches(host, allowed_hosts):
        raise DestinationRefused(f"{host} is not one of the allowed hosts")
    if parts.scheme == "http" and not _may_use_http(host):
        raise DestinationRefused(f"{url!r} is plain http; only https is allowed")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80)


def _may_use_http(host):
    return settings.OUTBOUND_ALLOW_LOOPBACK or host_matches(host, settings.OUTBOUND_PRIVATE_HOSTS)


def _embedded_ipv4(address):
    if address.version == 6:
        for inner in (address.ipv4_mapped, address.sixtofour, address.teredo and address.teredo[1]):
            if inner:
                return inner
    return None


def is_public(address):
    inner = _embedded_ipv4(address)
    if inner is not None and not is_public(inner):
        return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        # Deprecated site-local IPv6 (fec0::/10), which Python counts as global.
        or (address.version == 6 and address.is_site_local)
    )


def _allowed(address, scheme, host):
    """Whether this one resolved address of host may be connected to."""
    loopback = address.is_loopback or (_embedded_ipv4(address) or address).is_loopback
    if loopback and settings.OUTBOUND_ALLOW_LOOPBACK:
        return True
    if host_matches(host, settings.OUTBOUND_PRIVATE_HOSTS):
        return not (address.is_link_local or address.is_multicast or address.is_unspecified)
    return scheme == "https" and is_public(address)


def checked_addresses(scheme, host, port):
    """Every address host resolves to, all of them allowed; DestinationRefused otherwise."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise OutboundError(f"cannot resolve {host}: {error}") from None
    addresses = []
    for *_, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if not _allowed(address, scheme, host):
            if is_public(address):  # only plain http can have been refused
                raise DestinationRefused(f"{host} is plain http; only https is allowed")
            raise DestinationRefused(f"{host} resolves to {address}, which is not a public address")
        if str(address) not in addresses:
            addresses.append(str(address))
    return addresses


class _Watch:
    """
    One request's deadline, the addresses its host was checked to have, and the sockets it
    uses. At the deadline the timer shuts the sockets, which ends a read blocked on them.
    It keeps a duplicate descriptor of each: TLS later moves a socket into a new object,
    and shutting any descriptor of a connection shuts the connection.
    """

    current = threading.local()

    def __init__(self, host, addresses, seconds):
        self.host, self.addresses = host, addresses
        self.deadline = time.monotonic() + seconds
        self.sockets = []
        self.expired = False
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True

    def remaining(self):
        return self.deadline - time.monotonic()

    def watch(self, sock):
        with self.lock:
            fd = os.dup(sock.fileno())
            self.sockets.append(socket.socket(sock.family, sock.type, sock.proto, fileno=fd))
        if self.expired:
            self.expire()

    def expire(self):
        self.expired = True
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def close(self):
        self.timer.cancel()
        with self.lock:
            for sock in self.sockets:
                sock.close()
            self.sockets = []


class _PinnedConnection:
    """Connects only to the addresses checked for this request's host; watched by its timer."""

    def _new_conn(self):
        watch = getattr(_Watch.current, "watch", None)
        if watch is None or watch.host != self._dns_host.lower():
            raise NewConnectionError(self, f"{self.host} was not checked before connecting")
        error = None
        for address in watch.addresses:
            # The deadline is the whole request's: each address gets what is left of it,
            # not a fresh timeout, or many silent addresses would add up.
            timeout = watch.remaining()
            if timeout <= 0:
                raise NewConnectionError(self, f"cannot connect to {self.host} in time")
            if isinstance(self.timeout, int | float):
                timeout = min(self.timeout, timeout)
            try:
                sock = create_connection(
                    (address, self.port),
                    max(timeout, 0.01),
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except OSError as failed:
                error = failed
                continue
            watch.watch(sock)
            return sock
        raise NewConnectionError(self, f"cannot connect to {self.host}: {error}")

    def getresponse(self):
        watch = getattr(_Watch.current, "watch", None)
        if watch is not None and self.sock is not None:
            watch.watch(self.sock)  # a kept-alive connection, reused
        return super().getresponse()


class _HTTPConnection(_PinnedConnection, HTTPConnection):
    pass


class _HTTPSConnection(_PinnedConnection, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _PinnedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    def proxy_manager_for(self, proxy, **kwargs):
        raise DestinationRefused("outbound requests do not go through proxies")


class SafeSession(requests.Session):
    """
    A requests session for destinations we do not control. `timeout` is the deadline of
    the whole request (default OUTBOUND_TIMEOUT seconds); allowed_hosts, when given, is the
    only hosts it may reach; the answer is cut at max_bytes (OUTBOUND_MAX_RESPONSE_BYTES).
    """

    def __init__(self, allowed_hosts=None, max_bytes=None):
        super().__init__()
        self.allowed_hosts = allowed_hosts
        self.max_bytes = max_bytes or settings.OUTBOUND_MAX_RESPONSE_BYTES
        self.trust_env = False  # no proxies or .netrc from the environment
        self.adapters.clear()
        adapter = _PinnedAdapter(max_retries=0)
        self.mount("http://", adapter)
        self.mount("https://", adapter)

    def request(self, method, url, *args, timeout=None, **kwargs):
        scheme, host, port = check_url(url, self.allowed_hosts)
        if isinstance(timeout, tuple):
            timeout = sum(part for part in timeout if part)
        seconds = timeout or settings.OUTBOUND_TIMEOUT
        watch = _Watch(host, checked_addresses(scheme, host, port), seconds)
        kwargs.update(allow_redirects=False, stream=True, proxies={})
        _Watch.current.watch = watch
        watch.timer.start()
        try:
            response = super().request(method, url, *args, timeout=seconds, **kwargs)
            if response.is_redirect or 300 <= response.status_code < 400:
                response.close()
                where = response.headers.get("Location", "")
                raise DestinationRefused(
                    f"HTTP {response.status_code} redirect to {where!r} is not followed"
                )
            response._content = self._read(response, watch)
        except requests.RequestException:
            if not watch.expired:
                raise
        finally:
            watch.close()
            _Watch.current.watch = None
        if watch.expired:
            # Shut sockets end a read with an error, or look like the end of the answer.
            raise DeadlineExceeded(f"no complete answer from {host} in {seconds} s")
        return response

    def _read(self, response, watch):
        body = bytearray()
        try:
            for chunk in response.iter_content(16 * 1024):
                body += chunk
                if len(body) > self.max_bytes:
                    raise ResponseTooLarge(f"the answer is larger than {self.max_bytes} bytes")
                if watch.remaining() <= 0:
                    watch.expire()
                    raise DeadlineExceeded("the answer did not arrive in time")
        finally:
            response.close()
        return bytes(body)
