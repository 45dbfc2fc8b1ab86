"""The article page: the fields of one Ukrinform article (news or interview layout), no I/O.

JSON-LD ``NewsArticle`` (chosen by ``@type``) and the visible markup are combined per field;
the body comes from ``pages.body`` as blocks, cleaned and rendered by the pipelines.
"""

from __future__ import annotations

import html
import json
from dataclasses import fields
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import TextResponse

from ukrinform_crawler.items import Article
from ukrinform_crawler.pages.blocks import ArticleDraft, Block
from ukrinform_crawler.pages.body import read_body, text_content
from ukrinform_crawler.pages.document import Document
from ukrinform_crawler.text import kyiv_iso, normalize_text, utc_now_iso
from ukrinform_crawler.urls import (
    EDITION_HOSTS,
    ArticleRef,
    absolute_link,
    canonical_article_url,
    edition_of_host,
    parse_article_path,
)

JsonObject = dict[str, Any]
_JSON_LD_DECODER = json.JSONDecoder(strict=False)


class ArticlePage:
    """One article page turned into an ``ArticleDraft``: a method per field of ``Article``
    (named like it) reads that field; ``to_item`` calls each one there is."""

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
    BODY_MARKUP = "div.newsText, div.interviewText, article p"
    TEMPLATE_BODIES = ("div.newsText > div:not(.newsHeading)", "div.interviewText", "div.newsText")
    """Body containers of the article templates (the ``article`` fallback is not one)."""

    def __init__(self, response: TextResponse, edition: str | None = None) -> None:
        self.response = response
        self.document = Document(response)
        self._edition_arg = edition

    # -- reading -----------------------------------------------------------------------------

    def _first_text(self, css: str, *, menu: bool = False) -> str | None:
        selected = self.document.select(css, menu=menu)
        return normalize_text(text_content(selected[0])) or None if selected else None

    def _attr(self, css: str) -> str | None:
        selected = self.document.select(css)
        value = selected[0].strip() if selected and isinstance(selected[0], str) else ""
        return value or None

    @cached_property
    def _json_ld(self) -> dict[str, JsonObject]:
        """JSON-LD nodes by ``@type`` (the first of each type)."""
        nodes: dict[str, JsonObject] = {}
        for raw in self.document.select(self.JSON_LD):
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
        nested = self.web_page().get("breadcrumb")
        return self._json_ld.get("BreadcrumbList") or (nested if isinstance(nested, dict) else {})

    # -- identity: edition, URL, id, rubric ------------------------------------------------

    @cached_property
    def _canonical_links(self) -> tuple[str | None, str | None]:
        """The page's own URL as it states it: ``link[rel=canonical]``, then ``og:url``."""
        return self._attr(self.CANONICAL), self._attr(self.OG_URL)

    @cached_property
    def _fetch_host(self) -> str:
        return urlsplit(self.response.url).netloc

    @cached_property
    def _edition(self) -> str | None:
        if self._edition_arg:
            return self._edition_arg
        canonical = next((href for href in self._canonical_links if href), "")
        for host in (urlsplit(canonical).netloc, self._fetch_host):
            if edition := edition_of_host(host):
                return edition
        language = self.language()
        return language if language in EDITION_HOSTS else None

    def edition(self) -> str | None:
        """Explicit, else canonical link host, else response host, else ``<html lang>``."""
        return self._edition

    @cached_property
    def host(self) -> str:
        """Canonical host of the edition (the response host when the edition is unknown)."""
        return EDITION_HOSTS.get(self._edition or "", self._fetch_host)

    @cached_property
    def ref(self) -> ArticleRef | None:
        """Id, rubric and canonical URL: from the canonical link, else the response path."""
        for href in self._canonical_links:
            ref = canonical_article_url(href, self.host) if href else None
            if ref and urlsplit(ref.url).netloc == self.host:
                return ref
        return parse_article_path(urlsplit(self.response.url).path, self.host)

    def absolute(self, href: str) -> str:
        """An absolute, canonical URL for a link of the page."""
        return absolute_link(href, self.host, self._fetch_host)

    def id(self) -> int | None:
        return self.ref.id if self.ref else None

    def url(self) -> str:
        canonical = next((href for href in self._canonical_links if href), None)
        return self.ref.url if self.ref else canonical or self.response.url

    def language(self) -> str | None:
        lang = self._attr(self.HTML_LANG)
        return lang.split("-")[0].lower() if lang else None

    def rubric(self) -> str | None:
        return self.ref.rubric if self.ref else None

    def rubric_name(self) -> str | None:
        """BreadcrumbList item 2, else the current rubric of the left menu."""
        elements = self.breadcrumbs().get("itemListElement")
        for element in elements if isinstance(elements, list) else []:
            if isinstance(element, dict) and element.get("position") in (2, "2"):
                item = element.get("item")
                name = item.get("name") if isinstance(item, dict) else element.get("name")
                if isinstance(name, str) and name.strip():
                    return normalize_text(name, unescape=True)
        return self._first_text(self.CURRENT_RUBRIC, menu=True)

    # -- headline fields ---------------------------------------------------------------------

    def title(self) -> str | None:
        """``h1.newsTitle`` (never the site ``<h1>``), interview ``div.firstTitle``, metadata."""
        headline = self.news_article().get("headline")
        og_title = self._attr(self.OG_TITLE)
        return (
            self._first_text(self.TITLE)
            or self._first_text(self.INTERVIEW_TITLE)
            or (normalize_text(headline, unescape=True) if isinstance(headline, str) else None)
            or (normalize_text(og_title, unescape=True) or None if og_title else None)
        )

    @cached_property
    def _lead(self) -> str | None:
        return self._first_text(self.LEAD) or self._first_text(self.INTERVIEW_LEAD)

    def lead(self) -> str | None:
        return self._lead

    def label(self) -> str | None:
        return self._first_text(self.LABEL)

    def published_at_raw(self) -> str | None:
        return self._first_text(self.DATE) or self._first_text(self.INTERVIEW_DATE)

    def published_at(self) -> str | None:
        """NewsArticle ``datePublished``, else ``<time datetime>``, WebPage epoch, raw text."""
        times = [e.get("datetime") for e in self.document.select(self.DATE)]
        time_attr = next((value.strip() for value in times if value is not None), None)
        return (
            _ld_date(self.news_article(), "datePublished")
            or kyiv_iso(time_attr or None)
            or _ld_date(self.web_page(), "datePublished")
            or kyiv_iso(self.published_at_raw())
        )

    def modified_at(self) -> str | None:
        return _ld_date(self.news_article(), "dateModified") or _ld_date(
            self.web_page(), "dateModified"
        )

    def authors(self) -> list[str]:
        """The JSON-LD author names (a byline closing the body replaces them when cleaned)."""
        return _ld_names(self.news_article().get("author")) or _ld_names(
            self.web_page().get("author")
        )

    def tags(self) -> list[str]:
        names = (normalize_text(text_content(tag)) for tag in self.document.select(self.TAGS))
        return list(dict.fromkeys(name for name in names if name))

    def image_url(self) -> str | None:
        src = self._attr(self.IMAGE) or self._attr(self.OG_IMAGE)
        if not src:
            image = self.news_article().get("image")
            if isinstance(image, list) and image:
                image = image[0]
            if isinstance(image, dict):
                image = image.get("url")
            src = image if isinstance(image, str) else None
        return self.absolute(src) if src else None

    # -- body and validity -------------------------------------------------------------------

    @cached_property
    def _body(self) -> tuple[str | None, list[Block]]:
        return read_body(self.document, self.absolute, self._lead)

    def blocks(self) -> tuple[Block, ...]:
        """The body blocks in page order, before cleaning."""
        return tuple(self._body[1])

    def is_article(self) -> bool:
        """False for a 200 page without article markup (bot challenge, error or listing page)."""
        has_title = bool(
            self.document.select(self.TITLE)
            or self.document.select(self.INTERVIEW_TITLE)
            or self.news_article().get("headline")
        )
        container, blocks = self._body
        if not has_title or not blocks:
            return False
        return container in self.TEMPLATE_BODIES or bool(self.document.select(self.BODY_MARKUP))

    def to_item(self, scraped_at: str | None = None) -> ArticleDraft:
        """The draft of the article: every ``Article`` field the page has a method for, and
        the body blocks (the pipelines clean them and render the exported ``Article``)."""
        values: dict[str, Any] = {
            item.name: reader()
            for item in fields(Article)
            if callable(reader := getattr(self, item.name, None))
        }
        return ArticleDraft(**values, blocks=self.blocks(), scraped_at=scraped_at or utc_now_iso())


def _ld_nodes(data: Any) -> list[JsonObject]:
    """The objects of a JSON-LD document, ``@graph`` entries included (no recursion into
    other values)."""
    nodes: list[JsonObject] = []
    pending = [data]
    while pending:
        value = pending.pop(0)
        if isinstance(value, list):
            pending[:0] = value
        elif isinstance(value, dict):
            nodes.append(value)
            if isinstance(graph := value.get("@graph"), list):
                pending[:0] = graph
    return nodes


def _ld_date(node: JsonObject, key: str) -> str | None:
    value = node.get(key)
    return kyiv_iso(value) if isinstance(value, str | int) else None


def _ld_names(author: Any) -> list[str]:
    names: list[str] = []
    for entry in author if isinstance(author, list) else [author]:
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, str) and (clean := normalize_text(html.unescape(name))):
            names.append(clean)
    return names
