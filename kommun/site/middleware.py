import datetime

from django.db.models import Max
from django.utils.http import http_date
from wagtail.models import Page

from kommun.core.sites import current_site
from kommun.disruptions.models import Notice
from kommun.disruptions.summary import get_status_summary


class PageLastModifiedMiddleware:
    """
    Gives a public Wagtail page a Last-Modified, so that clients that keep it can ask
    whether it changed. It sits outside core's PublicCacheMiddleware and reads what that
    decided: a page kept privately gets none.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 200
            and "public" in response.get("Cache-Control", "")
            and not response.has_header("Last-Modified")
        ):
            last_modified = page_last_modified(request, response)
            if last_modified is not None:
                response["Last-Modified"] = http_date(last_modified.timestamp())
        return response


def page_last_modified(request, response):
    """
    When what a Wagtail page shows last changed: any page or notice published (pages list
    each other and notices) or the status changing by the clock, since every page carries
    the banner. Clients that also send If-None-Match are answered by the ETag instead.
    """
    page = (getattr(response, "context_data", None) or {}).get("page")
    if page is None:
        return None
    moments = [
        Page.objects.live().aggregate(latest=Max("last_published_at"))["latest"],
        Notice.objects.aggregate(latest=Max("last_published_at"))["latest"],
        get_status_summary(current_site(request)).changed_at,
    ]
    moments = [moment for moment in moments if moment is not None]
    return max(moments).astimezone(datetime.UTC) if moments else None
