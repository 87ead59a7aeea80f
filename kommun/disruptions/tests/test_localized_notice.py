"""
Rita reads a notice in Ukrainian. What she reads is a value made for her request: the
notice itself keeps its Swedish text, on the instance and in the database, so a save
afterwards can never write her language over the original's.
"""

import dataclasses
from datetime import timedelta

import pytest

from kommun.disruptions.localize import localize_one, translate_notice
from kommun.disruptions.models import Notice

UKRAINIAN = {
    "headline": "Прорив водогону на Сторгатан",
    "what_happened": "Пошкоджено водогін.",
    "updates": ["Ремонтники на місці."],
}


def test_reading_a_notice_in_ukrainian_leaves_the_swedish_notice_as_it_is(make_notice):
    notice = make_notice(headline="Vattenläcka på Storgatan", updates=[(timedelta(0), "På plats.")])
    translate_notice(notice, "uk", UKRAINIAN)

    read = localize_one(notice, "uk")

    assert read.headline == "Прорив водогону на Сторгатан"
    assert read.content_language == "uk"
    assert [entry.text for entry in read.localized_timeline] == ["Ремонтники на місці."]
    # Times, severity and service are the original's, read through the value.
    assert (read.pk, read.starts_at, read.severity) == (
        notice.pk,
        notice.starts_at,
        notice.severity,
    )

    assert notice.headline == "Vattenläcka på Storgatan"
    assert notice.what_happened == "En ledning har gått sönder."
    notice.save()  # as an editor's later change would
    stored = Notice.objects.get(pk=notice.pk)
    assert stored.headline == "Vattenläcka på Storgatan"
    assert stored.what_happened == "En ledning har gått sönder."


def test_a_localized_notice_cannot_be_changed(make_notice):
    read = localize_one(make_notice(headline="Vattenläcka på Storgatan"), "sv")

    with pytest.raises(dataclasses.FrozenInstanceError):
        read.headline = "Something else"
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.ended_at = None  # not even what it reads from the original
    assert not hasattr(read, "save")  # and it is never saved
    assert read.headline == "Vattenläcka på Storgatan"


def test_a_notice_not_yet_translated_is_read_in_the_original_with_a_note(make_notice):
    notice = make_notice(headline="Vattenläcka på Storgatan")

    read = localize_one(notice, "en")

    assert read.headline == "Vattenläcka på Storgatan"
    assert read.content_language == "sv"
    assert read.translation_missing


def test_residents_see_only_their_municipalitys_published_notices(make_notice, home, partner):
    from kommun.disruptions.models import Service

    published = make_notice(headline="Vattenläcka på Storgatan")
    translate_notice(published, "uk", UKRAINIAN)  # the same notice, not another one
    make_notice(headline="Utkast", live=False)
    elsewhere = Service.objects.get(site=partner, slug="vatten-och-avlopp")
    make_notice(headline="Прорив у сусідів", service=elsewhere)

    assert list(Notice.objects.public(home.get_site())) == [published]


def test_not_ended_is_what_has_no_end_or_one_still_ahead(make_notice):
    from django.utils import timezone

    open_ended = make_notice(headline="Pågår", ends=None)
    ending_soon = make_notice(headline="Slutar snart", ends=timedelta(hours=1))
    make_notice(headline="Över", starts=-timedelta(hours=3), ends=-timedelta(hours=1))

    assert set(Notice.objects.not_ended(timezone.now())) == {open_ended, ending_soon}


def test_a_reading_stands_for_its_notice_in_any_language(make_notice):
    notice = make_notice(headline="Vattenläcka på Storgatan")
    translate_notice(notice, "uk", UKRAINIAN)

    in_swedish, in_ukrainian = localize_one(notice, "sv"), localize_one(notice, "uk")

    assert in_swedish == notice == in_ukrainian
    assert len({in_swedish, in_ukrainian, notice}) == 1
