"""
The client's address as the login lockout (django-axes, AXES_CLIENT_IP_CALLABLE) sees it.

For now this is the address of whoever opened the connection, REMOTE_ADDR, which cannot
be forged. Behind nginx that is nginx itself: every client would share one lockout per
username. Once the trusted-proxy helper exists (client_address(request), which believes
X-Forwarded-For only from TRUSTED_PROXIES), this function should return its answer; a
header taken from anyone else must never decide whose lockout a request counts towards.
"""


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "")
