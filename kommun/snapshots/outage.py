"""
Answering while the database is down.

The status page, the banner, the status JSON and the embeddable banner are answered from
their last snapshot, which says when it was made. Everything else, the admin and the API
included, gets a short 503 that says the database is unavailable, in the visitor's
language, instead of a stack trace. Nothing is kept in a broken state: Django closes a
connection that failed when the request ends, so the first request after the database
returns opens a new one and the site recovers without a restart.
"""

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from kommun.core.middleware import preferred_language

from .files import SERVED_FROM_SNAPSHOT, read_snapshot

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
CONTENT_TYPES = {".json": "application/json", ".html": "text/html; charset=utf-8"}


@receiver(got_request_exception)
def note_database_error(sender, request=None, **kwargs):
    # Django turns an exception into a 500 response deep inside the handler; this is the
    # one place that still sees the exception itself.
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DatabaseError):
        request.database_error = error


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except DatabaseError as error:
            # Raised by the 500 handler itself when rendering the error page also failed.
            request.database_error = error
        else:
            if getattr(request, "database_error", None) is None:
                return response
        return self.unavailable(request)

    def unavailable(self, request):
        logger.warning(
            "Database unavailable for %s %s: %s",
            request.method,
            request.path,
            request.database_error,
        )
        hostname = request.META.get("HTTP_HOST", "").rsplit(":", 1)[0].lower()
        # Without the database the municipality's own default language is unknown.
        language = (
            translation.get_language_from_path(request.path_info)
            or preferred_language(request)
            or settings.LANGUAGE_CODE
        )
        if request.method in ("GET", "HEAD"):
            snapshot = read_snapshot(hostname, request.path, language)
            if snapshot is not None:
                content, generated_at = snapshot
                suffix = ".json" if content.lstrip()[:1] in (b"{", b"[") else ".html"
                response = HttpResponse(content, content_type=CONTENT_TYPES[suffix])
                response[SERVED_FROM_SNAPSHOT] = generated_at
                # Short, so that caches pick up the live page soon after the database returns.
                response["Cache-Control"] = "public, max-age=10"
                return response
        with translation.override(language):
            message = _(
                "The service is temporarily unavailable because its database cannot be "
                "reached. Please try again in a few minutes."
            )
            if request.path.startswith("/api/"):
                response = JsonResponse({"detail": message}, status=503)
            else:
                response = HttpResponse(
                    render_to_string("503.html", {"message": message, "language": language}),
                    status=503,
                )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
