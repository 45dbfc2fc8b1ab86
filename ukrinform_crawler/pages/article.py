"""The article page: every field of one Ukrinform article, read from one response, no I/O."""

from __future__ import annotations

import codecs
import html
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, ClassVar, NamedTuple
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information
from scrapy.http import TextResponse

from ukrinform_crawler.items import Article
from ukrinform_crawler.pages.css import select
from ukrinform_crawler.text import (
    COMBINING_LONG_SOLIDUS,
    byline_names,
    collapse_whitespace,
    escape_attr,
    escape_text,
    is_utf8,
    join_html_lines,
    join_paragraphs,
    kyiv_iso,
    normalize_html_line,
    normalize_text,
    remember_line_text,
    remember_normal_line,
    remember_normal_text,
    replace_special_chars,
    utc_now_iso,
    utf8_text,
)
from ukrinform_crawler.urls import (
    EDITION_HOSTS,
    ArticleRef,
    canonical_article_url,
    edition_of_host,
    parse_article_path,
    single_slashes,
)

JsonObject = dict[str, Any]
Element = Any
"""An lxml element (lxml ships no type information)."""

_JSON_LD_DECODER = json.JSONDecoder(strict=False)
"""Built once: ``json.loads(raw, strict=False)`` builds a decoder on every call."""
_HOST_LIKE = re.compile(r"^//[^/]*\.[^/]*(?:/|$)")
_TEXT_NODES = etree.XPath(".//text()", smart_strings=False)


def _text_content(element: Element) -> str:
    """All the text inside ``element`` (``text_content()`` of lxml.html, for any element)."""
    return "".join(_TEXT_NODES(element))


def _nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


_NEWS_IMAGE = etree.XPath("./img[contains(@class, 'newsImage')]")


_ARTICLE_START = re.compile(rb"<article\b[^>]*\bclass=[\"'][^\"']*\bnews\b")
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_END = re.compile(rb"<footer\b|</body\s*>", re.IGNORECASE)
_LEFT_MENU = re.compile(rb"<ul\b[^>]*\bclass=[\"']leftMenu\b")


def parse_html(markup: bytes, base_url: str) -> Element:
    """The lxml tree of UTF-8 ``markup``, parsed as parsel parses HTML, with plain lxml elements.

    lxml.html's element classes (what ``Selector`` builds) cost a Python lookup for every
    element the extraction touches; the tree itself is the same.
    """
    data = markup.strip().replace(b"\x00", b"") or b"<html/>"
    parser = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)
    root = etree.fromstring(data, parser=parser, base_url=base_url)
    return root if root is not None else etree.fromstring(b"<html/>", parser=parser)


@dataclass(frozen=True)
class PageCut:
    """The parts of a page the fields need, as UTF-8 bytes: everything before ``</head>``, the
    outermost ``article.news``, and (found only when asked for) the left menu between the two."""

    head: bytes
    article: bytes
    page: bytes = field(repr=False)
    menu_span: tuple[int, int]
    """Where in ``page`` the left menu may be: from the head end to the article start."""

    def markup(self) -> bytes:
        """The head and the article as one document: what every page needs."""
        return b"%s</head><body>%s</body></html>" % (self.head, self.article)

    def is_utf8(self) -> bool:
        """True when the head and the article are UTF-8 text."""
        return is_utf8(self.head) and is_utf8(self.article)

    @cached_property
    def menu(self) -> bytes:
        """The ``ul.leftMenu`` up to its ``</nav>``, or b""."""
        start, end = self.menu_span
        if (menu_start := _LEFT_MENU.search(self.page, start, end)) is None:
            return b""
        menu_end = self.page.find(b"</nav>", menu_start.end(), end)
        return self.page[menu_start.start() : menu_end] if menu_end >= 0 else b""

    def menu_markup(self) -> bytes:
        """The left menu as a document of its own (a fallback of one field)."""
        return b"<html><body>%s</body></html>" % self.menu


def _search_literal(
    pattern: re.Pattern[bytes], literal: bytes, data: bytes, pos: int
) -> re.Match[bytes] | None:
    """``pattern.search(data, pos)`` for a pattern that starts with ``literal``: the literal is
    found with ``bytes.find``, several times faster than the regex engine's scan."""
    while (found := data.find(literal, pos)) >= 0:
        if match := pattern.match(data, found):
            return match
        pos = found + 1
    return None


def cut_page(page: bytes) -> PageCut | None:
    """The head, the outermost ``article.news`` (and the left menu) of a page, or None.

    None when a part cannot be found with certainty (no head end, no article, no article end
    before the footer): the caller then parses the whole page.
    """
    head_end = _HEAD_END.search(page)
    if head_end is None:
        return None
    start = _search_literal(_ARTICLE_START, b"<article", page, head_end.end())
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
    lower = markup.lower()  # bytes.lower lower-cases ASCII only: all a tag name holds
    return lower.count(b"</div") > lower.count(b"<div") or lower.count(b"</article") > lower.count(
        b"<article"
    )


class BodyBlock(NamedTuple):
    """One top-level block of the body: its body_html line and its plain-text paragraphs."""

    html: str
    paragraphs: tuple[str, ...]


class _Line:
    """Builds one block line: minimal HTML and plain text side by side, whitespace collapsed.

    Opening tags are emitted lazily (an element without text leaves no tags), spaces and
    ``<br>`` only between pieces of content, so no block starts or ends with a space.

    Its text is normal (``normalize_text`` leaves it as it is): each piece is, pieces are
    joined by one space, and NFC neither makes whitespace nor the characters that
    normalisation replaces (``tests/test_text.py`` checks every character). So is its line,
    unless an opening tag (an attribute value) holds such characters or a double space: no
    piece of it opens with a raw U+0338, the one character that composes with a tag's ``>``
    (``escape_text``).
    """

    __slots__ = ("br", "html", "normal_tags", "pending_open", "space", "started", "text")

    def __init__(self) -> None:
        self.html: list[str] = []
        self.text: list[str] = []
        self.pending_open: list[str] = []
        self.started = False
        self.space = False
        self.br = False
        self.normal_tags = True

    def add_text(self, raw: str) -> None:
        if raw.isspace():  # the whitespace between tags; NBSP and U+202F are whitespace too
            self.space = True
            return
        text = replace_special_chars(raw)
        if not text:
            return
        if text[0].isspace():
            self.space = True
        if core := collapse_whitespace(text):
            markup = "&" in core or "<" in core or ">" in core or COMBINING_LONG_SOLIDUS in core
            self._content(escape_text(core) if markup else core, core)
            if text[-1].isspace():
                self.space = True

    def _content(self, html_piece: str, text_piece: str) -> None:
        if self.started:
            if self.br:
                self.html.append("<br>")
                self.text.append(" ")
            elif self.space:
                self.html.append(" ")
                self.text.append(" ")
        self.html.extend(self.pending_open)
        self.pending_open.clear()
        self.html.append(html_piece)
        self.text.append(text_piece)
        self.started = True
        self.space = self.br = False

    def line_break(self) -> None:
        self.br = True

    def open(self, tag: str) -> int:
        """Queue an opening tag; returns a token for ``close``."""
        if not tag.isprintable() or "  " in tag:  # whitespace or characters normalising edits
            self.normal_tags = False
        self.pending_open.append(tag)
        return len(self.pending_open)

    def close(self, tag: str, token: int) -> None:
        if len(self.pending_open) >= token:
            del self.pending_open[token - 1 :]
        else:
            self.html.append(tag)

    def result(self) -> tuple[str, str]:
        """Inner HTML and plain text, both NFC (whitespace is already collapsed)."""
        return _nfc("".join(self.html)), _nfc("".join(self.text))

    def block(self, tag: str = "p") -> BodyBlock | None:
        """The line as one ``<tag>`` block, or None when it has no text."""
        if not self.text:
            return None
        inner, text = self.result()
        line = f"<{tag}>{inner}</{tag}>"
        remember_normal_text(text)
        if self.normal_tags:
            remember_normal_line(line)
        return BodyBlock(line, (text,))


class ArticlePage:
    """One Ukrinform article page (news or interview layout) turned into an ``Article``.

    JSON-LD ``NewsArticle`` (chosen by ``@type``, decoded once) and the visible markup are
    combined per field; the body is cut from ``div.newsText`` with site furniture excluded,
    "Read also" blocks rendered in place as paragraphs for the cleaning pipelines.
    """

    TITLE = "article h1.newsTitle"
    INTERVIEW_TITLE = "article div.firstTitle"
    LEAD = "div.newsText > div.newsHeading"
    INTERVIEW_LEAD = "article div.firstSubTitle"
    LABEL = "div.newsMetaBlock div.newsPrefix"
    DATE = "article div.newsDate time"
    INTERVIEW_DATE = "article div.firstDate"
    TAGS = "aside.tags a.tag"
    IMAGE = "article figure > img.newsImage::attr(src)"
    CANONICAL = 'link[rel="canonical"]::attr(href)'
    OG_URL = 'meta[property="og:url"]::attr(content)'
    OG_TITLE = 'meta[property="og:title"]::attr(content)'
    OG_IMAGE = 'meta[property="og:image"]::attr(content)'
    HTML_LANG = "html::attr(lang)"
    JSON_LD = 'script[type="application/ld+json"]::text'
    CURRENT_RUBRIC = "ul.leftMenu li a span"
    MENU_SELECTORS = frozenset({CURRENT_RUBRIC})
    """Selectors read from the left menu, which is parsed apart and only when needed."""
    ARTICLE_MARKUP = "article h1.newsTitle, article div.firstTitle"
    BODY_MARKUP = "div.newsText, div.interviewText, article p"
    BODY_CONTAINERS = (
        "div.newsText > div:not(.newsHeading)",
        "div.interviewText",
        "div.newsText",
        "article",
    )
    """Where the body is looked for, current template first, then older or unexpected wrappers."""

    EXCLUDED_TAGS = frozenset(
        {
            "script", "style", "form", "select", "option", "input", "button", "textarea",
            "ins", "iframe", "noscript", "aside", "header", "nav", "footer", "side", "svg",
            "object", "embed", "template", "video", "audio", "canvas", "map", "link", "meta",
        }
    )  # fmt: skip
    EXCLUDED_CLASSES = frozenset(
        {
            "newsHeading", "mobileBanner", "afterNewItemMobileBanner", "pixel", "newsMetaBlock",
            "newsGradient", "newsPicture", "firstTitle", "firstSubTitle", "firstDate", "share",
            "tags", "banner970", "side-banner",
        }
    )  # fmt: skip
    READ_ALSO_CLASS = "read"
    BLOCK_TAGS = frozenset(
        {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "address", "dd", "dt"}
    )
    LIST_TAGS = frozenset({"ul", "ol"})
    CONTAINER_TAGS = frozenset(
        {"div", "section", "article", "main", "table", "tbody", "thead", "tfoot", "tr", "td",
         "th", "dl", "center", "figcaption", "details", "summary", "body"}
    )  # fmt: skip
    INLINE_MARKUP: ClassVar[dict[str, str]] = {
        "b": "strong",
        "strong": "strong",
        "i": "em",
        "em": "em",
    }
    HEADINGS: ClassVar[dict[str, str]] = {
        "h1": "h2",
        "h2": "h2",
        "h3": "h3",
        "h4": "h3",
        "h5": "h3",
        "h6": "h3",
    }
    BLOCK_LIKE_TAGS = BLOCK_TAGS | LIST_TAGS | CONTAINER_TAGS | {"figure", "img", "hr"}
    """Tags that end the current line of text and start blocks of their own."""

    READ_ALSO_DEFAULT = "Read also:"
    BYLINE_LOOKBACK = 2
    """A byline may be followed by the photo credit; the byline pipeline sees the cleaned body."""

    def __init__(self, response: TextResponse, edition: str | None = None) -> None:
        self.response = response
        self._edition_arg = edition
        self._selected: dict[str, list[Any]] = {}
        self._texts: dict[str, str | None] = {}

    # -- generic helpers ---------------------------------------------------------------------

    @cached_property
    def _root(self) -> Element:
        """The lxml tree of what the fields need: the head and ``article.news``.

        Parsing only those parts (about a fifth of a page) is most of the extraction time saved;
        a page whose markup does not allow the cut is parsed whole.
        """
        if self._cut is None:
            return parse_html(self._utf8_page, self.response.url)
        return parse_html(self._cut.markup(), self.response.url)

    @cached_property
    def _menu_root(self) -> Element:
        """The lxml tree of the left menu, parsed only when a field falls back to it."""
        if self._cut is None:
            return self._root
        menu = self._cut.menu_markup()
        if not is_utf8(menu):  # only the head and the article were read as UTF-8
            text_cut = cut_page(self._utf8_page)
            menu = text_cut.menu_markup() if text_cut else b""
        return parse_html(menu, self.response.url)

    @cached_property
    def _text(self) -> str:
        """The page as text: its bytes as UTF-8 when they are UTF-8, else as Scrapy decodes them.

        Bytes that are valid UTF-8 are UTF-8 whatever the page declares (the rule of
        ``CharsetRepairMiddleware``); reading them so spares Scrapy's charset detection, which
        scans and decodes twice a page whose headers name no charset.
        """
        return utf8_text(self.response.body) or self.response.text

    @cached_property
    def _utf8_page(self) -> bytes:
        """The page as ``_text`` reads it, in UTF-8: what is cut or parsed when its bytes are not
        UTF-8 text."""
        return self._text.encode("utf-8")

    @cached_property
    def _cut(self) -> PageCut | None:
        """The parts of the page the fields need, cut from its bytes.

        When the head and the article are UTF-8 text they are read as UTF-8, whatever the rest of
        the page holds (the rule of ``_text``, applied to the parts read, which spares decoding
        the whole page); otherwise the parts are cut from the page as ``_text`` reads it.
        """
        cut = cut_page(self.response.body.removeprefix(codecs.BOM_UTF8))
        if cut is not None and cut.is_utf8():
            return cut
        return cut_page(self._utf8_page)

    @cached_property
    def _stray_end_tags(self) -> bool:
        """True when the parsed markup closes elements it never opened."""
        if self._cut is None:
            return has_stray_end_tags(self._utf8_page)
        return has_stray_end_tags(self._cut.article)

    def _select(self, css: str) -> list[Any]:
        """What ``response.css(css)`` selects, as lxml elements or strings; once per page."""
        selected = self._selected.get(css)
        if selected is None:
            selected = self._selected[css] = self._evaluate(css)
        return selected

    def _evaluate(self, css: str) -> list[Any]:
        root = self._menu_root if css in self.MENU_SELECTORS else self._root
        if not isinstance(getattr(root, "tag", None), str):
            return []
        return select(css, root)

    def _first_text(self, css: str) -> str | None:
        if css not in self._texts:
            selected = self._select(css)
            self._texts[css] = (
                normalize_text(_text_content(selected[0])) or None if selected else None
            )
        return self._texts[css]

    def _attr(self, css: str) -> str | None:
        selected = self._select(css)
        value = selected[0] if selected else None
        return value.strip() if isinstance(value, str) and value.strip() else None

    @cached_property
    def _json_ld(self) -> dict[str, JsonObject]:
        """JSON-LD nodes by ``@type`` (first of each type), decoded once."""
        nodes: dict[str, JsonObject] = {}
        for raw in self._select(self.JSON_LD):
            try:
                data = _JSON_LD_DECODER.decode(raw)
            except ValueError:
                continue
            for node in _ld_nodes(data):
                types = node.get("@type")
                for name in types if isinstance(types, list) else [types]:
                    if isinstance(name, str):
                        nodes.setdefault(name, node)
        return nodes

    def news_article(self) -> JsonObject:
        """The JSON-LD ``NewsArticle`` (or ``Article``) node, or {}."""
        ld = self._json_ld
        return ld.get("NewsArticle") or ld.get("Article") or ld.get("ReportageNewsArticle") or {}

    def web_page(self) -> JsonObject:
        """The JSON-LD ``WebPage`` node (epoch-string dates), or {}."""
        return self._json_ld.get("WebPage") or {}

    def breadcrumbs(self) -> JsonObject:
        """The JSON-LD ``BreadcrumbList`` node, else the ``WebPage`` breadcrumb, or {}."""
        crumbs = self._json_ld.get("BreadcrumbList")
        if crumbs:
            return crumbs
        nested = self.web_page().get("breadcrumb")
        return nested if isinstance(nested, dict) else {}

    # -- identity: edition, URL, id, rubric ------------------------------------------------

    @cached_property
    def _canonical_href(self) -> str | None:
        return self._attr(self.CANONICAL) or self._attr(self.OG_URL)

    @cached_property
    def edition(self) -> str | None:
        """Explicit, else canonical link host, else response host, else ``<html lang>``."""
        if self._edition_arg:
            return self._edition_arg
        hosts = [urlsplit(self._canonical_href or "").netloc, self._fetch_host]
        for host in hosts:
            if edition := edition_of_host(host):
                return edition
        lang = self.language()
        return lang if lang in EDITION_HOSTS else None

    @cached_property
    def host(self) -> str:
        """Canonical host of the edition (the response host when the edition is unknown)."""
        if self.edition in EDITION_HOSTS:
            return EDITION_HOSTS[self.edition]
        return self._fetch_host

    @cached_property
    def _fetch_host(self) -> str:
        return urlsplit(self.response.url).netloc

    @cached_property
    def ref(self) -> ArticleRef | None:
        """Id, rubric and canonical URL: from the canonical link, else the response path."""
        for css in (self.CANONICAL, self.OG_URL):
            href = self._attr(css)
            if not href:
                continue
            ref = canonical_article_url(href, self.host)
            if ref and urlsplit(ref.url).netloc == self.host:
                return ref
        return parse_article_path(urlsplit(self.response.url).path, self.host)

    def url(self) -> str:
        return self.ref.url if self.ref else self._canonical_href or self.response.url

    def article_id(self) -> int | None:
        return self.ref.id if self.ref else None

    def rubric(self) -> str | None:
        return self.ref.rubric if self.ref else None

    def rubric_name(self) -> str | None:
        elements = self.breadcrumbs().get("itemListElement")
        if isinstance(elements, list):
            for element in elements:
                if isinstance(element, dict) and element.get("position") in (2, "2"):
                    item = element.get("item")
                    name = item.get("name") if isinstance(item, dict) else element.get("name")
                    if isinstance(name, str) and name.strip():
                        return normalize_text(name, unescape=True)
        return self._first_text(self.CURRENT_RUBRIC)

    @cached_property
    def _language(self) -> str | None:
        lang = self._attr(self.HTML_LANG)
        return lang.split("-")[0].lower() if lang else None

    def language(self) -> str | None:
        return self._language

    # -- headline fields ---------------------------------------------------------------------

    def title(self) -> str | None:
        """``h1.newsTitle`` (never the site ``<h1>``), interview ``div.firstTitle``, metadata."""
        headline = self.news_article().get("headline")
        return (
            self._first_text(self.TITLE)
            or self._first_text(self.INTERVIEW_TITLE)
            or (normalize_text(headline, unescape=True) if isinstance(headline, str) else None)
            or _none_if_empty(self._attr(self.OG_TITLE))
        )

    def lead(self) -> str | None:
        return self._first_text(self.LEAD) or self._first_text(self.INTERVIEW_LEAD)

    def label(self) -> str | None:
        return self._first_text(self.LABEL)

    def published_at_raw(self) -> str | None:
        return self._first_text(self.DATE) or self._first_text(self.INTERVIEW_DATE)

    def published_at(self) -> str | None:
        """NewsArticle ``datePublished``, else ``<time datetime>``, WebPage epoch, raw text."""
        return (
            _ld_date(self.news_article(), "datePublished")
            or kyiv_iso(self._time_datetime())
            or _ld_date(self.web_page(), "datePublished")
            or kyiv_iso(self.published_at_raw())
        )

    def _time_datetime(self) -> str | None:
        """``DATE::attr(datetime)``: the first ``<time>`` of ``DATE`` with the attribute."""
        for element in self._select(self.DATE):
            value = element.get("datetime")
            if value is not None:
                return value.strip() or None
        return None

    def modified_at(self) -> str | None:
        return _ld_date(self.news_article(), "dateModified") or _ld_date(
            self.web_page(), "dateModified"
        )

    def tags(self) -> list[str]:
        names: list[str] = []
        for tag in self._select(self.TAGS):
            name = normalize_text(_text_content(tag))
            if name and name not in names:
                names.append(name)
        return names

    def image_url(self) -> str | None:
        src = self._attr(self.IMAGE) or self._attr(self.OG_IMAGE)
        if not src:
            image = self.news_article().get("image")
            if isinstance(image, list) and image:
                image = image[0]
            if isinstance(image, dict):
                image = image.get("url")
            src = image if isinstance(image, str) else None
        return self._absolute(src) if src else None

    def authors(self) -> list[str]:
        """Byline names when the body ends with a byline, else the JSON-LD author names."""
        return (
            self.byline_names()
            or _ld_names(self.news_article().get("author"))
            or _ld_names(self.web_page().get("author"))
        )

    def byline_names(self) -> list[str]:
        paragraphs = [p for block in self.body_blocks() for p in block.paragraphs]
        for paragraph in reversed(paragraphs[-self.BYLINE_LOOKBACK :]):
            if names := byline_names(paragraph):
                return names
        return []

    # -- validity ------------------------------------------------------------------------------

    def is_article(self) -> bool:
        """False for a 200 page without article markup (bot challenge, error or listing page)."""
        has_title = (
            bool(self._select(self.TITLE))
            or bool(self._select(self.INTERVIEW_TITLE))
            or bool(self.news_article().get("headline"))
        )
        if not has_title or not self.body():
            return False
        # A body found in div.newsText / div.interviewText already proves BODY_MARKUP.
        return self._body_container in (
            "div.newsText > div:not(.newsHeading)",
            "div.interviewText",
            "div.newsText",
        ) or bool(self._select(self.BODY_MARKUP))

    # -- body ------------------------------------------------------------------------------------

    def body_blocks(self) -> list[BodyBlock]:
        """Top-level body blocks in page order; empty ones and a repeated lead left out."""
        return self._body_blocks

    @cached_property
    def _body(self) -> tuple[str | None, list[BodyBlock]]:
        """The container selector the body came from, and the body blocks."""
        lead = self.lead()
        for css in self.BODY_CONTAINERS:
            roots = [
                root
                for root in self._select(css)
                if isinstance(getattr(root, "tag", None), str)
                and not (
                    self._excluded(root, root.tag.lower()) or self._in_nested_article(root, css)
                )
            ]
            blocks: list[BodyBlock] = []
            for index, root in enumerate(roots):
                self._walk(root, blocks)
                if self._stray_end_tags:
                    later = roots[index + 1 :]
                    torn_off = self._torn_off(root, later, past_article=self._cut is not None)
                    self._walk_nodes(None, torn_off, blocks)
            blocks = [b for b in blocks if b.paragraphs != (lead,) or lead is None]
            if any(block.paragraphs for block in blocks):
                for block in blocks:  # each line was built from its text: the pipelines read it
                    remember_line_text(block.html, " ".join(block.paragraphs))
                return css, blocks
        return None, []

    @property
    def _body_blocks(self) -> list[BodyBlock]:
        return self._body[1]

    @property
    def _body_container(self) -> str | None:
        return self._body[0]

    def body(self) -> str | None:
        paragraphs = [p for block in self.body_blocks() for p in block.paragraphs]
        return join_paragraphs(paragraphs) or None

    def body_html(self) -> str | None:
        return join_html_lines(block.html for block in self.body_blocks()) or None

    def _excluded(self, element: Element, tag: str) -> bool:
        """True for site furniture (``tag`` is the element's lower-case tag)."""
        if tag in self.EXCLUDED_TAGS:
            return True
        if element.keys():  # most elements of the text have no attributes: one call, not two
            if element.get("data-name") is not None:
                return True
            classes = element.get("class")
            if classes and not self.EXCLUDED_CLASSES.isdisjoint(classes.split()):
                return True
        return tag == "figure" and bool(_NEWS_IMAGE(element))

    @staticmethod
    def _torn_off(container: Element, later: list[Element], *, past_article: bool) -> list[Element]:
        """What a stray end tag pushed out of ``container``: the elements after it and after each
        of its ancestors, in page order, up to the next container of ``later``.

        The walk up stops at the article, or, when only the cut of the page was parsed (nothing
        but the article is in its body), at the body. In the template only furniture
        follows the text (the mobile banner, ``aside.tags``, ``aside.share``, ``img.pixel``, the
        ``[data-name]`` promo), which the body walk excludes.
        """
        stops = [node for root in later for node in (root, *root.iterancestors())]
        top = "body" if past_article else "article"
        pushed: list[Element] = []
        node = container
        while node.tag != top and (parent := node.getparent()) is not None:
            for sibling in node.itersiblings():
                if sibling in stops:
                    return pushed
                pushed.append(sibling)
            node = parent
        return pushed

    @staticmethod
    def _in_nested_article(root: Element, css: str) -> bool:
        """True for a body container inside an article that is itself inside an article (a teaser
        nested in the text); for the ``article`` fallback, an article inside another."""
        allowed = 0 if css == "article" else 1
        return sum(1 for _ in root.iterancestors("article")) > allowed

    def _walk(self, container: Element, blocks: list[BodyBlock]) -> None:
        self._walk_nodes(container.text, container, blocks)

    def _walk_nodes(
        self, text: str | None, children: Iterable[Element], blocks: list[BodyBlock]
    ) -> None:
        """Append the blocks of ``text`` and ``children`` (with their tails) to ``blocks``."""
        line = _Line()
        if text:
            line.add_text(text)
        for child in children:
            tag = child.tag
            if isinstance(tag, str):
                tag = tag.lower()
                if self._excluded(child, tag) or tag == "article":
                    pass  # furniture, or a teaser of another article nested in the text
                elif tag in self.BLOCK_LIKE_TAGS:
                    if block := line.block():
                        blocks.append(block)
                        line = _Line()
                    self._block(child, tag, blocks)
                else:
                    self._inline(child, tag, line)
            if tail := child.tail:
                line.add_text(tail)
        if block := line.block():
            blocks.append(block)

    def _block(self, element: Element, tag: str, blocks: list[BodyBlock]) -> None:
        if tag in self.BLOCK_TAGS and not len(element):
            text = element.text
            if text and not text.isspace():  # a childless block is its text; an empty one, nothing
                line = _Line()
                line.add_text(text)
                if block := line.block(self._block_tag(tag)):
                    blocks.append(block)
        elif tag == "section" and self.READ_ALSO_CLASS in (element.get("class") or "").split():
            if block := self._read_also(element):
                blocks.append(block)
        elif tag == "p" and any(
            isinstance(child_tag := child.tag, str) and child_tag.lower() in self.BLOCK_LIKE_TAGS
            for child in element
        ):
            # A <p> whose end tag is missing swallows the blocks after it (lxml nests the
            # HTML5 elements it does not know, such as <section>): read it as a container.
            self._walk(element, blocks)
        elif tag in self.BLOCK_TAGS:
            block = self._render_inline(element).block(self._block_tag(tag)) or self._figure(
                element
            )
            if block:
                blocks.append(block)
        elif tag in self.LIST_TAGS:
            items = [self._render_inline(li).result() for li in element.iterchildren("li")]
            items = [(inner, text) for inner, text in items if text]
            if items:
                inner = "".join(f"<li>{item_html}</li>" for item_html, _ in items)
                line_html = normalize_html_line(f"<{tag}>{inner}</{tag}>")
                blocks.append(BodyBlock(line_html, tuple(text for _, text in items)))
        elif tag in ("figure", "img"):
            if figure := self._figure(element):
                blocks.append(figure)
        elif tag in self.CONTAINER_TAGS:
            self._walk(element, blocks)

    def _block_tag(self, tag: str) -> str:
        """The body_html tag of a block element: headings h2/h3, quotes kept, the rest p."""
        return self.HEADINGS.get(tag, "blockquote" if tag == "blockquote" else "p")

    def _figure(self, element: Element) -> BodyBlock | None:
        images = [element] if element.tag == "img" else element.iter("img")
        for image in images:
            src = (image.get("src") or image.get("data-src") or "").strip()
            if src and "pixel" not in (image.get("class") or "").split():
                alt = normalize_text(image.get("alt") or "")
                url = self._absolute(src)
                return BodyBlock(
                    f'<figure><img src="{escape_attr(url)}" alt="{escape_attr(alt)}"></figure>', ()
                )
        return None

    def _read_also(self, element: Element) -> BodyBlock | None:
        anchors = [a for a in element.iter("a") if (a.get("href") or "").strip()]
        if not anchors:
            return self._render_inline(element).block()
        prefix_parts = [element.text or ""]
        for child in element:
            if child.tag == "a" or child in anchors:
                break
            prefix_parts.append(_text_content(child) + (child.tail or ""))
        prefix = normalize_text("".join(prefix_parts)) or self.READ_ALSO_DEFAULT
        links_html: list[str] = []
        titles: list[str] = []
        for anchor in anchors:
            title = normalize_text(_text_content(anchor))
            url = self._absolute(anchor.get("href", ""))
            if title:
                links_html.append(f'<a href="{escape_attr(url)}">{escape_text(title)}</a>')
                titles.append(title)
        if not titles:
            return None
        return BodyBlock(
            f"<p>{escape_text(prefix)} {', '.join(links_html)}</p>",
            (f"{prefix} {', '.join(titles)}",),
        )

    def _render_inline(self, element: Element) -> _Line:
        line = _Line()
        if text := element.text:
            line.add_text(text)
        for child in element:
            if isinstance(tag := child.tag, str):
                self._inline(child, tag.lower(), line)
            if tail := child.tail:
                line.add_text(tail)
        return line

    def _inline(self, element: Element, tag: str, line: _Line) -> None:
        if self._excluded(element, tag):
            return
        if tag == "br":
            line.line_break()
            return
        if tag in ("img", "hr"):
            return
        open_tag = close_tag = ""
        if tag == "a":
            href = element.get("href", "").strip()
            if href and not href.startswith("#") and not href.lower().startswith("javascript:"):
                open_tag, close_tag = f'<a href="{escape_attr(self._absolute(href))}">', "</a>"
        elif tag in self.INLINE_MARKUP:
            name = self.INLINE_MARKUP[tag]
            open_tag, close_tag = f"<{name}>", f"</{name}>"
        elif tag in self.BLOCK_TAGS or tag in self.CONTAINER_TAGS or tag in self.LIST_TAGS:
            line.line_break()
        token = line.open(open_tag) if open_tag else 0
        if text := element.text:
            line.add_text(text)
        for child in element:
            if isinstance(tag := child.tag, str):
                self._inline(child, tag.lower(), line)
            if tail := child.tail:
                line.add_text(tail)
        if open_tag:
            line.close(close_tag, token)

    # -- links -----------------------------------------------------------------------------------

    def _absolute(self, href: str) -> str:
        """Absolute URL; internal links made canonical (https, ``www.``, single slashes)."""
        return _absolute_url(href, self.host, self._fetch_host)

    # -- the item --------------------------------------------------------------------------------

    def to_item(self, scraped_at: str | None = None) -> Article:
        """The raw article (before the cleaning pipelines)."""
        return Article(
            id=self.article_id(),
            url=self.url(),
            edition=self.edition,
            language=self.language(),
            rubric=self.rubric(),
            rubric_name=self.rubric_name(),
            title=self.title(),
            lead=self.lead(),
            label=self.label(),
            body=self.body(),
            body_html=self.body_html(),
            published_at=self.published_at(),
            published_at_raw=self.published_at_raw(),
            modified_at=self.modified_at(),
            authors=self.authors(),
            tags=self.tags(),
            image_url=self.image_url(),
            image_credit=None,
            related=[],
            scraped_at=scraped_at or utc_now_iso(),
        )


@lru_cache(maxsize=4096)
def _absolute_url(href: str, host: str, fetch_host: str) -> str:
    """``ArticlePage._absolute`` for an edition host and the host the page was fetched from."""
    href = href.strip()
    if href.startswith("//") and not _HOST_LIKE.match(href):
        href = "/" + href.lstrip("/")
    base = f"https://{host}/"
    # An absolute http(s) URL with a host splits as urljoin would give it back, so only the
    # other links are joined first; a link kept as it is (external, or another scheme) is
    # returned exactly as urljoin writes it.
    parts = urlsplit(href) if href.startswith(("https://", "http://")) else None
    if parts is None or not parts.netloc:
        parts = urlsplit(urljoin(base, href))
    edition = edition_of_host(parts.netloc)
    if parts.scheme not in ("http", "https") or (
        edition is None and parts.netloc not in (host, fetch_host)
    ):
        return urljoin(base, href)
    canonical_host = EDITION_HOSTS[edition] if edition else host
    path = single_slashes(parts.path) or "/"
    if ref := parse_article_path(path, canonical_host):
        return ref.url
    return urlunsplit(("https", canonical_host, path, parts.query, ""))


def _ld_nodes(data: Any) -> Iterator[JsonObject]:
    if isinstance(data, list):
        for entry in data:
            yield from _ld_nodes(entry)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from _ld_nodes(graph)


def _ld_date(node: JsonObject, key: str) -> str | None:
    value = node.get(key)
    return kyiv_iso(value) if isinstance(value, str | int) else None


def _ld_names(author: Any) -> list[str]:
    entries = author if isinstance(author, list) else [author]
    names: list[str] = []
    for entry in entries:
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, str) and (clean := normalize_text(html.unescape(name))):
            names.append(clean)
    return names


def _none_if_empty(value: str | None) -> str | None:
    return normalize_text(value, unescape=True) or None if value else None
