"""``scrapy crawl`` as Scrapy ships it, plus usage checks and an exit code for cron."""

from __future__ import annotations

import argparse
import sys

from scrapy import Spider
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler
from scrapy.spiderloader import get_spider_loader

from ukrinform_crawler.extensions import RunExtension
from ukrinform_crawler.report import EXIT_FAILED, EXIT_USAGE
from ukrinform_crawler.usage import ArgumentError, check_arguments, check_settings


class Command(ScrapyCrawlCommand):
    """Exit code 0 done, 1 failed, 2 usage error (before any request), 75 locked.

    The outcome of a run comes from ``RunExtension.exit_code`` (see ``report``).
    """

    def long_desc(self) -> str:
        return (
            f"{self.short_desc()}. Exit code: 0 done; 1 the run failed (output not written, "
            "error rate over UKRINFORM_MAX_ERROR_RATE, close reason not finished, origin "
            "unreachable, layout drift); 2 usage error; 75 another run holds the state lock."
        )

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        crawler = super()._create_crawler(spidercls)
        self.crawler = crawler
        return crawler

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        """Scrapy's options, then our checks of the arguments and settings, before anything
        starts: a usage error is one line on stderr and exit code 2."""
        super().process_options(args, opts)
        if len(args) != 1 or self.settings is None:
            return  # Scrapy says what is wrong itself
        loader = get_spider_loader(self.settings)
        try:
            spidercls = loader.load(args[0])
            check_settings(self.settings)
            check_arguments(spidercls, opts.spargs)
        except KeyError:
            message = f"unknown spider {args[0]!r}; spiders: {', '.join(loader.list())}"
        except ArgumentError as error:
            message = str(error)
        else:
            self.check_redis_reachable()
            return
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)

    def check_redis_reachable(self) -> None:
        """Distributed mode: a Redis that does not answer fails the run at once (one line,
        exit 1), before Scrapy starts."""
        url = self.settings.get("UKRINFORM_REDIS_URL") if self.settings is not None else None
        if not url:
            return
        from ukrinform_crawler.distributed.connection import unreachable

        if why := unreachable(str(url)):
            print(f"error: {why}", file=sys.stderr)
            raise SystemExit(EXIT_FAILED)

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
            run.log_summary()
            self.exitcode = run.exit_code
