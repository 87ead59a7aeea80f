from datetime import UTC, date, datetime, timedelta
from unittest import mock

import feedparser
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone, translation
from icalendar import Calendar
from lxml import etree

from kommun.disruptions.models import Notice
from kommun.news.importer import ArticleData, create_article


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_the_notice_feeds_list_current_notices_with_stable_ids(rita, make_notice, heating):
    water = make_notice(headline="Vattenläcka")
    make_notice(headline="Värmen borta", service=heating)
    make_notice(headline="Gammal", starts=-timedelta(days=30), ends=-timedelta(days=29))

    for path in ["/sv/feeds/driftinformation.rss", "/sv/feeds/driftinformation.atom"]:
        feed = parse(rita, path)
        titles = sorted(entry.title for entry in feed.entries)
        assert titles == ["Pågående: Vattenläcka", "Pågående: Värmen borta"], path
        entry = next(e for e in feed.entries if e.title.endswith("Vattenläcka"))
        assert entry.id == f"http://localhost/sv/driftinformation/{water.pk}/"
        assert entry.link == f"http://testserver/sv/driftinformation/{water.pk}/"

    heating_only = parse(rita, "/sv/feeds/driftinformation/fjarrvarme.rss")
    assert [entry.title for entry in heating_only.entries] == ["Pågående: Värmen borta"]
    assert rita.get("/sv/feeds/driftinformation/finns-inte.rss").status_code == 404


def test_an_item_is_dated_when_published_never_by_a_future_start(rita, make_notice):
    make_notice(headline="Ledningsbyte", kind=Notice.Kind.PLANNED, starts=timedelta(days=10))
    entry = parse(rita, "/sv/feeds/driftinformation.rss").entries[0]
    published = datetime(*entry.published_parsed[:6], tzinfo=UTC)
    assert abs(published - timezone.now()) < timedelta(minutes=5)


def test_atom_updated_follows_every_change(rita, make_notice):
    notice = make_notice(headline="Vattenläcka")
    first = parse(rita, "/sv/feeds/driftinformation.atom").entries[0]

    later = timezone.now() + timedelta(minutes=10)
    with mock.patch("django.utils.timezone.now", return_value=later):
        notice.what_to_do = "Koka vattnet."
        notice.publish_change()
    again = parse(rita, "/sv/feeds/driftinformation.atom").entries[0]

    assert again.id == first.id
    assert again.published == first.published
    assert again.updated_parsed > first.updated_parsed


def test_the_news_feeds_list_articles_dated_by_their_publication_date(rita, news_index):
    create_article(
        ArticleData(
            title="Gammal nyhet", published=date(2023, 10, 4), lead="L", body=[], images=[]
        ),
        news_index,
    )
    for path in ["/sv/feeds/nyheter.rss", "/sv/feeds/nyheter.atom"]:
        entry = parse(rita, path).entries[0]
        assert entry.title == "Gammal nyhet"
        # Midnight in Stockholm on 4 October is 22:00 UTC on the 3rd.
        assert entry.published_parsed[:4] == (2023, 10, 3, 22)
        assert entry.link == "http://testserver/sv/nyheter/gammal-nyhet/"


def test_the_cap_feed_links_to_each_notices_latest_message(rita, make_notice):
    notice = make_notice(headline="Vattenläcka")
    notice.publish_change()
    feed = parse(rita, "/feeds/cap.atom")
    assert [entry.title for entry in feed.entries] == ["Update: Vattenläcka"]
    latest = notice.publications.order_by("-pk").first()
    assert feed.entries[0].link == f"http://testserver/cap/{latest.pk}.xml"


def test_every_public_page_advertises_the_feeds(rita, make_notice):
    notice = make_notice()
    for path in [
        "/sv/",
        "/sv/driftinformation/",
        f"/sv/driftinformation/{notice.pk}/",
        "/sv/nyheter/",
    ]:
        soup = BeautifulSoup(rita.get(path).content, "html.parser")
        alternates = {link["type"] for link in soup.select("head link[rel=alternate][type]")}
        assert alternates == {
            "application/rss+xml",
            "application/atom+xml",
            "text/calendar",
            "application/json",
        }, path


def calendar(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_planned_work_is_in_the_calendar_with_a_sequence_that_grows_with_every_change(
    rita, make_notice
):
    notice = make_notice(
        headline="Ledningsbyte",
        kind=Notice.Kind.PLANNED,
        starts=timedelta(days=3),
        expected_end=timedelta(days=3, hours=4),
    )
    make_notice(headline="Vattenläcka")  # unplanned: not in the calendar

    def the_event():
        events = calendar(rita, "/sv/feeds/planerat.ics").walk("VEVENT")
        assert [str(event["SUMMARY"]) for event in events] == ["Ledningsbyte"]
        return events[0]

    first = the_event()
    assert first["SEQUENCE"] == 0
    assert first["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert first["DTSTART"].dt == notice.starts_at.replace(microsecond=0)
    assert first["DTEND"].dt == notice.expected_end_at.replace(microsecond=0)
    assert str(first["STATUS"]) == "CONFIRMED"

    notice.expected_end_at += timedelta(hours=2)
    notice.publish_change()
    second = the_event()
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] == 1

    notice.cancel(timezone.now())
    notice.publish_change()
    cancelled = the_event()
    assert cancelled["SEQUENCE"] == 2
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_the_calendar_can_be_had_per_service(rita, make_notice, heating):
    make_notice(headline="Vatten", kind=Notice.Kind.PLANNED, starts=timedelta(days=1))
    make_notice(
        headline="Värme", service=heating, kind=Notice.Kind.PLANNED, starts=timedelta(days=1)
    )
    events = calendar(rita, "/sv/feeds/planerat/fjarrvarme.ics").walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Värme"]
    zones = calendar(rita, "/sv/feeds/planerat/fjarrvarme.ics").walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Stockholm"]


def test_ids_are_the_same_whichever_host_name_the_feeds_are_fetched_on(make_notice, news_index):
    # Testby's site is localhost; 127.0.0.1 reaches the same municipality.
    make_notice(headline="Vattenläcka")
    make_notice(headline="Ledningsbyte", kind=Notice.Kind.PLANNED, starts=timedelta(days=1))
    create_article(
        ArticleData(title="Nyhet", published=date(2026, 3, 2), lead="L", body=[], images=[]),
        news_index,
    )
    feeds = [
        "/sv/feeds/driftinformation.rss",
        "/sv/feeds/driftinformation.atom",
        "/sv/feeds/nyheter.rss",
        "/sv/feeds/nyheter.atom",
        "/feeds/cap.atom",
    ]

    def identifiers(host):
        client = Client(HTTP_HOST=host)
        ids = []
        for path in feeds:
            feed = parse(client, path)
            ids += [feed.feed.get("id")] + [entry.id for entry in feed.entries]
        events = calendar(client, "/sv/feeds/planerat.ics").walk("VEVENT")
        return [value for value in ids if value] + [str(event["UID"]) for event in events]

    through_address, through_name = identifiers("127.0.0.1"), identifiers("localhost")
    assert len(through_address) == 12  # three Atom feed ids, eight entries, one event
    assert through_address == through_name
    assert all("127.0.0.1" not in value for value in through_address), through_address


def test_every_atom_feed_names_the_municipality_as_the_author_its_entries_need(
    rita, make_notice, news_index, water
):
    make_notice(headline="Vattenläcka")
    create_article(
        ArticleData(title="Nyhet", published=date(2026, 3, 2), lead="L", body=[], images=[]),
        news_index,
    )
    atom = {"atom": "http://www.w3.org/2005/Atom"}
    for path in [
        "/sv/feeds/driftinformation.atom",
        f"/sv/feeds/driftinformation/{water.slug}.atom",
        "/sv/feeds/nyheter.atom",
        "/feeds/cap.atom",
    ]:
        feed = etree.fromstring(rita.get(path).content)
        assert feed.findall("atom:entry", atom), path
        # RFC 4287, 4.1.1: without an author of its own, each entry takes the feed's.
        authors = feed.findall("atom:author", atom)
        assert [a.findtext("atom:name", namespaces=atom) for a in authors] == ["Testby kommun"]
        assert authors[0].findtext("atom:uri", namespaces=atom) == "http://localhost/"


def test_two_municipalities_asking_at_once_each_get_their_own_feed(
    rita, partner, partner_client, make_notice, monkeypatch
):
    """
    Rita's request is halfway through its feed when a resident of Lisohirsk asks for
    theirs (in a web process, on another thread). Rita's feed still names her municipality.
    """
    from kommun.feeds.syndication import NoticeFeed

    items = NoticeFeed.items
    lisohirsk_feeds = []

    def items_while_lisohirsk_asks(feed, service):
        if feed.site != partner and not lisohirsk_feeds:
            lisohirsk_feeds.append(None)
            # Another thread would have its own active language; this one keeps Rita's.
            with translation.override(translation.get_language()):
                lisohirsk_feeds[0] = partner_client.get("/uk/feeds/driftinformation.rss")
        return items(feed, service)

    make_notice(headline="Vattenläcka")
    monkeypatch.setattr(NoticeFeed, "items", items_while_lisohirsk_asks)
    feed = parse(rita, "/sv/feeds/driftinformation.rss")

    assert lisohirsk_feeds[0].status_code == 200
    assert [entry.title for entry in feed.entries] == ["Pågående: Vattenläcka"]
    assert feed.entries[0].id.startswith("http://localhost/sv/driftinformation/")
