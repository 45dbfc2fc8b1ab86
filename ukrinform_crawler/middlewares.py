"""Spider middleware of the incremental state: skip known articles, stop walks at known pages."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from ukrinform_crawler.extensions import RunExtension
from ukrinform_crawler.spiders.base import ArticleSpider
from ukrinform_crawler.state import RecheckPolicy, Store, search_window_key, utcnow
from ukrinform_crawler.window import KYIV

logger = logging.getLogger(__name__)

KNOWN_PAGES = "ukrinform_known_pages"
"""Meta key of a next-page request: how many pages in a row before it listed only known articles."""


@dataclass
class Tally:
    """Article requests of one response, and how many of them the state knows as exported."""

    articles: int = 0
    known: int = 0


class KnownArticlesMiddleware:
    """Drops requests for articles already exported and not due for a re-check; stops a listing or
    search walk once more than ``UKRINFORM_OVERLAP_PAGES`` pages in a row held only such articles.

    An article is known when it was delivered or has a failure record that a later run retries.
    The early stop applies only when the last run of the same walk succeeded, so a run after a
    crash or a failure walks the listing in full and finishes the interrupted work.
    """

    def __init__(
        self,
        crawler: Crawler,
        store: Store,
        policy: RecheckPolicy,
        overlap: int,
        retry_failed: int = 0,
        retry_failed_runs: int = 0,
    ) -> None:
        self.crawler = crawler
        self.store = store
        self.policy = policy
        self.overlap = overlap
        self.retry_failed = retry_failed
        self.retry_failed_runs = retry_failed_runs

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        store = RunExtension.store_of(crawler)
        if store is None:
            raise NotConfigured  # no state: no message, Scrapy logs one for every message
        policy = RecheckPolicy(
            freshness=timedelta(hours=settings.getfloat("UKRINFORM_FRESHNESS_HOURS")),
            minimum=timedelta(minutes=settings.getfloat("UKRINFORM_RECHECK_MIN_MINUTES")),
        )
        return cls(
            crawler,
            store,
            policy,
            settings.getint("UKRINFORM_OVERLAP_PAGES"),
            settings.getint("UKRINFORM_RETRY_FAILED"),
            settings.getint("UKRINFORM_RETRY_FAILED_RUNS"),
        )

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """The spider's start requests, then the articles that failed in earlier runs.

        A failed article deeper in a listing than the early stop reaches would otherwise wait
        for a full walk; it is fetched again in each run until it is exported or has failed
        ``UKRINFORM_RETRY_FAILED_RUNS`` times (stat ``ukrinform/state/retried_failures``).
        """
        tally = Tally()
        async for output in start:
            if (kept := self.filter(output, None, tally)) is not None:
                yield kept
        for request in self.failed_article_requests():
            yield request

    def failed_article_requests(self) -> Iterator[Request]:
        spider = self.crawler.spider
        if (
            not self.store.is_open
            or self.retry_failed <= 0
            or not isinstance(spider, ArticleSpider)
        ):
            return
        for _article_id, url in self.store.failed_articles(
            self.retry_failed, self.retry_failed_runs
        ):
            if (request := spider.retry_request(url)) is not None:
                self.count("retried_failures")
                yield request

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        tally = Tally()
        for output in result:
            if (kept := self.filter(output, response, tally)) is not None:
                yield kept

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        tally = Tally()
        async for output in result:
            if (kept := self.filter(output, response, tally)) is not None:
                yield kept

    def filter(self, output: Any, response: Response | None, tally: Tally) -> Any:
        if not isinstance(output, Request) or not self.store.is_open:
            return output
        if (article_id := output.meta.get("ukrinform_article_id")) is not None:
            return self.article(output, int(article_id), tally)
        if output.meta.get("ukrinform_next_page") and response is not None:
            return self.next_page(output, response, tally)
        if (day := output.meta.get("ukrinform_search_day")) is not None:
            return self.search_window(output, day)
        return output

    def search_window(self, request: Request, day: str) -> Request | None:
        """Drops a search day window read to its end by an earlier run, once the day is final."""
        spider = self.crawler.spider
        if spider is None:
            return request
        key = search_window_key(
            spider.name,
            str(getattr(spider, "edition", "")),
            str(getattr(spider, "query", "")),
            getattr(spider, "rubric", None),
            day,
        )
        day_end = datetime.combine(date.fromisoformat(day), time(0, 0), tzinfo=KYIV)
        settled = day_end + timedelta(days=1) + self.policy.freshness <= utcnow()
        if settled and self.store.window_finished(key):
            self.count("windows_skipped")
            return None
        return request

    def article(self, request: Request, article_id: int, tally: Tally) -> Request | None:
        state = self.store.get(article_id)
        known = state is not None and state.known
        tally.articles += 1
        tally.known += known
        if self.policy.needs_fetch(state, utcnow()):
            if state is not None and state.exported:
                self.count("recheck")
            return request
        self.count("skipped_known")
        return None

    def next_page(self, request: Request, response: Response, tally: Tally) -> Request | None:
        streak = int(response.meta.get(KNOWN_PAGES, 0))
        if tally.articles and tally.known == tally.articles:
            streak += 1
        elif tally.articles:
            streak = 0
        request.meta[KNOWN_PAGES] = streak
        if streak > self.overlap and self.store.early_stop_allowed:
            self.count("early_stop")
            logger.info(
                "Walk stops early after %s: %d pages in a row listed only known articles",
                response.url,
                streak,
            )
            return None
        return request

    def count(self, key: str) -> None:
        self.crawler.stats.inc_value(f"ukrinform/state/{key}")
