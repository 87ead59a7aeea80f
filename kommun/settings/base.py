"""
Settings shared by every environment. Values come from environment variables so that
one code base serves a laptop, CI and a production host alike.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .env import envbool, envint, envlist

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "kommun"
VAR_DIR = Path(os.environ.get("KOMMUN_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def local_secret_key():
    # A fresh checkout works without configuration: the key is made once and kept in var/.
    path = VAR_DIR / "secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key()
DEBUG = envbool("DEBUG", False)
# Each municipality has its own host name; *.localhost serves them on one machine.
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,.localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
# How long the API keeps an Idempotency-Key's answer; after that the key may be reused.
IDEMPOTENCY_KEY_HOURS = envint("IDEMPOTENCY_KEY_HOURS", 24)
# Reverse proxies (addresses or networks) whose X-Forwarded-For is believed; behind the
# nginx of deploy/ that is 127.0.0.1. Empty: the direct peer is the client.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", "")

INSTALLED_APPS = [
    # Ours, from the ground up (docs/architecture.md): each imports only those above it here.
    "kommun.core",
    "kommun.areas",
    "kommun.disruptions",
    "kommun.news",
    "kommun.accessibility",
    "kommun.subscriptions",
    "kommun.feeds",
    "kommun.api",
    "kommun.snapshots",
    "kommun.site",
    "kommun.health",
    "kommun.demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    # Admin login: lockout after failed passwords, and a second factor (TOTP).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # /healthz and /readyz, before anything that could need the database or a language.
    "kommun.health.middleware.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # HEAD served as GET, whatever the view: outside everything that sets headers.
    "kommun.core.middleware.HeadAsGetMiddleware",
    # Outside the outage middleware: answers from the snapshots get the policy too.
    "kommun.core.security.ContentSecurityPolicyMiddleware",
    # Sees every database error, wherever it happened: answers from the snapshots or a 503.
    "kommun.snapshots.outage.DatabaseOutageMiddleware",
    # Outermost but for security, so that it sees the final response: ETag and 304s.
    "django.middleware.http.ConditionalGetMiddleware",
    "kommun.core.middleware.OpenReadsCorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kommun.core.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after authentication: the user is OTP-aware for everything below, and an
    # admin who owes a second factor is sent to give it (kommun/core/two_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "kommun.core.two_factor.SecondFactorMiddleware",
    "kommun.core.admin_scope.SiteScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Outside the public cache's headers, which it reads: Last-Modified for public pages.
    "kommun.site.middleware.PageLastModifiedMiddleware",
    "kommun.core.middleware.PublicCacheMiddleware",
    "kommun.snapshots.middleware.SnapshotReportMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kommun.urls"
WSGI_APPLICATION = "kommun.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kommun.site.context_processors.status_banner",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL (sqlite:///…, postgres://…) overrides it.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'kommun.sqlite3'}",
        conn_max_age=60,
        # A kept connection is checked before a request uses it: after a database restart
        # the first request reconnects instead of failing.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the server read while import_news or the worker writes; IMMEDIATE
    # transactions wait for the write lock instead of failing half way.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the computed status summary and must be shared by every process
# (web workers, task worker, scheduler), so the default is a directory, not process memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "kommun.core.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kommun",
            # A Redis that does not answer must cost a page well under a second.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        }
    }

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# django-axes counts failed logins and refuses further attempts before any password is
# checked; the ModelBackend then does the real authentication.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [
    ("sv", _("Swedish")),
    ("uk", _("Ukrainian")),
    ("en", _("English")),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
# Front-end libraries come from the npm registry (package.json; `make setup` runs npm).
# Without them the pages work as before, without maps.
VENDOR_STATIC = {
    "vendor/leaflet": BASE_DIR / "node_modules" / "leaflet" / "dist",
    "vendor/leaflet-geoman": BASE_DIR
    / "node_modules"
    / "@geoman-io"
    / "leaflet-geoman-free"
    / "dist",
}
STATICFILES_DIRS += [(prefix, path) for prefix, path in VENDOR_STATIC.items() if path.is_dir()]
MAPS_AVAILABLE = all(path.is_dir() for path in VENDOR_STATIC.values())
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "kommun.core.storage.StaticStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"kommun": {"level": os.environ.get("KOMMUN_LOG_LEVEL", "INFO")}},
}

# make run prints mail to the worker's output; production sets an SMTP server.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "driftinfo@kommun.example")
EMAIL_MESSAGE_ID_DOMAIN = os.environ.get("EMAIL_MESSAGE_ID_DOMAIN", "kommun.example")

# Notifications, their channels and every outbound HTTP request.
from .delivery import *  # noqa: E402, F403

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Kommun")
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
# Readable, typeable URLs: "Vattenläcka på Storgatan" becomes /vattenlacka-pa-storgatan/.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Uploaded files never run script on the site's origin. Documents are of these kinds only,
# and are served by Wagtail's view as downloads (attachment, nosniff, its CSP), never from
# /media/, which serves the images alone (kommun/core/media.py, deploy/nginx.conf).
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "csv"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []

# Every area and drawn polygon must lie within this box: min_lon, min_lat, max_lon, max_lat.
MUNICIPALITY_BBOX = [float(v) for v in envlist("MUNICIPALITY_BBOX", "14.5,58.8,15.5,59.3")]
# Map tiles; the pages are complete without them.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "&copy; OpenStreetMap contributors")


def tile_source(url_template):
    """
    The CSP source that admits the map tiles: MAP_TILE_URL's scheme and host, a leading {s}
    subdomain as *. A placeholder elsewhere in the host cannot be a CSP wildcard: the scheme.
    """
    parts = urlsplit(url_template)
    host = parts.netloc
    if not host:
        return SELF
    if host.startswith("{") and "}." in host:
        host = "*" + host[host.index("}.") + 1 :]
    return f"{parts.scheme}:" if "{" in host else f"{parts.scheme}://{host}"


# Every response's Content-Security-Policy (django-csp); the embed and the admin differ
# from it by address (kommun/core/security.py). No inline script or style on public pages:
# their scripts are static files and their data rides in data- attributes and JSON blocks.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, tile_source(MAP_TILE_URL)],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# How long a computed status summary may be trusted at most, even if no change was
# signalled: the banner is never further behind than this.
STATUS_SUMMARY_MAX_AGE = envint("STATUS_SUMMARY_MAX_AGE", 20)
# Anonymous pages may be cached by browsers and proxies for this long, and by shared
# caches for PUBLIC_PAGE_STALE_WHILE_REVALIDATE more (below). Together with the summary's
# age this keeps the banner within 60 seconds of a change, even without a purge.
PUBLIC_PAGE_MAX_AGE = envint("PUBLIC_PAGE_MAX_AGE", 30)
# How often an open page asks whether the banner changed.
BANNER_REFRESH_SECONDS = envint("BANNER_REFRESH_SECONDS", 30)
# Shared caches (a CDN, nginx) keep public pages as long as browsers do, may serve a
# stale copy for this long while they fetch a fresh one, and for this long while the site
# answers with errors.
PUBLIC_PAGE_STALE_WHILE_REVALIDATE = envint("PUBLIC_PAGE_STALE_WHILE_REVALIDATE", 10)
PUBLIC_PAGE_STALE_IF_ERROR = envint("PUBLIC_PAGE_STALE_IF_ERROR", 24 * 60 * 60)
# A CDN or caching proxy that takes HTTP PURGE requests (nginx, Varnish), e.g.
# http://127.0.0.1:8080; a publish purges the URLs that show it. See docs/deployment.md.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
# Pre-rendered status files (kommun/snapshots/rounds.py), served by nginx or granian.
SNAPSHOT_DIR = Path(os.environ.get("SNAPSHOT_DIR", VAR_DIR / "snapshots"))

# /readyz and the admin's warning (kommun/health/): the oldest the snapshots, the
# scheduler's last round and the oldest due notification may be, in seconds.
HEALTH_SNAPSHOT_MAX_AGE = envint("HEALTH_SNAPSHOT_MAX_AGE", 60)
HEALTH_SCHEDULER_MAX_AGE = envint("HEALTH_SCHEDULER_MAX_AGE", 90)
HEALTH_QUEUE_MAX_AGE = envint("HEALTH_QUEUE_MAX_AGE", 300)

# Admin login (kommun/core/admin_login.py). After AXES_FAILURE_LIMIT wrong passwords for
# one username from one client address, that pair is refused for AXES_COOLOFF_TIME.
# The pair, not the username alone: otherwise anyone could lock an editor out of the
# admin from everywhere in the middle of an outage; not the address alone: a town hall's
# editors share one address behind its NAT. Guessing from many addresses is answered
# by strong passwords and the second factor, which superusers must have.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "kommun.core.limits.client_address"
AXES_LOCKOUT_CALLABLE = "kommun.core.admin_login.lockout_response"
# Two-factor login (kommun/core/two_factor.py, on django-otp): the name authenticator
# apps show beside the code.
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# The admin's "forgotten password" form sends at most this many messages an hour to one
# address, and for one client address; it answers the same either way.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "kommun.core.admin_login.ThrottledPasswordResetForm"
PASSWORD_RESET_RATE_PER_HOUR = envint("PASSWORD_RESET_RATE_PER_HOUR", 5)
