"""The worker side of a distributed job: heartbeats, lease release, staying open until the job
is done.

Every ``TICK`` seconds the worker acks the leases of the requests it has finished, and wakes the
engine to lease more when it has room (Scrapy's own heartbeat polls only every 5 s). A request is
finished once it has left the downloader and the scraper: its callback output went through the
spider middlewares, its new requests are queued, its records are written. Before the ack those
records are recorded in the state (``delivery.Delivery.record_written``), so that once a job has
nothing leased every record of a live worker is in the state, and recovering a gone worker's feed
file then drops the lines a survivor delivered again. Every ``lease / 3`` seconds the worker
renews its leases and re-queues the leases of the job that expired (a dead worker's). When the
engine is idle it raises ``DontCloseSpider`` while the job has work queued or leased anywhere; the
worker that finds nothing left ends the job's epoch and clears its frontier (atomically, once:
``Frontier.check``), and every worker then closes with ``finished``. Nothing here blocks the
event loop: each step is one Redis round trip.
"""

from __future__ import annotations

import logging
import time
from typing import Self

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import task

from ukrinform_crawler.distributed import enabled
from ukrinform_crawler.distributed.connection import reason as describe
from ukrinform_crawler.distributed.connection import shown
from ukrinform_crawler.distributed.frontier import Frontier, JobState
from ukrinform_crawler.distributed.scheduler import RedisScheduler
from ukrinform_crawler.extensions import RunExtension

logger = logging.getLogger(__name__)

TICK = 0.2
"""Seconds between acks and wake-ups."""
WAITING_LOG_SECONDS = 15.0
"""How often a worker waiting for others says so."""


class JobWorker:
    """Runs one worker of a distributed job (see the module docstring)."""

    def __init__(self, crawler: Crawler, lease_seconds: float) -> None:
        self.crawler = crawler
        self.lease_seconds = lease_seconds
        self.beat_seconds = min(10.0, max(0.3, lease_seconds / 3))
        self.scheduler: RedisScheduler | None = None
        self.loop = task.LoopingCall(self.tick)
        self.last_beat = 0.0
        self.last_waiting_log = 0.0
        self.job_done = False
        self.closing = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not enabled(crawler.settings):
            raise NotConfigured
        worker = cls(crawler, crawler.settings.getfloat("UKRINFORM_REDIS_LEASE_SECONDS"))
        crawler.signals.connect(worker.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(worker.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(worker.spider_closed, signal=signals.spider_closed)
        return worker

    @property
    def frontier(self) -> Frontier | None:
        return self.scheduler.frontier if self.scheduler is not None else None

    def spider_opened(self, spider: Spider) -> None:
        engine = self.crawler.engine
        scheduler = engine.scheduler if engine is not None else None
        if not isinstance(scheduler, RedisScheduler):
            raise RuntimeError("distributed mode needs the RedisScheduler (SCHEDULER setting)")
        self.scheduler = scheduler
        if scheduler.broken:
            raise CloseSpider("redis_error")
        self.last_beat = time.monotonic()
        self.loop.start(TICK, now=False)

    # -- while crawling --------------------------------------------------------------------------

    def tick(self) -> None:
        scheduler, frontier = self.scheduler, self.frontier
        if scheduler is None or frontier is None or self.closing:
            return
        if scheduler.failure:
            self.close("redis_error")
            return
        try:
            self.ack_finished()
            if time.monotonic() - self.last_beat >= self.beat_seconds:
                self.heartbeat()
        except redis.RedisError as error:
            scheduler.fail(error)
            self.close("redis_error")
            return
        self.wake()

    def in_progress(self) -> set[Request]:
        """Requests this process is still downloading or scraping."""
        engine = self.crawler.engine
        if engine is None:
            return set()
        busy = set(engine.downloader.active)
        slot = engine.scraper.slot
        if slot is not None:
            busy |= slot.active
            busy.update(request for _result, request, _dfd in slot.queue)
        return busy

    def ack_finished(self) -> None:
        scheduler, frontier = self.scheduler, self.frontier
        if scheduler is None or frontier is None or scheduler.failure or not scheduler.held:
            return
        busy = self.in_progress()
        finished = [request for request in scheduler.held if request not in busy]
        if not finished:
            return
        run = self.crawler.get_extension(RunExtension)
        if run is not None and not run.delivery.record_written():
            return  # what it holds goes back to the queue when it closes
        frontier.ack(scheduler.held[request] for request in finished)
        for request in finished:
            del scheduler.held[request]
        self.count("acked", len(finished))

    def heartbeat(self) -> None:
        scheduler, frontier = self.scheduler, self.frontier
        if scheduler is None or frontier is None:
            return
        self.last_beat = time.monotonic()
        frontier.renew(scheduler.held.values())
        check = frontier.check(finish=False)
        self.note_requeued(check.requeued)
        if check.state is not JobState.RUNNING:
            scheduler.epoch_gone = True

    def note_requeued(self, count: int) -> None:
        if count:
            self.count("requeued_expired", count)
            logger.warning("Re-queued %d requests whose leases expired (a worker is gone)", count)

    def wake(self) -> None:
        """Asks the engine for the next request now, unless it is full (Scrapy itself would ask
        only on its 5 s heartbeat once idle)."""
        engine = self.crawler.engine
        if engine is None or engine.spider is None or engine.needs_backout():
            return
        slot = engine._slot  # no public way to wake an idle engine sooner
        if slot is not None and slot.closing is None:
            slot.nextcall.schedule()

    # -- idle: is the job done? ---------------------------------------------------------------

    def spider_idle(self, spider: Spider) -> None:
        scheduler, frontier = self.scheduler, self.frontier
        if scheduler is None or frontier is None or self.closing:
            return
        if scheduler.failure:
            raise CloseSpider("redis_error")
        try:
            self.ack_finished()
            check = frontier.check(finish=not scheduler.held)
        except redis.RedisError as error:
            scheduler.fail(error)
            raise CloseSpider("redis_error") from None
        self.note_requeued(check.requeued)
        if check.state is JobState.RUNNING:
            now = time.monotonic()
            if now - self.last_waiting_log >= WAITING_LOG_SECONDS:
                self.last_waiting_log = now
                logger.info(
                    "Waiting for the job: %d requests queued, %d leased by workers (a gone "
                    "worker's leases expire %g s after its last heartbeat)",
                    check.queued,
                    check.leased,
                    self.lease_seconds,
                )
            raise DontCloseSpider
        scheduler.epoch_gone = True
        if check.state is JobState.VANISHED:
            logger.error(
                "Job %s vanished from Redis at %s without finishing (flushed, or restarted "
                "without persistence?); stopping. Run again to crawl what is missing.",
                frontier.keys.job,
                shown(scheduler.store.url),
            )
            raise CloseSpider("redis_lost")
        self.job_done = True
        if check.state is JobState.DONE_NOW:
            self.count("job_done")
            logger.info(
                "Job %s done: nothing queued or leased; frontier cleared", frontier.keys.job
            )
        else:
            logger.info("Job %s done (another worker cleared its frontier)", frontier.keys.job)

    def close(self, reason: str) -> None:
        engine = self.crawler.engine
        if self.closing or engine is None or engine.spider is None:
            return
        self.closing = True
        deferred_from_coro(engine.close_spider_async(reason=reason))

    # -- closing -------------------------------------------------------------------------------

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.loop.running:
            self.loop.stop()
        frontier = self.frontier
        if frontier is None:
            return
        try:
            frontier.leave()
        except redis.RedisError as error:
            logger.warning("Could not deregister from Redis (%s)", describe(error))

    def count(self, key: str, value: int = 1) -> None:
        if stats := self.crawler.stats:
            stats.inc_value(f"ukrinform/redis/{key}", value)
