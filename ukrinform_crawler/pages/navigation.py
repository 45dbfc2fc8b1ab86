"""Navigation pages: listings (latest news, rubric, tag, search), RSS, sitemaps, search form."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any
from urllib.parse import parse_qs, urlsplit

from parsel import Selector
from scrapy.http import TextResponse

from ukrinform_crawler.pages.css import select
from ukrinform_crawler.text import parse_iso_datetime, parse_rfc822


@dataclass(frozen=True)
class ListingEntry:
    """One article link of a listing, with its listed publication time when shown."""

    url: str
    published_at: datetime | None


class ListingPage:
    """A `section.restList` listing: article links (`div.rest`, `article` items), next page."""

    CONTAINER = "section.restList"
    ITEMS = "section.restList > div.rest, section.restList article"
    ITEM_LINKS = "h2 a::attr(href), a::attr(href)"
    ITEM_TIME = "time::attr(datetime)"
    ALL_LINKS = "section.restList a::attr(href)"
    NEXT_PAGE = 'a[rel="next"]::attr(href)'
    PAGE_LINKS = "a.page-link::attr(href)"

    def __init__(self, response: TextResponse) -> None:
        self.response = response

    @cached_property
    def _root(self) -> Any:
        """The lxml tree of the page (parsed once by the response's selector)."""
        return self.response.selector.root

    def _select(self, css: str, node: Any = None) -> list[Any]:
        return select(css, self._root if node is None else node)

    def is_listing(self) -> bool:
        """True when the page has the listing container (an empty one past the last page too)."""
        return bool(self._select(self.CONTAINER))

    def entries(self) -> Iterator[ListingEntry]:
        """Every link of the listing in page order: the items, then stray links of the container.

        Links are returned as written (relative or absolute); the spider decides which are articles.
        """
        listed: set[str] = set()
        for item in self._select(self.ITEMS):
            times = self._select(self.ITEM_TIME, item)
            published = parse_iso_datetime(times[0] if times else None)
            for href in self._select(self.ITEM_LINKS, item):
                href = href.strip()
                if href and href not in listed:
                    listed.add(href)
                    yield ListingEntry(url=href, published_at=published)
        for href in self._select(self.ALL_LINKS):
            href = href.strip()
            if href and href not in listed:
                listed.add(href)
                yield ListingEntry(url=href, published_at=None)

    def next_page_url(self, page: int) -> str | None:
        """The `rel="next"` link; failing that, the pagination link to ``?page=<page + 1>``."""
        if href := self.response.css(self.NEXT_PAGE).get():
            return href.strip()
        wanted = str(page + 1)
        for href in self.response.css(self.PAGE_LINKS).getall():
            if parse_qs(urlsplit(href.strip()).query).get("page") == [wanted]:
                return href.strip()
        return None


class FeedPage:
    """An RSS 2.0 feed: item links with their publication dates. Entities are never resolved."""

    ITEMS = "//channel/item"

    def __init__(self, response: TextResponse) -> None:
        self.selector = Selector(text=response.text, type="xml", huge_tree=False)

    def entries(self) -> Iterator[ListingEntry]:
        for item in self.selector.xpath(self.ITEMS):
            link = (item.xpath("link/text()").get() or "").strip()
            if link:
                yield ListingEntry(
                    url=link, published_at=parse_rfc822(item.xpath("pubDate/text()").get())
                )


@dataclass(frozen=True)
class SitemapEntry:
    """One `<loc>` of a sitemap index or urlset, with its `<lastmod>`."""

    url: str
    lastmod: datetime | None


class SitemapPage:
    """A sitemap index (`<sitemapindex>`) or url set (`<urlset>`). Entities are never resolved."""

    def __init__(self, response: TextResponse) -> None:
        self.selector = Selector(text=response.text, type="xml", huge_tree=False)
        self.selector.remove_namespaces()

    def is_index(self) -> bool:
        return bool(self.selector.xpath("/sitemapindex"))

    def entries(self) -> Iterator[SitemapEntry]:
        for node in self.selector.xpath("/sitemapindex/sitemap | /urlset/url"):
            loc = (node.xpath("loc/text()").get() or "").strip()
            if loc:
                yield SitemapEntry(
                    url=loc, lastmod=parse_iso_datetime(node.xpath("lastmod/text()").get())
                )


class SearchFormPage:
    """Any HTML page of the site, read for its extended-search form (CSRF token and action)."""

    CSRF_SELECTOR = (
        'meta[name="csrf-token"]::attr(content), '
        'form[name="extended_search"] input[name="_token"]::attr(value)'
    )
    ACTION = 'form[name="extended_search"]::attr(action)'

    def __init__(self, response: TextResponse) -> None:
        self.response = response

    def token(self) -> str | None:
        token = self.response.css(self.CSRF_SELECTOR).get()
        return token.strip() if token else None

    def action_path(self) -> str:
        """Path the form posts to (`/redirect`)."""
        action = self.response.css(self.ACTION).get() or "/redirect"
        return urlsplit(action.strip()).path or "/redirect"
