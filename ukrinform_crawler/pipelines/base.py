"""Shared machinery of the article pipelines: settings, stats, paragraph/line rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol, Self

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings, Settings

from ukrinform_crawler.items import Article
from ukrinform_crawler.text import (
    bounded,
    escape_text,
    html_line_text,
    join_html_lines,
    join_paragraphs,
    normalize_html_line,
    normalize_text,
    normalized,
    split_html_lines,
    split_paragraphs,
)

CLEAN_STAT = "ukrinform/clean/{rule}"
DROP_STAT = "ukrinform/dropped/{reason}"

_LINE_TAGS = "p|h2|h3|blockquote"
"""The tags a body_html line is wrapped in."""
_BLOCK_OPEN = re.compile(f"^<({_LINE_TAGS})>")
_SPACE_AFTER_OPEN = re.compile(f"^<({_LINE_TAGS})> ")
_SPACE_BEFORE_CLOSE = re.compile(f" </({_LINE_TAGS})>$")


_PARAGRAPH_TEXTS: dict[str, tuple[str, ...]] = {}
_LINE_TEXTS: dict[str, tuple[str, ...]] = {}
_ITEM_TEXTS: dict[tuple[str, str], tuple[str, ...]] = {}
_FOLDED_TEXTS: dict[tuple[str, ...], str] = {}


def _part_texts(
    cache: dict[str, tuple[str, ...]],
    value: str,
    split: Callable[[str], list[str]],
    text_of: Callable[[str], str],
) -> tuple[str, ...]:
    """``text_of`` every part of ``value`` (``split``), cached per value."""
    texts = cache.get(value)
    if texts is None:
        texts = tuple(text_of(part) for part in split(value))
        bounded(cache)[value] = texts
    return texts


def paragraph_texts(body: str) -> tuple[str, ...]:
    """The normalised text of every paragraph of a non-empty body, cached per body."""
    return _part_texts(_PARAGRAPH_TEXTS, body, split_paragraphs, normalized)


def item_texts(item: Article) -> tuple[str, ...]:
    """Every distinct paragraph and body_html line text of an item (what ``edit`` may see)."""
    key = (item.body or "", item.body_html or "")
    texts = _ITEM_TEXTS.get(key)
    if texts is None:
        paragraphs = paragraph_texts(key[0]) if key[0] else ()
        lines = line_texts(key[1]) if key[1] else ()
        texts = tuple(dict.fromkeys(paragraphs + lines))
        bounded(_ITEM_TEXTS)[key] = texts
    return texts


def folded_texts(item: Article) -> str:
    """``item_texts`` in one string, lower-cased as ``re.IGNORECASE`` compares ASCII letters
    (the dotless ı, the dotted İ and the long ſ count as i and s there too), cached: the text
    ``MARKERS`` are looked for in."""
    texts = item_texts(item)
    folded = _FOLDED_TEXTS.get(texts)
    if folded is None:
        folded = "\n".join(texts).lower()
        if not folded.isascii():
            folded = folded.replace("ı", "i").replace("i\u0307", "i").replace("ſ", "s")
        bounded(_FOLDED_TEXTS)[texts] = folded
    return folded


def line_texts(body_html: str) -> tuple[str, ...]:
    """The text of every line of a non-empty body_html (``html_line_text``), cached."""
    return _part_texts(_LINE_TEXTS, body_html, split_html_lines, html_line_text)


def _plain_line(line: str, text: str) -> str:
    """``text`` escaped in the block tag of ``line`` (``p`` when it has none), no other markup."""
    match = _BLOCK_OPEN.match(line)
    tag = match.group(1) if match else "p"
    return f"<{tag}>{escape_text(text)}</{tag}>"


def _is_plain_line(line: str) -> bool:
    """True for a body_html line that is its own text escaped in its block tag."""
    return line == _plain_line(line, html_line_text(line))


class StatsLike(Protocol):
    """What the pipelines need from a stats collector (Scrapy's ``StatsCollector`` fits)."""

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None: ...


class ArticlePipeline:
    """Base of every article pipeline: settings come from ``from_crawler``, hits go to stats."""

    def __init__(
        self, settings: BaseSettings | None = None, stats: StatsLike | None = None
    ) -> None:
        self.settings = settings if settings is not None else Settings()
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.settings, crawler.stats)

    def count(self, rule: str, hits: int = 1) -> None:
        if hits and self.stats is not None:
            self.stats.inc_value(CLEAN_STAT.format(rule=rule), hits)

    def process_item(self, item: Article, spider: Spider | None = None) -> Article:
        self.clean(item)
        return item

    def clean(self, item: Article) -> None:
        raise NotImplementedError


class ParagraphPipeline(ArticlePipeline):
    """Edits the body paragraph by paragraph and body_html line by line, by their text.

    ``edit`` returns the text unchanged (keep), a shorter text (a substring was removed) or
    "" (drop). Lines without text (figures) are left alone. The same decision is applied to
    ``body`` paragraphs and ``body_html`` lines, so both stay consistent.
    """

    RULE = "paragraph"
    PURE_EDIT = False
    """True when ``edit`` reads nothing but the text and changes nothing else: each distinct
    text is then edited once per item (a paragraph and its body_html line share their text)."""

    def edit(self, text: str, item: Article) -> str:
        raise NotImplementedError

    def edit_html(self, line: str, new_text: str) -> str:
        """The body_html line after its text became ``new_text`` (markup kept when possible)."""
        return _plain_line(line, new_text)

    def unchanged(self, item: Article) -> bool:
        """True when ``edit`` surely keeps every paragraph and line (a shortcut only)."""
        return False

    def clean(self, item: Article) -> None:
        if self.unchanged(item):
            return
        edits: dict[str, str] = {}

        def edited(text: str) -> str:
            new = edits.get(text)
            if new is None:
                new = self.edit(text, item) if text else text
                if self.PURE_EDIT:
                    edits[text] = new
            return new

        hits = 0
        if item.body:
            paragraphs: list[str] = []
            texts = paragraph_texts(item.body)
            for paragraph, text in zip(split_paragraphs(item.body), texts, strict=True):
                new = edited(text)
                if new != text:
                    hits += 1
                if new or not text:
                    paragraphs.append(new if new != text else paragraph)
            if hits:  # otherwise the body would be rebuilt as it is
                item.body = join_paragraphs(paragraphs) or None
        if item.body_html:
            lines: list[str] = []
            line_hits = 0
            texts = line_texts(item.body_html)
            for line, text in zip(split_html_lines(item.body_html), texts, strict=True):
                new = edited(text)
                if new == text:
                    lines.append(line)
                    continue
                line_hits += 1
                if new:
                    lines.append(normalize_html_line(self.edit_html(line, new)))
            if line_hits:
                item.body_html = join_html_lines(lines) or None
            hits = hits or line_hits
        self.count(self.RULE, hits)


class SubstringPipeline(ParagraphPipeline):
    """Removes every match of ``PATTERN`` from paragraphs; a paragraph left empty is dropped."""

    PURE_EDIT = True
    PATTERN: re.Pattern[str]
    PREFILTER: re.Pattern[str]
    """A cheap pattern that every match of ``PATTERN`` also matches (speed only)."""
    MARKERS: tuple[str, ...] = ()
    """Strings of which every match of ``PREFILTER`` holds one, made of lower-case ASCII and of
    characters without case, looked for in the ``folded_texts`` of the whole item at once
    (speed only: a substring test is several times faster than a case-insensitive regex scan of
    every text)."""

    def unchanged(self, item: Article) -> bool:
        if self.MARKERS:
            folded = folded_texts(item)
            return not any(marker in folded for marker in self.MARKERS)
        return not any(map(self.PREFILTER.search, item_texts(item)))

    def edit(self, text: str, item: Article) -> str:
        if not self.PREFILTER.search(text):
            return text
        removed, matches = self.PATTERN.subn(" ", text)
        return normalize_text(removed) if matches else text

    def edit_html(self, line: str, new_text: str) -> str:
        if _is_plain_line(line):  # what the pattern removed from the text goes from the line
            return super().edit_html(line, new_text)
        candidate = normalize_html_line(self.PATTERN.sub(" ", line))
        candidate = _SPACE_AFTER_OPEN.sub(r"<\1>", candidate)
        candidate = _SPACE_BEFORE_CLOSE.sub(r"</\1>", candidate)
        if html_line_text(candidate) == new_text:
            return candidate
        return super().edit_html(line, new_text)


class WholeParagraphPipeline(ParagraphPipeline):
    """Drops paragraphs that ``PATTERN`` matches as a whole."""

    PURE_EDIT = True
    PATTERN: re.Pattern[str]

    def unchanged(self, item: Article) -> bool:
        return not any(map(self.PATTERN.fullmatch, item_texts(item)))

    def edit(self, text: str, item: Article) -> str:
        return "" if self.PATTERN.fullmatch(text) else text
