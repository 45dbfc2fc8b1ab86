"""Item pipelines of an article, in order, and a way to run them all outside a crawl."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from scrapy.settings import BaseSettings, Settings
from scrapy.utils.misc import load_object

from ukrinform_crawler.items import Article
from ukrinform_crawler.pipelines.base import StatsLike

ITEM_PIPELINES: dict[str, int] = {
    "ukrinform_crawler.pipelines.cleaning.ReadAlsoPipeline": 200,
    "ukrinform_crawler.pipelines.cleaning.CitationNoticePipeline": 300,
    "ukrinform_crawler.pipelines.cleaning.AdvertisingDisclaimerPipeline": 310,
    "ukrinform_crawler.pipelines.cleaning.MediaIdentifierPipeline": 320,
    "ukrinform_crawler.pipelines.cleaning.CopyrightLinePipeline": 330,
    "ukrinform_crawler.pipelines.cleaning.PromoLinePipeline": 340,
    "ukrinform_crawler.pipelines.cleaning.SearchFormPipeline": 350,
    "ukrinform_crawler.pipelines.cleaning.PublisherLinePipeline": 360,
    "ukrinform_crawler.pipelines.cleaning.PhotoCreditPipeline": 365,
    "ukrinform_crawler.pipelines.cleaning.RepeatedHeadingPipeline": 370,
    "ukrinform_crawler.pipelines.cleaning.BylinePipeline": 450,
    "ukrinform_crawler.pipelines.render.RenderPipeline": 800,
    "ukrinform_crawler.pipelines.validation.RequiredFieldsPipeline": 900,
}
"""The article pipelines by class path and order, as ``settings.ITEM_PIPELINES`` uses them:
the cleaning rules on the draft, the render step that makes the ``Article``, validation."""


class _Pipeline(Protocol):
    def process_item(self, item: Any) -> Any: ...


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
        """The cleaned, rendered item; raises ``DropItem`` when validation rejects it."""
        result: Any = item
        for pipeline in self.pipelines:
            result = pipeline.process_item(result)
        if not isinstance(result, Article):
            raise TypeError(f"the pipelines gave {type(result).__name__}, not an Article")
        return result


def clean_article(item: Article, settings: Mapping[str, Any] | None = None) -> Article:
    """Run every article pipeline once on ``item`` (raises ``DropItem`` like a crawl drops)."""
    return PipelineChain(settings).process(item)


__all__ = ["ITEM_PIPELINES", "PipelineChain", "clean_article"]
