"""The ceiling: a bare Scrapy spider that fetches the given URLs and extracts nothing.

``scrapy runspider benchmarks/bare_spider.py -a urls=FILE`` from the project root, so the
project's settings (middlewares, extensions, retries, robots.txt) apply as to ``ukrinform``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from scrapy import Request, Spider
from scrapy.http import Response


class BareSpider(Spider):
    """Requests every URL of the file (one per line); each response is dropped unread."""

    name = "bare"

    def __init__(self, urls: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url_file = Path(urls)

    async def start(self) -> AsyncIterator[Request]:
        with self.url_file.open(encoding="utf-8") as lines:
            for line in lines:
                if url := line.strip():
                    yield Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response: Response, **kwargs: Any) -> None:
        return None
