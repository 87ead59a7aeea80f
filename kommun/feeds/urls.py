from django.urls import path

from . import views
from .syndication import NewsAtomFeed, NewsFeed, NoticeAtomFeed, NoticeFeed

# Feeds whose text is in one language live under the language prefix (/sv/feeds/…).
per_language = [
    path("feeds/driftinformation.rss", NoticeFeed.as_view(), name="notices-rss"),
    path("feeds/driftinformation.atom", NoticeAtomFeed.as_view(), name="notices-atom"),
    path(
        "feeds/driftinformation/<slug:service>.rss",
        NoticeFeed.as_view(),
        name="service-notices-rss",
    ),
    path(
        "feeds/driftinformation/<slug:service>.atom",
        NoticeAtomFeed.as_view(),
        name="service-notices-atom",
    ),
    path("feeds/nyheter.rss", NewsFeed.as_view(), name="news-rss"),
    path("feeds/nyheter.atom", NewsAtomFeed.as_view(), name="news-atom"),
    path("feeds/planerat.ics", views.planned_work_ics, name="planned-ics"),
    path("feeds/planerat/<slug:service>.ics", views.planned_work_ics, name="service-planned-ics"),
    path("utvecklare/", views.developer_page, name="developer"),
]

# CAP carries every language in one message; the embed takes its language as a parameter.
language_neutral = [
    path("feeds/cap.atom", views.CapAtomFeed.as_view(), name="cap-atom"),
    path("cap/<int:publication_id>.xml", views.cap_message, name="cap-message"),
    path("cap/notice/<int:notice_id>.xml", views.cap_for_notice, name="cap-notice"),
    path("embed/banner.js", views.embed_script, name="embed-script"),
    path("embed/banner/", views.embed_banner, name="embed-banner"),
]
