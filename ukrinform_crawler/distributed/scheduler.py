"""scrapy-redis's scheduler, queue and dupefilter on the leased frontier of a job.

``RedisScheduler`` replaces Scrapy's scheduler in distributed mode (``distributed.configure``).
Requests are queued through :class:`LeasedQueue` (a scrapy-redis ``PriorityQueue`` whose push
checks the fingerprint and queues the request in one atomic step, and whose pop is a lease) and
fingerprinted by :class:`JobDupeFilter` with the crawler's request fingerprinter. Nothing here
blocks: an empty queue returns None at once, and the worker extension keeps the spider open while
the job has work anywhere.
"""

from __future__ import annotations

import logging
from typing import Self

import redis
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from ukrinform_crawler.distributed import codec
from ukrinform_crawler.distributed.connection import reason, shown
from ukrinform_crawler.distributed.frontier import EpochGone, Frontier
from ukrinform_crawler.distributed.keys import JobKeys, registry_entry
from ukrinform_crawler.distributed.store import RedisStateStore
from ukrinform_crawler.extensions import RunExtension
from ukrinform_crawler.runstate import walk_key

logger = logging.getLogger(__name__)

ARTICLE_ID = "ukrinform_article_id"


class JobDupeFilter(RFPDupeFilter):  # type: ignore[misc]  # scrapy-redis ships no types
    """Fingerprints from ``crawler.request_fingerprinter``; the seen set is the job's.

    An article request also carries the marker ``a:<article id>``: the same article listed under
    two URLs (another rubric or slug) is fetched once per job, by whichever worker queued it
    first; the check and the queueing are one atomic step (``LeasedQueue.push``), so a worker that
    dies in between loses nothing. Redirected requests have no marker (they are the same fetch).
    """

    def __init__(self, server: redis.Redis, key: str, crawler: Crawler) -> None:
        super().__init__(server, key, debug=crawler.settings.getbool("DUPEFILTER_DEBUG"))
        self.fingerprinter = crawler.request_fingerprinter
        self.first_duplicate = True

    def request_fingerprint(self, request: Request) -> str:
        return self.fingerprinter.fingerprint(request).hex()

    @staticmethod
    def marker(request: Request) -> str | None:
        article_id = request.meta.get(ARTICLE_ID)
        if article_id is None or request.meta.get("redirect_urls"):
            return None
        return f"a:{article_id}"

    def close(self, reason: str = "") -> None:
        """Keeps the seen set: the job clears it when it is done, not a closing worker."""

    def log(self, request: Request, spider: Spider) -> None:
        if self.debug or self.first_duplicate:
            logger.debug("Filtered duplicate request (seen in this job): %s", request)
            self.first_duplicate = False


class LeasedQueue(PriorityQueue):  # type: ignore[misc]  # scrapy-redis ships no types
    """The job's priority queue: push with the dupe check, pop as a lease (``Frontier``)."""

    def __init__(self, spider: Spider, frontier: Frontier) -> None:
        super().__init__(frontier.server, spider, frontier.keys.key("queue"), serializer=codec)
        self.frontier = frontier

    def __len__(self) -> int:
        return self.frontier.queued()

    def push_new(self, request: Request, fingerprint: str | None, marker: str | None) -> bool:
        """Queues ``request`` unless seen in this job; raises EpochGone."""
        data = self._encode_request(request)
        return self.frontier.push(fingerprint, marker, -request.priority, data) == 1

    def push(self, request: Request) -> None:
        self.push_new(request, None, None)

    def pop(self, timeout: int = 0) -> tuple[str, Request, int] | None:
        """(lease id, request, requests still queued), or None; never blocks."""
        leased = self.frontier.lease()
        if leased is None:
            return None
        return leased.id, self._decode_request(leased.payload), leased.queued

    def clear(self) -> None:
        """The job clears its frontier when it is done (``Frontier.check``), never a worker."""


class RedisScheduler(Scheduler):  # type: ignore[misc]  # scrapy-redis ships no types
    """The scheduler of one worker on a shared job (see the module docstring).

    ``held`` maps each leased request being processed here to its lease id; the worker extension
    acks a lease once its request has left the downloader and the scraper, and renews the rest.
    A Redis error sets ``broken``: the worker extension then closes the spider (reason
    ``redis_error``, exit 1) and acks nothing more, so what it holds comes back to the queue
    when the leases expire.
    """

    def __init__(self, crawler: Crawler, store: RedisStateStore, lease_seconds: float) -> None:
        super().__init__(store.server, persist=True, idle_before_close=0, serializer=codec)
        self.crawler = crawler
        self.store = store
        self.lease_seconds = lease_seconds
        self.frontier: Frontier | None = None
        self.held: dict[Request, str] = {}
        self.queued_hint = 0
        self.broken: str | None = None
        self.epoch_gone = False
        self.started_epoch = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        store = RunExtension.store_of(crawler)
        if not isinstance(store, RedisStateStore):
            raise RuntimeError("RedisScheduler needs UKRINFORM_REDIS_URL (a Redis state)")
        scheduler = cls(crawler, store, crawler.settings.getfloat("UKRINFORM_REDIS_LEASE_SECONDS"))
        scheduler.stats = crawler.stats
        return scheduler

    @property
    def counted(self) -> StatsCollector:
        stats: StatsCollector = self.crawler.stats
        return stats

    def open(self, spider: Spider) -> None:
        self.spider = spider
        edition = str(getattr(spider, "edition", "") or spider.name)
        walk = walk_key(spider)
        keys = JobKeys.of(edition, walk)
        self.frontier = Frontier(self.server, keys, self.store.worker, self.lease_seconds)
        try:
            self.started_epoch = self.frontier.join(
                self.store.worker_info(), registry_entry(edition, spider.name, walk)
            )
        except redis.RedisError as error:
            self.fail(error)
            return
        self.queue = LeasedQueue(spider, self.frontier)
        self.df = JobDupeFilter(self.server, keys.key("seen"), self.crawler)
        verb = "Started" if self.started_epoch else "Joined"
        logger.info(
            "%s job %s (run %s) on %s as worker %s",
            verb,
            keys.job,
            self.frontier.epoch,
            shown(self.store.url),
            self.store.worker,
        )

    def close(self, reason: str) -> None:
        """Settles what this worker still holds. The engine closes only once every request in
        progress is done, so each is finished: acked, or given back to the queue when this worker
        failed (a Redis error, an output it could not write)."""
        if self.frontier is None or not self.held or self.epoch_gone:
            return
        run = self.crawler.get_extension(RunExtension)
        give_back = bool(self.failure) or (run is not None and not run.delivery.record_written())
        ids = list(self.held.values())
        self.held.clear()
        try:
            if give_back:
                back = self.frontier.requeue(ids)
                self.counted.inc_value("ukrinform/redis/requeued_on_close", back)
                logger.info("Gave back %d requests to the job's queue", back)
            else:
                self.counted.inc_value("ukrinform/redis/acked", self.frontier.ack(ids))
        except redis.RedisError:
            pass  # they come back to the queue when their leases expire

    def flush(self) -> None:
        """Never: a finished job clears its own frontier."""

    def enqueue_request(self, request: Request) -> bool:
        if self.broken or self.frontier is None:
            return False
        fingerprint = None if request.dont_filter else self.df.request_fingerprint(request)
        marker = None if request.dont_filter else self.df.marker(request)
        try:
            queued = self.queue.push_new(request, fingerprint, marker)
        except EpochGone:
            self.epoch_gone = True
            return False
        except (redis.RedisError, TypeError) as error:
            self.fail(error, request)
            return False
        if not queued:
            self.df.log(request, self.spider)
            self.counted.inc_value("ukrinform/redis/duplicates")
            return False
        self.queued_hint += 1
        self.counted.inc_value("ukrinform/redis/enqueued")
        return True

    def next_request(self) -> Request | None:
        if self.broken or self.frontier is None or self.epoch_gone:
            return None
        try:
            popped = self.queue.pop()
        except EpochGone:
            self.epoch_gone = True
            return None
        except (redis.RedisError, ValueError, KeyError) as error:
            self.fail(error)
            return None
        if popped is None:
            self.queued_hint = 0
            return None
        lease, request, self.queued_hint = popped
        self.held[request] = lease
        self.counted.inc_value("ukrinform/redis/leased")
        return request

    @property
    def failure(self) -> str | None:
        """Why this worker cannot go on: a Redis error met by the frontier or by the state."""
        if self.broken is None and self.store.failure is not None:
            self.broken = f"lost the state ({self.store.failure})"
            self.counted.inc_value("ukrinform/redis/errors")
            logger.error("Stopping this worker: %s", self.broken)
        return self.broken

    def has_pending_requests(self) -> bool:
        return self.queued_hint > 0

    def __len__(self) -> int:
        return self.queued_hint

    def fail(self, error: BaseException, request: Request | None = None) -> None:
        """A Redis error (or a request that cannot be queued): the worker stops (exit 1)."""
        self.counted.inc_value("ukrinform/redis/errors")
        if self.broken:
            return
        if isinstance(error, redis.RedisError):
            self.broken = f"lost Redis at {shown(self.store.url)} ({reason(error)})"
        else:
            self.broken = f"cannot queue {request}: {error}"
        logger.error(
            "Stopping this worker: %s; the requests it holds go back to the job's queue %g s "
            "after its last heartbeat",
            self.broken,
            self.lease_seconds,
        )
