"""What the article pipelines share: settings, stats, and editing the blocks of a draft."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol, Self

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings, Settings

from ukrinform_crawler.boilerplate import Patterns, patterns_for
from ukrinform_crawler.pages.blocks import LIST_KINDS, TEXT_KINDS, ArticleDraft, Block

CLEAN_STAT = "ukrinform/clean/{rule}"
DROP_STAT = "ukrinform/dropped/{reason}"

LineEdit = Callable[[Block], Block | None]
"""An edit of one line of text (a paragraph, heading, quote or list item): the line, an
edited line, or None to drop it."""


class StatsLike(Protocol):
    """What the pipelines need from a stats collector (Scrapy's ``StatsCollector`` fits)."""

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None: ...


class ArticlePipeline:
    """Base of every article pipeline: settings come from ``from_crawler``, counts go to stats."""

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

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        raise NotImplementedError


class CleaningRule(ArticlePipeline):
    """One cleaning rule: a plain function of a draft (and its edition's catalogue) that drops
    or edits blocks, counted in ``ukrinform/clean/<RULE>``. Idempotent. Items that are no
    draft (already rendered) pass untouched."""

    RULE = "rule"

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, ArticleDraft):
            return item
        hits = self.clean(item, patterns_for(item.edition))
        self.count(self.RULE, hits)
        return item

    def clean(self, draft: ArticleDraft, patterns: Patterns) -> int:
        """Clean ``draft`` in place; returns how many blocks (or fields) changed."""
        raise NotImplementedError


class LineRule(CleaningRule):
    """A rule that edits each line of text alone (``edit``); figures are left alone, a list
    without items is dropped."""

    def edit(self, line: Block, draft: ArticleDraft, patterns: Patterns) -> Block | None:
        raise NotImplementedError

    def clean(self, draft: ArticleDraft, patterns: Patterns) -> int:
        blocks, hits = edit_lines(draft.blocks, lambda line: self.edit(line, draft, patterns))
        if hits:
            draft.blocks = blocks
        return hits


def edit_lines(blocks: tuple[Block, ...], edit: LineEdit) -> tuple[tuple[Block, ...], int]:
    """``blocks`` with ``edit`` applied to each line of text, and how many lines it changed."""
    kept: list[Block] = []
    hits = 0

    def edited(line: Block) -> Block | None:
        nonlocal hits
        new = edit(line)
        hits += new is not line  # a rule returns the very line it keeps
        return new

    for block in blocks:
        if block.kind in TEXT_KINDS:
            if (new := edited(block)) is not None:
                kept.append(new)
        elif block.kind in LIST_KINDS:
            items = tuple(item for line in block.items if (item := edited(line)) is not None)
            if items:
                kept.append(replace(block, items=items) if items != block.items else block)
        else:
            kept.append(block)
    return tuple(kept), hits
