# `random` gives counter noise; secrets come from `secrets`.
# ruff: noqa: S311
"""The replica's HTTP side: routing, sessions and CSRF, search, sitemaps; faults hook in here."""

from __future__ import annotations

import base64
import contextlib
import gzip
import json
import random
import re
import secrets
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

from .corpus import PAGE_SIZE, Corpus, Headline, mix, week_bounds
from .faults import FAULT_MODES, Fault
from .model import KYIV, kyiv_iso
from .render import RenderContext, Renderer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "article"
SESSION_COOKIE = "ukrinform_session"
ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
SEARCH_KEYS = ("query", "rubric_id", "date_beg", "date_end")
HTML = "text/html; charset=UTF-8"


# --- search payloads ----------------------------------------------------------------------


def php_serialize(params: dict[str, str]) -> str:
    """PHP ``serialize`` of a string→string array; ``s:N`` counts UTF-8 bytes."""
    items = "".join(
        f's:{len(key.encode())}:"{key}";s:{len(value.encode())}:"{value}";'
        for key, value in params.items()
    )
    return f"a:{len(params)}:{{{items}}}"


def php_unserialize(text: str) -> dict[str, str]:
    """Inverse of :func:`php_serialize` (strings only); raises ValueError on anything else."""
    data = text.encode()
    match = re.match(rb"a:(\d+):\{", data)
    if not match:
        raise ValueError("not a PHP array")
    count, pos = int(match[1]), match.end()
    values: list[str] = []
    for _ in range(count * 2):
        item = re.compile(rb's:(\d+):"').match(data, pos)
        if not item:
            raise ValueError("not a PHP string")
        start = item.end()
        end = start + int(item[1])
        if data[end : end + 2] != b'";':
            raise ValueError("bad string length")
        values.append(data[start:end].decode())
        pos = end + 2
    if data[pos:] != b"}":
        raise ValueError("trailing data")
    return dict(zip(values[::2], values[1::2], strict=True))


def search_payload(params: dict[str, str]) -> str:
    """``/search-<payload>`` for form params: non-empty (PHP-truthy) values, fixed key order."""
    kept = {key: params[key] for key in SEARCH_KEYS if params.get(key) not in (None, "", "0")}
    encoded = base64.urlsafe_b64encode(php_serialize(kept).encode()).decode()
    return encoded.rstrip("=")


def decode_payload(payload: str) -> dict[str, str]:
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    return php_unserialize(raw.decode())


# --- request handling ---------------------------------------------------------------------

ARTICLE = re.compile(r"^/rubric-([a-z0-9_-]+)/(\d+)-([^/]+)\.html$")
RUBRIC = re.compile(r"^/rubric-([a-z0-9_-]+)(/block-lastnews)?$")
TAG = re.compile(r"^/tag-([a-z0-9_-]+)$")
SEARCH = re.compile(r"^/search-([A-Za-z0-9_-]+)$")
WEEK = re.compile(r"^/sitemap/(\d{4})/(\d{2})\.xml$")
RSS = re.compile(r"^/rss/(block-lastnews|rubric-[a-z0-9_-]+)$")


class ReplicaHandler(BaseHTTPRequestHandler):
    """One request against the replica (HTTP/1.1 keep-alive, Content-Length always set)."""

    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    replica: ClassVar[Replica]
    renderer: ClassVar[Renderer]
    _new_session: str | None = None
    _captured: list[tuple[int, bytes, str, dict[str, str]]] | None = None

    def log_message(self, format: str, *args: object) -> None:
        return

    # --- plumbing --------------------------------------------------------------------

    def context(self) -> RenderContext:
        return RenderContext(
            token=self._token(),
            now=datetime.now(KYIV),
            rnd=random.randrange(10**8, 10**9),
            bnith=secrets.token_urlsafe(60),
            rncf=base64.b64encode(secrets.token_bytes(32)).decode(),
        )

    def _session(self) -> str | None:
        raw = self.headers.get("Cookie")
        if not raw:
            return None
        try:
            cookie = SimpleCookie(raw)
        except CookieError:
            return None
        morsel = cookie.get(SESSION_COOKIE)
        if morsel and morsel.value in self.replica.sessions:
            return morsel.value
        return None

    def _token(self) -> str:
        session = self._session()
        if session is None:
            session = secrets.token_urlsafe(30)
            token = "".join(secrets.choice(ALPHANUMERIC) for _ in range(40))
            with self.replica.lock:
                self.replica.sessions[session] = token
            self._new_session = session
        return self.replica.sessions[session]

    def respond(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        if self._captured is not None:
            self._captured.append((status, body, content_type, dict(headers or {})))
            return
        self.replica.log(self.command, self.path, status)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        new_session = self._new_session
        if new_session:
            self.send_header(
                "Set-Cookie", f"{SESSION_COOKIE}={new_session}; path=/; httponly; samesite=lax"
            )
        if self.replica.gzip and "gzip" in self.headers.get("Accept-Encoding", "") and body:
            body = gzip.compress(body, compresslevel=1)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def html(self, status: int, page: str) -> None:
        self.respond(status, page.encode(), HTML)

    def not_found(self) -> None:
        self.html(
            404, self.renderer.message_page(self.strings["not_found"], "/404", self.context())
        )

    @property
    def strings(self) -> dict[str, str]:
        return self.replica.corpus.edition.strings

    def _fault(self) -> bool:
        for fault in list(self.replica.faults):
            if fault.applies(self.path):
                with contextlib.suppress(OSError):
                    FAULT_MODES[fault.mode](self, fault)
                return True
        return False

    def normal_response(self) -> tuple[int, bytes, str, dict[str, str]]:
        """The response this GET would get without faults (status, plain body, type, headers)."""
        self._captured = []
        try:
            self._dispatch()
        finally:
            captured, self._captured = self._captured, None
        return captured[0] if captured else (404, b"", HTML, {})

    # --- verbs -----------------------------------------------------------------------

    def do_GET(self) -> None:
        self._new_session = None
        with self.replica.serving(self.command, self.path):
            if self._fault():
                return
            with contextlib.suppress(BrokenPipeError):
                self._dispatch()

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        path = re.sub(r"/{2,}", "/", parts.path)
        query = parse_qs(parts.query)
        try:
            page = max(int(query.get("page", ["1"])[0]), 1)
        except ValueError:
            page = 1
        self.route(path, page)

    def do_POST(self) -> None:
        with self.replica.serving(self.command, self.path):
            self._post()

    def _post(self) -> None:
        self._new_session = None
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        if self._fault():
            return
        if urlsplit(self.path).path != "/redirect":
            self.not_found()
            return
        form = {key: values[0] for key, values in parse_qs(raw, keep_blank_values=True).items()}
        session = self._session()
        token = form.get("_token", "")
        if session is None or not token or self.replica.sessions.get(session) != token:
            self.respond(419, self.renderer.expired_page().encode(), HTML)
            return
        params = {key: form.get(f"params[{key}]", "") for key in SEARCH_KEYS}
        host = self.headers.get("Host") or self.replica.base_url.removeprefix("http://")
        location = f"http://{host}/search-{search_payload(params)}"
        self.respond(302, b"", HTML, {"Location": location})

    # --- routes ----------------------------------------------------------------------

    def route(self, path: str, page: int) -> None:
        replica, corpus, renderer = self.replica, self.replica.corpus, self.renderer
        if path in replica.real_pages:
            self.respond(200, replica.real_pages[path], HTML)
        elif match := ARTICLE.match(path):
            article = corpus.find(int(match[2]))
            if article is None or article.path != path:
                self.not_found()
            else:
                self.html(200, renderer.article_page(article, self.context()))
        elif path in ("/", "/block-lastnews"):
            self.listing("lastnews", self.strings["lastnews"], "/block-lastnews", page, "")
        elif match := RUBRIC.match(path):
            rubric = corpus.edition.rubric(match[1])
            if rubric is None:
                self.not_found()
            else:
                self.listing(f"rubric:{rubric.slug}", rubric.name, path, page, rubric.slug)
        elif match := TAG.match(path):
            names = dict(corpus.edition.tags)
            if match[1] not in names:
                self.not_found()
            else:
                self.listing(f"tag:{match[1]}", names[match[1]], path, page, "")
        elif match := SEARCH.match(path):
            self.search(match[1], page)
        elif match := RSS.match(path):
            self.rss(match[1])
        elif path == "/robots.txt":
            robots = f"User-agent: *\nDisallow:\n\nSitemap: https://{corpus.host}/sitemap.xml\n"
            self.respond(200, robots.encode(), "text/plain; charset=UTF-8")
        elif path.startswith("/sitemap"):
            self.sitemap(path)
        else:
            self.not_found()

    def listing(self, name: str, heading: str, base: str, page: int, rubric: str) -> None:
        corpus = self.replica.corpus
        gs = corpus.listing(name)
        start = (page - 1) * PAGE_SIZE
        heads = [corpus.headline(g) for g in gs[start : start + PAGE_SIZE]]
        content = self.renderer.listing_content(heading, heads, base, page, len(gs))
        shown = base if page == 1 else f"{base}?page={page}"
        feed = f"rubric-{rubric}" if rubric else "block-lastnews"
        self.html(
            200, self.renderer.chrome_page(heading, shown, content, self.context(), rubric, feed)
        )

    def search(self, payload: str, page: int) -> None:
        try:
            params = decode_payload(payload)
        except (ValueError, UnicodeDecodeError):
            self.not_found()
            return
        try:
            matches, total = self.replica.search(payload, params, page * PAGE_SIZE + 1)
        except ValueError:
            self.not_found()
            return
        start = (page - 1) * PAGE_SIZE
        corpus = self.replica.corpus
        heads = [corpus.headline(g) for g in matches[start : start + PAGE_SIZE]]
        heading = self.strings["search_results"]
        content = self.renderer.listing_content(heading, heads, f"/search-{payload}", page, total)
        shown = f"/search-{payload}" + ("" if page == 1 else f"?page={page}")
        self.html(200, self.renderer.chrome_page(heading, shown, content, self.context()))

    def rss(self, feed: str) -> None:
        corpus = self.replica.corpus
        if feed == "block-lastnews":
            gs = corpus.listing("lastnews")
            title = self.strings["site_title"]
        else:
            rubric = corpus.edition.rubric(feed.removeprefix("rubric-"))
            if rubric is None:
                self.not_found()
                return
            gs = corpus.listing(f"rubric:{rubric.slug}")
            title = f"{self.strings['site_title']} - {rubric.name}"
        heads = [corpus.headline(g) for g in gs[:32]]
        body = self.renderer.rss(heads, f"/rss/{feed}", title)
        self.respond(200, body.encode(), "application/rss+xml; charset=UTF-8")

    def sitemap(self, path: str) -> None:
        replica = self.replica
        if path == "/sitemap.xml":
            origin = f"https://{replica.corpus.host}"
            locs = [f"{origin}/sitemap/currentweek.xml"]
            locs += [f"{origin}/sitemap/{year}/{week:02d}.xml" for year, week in replica.weeks()]
            body = self.renderer.sitemap_index(locs)
        elif path == "/sitemap/last.xml":
            corpus = replica.corpus
            heads = [corpus.headline(g) for g in corpus.listing("lastnews")[:170]]
            body = self.renderer.urlset([(head.url, kyiv_iso(head.published)) for head in heads])
        elif path == "/sitemap/currentweek.xml":
            year, week = replica.weeks()[0]
            body = self.renderer.urlset(replica.week_entries(year, week))
        elif (match := WEEK.match(path)) and (int(match[1]), int(match[2])) in replica.week_set():
            body = self.renderer.urlset(replica.week_entries(int(match[1]), int(match[2])))
        else:
            self.not_found()
            return
        self.respond(200, body.encode(), "text/xml; charset=UTF-8")


# --- the replica --------------------------------------------------------------------------


class Replica:
    """A local ukrinform edition on 127.0.0.1, served from a thread; use as a context manager."""

    def __init__(
        self,
        edition: str = "en",
        articles: int = 300,
        seed: int = 7,
        faults: list[Fault] | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        search_cap: int = 1000,
        gzip: bool = True,
        fixtures: Path | None = FIXTURES,
        latency: float = 0.0,
    ) -> None:
        self.corpus = Corpus(edition=edition, count=articles, seed=seed)
        self.renderer = Renderer(self.corpus)
        self.faults: list[Fault] = list(faults or [])
        self.stopping = threading.Event()  # releases connections that faults hold open
        self.search_cap = search_cap
        self.gzip = gzip
        self.latency = latency
        """Seconds each request waits before it is answered (a slow site, for benchmarks)."""
        self.requests: list[tuple[str, str, int]] = []
        self.arrivals: list[tuple[float, str, str]] = []
        """(``time.monotonic()`` on arrival, method, path) of every request, in order."""
        self.in_flight = 0
        self.max_in_flight = 0
        self.sessions: dict[str, str] = {}
        self.lock = threading.Lock()
        self.real_pages = load_real_pages(fixtures, self.corpus.host)
        self._search_cache: dict[tuple[str, int], tuple[list[int], int, bool]] = {}
        self._host, self._port = host, port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------

    def start(self) -> Replica:
        self.stopping.clear()

        class BoundHandler(ReplicaHandler):
            pass

        BoundHandler.replica = self
        BoundHandler.renderer = self.renderer
        server = ThreadingHTTPServer((self._host, self._port), BoundHandler)
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="replica", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Replica:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("replica is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    # --- observation and control -----------------------------------------------------

    @contextlib.contextmanager
    def serving(self, method: str, path: str) -> Iterator[None]:
        """Counts a request in flight while it is served, after ``latency``."""
        with self.lock:
            self.arrivals.append((time.monotonic(), method, path))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.latency:
                time.sleep(self.latency)
            yield
        finally:
            with self.lock:
                self.in_flight -= 1

    def log(self, method: str, path: str, status: int) -> None:
        with self.lock:
            self.requests.append((method, path, status))

    def hits(self, pattern: str) -> int:
        regex = re.compile(pattern)
        with self.lock:
            return sum(1 for _method, path, _status in self.requests if regex.search(path))

    def add_article(self) -> int:
        article_id = self.corpus.add_article()
        with self.lock:
            self._search_cache.clear()
        return article_id

    def edit_article(self, article_id: int) -> None:
        """Edit a published article in place (``Corpus.edit_article``)."""
        self.corpus.edit_article(article_id)
        with self.lock:
            self._search_cache.clear()

    # --- search ----------------------------------------------------------------------

    def search(self, payload: str, params: dict[str, str], needed: int) -> tuple[list[int], int]:
        """Matching ``g`` values, newest first (``needed`` of them, or all), and their count."""
        corpus = self.corpus
        window = self._window(params)
        rubric = None
        if params.get("rubric_id"):
            rubric = next(
                (r.slug for r in corpus.edition.rubrics if str(r.rubric_id) == params["rubric_id"]),
                "-",
            )
        query = (params.get("query") or "").casefold().strip()
        key = (payload, corpus.added)
        with self.lock:
            matches, position, done = self._search_cache.get(key, ([], window.start, False))
        limit = min(needed, self.search_cap)
        while not done and len(matches) < limit:
            if position >= window.stop:
                done = True
                break
            g = position
            position += 1
            if rubric and corpus.rubric_of(g) != rubric:
                continue
            if query and query not in corpus.search_text(g):
                continue
            matches.append(g)
        if len(matches) >= self.search_cap:
            done = True
            matches = matches[: self.search_cap]
        with self.lock:
            self._search_cache[key] = (matches, position, done)
            if len(self._search_cache) > 64:
                self._search_cache.pop(next(iter(self._search_cache)))
        return matches, len(matches)

    def _window(self, params: dict[str, str]) -> range:
        corpus = self.corpus
        start = datetime(1990, 1, 1, tzinfo=KYIV)
        end = datetime(2100, 1, 1, tzinfo=KYIV)
        if params.get("date_beg"):
            start = datetime.strptime(params["date_beg"], "%d.%m.%Y").replace(tzinfo=KYIV)
        if params.get("date_end"):
            day = datetime.strptime(params["date_end"], "%d.%m.%Y")
            end = (day + timedelta(days=1)).replace(tzinfo=KYIV)
        return corpus.g_range_between(start, end)

    # --- sitemaps --------------------------------------------------------------------

    def weeks(self) -> list[tuple[int, int]]:
        """ISO (year, week) of every week with articles, newest first."""
        corpus = self.corpus
        newest = corpus.published_of(corpus.newest_g).astimezone(KYIV).date()
        oldest = corpus.published_of(corpus.count - 1).astimezone(KYIV).date()
        monday = newest - timedelta(days=newest.weekday())
        out = []
        while monday + timedelta(days=6) >= oldest:
            iso = monday.isocalendar()
            out.append((iso.year, iso.week))
            monday -= timedelta(days=7)
        return out

    def week_set(self) -> set[tuple[int, int]]:
        return set(self.weeks())

    def week_entries(self, year: int, week: int) -> list[tuple[str, str]]:
        corpus = self.corpus
        start, end = week_bounds(year, week)
        gs = corpus.g_range_between(start, end)
        newest_week = self.weeks()[0] == (year, week)
        entries: list[tuple[str, str]] = []
        for k, g in enumerate(gs):
            head: Headline = corpus.headline(g)
            lastmod = head.published
            if mix(corpus.seed, g, 20) % 10 == 0:
                lastmod += timedelta(hours=1 + mix(corpus.seed, g, 21) % 60)
            url = head.url + (f"?fbclid=IwAR{mix(g, 22) % 10**12:012d}" if k == 5 else "")
            entries.append((url, kyiv_iso(lastmod)))
            if mix(corpus.seed, g, 23) % 15 == 0:
                entries.append(
                    (f"https://t.me/ukrinform_news/{40000 + g % 30000}", kyiv_iso(lastmod))
                )
        if newest_week:
            entries.insert(2, ("https://www.facebook.com/share/p/1BkqZ7xQ3e/", entries[0][1]))
        return entries


def load_real_pages(directory: Path | None, host: str) -> dict[str, bytes]:
    """Real saved pages of this host from ``tests/fixtures/article``, keyed by path."""
    pages: dict[str, bytes] = {}
    if directory is None or not directory.is_dir():
        return pages
    for meta_path in sorted(directory.glob("*.meta.json")):
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        url = urlsplit(str(meta.get("url", "")))
        html_path = meta_path.with_name(meta_path.name.removesuffix(".meta.json") + ".html.gz")
        if url.netloc == host and html_path.is_file():
            pages[url.path] = gzip.decompress(html_path.read_bytes())
    return pages
