# `random` picks reproducible faults; nothing here is secret.
# ruff: noqa: S311
"""Fault injection for the replica: a hostile web, switchable per path pattern or by seeded chance.

A :class:`Fault` matches requests by a regular expression over path+query; when it applies, the
handler registered for its ``mode`` in :data:`FAULT_MODES` writes the whole (mis)response. Modes:

==========================  =====================================================================
``status-500/502/503``      that status (``Retry-After`` when ``retry_after`` is set)
``status-429``              429 Too Many Requests, ``Retry-After: <retry_after>`` when set
``reset``                   the page's headers and half its body, then a TCP reset
``truncated``               ``Content-Length`` of the whole page, half the body, then a clean close
``hang``                    headers, then nothing (until ``seconds`` pass or the replica stops)
``trickle``                 headers, then one byte every ``interval`` seconds
``challenge``               200 with a bot-challenge page (no article markup)
``redirect-offsite``        302 to the same path on ``localhost`` (another host name) under /evil
``redirect-file``           302 to ``file:///etc/passwd``
``redirect-data``           302 to a ``data:`` URL holding article-like markup
``endless-listing``         listing pages past the real last page: 20 new (missing) articles and a
                            next link, forever
``growing-url``             a listing page of new (missing) articles whose next link is its own
                            path plus one more segment (the URL grows each hop)
``huge``                    a 50 MB page with ``Content-Length``
``huge-chunked``            a 50 MB page, chunked (no ``Content-Length``)
``gzip-bomb``               590 bytes, ``Content-Encoding: gzip, gzip``, 256 MiB inflated
``brotli-bomb``             about 400 bytes, ``Content-Encoding: br``, 256 MiB inflated
``charset-utf8-as-1251``    the UTF-8 page declared ``charset=windows-1251``
``charset-1251-as-utf8``    the page encoded windows-1251, declared UTF-8
``invalid-bytes``           the UTF-8 page with bytes invalid in UTF-8 inside title and body
``xxe``                     an XML document (RSS, sitemap) with external entities in a DOCTYPE,
                            referenced from a new entry (``file:`` target and an HTTP probe of
                            the replica at ``/xxe-probe``)
``billion-laughs``          an XML document with the exponential-entity DOCTYPE, referenced from
                            a new entry
``malformed``               the page without ``</li>``, an unclosed ``<b>``, and an unclosed
                            ``article.news`` teaser nested inside the article after the text
``unclosed-p``              the page without any ``</p>``
``nested-article``          a whole ``article.news`` teaser inside the article text
``stray-end-tags``          ``</span></b></div></article>`` after the first paragraph
``no-tags``                 the page without its ``aside.tags`` (a layout change that drops a field)
``deep-divs``               the first paragraph of the text inside 5,000 nested ``<div>``
``deep-lists``              the first paragraph inside 3,000 nested ``<ul><li>`` (deeper than the
                            HTML parser reads)
``mixed``                   one of ``choices`` (picked by the fault's seeded generator)
==========================  =====================================================================
"""

from __future__ import annotations

import contextlib
import gzip
import random
import re
import socket
import struct
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote, urlsplit

import brotli

if TYPE_CHECKING:
    from .server import ReplicaHandler

HTML = "text/html; charset=UTF-8"
BOMB_SIZE = 256 * 1024 * 1024
HUGE_SIZE = 50 * 1000 * 1000
TRAP_ID_BASE = 90_000_000
CHUNK = 64 * 1024


@dataclass
class Fault:
    """Misbehaviour for requests whose path+query matches ``pattern`` (``re.search``).

    ``times``: only the first N matching requests of each distinct path+query, then normal
    service. ``probability``: apply to that share of matching requests (seeded, reproducible).
    ``retry_after``: the ``Retry-After`` header of status modes. ``seconds``: how long ``hang``
    holds the connection. ``interval``: seconds between the bytes of ``trickle``. ``choices``:
    the modes ``mixed`` picks from. ``target``: the ``file:`` URL of ``xxe``.
    """

    pattern: str
    mode: str
    times: int | None = None
    probability: float | None = None
    seed: int = 0
    retry_after: int | None = None
    seconds: float = 3600.0
    interval: float = 1.0
    choices: tuple[str, ...] = ("status-503", "reset", "status-429")
    target: str = "file:///etc/passwd"
    applied: int = field(init=False, default=0)
    _regex: re.Pattern[str] = field(init=False, repr=False)
    _counts: dict[str, int] = field(init=False, repr=False, default_factory=dict)
    _rng: random.Random = field(init=False, repr=False)
    _lock: threading.Lock = field(init=False, repr=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        modes = [self.mode, *(self.choices if self.mode == "mixed" else ())]
        for k, mode in enumerate(modes):
            if mode not in FAULT_MODES or (k and mode == "mixed"):
                raise ValueError(f"unknown fault mode {mode!r}; known: {', '.join(FAULT_MODES)}")
        self._regex = re.compile(self.pattern)
        self._rng = random.Random(self.seed)

    def applies(self, target: str) -> bool:
        if not self._regex.search(target):
            return False
        with self._lock:
            if self.times is not None and self._counts.get(target, 0) >= self.times:
                return False
            if self.probability is not None and self._rng.random() >= self.probability:
                return False
            self._counts[target] = self._counts.get(target, 0) + 1
            self.applied += 1
        return True

    def pick(self) -> str:
        with self._lock:
            return self._rng.choice(self.choices)


# --- low-level writing --------------------------------------------------------------------


def send_head(
    handler: ReplicaHandler,
    status: int,
    content_type: str = HTML,
    headers: dict[str, str] | None = None,
) -> None:
    """Status line and headers (no ``Content-Length`` unless given in ``headers``)."""
    handler.replica.log(handler.command, handler.path, status)
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.flush()


def write(handler: ReplicaHandler, data: bytes) -> bool:
    """Writes ``data``; False once the client has gone away."""
    try:
        handler.wfile.write(data)
        handler.wfile.flush()
    except OSError:
        return False
    return True


def hang_up(handler: ReplicaHandler, *, reset: bool) -> None:
    """Ends the connection: a TCP reset (RST) or a clean close (FIN)."""
    handler.close_connection = True
    if reset:
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        handler.connection.shutdown(socket.SHUT_RDWR if not reset else socket.SHUT_RD)
    handler.connection.close()


def normal_page(handler: ReplicaHandler) -> tuple[int, bytes, str]:
    """What the replica would answer without faults: status, uncompressed body, content type."""
    status, body, content_type, _headers = handler.normal_response()
    return status, body, content_type


# --- modes --------------------------------------------------------------------------------


def _status(code: int, reason: str) -> Callable[[ReplicaHandler, Fault], None]:
    def respond(handler: ReplicaHandler, fault: Fault) -> None:
        headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
        body = f"<html><body><h2>{code} {reason}</h2></body></html>\n".encode()
        handler.respond(code, body, HTML, headers)

    return respond


def _challenge(handler: ReplicaHandler, fault: Fault) -> None:
    page = handler.renderer.challenge_page(handler.context())
    handler.respond(200, page.encode(), HTML)


def _cut(handler: ReplicaHandler, *, reset: bool) -> None:
    status, body, content_type = normal_page(handler)
    send_head(handler, status, content_type, {"Content-Length": str(len(body))})
    write(handler, body[: len(body) // 2])
    hang_up(handler, reset=reset)


def _reset(handler: ReplicaHandler, fault: Fault) -> None:
    _cut(handler, reset=True)


def _truncated(handler: ReplicaHandler, fault: Fault) -> None:
    _cut(handler, reset=False)


def _hang(handler: ReplicaHandler, fault: Fault) -> None:
    status, body, content_type = normal_page(handler)
    send_head(handler, status, content_type, {"Content-Length": str(len(body))})
    handler.replica.stopping.wait(fault.seconds)
    hang_up(handler, reset=False)


def _trickle(handler: ReplicaHandler, fault: Fault) -> None:
    status, body, content_type = normal_page(handler)
    send_head(handler, status, content_type, {"Content-Length": str(len(body))})
    for offset in range(len(body)):
        if handler.replica.stopping.wait(fault.interval) or not write(
            handler, body[offset : offset + 1]
        ):
            break
    hang_up(handler, reset=False)


def _redirect(location: Callable[[ReplicaHandler], str]) -> Callable[[ReplicaHandler, Fault], None]:
    def respond(handler: ReplicaHandler, fault: Fault) -> None:
        handler.respond(302, b"", HTML, {"Location": location(handler)})

    return respond


def _offsite_location(handler: ReplicaHandler) -> str:
    port = urlsplit(handler.replica.base_url).port
    return f"http://localhost:{port}/evil{handler.path}"


DATA_ARTICLE = (
    '<html><body><article class="news"><h1 class="newsTitle">Injected</h1>'
    '<div class="newsText"><p>Injected through a data: URL.</p></div></article></body></html>'
)


def _trap_listing(handler: ReplicaHandler, page: int, next_href: str) -> None:
    """A listing page of ``PAGE_SIZE`` articles never seen before (that do not exist)."""
    items = []
    for k in range(20):
        article_id = TRAP_ID_BASE + page * 100 + k
        path = f"/rubric-economy/{article_id}-trap-page-{page}-item-{k}.html"
        items.append(
            f'<article data-id="{article_id}"><section><h2><a href="{path}">Trap {page}.{k}</a>'
            f"</h2><p>Listed by a trap.</p></section></article>\n"
        )
    content = (
        '<div class="restHolder"><div class="restTitle">All news</div>\n'
        '<section class="restList">\n' + "".join(items) + "</section>\n"
        '<ul class="pagination"><li class="page-item"><a class="page-link" rel="next" '
        f'href="{next_href}">&rsaquo;</a></li></ul></div>\n'
    )
    page_html = handler.renderer.chrome_page("All news", handler.path, content, handler.context())
    handler.respond(200, page_html.encode(), HTML)


def _page_of(handler: ReplicaHandler) -> int:
    try:
        return max(int(parse_qs(urlsplit(handler.path).query).get("page", ["1"])[0]), 1)
    except ValueError:
        return 1


def _endless_listing(handler: ReplicaHandler, fault: Fault) -> None:
    page = _page_of(handler)
    listing = handler.replica.corpus.listing("lastnews")
    if page <= -(-len(listing) // 20):
        status, body, content_type = normal_page(handler)
        if status == 200 and b'rel="next"' not in body:
            link = (
                '<ul class="pagination"><li class="page-item"><a class="page-link" rel="next" '
                f'href="{urlsplit(handler.path).path}?page={page + 1}">&rsaquo;</a></li></ul>\n'
            )
            close = b"\n                </section>\n"
            body = body.replace(close, close + link.encode(), 1)
        handler.respond(status, body, content_type)
        return
    _trap_listing(handler, page, f"{urlsplit(handler.path).path}?page={page + 1}")


def _growing_url(handler: ReplicaHandler, fault: Fault) -> None:
    page = _page_of(handler)
    path = urlsplit(handler.path).path
    _trap_listing(handler, page, f"{path.rstrip('/')}/more?page={page + 1}")


def _huge(chunked: bool) -> Callable[[ReplicaHandler, Fault], None]:
    head = (
        b'<!DOCTYPE html><html lang="en"><head><title>Huge</title></head><body>'
        b'<article class="news"><h1 class="newsTitle">Huge</h1><div class="newsText">'
    )
    tail = b"</div></article></body></html>\n"
    filler = b"<p>" + b"All work and no play makes a huge page. " * 40 + b"</p>\n"

    def respond(handler: ReplicaHandler, fault: Fault) -> None:
        count = (HUGE_SIZE - len(head) - len(tail)) // len(filler)
        size = len(head) + count * len(filler) + len(tail)
        headers = {"Transfer-Encoding": "chunked"} if chunked else {"Content-Length": str(size)}
        send_head(handler, 200, HTML, headers)
        block = filler * (CHUNK // len(filler))
        parts = [head] + [block] * (count // (CHUNK // len(filler)))
        parts += [filler] * (count % (CHUNK // len(filler))) + [tail]
        for part in parts:
            data = b"%x\r\n%s\r\n" % (len(part), part) if chunked else part
            if not write(handler, data):
                break
        else:
            if chunked:
                write(handler, b"0\r\n\r\n")
        hang_up(handler, reset=False)

    return respond


@cache
def gzip_bomb() -> bytes:
    """Gzip of the gzip of 256 MiB of spaces: 590 bytes."""
    inner = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * (1 << 20)
    layer = b"".join(inner.compress(block) for _ in range(BOMB_SIZE >> 20)) + inner.flush()
    return gzip.compress(layer, compresslevel=9)


@cache
def brotli_bomb() -> bytes:
    """Brotli of 256 MiB of spaces: about 400 bytes."""
    compressor = brotli.Compressor(quality=5)
    block = b" " * (1 << 20)
    out = b"".join(compressor.process(block) for _ in range(BOMB_SIZE >> 20))
    return bytes(out + compressor.finish())


def _bomb(encoding: str, payload: Callable[[], bytes]) -> Callable[[ReplicaHandler, Fault], None]:
    def respond(handler: ReplicaHandler, fault: Fault) -> None:
        body = payload()
        send_head(
            handler,
            200,
            HTML,
            {"Content-Encoding": encoding, "Content-Length": str(len(body))},
        )
        write(handler, body)

    return respond


def _declared_1251(handler: ReplicaHandler, fault: Fault) -> None:
    status, body, _content_type = normal_page(handler)
    handler.respond(status, body, "text/html; charset=windows-1251")


def _encoded_1251(handler: ReplicaHandler, fault: Fault) -> None:
    status, body, _content_type = normal_page(handler)
    text = body.decode("utf-8").encode("cp1251", errors="xmlcharrefreplace")
    handler.respond(status, text, HTML)


INVALID = b"\xff\xfe\xc3("


def _invalid_bytes(handler: ReplicaHandler, fault: Fault) -> None:
    status, body, content_type = normal_page(handler)
    body = re.sub(rb'(<h1 class="newsTitle">)', rb"\1" + INVALID, body, count=1)
    body = re.sub(rb'(<div class="newsText">\s*(?:<div[^>]*>.*?</div>\s*)?<p>)', rb"\1" + INVALID,
                  body, count=1, flags=re.S)  # fmt: skip
    handler.respond(status, body, content_type)


def _xml_with(doctype: Callable[[ReplicaHandler, Fault, str], tuple[str, str]]) -> Callable[
    [ReplicaHandler, Fault], None
]:  # fmt: skip
    def respond(handler: ReplicaHandler, fault: Fault) -> None:
        status, body, content_type = normal_page(handler)
        text = body.decode("utf-8")
        root = re.search(r"<(rss|urlset|sitemapindex)\b", text)
        if status != 200 or root is None:
            handler.respond(status, body, content_type)
            return
        declaration, entry = doctype(handler, fault, root[1])
        text = text[: root.start()] + declaration + text[root.start() :]
        closing = {"rss": "</channel>", "urlset": "</urlset>", "sitemapindex": "</sitemapindex>"}
        at = text.rindex(closing[root[1]])
        text = text[:at] + entry + text[at:]
        handler.respond(status, text.encode(), content_type)

    return respond


def _entry(kind: str, reference: str) -> str:
    if kind == "rss":
        return f"<item><title>{reference}</title><link>{reference}</link></item>\n"
    tag = "sitemap" if kind == "sitemapindex" else "url"
    return f"<{tag}><loc>{reference}</loc></{tag}>\n"


def _xxe(handler: ReplicaHandler, fault: Fault, kind: str) -> tuple[str, str]:
    probe = f"{handler.replica.base_url}/xxe-probe"
    declaration = (
        f'<!DOCTYPE {kind} [\n<!ENTITY xxe SYSTEM "{fault.target}">\n'
        f'<!ENTITY probe SYSTEM "{probe}">\n<!ENTITY % remote SYSTEM "{probe}-dtd">\n%remote;\n]>\n'
    )
    return declaration, _entry(kind, "&xxe;") + _entry(kind, "&probe;")


def _billion_laughs(handler: ReplicaHandler, fault: Fault, kind: str) -> tuple[str, str]:
    lines = ['<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    declaration = f"<!DOCTYPE {kind} [\n" + "\n".join(lines) + "\n]>\n"
    return declaration, _entry(kind, "&lol9;")


NESTED_TEASER = (
    '<article class="news"><h1 class="newsTitle">Nested teaser headline</h1>'
    '<div class="newsText"><p>Nested teaser text'
)
NESTED_IN_BODY = (
    '<article class="news"><h1 class="newsTitle">Nested teaser headline</h1>'
    '<div class="newsText"><p>Nested teaser text</p></div></article>'
)


def _mutated(change: Callable[[str], str]) -> Callable[[ReplicaHandler, Fault], None]:
    def respond(handler: ReplicaHandler, fault: Fault) -> None:
        status, body, content_type = normal_page(handler)
        handler.respond(status, change(body.decode("utf-8")).encode(), content_type)

    return respond


def _malformed(text: str) -> str:
    text = text.replace("</li>", "").replace("<p>", "<p><b>", 1)
    return text.replace('<aside class="tags">', NESTED_TEASER + '<aside class="tags">', 1)


def _after_first_paragraph(insert: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        return re.sub(
            r'(<div class="newsText">.*?</p>)', lambda m: m[1] + insert, text, count=1, flags=re.S
        )

    return change


def _nested_first_paragraph(opening: str, closing: str, depth: int) -> Callable[[str], str]:
    def change(text: str) -> str:
        return re.sub(
            r'(<div class="newsText">.*?)(<p>.*?</p>)',
            lambda m: m[1] + opening * depth + m[2] + closing * depth,
            text,
            count=1,
            flags=re.S,
        )

    return change


def _mixed(handler: ReplicaHandler, fault: Fault) -> None:
    FAULT_MODES[fault.pick()](handler, fault)


FAULT_MODES: dict[str, Callable[[ReplicaHandler, Fault], None]] = {
    "status-500": _status(500, "Internal Server Error"),
    "status-502": _status(502, "Bad Gateway"),
    "status-503": _status(503, "Service Temporarily Unavailable"),
    "status-429": _status(429, "Too Many Requests"),
    "reset": _reset,
    "truncated": _truncated,
    "hang": _hang,
    "trickle": _trickle,
    "challenge": _challenge,
    "redirect-offsite": _redirect(_offsite_location),
    "redirect-file": _redirect(lambda handler: "file:///etc/passwd"),
    "redirect-data": _redirect(lambda handler: "data:text/html," + quote(DATA_ARTICLE)),
    "endless-listing": _endless_listing,
    "growing-url": _growing_url,
    "huge": _huge(chunked=False),
    "huge-chunked": _huge(chunked=True),
    "gzip-bomb": _bomb("gzip, gzip", gzip_bomb),
    "brotli-bomb": _bomb("br", brotli_bomb),
    "charset-utf8-as-1251": _declared_1251,
    "charset-1251-as-utf8": _encoded_1251,
    "invalid-bytes": _invalid_bytes,
    "xxe": _xml_with(_xxe),
    "billion-laughs": _xml_with(_billion_laughs),
    "malformed": _mutated(_malformed),
    "unclosed-p": _mutated(lambda text: text.replace("</p>", "")),
    "nested-article": _mutated(_after_first_paragraph(NESTED_IN_BODY)),
    "stray-end-tags": _mutated(_after_first_paragraph("</span></b></div></article>")),
    "no-tags": _mutated(
        lambda text: re.sub(r'<aside class="tags">.*?</aside>', "", text, flags=re.S)
    ),
    "deep-divs": _mutated(_nested_first_paragraph("<div>", "</div>", 5000)),
    "deep-lists": _mutated(_nested_first_paragraph("<ul><li>", "</li></ul>", 3000)),
    "mixed": _mixed,
}
"""Fault mode → handler that writes the whole response; new modes register here."""
