"""Versions each article against the incremental state (runs after validation)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

from itemadapter import ItemAdapter
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from ukrinform_crawler.extensions import RunExtension
from ukrinform_crawler.items import Article
from ukrinform_crawler.state import (
    STATE_ERRORS,
    StateNotWritten,
    Store,
    UnchangedArticle,
    content_hash,
    utcnow,
)


class StatePipeline:
    """New article → version 1; changed since its export → last version + 1; unchanged → dropped.

    The content hash covers ``state.CONTENT_FIELDS``. The export itself is recorded once the record
    is written (see ``extensions.RunExtension``), not here.
    """

    def __init__(
        self,
        crawler: Crawler,
        store: Store,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.crawler = crawler
        self.store = store
        self.on_error = on_error
        """Told when the state cannot be written (the run then fails and stops)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        store = RunExtension.store_of(crawler)
        run = crawler.get_extension(RunExtension)
        if store is None or run is None:
            raise NotConfigured  # no state: no message, Scrapy logs one for every message
        return cls(crawler, store, run.state_failed)

    def process_item(self, item: Article, spider: Spider | None = None) -> Article:
        try:
            return self.version(item)
        except STATE_ERRORS as error:
            if self.on_error is not None:
                self.on_error(error)
            url = ItemAdapter(item).get("url")
            raise StateNotWritten(f"state not written ({error}): {url}") from error

    def version(self, item: Article) -> Article:
        adapter = ItemAdapter(item)
        article_id = adapter.get("id")
        if not isinstance(article_id, int):
            return item
        now = utcnow()
        state = self.store.get(article_id)
        digest = content_hash(adapter.asdict())
        self.store.record_fetch(article_id, str(adapter.get("url") or ""), now)
        if state is not None and state.exported:
            if state.content_hash == digest:
                self.count("unchanged")
                raise UnchangedArticle(
                    f"Article {article_id} unchanged since version {state.version}: "
                    f"{adapter.get('url')}"
                )
            adapter["version"] = state.version + 1
            self.count("updated")
        else:
            adapter["version"] = 1
            self.count("new")
        return item

    def count(self, key: str) -> None:
        self.crawler.stats.inc_value(f"ukrinform/state/{key}")
