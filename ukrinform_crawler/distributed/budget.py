"""Politeness per site, not per worker: a shared request budget per host in Redis.

However many workers run, the job's requests to one host keep the configured pace and
concurrency together: ``DOWNLOAD_DELAY`` (or ``AUTOTHROTTLE_START_DELAY`` when AutoThrottle is
on, whichever is longer) between two requests, at most ``CONCURRENT_REQUESTS_PER_DOMAIN`` in
flight. Per host, Redis keeps the next moment a request may start and the requests in flight
(each with an expiry, so that a dead worker's do not count for long). A request waits in this
middleware, the last one before the download, until the budget lets it go, without blocking
the event loop; the worker's own per-slot delay is then set to 0 (the shared pace replaces it,
and AutoThrottle's per-process adjustments are off for these requests).

On a loopback origin the budget is off, as the delays are, unless ``UKRINFORM_REDIS_BUDGET`` is
set on the command line.
"""

from __future__ import annotations

import logging
import secrets
from typing import Self

import redis
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.task import deferLater

from ukrinform_crawler.distributed import enabled
from ukrinform_crawler.distributed.connection import client
from ukrinform_crawler.distributed.keys import ROOT

logger = logging.getLogger(__name__)

TOKEN = "ukrinform_budget_token"  # noqa: S105  # a meta key, not a secret
"""Meta key: the in-flight token a request holds while it is downloaded."""
MAX_WAIT = 1.0
"""Longest single sleep before asking the budget again (seconds)."""

ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then
  local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return math.max(10, math.min(tonumber(first[2]) - now, 100))
end
local next_at = tonumber(redis.call('GET', KEYS[1]) or '0')
if now < next_at then return next_at - now end
redis.call('SET', KEYS[1], now + tonumber(ARGV[2]), 'PX', tonumber(ARGV[2]) + 60000)
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[1])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]) + 60000)
return 0
"""


def shared_delay(crawler: Crawler) -> float:
    """The pace of the whole job per host, in seconds."""
    settings = crawler.settings
    delay = settings.getfloat("DOWNLOAD_DELAY")
    if settings.getbool("AUTOTHROTTLE_ENABLED"):
        delay = max(delay, settings.getfloat("AUTOTHROTTLE_START_DELAY"))
    return delay


class SharedBudgetMiddleware:
    """Makes each request wait for the host's shared budget (see the module docstring).

    Counts ``ukrinform/redis/budget/waits`` and ``ukrinform/redis/budget/wait_ms``.
    """

    def __init__(
        self, crawler: Crawler, server: redis.Redis, delay: float, concurrency: int, ttl: float
    ) -> None:
        self.crawler = crawler
        self.server = server
        self.delay_ms = round(delay * 1000)
        self.concurrency = max(1, concurrency)
        self.ttl_ms = round(ttl * 1000)
        self._acquire = server.register_script(ACQUIRE)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not enabled(settings) or not settings.getbool("UKRINFORM_REDIS_BUDGET"):
            raise NotConfigured
        concurrency = settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") or settings.getint(
            "CONCURRENT_REQUESTS"
        )
        ttl = settings.getfloat("DOWNLOAD_TIMEOUT") + 30
        server = client(settings["UKRINFORM_REDIS_URL"])
        return cls(crawler, server, shared_delay(crawler), concurrency, ttl)

    def keys(self, request: Request) -> list[str]:
        host = urlparse_cached(request).netloc.lower()
        return [f"{ROOT}:budget:{host}:next", f"{ROOT}:budget:{host}:inflight"]

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        token = secrets.token_hex(8)
        waited = 0
        while True:
            wait_ms = int(
                self._acquire(
                    keys=self.keys(request),
                    args=[token, self.delay_ms, self.concurrency, self.ttl_ms],
                )
            )
            if wait_ms <= 0:
                break
            waited += wait_ms
            await self.sleep(min(wait_ms / 1000, MAX_WAIT))
        request.meta[TOKEN] = token
        request.meta["autothrottle_dont_adjust_delay"] = True
        self.unthrottle_slot(request)
        if waited:
            self.count("waits")
            self.count("wait_ms", waited)

    @staticmethod
    async def sleep(seconds: float) -> None:
        from twisted.internet import reactor  # the running one; importing it early installs one

        await deferred_to_future(deferLater(reactor, seconds, lambda: None))

    def unthrottle_slot(self, request: Request) -> None:
        """The worker's own slot needs no delay: the shared budget paces the host."""
        engine = self.crawler.engine
        if engine is None:
            return
        downloader = engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None:
            slot.delay = 0.0

    def release(self, request: Request) -> None:
        token = request.meta.pop(TOKEN, None)
        if token is not None:
            self.server.zrem(self.keys(request)[1], token)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        self.release(request)
        return response

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> None:
        self.release(request)

    def count(self, key: str, value: int = 1) -> None:
        if stats := self.crawler.stats:
            stats.inc_value(f"ukrinform/redis/budget/{key}", value)
