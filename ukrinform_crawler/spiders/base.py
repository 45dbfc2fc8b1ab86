"""What every ukrinform spider shares: edition, fetch origin, date window, article callback."""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy import signals as scrapy_signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import CloseSpider
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from ukrinform_crawler import distributed, signals
from ukrinform_crawler.downloadermiddlewares import OriginUnreachable, failure_reason
from ukrinform_crawler.items import Article
from ukrinform_crawler.pages.article import ArticlePage
from ukrinform_crawler.urls import EDITION_HOSTS, SiteUrls
from ukrinform_crawler.usage import ArgumentError, one_of
from ukrinform_crawler.window import DateWindow

logger = logging.getLogger(__name__)

RETRIED_FAILURE = "ukrinform_retried_failure"
"""Meta key of a request for an article that failed in an earlier run (see ``retry_request``)."""

ACCEPT_LANGUAGE = {"uk": "uk,en;q=0.5", "en": "en", "ar": "ar,en;q=0.5", "ja": "ja,en;q=0.5"}


def is_loopback_origin(url: str) -> bool:
    """True for http(s) origins on 127.0.0.0/8, ::1 or localhost."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_positive_int(name: str, value: str | int | None) -> int | None:
    """A `-a name=N` argument as a positive int, None when not given."""
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ArgumentError(f"-a {name}: {value!r} is not a whole number above 0")
    return number


class ArticleSpider(Spider):
    """Base of the ukrinform spiders; subclasses discover article URLs, this class fetches them.

    Arguments: ``edition`` (en, uk, es, de, ar, fr, ja, pl, ru), ``since`` / ``until`` (Kyiv dates,
    inclusive), ``max_pages``.
    """

    urls: SiteUrls
    challenge_retries: int
    _dedupes_ids: bool = True
    allowed_domains: list[str]

    def __init__(
        self,
        edition: str = "en",
        since: str | None = None,
        until: str | None = None,
        max_pages: str | int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if edition not in EDITION_HOSTS:
            raise one_of("-a edition", edition, "an edition", EDITION_HOSTS)
        self.edition = edition
        self.window = DateWindow.from_args(since, until)
        self.max_pages_arg = parse_positive_int("max_pages", max_pages)
        self.scheduled_ids: set[int] = set()
        self.failed_pages = 0

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        base_url = settings.get("UKRINFORM_BASE_URL")
        loopback = bool(base_url and is_loopback_origin(base_url))
        if loopback:
            # Politeness protects the live site; a loopback replica or mirror needs none.
            settings.set("DOWNLOAD_DELAY", 0, priority="spider")
            settings.set("AUTOTHROTTLE_ENABLED", False, priority="spider")
        distributed.configure(settings, loopback=loopback)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.urls = SiteUrls(spider.edition, settings.get("UKRINFORM_BASE_URL") or None)
        spider.challenge_retries = settings.getint("UKRINFORM_CHALLENGE_RETRIES")
        # Distributed, the shared frontier drops a repeated article id atomically with queueing
        # it (JobDupeFilter): an id counts as scheduled only once its request is in the queue. A
        # per-process set marks it before, and would drop it for good when this process reads
        # again a listing whose first reading never reached the queue.
        spider._dedupes_ids = not distributed.enabled(settings)
        # Requests and redirects stay on the fetch origin (the edition host, or the replica/mirror).
        spider.allowed_domains = [urlsplit(spider.urls.base_url).hostname or spider.urls.host]
        crawler.signals.connect(spider.close_if_incomplete, signal=scrapy_signals.spider_idle)
        return spider

    @property
    def max_pages(self) -> int | None:
        """Pages to walk: the argument, else unlimited with ``since``, else a small default."""
        if self.max_pages_arg is not None:
            return self.max_pages_arg
        if self.window.since is not None:
            return None
        return self.settings.getint("UKRINFORM_DEFAULT_MAX_PAGES")

    def request(
        self,
        url: str,
        callback: Any,
        *,
        meta: dict[str, Any] | None = None,
        errback: Any = None,
        **cb_kwargs: Any,
    ) -> Request:
        """A request to the fetch origin with the edition's Accept-Language."""
        return Request(
            self.urls.fetch_url(url),
            callback=callback,
            errback=errback or self.page_error,
            cb_kwargs=cb_kwargs,
            meta=meta,
            headers={"Accept-Language": ACCEPT_LANGUAGE.get(self.edition, f"{self.edition},en")},
        )

    def count(self, key: str, value: int = 1) -> None:
        if stats := self.crawler.stats:
            stats.inc_value(f"ukrinform/{key}", value)

    def article_request(
        self, url: str, channel: str, published_at: datetime | None = None
    ) -> Request | None:
        """The request for an article URL of this edition, once per article id; None otherwise.

        The request carries ``ukrinform_article_id`` and ``ukrinform_article_url`` in its meta, for
        the incremental-state middleware.
        """
        ref = self.urls.article(url)
        if ref is None:
            return None
        self.crawler.signals.send_catch_log(
            signals.article_listed,
            article_id=ref.id,
            url=ref.url,
            channel=channel,
            published_at=published_at,
            spider=self,
        )
        if self._dedupes_ids:
            if ref.id in self.scheduled_ids:
                return None
            self.scheduled_ids.add(ref.id)
        return self.request(
            ref.url,
            self.parse_article,
            meta={"ukrinform_article_id": ref.id, "ukrinform_article_url": ref.url},
            errback=self.article_error,
            article_id=ref.id,
        )

    def retry_request(self, url: str) -> Request | None:
        """The request for an article that failed in an earlier run (exported whatever the
        window: the window of the run that listed it held it); None when not of this edition."""
        request = self.article_request(url, "retry")
        if request is not None:
            request.meta[RETRIED_FAILURE] = True
        return request

    def article_error(self, failure: Failure) -> None:
        """Every retry of an article request failed (network error, HTTP error, size limit)."""
        request = failure.request  # type: ignore[attr-defined]  # set by Scrapy on errbacks
        self.give_up(
            request.meta["ukrinform_article_id"],
            request.meta["ukrinform_article_url"],
            self.failure_reason(failure),
        )

    @staticmethod
    def failure_reason(failure: Failure) -> str:
        error = failure.value
        if isinstance(error, HttpError):
            return f"http_{error.response.status}"
        return failure_reason(error) if error is not None else "unknown"

    def page_error(self, failure: Failure) -> None:
        """A listing, feed or search page failed after every retry: the walk is incomplete.

        The run goes on with what it has, then closes with reason ``page_failed`` (a failed run).
        """
        request = failure.request  # type: ignore[attr-defined]  # set by Scrapy on errbacks
        if isinstance(failure.value, OriginUnreachable):
            return  # said once, and the run is closing
        reason = self.failure_reason(failure)
        self.failed_pages += 1
        self.count("pages/failed")
        self.count(f"pages/failed/{reason}")
        logger.error("Page failed (%s); articles it lists are not crawled: %s", reason, request.url)

    def close_if_incomplete(self) -> None:
        if self.failed_pages:
            raise CloseSpider("page_failed")

    def give_up(self, article_id: int, url: str, reason: str) -> None:
        self.count("articles/failed")
        self.count(f"articles/failed/{reason}")
        logger.error("Article %s failed (%s): %s", article_id, reason, url)
        self.crawler.signals.send_catch_log(
            signals.article_failed, article_id=article_id, url=url, reason=reason, spider=self
        )

    def parse_article(self, response: Response, article_id: int) -> Iterator[Article | Request]:
        """One article page → one Article; a page without article markup is refetched (bounded);
        a page that cannot be parsed fails its article (reason ``parse_error``)."""
        try:
            page = (
                ArticlePage(response, edition=self.edition)
                if isinstance(response, TextResponse)
                else None
            )
            item = page.to_item() if page is not None and page.is_article() else None
        except Exception as error:  # one article fails, never the crawl
            logger.error("Cannot parse article %s (%r): %s", article_id, error, response.url)
            self.give_up(article_id, response.meta["ukrinform_article_url"], "parse_error")
            return
        if item is None:
            yield from self.retry_non_article(response, article_id)
            return
        if (
            item.published_at
            and not response.meta.get(RETRIED_FAILURE)
            and not self.window.contains(datetime.fromisoformat(item.published_at))
        ):
            self.count("articles/outside_window")
            self.crawler.signals.send_catch_log(
                signals.article_outside_window, article_id=article_id, spider=self
            )
            return
        self.count("articles/parsed")
        yield item

    def retry_non_article(self, response: Response, article_id: int) -> Iterator[Request]:
        self.count("articles/no_article_markup")
        retry = get_retry_request(
            response.request,  # type: ignore[arg-type]  # always set in a callback
            spider=self,
            reason="no_article_markup",
            max_retry_times=self.challenge_retries,
        )
        if retry is not None:
            yield retry
            return
        logger.error(
            "Article %s has no article markup after %d refetches (bot challenge or error page)",
            article_id,
            self.challenge_retries,
        )
        self.give_up(article_id, response.meta["ukrinform_article_url"], "no_article_markup")
