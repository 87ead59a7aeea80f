"""
The one outbound client refuses the inside of our network and cuts what would hold a
worker. Mallory controls the destination: a push endpoint, a webhook URL, a DNS answer or
the server behind it. Every server here listens on 127.0.0.1 and stops with its test.
"""

import ipaddress
import socket
import threading
import time

import pytest
import requests

from kommun.core import http
from kommun.core.http import DeadlineExceeded, DestinationRefused, ResponseTooLarge, SafeSession


class RawServer:
    """A TCP server on 127.0.0.1 that answers each connection with answer(connection)."""

    def __init__(self, answer):
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.answer = answer
        self.running = True
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        self.listener.settimeout(0.2)
        while self.running:
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self.handle, args=(connection,), daemon=True).start()

    def handle(self, connection):
        with connection:
            connection.settimeout(5)
            try:
                connection.recv(65536)  # the request; these servers do not read it closely
                self.answer(connection)
            except OSError:
                pass  # the client hung up, as it should at its deadline

    def close(self):
        self.running = False
        self.listener.close()


@pytest.fixture
def serve():
    servers = []

    def start(answer):
        servers.append(RawServer(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def ok(connection):
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")


@pytest.fixture
def connects(monkeypatch):
    """Every connection the client opens, whatever the address."""
    made = []
    real = http.create_connection

    def record(address, *args, **kwargs):
        made.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(http, "create_connection", record)
    return made


@pytest.fixture
def no_loopback(settings):
    settings.OUTBOUND_ALLOW_LOOPBACK = False
    settings.OUTBOUND_PRIVATE_HOSTS = []


@pytest.mark.parametrize(
    "url",
    [
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.1:6379/",
        "https://192.168.1.1/",
        "https://[::1]/",
        "https://[::ffff:127.0.0.1]/",
        "https://[fe80::1]/",
        "https://0.0.0.0/",
        "https://224.0.0.1/",
    ],
)
def test_inside_addresses_are_refused_before_any_connection(no_loopback, connects, url):
    with pytest.raises(DestinationRefused, match="not a public address"):
        SafeSession().post(url, data=b"{}", timeout=2)
    assert connects == []


def test_a_loopback_server_gets_no_connection_when_loopback_is_not_allowed(
    no_loopback, serve, connects
):
    server = serve(ok)
    with pytest.raises(DestinationRefused):
        SafeSession().post(f"https://127.0.0.1:{server.port}/", timeout=2)
    with pytest.raises(DestinationRefused, match="plain http"):
        SafeSession().post(server.url, timeout=2)
    time.sleep(0.3)
    assert server.connections == 0 and connects == []


def test_a_host_name_that_resolves_to_an_inside_address_is_refused(no_loopback, connects):
    with pytest.raises(DestinationRefused, match="localhost resolves to"):
        SafeSession().get("https://localhost/", timeout=2)
    assert connects == []


def test_the_host_is_resolved_once_and_the_connection_goes_to_the_checked_address(
    serve, connects, monkeypatch
):
    # A rebinding DNS server: first a harmless answer, then the metadata service.
    server = serve(ok)
    answers = iter(["127.0.0.1", "169.254.169.254", "169.254.169.254"])
    real = socket.getaddrinfo
    asked = []

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.test":
            asked.append(host)
            return real(next(answers), port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    response = SafeSession().get(f"http://rebind.test:{server.port}/", timeout=2)
    assert response.content == b"ok"
    assert asked == ["rebind.test"]
    assert connects == [("127.0.0.1", server.port)]


def test_many_silent_addresses_share_one_deadline(monkeypatch):
    # Mallory's host name resolves to five addresses that swallow every connection attempt.
    real = socket.getaddrinfo

    def five_addresses(host, port, *args, **kwargs):
        if host == "many.test":
            return [info for n in range(1, 6) for info in real(f"127.0.0.{n}", port, *args)]
        return real(host, port, *args, **kwargs)

    def silent(address, timeout, *args, **kwargs):
        time.sleep(timeout)
        raise TimeoutError(f"{address[0]} did not answer")

    monkeypatch.setattr(socket, "getaddrinfo", five_addresses)
    monkeypatch.setattr(http, "create_connection", silent)
    started = time.monotonic()
    with pytest.raises(requests.RequestException):
        SafeSession().get("http://many.test/", timeout=1)
    assert time.monotonic() - started < 1.5


def test_only_allowed_hosts_are_reached(serve):
    server = serve(ok)
    with pytest.raises(DestinationRefused, match="not one of the allowed hosts"):
        SafeSession(allowed_hosts=["fcm.googleapis.com"]).post(server.url, timeout=2)
    assert server.connections == 0
    session = SafeSession(allowed_hosts=["*.notify.windows.com", "127.0.0.1"])
    assert session.post(server.url, timeout=2).status_code == 200
    assert http.host_matches("db5.notify.windows.com", ["*.notify.windows.com"])
    assert not http.host_matches("notify.windows.com.evil.example", ["*.notify.windows.com"])


def test_a_redirect_is_not_followed(serve):
    target = serve(ok)

    def redirect(connection):
        connection.sendall(
            f"HTTP/1.1 302 Found\r\nLocation: {target.url}\r\nContent-Length: 0\r\n\r\n".encode()
        )

    server = serve(redirect)
    with pytest.raises(DestinationRefused, match="302 redirect to .* is not followed"):
        SafeSession().post(server.url, data=b"{}", timeout=2)
    time.sleep(0.3)
    assert server.connections == 1 and target.connections == 0


def drip(connection, start=b""):
    connection.sendall(start)
    for _ in range(40):
        connection.sendall(b"x")
        time.sleep(0.5)


def test_a_slow_drip_body_is_cut_at_the_total_deadline(serve):
    header = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
    server = serve(lambda connection: drip(connection, header))
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        SafeSession().post(server.url, timeout=2)
    assert time.monotonic() - started < 2 + 1


def test_a_slow_drip_of_the_headers_is_cut_at_the_total_deadline(serve):
    server = serve(lambda connection: drip(connection, b"HTTP/1.1 200 OK\r\nX-Slow: "))
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded, match="in 2 s"):
        SafeSession().post(server.url, timeout=2)
    assert time.monotonic() - started < 2 + 1


def test_an_oversized_answer_is_cut(serve, settings):
    settings.OUTBOUND_MAX_RESPONSE_BYTES = 100_000

    def huge(connection):
        size = 5_000_000
        connection.sendall(f"HTTP/1.1 200 OK\r\nContent-Length: {size}\r\n\r\n".encode())
        for _ in range(size // 65536):
            connection.sendall(b"x" * 65536)

    server = serve(huge)
    with pytest.raises(ResponseTooLarge, match="larger than 100000 bytes"):
        SafeSession().get(server.url, timeout=5)


def test_an_operators_private_gateway_can_be_allowed_by_name(no_loopback, settings, serve):
    server = serve(ok)
    settings.OUTBOUND_PRIVATE_HOSTS = ["localhost"]
    assert SafeSession().get(f"http://localhost:{server.port}/", timeout=2).content == b"ok"


@pytest.mark.parametrize(
    "address, public",
    [
        ("93.184.216.34", True),
        ("2a00:1450:4001:80b::200a", True),
        ("::ffff:10.0.0.1", False),
        ("2002:a9fe:a9fe::1", False),  # 6to4 around 169.254.169.254
        ("100.64.0.1", False),
        ("fc00::1", False),
        ("fec0::1", False),  # site-local IPv6, which Python counts as global
    ],
)
def test_what_counts_as_public(address, public):
    assert http.is_public(ipaddress.ip_address(address)) is public


def certificate_for(name, folder):
    """A self-signed certificate for name, written as PEM: (certificate path, key path)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / f"{name}.pem", folder / f"{name}.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def test_tls_checks_the_host_name_while_connecting_to_the_pinned_address(
    serve, tmp_path, monkeypatch
):
    import ssl

    cert, key = certificate_for("push.test", tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names = []
    # The server speaks TLS: it wraps each connection and notes the name the client sent.
    context.sni_callback = lambda sock, name, ctx: names.append(name)

    def tls(connection):
        try:
            with context.wrap_socket(connection, server_side=True) as wrapped:
                wrapped.recv(65536)
                ok(wrapped)
        except ssl.SSLError:
            pass  # the client refused our certificate

    server = serve(ok)
    server.handle = tls
    real = socket.getaddrinfo

    def resolve(host, port, *args, **kwargs):
        return real("127.0.0.1" if host.endswith(".test") else host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    url = f"https://push.test:{server.port}/"
    assert SafeSession().get(url, verify=str(cert), timeout=3).content == b"ok"
    assert names == ["push.test"]
    # The same server is not accepted under another name: the certificate is checked.
    with pytest.raises(Exception, match="certificate|hostname"):
        SafeSession().get(f"https://other.test:{server.port}/", verify=str(cert), timeout=3)


def test_a_slow_drip_over_tls_is_cut_at_the_total_deadline(serve, tmp_path, monkeypatch):
    import ssl

    cert, key = certificate_for("slow.test", tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    def tls_drip(connection):
        try:
            with context.wrap_socket(connection, server_side=True) as wrapped:
                wrapped.recv(65536)
                drip(wrapped, b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")
        except (ssl.SSLError, OSError):
            pass

    server = serve(ok)
    server.handle = tls_drip
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: real("127.0.0.1", *a, **k))
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        SafeSession().get(f"https://slow.test:{server.port}/", verify=str(cert), timeout=2)
    assert time.monotonic() - started < 2 + 1


def test_the_loopback_allowance_does_not_open_plain_http_to_the_internet(monkeypatch, connects):
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: real("93.184.216.34", *a, **k))
    with pytest.raises(DestinationRefused, match="plain http"):
        SafeSession().get("http://example.test/", timeout=2)
    assert connects == []
