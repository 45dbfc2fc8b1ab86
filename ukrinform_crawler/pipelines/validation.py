"""Validation pipeline: an article missing a required field never reaches the feed."""

from __future__ import annotations

import logging

from scrapy.exceptions import DropItem

from ukrinform_crawler.items import Article
from ukrinform_crawler.pipelines.base import DROP_STAT, ArticlePipeline

logger = logging.getLogger(__name__)

DEFAULT_REQUIRED_FIELDS = ("id", "url", "title", "body", "published_at")


class RequiredFieldsPipeline(ArticlePipeline):
    """Drops articles lacking any field of ``UKRINFORM_REQUIRED_FIELDS`` (stat per field)."""

    def required(self) -> list[str]:
        return self.settings.getlist("UKRINFORM_REQUIRED_FIELDS", list(DEFAULT_REQUIRED_FIELDS))

    def clean(self, item: Article) -> None:
        missing = [name for name in self.required() if not getattr(item, name, None)]
        if not missing:
            return
        for name in missing:
            if self.stats is not None:
                self.stats.inc_value(DROP_STAT.format(reason=f"missing_{name}"))
        reason = f"missing {', '.join(missing)}: {item.url}"
        logger.debug("dropping article: %s", reason)
        raise DropItem(reason)
