from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control


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
