from django.conf import settings
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation
from django.utils.cache import get_max_age, patch_cache_control, patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

from .sites import current_site, municipality


class HeadAsGetMiddleware:
    """
    HEAD is answered wherever GET is, with the same headers: the request is served as a GET
    and the body is dropped. This one place spares every view and router (require_GET,
    django-ninja's operations) from listing HEAD. It sits outside ConditionalGetMiddleware,
    which gives a HEAD no ETag of its own, so the ETag and the 304s are the GET's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            response.streaming_content = []
        else:
            response.content = b""
        return response


class PublicCacheMiddleware:
    """
    Lets browsers, proxies and CDNs keep anonymous public pages and feeds.

    Whether a visitor is anonymous is read from the absence of a session cookie rather
    than from request.user, so that this check does not itself make the response vary
    by cookie. Shared caches get s-maxage and may serve a stale copy while they fetch a
    new one, or for a day while the site is failing: during an outage an old status is
    better than none. A publish purges what they hold (kommun/snapshots/rounds.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or request.path.startswith(("/admin/", "/django-admin/"))
        ):
            return response
        if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        cache_control = response.get("Cache-Control", "")
        if not cache_control:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
        elif "public" not in cache_control or "s-maxage" in cache_control:
            return response
        max_age = get_max_age(response) or 0
        patch_cache_control(
            response,
            s_maxage=max_age,
            stale_while_revalidate=settings.PUBLIC_PAGE_STALE_WHILE_REVALIDATE,
            stale_if_error=settings.PUBLIC_PAGE_STALE_IF_ERROR,
        )
        return response


# The open data: the JSON API, the language-neutral feeds, CAP and the embed.
OPEN_DATA_PREFIXES = ("/api/", "/feeds/", "/cap/", "/embed/")


class OpenReadsCorsMiddleware:
    """
    Lets any web page read the open data (the JSON API and the feeds) with fetch(), and
    nothing more: only GET and HEAD, no credentials. Writing stays server-to-server.
    """

    PREFIXES = OPEN_DATA_PREFIXES

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(self.PREFIXES):
            return self.get_response(request)
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
        if request.method in ("GET", "HEAD", "OPTIONS"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
        return response


class SiteLocaleMiddleware(LocaleMiddleware):
    """
    The language is the URL's prefix (/sv/, /uk/, /en/). Without one, it is the reader's
    own choice: the language cookie, then the browser's Accept-Language, then the
    municipality's default language; Django then redirects to the prefixed address.
    The municipality's time zone is activated as well.
    """

    def process_request(self, request):
        profile = municipality(current_site(request))
        language = (
            translation.get_language_from_path(request.path_info)
            or preferred_language(request)
            or profile.default_language
        )
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        timezone.activate(profile.zone)

    def process_response(self, request, response):
        if response.status_code == 404 and getattr(request, "resolver_match", None):
            # The address exists without a prefix (the API, CAP): its own 404 is the answer,
            # not a redirect to a language version that does not exist either.
            response.headers.setdefault("Content-Language", translation.get_language())
            if not translation.get_language_from_path(request.path_info):
                patch_vary_headers(response, ["Accept-Language"])
            return response
        return super().process_response(request, response)


def preferred_language(request):
    # ?lang= serves the API and the embed, which have no language prefix.
    choices = [request.GET.get("lang")]
    # The open data is kept by shared caches, keyed by its URL and, as its Vary says, by
    # Accept-Language. Were the cookie to choose its language too, one reader's choice
    # would be served to the next; Vary: Cookie instead would make every reader with any
    # cookie a miss. So there only ?lang= and Accept-Language choose, as nginx does.
    if not request.path_info.startswith(OPEN_DATA_PREFIXES):
        choices.append(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    for code in choices:
        if code in dict(settings.LANGUAGES):
            return code
    for accepted, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if accepted == "*":
            break
        try:
            return translation.get_supported_language_variant(accepted)
        except LookupError:
            continue
    return None
