"""``scrapy crawl`` as Scrapy ships it, plus an exit code from the run outcome (for cron)."""

from __future__ import annotations

import argparse

from scrapy import Spider
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler

from ukrinform_crawler.extensions import RunExtension


class Command(ScrapyCrawlCommand):
    """Exit code 0 on success, 1 when the run failed, 75 when another run holds the state lock.

    The outcome comes from ``RunExtension.exit_code``; see that class for what counts as failure.
    """

    def long_desc(self) -> str:
        return (
            f"{self.short_desc()}. Exit code: 0 success; 1 failure (close reason not finished, "
            "error rate over UKRINFORM_MAX_ERROR_RATE, no article emitted while new ones were "
            "listed); 75 another run holds the state lock."
        )

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        crawler = super()._create_crawler(spidercls)
        self.crawler = crawler
        return crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        crawler: Crawler | None = getattr(self, "crawler", None)
        if self.exitcode or crawler is None:
            return
        try:
            run = crawler.get_extension(RunExtension)
        except RuntimeError:  # the crawl never got as far as loading extensions
            return
        if run is not None:
            self.exitcode = run.exit_code
