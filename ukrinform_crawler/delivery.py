"""Where a run's records go, and when they count as exported: delivery before bookkeeping.

Feed-dir mode (a state and no ``-o``/``-O``): each record goes to the run's own feed file
(``feeds.FeedDirFile``: a flushed line, recorded in the state in batches after an ``fsync``);
first, the ``.part`` files that interrupted runs (or workers that are gone) left are recovered.
With ``-o``/``-O`` the records wait in the state's pending exports until Scrapy's feed exporter
has stored every feed without error. Without a state nothing is recorded. The first failure of
the output, or of recording it, is kept in ``errors`` and reported through ``on_failure`` (the run
stops fetching); nothing is recorded after it.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter

from ukrinform_crawler.feeds import (
    PART_SUFFIX,
    FeedDirFile,
    FeedOutputError,
    Recovered,
    export_of,
    local_path,
    recover_part,
    unwritable_reason,
)
from ukrinform_crawler.state import StateStore, Store, StoreError, utcnow

logger = logging.getLogger(__name__)

RECORD_ERRORS = (FeedOutputError, sqlite3.Error, StoreError)
"""What writing a record or recording it can raise."""


class Delivery:
    """The output of one run and its bookkeeping in the state (see the module docstring)."""

    def __init__(
        self,
        store: Store | None,
        feeds: list[str],
        feed_dir: Path,
        on_failure: Callable[[str], None],
    ) -> None:
        self.store = store
        self.feeds = feeds
        self.feed_dir = feed_dir
        self.on_failure = on_failure
        self.run_id = f"{time.time():.6f}"
        self.feed: FeedDirFile | None = None
        self.errors: list[str] = []
        self.exporter_closed = asyncio.Event()
        """Set by the run when Scrapy's feed exporter has stored (or failed to store) its feeds."""

    @property
    def feed_dir_mode(self) -> bool:
        """A state and no ``-o``/``-O``: the run writes its own feed file."""
        return self.store is not None and not self.feeds

    @property
    def distributed(self) -> bool:
        return self.store is not None and not isinstance(self.store, StateStore)

    def unwritable_feed(self) -> str | None:
        """A ``-o``/``-O`` file that cannot be written, and why (checked before any request)."""
        for uri in self.feeds:
            path = local_path(uri)
            if path is not None and (why := unwritable_reason(path)):
                return f"{path}: {why}"
        return None

    def open(self, edition: str, started: float) -> list[tuple[Recovered, str]]:
        """Readies the output: forgets the pending exports of an interrupted ``-o``/``-O`` run;
        in feed-dir mode recovers the leftover ``.part`` files (each with where it came from)
        and names the run's feed file. Raises OSError or a state error."""
        if self.store is None:
            return []
        if dropped := self.store.drop_pending():
            logger.info("%d records of an interrupted -o/-O run were never stored", dropped)
        if not self.feed_dir_mode:
            return []
        self.feed_dir.mkdir(parents=True, exist_ok=True)
        recovered = self.recover()
        worker = str(getattr(self.store, "worker", "")) or None
        self.feed = FeedDirFile(self.feed_dir, edition, started, self.store, worker=worker)
        return recovered

    def recover(self) -> list[tuple[Recovered, str]]:
        """The feed files left behind: by this state's interrupted runs (the feed dir is locked),
        or, in distributed mode, by the job's workers that are gone."""
        store = self.store
        if store is None:
            return []
        if self.distributed:
            from ukrinform_crawler.distributed.feeds import recover_gone_workers
            from ukrinform_crawler.distributed.store import RedisStateStore

            if not isinstance(store, RedisStateStore):
                return []
            return [(found, "a worker that is gone") for found in recover_gone_workers(store)]
        recovered = []
        for part in sorted(self.feed_dir.glob(f"*.jsonl{PART_SUFFIX}")):
            if store.owns_feed_file(part.name.removesuffix(PART_SUFFIX)):
                recovered.append((recover_part(part, store), "an interrupted run"))
            else:
                logger.warning("Leaving %s alone: another state's run wrote it", part)
        return recovered

    def deliver(self, item: Any) -> None:
        """Writes one record (feed-dir mode) or keeps it pending (``-o``/``-O``)."""
        adapter = ItemAdapter(item)
        if self.errors or self.store is None or not isinstance(adapter.get("id"), int):
            return
        try:
            if self.feed is not None:
                self.feed.write(item)
            else:
                export = export_of(adapter.asdict(), " ".join(self.feeds))
                self.store.add_pending(export, self.run_id)
        except RECORD_ERRORS as error:
            self.fail(self.describe(error))

    def record_written(self) -> bool:
        """Syncs the feed file and records every line written so far (a distributed worker does
        this before it releases a lease); False when the output or the state failed."""
        if self.errors:
            return False
        if self.feed is None or not self.feed.unrecorded:
            return True
        try:
            self.feed.sync()
        except RECORD_ERRORS as error:
            self.fail(self.describe(error))
            return False
        return True

    def settle_feeds(self, stats: Mapping[str, Any]) -> None:
        """Records the ``-o``/``-O`` exports as delivered when every feed was stored."""
        failed = {
            key: value
            for key, value in stats.items()
            if key.startswith("feedexport/failed_count/") and value
        }
        if failed and not self.errors:
            self.errors.append(f"{' '.join(self.feeds)}: not stored ({failed})")
        if self.store is None or not self.store.is_open:
            return
        if self.errors:
            dropped = self.store.drop_pending(self.run_id)
            logger.error("%d records are not recorded as exported: the feed failed", dropped)
        else:
            self.store.promote_pending(self.run_id, utcnow())

    def finish(self) -> Path | None:
        """Closes the run's feed file: renamed into place, or left as ``.part`` for the next run
        when the output failed; its path, or None."""
        if self.feed is None:
            return None
        try:
            path = self.feed.finish(rename=not self.errors)
        except RECORD_ERRORS as error:
            self.fail(self.describe(error), stop=False)
            path = None
        if self.errors:
            logger.error("Feed file left as %s for the next run to recover", self.feed.part)
        return path

    def outputs(self, feed_path: Path | None) -> list[str]:
        """What the run wrote to, for the report and the summary."""
        return [str(feed_path)] if feed_path else list(self.feeds)

    def report_path(self, edition: str, started: float) -> Path:
        """Beside the feed file, or in the feed dir when the run has none."""
        if self.feed is not None:
            return self.feed.report
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(started))
        return self.feed_dir / f"{edition}-{stamp}.report.json"

    def fail(self, message: str, *, stop: bool = True) -> None:
        """The output cannot be written: keep why, and (the first time) stop the run."""
        first = not self.errors
        self.errors.append(message)
        if first:
            logger.error("Cannot write the output %s; stopping the crawl", message)
            if stop:
                self.on_failure(message)

    def describe(self, error: BaseException) -> str:
        if isinstance(error, FeedOutputError):
            return str(error)
        where = self.store.location if self.store is not None else "-"
        return f"state {where}: {error}"


def log_recovered(recovered: Iterable[tuple[Recovered, str]], stats: Any) -> None:
    """One warning per recovered feed file, and the count of its lines kept."""
    for found, origin in recovered:
        stats.inc_value("ukrinform/state/recovered_lines", found.kept)
        logger.warning(
            "Recovered %s from %s: %d complete lines kept, %d dropped",
            found.final or found.part,
            origin,
            found.kept,
            found.dropped,
        )
