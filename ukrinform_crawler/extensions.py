"""The run extension: wires one crawl's state, output, tallies, outcome and console to its signals.

The jobs are done by components, one each: ``runstate.RunState`` (the locks and the store opened
for the run's walk), ``delivery.Delivery`` (where records go and when they count as exported),
``report`` (tallies, exit code, report, summary), ``drift`` (field coverage against recent runs),
``console.Progress`` (the terminal's progress line).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from datetime import UTC, datetime
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
from ukrinform_crawler.delivery import Delivery, log_recovered
from ukrinform_crawler.drift import BASELINE_RUNS, FieldCoverage, drift_problems
from ukrinform_crawler.lock import LockHeld
from ukrinform_crawler.report import (
    EXIT_FAILED,
    EXIT_LOCKED,
    EXIT_OK,
    RunTally,
    build_report,
    judge,
    summary_line,
    write_report,
)
from ukrinform_crawler.runstate import RunState, StateUnavailable, walk_key
from ukrinform_crawler.state import (
    STATE_ERRORS,
    StateNotWritten,
    StateStore,
    Store,
    UnchangedArticle,
    search_window_key,
    utcnow,
)

logger = logging.getLogger(__name__)


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
    """Owns a run: its state, its output, its tallies, report, summary line and exit code.

    ``exit_code`` after the run follows ``report.judge``; 75 when another run holds the lock.
    The state store is created here (``make_store``) and handed to the state pipeline and
    middleware (``RunExtension.store_of``); it is opened when the spider opens.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.store = make_store(crawler)
        feeds = [str(uri) for uri in settings.getdict("FEEDS")]
        feed_dir = Path(settings.get("UKRINFORM_FEED_DIR") or "feeds")
        self.delivery = Delivery(self.store, feeds, feed_dir, self.stop_on_output_failure)
        self.state: RunState | None = None
        self.max_error_rate = settings.getfloat("UKRINFORM_MAX_ERROR_RATE")
        self.locked = False
        self.started = time.time()
        self.tally = RunTally()
        self.coverage = FieldCoverage()
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
    def distributed(self) -> bool:
        return self.delivery.distributed

    def recording(self) -> Store | None:
        """The store, while it is open for this run."""
        return self.store if self.store is not None and self.store.is_open else None

    # -- opening ---------------------------------------------------------------------------

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.time()
        if unwritable := self.delivery.unwritable_feed():
            self.delivery.fail(unwritable, stop=False)
            raise CloseSpider("output_error")  # before any request
        if self.store is not None:
            self.open_state(spider, self.store)
        if Progress.wanted():
            self.progress = Progress(self.describe)
            self.progress.start()

    def open_state(self, spider: Spider, store: Store) -> None:
        lock_dir = self.delivery.feed_dir if self.delivery.feed_dir_mode else None
        self.state = RunState(store, lock_dir)
        try:
            early_stop_allowed = self.state.open(walk_key(spider))
        except LockHeld as held:
            self.locked = True
            self.exit_code = EXIT_LOCKED
            logger.error(
                "Another run is using this state (lock %s held by %s); exiting without crawling",
                held.path,
                held.holder or "another process",
            )
            raise CloseSpider("locked") from None
        except StateUnavailable as error:
            logger.error("%s", str(error).capitalize())
            raise CloseSpider("state_error") from None
        if not early_stop_allowed:
            logger.info("No successful run of this walk in the state: listings are walked in full")
        edition = str(getattr(spider, "edition", None) or spider.name)
        try:
            log_recovered(self.delivery.open(edition, self.started), self.crawler.stats)
        except STATE_ERRORS as error:
            self.state.release()
            why = error.strerror if isinstance(error, OSError) else None
            logger.error("Cannot use the feed dir %s: %s", self.delivery.feed_dir, why or error)
            raise CloseSpider("output_error") from None

    # -- during the crawl --------------------------------------------------------------------

    def response_received(self, response: Response, request: Request) -> None:
        self.tally.pages += 1
        if (article_id := request.meta.get("ukrinform_article_id")) is not None:
            self.tally.article_pages += 1
            if self.distributed:  # any worker may fetch what one lists: count what it fetched
                self.tally.listed_new.add(int(article_id))

    def article_listed(
        self, article_id: int, url: str, channel: str, published_at: datetime | None
    ) -> None:
        if store := self.recording():
            now = utcnow()
            try:
                store.record_sighting(article_id, url, channel, published_at, now)
                state = store.get(article_id)
                if state is None:
                    store.seen(article_id, url, now)
            except STATE_ERRORS as error:
                self.state_failed(error)
                return
            if state is not None and state.known:
                return
        if not self.distributed:
            self.tally.listed_new.add(article_id)

    def article_outside_window(self, article_id: int) -> None:
        self.tally.settled.add(article_id)

    def search_window_done(self, day: str, query: str, rubric: str | None, spider: Spider) -> None:
        if store := self.recording():
            edition = str(getattr(spider, "edition", ""))
            key = search_window_key(spider.name, edition, query, rubric, day)
            try:
                store.finish_window(key, day, utcnow())
            except STATE_ERRORS as error:
                self.state_failed(error)

    def item_scraped(self, item: Any) -> None:
        adapter = ItemAdapter(item)
        version = adapter.get("version") or 1
        self.tally.counts["new" if version == 1 else "updated"] += 1
        self.coverage.add(item)
        self.settle(item)
        self.delivery.deliver(item)

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        if isinstance(exception, StateNotWritten):
            return  # the run fails as a whole; the next run fetches it again
        if isinstance(exception, UnchangedArticle):
            self.settle(item)
            return
        self.fail(item, f"dropped: {exception}")

    def item_error(self, item: Any, failure: Any) -> None:
        self.fail(item, f"parse_error: {getattr(failure, 'value', failure)!r}")

    def fail(self, item: Any, reason: str) -> None:
        """A pipeline dropped an article (or failed on it): counted, and retried next run."""
        adapter = ItemAdapter(item)
        kind = reason.split(":")[0]
        self.crawler.stats.inc_value("ukrinform/articles/failed")
        self.crawler.stats.inc_value(f"ukrinform/articles/failed/{kind}")
        article_id = adapter.get("id")
        url = str(adapter.get("url") or "")
        self.count_failure(article_id if isinstance(article_id, int) else None, url, kind, reason)

    def settle(self, item: Any) -> None:
        article_id = ItemAdapter(item).get("id")
        if isinstance(article_id, int):
            self.tally.settled.add(article_id)

    def article_failed(self, article_id: int, url: str, reason: str) -> None:
        self.count_failure(article_id, url, reason, reason)

    def count_failure(self, article_id: int | None, url: str, reason: str, detail: str) -> None:
        """A failed article: counted by reason, and with a failure record the next run retries."""
        self.tally.counts["failed"] += 1
        self.tally.failure_reasons[reason] += 1
        if article_id is None:
            return
        self.tally.settled.add(article_id)
        if store := self.recording():
            try:
                store.record_failure(article_id, url, detail, utcnow())
            except STATE_ERRORS as error:
                self.state_failed(error)

    def state_failed(self, error: BaseException) -> None:
        """The state cannot be written: the run fails and stops, as when its output fails."""
        where = self.store.location if self.store is not None else "-"
        self.delivery.fail(f"state {where}: {error}")

    def feed_output_failed(self, path: str, error: OSError) -> None:
        self.delivery.fail(f"{path}: {error.strerror or error}")

    def stop_on_output_failure(self, message: str) -> None:
        self.crawler.stats.inc_value("ukrinform/output/errors")
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason="output_error"))

    def feed_exporter_closed(self) -> None:
        self.delivery.exporter_closed.set()

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
            await self.delivery.exporter_closed.wait()
            self.delivery.settle_feeds(self.crawler.stats.get_stats())
        feed_path = self.delivery.finish()
        stats = self.crawler.stats.get_stats()
        self.coverage.pages(
            self.tally.article_pages, int(stats.get("ukrinform/articles/no_article_markup", 0))
        )
        edition = str(getattr(spider, "edition", None) or spider.name)
        outcome = judge(
            self.tally,
            reason,
            spider_errors=int(stats.get("spider_exceptions/count", 0)),
            max_error_rate=self.max_error_rate,
            output_errors=self.delivery.errors,
            drift=self.drift(edition),
            shared_job=self.distributed,
        )
        self.exit_code = outcome.exit_code
        for name, count in self.coverage.tallies.items():
            self.crawler.stats.set_value(f"ukrinform/coverage/{name}", count)
        self.report = build_report(
            spider=spider.name,
            edition=getattr(spider, "edition", None),
            started=self.started,
            reason=reason,
            outcome=outcome,
            tally=self.tally,
            stats=stats,
            coverage=self.coverage.shares(),
            outputs=self.delivery.outputs(feed_path),
            state_path=self.store.location if self.store is not None else None,
        )
        self.close_state(spider, edition, reason)
        self.summary = summary_line(self.report)

    def drift(self, edition: str) -> list[str]:
        """Layout drift against the recent runs of the edition (with a state only)."""
        if (store := self.recording()) is None:
            return []
        history: list[Mapping[str, int]] = [*store.recent_runs(edition, BASELINE_RUNS)]
        problems = drift_problems(self.coverage.tallies, history)
        if problems:
            logger.warning("Layout drift on %s: %s", edition, "; ".join(problems))
        return problems

    def close_state(self, spider: Spider, edition: str, reason: str) -> None:
        """The run's end in the state, the report beside the feed, the state closed."""
        if self.store is None or self.report is None:
            return
        try:
            if self.state is not None:
                self.state.record(
                    edition=edition,
                    spider=spider.name,
                    started=datetime.fromtimestamp(self.started, UTC),
                    reason=reason,
                    exit_code=self.exit_code,
                    tallies=self.coverage.tallies,
                )
        except STATE_ERRORS as error:
            logger.error("Cannot record the run in the state %s: %s", self.store.location, error)
            self.exit_code = self.report["exit_code"] = EXIT_FAILED
            self.report["problems"].append(f"state not recorded: {error}")
        if self.distributed and self.delivery.feed_dir_mode:
            try:
                log_recovered(self.delivery.recover(), self.crawler.stats)
            except STATE_ERRORS as error:
                logger.warning("Cannot recover the feed files of gone workers: %s", error)
        path = self.delivery.report_path(edition, self.started)
        try:
            write_report(self.report, path)
            self.report["report_file"] = str(path)
        except OSError as error:
            logger.error("Cannot write the run report %s: %s", path, error.strerror or error)
        if self.state is not None:
            self.state.close()

    def engine_stopped(self) -> None:
        self.log_summary()

    def log_summary(self) -> None:
        """Logs the one-line summary once: when the engine stops (after the stats dump), or from
        the crawl command when a run closed before its engine started; the last line of a run."""
        if self.summary is not None and not self.summary_logged:
            self.summary_logged = True
            level = logging.INFO if self.exit_code == EXIT_OK else logging.ERROR
            logger.log(level, self.summary)
