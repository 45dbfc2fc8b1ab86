"""Spider `ukrinform`: the latest-news listing (or a rubric's), newest first; RSS; sitemaps."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from scrapy import Request
from scrapy.http import Response, TextResponse

from ukrinform_crawler.pages.navigation import FeedPage, ListingPage, SitemapPage
from ukrinform_crawler.spiders.base import ArticleSpider
from ukrinform_crawler.urls import RUBRICS
from ukrinform_crawler.usage import one_of
from ukrinform_crawler.window import KYIV

WEEKLY_SITEMAP = re.compile(r"/sitemap/(?P<year>\d{4})/(?P<week>\d{1,2})\.xml$")

logger = logging.getLogger(__name__)


class UkrinformSpider(ArticleSpider):
    """Walks ``/block-lastnews?page=N`` (or ``/rubric-<r>?page=N``), emits every listed article.

    Arguments (``-a``): ``edition`` (default en), ``rubric`` (e.g. ato, polytics), ``since`` and
    ``until`` (Kyiv dates, inclusive), ``max_pages`` (unlimited with ``since``; otherwise the
    ``UKRINFORM_DEFAULT_MAX_PAGES`` setting, 3), ``source`` (listing, rss or sitemap).
    """

    name = "ukrinform"

    SOURCES = ("listing", "rss", "sitemap")

    def __init__(self, rubric: str | None = None, source: str = "listing", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if source not in self.SOURCES:
            raise one_of("-a source", source, "a source", self.SOURCES)
        self.source = source
        self.rubric = rubric.removeprefix("rubric-").strip("/") if rubric else None
        if self.rubric is not None and self.rubric not in RUBRICS:
            raise one_of("-a rubric", rubric, "a rubric", RUBRICS)
        self.seen_on_listings: set[int] = set()

    def listing_path(self, page: int) -> str:
        path = f"/rubric-{self.rubric}" if self.rubric else "/block-lastnews"
        return path if page == 1 else f"{path}?page={page}"

    async def start(self) -> AsyncIterator[Request]:
        if self.source == "rss":
            feed = f"/rss/rubric-{self.rubric}" if self.rubric else "/rss/block-lastnews"
            yield self.request(feed, self.parse_feed)
        elif self.source == "sitemap":
            yield self.request("/sitemap.xml", self.parse_sitemap)
        else:
            yield self.request(self.listing_path(1), self.parse_listing, page=1)

    def parse_feed(self, response: Response) -> Iterator[Request]:
        """RSS: every item inside the window (cheap frequent polling; no pagination)."""
        if not isinstance(response, TextResponse):
            self.count("rss/not_text")
            return
        for entry in FeedPage(response).entries():
            if entry.published_at is not None and not self.window.contains(entry.published_at):
                continue
            if self.in_rubric(entry.url) and (
                request := self.article_request(entry.url, "rss", entry.published_at)
            ):
                yield request

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        """Sitemap index → weekly sitemaps overlapping the window → article URLs (junk filtered)."""
        if not isinstance(response, TextResponse):
            self.count("sitemap/not_text")
            return
        sitemap = SitemapPage(response)
        self.count("sitemap/files")
        if sitemap.is_index():
            for child in sitemap.entries():
                if self.urls.is_own(child.url) and self.sitemap_overlaps_window(child.url):
                    yield self.request(child.url, self.parse_sitemap)
            return
        for entry in sitemap.entries():
            if entry.lastmod is not None and self.window.is_before(entry.lastmod):
                continue  # lastmod is never before publication
            if self.urls.article(entry.url) is None:
                self.count("sitemap/skipped_links")
                continue
            if self.in_rubric(entry.url) and (
                request := self.article_request(entry.url, "sitemap")
            ):
                yield request

    def sitemap_overlaps_window(self, url: str) -> bool:
        """False only for a weekly sitemap (`/sitemap/<year>/<week>.xml`) outside the window."""
        match = WEEKLY_SITEMAP.search(urlsplit(url).path)
        if match is None:
            return True
        try:
            monday = date.fromisocalendar(int(match["year"]), int(match["week"]), 1)
        except ValueError:
            return True
        week_start = datetime.combine(monday, time(0, 0), tzinfo=KYIV)
        week_end = week_start + timedelta(days=7)
        return not self.window.is_before(week_end - timedelta(microseconds=1)) and not (
            self.window.is_after(week_start)
        )

    def in_rubric(self, url: str) -> bool:
        ref = self.urls.article(url)
        return ref is not None and (self.rubric is None or ref.rubric == self.rubric)

    def parse_listing(self, response: Response, page: int) -> Iterator[Request]:
        """Schedules the page's articles inside the window, then the next page unless done."""
        listing = ListingPage(response) if isinstance(response, TextResponse) else None
        if listing is None or not listing.is_listing():
            self.count("listing/no_listing_markup")
            logger.warning(
                "Listing page %d has no listing markup, stopping: %s", page, response.url
            )
            return
        self.count("listing/pages")
        fresh = 0
        newest: datetime | None = None
        for entry in listing.entries():
            ref = self.urls.article(entry.url)
            if ref is None:
                self.count("listing/skipped_links")
                continue
            if ref.id not in self.seen_on_listings:
                self.seen_on_listings.add(ref.id)
                fresh += 1
            if entry.published_at is not None:
                newest = max(newest or entry.published_at, entry.published_at)
                if not self.window.contains(entry.published_at):
                    self.count("listing/outside_window")
                    continue
            if request := self.article_request(ref.url, "listing", entry.published_at):
                yield request
        yield from self.next_listing(response, listing, page, fresh, newest)

    def is_next_listing_page(self, url: str, page: int) -> bool:
        """True when ``url`` is this listing's path with ``page=<page + 1>`` (a URL trap is not)."""
        parts = urlsplit(url)
        return parts.path.rstrip("/") == self.listing_path(1) and parse_qs(parts.query).get(
            "page"
        ) == [str(page + 1)]

    def next_listing(
        self,
        response: Response,
        listing: ListingPage,
        page: int,
        fresh: int,
        newest: datetime | None,
    ) -> Iterator[Request]:
        next_url = listing.next_page_url(page)
        if next_url is None:
            logger.info("Listing ends at page %d (no next link)", page)
            return
        if fresh == 0:
            self.count("listing/no_new_articles")
            logger.warning("Listing page %d lists no article not seen before; stopping", page)
            return
        if newest is not None and self.window.is_before(newest):
            logger.info("Listing page %d is older than since; stopping", page)
            return
        if self.max_pages is not None and page >= self.max_pages:
            logger.info("Stopping at max_pages=%d", self.max_pages)
            return
        cap = self.settings.getint("UKRINFORM_MAX_LISTING_PAGES", 10000)
        if cap and page >= cap:
            self.count("listing/page_cap")
            logger.warning(
                "Listing still has new articles at page %d = UKRINFORM_MAX_LISTING_PAGES; "
                "stopping (a pagination trap, or raise the cap): %s",
                cap,
                response.url,
            )
            return
        if not self.urls.is_own(response.urljoin(next_url)):
            self.count("listing/offsite_next")
            logger.warning("Next-page link leaves the site, not followed: %s", next_url)
            return
        if not self.is_next_listing_page(response.urljoin(next_url), page):
            self.count("listing/unexpected_next")
            logger.warning(
                "Next-page link of listing page %d is not page %d of %s; stopping: %s",
                page,
                page + 1,
                self.listing_path(1),
                next_url[:200],
            )
            return
        yield self.request(
            self.listing_path(page + 1),
            self.parse_listing,
            meta={"ukrinform_next_page": True},
            page=page + 1,
        )
