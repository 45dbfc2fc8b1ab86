"""Ours without the extraction: ``ukrinform``'s navigation and per-item costs, nothing else.

``scrapy runspider benchmarks/navigation_spider.py -a since=2000-01-01 -s ITEM_PIPELINES={}
-O FILE`` from the project root: no cleaning or validation pipelines. It walks the listing,
requests every article and yields one item per article page as ``ukrinform`` does, through
the same middlewares and feed; but only the first article page is read, and every later page
yields a copy of that article under its own id and URL. What it costs over the bare spider is
what a crawl costs besides extracting and cleaning.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from scrapy import Request
from scrapy.http import Response, TextResponse

from ukrinform_crawler.items import Article
from ukrinform_crawler.pages.article import ArticlePage
from ukrinform_crawler.spiders.listing import UkrinformSpider


class NavigationSpider(UkrinformSpider):
    """``ukrinform`` with every article page after the first left unread."""

    name = "ukrinform-navigation"
    first_article: Article | None = None

    def parse_article(self, response: Response, article_id: int) -> Iterator[Article | Request]:
        if self.first_article is None:
            if not isinstance(response, TextResponse):
                yield from super().parse_article(response, article_id)
                return
            self.first_article = ArticlePage(response, edition=self.edition).to_item()
        self.count("articles/parsed")
        yield dataclasses.replace(self.first_article, id=article_id, url=response.url)
