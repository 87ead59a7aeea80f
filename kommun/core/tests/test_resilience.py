"""
The background processes through a dependency's fault: the tasks worker through a lost
database, the notifier's rate limit through a stopped Redis.
"""

import logging

import pytest
from django.core.cache import caches
from django.db import OperationalError
from django_tasks_db.management.commands import db_worker

from kommun.core.management.commands.tasks_worker import ResilientWorker


def make_worker():
    return ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


def test_the_tasks_worker_takes_up_its_work_again_after_the_database_returns(
    monkeypatch, caplog, db
):
    runs = []

    def library_run(worker):
        # django-tasks-db's own loop re-raises a lost connection: the process would end.
        runs.append(worker.worker_id)
        if len(runs) == 1:
            raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(db_worker.Worker, "run", library_run)
    caplog.set_level(logging.WARNING, logger="kommun")

    make_worker().run()  # returns only when the library's loop did

    assert len(runs) == 2
    said = [record.getMessage() for record in caplog.records]
    assert sum("failed since" in line for line in said) == 1
    assert any("works again" in line for line in said)


def test_a_stopped_worker_does_not_start_again(monkeypatch, db):
    worker = make_worker()

    def library_run(worker):
        worker.running = False  # SIGTERM arrived while the database was away
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(db_worker.Worker, "run", library_run)
    worker.run()
    assert worker.running is False


@pytest.fixture
def stopped_redis(settings):
    # Nothing listens on port 1: every call is refused, as when Redis is down.
    settings.CACHES = {
        "default": {
            "BACKEND": "kommun.core.cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    return caches["default"]


def test_a_counter_in_a_stopped_redis_counts_from_zero_instead_of_failing(stopped_redis):
    # The channels' rate limits count with incr: sending must not stop with Redis.
    assert stopped_redis.incr("alerts:rate:email:1") == 1
