"""Olle's control system reuses its order numbers as Idempotency-Keys, a year apart."""

from datetime import timedelta

from django.utils import timezone

from kommun.api.models import IdempotentRequest
from kommun.disruptions.models import Notice

from .conftest import WATER_LEAK


def age(hours):
    IdempotentRequest.objects.update(created_at=timezone.now() - timedelta(hours=hours))


def test_a_key_is_replayed_within_a_day_and_free_again_after(olle, settings):
    settings.IDEMPOTENCY_KEY_HOURS = 24
    olle.post("/notices", WATER_LEAK, key="order-4711")
    age(23)
    assert olle.post("/notices", WATER_LEAK, key="order-4711")["Idempotent-Replayed"] == "true"
    age(25)
    later = olle.post("/notices", WATER_LEAK | {"headline": "Ny läcka"}, key="order-4711")
    assert later.status_code == 201 and "Idempotent-Replayed" not in later
    assert Notice.objects.count() == 2
    assert IdempotentRequest.objects.count() == 1


def test_old_answers_are_purged_on_the_next_keyed_write(olle):
    for n in range(3):
        olle.post("/notices", WATER_LEAK | {"headline": f"Läcka {n}"}, key=f"old-{n}")
    age(48)
    olle.post("/notices", WATER_LEAK, key="new")
    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["new"]
