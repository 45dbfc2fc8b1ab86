"""Ukrinform URL space: editions, article URL pattern, canonical form, fetch origin."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from w3lib.url import safe_url_string, url_query_cleaner

EDITION_HOSTS: dict[str, str] = {
    "uk": "www.ukrinform.ua",
    "en": "www.ukrinform.net",
    "es": "www.ukrinform.es",
    "de": "www.ukrinform.de",
    "ar": "www.ukrinform.org",
    "fr": "www.ukrinform.fr",
    "ja": "www.ukrinform.jp",
    "pl": "www.ukrinform.pl",
    "ru": "www.ukrinform.ru",
}
"""Edition code → canonical host."""

HOST_EDITIONS: dict[str, str] = {host: code for code, host in EDITION_HOSTS.items()}

ARTICLE_PATH = re.compile(r"^/rubric-(?P<rubric>[a-z0-9_-]+)/(?P<id>\d+)-[^/?#]+\.html$")
"""Path of an article page: ``/rubric-<rubric>/<id>-<slug>.html``."""
_MULTI_SLASH = re.compile(r"/{2,}")
_HOST_LIKE = re.compile(r"^//[^/]*\.[^/]*(?:/|$)")
_SAFE_URL = re.compile(r"[\w!#$%&'()*+,\-./:;=?@~]*", re.ASCII)
"""A URL of characters that ``safe_url_string`` leaves as they are."""
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "yclid", "mc_cid", "mc_eid"})
"""Query parameters that only track a click (``utm_*`` too): dropped from links."""


def single_slashes(path: str) -> str:
    """``path`` with every run of slashes made one (``//rubric-x//1-a.html``)."""
    return _MULTI_SLASH.sub("/", path)


def edition_of_host(host: str | None) -> str | None:
    """The edition code of a ukrinform host (with or without ``www.``), else None."""
    if not host:
        return None
    host = host.lower().split(":")[0]
    if not host.startswith("www."):
        host = "www." + host
    return HOST_EDITIONS.get(host)


@dataclass(frozen=True)
class ArticleRef:
    """What an article URL tells: id, rubric and canonical URL."""

    id: int
    rubric: str
    url: str


class SiteUrls:
    """Maps between canonical URLs of one edition and the origin actually fetched.

    ``base_url`` is where requests go (the live site by default, a replica or a mirror when
    set); items always carry canonical ``https://www.<edition host>/…`` URLs.
    """

    def __init__(self, edition: str, base_url: str | None = None) -> None:
        if edition not in EDITION_HOSTS:
            raise ValueError(f"unknown edition {edition!r}; known: {', '.join(EDITION_HOSTS)}")
        self.edition = edition
        self.host = EDITION_HOSTS[edition]
        self.canonical_origin = f"https://{self.host}"
        self.base_url = (base_url or self.canonical_origin).rstrip("/")
        parts = urlsplit(self.base_url)
        self.fetch_netloc = parts.netloc
        self.fetch_scheme = parts.scheme

    def fetch_url(self, path_or_url: str) -> str:
        """The URL to request for a path, a canonical URL, or a URL on the fetch origin."""
        absolute = urljoin(self.base_url + "/", path_or_url)
        parts = urlsplit(absolute)
        if edition_of_host(parts.netloc) == self.edition or parts.netloc == self.fetch_netloc:
            return urlunsplit((self.fetch_scheme, self.fetch_netloc, parts.path, parts.query, ""))
        return absolute

    def canonical(self, path_or_url: str) -> str:
        """The canonical https URL of a path or URL on this edition (query and fragment kept)."""
        parts = urlsplit(urljoin(self.base_url + "/", path_or_url))
        return urlunsplit(("https", self.host, parts.path, parts.query, ""))

    def is_own(self, url: str) -> bool:
        """True when a URL (absolute or relative) points at this edition or the fetch origin."""
        netloc = urlsplit(urljoin(self.base_url + "/", url)).netloc
        return netloc == self.fetch_netloc or edition_of_host(netloc) == self.edition

    def article(self, url: str) -> ArticleRef | None:
        """The article a URL points at, if it is an article URL of this edition."""
        if not self.is_own(url):
            return None
        return parse_article_path(urlsplit(urljoin(self.base_url + "/", url)).path, self.host)


def parse_article_path(path: str, host: str) -> ArticleRef | None:
    """Id, rubric and canonical URL of an article path on ``host``, or None."""
    path = single_slashes(path)
    if match := ARTICLE_PATH.match(path):
        return ArticleRef(
            id=int(match["id"]),
            rubric=match["rubric"],
            url=urlunsplit(("https", host, path, "", "")),
        )
    return None


def canonical_article_url(url: str, default_host: str | None = None) -> ArticleRef | None:
    """Canonical form of any article URL of any edition (http, bare host, ``//``, query).

    A relative URL needs ``default_host``, the canonical host of its edition.
    """
    parts = urlsplit(url if not url.startswith("//") else "https:" + url)
    host = parts.netloc
    if host:
        edition = edition_of_host(host)
        if edition is None:
            return None
        host = EDITION_HOSTS[edition]
    elif default_host:
        host = default_host
    else:
        return None
    return parse_article_path(parts.path, host)


def without_tracking(url: str) -> str:
    """``url`` without its click-tracking query parameters (``fbclid``, ``utm_*``, …)."""
    query = urlsplit(url).query
    if not query:
        return url
    names = [
        name
        for name, _ in parse_qsl(query, keep_blank_values=True)
        if name in TRACKING_PARAMETERS or name.startswith("utm_")
    ]
    if not names:
        return url
    return url_query_cleaner(url, names, remove=True, unique=False, keep_fragments=True)


def absolute_link(href: str, host: str, fetch_host: str) -> str:
    """The absolute URL of a link on a page of ``host`` fetched from ``fetch_host``.

    Links to any edition (or to the fetch origin) are made canonical: https, ``www.``, single
    slashes, an article link without its query; a ``//rubric-…`` path (no host) is a path.
    Other links are joined as a browser would. Tracking parameters are dropped and the result
    is made a valid URL (``w3lib.url.safe_url_string``).
    """
    href = href.strip()
    if href.startswith("//") and not _HOST_LIKE.match(href):
        href = "/" + href.lstrip("/")
    # An absolute http(s) link with a host splits as urljoin would give it back.
    parts = urlsplit(href) if href.startswith(("https://", "http://")) else None
    if parts is None or not parts.netloc:
        parts = urlsplit(urljoin(f"https://{host}/", href))
    joined = parts.geturl()
    edition = edition_of_host(parts.netloc)
    if parts.scheme in ("http", "https") and (edition or parts.netloc in (host, fetch_host)):
        canonical_host = EDITION_HOSTS[edition] if edition else host
        path = single_slashes(parts.path) or "/"
        ref = parse_article_path(path, canonical_host)
        joined = ref.url if ref else urlunsplit(("https", canonical_host, path, parts.query, ""))
    url = without_tracking(joined)
    return url if _SAFE_URL.fullmatch(url) else safe_url_string(url)


RUBRIC_IDS: dict[str, int] = {
    "ato": 24,
    "vidbudova": 32,
    "polytics": 13,
    "economy": 7,
    "factcheck": 33,
    "world": 23,
    "regions": 16,
    "society": 18,
    "culture": 3,
    "diaspora": 5,
    "sports": 19,
}
"""Rubric slug → `params[rubric_id]` of the extended-search form (0 = all rubrics)."""

RUBRICS: tuple[str, ...] = (
    *RUBRIC_IDS,
    "defense",
    "crime",
    "emergencies",
    "other_news",
    "kyiv",
    "technology",
    "health",
    "crimea",
    "tymchasovo-okupovani",
    "presshall",
    "tourism",
    "yakisne-zhyttia",
    "uarazom",
)
"""Rubric slugs of the editions (site model §2.2: menu, English feeds, off-menu slugs)."""
