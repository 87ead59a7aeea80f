"""
Finding a municipality's own pages. Each municipality is a Wagtail Site whose home page, in
its default language, holds one page of each kind (the status page, the news index, the
accessibility statement…); their translations live under the home page's translations.
Core knows none of those kinds, so the page class is named by the caller.
"""

from django.utils import translation


def find_page(site, page_class, language=None):
    """
    The site's live page of page_class, or None when it has none. Without a language, the
    original, in the site's default language; with one, its live translation in that
    language, or the original when there is none.
    """
    page = (
        page_class.objects.live()
        .descendant_of(site.root_page, inclusive=True)
        .order_by("path")
        .first()
    )
    if page is None or language is None:
        return page
    with translation.override(language):
        return page.localized


def free_slug(parent, base):
    """The first of base, base-2, base-3… that no child of parent has taken."""
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
