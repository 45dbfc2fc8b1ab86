"""The parsed page: the cut to head + ``article.news``, the charset, the left menu.

Parsing only the head and the article (about a fifth of a page) is most of the parse time
saved; a page whose markup does not allow the cut is parsed whole. No fields are read here.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information
from scrapy.http import TextResponse

from ukrinform_crawler.pages.css import select
from ukrinform_crawler.text import is_utf8, utf8_text

Element = Any
"""An lxml element (lxml ships no type information)."""

_ARTICLE_START = re.compile(rb"<article\b[^>]*\bclass=[\"'][^\"']*\bnews\b")
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_END = re.compile(rb"<footer\b|</body\s*>", re.IGNORECASE)
_LEFT_MENU = re.compile(rb"<ul\b[^>]*\bclass=[\"']leftMenu\b")
_NESTING_TAG = re.compile(rb"<(/?)(div|section|span|b|i|em|strong|font)\b[^>]*>", re.IGNORECASE)
MAX_NESTING = 256
"""Nested ``div``/``span``/… tags beyond this depth are flattened before a second parse, when
libxml2 stopped at its depth limit (2048): their text is read as a browser shows it."""


class MarkupError(ValueError):
    """A page whose markup cannot be parsed into a tree of its text."""


def _parse(data: bytes, base_url: str) -> tuple[Element, bool]:
    """The tree of ``data`` and whether libxml2 stopped at its depth limit."""
    parser = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)
    root = etree.fromstring(data, parser=parser, base_url=base_url)
    too_deep = any("Excessive depth" in entry.message for entry in parser.error_log)
    if root is None:
        root = etree.fromstring(b"<html/>", parser=parser)
    return root, too_deep


def flatten_nesting(markup: bytes, limit: int = MAX_NESTING) -> bytes:
    """``markup`` with the ``div``/``section`` tags nested deeper than ``limit`` written as
    ``<hr>`` (a block boundary that adds no text) and the inline ones deeper than it removed."""
    depth = 0

    def replace(match: re.Match[bytes]) -> bytes:
        nonlocal depth
        closing = bool(match[1])
        if not closing:
            depth += 1
        deep = depth > limit
        if closing:
            depth = max(depth - 1, 0)
        if not deep:
            return match[0]
        return b"<hr>" if match[2].lower() in (b"div", b"section") else b""

    return _NESTING_TAG.sub(replace, markup)


def parse_html(markup: bytes, base_url: str) -> Element:
    """The lxml tree of UTF-8 ``markup``, parsed as parsel parses HTML (plain lxml elements).

    Markup nested too deep for libxml2 is flattened (``flatten_nesting``) and parsed again;
    raises ``MarkupError`` when even that cannot be read whole.
    """
    data = markup.strip().replace(b"\x00", b"") or b"<html/>"
    root, too_deep = _parse(data, base_url)
    if too_deep:
        root, too_deep = _parse(flatten_nesting(data), base_url)
        if too_deep:
            raise MarkupError("markup nested deeper than the HTML parser reads (2048 elements)")
    return root


@dataclass(frozen=True)
class PageCut:
    """The parts of a page the fields need, as UTF-8 bytes: everything before ``</head>``, the
    outermost ``article.news``, and where the left menu may be (between the two)."""

    head: bytes
    article: bytes
    page: bytes = field(repr=False)
    menu_span: tuple[int, int]

    def markup(self) -> bytes:
        """The head and the article as one document."""
        return b"%s</head><body>%s</body></html>" % (self.head, self.article)

    def is_utf8(self) -> bool:
        return is_utf8(self.head) and is_utf8(self.article)

    def menu_markup(self) -> bytes:
        """The ``ul.leftMenu`` up to its ``</nav>`` as a document of its own (or an empty one)."""
        start, end = self.menu_span
        menu = b""
        if found := _LEFT_MENU.search(self.page, start, end):
            menu_end = self.page.find(b"</nav>", found.end(), end)
            menu = self.page[found.start() : menu_end] if menu_end >= 0 else b""
        return b"<html><body>%s</body></html>" % menu


def cut_page(page: bytes) -> PageCut | None:
    """The head and the outermost ``article.news`` of a page, or None when a part cannot be
    found with certainty (no head end, no article, no article end before the footer)."""
    head_end = _HEAD_END.search(page)
    if head_end is None:
        return None
    start = _ARTICLE_START.search(page, head_end.end())
    if start is None:
        return None
    footer = _BODY_END.search(page, start.end())
    end = page.rfind(b"</article>", start.end(), footer.start() if footer else len(page))
    if end < 0:
        return None
    return PageCut(
        head=page[: head_end.start()],
        article=page[start.start() : end + len(b"</article>")],
        page=page,
        menu_span=(head_end.end(), start.start()),
    )


def has_stray_end_tags(markup: bytes) -> bool:
    """True when ``markup`` closes more ``div`` or ``article`` elements than it opens: a stray
    end tag that closes the body early, so that the rest of the text lands after it."""
    lower = markup.lower()
    return lower.count(b"</div") > lower.count(b"<div") or lower.count(b"</article") > lower.count(
        b"<article"
    )


class Document:
    """One response as the trees the fields read, parsed once each and only when needed.

    Bytes that are valid UTF-8 are read as UTF-8 whatever the page declares (the rule of
    ``CharsetRepairMiddleware``); other pages as Scrapy decodes them.
    """

    def __init__(self, response: TextResponse) -> None:
        self.response = response

    @cached_property
    def utf8_page(self) -> bytes:
        """The whole page in UTF-8, as the charset rule reads it."""
        text = utf8_text(self.response.body)
        return text.encode("utf-8") if text is not None else self.response.text.encode("utf-8")

    @cached_property
    def cut(self) -> PageCut | None:
        """The head and the article, cut from the bytes when they are UTF-8 text, else from the
        page as the charset rule reads it; None when the page does not allow the cut."""
        cut = cut_page(self.response.body.removeprefix(codecs.BOM_UTF8))
        if cut is not None and cut.is_utf8():
            return cut
        return cut_page(self.utf8_page)

    @cached_property
    def root(self) -> Element:
        """The tree of the head and the article (of the whole page when it cannot be cut)."""
        if self.cut is None:
            return parse_html(self.utf8_page, self.response.url)
        return parse_html(self.cut.markup(), self.response.url)

    @cached_property
    def menu_root(self) -> Element:
        """The tree of the left menu (parsed apart: a fallback of one field)."""
        if self.cut is None:
            return self.root
        menu = self.cut.menu_markup()
        if not is_utf8(menu):  # only the head and the article were read as UTF-8
            text_cut = cut_page(self.utf8_page)
            menu = text_cut.menu_markup() if text_cut else b""
        return parse_html(menu, self.response.url)

    @cached_property
    def stray_end_tags(self) -> bool:
        """True when the parsed markup closes elements it never opened."""
        return has_stray_end_tags(self.cut.article if self.cut else self.utf8_page)

    def select(self, css: str, *, menu: bool = False) -> list[Any]:
        """What ``css`` selects in the head and article (or the left menu): elements or
        strings, in page order."""
        root = self.menu_root if menu else self.root
        return select(css, root) if isinstance(getattr(root, "tag", None), str) else []
