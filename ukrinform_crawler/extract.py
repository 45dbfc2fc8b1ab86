"""Offline extraction: one saved article page to one clean feed record.

Usage: ``python -m ukrinform_crawler.extract PAGE.html[.gz] --url URL [--edition en]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse

from ukrinform_crawler.items import Article
from ukrinform_crawler.pages.article import ArticlePage
from ukrinform_crawler.pipelines import PipelineChain

_GZIP_MAGIC = b"\x1f\x8b"


class ArticleParseError(ValueError):
    """A page whose markup could not be read as an article (the cause is chained)."""


def to_feed(item: Article) -> dict[str, Any]:
    """The item as the feed writes it: a plain dict in field order."""
    return ItemAdapter(item).asdict()


def extract_article(
    html: str | bytes, url: str, *, edition: str | None = None, chain: PipelineChain | None = None
) -> dict[str, Any]:
    """The cleaned feed record of one article page, parsed and cleaned as in a crawl.

    ``html`` may be gzipped bytes. Raises ``ValueError`` when the page is not an article (bot
    challenge, error page) or lacks a required field, and ``ArticleParseError`` (a
    ``ValueError``) when reading it failed.
    """
    body = html.encode("utf-8") if isinstance(html, str) else html
    if body.startswith(_GZIP_MAGIC):
        body = gzip.decompress(body)
    encoding = "utf-8" if isinstance(html, str) else None
    response = HtmlResponse(url=url, body=body, encoding=encoding)
    page = ArticlePage(response, edition=edition)
    try:
        draft = page.to_item() if page.is_article() else None
    except Exception as error:  # any failure to read the markup fails this one page
        raise ArticleParseError(f"cannot parse {url}: {type(error).__name__}: {error}") from error
    if draft is None:
        raise ValueError(f"not an article page (no headline or body markup): {url}")
    try:
        item = (chain or PipelineChain()).process(draft)
    except DropItem as error:
        raise ValueError(f"article rejected: {error}") from error
    return to_feed(item)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ukrinform_crawler.extract",
        description="Print the clean JSON record of a saved Ukrinform article page.",
    )
    parser.add_argument("page", type=Path, help="saved page, .html or .html.gz")
    parser.add_argument(
        "--url",
        help="URL the page was fetched from (default: a file: URL; the canonical link decides)",
    )
    parser.add_argument("--edition", help="edition code (en, uk, …) when the page cannot tell")
    args = parser.parse_args(argv)
    try:
        data = args.page.read_bytes()
    except OSError as error:
        print(f"error: cannot read {args.page}: {error.strerror}", file=sys.stderr)
        return 2
    url = args.url or args.page.resolve().as_uri()
    try:
        record = extract_article(data, url, edition=args.edition)
    except ValueError as error:
        print(f"error: {' '.join(str(error).split())}", file=sys.stderr)  # one line
        return 1
    print(json.dumps(record, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
