"""A Scrapy extension for the benchmarks: once a second, one JSON line of the crawl's counters.

Enabled only by the benchmarks (``-s BENCH_PROBE_PATH=…`` plus an ``EXTENSIONS`` entry):
time, items scraped, responses, requests pending in the scheduler, in-flight downloads.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import IO, Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task


class Probe:
    """Writes ``{"t", "items", "responses", "pending", "in_flight"}`` lines at 1 Hz."""

    def __init__(self, crawler: Crawler, path: str, interval: float) -> None:
        self.crawler = crawler
        self.path = path
        self.interval = interval
        self.file: IO[str] | None = None
        self.loop: task.LoopingCall | None = None
        self.max_pending = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        path = crawler.settings.get("BENCH_PROBE_PATH")
        if not path:
            raise NotConfigured("BENCH_PROBE_PATH is not set")
        probe = cls(crawler, path, crawler.settings.getfloat("BENCH_PROBE_INTERVAL", 1.0))
        crawler.signals.connect(probe.opened, signal=signals.spider_opened)
        crawler.signals.connect(probe.closed, signal=signals.spider_closed)
        return probe

    def opened(self, spider: Spider) -> None:
        self.file = Path(self.path).open("w", encoding="utf-8")  # noqa: SIM115  # closed on close
        self.loop = task.LoopingCall(self.sample)
        self.loop.start(self.interval, now=True)

    def closed(self, spider: Spider, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.sample(final=True)
        if self.file is not None:
            self.file.close()

    def sample(self, final: bool = False) -> None:
        engine = self.crawler.engine
        stats = self.crawler.stats
        pending = in_flight = 0
        if engine is not None and engine._slot is not None:  # no public API
            scheduler: Any = engine._slot.scheduler
            pending = len(scheduler)
            in_flight = len(engine.downloader.active)
        self.max_pending = max(self.max_pending, pending)
        record = {
            "t": time.time(),
            "items": stats.get_value("item_scraped_count", 0) if stats else 0,
            "responses": stats.get_value("downloader/response_count", 0) if stats else 0,
            "pending": pending,
            "in_flight": in_flight,
            "final": final,
        }
        if self.file is not None and not self.file.closed:
            self.file.write(json.dumps(record) + "\n")
            self.file.flush()
