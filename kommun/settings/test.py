from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL, VAR_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# With REDIS_URL (make test-pg) the suite runs against the shared Redis cache that
# production uses; without it, each test process keeps its own memory cache.
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # On disk, not in memory: the outage tests close the connection, which would take an
    # in-memory database with it (and Django refuses to close one for that reason).
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-kommun.sqlite3")}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False}
# The tests stand in for push services, gateways and receivers on 127.0.0.1; the safety
# tests of kommun/core/http.py turn this off.
OUTBOUND_ALLOW_LOOPBACK = True
