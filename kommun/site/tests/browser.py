"""
The public site as a browser sees it: one page of every public type, in every language.

Every public address starts with its language (/sv/, /uk/, /en/), so one page of every
type in every language is the Swedish address with another prefix.
"""

import json
import re
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from kommun.disruptions.summary import notice_path

OUTSIDE = re.compile(r"^https?://(?!127\.0\.0\.1[:/]|localhost[:/])")
LANGUAGES = [code for code, _name in settings.LANGUAGES]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# The WCAG 2.0 and 2.1 rules at levels A and AA; best practices are not part of the bar.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# What a 1280 × 900 window shows at 200% zoom: half as many CSS pixels, each drawn twice.
ZOOMED = {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2}


def public_pages(content, language):
    """Name and URL path of one page of every public page type, for a language."""
    with translation.override(language):
        lookup = reverse("address-lookup")
        subscribe = reverse("alerts:subscribe")
        developer = reverse("developer")
    pages = {
        "home": "/",
        "status": content.status_page.url,
        "notice": notice_path(content.ongoing),
        "archive": content.status_page.url + "arkiv/",
        "news-index": content.news_index.url,
        "article": content.article.url,
        "lookup": lookup,
        "lookup-result": lookup + "?q=Storgatan+12",
        "lookup-choices": lookup + "?q=Storgatan",
        "lookup-unknown": lookup + "?q=Finnsintev%C3%A4gen+1",
        "subscribe": subscribe,
        "manage": content.manage_path,
        "developer": developer,
        "accessibility": content.statement.url,
    }
    return {name: in_language(path, language) for name, path in pages.items()}


def in_language(path, language):
    """The same address in another language."""
    return re.sub(r"^/(sv|uk|en)?/?", f"/{language}/", path, count=1)


def new_context(browser, language, **options):
    """A browser context that reads the site in a language, with the site's own media."""
    context = browser.new_context(
        locale=language, extra_http_headers={"Accept-Language": language}, **options
    )
    # Like the machines CI runs on, the browser reaches nothing but the site (no map tiles).
    context.route(OUTSIDE, lambda route: route.abort())
    # The test settings keep uploads and renditions in memory, where the live server's
    # static handler cannot see them; the browser gets them from the storage directly.
    context.route("**/media/**", _serve_media)
    return context


def open_page(page, live_server, path):
    response = page.goto(live_server.url + path)
    assert response is not None and response.ok, f"{path}: {response and response.status}"
    return response


def _serve_media(route):
    name = route.request.url.split("/media/", 1)[1].split("?", 1)[0]
    if not default_storage.exists(name):
        route.fulfill(status=404)
        return
    with default_storage.open(name) as file:
        route.fulfill(status=200, body=file.read(), content_type=_media_type(name))


def _media_type(name):
    suffix = name.rsplit(".", 1)[-1].lower()
    return {"webp": "image/webp", "png": "image/png", "gif": "image/gif"}.get(suffix, "image/jpeg")


def axe_violations(page):
    """axe-core's WCAG 2.1 A and AA violations on the open page, one readable line each."""
    # Run by the browser's debugging protocol, not as a <script> element: the pages'
    # Content-Security-Policy refuses inline scripts, and is to stay on while axe checks.
    page.evaluate(AXE_SCRIPT.read_text() + "\n;undefined")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{violation['id']}: {violation['help']} ({violation['helpUrl']}) at "
        + "; ".join(json.dumps(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
    ]


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def widest_elements(page):
    """The elements that stick out past the right edge of the viewport, for the message."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .slice(0, 5).map(e => e.tagName + '.' + [...e.classList].join('.'))"""
    )
