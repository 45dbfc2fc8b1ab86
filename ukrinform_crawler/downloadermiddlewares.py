"""Downloader middlewares: backoff before retries, a redirect guard, charset repair."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Self
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares import cookies as scrapy_cookies
from scrapy.downloadermiddlewares.cookies import CookiesMiddleware
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response, TextResponse
from scrapy.utils.defer import deferred_from_coro, deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import load_object
from tldextract import TLDExtract
from twisted.internet.error import ConnectionDone, ConnectionLost, NoRouteError
from twisted.internet.task import deferLater

from ukrinform_crawler.text import is_utf8

logger = logging.getLogger(__name__)


class OfflineCookiesMiddleware(CookiesMiddleware):
    """Scrapy's cookie middleware, with tldextract's bundled public-suffix list.

    Scrapy checks cookie domains with a ``TLDExtract`` that downloads the public-suffix list
    on first use; offline, that prints about 180 lines of tracebacks, and it is network access
    outside the crawl. The list shipped inside tldextract serves the same check.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        scrapy_cookies._split_domain = TLDExtract(
            suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
        )
        return super().from_crawler(crawler)


def retry_after_seconds(value: bytes | None, now: datetime | None = None) -> float | None:
    """The delay a ``Retry-After`` header asks for (delta seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RedirectRefused(IgnoreRequest):
    """A redirect that leaves the fetch origin or the http(s) schemes; never followed."""

    def __init__(self, location: str, reason: str) -> None:
        super().__init__(f"{reason} redirect to {location[:200]!r} refused")
        self.location = location
        self.reason = reason


class OriginUnreachable(IgnoreRequest):
    """The fetch origin cannot be reached at all (DNS failure, connection refused)."""


UNREACHABLE: dict[type[Exception], str] = {
    CannotResolveHostError: "DNS lookup failed",
    DownloadConnectionRefusedError: "connection refused",
    NoRouteError: "no route to host",
}


def failure_reason(error: BaseException) -> str:
    """A short, stable name for why a download failed, for stats and the state's failure rows."""
    if isinstance(error, RedirectRefused):
        return f"redirect_{error.reason}"
    if isinstance(error, OriginUnreachable):
        return "origin_unreachable"
    if isinstance(error, DownloadCancelledError) or (
        isinstance(error, IgnoreRequest) and "DOWNLOAD_MAXSIZE" in str(error)
    ):
        return "too_large"
    if isinstance(error, DownloadTimeoutError):
        return "timeout"
    if isinstance(error, ResponseDataLossError):
        return "truncated"
    if isinstance(error, ConnectionDone | ConnectionLost):
        return "connection_lost"
    if isinstance(error, IgnoreRequest):
        return "ignored"
    return type(error).__name__


REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RedirectGuardMiddleware:
    """Refuses redirects off the spider's ``allowed_domains`` or to a scheme other than http(s).

    Runs before Scrapy's RedirectMiddleware sees the response (a higher order number), so the
    request fails with :class:`RedirectRefused` (its errback records the reason) instead of the
    redirect being dropped silently by the offsite filter or returned as a bare 3xx. Logs a
    warning and counts ``ukrinform/redirect/refused`` and ``ukrinform/redirect/refused/<reason>``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def refusal(self, location: str) -> str | None:
        """``offsite``, ``scheme``, or None when a redirect to ``location`` may be followed."""
        target = urlsplit(location)
        if target.scheme not in {"http", "https"}:
            return "scheme"
        domains = [d.lower() for d in getattr(self.crawler.spider, "allowed_domains", None) or []]
        host = (target.hostname or "").lower()
        if domains and not any(host == d or host.endswith(f".{d}") for d in domains):
            return "offsite"
        return None

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        location = response.headers.get(b"Location")
        if response.status not in REDIRECT_STATUSES or not location:
            return response
        if request.meta.get("dont_redirect"):
            return response
        raw = location.decode("latin-1").strip()
        if raw.startswith("//"):
            raw = f"{urlsplit(request.url).scheme}:{raw}"
        target = urljoin(request.url, raw)
        reason = self.refusal(target)
        if reason is None:
            return response
        if stats := self.crawler.stats:
            stats.inc_value("ukrinform/redirect/refused")
            stats.inc_value(f"ukrinform/redirect/refused/{reason}")
        logger.warning(
            "Refused %s redirect (HTTP %d) from %s to %s",
            reason,
            response.status,
            request.url,
            target[:200],
        )
        raise RedirectRefused(target, reason)


class UnreachableOriginMiddleware:
    """Ends the run at once when a host that has not answered yet cannot be reached at all.

    A DNS failure, a refused connection or no route to a host from which this run has had no
    response is a typo or a dead origin, not a hiccup: the request fails with
    :class:`OriginUnreachable` instead of being retried, one error line names the host, the
    error and the setting to check, and the spider closes with reason ``origin_unreachable``.
    Once a host has answered, the same errors are retried with backoff like any other.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.answered: set[str] = set()
        self.given_up = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        self.answered.add(urlparse_cached(request).netloc)
        return response

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> None:
        host = urlparse_cached(request).netloc
        what = next((text for kind, text in UNREACHABLE.items() if isinstance(exception, kind)), "")
        if not what or host in self.answered:
            return
        if not self.given_up:
            self.given_up = True
            base_url = self.crawler.settings.get("UKRINFORM_BASE_URL") or ""
            setting = (
                f"UKRINFORM_BASE_URL={base_url}"
                if base_url
                else "the network (UKRINFORM_BASE_URL is empty: the live site)"
            )
            logger.error("Cannot reach %s (%s); check %s. Stopping the crawl", host, what, setting)
            if stats := self.crawler.stats:
                stats.inc_value("ukrinform/origin_unreachable")
            engine = self.crawler.engine
            if engine is not None and engine.spider is not None:
                deferred_from_coro(engine.close_spider_async(reason="origin_unreachable"))
        raise OriginUnreachable(f"{host}: {what}")


class BackoffMiddleware:
    """Waits before Scrapy's RetryMiddleware retries: ``Retry-After`` when given, else exponential.

    Sits just outside RetryMiddleware (its ``process_response`` runs first) and only delays: the
    retry itself and its stats stay Scrapy's. Waits are capped by ``UKRINFORM_RETRY_AFTER_MAX``
    and ``UKRINFORM_BACKOFF_MAX``. A timeout is slow to find out, so a request that timed out gets
    at most ``UKRINFORM_TIMEOUT_RETRIES`` retries instead of ``RETRY_TIMES``.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.retry_codes = {int(code) for code in settings.getlist("RETRY_HTTP_CODES")}
        self.retry_times = settings.getint("RETRY_TIMES")
        self.base = settings.getfloat("UKRINFORM_BACKOFF_BASE")
        self.backoff_max = settings.getfloat("UKRINFORM_BACKOFF_MAX")
        self.retry_after_max = settings.getfloat("UKRINFORM_RETRY_AFTER_MAX")
        self.timeout_retries = settings.getint("UKRINFORM_TIMEOUT_RETRIES", self.retry_times)
        self.retry_exceptions = tuple(
            load_object(path) if isinstance(path, str) else path
            for path in settings.getlist("RETRY_EXCEPTIONS")
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def will_retry(self, request: Request) -> bool:
        budget = request.meta.get("max_retry_times", self.retry_times)
        return not request.meta.get("dont_retry") and request.meta.get("retry_times", 0) < budget

    def backoff(self, request: Request) -> float:
        return float(min(self.backoff_max, self.base * 2 ** request.meta.get("retry_times", 0)))

    async def wait(self, seconds: float, reason: str) -> None:
        if seconds <= 0:
            return
        if stats := self.crawler.stats:
            stats.inc_value("ukrinform/backoff/waits")
            stats.inc_value("ukrinform/backoff/milliseconds", round(seconds * 1000))
        logger.debug("Waiting %.1f s before retrying (%s)", seconds, reason)
        from twisted.internet import (
            reactor,
        )  # the running one; importing it early would install one

        await deferred_to_future(deferLater(reactor, seconds, lambda: None))

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if response.status in self.retry_codes and self.will_retry(request):
            asked = retry_after_seconds(response.headers.get(b"Retry-After"))
            delay = min(asked, self.retry_after_max) if asked is not None else self.backoff(request)
            await self.wait(delay, f"HTTP {response.status}")
        return response

    async def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> None:
        if isinstance(exception, DownloadTimeoutError):
            budget = request.meta.get("max_retry_times", self.retry_times)
            request.meta["max_retry_times"] = min(budget, self.timeout_retries)
        if isinstance(exception, self.retry_exceptions) and self.will_retry(request):
            await self.wait(self.backoff(request), type(exception).__name__)


MOSTLY_UTF8 = 20  # valid multi-byte UTF-8 characters per invalid byte above which a page is UTF-8
NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
CYRILLIC_LETTER = re.compile("[\u0400-\u0481\u048a-\u04ff]")


def looks_cyrillic(text: str) -> bool:
    """True when most non-ASCII letters of ``text`` are Cyrillic."""
    letters = sum(1 for _ in NON_ASCII_LETTER.finditer(text))
    cyrillic = sum(1 for _ in CYRILLIC_LETTER.finditer(text))
    return bool(letters) and cyrillic >= 0.8 * letters


def utf8_damage(body: bytes) -> tuple[int, int]:
    """(valid non-ASCII characters, undecodable bytes) of ``body`` read as UTF-8."""
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return non_ascii - bad, bad


class CharsetRepairMiddleware:
    """Decodes a page by what its bytes are when its declared charset is wrong.

    A page declared windows-1251 (or anything) whose bytes are UTF-8 text with non-ASCII
    characters (``is_utf8``, the rule the article page reads its bytes by) is UTF-8; a page
    declared UTF-8 whose bytes are not UTF-8 but read as Cyrillic (or as plain punctuation) in
    windows-1251 is windows-1251. A UTF-8 page with a few invalid bytes stays UTF-8: the bytes
    become U+FFFD and the validation pipeline drops an article they reach. Anything else is left
    alone. Repairs are logged and counted in ``ukrinform/charset/repaired``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if not isinstance(response, TextResponse) or response.body.isascii():
            return response
        declared = response.encoding.lower().replace("_", "-")
        is_utf8_declared = declared in {"utf-8", "utf8"}
        if is_utf8(response.body):
            return response if is_utf8_declared else self.repaired(response, "utf-8", declared)
        valid, bad = utf8_damage(response.body)
        if is_utf8_declared and valid < MOSTLY_UTF8 * bad:
            return self.repaired(response, "cp1251", declared)
        return response

    def repaired(self, response: TextResponse, encoding: str, declared: str) -> TextResponse:
        if encoding == "cp1251":
            try:
                text = response.body.decode(encoding)
            except UnicodeDecodeError:
                return response
            if NON_ASCII_LETTER.search(text) and not looks_cyrillic(text):
                return response
        if stats := self.crawler.stats:
            stats.inc_value("ukrinform/charset/repaired")
        logger.warning(
            "Page declared %s is %s; decoding it as %s: %s",
            declared,
            encoding,
            encoding,
            response.url,
        )
        return response.replace(encoding=encoding)
