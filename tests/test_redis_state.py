"""The Redis state store against a real redis-server: the SQLite store's tests where the two
behave alike (imported below, run here with the Redis ``store`` fixture), and what is its own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.test_state import (
    NOW,
    export,
    test_export_never_goes_back_to_an_older_version,
    test_failed_articles_to_retry_are_unexported_and_below_the_run_limit,
    test_failures_are_remembered_and_cleared_by_an_export,
    test_known_means_delivered_or_failed_with_a_record,
    test_run_tallies_are_kept_per_edition_newest_first,
    test_walks_remember_whether_the_last_run_succeeded,
)
from ukrinform_crawler.distributed.keys import JobKeys
from ukrinform_crawler.distributed.store import RedisStateStore
from ukrinform_crawler.state import Store, StoreError

SHARED_WITH_SQLITE = (
    test_export_never_goes_back_to_an_older_version,
    test_failed_articles_to_retry_are_unexported_and_below_the_run_limit,
    test_failures_are_remembered_and_cleared_by_an_export,
    test_known_means_delivered_or_failed_with_a_record,
    test_run_tallies_are_kept_per_edition_newest_first,
    test_walks_remember_whether_the_last_run_succeeded,
)


@pytest.fixture
def store(redis_url: str) -> Iterator[RedisStateStore]:
    opened = RedisStateStore(redis_url, "en", "worker-a").open()
    yield opened
    opened.close()


def test_the_redis_store_is_a_store(store: RedisStateStore) -> None:
    typed: Store = store
    assert typed.is_open
    assert "redis://127.0.0.1:" in typed.location


def test_pending_exports_of_other_runs_are_never_dropped_wholesale(store: RedisStateStore) -> None:
    store.add_pending(export(1), "run-a")
    store.add_pending(export(2), "run-b")
    assert store.drop_pending() == 0  # other workers' -o runs may be live
    assert store.promote_pending("run-a", NOW) == 1
    assert store.get(1).exported  # type: ignore[union-attr]
    assert store.drop_pending("run-b") == 1
    assert store.get(2) is None


def test_a_walk_is_finished_only_when_every_worker_of_its_run_succeeded(
    store: RedisStateStore, redis_url: str
) -> None:
    job = JobKeys.of("en", "w")
    server = store.server
    server.set(job.key("epoch"), "1")
    other = RedisStateStore(redis_url, "en", "worker-b").open()
    assert not store.begin_walk("w", NOW)
    assert not other.begin_walk("w", NOW)  # joins the same run
    other.finish_walk("w", NOW, "redis_error", succeeded=False)
    store.finish_walk("w", NOW, "finished", succeeded=True)
    assert not store.walk_finished_before("w")
    server.set(job.key("epoch"), "2")  # the next run of the job
    assert not store.begin_walk("w", NOW)
    other.begin_walk("w", NOW)
    store.finish_walk("w", NOW, "finished", succeeded=True)
    other.finish_walk("w", NOW, "finished", succeeded=True)
    assert store.walk_finished_before("w")
    server.set(job.key("epoch"), "3")
    assert store.begin_walk("w", NOW + timedelta(hours=1))
    server.hset(job.key("walk"), "failed", "3")  # a lease expired in this run: a worker died
    store.finish_walk("w", NOW, "finished", succeeded=True)
    assert not store.walk_finished_before("w")


def test_feed_files_are_registered_with_their_folder_and_job_run(
    store: RedisStateStore, tmp_path: Path
) -> None:
    store.server.set(JobKeys.of("en", "w").key("epoch"), "5")
    store.begin_walk("w", NOW)
    store.register_feed_file("en-x-worker-a.jsonl", NOW, tmp_path)
    assert store.owns_feed_file("en-x-worker-a.jsonl")
    (record,) = store.feed_files()
    assert (record.folder, record.worker, record.epoch) == (str(tmp_path), "worker-a", "5")
    assert store.epoch_active(record.job or "", record.epoch)
    store.finish_feed_file("en-x-worker-a.jsonl", NOW)
    assert store.feed_files() == []


def test_redis_errors_are_store_errors(tmp_path: Path) -> None:
    from tests.redis_server import free_port

    down = RedisStateStore(f"redis://127.0.0.1:{free_port()}/0", "en", "w", retries=0)
    with pytest.raises(StoreError, match="connection refused"):
        down.get(1)
