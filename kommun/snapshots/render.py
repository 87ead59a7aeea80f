"""
Rendering a snapshot: a request for the page made up here and answered by the whole
middleware stack, so that the file is byte for byte what the app would serve.
"""

import json

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Site

from .files import FILES, SERVED_FROM_SNAPSHOT
from .paths import site_paths


class SnapshotError(Exception):
    pass


_handler = None


def _get_handler():
    # The full middleware stack, so that a snapshot is byte for byte what the app serves.
    global _handler
    if _handler is None:
        handler = BaseHandler()
        handler.load_middleware()
        _handler = handler
    return _handler


def render(site, language, path, generated_at):
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    request = RequestFactory().get(
        path,
        HTTP_HOST=host,
        HTTP_ACCEPT_LANGUAGE=language,
        secure=site.port == 443,
    )
    request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = language
    # Read by the templates: every snapshot shows when it was made.
    request.snapshot_generated_at = generated_at
    with translation.override(language):
        response = _get_handler().get_response(request)
    if response.status_code != 200 or response.has_header(SERVED_FROM_SNAPSHOT):
        raise SnapshotError(f"{host}{path} ({language}) answered {response.status_code}")
    return response.content


def render_all(generated_at):
    """Renders every snapshot of every site and language: {relative file: bytes}, index."""
    rendered = {}
    for site in Site.objects.select_related("root_page"):
        routes = {}
        for language, _name in settings.LANGUAGES:
            for name, path in site_paths(site, language).items():
                if path is None:
                    continue
                relative = f"{site.hostname}/{language}/{FILES[name]}"
                rendered[relative] = render(site, language, path, generated_at)
                routes.setdefault(path, {})[language] = f"{language}/{FILES[name]}"
        index = {
            "generated_at": generated_at.isoformat(),
            "default_site": site.is_default_site,
            "routes": routes,
        }
        rendered[f"{site.hostname}/index.json"] = json.dumps(index, indent=1).encode()
    return rendered
