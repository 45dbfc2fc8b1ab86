"""Item pipelines of an article, in order, and a way to run them all outside a crawl."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Protocol

from scrapy.settings import BaseSettings, Settings
from scrapy.utils.misc import load_object

from ukrinform_crawler.items import Article
from ukrinform_crawler.pipelines.base import StatsLike

ITEM_PIPELINES: dict[str, int] = {
    "ukrinform_crawler.pipelines.cleaning.NormalizeTextPipeline": 100,
    "ukrinform_crawler.pipelines.cleaning.ReadAlsoPipeline": 200,
    "ukrinform_crawler.pipelines.cleaning.PhotoCreditPipeline": 210,
    "ukrinform_crawler.pipelines.cleaning.CitationNoticePipeline": 300,
    "ukrinform_crawler.pipelines.cleaning.AdvertisingDisclaimerPipeline": 310,
    "ukrinform_crawler.pipelines.cleaning.MediaIdentifierPipeline": 320,
    "ukrinform_crawler.pipelines.cleaning.CopyrightLinePipeline": 330,
    "ukrinform_crawler.pipelines.cleaning.PromoLinePipeline": 340,
    "ukrinform_crawler.pipelines.cleaning.SearchFormPipeline": 350,
    "ukrinform_crawler.pipelines.cleaning.PublisherLinePipeline": 360,
    "ukrinform_crawler.pipelines.cleaning.RepeatedHeadingPipeline": 370,
    "ukrinform_crawler.pipelines.cleaning.EmptyParagraphPipeline": 400,
    "ukrinform_crawler.pipelines.cleaning.BylinePipeline": 450,
    "ukrinform_crawler.pipelines.validation.RequiredFieldsPipeline": 900,
}
"""The article pipelines by class path and order, as ``settings.ITEM_PIPELINES`` uses them."""


class _Pipeline(Protocol):
    def process_item(self, item: Article) -> Article: ...


class PipelineChain:
    """The pipelines of ``ITEM_PIPELINES`` run in order on single items, outside a crawl."""

    def __init__(
        self,
        settings: BaseSettings | Mapping[str, Any] | None = None,
        stats: StatsLike | None = None,
        pipelines: Mapping[str, int] | None = None,
    ) -> None:
        if not isinstance(settings, BaseSettings):
            settings = Settings(dict(settings or {}))
        order = sorted((pipelines or ITEM_PIPELINES).items(), key=lambda entry: entry[1])
        self.pipelines: list[_Pipeline] = [load_object(path)(settings, stats) for path, _ in order]

    def process(self, item: Article) -> Article:
        """The cleaned item; raises ``DropItem`` when validation rejects it."""
        for pipeline in self.pipelines:
            item = pipeline.process_item(item)
        return item


@lru_cache(maxsize=1)
def default_chain() -> PipelineChain:
    """The pipelines with default settings, built once."""
    return PipelineChain()


def clean_article(item: Article, settings: Mapping[str, Any] | None = None) -> Article:
    """Run every article pipeline once on ``item`` (raises ``DropItem`` like a crawl drops)."""
    chain = PipelineChain(settings) if settings else default_chain()
    return chain.process(item)


__all__ = ["ITEM_PIPELINES", "PipelineChain", "clean_article", "default_chain"]
