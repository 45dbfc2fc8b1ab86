"""Distributed mode: many ``scrapy crawl`` workers on one job, sharing a Redis.

``UKRINFORM_REDIS_URL`` switches it on (``configure`` is called from the spiders'
``update_settings``). The modules, one job each: ``connection`` (the Redis client, fail-fast
check), ``keys`` (key names of a job and of an edition's state), ``codec`` (requests as JSON),
``frontier`` (the shared queue with leases, atomic Lua scripts), ``scheduler`` (scrapy-redis's
scheduler, queue and dupefilter on that frontier), ``worker`` (heartbeats, lease release, staying
open until the job is done), ``store`` (the incremental state in Redis), ``budget`` (politeness
per site across workers), ``feeds`` (recovering the feed files of workers that are gone).
"""

from __future__ import annotations

from scrapy.settings import BaseSettings

SCHEDULER = "ukrinform_crawler.distributed.scheduler.RedisScheduler"


def enabled(settings: BaseSettings) -> bool:
    return bool(settings.get("UKRINFORM_REDIS_URL"))


def configure(settings: BaseSettings, *, loopback: bool) -> None:
    """Switches a crawl to distributed mode when ``UKRINFORM_REDIS_URL`` is set: the shared
    scheduler, the worker extension, the lease and budget middlewares. On a loopback origin the
    shared politeness budget is off (as the delays are), unless a command line turns it on."""
    if not enabled(settings):
        return
    settings.set("SCHEDULER", SCHEDULER, priority="spider")
    extensions = settings.getdict("EXTENSIONS")
    extensions["ukrinform_crawler.distributed.worker.JobWorker"] = 110
    settings.set("EXTENSIONS", extensions, priority="spider")
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    # Last before the download itself, so that a wait ends just before the request is sent.
    middlewares["ukrinform_crawler.distributed.budget.SharedBudgetMiddleware"] = 950
    settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority="spider")
    if loopback:
        settings.set("UKRINFORM_REDIS_BUDGET", False, priority="spider")
