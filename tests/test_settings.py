"""The production settings are hardened: no control endpoints, only http(s), bounded work."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

from scrapy.settings import Settings
from scrapy.utils.misc import is_generator_with_return_value
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from tests.crawling import ROOT
from ukrinform_crawler.downloadermiddlewares import (
    BackoffMiddleware,
    CharsetRepairMiddleware,
    RedirectGuardMiddleware,
)
from ukrinform_crawler.spiders.listing import UkrinformSpider
from ukrinform_crawler.spiders.search import UkrinformSearchSpider


def project_settings() -> Settings:
    return get_project_settings()


def test_no_local_control_endpoints() -> None:
    settings = project_settings()
    assert settings.getbool("TELNETCONSOLE_ENABLED") is False
    assert settings.getbool("REMOTE_CONTROL_ENABLED") is False


def test_only_http_and_https_download_handlers() -> None:
    settings = project_settings()
    handlers = {
        **settings.getdict("DOWNLOAD_HANDLERS_BASE"),
        **settings.getdict("DOWNLOAD_HANDLERS"),
    }
    enabled = {scheme for scheme, path in handlers.items() if path}
    assert enabled == {"http", "https"}


def test_size_limits_and_timeouts_bound_every_request() -> None:
    settings = project_settings()
    assert settings.getint("DOWNLOAD_MAXSIZE") == 8 * 1024 * 1024
    assert settings.getint("DOWNLOAD_WARNSIZE") == 1024 * 1024
    assert 0 < settings.getint("DOWNLOAD_TIMEOUT") <= 30
    assert settings.getint("REDIRECT_MAX_TIMES") <= 5
    assert settings.getbool("METAREFRESH_ENABLED") is False
    assert settings.getint("UKRINFORM_MAX_LISTING_PAGES") == 10000


def test_retries_are_bounded_and_backed_off() -> None:
    settings = project_settings()
    assert settings.getint("RETRY_TIMES") == 10
    assert settings.getint("UKRINFORM_TIMEOUT_RETRIES") == 2
    assert {429, 500, 502, 503, 504} <= {int(code) for code in settings.getlist("RETRY_HTTP_CODES")}
    assert settings.getfloat("UKRINFORM_BACKOFF_BASE") == 1.0
    assert settings.getfloat("UKRINFORM_BACKOFF_MAX") == 30
    assert settings.getfloat("UKRINFORM_RETRY_AFTER_MAX") == 120


def test_fault_middlewares_sit_around_scrapys() -> None:
    order = {**project_settings().getdict("DOWNLOADER_MIDDLEWARES_BASE")}
    order.update(project_settings().getdict("DOWNLOADER_MIDDLEWARES"))

    def at(cls: type) -> int:
        return int(order[f"{cls.__module__}.{cls.__qualname__}"])

    retry = order["scrapy.downloadermiddlewares.retry.RetryMiddleware"]
    compression = order["scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware"]
    redirect = order["scrapy.downloadermiddlewares.redirect.RedirectMiddleware"]
    # process_response runs from the highest number down.
    assert retry < at(BackoffMiddleware) < compression
    assert at(CharsetRepairMiddleware) < compression
    assert at(RedirectGuardMiddleware) > redirect


def test_spider_stays_on_the_fetch_origin() -> None:
    crawler = get_crawler(UkrinformSpider)
    spider = UkrinformSpider.from_crawler(crawler)
    assert spider.allowed_domains == ["www.ukrinform.net"]
    crawler = get_crawler(
        UkrinformSpider, settings_dict={"UKRINFORM_BASE_URL": "http://127.0.0.1:8000"}
    )
    spider = UkrinformSpider.from_crawler(crawler, edition="uk")
    assert spider.allowed_domains == ["127.0.0.1"]
    assert spider.urls.host == "www.ukrinform.ua"


def test_no_spider_generator_returns_a_value() -> None:
    # WARN_ON_GENERATOR_RETURN_VALUE is off in the settings (the crawl would re-read the sources
    # every few responses); the same check of Scrapy's runs here, once, on every generator.
    generators = {
        f"{spider.__name__}.{name}": method
        for spider in (UkrinformSpider, UkrinformSearchSpider)
        for name, method in inspect.getmembers(spider, inspect.isgeneratorfunction)
    }
    assert {"UkrinformSpider.parse_listing", "UkrinformSearchSpider.parse_results"} <= set(
        generators
    )
    returning = [name for name, gen in generators.items() if is_generator_with_return_value(gen)]
    assert returning == []
    assert project_settings().getbool("WARN_ON_GENERATOR_RETURN_VALUE") is False


def test_the_package_imports_where_fcntl_is_missing(tmp_path: Path) -> None:
    """Windows has no fcntl: everything imports, and only taking a state lock says why not."""
    code = f"""
import sys, pkgutil, importlib
sys.modules["fcntl"] = None
import ukrinform_crawler
for module in pkgutil.walk_packages(ukrinform_crawler.__path__, "ukrinform_crawler."):
    importlib.import_module(module.name)
from pathlib import Path
from ukrinform_crawler.lock import RunLock
try:
    RunLock(Path({str(tmp_path / "x.lock")!r})).acquire()
except OSError as error:
    print(error)
"""
    done = subprocess.run(  # noqa: S603  # our interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "locking a state needs a POSIX system (Linux, macOS, BSD)"
