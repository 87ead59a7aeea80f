"""RSS 2.0 and Atom feeds of notices (all, or one service's) and of news."""

from datetime import UTC, datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from kommun.core.pages import find_page
from kommun.core.sites import canonical_url, current_site
from kommun.core.text import printable
from kommun.disruptions.localize import localize
from kommun.disruptions.models import Notice, Service
from kommun.disruptions.summary import get_status_summary, notice_path
from kommun.news.models import ArticlePage, NewsIndexPage

FEED_LENGTH = 50
EMPTY_FEED_DATE = datetime(2000, 1, 1, tzinfo=UTC)


def site_name(request):
    site = current_site(request)
    return site.site_name if site and site.site_name else "Kommun"


class PrintableMixin:
    """
    Leaves out the characters XML cannot carry. They are refused on input, but a row
    written before that check must not break the whole feed (Django refuses to write one).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*printable(args), **{key: printable(v) for key, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*printable(args), **{key: printable(v) for key, v in kwargs.items()})


class PrintableRssFeed(PrintableMixin, Rss201rev2Feed):
    pass


class PrintableAtomFeed(PrintableMixin, Atom1Feed):
    pass


class StablyDatedFeed(Feed):
    """
    A feed without items is dated by a fixed moment, not by the moment it is asked for, as
    Django does: otherwise its every copy differs and no cache could answer with a 304.
    """

    feed_type = PrintableRssFeed

    @classmethod
    def as_view(cls):
        """
        A view that makes a feed per request. The feeds keep the request and the site on
        the instance, and one instance shared by the threads of a web process would let
        one municipality's request change another's feed halfway.
        """

        def view(request, *args, **kwargs):
            return cls()(request, *args, **kwargs)

        return view

    def author_name(self):
        # Atom (RFC 4287) requires an author of every entry: the municipality writes them all.
        return site_name(self.request)

    def author_link(self):
        return canonical_url(self.site, "/")

    def feed_guid(self):
        # Atom's feed id would otherwise be its link, on whatever host name was asked.
        return canonical_url(self.site, self.request.path)

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        if not feed.items:
            feed.latest_post_date = lambda: EMPTY_FEED_DATE
        return feed


class NoticeFeed(StablyDatedFeed):
    """
    The current notices, most recently changed first. An item's date is when the notice
    was first published (never a future start), and Atom's updated follows every change.
    """

    def get_object(self, request, service=None):
        self.request = request
        self.site = current_site(request)
        return get_object_or_404(Service, site=self.site, slug=service) if service else None

    def title(self, service):
        name = site_name(self.request)
        if service:
            return _("Disruptions: %(service)s – %(site)s") % {
                "service": service.display_name,
                "site": name,
            }
        return _("Disruptions – %(site)s") % {"site": name}

    def link(self, service):
        notice_list = get_status_summary(self.site).status_path or "/"
        return f"{notice_list}?service={service.slug}" if service else notice_list

    def description(self, service):
        return _("Ongoing, planned and recently resolved disruptions.")

    def items(self, service):
        notices = (
            Notice.objects.public(self.site)
            .current(timezone.now())
            .select_related("service", "locale")
            .prefetch_related("updates")
            .order_by("-last_published_at")
        )
        if service:
            notices = notices.filter(service=service)
        return localize(notices[:FEED_LENGTH], translation.get_language())

    def item_title(self, notice):
        return f"{notice.state.label}: {notice.headline}"

    def item_description(self, notice):
        parts = [notice.what_happened, _("Affected: %(area)s") % {"area": notice.affected_area}]
        if notice.what_to_do:
            parts.append(notice.what_to_do)
        return "\n\n".join(parts)

    def item_link(self, notice):
        return notice_path(notice)

    def item_guid(self, notice):
        return canonical_url(self.site, notice_path(notice))

    item_guid_is_permalink = True

    def item_pubdate(self, notice):
        return notice.first_published_at

    def item_updateddate(self, notice):
        return notice.last_published_at

    def item_categories(self, notice):
        return [notice.service.display_name, notice.get_kind_display()]


class NoticeAtomFeed(NoticeFeed):
    feed_type = PrintableAtomFeed

    def subtitle(self, service):
        return self.description(service)


class NewsFeed(StablyDatedFeed):
    def get_object(self, request):
        self.request = request
        self.site = current_site(request)
        return None

    def title(self):
        return _("News – %(site)s") % {"site": site_name(self.request)}

    def link(self):
        news_index = find_page(self.site, NewsIndexPage, translation.get_language())
        return news_index.get_url(self.request) if news_index else "/"

    def description(self):
        return _("News from the municipality.")

    def items(self):
        return ArticlePage.objects.for_reader(self.site.root_page)[:FEED_LENGTH]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.lead

    def item_link(self, article):
        return f"{self.link()}{article.slug}/"

    def item_guid(self, article):
        return canonical_url(self.site, self.item_link(article))

    item_guid_is_permalink = True

    def item_pubdate(self, article):
        # The editorial date counts: an article imported today may say it was published in 2023.
        first = article.first_published_at
        if first and timezone.localdate(first) == article.published:
            return first
        return timezone.make_aware(datetime.combine(article.published, time.min))

    def item_updateddate(self, article):
        return article.last_published_at


class NewsAtomFeed(NewsFeed):
    feed_type = PrintableAtomFeed

    def subtitle(self):
        return self.description()
