from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag
def lang_attr(language):
    """` lang="uk"` on a passage whose language differs from the page's, else nothing."""
    if not language or language == translation.get_language():
        return ""
    return format_html(' lang="{}"', language)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """
    This page in each language: (code, name in that language, absolute URL, is current).
    Every public address exists in every language; text not yet translated is shown in the
    original with a note, so the switcher never leads to a missing page.
    """
    request = context.get("request")
    if request is None:
        return []
    path = request.get_full_path()
    current = translation.get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current:
            continue  # an address without a language prefix has no other versions
        versions.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": request.build_absolute_uri(url),
                "path": url,
                "current": code == current,
            }
        )
    return versions
