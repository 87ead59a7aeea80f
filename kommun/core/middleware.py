from django.conf import settings
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation.trans_real import parse_accept_lang_header

from .sites import current_site, municipality


class PublicCacheMiddleware:
    """
    Lets browsers and proxies keep anonymous public pages for PUBLIC_PAGE_MAX_AGE seconds.

    Whether a visitor is anonymous is read from the absence of a session cookie rather
    than from request.user, so that this check does not itself make the response vary
    by cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.has_header("Cache-Control")
            and not request.path.startswith(("/admin/", "/django-admin/"))
        ):
            if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
        return response


class OpenReadsCorsMiddleware:
    """
    Lets any web page read the open data (the JSON API and the feeds) with fetch(), and
    nothing more: only GET and HEAD, no credentials. Writing stays server-to-server.
    """

    PREFIXES = ("/api/", "/feeds/", "/cap/", "/embed/")

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
            return response
        return super().process_response(request, response)


def preferred_language(request):
    # ?lang= serves the API and the embed, which have no language prefix.
    for code in (request.GET.get("lang"), request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)):
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
