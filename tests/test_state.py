"""The state store, re-check policy, feed-file recovery, lock, state pipeline and middleware."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.exporters import JsonLinesItemExporter
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from ukrinform_crawler.feeds import FeedDirFile, recover_part
from ukrinform_crawler.items import Article
from ukrinform_crawler.lock import LockHeld, RunLock
from ukrinform_crawler.middlewares import KNOWN_PAGES, KnownArticlesMiddleware
from ukrinform_crawler.pipelines.state import StatePipeline
from ukrinform_crawler.report import Outcome, RunTally, judge
from ukrinform_crawler.state import (
    ArticleState,
    Export,
    RecheckPolicy,
    StateStore,
    UnchangedArticle,
    content_hash,
    keeps_line,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
STATE_SETTINGS = {
    "UKRINFORM_MAX_ERROR_RATE": 0.05,
    "UKRINFORM_STATE_PATH": "unused.sqlite",
    "UKRINFORM_FRESHNESS_HOURS": 48,
    "UKRINFORM_RECHECK_MIN_MINUTES": 30,
    "UKRINFORM_OVERLAP_PAGES": 1,
}


def article(article_id: int, body: str = "Body text.", **fields: Any) -> Article:
    return Article(
        id=article_id,
        url=f"https://www.ukrinform.net/rubric-polytics/{article_id}-slug.html",
        title=f"Title {article_id}",
        body=body,
        published_at="2026-11-20T12:00:00+02:00",
        scraped_at="2026-11-25T12:00:00+00:00",
        **fields,
    )


def feed_line(item: Any) -> bytes:
    """One record as Scrapy's JSON lines exporter writes it with FEED_EXPORT_ENCODING utf-8."""
    buffer = io.BytesIO()
    JsonLinesItemExporter(buffer, encoding="utf-8").export_item(item)
    return buffer.getvalue()


def export(
    article_id: int,
    version: int = 1,
    to: str = "a.jsonl",
    digest: str = "h",
    published: str | None = "2026-11-01T10:00:00+02:00",
) -> Export:
    return Export(article_id, f"https://x/{article_id}", version, digest, to, published)


@pytest.fixture
def store(tmp_path: Path) -> StateStore:
    with StateStore(tmp_path / "state" / "state.sqlite") as opened:
        yield opened


# --- store -------------------------------------------------------------------------------------


def test_store_is_a_wal_sqlite_file_with_one_row_per_article(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "state.sqlite"
    with StateStore(path) as store:
        store.seen(1, "https://x/1", NOW)
        store.seen(1, "https://x/1", NOW + timedelta(hours=1))
        store.record_fetch(1, "https://x/1", NOW + timedelta(hours=2))
        store.record_exports([export(1)], NOW + timedelta(hours=2))
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    with StateStore(path) as store:
        state = store.get(1)
    assert state is not None
    assert state.first_seen == NOW
    assert state.last_fetched == NOW + timedelta(hours=2)
    assert (state.version, state.exported_to, state.content_hash) == (1, "a.jsonl", "h")
    assert state.exported


def test_export_never_goes_back_to_an_older_version(store: StateStore) -> None:
    store.record_exports([export(7, 2, "b.jsonl", "h2")], NOW)
    store.record_exports([export(7, 1, "a.jsonl", "h1")], NOW)
    state = store.get(7)
    assert state is not None
    assert (state.version, state.exported_to, state.content_hash) == (2, "b.jsonl", "h2")
    store.record_exports([export(7, 3, "c.jsonl", "h3")], NOW)
    assert store.get(7).version == 3  # type: ignore[union-attr]


def test_failures_are_remembered_and_cleared_by_an_export(store: StateStore) -> None:
    store.record_failure(5, "https://x/5", "http_503", NOW)
    store.record_failure(5, "https://x/5", "no_article_markup", NOW)
    state = store.get(5)
    assert state is not None
    assert (state.failures, state.fail_reason, state.exported) == (2, "no_article_markup", False)
    assert store.counts() == {"articles": 1, "exported": 0, "failing": 1}
    store.record_exports([export(5)], NOW)
    state = store.get(5)
    assert state is not None
    assert (state.failures, state.fail_reason, state.exported) == (0, None, True)


def test_failed_articles_to_retry_are_unexported_and_below_the_run_limit(
    store: StateStore,
) -> None:
    for article_id, failures in ((1, 1), (2, 3), (3, 2), (4, 1)):
        for _ in range(failures):
            store.record_failure(article_id, f"https://x/{article_id}", "http_503", NOW)
    store.record_failure(5, "https://x/5", "http_503", NOW + timedelta(minutes=1))
    store.record_exports([export(4)], NOW)  # exported after its failure: nothing to retry
    store.seen(6, "https://x/6", NOW)  # listed, never failed
    assert store.failed_articles(10, 3) == [
        (5, "https://x/5"),
        (3, "https://x/3"),
        (1, "https://x/1"),
    ]
    assert store.failed_articles(2, 3) == [(5, "https://x/5"), (3, "https://x/3")]
    assert [article_id for article_id, _ in store.failed_articles(10, 4)] == [5, 3, 2, 1]


def test_walks_remember_whether_the_last_run_succeeded(store: StateStore) -> None:
    assert not store.begin_walk("w", NOW)
    assert not store.walk_finished_before("w")  # killed here: next run walks in full
    store.finish_walk("w", NOW, "finished", succeeded=True)
    assert store.begin_walk("w", NOW)
    assert store.early_stop_allowed
    store.finish_walk("w", NOW, "shutdown", succeeded=False)
    assert not store.walk_finished_before("w")
    store.begin_walk("w", NOW)
    store.finish_walk("w", NOW, "finished", succeeded=False)  # finished, but the run failed
    assert not store.begin_walk("w", NOW)


def test_pending_exports_count_only_once_promoted(store: StateStore) -> None:
    store.add_pending(export(1), "run-a")
    store.add_pending(export(2), "run-a")
    store.add_pending(export(3), "run-b")
    assert store.get(1) is None
    assert store.promote_pending("run-a", NOW) == 2
    assert store.get(1).exported  # type: ignore[union-attr]
    assert store.get(2).exported  # type: ignore[union-attr]
    assert store.get(3) is None
    assert store.drop_pending() == 1
    assert store.promote_pending("run-b", NOW) == 0
    assert store.get(3) is None


def test_known_means_delivered_or_failed_with_a_record(store: StateStore) -> None:
    store.seen(1, "https://x/1", NOW)
    store.record_exports([export(2)], NOW)
    store.record_failure(3, "https://x/3", "http_503", NOW)
    assert not store.get(1).known  # type: ignore[union-attr]  # listed only
    assert store.get(2).known  # type: ignore[union-attr]
    assert store.get(3).known  # type: ignore[union-attr]


def test_run_tallies_are_kept_per_edition_newest_first(store: StateStore) -> None:
    for hour, items in enumerate([10, 20, 30]):
        store.record_run(NOW + timedelta(hours=hour), "en", "ukrinform", 0, {"items": items})
    store.record_run(NOW, "uk", "ukrinform", 0, {"items": 99})
    assert [run["items"] for run in store.recent_runs("en", 2)] == [30, 20]
    assert [run["items"] for run in store.recent_runs("uk", 10)] == [99]


# --- policy ------------------------------------------------------------------------------------


def exported_state(**fields: Any) -> ArticleState:
    values: dict[str, Any] = {
        "id": 1,
        "url": "u",
        "first_seen": NOW,
        "last_fetched": NOW,
        "version": 1,
        "content_hash": "h",
    }
    values.update(fields)
    return ArticleState(**values)


def test_policy_fetches_new_and_failed_articles_only() -> None:
    policy = RecheckPolicy()
    assert policy.needs_fetch(None, NOW)
    assert policy.needs_fetch(exported_state(version=0, fail_reason="http_503"), NOW)
    old = exported_state(published_at=NOW - timedelta(days=5))
    assert not policy.needs_fetch(old, NOW + timedelta(days=3))


def test_recheck_intervals_double_inside_the_freshness_window() -> None:
    policy = RecheckPolicy(freshness=timedelta(hours=48), minimum=timedelta(minutes=30))
    state = exported_state(published_at=NOW)
    assert not policy.is_due(state, NOW + timedelta(minutes=29))
    assert policy.is_due(state, NOW + timedelta(minutes=30))
    # fetched again 2 h after first sight: next due 2 h later, not 30 min
    later = exported_state(published_at=NOW, last_fetched=NOW + timedelta(hours=2))
    assert not policy.is_due(later, NOW + timedelta(hours=3))
    assert policy.is_due(later, NOW + timedelta(hours=4))
    # outside the window: never again
    assert not policy.is_due(later, NOW + timedelta(hours=49))


def test_freshness_counts_from_first_sight_without_a_publication_time() -> None:
    policy = RecheckPolicy()
    state = exported_state(first_seen=NOW, last_fetched=NOW)
    assert policy.is_due(state, NOW + timedelta(hours=1))
    assert not policy.is_due(state, NOW + timedelta(hours=49))


def test_content_hash_covers_content_fields_only() -> None:
    record = asdict(article(1))
    assert content_hash(record) == content_hash({**record, "scraped_at": "x", "body_html": "y"})
    assert content_hash(record) == content_hash({**record, "version": 9})
    assert content_hash(record) != content_hash({**record, "body": "Edited."})
    assert content_hash(record) != content_hash({**record, "tags": ["War"]})
    assert content_hash(record) == content_hash(json.loads(feed_line(article(1))))


def test_keeps_line_drops_copies_of_recorded_exports() -> None:
    assert keeps_line(None, 1, "a.jsonl")
    assert keeps_line(exported_state(version=0), 1, "a.jsonl")
    assert keeps_line(exported_state(version=1, exported_to="a.jsonl"), 1, "a.jsonl")
    assert not keeps_line(exported_state(version=1, exported_to="b.jsonl"), 1, "a.jsonl")
    assert not keeps_line(exported_state(version=2, exported_to="a.jsonl"), 1, "a.jsonl")
    assert keeps_line(exported_state(version=1, exported_to="b.jsonl"), 2, "a.jsonl")


# --- feed files and recovery -------------------------------------------------------------------


def test_feed_line_is_utf8_json_in_article_field_order() -> None:
    line = feed_line(article(3, body="Київ — «так»"))
    assert line.endswith(b"\n")
    assert line.count(b"\n") == 1
    assert "Київ — «так»".encode() in line
    assert list(json.loads(line))[:3] == ["id", "version", "url"]


def test_feed_file_is_named_by_edition_and_time_and_never_reuses_a_name(
    tmp_path: Path, store: StateStore
) -> None:
    tmp_path = tmp_path / "feeds"
    tmp_path.mkdir()
    started = datetime(2026, 11, 25, 1, 2, 3, tzinfo=UTC).timestamp()
    first = FeedDirFile(tmp_path, "en", started, store)
    assert first.part.name == "en-20261125T010203Z.jsonl.part"
    assert first.finish() is None  # no record: no file
    assert not list(tmp_path.iterdir())
    first.write(article(1))
    assert first.part.exists()
    assert store.owns_feed_file(first.final.name)
    second = FeedDirFile(tmp_path, "en", started, store)
    assert second.final.name == "en-20261125T010203Z-2.jsonl"
    assert first.finish() == first.final
    assert first.final.read_bytes() == feed_line(article(1))
    assert not first.part.exists()


def test_feed_file_records_exports_only_after_syncing_them(
    tmp_path: Path, store: StateStore
) -> None:
    feed = FeedDirFile(tmp_path, "en", NOW.timestamp(), store, batch_size=2, batch_seconds=3600)
    feed.write(article(1))
    assert feed.part.read_bytes() == feed_line(article(1)), "each line reaches the file at once"
    assert store.get(1) is None, "recorded only in a synced batch"
    feed.write(article(2))
    assert store.get(1).exported_to == feed.final.name  # type: ignore[union-attr]
    feed.write(article(3))
    assert store.get(3) is None
    assert feed.finish(rename=False) is None
    assert store.get(3).exported  # type: ignore[union-attr]  # synced and recorded at the end
    assert feed.part.exists(), "a failed run leaves its .part for the next run's recovery"


def write_part(path: Path, records: list[Article], tail: bytes = b"") -> None:
    path.write_bytes(b"".join(feed_line(record) for record in records) + tail)


def test_recovery_keeps_complete_lines_and_drops_a_partial_last_line(
    tmp_path: Path, store: StateStore
) -> None:
    part = tmp_path / "en-20261125T000000Z.jsonl.part"
    records = [article(1), article(2), article(3)]
    write_part(part, records, tail=feed_line(article(4))[:37])
    store.record_exports([export(1, to="en-20261125T000000Z.jsonl")], NOW)  # 2, 3 not recorded
    recovered = recover_part(part, store)
    final = tmp_path / "en-20261125T000000Z.jsonl"
    assert (recovered.final, recovered.kept, recovered.dropped) == (final, 3, 1)
    assert not part.exists()
    lines = final.read_bytes().splitlines(keepends=True)
    assert [json.loads(line)["id"] for line in lines] == [1, 2, 3]
    assert all(line.endswith(b"\n") for line in lines)
    for article_id in (1, 2, 3):
        state = store.get(article_id)
        assert state is not None
        assert (state.version, state.exported_to) == (1, final.name)
        assert state.content_hash == content_hash(asdict(article(article_id)))
    assert store.get(4) is None


def test_recovery_is_idempotent_after_a_kill_between_record_and_rename(
    tmp_path: Path, store: StateStore
) -> None:
    part = tmp_path / "en-x.jsonl.part"
    write_part(part, [article(1), article(2)], tail=b'{"id": 3, "ti')
    content = part.read_bytes()
    recover_part(part, store)
    # as if killed after recording and before the rename: the part is there again, cut already
    final = tmp_path / "en-x.jsonl"
    final.replace(part)
    assert part.read_bytes() == content[: content.rindex(b"\n") + 1]
    recovered = recover_part(part, store)
    assert (recovered.kept, recovered.dropped) == (2, 0)
    assert [json.loads(line)["id"] for line in final.read_bytes().splitlines()] == [1, 2]


def test_recovery_drops_broken_and_duplicate_lines_and_empty_parts(
    tmp_path: Path, store: StateStore
) -> None:
    store.record_exports([export(2, to="older.jsonl")], NOW)
    part = tmp_path / "en-y.jsonl.part"
    part.write_bytes(
        feed_line(article(1))
        + b"not json\n"
        + feed_line(article(2))  # exported before in another file
        + feed_line(article(1))  # repeated
        + feed_line(article(3))
    )
    recovered = recover_part(part, store)
    assert (recovered.kept, recovered.dropped) == (2, 3)
    final = tmp_path / "en-y.jsonl"
    assert [json.loads(line)["id"] for line in final.read_bytes().splitlines()] == [1, 3]
    empty = tmp_path / "en-z.jsonl.part"
    empty.write_bytes(b'{"id": 9, "tit')
    assert recover_part(empty, store).final is None
    assert not empty.exists()
    assert not (tmp_path / "en-z.jsonl").exists()


# --- lock --------------------------------------------------------------------------------------


def test_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite.lock"
    first = RunLock(path)
    first.acquire()
    with pytest.raises(LockHeld) as held:
        RunLock(path).acquire()
    assert "pid" in held.value.holder
    first.release()
    assert not path.exists(), "a released lock leaves no file behind"
    again = RunLock(path)
    again.acquire()
    again.release()


def test_lock_dies_with_its_holder(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite.lock"
    code = (
        "import time; from pathlib import Path; from ukrinform_crawler.lock import RunLock;"
        f" RunLock(Path({str(path)!r})).acquire(); print('held', flush=True); time.sleep(60)"
    )
    with subprocess.Popen(  # noqa: S603  # our interpreter
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parent.parent,
    ) as holder:
        try:
            assert holder.stdout is not None
            assert holder.stdout.readline().strip() == b"held"
            with pytest.raises(LockHeld):
                RunLock(path).acquire()
        finally:
            holder.kill()
    lock = RunLock(path)
    lock.acquire()
    lock.release()


# --- pipeline ----------------------------------------------------------------------------------


@pytest.fixture
def crawler_stats() -> Any:
    from scrapy.statscollectors import MemoryStatsCollector

    crawler = get_crawler(settings_dict=STATE_SETTINGS)
    crawler.stats = MemoryStatsCollector(crawler)
    return crawler


def test_pipeline_versions_new_changed_and_drops_unchanged(
    store: StateStore, crawler_stats: Any
) -> None:
    pipeline = StatePipeline(crawler_stats, store)
    first = pipeline.process_item(article(1))
    assert first.version == 1
    store.record_exports([Export(1, first.url, 1, content_hash(asdict(first)), "a.jsonl")], NOW)
    with pytest.raises(UnchangedArticle) as dropped:
        pipeline.process_item(article(1))
    assert dropped.value.log_level == "DEBUG"
    edited = pipeline.process_item(article(1, body="Edited body."))
    assert edited.version == 2
    stats = crawler_stats.stats.get_stats()
    assert stats["ukrinform/state/new"] == 1
    assert stats["ukrinform/state/unchanged"] == 1
    assert stats["ukrinform/state/updated"] == 1
    assert store.get(1).last_fetched is not None  # type: ignore[union-attr]


def test_state_components_are_off_without_a_state_path() -> None:
    from scrapy.exceptions import NotConfigured

    crawler = get_crawler(settings_dict={"UKRINFORM_STATE_PATH": ""})
    with pytest.raises(NotConfigured):
        StatePipeline.from_crawler(crawler)
    with pytest.raises(NotConfigured):
        KnownArticlesMiddleware.from_crawler(crawler)


# --- middleware --------------------------------------------------------------------------------


def listing_output(ids: list[int], known_pages: int = 0) -> tuple[HtmlResponse, list[Request]]:
    request = Request("http://127.0.0.1/block-lastnews?page=2", meta={KNOWN_PAGES: known_pages})
    response = HtmlResponse(request.url, body=b"<html></html>", request=request)
    output = [
        Request(f"http://127.0.0.1/rubric-polytics/{i}-s.html", meta={"ukrinform_article_id": i})
        for i in ids
    ]
    output.append(
        Request("http://127.0.0.1/block-lastnews?page=3", meta={"ukrinform_next_page": True})
    )
    return response, output


def middleware(
    store: StateStore, crawler: Any, *, early_stop: bool = True
) -> KnownArticlesMiddleware:
    store.early_stop_allowed = early_stop
    return KnownArticlesMiddleware(crawler, store, RecheckPolicy(), overlap=1)


def test_middleware_skips_exported_articles_and_counts_known_pages(
    store: StateStore, crawler_stats: Any
) -> None:
    store.record_exports([export(1), export(2)], NOW)
    mw = middleware(store, crawler_stats)
    response, output = listing_output([1, 2, 3])
    kept = list(mw.process_spider_output(response, output))
    assert [r.meta.get("ukrinform_article_id") for r in kept] == [3, None]
    assert kept[-1].meta[KNOWN_PAGES] == 0
    response, output = listing_output([1, 2], known_pages=0)
    kept = list(mw.process_spider_output(response, output))
    assert len(kept) == 1
    assert kept[0].meta[KNOWN_PAGES] == 1  # one all-known page: within the overlap margin
    response, output = listing_output([1, 2], known_pages=1)
    assert list(mw.process_spider_output(response, output)) == []  # second in a row: stop
    stats = crawler_stats.stats.get_stats()
    assert stats["ukrinform/state/skipped_known"] == 6
    assert stats["ukrinform/state/early_stop"] == 1


def test_middleware_walks_on_when_the_last_run_did_not_finish(
    store: StateStore, crawler_stats: Any
) -> None:
    store.record_exports([export(1), export(2)], NOW)
    mw = middleware(store, crawler_stats, early_stop=False)
    response, output = listing_output([1, 2], known_pages=5)
    kept = list(mw.process_spider_output(response, output))
    assert [r.meta.get("ukrinform_next_page") for r in kept] == [True]


def test_middleware_lets_due_rechecks_through(store: StateStore, crawler_stats: Any) -> None:
    now = datetime.now(UTC)
    store.seen(1, "https://x/1", now - timedelta(hours=3))
    store.record_exports([export(1, published=None)], now - timedelta(hours=3))
    mw = middleware(store, crawler_stats)
    response, output = listing_output([1])
    kept = list(mw.process_spider_output(response, output))
    assert [r.meta.get("ukrinform_article_id") for r in kept] == [1, None]
    assert kept[-1].meta[KNOWN_PAGES] == 1
    assert crawler_stats.stats.get_value("ukrinform/state/recheck") == 1


# --- run outcome -------------------------------------------------------------------------------


def judged(tally: RunTally, reason: str = "finished", **kwargs: Any) -> Outcome:
    options: dict[str, Any] = {
        "spider_errors": 0,
        "max_error_rate": 0.05,
        "output_errors": [],
        "drift": [],
    }
    options.update(kwargs)
    return judge(tally, reason, **options)


def test_run_outcome_exit_codes() -> None:
    tally = RunTally(pages=40)
    tally.counts["new"] = 20
    assert judged(tally) == Outcome(0, [])
    assert judged(tally, "shutdown") == Outcome(1, ["close reason shutdown"])
    tally.counts["failed"] = 2  # 2 / 40 = 0.05: not over the threshold
    assert judged(tally).exit_code == 0
    assert judged(tally, spider_errors=1) == Outcome(1, ["error rate 0.075 over 0.05"])
    assert judged(tally, output_errors=["/x: Read-only file system"]).problems == [
        "output not written: /x: Read-only file system"
    ]
    assert judged(tally, drift=["tags in 0% of 40 records"]).exit_code == 1
    assert "no page fetched" in judged(RunTally()).problems


def test_listed_articles_fail_the_run_only_when_none_is_settled() -> None:
    idle = RunTally(pages=3, listed_new={1, 2})
    assert "no article emitted while 2 new articles were listed" in judged(idle).problems
    idle.settled = {1, 2}  # fetched and found outside the window, or failed (counted as such)
    assert judged(idle) == Outcome(0, [])
