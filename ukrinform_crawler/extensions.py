"""The run extension: wires one crawl's lock, state, output, outcome and console to its signals.

Delivery comes before bookkeeping: an article is recorded as exported only once its line is
durably in the output the user asked for. In feed-dir mode (a state and no ``-o``/``-O``) that is
after the ``fsync`` of its line (``feeds.FeedDirFile``); with ``-o``/``-O`` it is when Scrapy's
feed exporter has stored every feed without error (the ``feed_exporter_closed`` signal): until
then the records wait in the state's ``pending_exports``. When the output fails the run stops
fetching at once, records nothing more and exits 1.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Self

from itemadapter import ItemAdapter
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.extensions.feedexport import FeedExporter
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro

from ukrinform_crawler import signals as ukrinform_signals
from ukrinform_crawler.console import Progress, elapsed
from ukrinform_crawler.drift import BASELINE_RUNS, FieldCoverage, drift_problems
from ukrinform_crawler.feeds import (
    PART_SUFFIX,
    FeedDirFile,
    FeedOutputError,
    Recovered,
    export_of,
    local_path,
    recover_part,
    unwritable_reason,
)
from ukrinform_crawler.lock import LockHeld, RunLock
from ukrinform_crawler.report import (
    EXIT_FAILED,
    EXIT_LOCKED,
    EXIT_OK,
    Outcome,
    RunTally,
    build_report,
    judge,
    summary_line,
    write_report,
)
from ukrinform_crawler.state import (
    StateStore,
    Store,
    StoreError,
    UnchangedArticle,
    search_window_key,
    utcnow,
)

logger = logging.getLogger(__name__)


def walk_key(spider: Spider) -> str:
    """Identifies a discovery walk: the spider and its argument values."""
    parts: dict[str, str] = {"spider": spider.name}
    for name, value in sorted(vars(spider).items()):
        if name.startswith("_") or name.startswith("progress"):
            continue
        if isinstance(value, str | int | float | bool) or (
            is_dataclass(value) and not isinstance(value, type)
        ):
            parts[name] = str(value)
    return json.dumps(parts, sort_keys=True)


def make_store(crawler: Crawler) -> Store | None:
    """The run's state store from the settings: Redis with ``UKRINFORM_REDIS_URL`` (shared by the
    workers of a distributed job), SQLite with ``UKRINFORM_STATE_PATH``, else none."""
    settings = crawler.settings
    if redis_url := settings.get("UKRINFORM_REDIS_URL"):
        from ukrinform_crawler.distributed.keys import new_worker_id
        from ukrinform_crawler.distributed.store import RedisStateStore

        spider = crawler.spider
        edition = str(getattr(spider, "edition", "") or getattr(spider, "name", "") or "default")
        return RedisStateStore(str(redis_url), edition, new_worker_id())
    if state_path := settings.get("UKRINFORM_STATE_PATH"):
        return StateStore(Path(state_path))
    return None


def state_enabled(crawler: Crawler) -> bool:
    return bool(
        crawler.settings.get("UKRINFORM_STATE_PATH") or crawler.settings.get("UKRINFORM_REDIS_URL")
    )


class RunExtension:
    """Owns a run: lock, state store, output delivery, tallies, report, summary and exit code.

    ``exit_code`` after the run follows ``report.judge``; 75 when another run holds the lock.
    The state store is created here (``make_store``) and handed to the state pipeline and
    middleware (``RunExtension.store_of``); it is opened when the spider opens. With a Redis state
    (distributed mode) no lock is taken: the workers of a job share the state and may share the
    feed dir, each writing its own feed files.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.store = make_store(crawler)
        self.feed_dir = Path(settings.get("UKRINFORM_FEED_DIR") or "feeds")
        self.feeds = [str(uri) for uri in settings.getdict("FEEDS")]
        self.max_error_rate = settings.getfloat("UKRINFORM_MAX_ERROR_RATE")
        self.locks: list[RunLock] = []
        self.feed: FeedDirFile | None = None
        self.walk: str | None = None
        self.run_id = f"{time.time():.6f}"
        self.locked = False
        self.started = time.time()
        self.tally = RunTally()
        self.coverage = FieldCoverage()
        self.output_errors: list[str] = []
        self.feeds_closed = asyncio.Event()
        self.exit_code = EXIT_OK
        self.report: dict[str, Any] | None = None
        self.summary: str | None = None
        self.summary_logged = False
        self.progress: Progress | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        extension = cls(crawler)
        connect = crawler.signals.connect
        connect(extension.spider_opened, signal=signals.spider_opened)
        connect(extension.spider_closed, signal=signals.spider_closed)
        connect(extension.engine_stopped, signal=signals.engine_stopped)
        connect(extension.response_received, signal=signals.response_received)
        connect(extension.item_scraped, signal=signals.item_scraped)
        connect(extension.item_dropped, signal=signals.item_dropped)
        connect(extension.item_error, signal=signals.item_error)
        connect(extension.feed_exporter_closed, signal=signals.feed_exporter_closed)
        connect(extension.feed_output_failed, signal=ukrinform_signals.feed_output_failed)
        connect(extension.article_listed, signal=ukrinform_signals.article_listed)
        connect(extension.article_failed, signal=ukrinform_signals.article_failed)
        connect(extension.article_outside_window, signal=ukrinform_signals.article_outside_window)
        connect(extension.search_window_done, signal=ukrinform_signals.search_window_done)
        return extension

    @staticmethod
    def store_of(crawler: Crawler) -> Store | None:
        """The run's state store (None without a state), for the state pipeline and middleware."""
        if not state_enabled(crawler):
            return None
        run = crawler.get_extension(RunExtension)
        if run is None:
            raise RuntimeError("the ukrinform state needs RunExtension in EXTENSIONS")
        return run.store

    @property
    def feed_dir_mode(self) -> bool:
        """State on and no FEEDS: this extension writes the run's feed file."""
        return self.store is not None and not self.feeds

    # -- opening ---------------------------------------------------------------------------

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.time()
        for uri in self.feeds:
            path = local_path(uri)
            if path is not None and (why := unwritable_reason(path)):
                self.output_failed(f"{path}: {why}", stop=False)
                raise CloseSpider("output_error")  # before any request
        if self.store is not None:
            self.open_state(spider, self.store)
        if Progress.wanted():
            self.progress = Progress(self.describe)
            self.progress.start()

    @property
    def distributed(self) -> bool:
        return self.store is not None and not isinstance(self.store, StateStore)

    def open_state(self, spider: Spider, store: Store) -> None:
        lock_paths: list[Path] = []
        if isinstance(store, StateStore):
            lock_paths.append(store.path.with_name(store.path.name + ".lock"))
            if self.feed_dir_mode:
                lock_paths.append(self.feed_dir / ".lock")
        try:
            for path in lock_paths:
                lock = RunLock(path)
                lock.acquire()
                self.locks.append(lock)
        except LockHeld as held:
            self.release()
            self.locked = True
            self.exit_code = EXIT_LOCKED
            logger.error(
                "Another run is using this state (lock %s held by %s); exiting without crawling",
                held.path,
                held.holder or "another process",
            )
            raise CloseSpider("locked") from None
        except OSError as error:
            self.release()
            logger.error("Cannot lock %s: %s", path, error.strerror or error)
            raise CloseSpider("state_error") from None
        try:
            store.open()
            self.walk = walk_key(spider)
            early_stop_allowed = store.begin_walk(self.walk, utcnow())
            if dropped := store.drop_pending():
                logger.info("%d records of an interrupted -o/-O run were never stored", dropped)
        except (OSError, sqlite3.Error, RuntimeError, StoreError) as error:
            self.release()
            logger.error("Cannot open the state %s: %s", store.location, error)
            raise CloseSpider("state_error") from None
        if not early_stop_allowed:
            logger.info("No successful run of this walk in the state: listings are walked in full")
        if self.feed_dir_mode:
            self.open_feed_dir(spider, store)

    def open_feed_dir(self, spider: Spider, store: Store) -> None:
        try:
            self.feed_dir.mkdir(parents=True, exist_ok=True)
            if self.distributed:
                self.recover_gone_workers(store)
            else:
                self.recover_parts(store)
        except (OSError, StoreError) as error:
            self.release()
            why = error.strerror if isinstance(error, OSError) else None
            logger.error("Cannot use the feed dir %s: %s", self.feed_dir, why or error)
            raise CloseSpider("output_error") from None
        edition = str(getattr(spider, "edition", None) or spider.name)
        worker = str(getattr(store, "worker", "")) or None
        self.feed = FeedDirFile(self.feed_dir, edition, self.started, store, worker=worker)

    def recover_parts(self, store: Store) -> None:
        """The ``.part`` files this state's interrupted runs left in the (locked) feed dir."""
        for part in sorted(self.feed_dir.glob(f"*.jsonl{PART_SUFFIX}")):
            if not store.owns_feed_file(part.name.removesuffix(PART_SUFFIX)):
                logger.warning("Leaving %s alone: another state's run wrote it", part)
                continue
            self.log_recovered(recover_part(part, store))

    def recover_gone_workers(self, store: Store) -> None:
        """Distributed: the feed files of the job runs that are over whose workers are gone."""
        from ukrinform_crawler.distributed.feeds import recover_gone_workers
        from ukrinform_crawler.distributed.store import RedisStateStore

        if isinstance(store, RedisStateStore):
            for recovered in recover_gone_workers(store):
                self.log_recovered(recovered, "a worker that is gone")

    def log_recovered(self, recovered: Recovered, origin: str = "an interrupted run") -> None:
        self.crawler.stats.inc_value("ukrinform/state/recovered_lines", recovered.kept)
        logger.warning(
            "Recovered %s from %s: %d complete lines kept, %d dropped",
            recovered.final or recovered.part,
            origin,
            recovered.kept,
            recovered.dropped,
        )

    # -- during the crawl --------------------------------------------------------------------

    def response_received(self, response: Response, request: Request) -> None:
        self.tally.pages += 1
        if (article_id := request.meta.get("ukrinform_article_id")) is not None:
            self.tally.article_pages += 1
            if self.distributed:
                self.tally.listed_new.add(int(article_id))

    def article_listed(
        self, article_id: int, url: str, channel: str, published_at: datetime | None
    ) -> None:
        if self.store is not None and self.store.is_open:
            now = utcnow()
            self.store.record_sighting(article_id, url, channel, published_at, now)
            state = self.store.get(article_id)
            if state is None:
                self.store.seen(article_id, url, now)
            elif state.known:
                return
        if not self.distributed:  # distributed: any worker may fetch it; see response_received
            self.tally.listed_new.add(article_id)

    def article_outside_window(self, article_id: int) -> None:
        self.tally.settled.add(article_id)

    def search_window_done(self, day: str, query: str, rubric: str | None, spider: Spider) -> None:
        if self.store is not None and self.store.is_open:
            edition = str(getattr(spider, "edition", ""))
            key = search_window_key(spider.name, edition, query, rubric, day)
            self.store.finish_window(key, day, utcnow())

    def item_scraped(self, item: Any) -> None:
        adapter = ItemAdapter(item)
        version = adapter.get("version") or 1
        self.tally.counts["new" if version == 1 else "updated"] += 1
        self.coverage.add(item)
        article_id = adapter.get("id")
        if isinstance(article_id, int):
            self.tally.settled.add(article_id)
        if self.output_errors or self.store is None or not isinstance(article_id, int):
            return
        try:
            if self.feed is not None:
                self.feed.write(item)
            else:
                export = export_of(adapter.asdict(), " ".join(self.feeds))
                self.store.add_pending(export, self.run_id)
        except FeedOutputError as error:
            self.output_failed(f"{error}")
        except (sqlite3.Error, StoreError) as error:
            self.output_failed(f"state {self.store.location}: {error}")

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        if isinstance(exception, UnchangedArticle):
            self.settle(item)
            return
        self.fail(item, f"dropped: {exception}")

    def item_error(self, item: Any, failure: Any) -> None:
        self.fail(item, f"parse_error: {getattr(failure, 'value', failure)!r}")

    def fail(self, item: Any, reason: str) -> None:
        adapter = ItemAdapter(item)
        kind = reason.split(":")[0]
        self.tally.counts["failed"] += 1
        self.tally.failure_reasons[kind] += 1
        self.crawler.stats.inc_value("ukrinform/articles/failed")
        self.crawler.stats.inc_value(f"ukrinform/articles/failed/{kind}")
        self.settle(item)
        article_id, url = adapter.get("id"), adapter.get("url")
        if self.store is not None and self.store.is_open and isinstance(article_id, int):
            self.store.record_failure(article_id, str(url or ""), reason, utcnow())

    def settle(self, item: Any) -> None:
        article_id = ItemAdapter(item).get("id")
        if isinstance(article_id, int):
            self.tally.settled.add(article_id)

    def article_failed(self, article_id: int, url: str, reason: str) -> None:
        self.tally.counts["failed"] += 1
        self.tally.failure_reasons[reason] += 1
        self.tally.settled.add(article_id)
        if self.store is not None and self.store.is_open:
            self.store.record_failure(article_id, url, reason, utcnow())

    def feed_output_failed(self, path: str, error: OSError) -> None:
        self.output_failed(f"{path}: {error.strerror or error}")

    def output_failed(self, message: str, *, stop: bool = True) -> None:
        """The output cannot be written: record nothing more and stop fetching at once."""
        first = not self.output_errors
        self.output_errors.append(message)
        self.crawler.stats.inc_value("ukrinform/output/errors")
        if not first:
            return
        logger.error("Cannot write the output %s; stopping the crawl", message)
        engine = self.crawler.engine
        if stop and engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason="output_error"))

    def record_written(self) -> bool:
        """Syncs the feed-dir file and records every line written so far in the state (the
        distributed worker does this before it releases a lease); False when the output or the
        state failed."""
        if self.output_errors:
            return False
        if self.feed is None or not self.feed.unrecorded:
            return True
        try:
            self.feed.sync()
        except FeedOutputError as error:
            self.output_failed(str(error))
            return False
        except (sqlite3.Error, StoreError) as error:
            self.output_failed(f"state {self.store_location}: {error}")
            return False
        return True

    def feed_exporter_closed(self) -> None:
        self.feeds_closed.set()

    def describe(self, seconds: float) -> str:
        """The progress line."""
        tally, spider = self.tally, self.crawler.spider
        rate = tally.pages / seconds if seconds else 0.0
        line = (
            f"{tally.pages} pages, {tally.article_pages} articles, {tally.counts['new']} new, "
            f"{tally.counts['failed']} failed, {rate:.1f} pages/s, {elapsed(seconds)}"
        )
        total = getattr(spider, "progress_total", None)
        if isinstance(total, int) and total > 0:
            line += f", days {getattr(spider, 'progress_done', 0)}/{total}"
        return line

    # -- closing ---------------------------------------------------------------------------

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.progress is not None:
            self.progress.stop()
        if self.locked:
            return
        if self.crawler.get_extension(FeedExporter) is not None:
            await self.feeds_closed.wait()
            self.settle_feeds()
        feed_path = self.finish_feed_dir_file()
        stats = self.crawler.stats.get_stats()
        no_markup = int(stats.get("ukrinform/articles/no_article_markup", 0))
        self.coverage.pages(self.tally.article_pages, no_markup)
        drift = self.drift(spider)
        outcome = judge(
            self.tally,
            reason,
            spider_errors=int(stats.get("spider_exceptions/count", 0)),
            max_error_rate=self.max_error_rate,
            output_errors=self.output_errors,
            drift=drift,
            shared_job=self.distributed,
        )
        self.exit_code = outcome.exit_code
        for name, count in self.coverage.tallies.items():
            self.crawler.stats.set_value(f"ukrinform/coverage/{name}", count)
        outputs = [str(feed_path)] if feed_path else list(self.feeds)
        self.report = build_report(
            spider=spider.name,
            edition=getattr(spider, "edition", None),
            started=self.started,
            reason=reason,
            outcome=outcome,
            tally=self.tally,
            stats=stats,
            coverage=self.coverage.shares(),
            outputs=outputs,
            state_path=self.store.location if self.store is not None else None,
        )
        self.close_state(spider, outcome)
        self.summary = summary_line(self.report)

    def settle_feeds(self) -> None:
        """Records the ``-o``/``-O`` exports as delivered when every feed was stored."""
        failed = {
            key: value
            for key, value in self.crawler.stats.get_stats().items()
            if key.startswith("feedexport/failed_count/") and value
        }
        if failed and not self.output_errors:
            self.output_errors.append(f"{' '.join(self.feeds)}: not stored ({failed})")
        if self.store is None or not self.store.is_open:
            return
        if self.output_errors:
            dropped = self.store.drop_pending(self.run_id)
            logger.error("%d records are not recorded as exported: the feed failed", dropped)
        else:
            self.store.promote_pending(self.run_id, utcnow())

    def finish_feed_dir_file(self) -> Path | None:
        if self.feed is None:
            return None
        try:
            path = self.feed.finish(rename=not self.output_errors)
        except (FeedOutputError, StoreError, sqlite3.Error) as error:
            self.output_failed(str(error))
            path = None
        if self.output_errors:
            logger.error("Feed file left as %s for the next run to recover", self.feed.part)
        return path

    def drift(self, spider: Spider) -> list[str]:
        """Layout drift against the recent runs of the edition (with a state only)."""
        if self.store is None or not self.store.is_open:
            return []
        edition = str(getattr(spider, "edition", "") or spider.name)
        history: list[Mapping[str, int]] = [*self.store.recent_runs(edition, BASELINE_RUNS)]
        problems = drift_problems(self.coverage.tallies, history)
        if problems:
            logger.warning("Layout drift on %s: %s", edition, "; ".join(problems))
        return problems

    def close_state(self, spider: Spider, outcome: Outcome) -> None:
        try:
            self.record_outcome(spider, outcome)
        except (sqlite3.Error, StoreError) as error:
            logger.error("Cannot record the run in the state %s: %s", self.store_location, error)
            self.exit_code = EXIT_FAILED
            if self.report is not None:
                self.report["exit_code"] = EXIT_FAILED
                self.report["problems"].append(f"state not recorded: {error}")
        if self.distributed and self.feed_dir_mode and self.store is not None:
            try:
                self.recover_gone_workers(self.store)
            except (OSError, StoreError) as error:
                logger.warning("Cannot recover the feed files of gone workers: %s", error)
        if self.store is not None and self.report is not None:
            path = self.report_path(self.report)
            try:
                write_report(self.report, path)
                self.report["report_file"] = str(path)
            except OSError as error:
                logger.error("Cannot write the run report %s: %s", path, error.strerror or error)
        if self.store is not None:
            self.store.close()
        self.release()

    @property
    def store_location(self) -> str:
        return self.store.location if self.store is not None else "-"

    def record_outcome(self, spider: Spider, outcome: Outcome) -> None:
        """The walk's end and the run's field tallies, in the state."""
        if self.store is not None and self.store.is_open:
            now = utcnow()
            if self.walk is not None:
                succeeded = outcome.exit_code == EXIT_OK
                self.store.finish_walk(self.walk, now, self.report_reason(), succeeded=succeeded)
            if self.coverage.tallies:
                edition = str(getattr(spider, "edition", "") or spider.name)
                started = datetime.fromtimestamp(self.started, now.tzinfo)
                self.store.record_run(
                    started, edition, spider.name, outcome.exit_code, self.coverage.tallies
                )

    def report_reason(self) -> str:
        return str(self.report["close_reason"]) if self.report else ""

    def report_path(self, report: dict[str, Any]) -> Path:
        if self.feed is not None:
            return self.feed.report
        edition = report["edition"] or report["spider"]
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(self.started))
        return self.feed_dir / f"{edition}-{stamp}.report.json"

    def release(self) -> None:
        for lock in self.locks:
            lock.release()
        self.locks.clear()

    def engine_stopped(self) -> None:
        self.log_summary()

    def log_summary(self) -> None:
        """Logs the one-line summary once: when the engine stops (after the stats dump), or from
        the crawl command when a run closed before its engine started; the last line of a run."""
        if self.summary is not None and not self.summary_logged:
            self.summary_logged = True
            level = logging.INFO if self.exit_code == EXIT_OK else logging.ERROR
            logger.log(level, self.summary)
