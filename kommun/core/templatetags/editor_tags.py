from django import template
from django.conf import settings
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

register = template.Library()


@register.simple_tag(takes_context=True)
def userbar_for_editors(context, position="bottom-right"):
    """
    Wagtail's userbar, asked for only when the visitor has a session cookie.

    The userbar reads request.user, which loads the session and makes the response vary by
    Cookie: no proxy or CDN would then share a page between visitors. Anonymous visitors
    have no session cookie, so for them the session is never touched.
    """
    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ""
    return wagtailuserbar(context, position)
