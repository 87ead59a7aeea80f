"""
For a real deployment behind nginx with TLS. Everything secret or host-specific must come
from the environment: starting without SECRET_KEY is an error, not a silent default.
`manage.py check --deploy` reports nothing with these settings
(kommun/core/tests/test_production_settings.py).
"""

import os

from .base import *  # noqa: F403
from .env import envbool, envint, envlist

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False

# nginx speaks TLS and tells us so: deploy/nginx.conf sets X-Forwarded-Proto itself,
# replacing whatever a client sent, so the header can be believed.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The same nginx, on the same host, says who the client is. Without this every resident
# would share nginx's address, and a few wrong passwords would lock an editor out for all.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", "127.0.0.1,::1")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# Browsers remember for a year to use https only. includeSubDomains covers the hosts
# below each municipality's own host (driftinfo.kommun.se and what lies under it), not
# the municipality's other sites; preload only says the site would accept being put on
# browsers' built-in list, which takes a deliberate submission of the domain.
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
