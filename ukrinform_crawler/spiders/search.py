"""Spider `ukrinform_search`: backfill a period through the site's extended search, day by day."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from scrapy import FormRequest, Request
from scrapy.http import Response, TextResponse

from ukrinform_crawler import signals
from ukrinform_crawler.pages.navigation import ListingPage, SearchFormPage
from ukrinform_crawler.spiders.base import ArticleSpider
from ukrinform_crawler.urls import RUBRIC_IDS
from ukrinform_crawler.usage import one_of
from ukrinform_crawler.window import KYIV, parse_bound

logger = logging.getLogger(__name__)

FORM_PAGE = "/block-lastnews"
"""Any page of the site carries the search form and its CSRF token; this one always exists."""


class UkrinformSearchSpider(ArticleSpider):
    """Posts the extended-search form for each day of ``[since, until]``, newest day first.

    Follows the site's flow: CSRF token from a page, ``POST /redirect``, then
    ``/search-<payload>?page=N``. Day windows keep each search below the result cap.
    Arguments: ``query``, ``rubric`` (slug), ``since`` (default: a week before ``until``), ``until``
    (default: today, Kyiv), ``edition``, ``max_pages`` (per day).
    """

    name = "ukrinform_search"

    def __init__(
        self,
        query: str | None = None,
        rubric: str | None = None,
        since: str | None = None,
        until: str | None = None,
        **kwargs: Any,
    ) -> None:
        until = until or datetime.now(KYIV).date().isoformat()
        if not since:
            end = parse_bound(until, end=True, name="until") or datetime.now(KYIV)
            since = (end.date() - timedelta(days=7)).isoformat()
        super().__init__(since=since, until=until, **kwargs)
        self.query = (query or "").strip()
        self.rubric = rubric.removeprefix("rubric-") if rubric else None
        if self.rubric is not None and self.rubric not in RUBRIC_IDS:
            raise one_of("-a rubric", rubric, "a rubric of the search form", RUBRIC_IDS)
        self.form_refetches = 0
        self.progress_done = 0
        self.progress_total = len(self.days())

    def days(self) -> list[date]:
        """The day windows, newest first."""
        since, until = self.window.since, self.window.until
        if since is None or until is None:
            raise ValueError("search needs since and until")
        first = since.date()
        last = (until - timedelta(microseconds=1)).date()
        return [last - timedelta(days=n) for n in range((last - first).days + 1)]

    async def start(self) -> AsyncIterator[Request]:
        yield self.request(FORM_PAGE, self.parse_form)

    def parse_form(self, response: Response, days: list[str] | None = None) -> Iterator[Request]:
        """Reads the CSRF token, then posts one search per day window."""
        form = SearchFormPage(response) if isinstance(response, TextResponse) else None
        token = form.token() if form else None
        if form is None or token is None:
            self.count("search/no_token")
            logger.error("No CSRF token on %s; cannot search", response.url)
            return
        wanted = [date.fromisoformat(day) for day in days] if days else self.days()
        for rank, day in enumerate(wanted):
            yield self.window_request(day, token, form.action_path(), priority=-rank)

    def window_request(self, day: date, token: str, action: str, priority: int) -> Request:
        shown = day.strftime("%d.%m.%Y")
        formdata = {
            "type": "search",
            "_token": token,
            "params[date_beg]": shown,
            "params[date_end]": shown,
            "params[query]": self.query,
            "params[rubric_id]": str(RUBRIC_IDS.get(self.rubric or "", 0)),
            "from": shown,
            "to": shown,
        }
        return FormRequest(
            self.urls.fetch_url(action),
            formdata=formdata,
            callback=self.parse_results,
            cb_kwargs={"day": day.isoformat(), "page": 1},
            meta={"handle_httpstatus_list": [419], "ukrinform_search_day": day.isoformat()},
            priority=priority,
            dont_filter=True,
        )

    def parse_results(self, response: Response, day: str, page: int) -> Iterator[Request]:
        """One page of one day's results: its articles, then the next page of that day."""
        if response.status == 419:
            yield from self.refetch_token(day)
            return
        listing = ListingPage(response) if isinstance(response, TextResponse) else None
        if listing is None or not listing.is_listing():
            self.count("search/no_listing_markup")
            logger.warning("Search results for %s page %d have no listing markup", day, page)
            return
        self.count("search/pages")
        for entry in listing.entries():
            if request := self.article_request(entry.url, "search", entry.published_at):
                yield request
        next_url = listing.next_page_url(page)
        if next_url and (self.max_pages is None or page < self.max_pages):
            yield self.request(
                response.urljoin(next_url),
                self.parse_results,
                meta={"ukrinform_next_page": True, "ukrinform_search_day": day},
                day=day,
                page=page + 1,
            )
            return
        if next_url:
            self.count("search/windows_truncated")
            logger.warning("Day %s has more than max_pages=%s result pages", day, self.max_pages)
        self.progress_done += 1
        self.crawler.signals.send_catch_log(
            signals.search_window_done, day=day, query=self.query, rubric=self.rubric, spider=self
        )

    def refetch_token(self, day: str) -> Iterator[Request]:
        """419: the token expired or the session was lost; take a fresh one (bounded)."""
        self.count("search/token_rejected")
        self.form_refetches += 1
        if self.form_refetches > 3 * self.progress_total + 3:
            logger.error("The search form keeps rejecting our token; giving up day %s", day)
            return
        request = self.request(FORM_PAGE, self.parse_form, days=[day])
        yield request.replace(dont_filter=True)
