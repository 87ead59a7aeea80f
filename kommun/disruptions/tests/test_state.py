"""Planned, ongoing and resolved follow from a notice's times alone."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from kommun.disruptions.models import RESOLVED_VISIBLE_FOR, Notice, State

STOCKHOLM = ZoneInfo("Europe/Stockholm")
SECOND = timedelta(seconds=1)


def local(*args, fold=0):
    return datetime(*args, tzinfo=STOCKHOLM).replace(fold=fold)


def notice(starts_at, ended_at=None, expected_end_at=None):
    return Notice(starts_at=starts_at, ended_at=ended_at, expected_end_at=expected_end_at)


START = local(2026, 1, 15, 8, 0)
END = local(2026, 1, 15, 12, 0)


def test_it_is_planned_until_the_moment_it_starts():
    assert notice(START).state_at(START - SECOND) == State.PLANNED
    assert notice(START).state_at(START) == State.ONGOING


def test_it_is_resolved_from_the_moment_it_ends():
    assert notice(START, END).state_at(END - SECOND) == State.ONGOING
    assert notice(START, END).state_at(END) == State.RESOLVED


def test_an_expected_end_is_only_an_estimate_and_resolves_nothing():
    overdue = notice(START, expected_end_at=END)
    assert overdue.state_at(END + timedelta(days=3)) == State.ONGOING


def test_work_cancelled_before_it_started_counts_as_resolved():
    cancelled = notice(START, ended_at=START)
    assert cancelled.state_at(START - timedelta(hours=1)) == State.PLANNED
    assert cancelled.state_at(START) == State.RESOLVED


def test_it_is_ongoing_through_the_spring_forward_hour():
    # 2026-03-29: clocks go from 02:00 CET straight to 03:00 CEST.
    starts = local(2026, 3, 29, 1, 30)
    ends = local(2026, 3, 29, 3, 30)
    assert ends.astimezone(UTC) - starts.astimezone(UTC) == timedelta(hours=1)
    item = notice(starts, ends)
    assert item.state_at(local(2026, 3, 29, 1, 59)) == State.ONGOING
    assert item.state_at(local(2026, 3, 29, 3, 29)) == State.ONGOING
    assert item.state_at(local(2026, 3, 29, 3, 30)) == State.RESOLVED


def test_it_tells_the_two_half_past_twos_of_the_autumn_change_apart():
    # 2026-10-25: 02:00–03:00 happens twice, first in CEST (fold=0), then in CET (fold=1).
    starts = local(2026, 10, 25, 2, 30, fold=0)
    ends = local(2026, 10, 25, 2, 15, fold=1)  # earlier on the clock, 45 minutes later in time
    item = notice(starts, ends)
    item.clean()  # an end that looks earlier on the wall clock is still valid
    assert item.state_at(local(2026, 10, 25, 2, 45, fold=0)) == State.ONGOING
    assert item.state_at(local(2026, 10, 25, 2, 5, fold=1)) == State.ONGOING
    assert item.state_at(local(2026, 10, 25, 2, 15, fold=1)) == State.RESOLVED


def test_resolved_notices_leave_the_status_page_after_seven_times_24_hours_across_dst(
    make_notice,
):
    ended = local(2026, 3, 25, 12, 0)  # CET; the clocks change four days later
    item = make_notice(starts=ended - timedelta(hours=2), ends=ended)
    leaves = local(2026, 4, 1, 13, 0)  # CEST: 168 hours after it ended
    assert leaves.astimezone(UTC) - ended.astimezone(UTC) == RESOLVED_VISIBLE_FOR

    just_before = Notice.objects.recently_resolved(leaves - SECOND)
    assert list(just_before) == [item]
    assert not Notice.objects.archived(leaves - SECOND).exists()
    assert not Notice.objects.recently_resolved(leaves).exists()
    assert list(Notice.objects.archived(leaves)) == [item]


@pytest.mark.parametrize(
    "offset",
    [
        timedelta(hours=-3),
        -SECOND,
        timedelta(0),
        SECOND,
        timedelta(hours=2),
        timedelta(hours=4),
        timedelta(days=7),
        timedelta(days=7, hours=4),
        timedelta(days=8),
    ],
)
def test_the_database_filters_agree_with_state_at(make_notice, offset):
    make_notice(headline="open", starts=START, now=START)
    make_notice(headline="ended", starts=START, ends=END, now=START)
    make_notice(headline="later", starts=START + timedelta(hours=3), now=START)
    now = START + offset
    by_filter = {
        State.PLANNED: set(Notice.objects.planned(now).values_list("headline", flat=True)),
        State.ONGOING: set(Notice.objects.ongoing(now).values_list("headline", flat=True)),
        State.RESOLVED: set(Notice.objects.resolved(now).values_list("headline", flat=True)),
    }
    for item in Notice.objects.all():
        state = item.state_at(now)
        assert item.headline in by_filter[state], (item.headline, state)
        others = [s for s in by_filter if s != state]
        assert all(item.headline not in by_filter[s] for s in others)


def test_an_end_before_the_start_is_refused_with_a_message_naming_the_field():
    with pytest.raises(ValidationError) as caught:
        notice(START, ended_at=START - SECOND, expected_end_at=START - SECOND).clean()
    assert set(caught.value.message_dict) == {"ended_at", "expected_end_at"}
